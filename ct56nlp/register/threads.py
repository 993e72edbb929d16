"""Across documents: requests, their replies and reminders, and the archive-level findings.

A **request** is a letter that asks its addressee to answer, report or give an opinion by a
deadline (stated in the text, from edXML DueDate, or a default per document type).  A **reply**
comes from the request's addressee to its issuer and cites the request; letters that cite it but
go elsewhere, and the requester's own reminders, are not replies, and reminders do not move the
original deadline.  As of a reference date each request is ``answered_on_time``,
``answered_late``, ``holding_reply_only`` (every reply only promises to answer later),
``unanswered_overdue`` or ``open_not_due``.

Documents are identified by number and year (numbering restarts every year), disambiguated by
date and issuer; bodies are compared by their normalised names ("UBND huyện Thuận Bắc" is
"ỦY BAN NHÂN DÂN HUYỆN THUẬN BẮC").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..indicators import label
from ..structure import WorkCalendar
from .store import StoredDocument

__all__ = ["STATUS_VI", "Request", "ArchiveFinding", "build_requests", "archive_findings", "body_tokens", "same_body", "DEFAULT_DEADLINE_DAYS"]

# Working days allowed when a letter asks for an answer but states no deadline, per document type.
DEFAULT_DEADLINE_DAYS: dict[str, int] = {"cong_van": 15, "phieu_chuyen": 10}

_ABBREV = [
    (r"\bubnd\b", "ủy ban nhân dân"), (r"\bhđnd\b", "hội đồng nhân dân"), (r"\bubmttq\b", "ủy ban mặt trận tổ quốc"),
    (r"\bmttq\b", "mặt trận tổ quốc"), (r"\btn&mt\b|\btnmt\b", "tài nguyên và môi trường"),
    (r"\bkh&đt\b|\bkhđt\b", "kế hoạch và đầu tư"), (r"\bnn&ptnt\b|\bnnptnt\b", "nông nghiệp và phát triển nông thôn"),
    (r"\bgd&đt\b|\bgdđt\b", "giáo dục và đào tạo"), (r"\blđ-tb&xh\b|\blđtbxh\b", "lao động thương binh và xã hội"),
    (r"\bvp\b", "văn phòng"), (r"\btp\.?(?=\s)", "thành phố"),
]  # fmt: skip
_DROP = {"việt", "nam"}


def body_tokens(name: str | None) -> tuple[str, ...]:
    """A body's name as comparable tokens: lower case, abbreviations expanded, punctuation gone."""
    if not name:
        return ()
    s = unicodedata.normalize("NFC", name).lower().replace("uỷ", "ủy")
    for pat, rep in _ABBREV:
        s = re.sub(pat, rep, s)
    toks = re.findall(r"[^\W_]+", s)
    return tuple(t for t in toks if t not in _DROP)


def same_body(a: str | tuple[str, ...] | None, b: str | tuple[str, ...] | None) -> bool:
    ta = a if isinstance(a, tuple) else body_tokens(a)
    tb = b if isinstance(b, tuple) else body_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 2:
        return False
    need, have = Counter(short), Counter(long_)
    return all(have[t] >= n for t, n in need.items())


_GENERIC = re.compile(r"^(?:các|những|toàn thể)\b", re.IGNORECASE)


# Units that write in their parent body's name: "VĂN PHÒNG" under "UBND TỈNH NINH THUẬN" is known
# by both names together.  Any other issuer is its own body ("SỞ XÂY DỰNG" is not the UBND).
_UNITS = {body_tokens(x) for x in (
    "văn phòng", "thanh tra", "ban tổ chức", "ban tuyên giáo", "ban dân vận", "ban nội chính", "ủy ban kiểm tra",
    "ban tiếp công dân", "ban thường vụ", "ban chấp hành", "thường trực", "ban thường trực",
)}  # fmt: skip


def _primary(doc: StoredDocument) -> tuple[str, ...]:
    st = doc.structure
    issuer, parent = body_tokens(st.get("issuer")), body_tokens(st.get("parent_issuer"))
    if parent and (issuer in _UNITS or not issuer):
        return parent + issuer
    return issuer or parent


def _from(doc: StoredDocument, body: str | tuple[str, ...]) -> bool:
    """Whether ``doc`` was issued by ``body`` (an addressee or issuer name)."""
    return same_body(_primary(doc), body)


def display_body(doc: StoredDocument) -> str:
    st = doc.structure
    issuer, parent = st.get("issuer") or "", st.get("parent_issuer") or ""
    if issuer and parent and len(body_tokens(issuer)) <= 2:
        return f"{issuer} ({parent})"  # "VĂN PHÒNG (UBND TỈNH NINH THUẬN)"
    return issuer or parent or "(không rõ)"


@dataclass
class Request:
    document: StoredDocument
    addressee: str | None
    due: date
    kind: str  # report | answer
    due_source: str  # text | edxml | default
    replies: list[StoredDocument] = field(default_factory=list)
    holding: list[StoredDocument] = field(default_factory=list)
    reminders: list[StoredDocument] = field(default_factory=list)
    status: str = "open_not_due"
    answered_on: date | None = None
    days_late: int | None = None
    working_days_late: int | None = None

    @property
    def number(self) -> str | None:
        return self.document.structure.get("number")

    def to_dict(self) -> dict[str, Any]:
        st = self.document.structure
        return {
            "number": self.number,
            "issuer": st.get("issuer"),
            "issuer_body": display_body(self.document),
            "addressee": self.addressee,
            "issued_on": st.get("issued_on"),
            "due": self.due.isoformat(),
            "due_source": self.due_source,
            "kind": self.kind,
            "status": self.status,
            "answered_on": self.answered_on.isoformat() if self.answered_on else None,
            "replies": [_ref(d) for d in self.replies + self.holding],
            "days_late": self.days_late,
            "working_days_late": self.working_days_late,
            "reminders": len(self.reminders),
            "reminder_letters": [_ref(d) for d in self.reminders],
            "file": self.document.file,
            "subject": st.get("subject"),
        }


def _ref(d: StoredDocument) -> dict[str, Any]:
    st = d.structure
    return {"number": st.get("number"), "issued_on": st.get("issued_on"), "issuer": st.get("issuer"), "file": d.file,
            "holding_reply": bool(d.record["flags"].get("holding_reply"))}  # fmt: skip


def _cites(citing: StoredDocument, target: StoredDocument) -> str | None:
    """The relation with which ``citing`` cites ``target`` (number and year, then date/issuer)."""
    number = target.structure.get("number")
    t_date = target.issued_on
    c_date = citing.issued_on
    if not number or citing.sha256 == target.sha256:
        return None
    for ref in citing.structure.get("references", []):
        if ref.get("number") != number:
            continue
        if ref.get("date"):
            if t_date is not None and ref["date"] != t_date.isoformat():
                continue
        elif t_date is not None and c_date is not None:
            if not (c_date.year - 1 <= t_date.year <= c_date.year and t_date <= c_date):
                continue  # numbering restarts every year: a bare number means this year or last
        if ref.get("issuer") and not _from(target, ref["issuer"]):
            continue
        return ref.get("relation") or "mentions"
    return None


def build_requests(
    docs: Sequence[StoredDocument],
    as_of: date,
    calendar: WorkCalendar,
    default_days: dict[str, int] | None = None,
) -> list[Request]:
    default_days = DEFAULT_DEADLINE_DAYS if default_days is None else default_days
    known = [d for d in docs if d.issued_on is None or d.issued_on <= as_of]
    by_number: dict[str, list[StoredDocument]] = defaultdict(list)
    for d in known:
        if d.structure.get("number"):
            by_number[d.structure["number"]].append(d)

    def cited(citing: StoredDocument) -> list[tuple[StoredDocument, str]]:
        out = []
        for ref in citing.structure.get("references", []):
            for target in by_number.get(ref.get("number") or "", []):
                rel = _cites(citing, target)
                if rel:
                    out.append((target, rel))
        return out

    citations = {d.sha256: cited(d) for d in known}
    requests: list[Request] = []
    for d in known:
        st = d.structure
        asks = d.record["flags"].get("asks")
        if not asks or d.issued_on is None:
            continue
        # A reminder citing an earlier request of the same issuer is not a new request.
        if any(rel == "reminds" and _same_issuer(t, d) for t, rel in citations[d.sha256]):
            continue
        deadline = st.get("deadline")
        if deadline:
            due, source = date.fromisoformat(deadline["date"]), deadline.get("source", "text")
        elif st.get("doc_type") in default_days:
            due, source = calendar.add_working_days(d.issued_on, default_days[st["doc_type"]]), "default"
        else:
            continue
        addressees = st.get("addressees") or [None]
        for a in addressees:
            requests.append(Request(d, a, due, asks, source))

    cited_by: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))  # target -> citing -> relations
    docs_by_sha = {d.sha256: d for d in known}
    for citing_sha, targets in citations.items():
        for target, rel in targets:
            cited_by[target.sha256][citing_sha].append(rel)
    for req in requests:
        d = req.document
        for other_sha, rels in cited_by.get(d.sha256, {}).items():
            other = docs_by_sha[other_sha]
            if other.sha256 == d.sha256:
                continue
            if _same_issuer(other, d):
                if "reminds" in rels or _is_reminder(other):
                    req.reminders.append(other)
                continue
            if req.addressee and not _GENERIC.match(req.addressee) and not _from(other, req.addressee):
                continue  # cites the request but comes from someone else
            to = other.structure.get("addressees") or []
            if to and not any(_from(d, a) for a in to) and "answers" not in rels:
                continue  # goes elsewhere
            (req.holding if other.record["flags"].get("holding_reply") else req.replies).append(other)
        _status(req, as_of, calendar)
    requests.sort(key=lambda r: (r.document.issued_on or date.min, r.number or ""))
    return requests


def _same_issuer(a: StoredDocument, b: StoredDocument) -> bool:
    return same_body(_primary(a), _primary(b))


def _is_reminder(d: StoredDocument) -> bool:
    subject = (d.structure.get("subject") or "").lower()
    return "đôn đốc" in subject or bool(re.search(r"lần\s*\d|lần (?:hai|ba)", subject))


def _status(req: Request, as_of: date, calendar: WorkCalendar) -> None:
    def first(docs):
        dated = sorted(x.issued_on for x in docs if x.issued_on is not None)
        return dated[0] if dated else None

    answered = first(req.replies)
    req.reminders.sort(key=lambda x: x.issued_on or date.min)
    if answered is not None:
        req.answered_on = answered
        late = (answered - req.due).days
        req.status = "answered_on_time" if late <= 0 else "answered_late"
        req.days_late = max(0, late)
        req.working_days_late = max(0, calendar.working_days_between(req.due, answered))
    elif req.holding:
        req.status = "holding_reply_only"
        late = (as_of - req.due).days
        req.days_late = max(0, late)
        req.working_days_late = max(0, calendar.working_days_between(req.due, as_of))
    elif as_of > req.due:
        req.status = "unanswered_overdue"
        req.days_late = (as_of - req.due).days
        req.working_days_late = calendar.working_days_between(req.due, as_of)
    else:
        req.status = "open_not_due"


# ------------------------------------------------------------------------------ archive findings
@dataclass(frozen=True)
class ArchiveFinding:
    """A finding that only shows across letters, with the letters and dates that show it."""

    indicator: int
    body: str
    message: str
    score: float
    letters: tuple[dict[str, Any], ...]
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"level": "archive", "indicator": self.indicator, "label": label(self.indicator), "body": self.body,
                "kind": self.kind, "score": round(self.score, 4), "message": self.message, "letters": list(self.letters)}  # fmt: skip


def _d(x: date | None) -> str:
    return x.strftime("%d/%m/%Y") if x else "?"


STATUS_VI = {
    "answered_on_time": "Trả lời đúng hạn",
    "answered_late": "Trả lời muộn",
    "holding_reply_only": "Chỉ hẹn trả lời sau",
    "unanswered_overdue": "Chưa trả lời, quá hạn",
    "open_not_due": "Chưa đến hạn",
}
_LAPSES = ("answered_late", "holding_reply_only", "unanswered_overdue")
# Requests from these bodies follow oversight by the Front, mass organisations, elected councils
# or the press: leaving them unanswered is indicator 11.
_OVERSIGHT = re.compile(
    r"MẶT TRẬN|MTTQ|HỘI NÔNG DÂN|HỘI LIÊN HIỆP PHỤ NỮ|ĐOÀN THANH NIÊN|HỘI CỰU CHIẾN BINH|LIÊN ĐOÀN LAO ĐỘNG|"
    r"HỘI ĐỒNG NHÂN DÂN|HĐND|BAN THANH TRA NHÂN DÂN|^BÁO\s|^TẠP CHÍ|^ĐÀI PHÁT THANH|^ĐÀI TRUYỀN HÌNH",
    re.IGNORECASE,
)
_MEETING = re.compile(r"\bhọp\b|cuộc họp|làm việc|kết luận|giao ban|hội nghị", re.IGNORECASE)
_PRESS = re.compile(r"^(?:báo|tạp chí|đài)\b|cơ quan báo chí", re.IGNORECASE)
_CITIZEN = re.compile(r"^(?:ông|bà|anh|chị|công dân|công ty|doanh nghiệp|hộ|cơ sở|hợp tác xã)\b", re.IGNORECASE)


def archive_findings(docs: Sequence[StoredDocument], requests: Sequence[Request], as_of: date) -> list[ArchiveFinding]:
    out: list[ArchiveFinding] = []
    # (5) and (6): overdue, late and holding-only requests, charged to the addressee.
    for req in requests:
        if req.status not in _LAPSES:
            continue
        st = req.document.structure
        oversight = _OVERSIGHT.search(" ".join(x for x in (st.get("issuer"), st.get("parent_issuer")) if x))
        indicator = 11 if oversight else (6 if req.kind == "report" else 5)
        what = "báo cáo" if req.kind == "report" else "trả lời"
        msg = (
            f"Văn bản {req.number} ngày {_d(req.document.issued_on)} của {display_body(req.document)} yêu cầu {what}, "
            f"hạn {_d(req.due)}: {STATUS_VI[req.status].lower()}"
        )
        if req.status == "answered_late":
            msg += f" (ngày {_d(req.answered_on)}, muộn {req.days_late} ngày, {req.working_days_late} ngày làm việc)"
        else:
            msg += f" (tính đến {_d(as_of)}: quá hạn {req.days_late} ngày, {req.working_days_late} ngày làm việc)"
        if req.reminders:
            msg += f"; đã đôn đốc {len(req.reminders)} lần"
        letters = [_ref(req.document)] + [_ref(x) for x in req.holding + req.replies + req.reminders]
        score = 0.9 if req.status == "unanswered_overdue" else (0.8 if req.status == "holding_reply_only" else 0.7)
        out.append(ArchiveFinding(indicator, req.addressee or "(không rõ)", msg, score, tuple(letters), req.status))
    # (8): one matter reminded again and again.
    for req in requests:
        if len(req.reminders) >= 2 and req.status != "answered_on_time":
            msg = (f"Một việc (văn bản {req.number} ngày {_d(req.document.issued_on)}) đã phải đôn đốc {len(req.reminders)} lần "
                   f"({', '.join(_d(r.issued_on) for r in req.reminders)}) mà chưa giải quyết xong")  # fmt: skip
            out.append(ArchiveFinding(8, display_body(req.document), msg, 0.6, tuple(_ref(x) for x in [req.document, *req.reminders]), "repeated_reminders"))
    # (8): repeated meetings on one matter by one body.
    out.extend(_repeated_meetings(docs, as_of))
    # (10): replies to citizens, businesses or the press signed by a deputy.
    out.extend(_deputy_replies(docs, as_of))
    return out


def _content_words(subject: str) -> set[str]:
    stop = {"về", "việc", "của", "và", "các", "tại", "cuộc", "họp", "buổi", "làm", "kết", "luận", "thông", "báo", "mời", "dự",
            "the", "trên", "địa", "bàn", "phương", "án", "nội", "dung", "với", "cho", "năm", "ngày"}  # fmt: skip
    return {w for w in re.findall(r"[^\W\d_]+", subject.lower()) if w not in stop}


def _repeated_meetings(docs: Sequence[StoredDocument], as_of: date) -> list[ArchiveFinding]:
    meetings = [
        d for d in docs
        if (d.issued_on is None or d.issued_on <= as_of)
        and (d.structure.get("doc_type") in ("giay_moi", "bien_ban") or (d.structure.get("doc_type") == "thong_bao" and _MEETING.search(d.structure.get("subject") or "")))
    ]  # fmt: skip
    parent = list(range(len(meetings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [_content_words(m.structure.get("subject") or "") for m in meetings]
    for i in range(len(meetings)):
        for j in range(i + 1, len(meetings)):
            if not _same_issuer(meetings[i], meetings[j]):
                continue
            a, b = words[i], words[j]
            linked = _cites(meetings[j], meetings[i]) or _cites(meetings[i], meetings[j])
            if linked or (a and b and len(a & b) / len(a | b) >= 0.4):
                parent[find(i)] = find(j)
    groups: dict[int, list[StoredDocument]] = defaultdict(list)
    for i, m in enumerate(meetings):
        groups[find(i)].append(m)
    out = []
    for group in groups.values():
        if len(group) < 3:
            continue
        group.sort(key=lambda d: d.issued_on or date.min)
        subject = group[0].structure.get("subject") or ""
        msg = (f"Một việc («{subject}») được họp, kết luận {len(group)} lần "
               f"({', '.join(_d(d.issued_on) for d in group)}) mà chưa có quyết định dứt điểm")  # fmt: skip
        out.append(ArchiveFinding(8, display_body(group[0]), msg, 0.6, tuple(_ref(d) for d in group), "repeated_meetings"))
    return out


def _deputy_replies(docs: Sequence[StoredDocument], as_of: date) -> list[ArchiveFinding]:
    by_body: dict[str, list[StoredDocument]] = defaultdict(list)
    for d in docs:
        if d.issued_on is not None and d.issued_on > as_of:
            continue
        st = d.structure
        to = st.get("addressees") or []
        outside = any(_PRESS.search(a) or _CITIZEN.search(a) for a in to)
        answering = any(r.get("relation") == "answers" for r in st.get("references", [])) or "trả lời" in (st.get("subject") or "").lower()
        if outside and answering:
            by_body[display_body(d)].append(d)
    out = []
    for body, replies in by_body.items():
        deputy = [d for d in replies if d.structure.get("signer_authority") == "KT"]
        if len(deputy) >= 2 and len(deputy) / len(replies) >= 0.5:
            msg = (f"{len(deputy)}/{len(replies)} văn bản trả lời người dân, doanh nghiệp, báo chí của {body} do cấp phó ký thay "
                   f"(KT.) người đứng đầu")  # fmt: skip
            out.append(ArchiveFinding(10, body, msg, 0.5 + 0.4 * len(deputy) / len(replies) - 0.2, tuple(_ref(d) for d in deputy), "deputy_replies"))
    return out
