"""ct56nlp: find the behaviours Directive 56-CT/TU forbids in Vietnamese official correspondence.

Public API: :func:`extract` (file -> :class:`Document`), :func:`analyze` (file -> :class:`Report`
with structure and findings), :class:`Analyzer`, :func:`load_model`, the result types, and the
:class:`Ct56Error` tree.  The analysis parts are imported on first use, so ``import ct56nlp``
stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import Ct56Error  # noqa: E402
from .indicators import INDICATORS, Indicator  # noqa: E402
from .readers import Limits, extract  # noqa: E402
from .types import Deadline, Document, Evidence, Field, Finding, Notice, Reference, Span, Structure  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from .analyzer import Analyzer, Report, analyze
    from .ml.persist import load_model

__all__ = [
    "__version__", "extract", "analyze", "Analyzer", "Report", "load_model", "Limits", "Document", "Structure",
    "Field", "Reference", "Deadline", "Finding", "Evidence", "Notice", "Span", "Ct56Error", "INDICATORS", "Indicator",
]  # fmt: skip

_LAZY = {"analyze": "analyzer", "Analyzer": "analyzer", "Report": "analyzer", "load_model": "ml.persist"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name]}", __name__)
        return getattr(module, name)
    raise AttributeError(f"module 'ct56nlp' has no attribute {name!r}")
