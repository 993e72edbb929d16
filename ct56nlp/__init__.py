"""ct56nlp: find the behaviours Directive 56-CT/TU forbids in Vietnamese official correspondence."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Ct56Error  # noqa: E402
from .readers import Limits, extract  # noqa: E402
from .indicators import INDICATORS, Indicator  # noqa: E402
from .types import Document, Notice, Span  # noqa: E402

__all__ = ["__version__", "extract", "Limits", "Document", "Notice", "Span", "Ct56Error", "INDICATORS", "Indicator"]
