"""Document structure: header, references, deadlines, signature — the anatomy of a letter.

:func:`parse_structure` never raises on odd text: a letter with no recognisable header gets a
:class:`~ct56nlp.types.Structure` of nulls and a notice.
"""

from __future__ import annotations

import re
from datetime import date

from ..types import Deadline, Document, Notice, Span, Structure
from .calendar import WorkCalendar
from .deadlines import choose_deadline, find_deadlines
from .header import parse_header
from .references import find_references
from .signature import parse_closing

__all__ = ["parse_structure", "WorkCalendar"]

_REMINDER = re.compile(r"đôn đốc|nhắc lại|lần\s*(?:thứ\s*)?(?:2|3|4|hai|ba|bốn)\b|\(lần", re.IGNORECASE)
_REMINDER_BODY = re.compile(r"\(lần\s*(?:thứ\s*)?\d\)|văn bản đôn đốc|đôn đốc lần|nhắc lại lần", re.IGNORECASE)


def parse_structure(
    doc: Document | str,
    *,
    calendar: WorkCalendar | None = None,
    metadata: dict | None = None,
) -> Structure:
    """Read the structure of ``doc`` (a :class:`Document`, or canonical text)."""
    if isinstance(doc, Document):
        text, metadata = doc.text, dict(doc.metadata) if metadata is None else metadata
    else:
        text = doc
    calendar = calendar or WorkCalendar.default()
    notices: list[Notice] = []
    header = parse_header(text, metadata=metadata or None)
    if not header.found_any:
        notices.append(Notice("no_header", "Không nhận ra phần đầu văn bản (số, ngày, cơ quan ban hành)."))
    body_start = header.end
    closing = parse_closing(text, body_start)
    body_end = closing.start if closing.start is not None and closing.start >= body_start else len(text)

    is_reminder = bool(
        (header.subject and _REMINDER.search(header.subject.value)) or _REMINDER_BODY.search(text[body_start:body_end])
    )
    own = header.number.value if header.number else None
    exclude = [header.number.span] if header.number and header.number.span else []
    refs, legal = find_references(text, 0, own_number=own, exclude=exclude, is_reminder=is_reminder)

    issued = header.issued_on.value if header.issued_on else None
    deadlines = find_deadlines(text, body_start, body_end, issued, calendar)
    chosen = choose_deadline(text, [d for d in deadlines if issued is None or d.date >= issued] or deadlines)
    if chosen is None and metadata:
        due = metadata.get("DueDate")
        if isinstance(due, str) and due.strip():
            try:
                chosen = Deadline(date.fromisoformat(due.strip()[:10]), due.strip(), "absolute", None, "edxml")
            except ValueError:
                notices.append(Notice("bad_due_date", f"edXML DueDate không hợp lệ: {due!r}"))
    if deadlines and issued is None and any(d.kind != "absolute" for d in deadlines):
        notices.append(Notice("relative_deadline_unresolved", "Có thời hạn tương đối nhưng không rõ ngày văn bản."))

    header_span = Span(0, body_start) if body_start > 0 else None
    body_span = Span(body_start, body_end) if body_end > body_start else None
    closing_span = Span(body_end, len(text)) if closing.start is not None and body_end < len(text) else None
    return Structure(
        number=header.number,
        issuer=header.issuer,
        parent_issuer=header.parent_issuer,
        issued_on=header.issued_on,
        place=header.place,
        doc_type=header.doc_type,
        subject=header.subject,
        urgency=header.urgency,
        addressees=tuple(header.addressees),
        copies=tuple(closing.copies),
        signer_authority=closing.authority,
        signer_chain=tuple(closing.chain),
        signer_position=closing.position,
        signer_name=closing.name,
        references=tuple(refs),
        legal_basis=tuple(legal),
        deadline=chosen,
        deadlines=tuple(deadlines),
        header_span=header_span,
        body_span=body_span,
        closing_span=closing_span,
        notices=tuple(notices),
    )
