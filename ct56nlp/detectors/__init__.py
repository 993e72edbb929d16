"""Detectors: one small class each, all returning :class:`~ct56nlp.types.Finding`."""

from .base import Context, Detector, PassageView
from .registry import Registry, default_registry

__all__ = ["Context", "Detector", "PassageView", "Registry", "default_registry"]
