"""Deadlines stated in a letter, resolved to dates with the working-day calendar.

Absolute: "trước ngày 20/3/2024", "chậm nhất ngày 15/4/2024", "trước 17 giờ ngày 20/3/2024",
"trước ngày 20 tháng 3 năm 2024", "trước ngày 20/3" (year from the letter's date).
Relative: "trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản này", "trong vòng 10 ngày".
A relative period runs from the letter's date (the day it is received through a
document-management system is taken to be the day it is issued) unless the text names another
date; the counting conventions are those of :mod:`ct56nlp.structure.calendar`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..types import Deadline, Span
from .calendar import WorkCalendar
from .lines import sentence_around
from .patterns import DATE_RE, parse_date

__all__ = ["find_deadlines", "choose_deadline"]

_DATE_ANY = rf"(?:{DATE_RE.pattern}|(?P<sd>\d{{1,2}})/(?P<sm>\d{{1,2}})(?![\d/]))"
_ABSOLUTE = re.compile(
    r"(?P<cue>trước|chậm nhất(?: là)?|muộn nhất(?: là)?|hạn chót(?: là)?|hạn cuối(?: là)?|không quá|trong ngày|đến hết(?: ngày)?|"
    r"hoàn thành vào|hạn nộp(?: là)?|thời hạn(?: là)?|(?:hạn chót|hạn cuối|thời hạn)[^.\n\d:]{1,40}:)"
    r"\s*:?\s*(?:(?P<hour>\d{1,2})\s*(?:giờ|h)(?:\s*\d{1,2}\s*(?:phút)?)?\s*,?\s*)?(?:ngày\s*)?"
    + _DATE_ANY,
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(?P<cue>trong thời hạn|trong vòng|trong thời gian|trong|chậm nhất(?: là)?|không quá|sau)\s+"
    r"(?P<n>\d{1,3})\s*(?:\([^)]{1,25}\)\s*)?ngày(?P<wd>\s+làm\s+việc)?"
    r"(?P<from>\s*,?\s*(?:kể từ|tính từ)\s+(?:ngày\s+)?(?P<event>[^.;,\n]{0,70}))?",
    re.IGNORECASE,
)
_ASK = re.compile(r"đề nghị|yêu cầu|\bgiao\b|chỉ đạo|đôn đốc|kính mời|\bmời\b|hạn chót|hạn nộp", re.IGNORECASE)
_REQUEST = re.compile(
    r"báo cáo|gửi|trả lời|có ý kiến|góp ý|cung cấp|phản hồi|tham mưu|đề xuất|hoàn thành|giải quyết|xử lý|"
    r"nộp|tổng hợp|rà soát",
    re.IGNORECASE,
)


def _short_date(m: re.Match[str], issued_on: date | None) -> date | None:
    if m.group("sd") is None or issued_on is None:
        return None
    try:
        day = date(issued_on.year, int(m.group("sm")), int(m.group("sd")))
    except ValueError:
        return None
    if day < issued_on - timedelta(days=60):
        try:
            day = day.replace(year=day.year + 1)  # "trước ngày 10/01" in a December letter
        except ValueError:
            return None
    return day


def find_deadlines(
    text: str,
    start: int,
    end: int,
    issued_on: date | None,
    calendar: WorkCalendar,
) -> list[Deadline]:
    """Every deadline in ``text[start:end]``, in order."""
    out: list[Deadline] = []
    taken: list[Span] = []
    for m in _ABSOLUTE.finditer(text, start, end):
        day = None
        for key in ("d1", "d2"):
            if m.group(key):
                day = parse_date(m)
                break
        if day is None:
            day = _short_date(m, issued_on)
        if day is None:
            continue
        span = Span(m.start(), m.end())
        taken.append(span)
        out.append(Deadline(day, text[span.start : span.end], "absolute", span))
    for m in _RELATIVE.finditer(text, start, end):
        matched = text[m.start() : m.end()].rstrip(" ,")
        span = Span(m.start(), m.start() + len(matched))
        if any(span.overlaps(t) for t in taken):
            continue
        event = issued_on
        if m.group("event"):
            em = DATE_RE.search(m.group("event"))
            if em and parse_date(em):
                event = parse_date(em)
        if event is None:
            continue
        n = int(m.group("n"))
        if n == 0 or n > 365:
            continue
        if m.group("wd"):
            due, kind = calendar.add_working_days(event, n), "working_days"
        else:
            due, kind = calendar.add_calendar_days(event, n), "calendar_days"
        out.append(Deadline(due, matched, kind, span))
    out.sort(key=lambda d: d.span.start)
    return out


def choose_deadline(text: str, deadlines: list[Deadline]) -> Deadline | None:
    """The deadline the letter sets for its recipient: the first one in a sentence that asks for
    something (report, answer, opinion, completion); otherwise the first one."""
    best, best_score = None, -1
    for d in deadlines:
        sentence = sentence_around(text, d.span.start, d.span.end)
        score = 2 * bool(_ASK.search(sentence)) + bool(_REQUEST.search(sentence))
        if score > best_score:
            best, best_score = d, score
    return best
