"""Body -> passages: numbered items, paragraphs, and groups of at most a few sentences.

A passage is the unit every detector scores and every finding highlights.  The body is split
along the document's own structure first ("1.", "1.1.", "a)", "Điều 1.", "-", "+", "I."), then
wrapped lines are re-joined into paragraphs, then long paragraphs are cut into groups of up to
three sentences.  Sentences are split by rule, with offsets, because underthesea's
``sent_tokenize`` splits "Điều 1." off as a sentence of its own and cuts "như sau: 1. ..." after
the item number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure.lines import split_lines
from .structure.patterns import UPPER, is_upper_line
from .types import Span

__all__ = ["Passage", "split_passages", "split_sentences", "is_statement"]

MAX_SENTENCES = 3
MAX_CHARS = 700

_MARKER = re.compile(
    r"^(?:(?:Điều|Mục|Phần|Chương)\s+[0-9IVXLC]+[.:]?"  # Điều 1.
    r"|\d{1,2}(?:\.\d{1,2}){0,3}[.)]"  # 1.  1.2.  3)
    r"|[a-zđ][)]"  # a)
    r"|[IVXLC]{1,5}[.)]"  # II.
    r"|[-+•–*])(?=\s|$)"
)
_TERMINAL = (".", ":", ";", "!", "?", "./.", "…", ".\"", ".”")
_ABBREV = frozenset(
    "TP Tp tp TS ThS PGS GS BS KT TM TL TUQ Q Ô St Đ/c đ/c P Ph Tr tr No v.v Th.S TT Tt ĐC đc CN".split()
)
_BOUNDARY = re.compile(r"(?:\./\.|[.!?…])(?=[\"”’)]*\s+[\"“(]?[" + UPPER + r"0-9\-+•])")


@dataclass(frozen=True, slots=True)
class Passage:
    """One scored unit of a document's body."""

    index: int
    span: Span
    text: str
    kind: str  # item | paragraph | sentences
    marker: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"index": self.index, "span": self.span.to_list(), "kind": self.kind, "marker": self.marker}


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans in ``text[start:end]`` (trimmed, never empty)."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.end()
        before = text[pos : m.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        stripped = last_word.strip("(\"“")
        if stripped in _ABBREV or re.fullmatch(r"\d{1,3}|[IVXLC]{1,5}|[a-zđA-ZĐ]", stripped):
            continue  # "TP. Phan Rang", "1. Tổng hợp", "ông Trần Văn H. cho biết"
        if not before.strip() or _MARKER.fullmatch(before.strip() + text[m.start() : m.end()]):
            continue
        spans.append(_trim(text, pos, cut))
        pos = cut
    if pos < end:
        spans.append(_trim(text, pos, end))
    return [s for s in spans if s.end > s.start]


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _blocks(text: str, start: int, end: int) -> list[tuple[Span, str | None]]:
    """Paragraphs and items, with wrapped lines re-joined."""
    blocks: list[list] = []  # [start, end, marker]
    previous_end_text = ""
    for line in split_lines(text, start, end):
        t = line.text
        m = _MARKER.match(t)
        new_block = (
            not blocks
            or m is not None
            or previous_end_text.endswith(_TERMINAL)
            or text[blocks[-1][1] : line.start].count("\n") >= 2
            or is_upper_line(t) and len(t) < 100
        )
        if new_block:
            blocks.append([line.start, line.end, m.group(0) if m else None])
        else:
            blocks[-1][1] = line.end
        previous_end_text = t
    return [(Span(s, e), marker) for s, e, marker in blocks]


# Lines that carry no statement to judge: the lead-in of a list ("Chủ tịch UBND tỉnh chỉ đạo:"),
# the logistics of an invitation ("Thời gian: 8 giờ ..."), closing formulas.
_LOGISTICS = re.compile(
    r"^(?:[-+•]\s*|\d{1,2}[.)]\s*)?(?:Thời gian|Địa điểm|Thành phần|Chủ trì|Thời hạn|Hình thức|Phương tiện|Liên hệ|Điện thoại|"
    r"Đầu mối liên hệ|Kinh phí|Trang phục)\s*:"
)
_CLOSING = re.compile(r"^(?:Trên đây là|Kính đề nghị .{0,60}(?:xem xét|quan tâm|chỉ đạo)\.?$|Trân trọng|Nơi nhận)", re.IGNORECASE)


def is_statement(block: str) -> bool:
    """Whether a block says something a detector should judge (headings, list lead-ins,
    invitation logistics and closing formulas do not)."""
    words = block.split()
    if is_upper_line(block) and len(words) < 15:
        return False  # a heading ("I. TÌNH HÌNH CHUNG")
    if len(re.sub(r"[\W\d_]", "", block)) < 3:
        return False  # numbering or punctuation only
    if block.rstrip().endswith(":") and len(words) <= 25:
        return False  # the lead-in of the list that follows
    if _LOGISTICS.match(block) or (_CLOSING.match(block) and len(words) <= 30):
        return False
    return True


def split_passages(text: str, body: Span | None = None) -> list[Passage]:
    """Passages of ``text`` within ``body`` (the whole text when ``body`` is None)."""
    body = body or Span(0, len(text))
    out: list[Passage] = []
    for span, marker in _blocks(text, body.start, body.end):
        block = span.slice(text)
        if not is_statement(block):
            continue
        sentences = split_sentences(text, span.start, span.end)
        if len(sentences) <= MAX_SENTENCES and len(block) <= MAX_CHARS:
            kind = "item" if marker else "paragraph"
            out.append(Passage(len(out), span, block, kind, marker))
            continue
        group: list[Span] = []
        for sent in sentences:
            if group and (len(group) >= MAX_SENTENCES or sent.end - group[0].start > MAX_CHARS):
                g = Span(group[0].start, group[-1].end)
                out.append(Passage(len(out), g, g.slice(text), "sentences", marker if not out or out[-1].span.end <= span.start else None))
                group = []
            group.append(sent)
        if group:
            g = Span(group[0].start, group[-1].end)
            out.append(Passage(len(out), g, g.slice(text), "sentences", None))
    return out
