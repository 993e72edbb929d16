"""Lines of canonical text with their offsets, and the regions of a letter they fall into."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Field, Span

__all__ = ["Line", "split_lines", "field", "sentence_around", "MOTTO_RE", "strip_motto"]


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def sub(self, i: int, j: int) -> "Line":
        """The part ``[i, j)`` of this line, with leading and trailing blanks trimmed."""
        piece = self.text[i:j]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return Line(piece, self.start + i + lead)


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(text) if end is None else end
    out = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if stripped:
            out.append(Line(stripped, pos + lead))
        if nl < 0:
            break
        pos = nl + 1
    return out


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``: from the last ". " or line break
    before it to the first one after it."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left + 1 : min(right) if right else len(text)]


def field(text: str, start: int, end: int, value=None) -> Field:
    """A :class:`Field` for ``text[start:end]``.

    ``value`` defaults to the text with blanks collapsed; a value written over several lines
    leaves out the motto column that extraction may have interleaved with it.
    """
    raw = text[start:end]
    if value is None:
        if "\n" in raw or MOTTO_RE.search(raw):
            pieces = [p.text.strip(" *") for line in split_lines(raw) for p in strip_motto(line)]
            value = " ".join(" ".join(pieces).split())
        else:
            value = " ".join(raw.split())
    return Field(value, Span(start, end), raw)


MOTTO_RE = re.compile(
    r"C[ỘO]NG\s+H[ÒO]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM"
    r"|Độc\s*lập\s*[-–—]\s*Tự\s*do\s*[-–—]\s*Hạnh\s*phúc"
    r"|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.IGNORECASE,
)
_RULE = re.compile(r"^[\s\-–—_=*.~]+$")


def strip_motto(line: Line) -> list[Line]:
    """The parts of ``line`` outside the national or party motto (and decorative rules)."""
    parts = []
    last = 0
    for m in MOTTO_RE.finditer(line.text):
        if m.start() > last:
            parts.append(line.sub(last, m.start()))
        last = m.end()
    parts.append(line.sub(last, len(line.text)))
    return [p for p in parts if p.text and not _RULE.match(p.text)]
