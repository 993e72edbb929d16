"""The documents a letter cites — correspondence it answers, implements, reminds of or mentions —
kept apart from its legal basis (laws, decrees, circulars, normative decisions, party directives).
"""

from __future__ import annotations

import re

from ..types import Reference, Span
from .patterns import DATE_RE, LOWER, NUMBER, UPPER, normalize_number, parse_date

__all__ = ["find_references", "is_legal_number"]

_TYPES = (
    r"Thông tư liên tịch|Văn bản hợp nhất|Phiếu chuyển đơn|Phiếu chuyển|Công văn|Văn bản|Tờ trình|Quyết định|"
    r"Thông báo kết luận|Thông báo|Kế hoạch|Báo cáo|Giấy mời|Chỉ thị|Nghị quyết|Kết luận|Thông tư|Nghị định|"
    r"Hướng dẫn|Công điện|Quy định|Quy chế|Pháp lệnh|Bộ luật|Luật|Chương trình|Đề án|Biên bản|Thông tri|"
    r"Đơn|CV|VB|QĐ|TB|KH|BC|NQ|NĐ|TT"
)
_REF = re.compile(
    rf"(?:(?P<type>{_TYPES})\s+)?(?:[sS]ố\s*:?\s*|số hiệu\s+)?(?P<num>(?<![\w/-]){NUMBER})"
    rf"(?:\s*,?\s*(?:ban hành\s+|đề\s+)?(?P<date>(?:ng[àa]y\s*)?(?:{DATE_RE.pattern})))?"
)
_ISSUER = re.compile(
    rf"\s*,?\s*của\s+(?P<issuer>[{UPPER}][^,;:()]{{1,90}}?)"
    rf"(?=\s*(?:[,;:()]|\.\s|\.$|\n\n|\n\s*(?:[-+•]|\d+[.)]|[a-zđ]\))|\s(?:và|hoặc)\s+(?:{_TYPES})\s|$|\s(?:về|V/v|v/v|về việc|đề nghị|theo|thì|và\s+[{LOWER}]|nay|tại|đã|yêu cầu|việc|triển khai|"
    rf"hướng dẫn|ban hành|quy định|giao|trả lời|góp ý|gửi|do|cho|phê duyệt|được|với|thuộc|chưa|là|chuyển|có|đến|nêu|kèm)\b))"
)
_LAW = re.compile(
    rf"(?P<type>Bộ luật|Luật)\s+(?P<name>[{UPPER}][{LOWER}]*(?:,?\s+[{LOWER}{UPPER}][{LOWER}]*){{0,8}}?)\s+"
    rf"(?:ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+)?(?:năm\s+)?(?P<year>(?:19|20)\d{{2}})\b"
)

_ANSWERS = re.compile(
    r"phúc đáp|trả lời|theo đề nghị|về đề nghị|xét đề nghị|đề nghị tại|nhận được|tiếp nhận|góp ý (?:đối với|về|dự thảo)|"
    r"ý kiến (?:đối với|về)|về nội dung",
    re.IGNORECASE,
)
_IMPLEMENTS = re.compile(r"thực hiện|triển khai|căn cứ|chỉ đạo|theo kế hoạch|theo yêu cầu|quán triệt", re.IGNORECASE)
_REMINDS = re.compile(r"đôn đốc|nhắc lại|tiếp theo|lần (?:thứ )?\d|lần (?:hai|ba)", re.IGNORECASE)
_LEGAL_TYPES = {"Luật", "Bộ luật", "Nghị định", "Thông tư", "Thông tư liên tịch", "Chỉ thị", "Nghị quyết", "Pháp lệnh", "Văn bản hợp nhất", "NĐ", "NQ", "TT"}
_LEGAL_STATE = {"NĐ", "CT", "NQ", "TT", "TTLT", "L", "PL", "QH"}
_LEGAL_PARTY = {"NQ", "CT", "QĐ", "QĐi", "QC", "HD", "TT", "KL"}
_RANK = {"answers": 3, "reminds": 2, "implements": 1, "mentions": 0, "legal_basis": 0}


def is_legal_number(number: str, doc_type: str | None = None) -> bool:
    """Whether a cited number is legal basis rather than correspondence."""
    if re.search(r"/(?:19|20)\d{2}/", number):
        return True  # normative documents carry their year: 30/2020/NĐ-CP, 12/2024/QĐ-UBND
    party = re.match(r"^\d+-(?P<type>[^/]+)/(?P<body>.+)$", number)
    if party:
        kind, body = party.group("type"), party.group("body")
        if kind in ("KL", "QĐ"):  # conclusions and decisions are normative only from the centre
            return body in ("TW", "BCT", "BBT")
        return kind in _LEGAL_PARTY
    state = re.match(r"^\d+/(?P<type>[^-/]+)", number)
    if state and state.group("type") in _LEGAL_STATE:
        return True
    return doc_type in _LEGAL_TYPES


def _clause_start(text: str, start: int) -> int:
    """Where the sentence or clause holding ``start`` begins (a wrapped line does not end it)."""
    cuts = [text.rfind(sep, 0, start) + len(sep) for sep in (". ", ".\n", ";", ":\n", "\n\n")]
    return max([0] + [c for c in cuts if c > 0])


_DATE_BEFORE = re.compile(r"(?:^|\s)[Nn]gày\s+(?P<date>\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{4})\s*,\s*[^,;]{0,80}$")


def _cue(text: str, start: int) -> str:
    window = text[_clause_start(text, start) : start]
    if _ANSWERS.search(window):
        return "answers"
    if _REMINDS.search(window):
        return "reminds"
    if _IMPLEMENTS.search(window):
        return "implements"
    return "mentions"


def find_references(
    text: str,
    start: int = 0,
    *,
    own_number: str | None = None,
    exclude: list[Span] | None = None,
    is_reminder: bool = False,
) -> tuple[list[Reference], list[Reference]]:
    """``(correspondence, legal basis)`` cited in ``text[start:]``, first citation first.

    A number cited twice is kept once, at its first place, with the strongest relation found.
    """
    exclude = exclude or []
    refs: dict[str, Reference] = {}
    legal: dict[str, Reference] = {}
    for m in _REF.finditer(text, start):
        num_start, num_end = m.start("num"), m.end("num")
        while num_end > num_start and text[num_end - 1] == ".":
            num_end -= 1
        span = Span(m.start(), m.end())
        if any(span.overlaps(x) for x in exclude):
            continue
        number = normalize_number(text[num_start:num_end])
        if own_number and number == own_number:
            continue
        doc_type = m.group("type")
        day = None
        if m.group("date"):
            dm = DATE_RE.search(m.group("date"))
            day = parse_date(dm) if dm else None
        if day is None:
            # "Ngày 16/5/2024, Sở Nội vụ ban hành Công văn số 905/SNV-CCVC ..."
            before = _DATE_BEFORE.search(text[_clause_start(text, m.start()) : m.start()])
            if before:
                dm = DATE_RE.search(before.group("date"))
                day = parse_date(dm) if dm else None
        issuer = None
        end = m.end() if m.group("date") else num_end
        im = _ISSUER.match(text, end)
        if im:
            issuer = " ".join(im.group("issuer").split()).rstrip(".")
            end = im.end("issuer")
        span = Span(m.start() if doc_type else num_start, end)
        if is_legal_number(number, doc_type):
            legal.setdefault(number, Reference(number, day, issuer, doc_type, "legal_basis", span))
            continue
        relation = _cue(text, span.start)
        if is_reminder and relation in ("mentions", "implements", "reminds"):
            relation = "reminds"
        found = Reference(number, day, issuer, doc_type, relation, span)
        old = refs.get(number)
        if old is None:
            refs[number] = found
        elif _RANK[relation] > _RANK[old.relation] or (old.date is None and day is not None):
            refs[number] = Reference(
                number, old.date or day, old.issuer or issuer, old.doc_type or doc_type,
                relation if _RANK[relation] > _RANK[old.relation] else old.relation, old.span,
            )  # fmt: skip
    for m in _LAW.finditer(text, start):
        span = Span(m.start(), m.end())
        if any(span.overlaps(r.span) for r in legal.values()) or any(span.overlaps(x) for x in exclude):
            continue
        name = f"{m.group('type')} {' '.join(m.group('name').split())} {m.group('year')}"
        legal.setdefault(name, Reference(None, None, None, name, "legal_basis", span))
    by_pos = lambda r: r.span.start  # noqa: E731
    return sorted(refs.values(), key=by_pos), sorted(legal.values(), key=by_pos)
