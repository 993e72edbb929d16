"""Canonical Vietnamese text, made once at the edge, with a map back to the extracted text.

Every later stage (structure, passages, segmentation, detectors, reports) reads
``Document.text``, which this module produces.  The canonical form is:

* Unicode NFC (Windows-1258 and some PDFs store tone marks as combining characters);
* one tone-mark placement: the *traditional* one, "hòa", "thúy", "khỏe", "họa" — the spelling of
  the national motto ("CỘNG HÒA"), of most state documents, and the one underthesea's own
  normaliser and training data use, so segmentation sees the spelling it was trained on;
* spaces: no-break and other Unicode spaces become " ", runs collapse, lines are stripped;
  zero-width characters and soft hyphens are removed; CR/LF become LF;
* line breaks: a line that continues a sentence (it starts with a lower-case letter that is not
  an item marker such as "a)") is joined to the previous one; a line break after a hyphen
  between letters is removed; form feeds (page breaks) become line breaks; more than one empty
  line collapses to one.

No step ever produces more characters than it consumes, so the map from canonical to source
offsets is strictly increasing and exact: :meth:`OffsetMap.to_source` and
:meth:`OffsetMap.from_source` are inverse on every canonical offset.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Callable

__all__ = ["OffsetMap", "canonicalize", "normalize_tone", "normalize_word_tones", "remove_spans"]


class OffsetMap:
    """Maps offsets in canonical text to offsets in the source text it was made from.

    ``_pos[i]`` is the source offset of canonical character ``i``; ``_pos[len]`` is the source
    length.  ``None`` means identity (nothing changed), the common case for clean text.
    """

    __slots__ = ("_pos", "_len", "_src_len")

    def __init__(self, positions: array | None, length: int, source_length: int) -> None:
        self._pos = positions
        self._len = length
        self._src_len = source_length

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(None, length, length)

    def __len__(self) -> int:
        return self._len

    @property
    def source_length(self) -> int:
        return self._src_len

    def to_source(self, offset: int) -> int:
        """Source offset of canonical ``offset`` (0 <= offset <= len)."""
        if not 0 <= offset <= self._len:
            raise IndexError(f"offset {offset} outside 0..{self._len}")
        return offset if self._pos is None else self._pos[offset]

    def from_source(self, offset: int) -> int:
        """The first canonical offset whose source offset is >= ``offset``."""
        if not 0 <= offset <= self._src_len:
            raise IndexError(f"source offset {offset} outside 0..{self._src_len}")
        return offset if self._pos is None else bisect_left(self._pos, offset)

    def compose(self, inner: "OffsetMap") -> "OffsetMap":
        """``self`` maps B->A and ``inner`` maps C->B; return C->A."""
        if inner._pos is None:
            return self
        if self._pos is None:
            return OffsetMap(inner._pos, inner._len, self._src_len)
        outer = self._pos
        return OffsetMap(array("q", (outer[p] for p in inner._pos)), inner._len, self._src_len)


class _Builder:
    """Accumulates output pieces together with the source offset of each output character."""

    __slots__ = ("parts", "pos", "changed")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = array("q")
        self.changed = False

    def keep(self, text: str, start: int) -> None:
        self.parts.append(text)
        self.pos.extend(range(start, start + len(text)))

    def replace(self, out: str, start: int, end: int) -> None:
        """Emit ``out`` for source ``[start, end)``; ``out`` is never longer than the source."""
        if len(out) > end - start:
            raise AssertionError("canonicalisation must not lengthen text")
        self.parts.append(out)
        self.pos.extend(range(start, start + len(out)))
        self.changed = True

    def result(self, source_length: int) -> tuple[str, OffsetMap]:
        text = "".join(self.parts)
        if not self.changed:
            return text, OffsetMap.identity(len(text))
        self.pos.append(source_length)
        return text, OffsetMap(self.pos, len(text), source_length)


def _sub(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> tuple[str, OffsetMap]:
    """``re.sub`` that also returns the offset map; replacements may only shorten."""
    b = _Builder()
    last = 0
    for m in pattern.finditer(text):
        out = repl(m)
        if out == m.group(0):
            continue
        b.keep(text[last : m.start()], last)
        b.replace(out, m.start(), m.end())
        last = m.end()
    b.keep(text[last:], last)
    return b.result(len(text))


# ---------------------------------------------------------------------------- characters
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v"
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufffe"
# A base character with the combining marks that follow it, or one character.
_CLUSTER = re.compile(r"\r\n|[^\u0300-\u036f][\u0300-\u036f]+|[\u0300-\u036f]+|[" + _SPACES + _DROP + r"\r\x00-\x08\x0e-\x1f\x7f]")


def _char_repl(m: re.Match[str]) -> str:
    s = m.group(0)
    if s == "\r\n" or s == "\r":
        return "\n"
    if s in _SPACES:
        return " "
    if len(s) == 1 and (s in _DROP or unicodedata.category(s) == "Cc"):
        return ""
    out = unicodedata.normalize("NFC", s)
    return out if len(out) <= len(s) else s


# ---------------------------------------------------------------------------- tone marks
_TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0303": 3, "\u0309": 4, "\u0323": 5}
_TONE_BY_INDEX = {v: k for k, v in _TONE_MARKS.items()}
_SHAPE_MARKS = "\u0302\u0306\u031b"
_VOWELS = set("aăâeêioôơuưy")


def _split_tone(ch: str) -> tuple[str, int]:
    """'ấ' -> ('â', 2). Characters without a tone come back with tone 0."""
    d = unicodedata.normalize("NFD", ch)
    tone = 0
    rest = []
    for c in d:
        if c in _TONE_MARKS:
            tone = _TONE_MARKS[c]
        else:
            rest.append(c)
    return unicodedata.normalize("NFC", "".join(rest)), tone


def _with_tone(base: str, tone: int) -> str:
    if tone == 0:
        return base
    return unicodedata.normalize("NFC", base + _TONE_BY_INDEX[tone])


def _tone_position(letters: str) -> int | None:
    """Index (in ``letters``, lower-case, toneless) where the traditional rule puts the tone."""
    vowel_idx = [i for i, c in enumerate(letters) if c in _VOWELS]
    if not vowel_idx:
        return None
    start, end = vowel_idx[0], vowel_idx[-1] + 1
    if end - start != len(vowel_idx):
        return None  # vowels not contiguous: not one Vietnamese syllable
    initial = letters[:start]
    # "qu" and "gi" (before another vowel) belong to the initial consonant.
    if initial == "q" and letters[start] == "u" and end - start > 1:
        start += 1
    elif initial == "g" and letters[start] == "i" and end - start > 1:
        start += 1
    nucleus = range(start, end)
    shaped = [i for i in nucleus if letters[i] in "ăâêôơư"]
    if shaped:
        return shaped[-1]  # "ươ" takes it on ơ; otherwise the one shaped vowel
    if end < len(letters):
        return end - 1  # closed syllable: last vowel ("hoàn", "huỳnh")
    n = end - start
    if n == 1:
        return start
    if n == 2:
        return start  # open two-vowel syllable: first vowel ("hòa", "thúy", "khỏe", "của")
    return start + 1  # three vowels: the middle one ("ngoài", "khuỷu")


def normalize_word_tones(word: str) -> str:
    """Move the tone mark of one syllable to its traditional position; keep everything else."""
    bases = []
    tones = []
    for ch in word:
        b, t = _split_tone(ch)
        if len(b) != 1:
            return word
        bases.append(b)
        tones.append(t)
    toned = [i for i, t in enumerate(tones) if t]
    if len(toned) != 1:
        return word
    lower = "".join(bases).lower()
    pos = _tone_position(lower)
    if pos is None or pos == toned[0]:
        return word
    tone = tones[toned[0]]
    out = list(word)
    out[toned[0]] = bases[toned[0]]
    out[pos] = _with_tone(bases[pos], tone)
    return "".join(out)


_WORDS = re.compile(r"[^\W\d_]+")


def _tone_repl(m: re.Match[str]) -> str:
    w = m.group(0)
    if w.isascii():
        return w
    following = m.string[m.end() : m.end() + 1]
    if following and "\u0300" <= following <= "\u036f":
        return w  # a stray combining mark follows (a doubled tone): not one clean syllable
    return normalize_word_tones(w)


def normalize_tone(text: str) -> str:
    """Apply the tone-mark convention to NFC text (same length out as in)."""
    return _WORDS.sub(_tone_repl, text)


# ---------------------------------------------------------------------------- layout
_ITEM_MARKER = re.compile(
    r"(?:[a-zđ]\)|[a-zđ]\.(?=\s)|[ivx]{1,4}[)\.](?=\s)|v/v\b|v\.v\b|viv\b)", re.IGNORECASE
)


def _layout_repl(m: re.Match[str]) -> str:
    s = m.group(0)
    kind = m.lastgroup
    if kind == "spaces":
        return " "
    if kind == "trail":
        return "\n"
    if kind == "lead":
        return s[0]  # keep the line break, drop the indentation
    if kind == "hyphen":
        return "-"
    if kind == "blank":
        return "\n\n"
    if kind == "wrap":
        return " "
    return s


_LAYOUT = re.compile(
    r"(?P<trail>[ ]+\n[ ]*)"  # spaces at end of line (and the next line's indentation)
    r"|(?P<lead>\n[ ]+)"  # indentation
    r"|(?P<spaces>[ ]{2,})"
    r"|(?P<hyphen>(?<=[^\W\d_])-\n(?=[^\W\d_]))"
    r"|(?P<blank>\n{3,})"
)
_WRAP = re.compile(r"(?<=[^\s])\n(?=[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])")


def _wrap_repl(m: re.Match[str]) -> str:
    rest = m.string[m.end() : m.end() + 5]
    if _ITEM_MARKER.match(rest):
        return "\n"
    return " "


def canonicalize(source: str) -> tuple[str, OffsetMap]:
    """Return the canonical form of ``source`` and the map from it back to ``source``.

    Idempotent: ``canonicalize(canonicalize(s)[0])[0] == canonicalize(s)[0]``.
    """
    text, omap = _sub(source, _CLUSTER, _char_repl)
    text = text.replace("\f", "\n")  # same length: page breaks become line breaks
    toned = normalize_tone(text)
    if toned != text:
        text = toned  # same length: the map is unchanged
    for pattern, repl in ((_LAYOUT, _layout_repl), (_WRAP, _wrap_repl)) + ((_LAYOUT, _layout_repl),) * 2:
        new, step = _sub(text, pattern, repl)
        if new != text:
            omap = omap.compose(step)
            text = new
    stripped = text.strip(" \n")
    if stripped != text:
        lead = len(text) - len(text.lstrip(" \n"))
        b = _Builder()
        b.replace("", 0, lead)
        b.keep(stripped, lead)
        b.replace("", lead + len(stripped), len(text))
        _, step = b.result(len(text))
        omap = omap.compose(step)
        text = stripped
    return text, omap


def remove_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """Delete sorted, non-overlapping ``[start, end)`` ranges; map the result back to ``text``."""
    b = _Builder()
    last = 0
    for start, end in spans:
        b.keep(text[last:start], last)
        b.replace("", start, end)
        last = end
    b.keep(text[last:], last)
    return b.result(len(text))
