"""Word segmentation with underthesea, aligned back to the canonical text.

underthesea's ``word_tokenize`` returns strings, not offsets, rewrites spelling (it normalises
tone marks) and splits "123/UBND-KT" into three tokens and "V/v" into three.  So document
numbers, dates, "V/v" and dotted abbreviations are protected first and become single tokens, the
text between them is segmented, and every token is located in the canonical text.  A token that
cannot be located is a bug to surface, not to hide: :class:`AlignmentError` is raised, and the
analyzer falls back to plain syllable tokens for that passage with a notice.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from .normalize import normalize_tone
from .structure.patterns import NUMBER, UPPER
from .types import Span

__all__ = ["Token", "Segmenter", "AlignmentError", "simple_tokens"]


class AlignmentError(ValueError):
    """A segmenter token could not be found where expected in the text."""


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # exactly the canonical text of ``span``
    span: Span
    kind: str  # word | number | date | abbr | punct

    @property
    def feature(self) -> str:
        """The token as a feature string: lower-case, syllables joined by "_"."""
        if self.kind in ("number", "date"):
            return f"<{self.kind}>"
        return "_".join(self.text.lower().split())


_PROTECT = re.compile(
    rf"(?P<number>(?<![\w/-]){NUMBER})"
    r"|(?P<date>\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b)"
    r"|(?P<abbr>\b(?:V/v|v/v|V/V|Đ/c|đ/c|TP\.|Tp\.|ThS\.|TS\.|PGS\.|GS\.|BS\.|KT\.|TM\.|TL\.|TUQ\.|T/M|K/T|NN&PTNT|TN&MT|KH&ĐT|GD&ĐT|LĐ-TB&XH)"
    rf"|\b[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})+\b)"
    r"|(?P<email>\S+@\S+\.\w+)"
)
_SIMPLE = re.compile(r"\w+(?:[./-]\w+)*|[^\w\s]", re.UNICODE)


def _fold(s: str) -> str:
    return normalize_tone(unicodedata.normalize("NFC", s)).lower()


def simple_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Syllable-level tokens with offsets (the fallback when segmentation cannot be aligned)."""
    end = len(text) if end is None else end
    out = []
    for m in _SIMPLE.finditer(text, start, end):
        kind = "punct" if not m.group(0)[0].isalnum() else ("number" if m.group(0)[0].isdigit() else "word")
        out.append(Token(m.group(0), Span(m.start(), m.end()), kind))
    return out


class Segmenter:
    """underthesea word segmentation returning :class:`Token` objects with offsets.

    The CRF model ships inside the underthesea package; it is loaded on first use (once per
    process) and nothing is downloaded.
    """

    _lock = threading.Lock()

    def __init__(self) -> None:
        self._tokenize = None

    def _load(self):
        if self._tokenize is None:
            with self._lock:
                if self._tokenize is None:
                    from underthesea import word_tokenize

                    self._tokenize = word_tokenize
        return self._tokenize

    def tokens(self, text: str, start: int = 0, end: int | None = None) -> list[Token]:
        end = len(text) if end is None else end
        out: list[Token] = []
        pos = start
        for m in _PROTECT.finditer(text, start, end):
            s, e = m.start(), m.end()
            if m.lastgroup == "number":
                while e > s and text[e - 1] == ".":
                    e -= 1
            if s > pos:
                out.extend(self._segment(text, pos, s))
            kind = {"number": "number", "date": "date", "abbr": "abbr", "email": "abbr"}[m.lastgroup]
            out.append(Token(text[s:e], Span(s, e), kind))
            pos = e
        if pos < end:
            out.extend(self._segment(text, pos, end))
        return out

    def _segment(self, text: str, start: int, end: int) -> list[Token]:
        """Segment line by line: a word never spans a line break."""
        out: list[Token] = []
        pos = start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            chunk = text[pos:stop]
            if chunk.strip():
                out.extend(_align(text, pos, stop, self._load()(chunk)))
            pos = stop + 1
        return out


def _align(text: str, start: int, end: int, words: list[str]) -> list[Token]:
    """Locate each segmented word in ``text[start:end]`` in order."""
    out: list[Token] = []
    cursor = start
    for word in words:
        first = last = None
        for syllable in word.split():
            while cursor < end and text[cursor].isspace():
                cursor += 1
            piece = text[cursor : cursor + len(syllable)]
            if piece != syllable and _fold(piece) != _fold(syllable):
                raise AlignmentError(f"token {syllable!r} not found at offset {cursor} (text has {piece!r})")
            if first is None:
                first = cursor
            cursor += len(syllable)
            last = cursor
        if first is None:
            continue
        surface = text[first:last]
        if not any(c.isalnum() for c in surface):
            kind = "punct"
        elif surface[0].isdigit():
            kind = "number"
        else:
            kind = "word"
        out.append(Token(surface, Span(first, last), kind))
    if text[cursor:end].strip():
        raise AlignmentError(f"segmentation dropped text {text[cursor:end][:30]!r}")
    return out
