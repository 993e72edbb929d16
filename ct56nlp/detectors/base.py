"""The detector contract: one small class per detector, all returning the same ``Finding`` type.

A detector is pure: it reads a passage (with its tokens, segmented once by the analyzer) and a
:class:`Context` (the document, its structure, the reference date ``as_of``), and returns
findings.  It does no I/O and never reads the clock, so results are reproducible.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from ..indicators import label
from ..passages import Passage
from ..segment import Token
from ..types import Document, Evidence, Finding, Span, Structure

__all__ = ["Context", "PassageView", "Detector", "make_finding"]


@dataclass(frozen=True)
class PassageView:
    """A passage and its tokens, as every detector receives it."""

    passage: Passage
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return self.passage.text

    @property
    def span(self) -> Span:
        return self.passage.span

    @property
    def folded(self) -> str:
        """Lower-case text for pattern matching (offsets equal to ``text``'s)."""
        return self.passage.text.lower()


@dataclass(frozen=True)
class Context:
    """What a detector may know beyond the passage."""

    text: str
    document: Document | None = None
    structure: Structure | None = None
    as_of: date | None = None
    passages: tuple[Passage, ...] = field(default_factory=tuple)


def make_finding(
    detector: str,
    indicator: int,
    view: PassageView,
    score: float,
    message: str,
    *,
    rule: str | None = None,
    features: Sequence[str] = (),
    cue: Span | None = None,
    span: Span | None = None,
    text: str | None = None,
) -> Finding:
    """A finding on ``view``'s passage (or on ``span``/``text`` when given)."""
    span = span or view.span
    return Finding(
        indicator=indicator,
        label=label(indicator),
        span=span,
        text=text if text is not None else view.text,
        score=float(score),
        evidence=(Evidence(detector, message, rule=rule, score=float(score), features=tuple(features), span=cue),),
        passage=view.passage.index,
    )


class Detector(ABC):
    """Base class of every detector.

    ``name`` identifies it in evidence and in the registry; ``indicators`` lists what it can
    find; ``requires`` names what it reads besides the passage text ("tokens", "structure").
    """

    name: ClassVar[str]
    version: ClassVar[str] = "1"
    indicators: ClassVar[tuple[int, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        """Findings for one passage."""

    def detect_all(self, views: Sequence[PassageView], context: Context) -> list[list[Finding]]:
        """Findings for every passage; detectors that batch (the classifier) override this."""
        return [list(self.detect(v, context)) for v in views]

    def describe(self) -> dict[str, object]:
        return {"name": self.name, "version": self.version, "indicators": list(self.indicators), "requires": list(self.requires)}
