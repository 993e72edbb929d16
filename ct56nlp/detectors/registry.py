"""Detectors by name: the built-ins, listed explicitly, plus third-party ones from the
``ct56nlp.detectors`` entry-point group.  A registry is an ordinary object (no process-wide
state): :func:`default_registry` builds a fresh one."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from ..errors import ConfigError
from .base import Detector

__all__ = ["Registry", "default_registry", "ENTRY_POINT_GROUP"]

ENTRY_POINT_GROUP = "ct56nlp.detectors"


class Registry:
    def __init__(self) -> None:
        self._classes: dict[str, type[Detector]] = {}

    def register(self, cls: type[Detector]) -> type[Detector]:
        """Add a detector class (usable as a decorator)."""
        if not (isinstance(cls, type) and issubclass(cls, Detector)):
            raise ConfigError(f"{cls!r} is not a Detector subclass")
        name = getattr(cls, "name", None)
        if not name:
            raise ConfigError(f"detector class {cls.__name__} has no name")
        if name in self._classes and self._classes[name] is not cls:
            raise ConfigError(f"two detectors are named {name!r}")
        self._classes[name] = cls
        return cls

    def names(self) -> list[str]:
        return sorted(self._classes)

    def get(self, name: str) -> type[Detector]:
        try:
            return self._classes[name]
        except KeyError:
            raise ConfigError(f"no detector named {name!r}; known: {', '.join(self.names())}") from None

    def create(self, name: str, **config: Any) -> Detector:
        return self.get(name)(**config)

    def load_entry_points(self) -> list[str]:
        """Register detectors that installed packages declare; return their names."""
        added = []
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                cls = ep.load()
            except Exception as exc:
                raise ConfigError(f"detector entry point {ep.name!r} failed to load: {exc}") from exc
            self.register(cls)
            added.append(cls.name)
        return added


def default_registry(*, plugins: bool = False) -> Registry:
    """The built-in detectors (and, with ``plugins=True``, installed third-party ones)."""
    from .classifier import ClassifierDetector
    from .rules import RuleDetector
    from .structural import DeputyReplyDetector, HoldingReplyDetector, UpwardReferralDetector, VagueDirectionDetector

    reg = Registry()
    for cls in (RuleDetector, VagueDirectionDetector, HoldingReplyDetector, UpwardReferralDetector,
                DeputyReplyDetector, ClassifierDetector):  # fmt: skip
        reg.register(cls)
    if plugins:
        reg.load_entry_points()
    return reg
