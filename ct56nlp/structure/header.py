"""The header of a letter: issuer, number, place and date, type, subject, urgency, addressees.

Per Nghị định 30/2020/NĐ-CP (state bodies) and Hướng dẫn 36-HD/VPTW (party bodies) the header
has two columns — issuer, "Số: ..." and "V/v ..." on the left; the motto and "Place, ngày ..."
on the right — then, for documents other than công văn, a title line ("QUYẾT ĐỊNH", "TỜ TRÌNH")
with the subject under it, then "Kính gửi: ...".  Extraction may have interleaved the two
columns or run them together on one line; the parser works on motto-free line segments so
either order reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field
from datetime import date

from ..types import Field, Span
from .lines import Line, field, split_lines, strip_motto
from .patterns import (
    DATE_RE,
    NUMBER,
    TYPE_ABBREVIATIONS,
    TYPE_TITLES,
    BULLET,
    UPPER,
    is_upper_line,
    normalize_number,
    parse_date,
)

__all__ = ["Header", "parse_header"]

_MAX_HEADER_LINES = 30
_ASK_START = re.compile(r"^(?:Đề nghị|Kính đề nghị|Yêu cầu|Giao|Căn cứ|Để|Nay|Ủy ban|UBND|Sở|Phòng|Ban)\b")
_NUMBER_LABEL = re.compile(rf"(?:^|(?<=[\s:]))(?:[Ss][ốỐôÔo]|SỐ)\s?[:.]?\s*(?P<num>{NUMBER})")
_BARE_NUMBER = re.compile(rf"^(?P<num>{NUMBER})$")
_SUBJECT = re.compile(r"^(?:V\s?/\s?[vV]|v\s?/\s?v|Viv|V\.v|Về\s+việc)\s*[:.]?\s*(?P<s>\S.*)$")
_PLACE_DATE = re.compile(
    rf"(?P<place>[{UPPER}][^\n,]{{0,60}}?)\s*,\s*(?P<date>ng[àa]y\s+\d{{1,2}}\s+th[áa]ng\s+\d{{1,2}}\s+n[ăa]m\s+\d{{4}}"
    rf"|ng[àa]y\s+\d{{1,2}}\s?[/.-]\s?\d{{1,2}}\s?[/.-]\s?\d{{4}})",
    re.IGNORECASE,
)
_KINH_GUI = re.compile(r"(?:^|(?<=\s))K[íi]nh\s+g[ửởu]i\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_URGENCY = {"THƯỢNG KHẨN": "thuong_khan", "HỎA TỐC": "hoa_toc", "KHẨN": "khan"}
_URGENCY_RE = re.compile(r"(?<![\w])(THƯỢNG KHẨN|HỎA TỐC|KHẨN)(?![\w])")
_URGENCY_LINE = re.compile(r"^(thượng khẩn|hỏa tốc(?: hẹn giờ)?|khẩn)[.!]?$", re.IGNORECASE)
_BODY_START = re.compile(
    r"^(?:Căn cứ|Thực hiện|Phúc đáp|Trả lời|Theo|Ngày \d|Hôm nay|Vào hồi|Trên cơ sở|Xét|Nhằm|Để|Qua|Tiếp nhận|"
    r"Sau khi|Vừa qua|Hiện nay|Trong|Nhận được|Thời gian|Thành phần|Điều 1|I\.|1\.|Phần|.*(?:trân trọng|kính mời))",
)
# A line starting with one of these names a new body; any other upper-case line continues the
# name above it (a long name wrapped in its column: "SỞ TÀI NGUYÊN VÀ" / "MÔI TRƯỜNG").
_ORG_HEAD = re.compile(
    r"^(?:SỞ|PHÒNG|BAN|VĂN PHÒNG|TRUNG TÂM|CHI CỤC|TỔNG CỤC|CỤC|BỆNH VIỆN|TRƯỜNG|ỦY BAN|UỶ BAN|UBND|HĐND|"
    r"UBMTTQ|HỘI|ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG BỘ|HUYỆN ỦY|TỈNH ỦY|THÀNH ỦY|THỊ ỦY|QUẬN ỦY|CHI BỘ|CÔNG TY|TẬP ĐOÀN|BỘ|"
    r"THANH TRA|ĐOÀN|LIÊN ĐOÀN|CÔNG AN|VIỆN|KHO BẠC|CHI NHÁNH|ĐÀI|BÁO|TẠP CHÍ|TÒA ÁN|TOÀ ÁN|BẢO HIỂM|HỢP TÁC XÃ|"
    r"QUỸ|ĐẠI HỌC|HỌC VIỆN|BỘ CHỈ HUY|BAN CHỈ ĐẠO|TỔ|NHÀ|KHU|HIỆP HỘI|LIÊN MINH|BCH|UBKT|CHI CỤC|ĐỘI|BAN QUẢN LÝ)\b"
)
_TRAILING = " .;,:"
# "KẾT LUẬN THANH TRA", "THÔNG BÁO KẾT LUẬN", "BIÊN BẢN HỌP": a type name, then more capitals.
_TITLE_LONG = re.compile(
    "^(?P<title>" + "|".join(sorted(map(re.escape, TYPE_TITLES), key=len, reverse=True)) + rf")(?:\s+[{UPPER}]+)+$"
)
_UPPER_PREFIX = re.compile(rf"^(?:[{UPPER}&\-]{{2,}}\s)+")


def _leading_upper(place: str) -> str:
    """The all-capitals words at the start of a place match ("MÔI TRƯỜNG Bắc Bình" -> "MÔI TRƯỜNG ")."""
    m = _UPPER_PREFIX.match(place + " ")
    if not m:
        return ""
    rest = (place + " ")[m.end():].strip()
    return m.group(0) if rest else ""
_TITLE_RE = re.compile(
    "^(?P<title>" + "|".join(sorted(map(re.escape, TYPE_TITLES), key=len, reverse=True)) + r")[ .:]*"
    r"(?:\s(?P<rest>(?:[" + "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ" + r"]|Về\b|V/v).*))?$"
)


@dataclass
class Header:
    number: Field | None = None
    issuer: Field | None = None
    parent_issuer: Field | None = None
    issued_on: Field | None = None
    place: Field | None = None
    doc_type: Field | None = None
    subject: Field | None = None
    urgency: Field | None = None
    addressees: list[Field] = dc_field(default_factory=list)
    end: int = 0  # where the body begins
    found_any: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    while start < end and text[start] in " -+•":
        start += 1
    return start, end


def _header_lines(text: str) -> list[Line]:
    lines = split_lines(text)
    out = []
    after_title = False
    for i, line in enumerate(lines):
        if i >= _MAX_HEADER_LINES:
            break
        titled = _TITLE_RE.match(line.text) is not None or (len(line.text) < 70 and _TITLE_LONG.match(line.text) is not None)
        long_body = len(line.text) > 90 and not is_upper_line(line.text) and not _SUBJECT.match(line.text)
        if i > 3 and long_body and not titled and not (after_title and len(line.text) < 260):
            break  # a body paragraph
        out.append(line)
        after_title = titled
    return out


def parse_header(text: str, *, metadata: dict | None = None) -> Header:
    h = Header()
    lines = _header_lines(text)
    if not lines:
        return h
    segments: list[tuple[int, Line]] = []  # (line index, motto-free segment)
    for i, line in enumerate(lines):
        for seg in strip_motto(line):
            segments.append((i, seg))

    # --- number
    number_line = None
    for i, seg in segments:
        m = _NUMBER_LABEL.search(seg.text)
        if m:
            s, e = seg.start + m.start("num"), seg.start + m.end("num")
            s, e = _trim(text, s, e)
            h.number = field(text, s, e, normalize_number(text[s:e]))
            number_line = i
            break
    if h.number is None:
        for i, seg in segments[:12]:
            m = _BARE_NUMBER.match(seg.text)
            if m:
                s, e = _trim(text, seg.start, seg.start + m.end("num"))
                h.number = field(text, s, e, normalize_number(text[s:e]))
                number_line = i
                break

    # --- place and date
    for i, seg in segments:
        m = _PLACE_DATE.search(seg.text)
        if not m:
            continue
        dm = DATE_RE.search(m.group("date"))
        day = parse_date(dm) if dm else None
        if day is None:
            continue
        ds = seg.start + m.start("date")
        h.issued_on = field(text, ds, seg.start + m.end("date"), day)
        place_text = m.group("place")
        # Cut anything before the place that another header item owns ("Số: 12/UBND Ninh Thuận").
        cut = 0
        for other in (_NUMBER_LABEL, re.compile(NUMBER)):
            om = other.search(place_text)
            if om:
                cut = max(cut, om.end())
        cut += len(_leading_upper(place_text[cut:].lstrip())) + (len(place_text[cut:]) - len(place_text[cut:].lstrip()))
        ps, pe = _trim(text, seg.start + m.start("place") + cut, seg.start + m.end("place"))
        if pe > ps:
            h.place = field(text, ps, pe)
        break

    # --- issuer (and parent): upper-case segments above the number
    stop = number_line if number_line is not None else len(lines)
    groups: list[list[Line]] = []
    for i, seg in segments:
        if i > stop:
            break
        label = _NUMBER_LABEL.search(seg.text) if i == stop else None
        if label:
            if label.start() == 0:
                break
            seg = seg.sub(0, label.start())  # "SỞ Y TẾ Số: 12/SYT-NV" run together on one line
        t = seg.text.strip(" *")
        pd = _PLACE_DATE.search(t)
        if pd or DATE_RE.search(t):
            # "MÔI TRƯỜNG Bắc Bình, ngày ...": the left column's last line ran into the date line.
            prefix = _UPPER_PREFIX.match(t[: pd.start("place") + len(_leading_upper(pd.group("place")))] if pd else "")
            if not prefix or not prefix.group(0).strip():
                continue
            seg = seg.sub(0, len(prefix.group(0).rstrip()))
            t = seg.text
        if not t or not is_upper_line(t) or t in TYPE_TITLES or _URGENCY_LINE.match(t):
            continue
        if groups and not _ORG_HEAD.match(t) and groups[-1][-1].text.strip() != "*":
            groups[-1].append(seg)
        else:
            groups.append([seg])
    if groups:
        h.issuer = _group_field(text, groups[-1])
        if len(groups) >= 2:
            h.parent_issuer = _group_field(text, groups[-2])

    # --- urgency: a mark under the number, not urgency words in the body
    for i, seg in segments:
        if _URGENCY_LINE.match(seg.text):
            key = seg.text.upper().rstrip(".!")
            key = "HỎA TỐC" if key.startswith("HỎA TỐC") else key
            h.urgency = field(text, seg.start, seg.start + len(seg.text.rstrip(".!")), _URGENCY[key])
            break
        m = _URGENCY_RE.search(seg.text)
        if m and (i == number_line or is_upper_line(seg.text, 0.6)) and not _SUBJECT.match(seg.text):
            h.urgency = field(text, seg.start + m.start(), seg.start + m.end(), _URGENCY[m.group(1)])
            break

    # --- title (document type) and subject
    title_idx = None
    title_rest: Line | None = None
    for k, (i, seg) in enumerate(segments):
        m = _TITLE_RE.match(seg.text) or (_TITLE_LONG.match(seg.text) if len(seg.text) < 70 else None)
        if m:
            title = m.group("title")
            h.doc_type = field(text, seg.start, seg.start + len(title), TYPE_TITLES[title])
            title_idx = k
            if m.groupdict().get("rest"):
                title_rest = seg.sub(m.start("rest"), len(seg.text))  # "CHỈ THỊ về ..." joined by a wrap
            break
    subject_lines: list[Line] = []
    for k, (i, seg) in enumerate(segments):
        m = _SUBJECT.match(seg.text)
        if m and (title_idx is None or k > title_idx or k < title_idx):
            subject_lines = [seg.sub(m.start("s"), len(seg.text))]
            for _, nxt in segments[k + 1 : k + 4]:
                if _continues_subject(nxt.text):
                    subject_lines.append(nxt)
                else:
                    break
            break
    if not subject_lines and title_rest is not None:
        subject_lines = [title_rest]
    if not subject_lines and title_idx is not None:
        for _, nxt in segments[title_idx + 1 : title_idx + 4]:
            t = nxt.text
            if _KINH_GUI.match(t) or _BODY_START.match(t) or is_upper_line(t) or len(t) > 160:
                break
            m = _SUBJECT.match(t)
            subject_lines.append(nxt.sub(m.start("s"), len(t)) if m else nxt)
            if t.endswith((".", ":")):
                break
    if subject_lines:
        s, e = _trim(text, subject_lines[0].start, subject_lines[-1].end)
        if e > s:
            h.subject = field(text, s, e)
    if h.doc_type is None and h.number is not None:
        h.doc_type = _type_from_number(text, h.number)
    if h.doc_type is None and h.subject is not None:
        # A "V/v" subject line is the mark of a công văn.
        for _, seg in segments:
            m = re.match(r"^(?:V\s?/\s?[vV]|v\s?/\s?v|Viv|V\.v)", seg.text)
            if m:
                h.doc_type = field(text, seg.start, seg.start + m.end(), "cong_van")
                break

    # --- addressees ("Kính gửi:")
    all_lines = [seg for line in split_lines(text)[:90] for seg in strip_motto(line)]
    body_from = max((seg.end for _, seg in segments[: _last_header_segment(segments, title_idx)]), default=0)
    for idx, line in enumerate(all_lines[:60]):
        m = _KINH_GUI.search(line.text)
        if not m:
            continue
        if m.start() > 0:
            line = line.sub(m.start(), len(line.text))
            m = _KINH_GUI.match(line.text)
        h.addressees = _addressees(text, all_lines, idx, line, m)
        last_end = h.addressees[-1].span.end if h.addressees else line.end
        body_from = max(body_from, _line_end_after(all_lines, last_end))
        break
    h.end = min(body_from, len(text))
    h.found_any = any(
        x is not None for x in (h.number, h.issuer, h.issued_on, h.doc_type, h.subject)
    ) or bool(h.addressees)
    if metadata:
        _fill_from_edxml(h, metadata)
    return h


def _group_field(text: str, group: list[Line]) -> Field:
    """One name written on several lines; when the motto column ran in between, the value is the
    name's own segments joined (the span still covers them all)."""
    s, e = _trim(text, group[0].start, group[-1].end)
    f = field(text, s, e)
    return field(text, s, e, f.value.strip(" *" + _TRAILING))


def _continues_subject(t: str) -> bool:
    if _KINH_GUI.match(t) or _BODY_START.match(t) or is_upper_line(t) or len(t) > 120:
        return False
    if _PLACE_DATE.search(t) or DATE_RE.fullmatch(t) or _NUMBER_LABEL.search(t):
        return False
    return True


def _last_header_segment(segments, title_idx) -> int:
    """How many leading segments belong to the header block (up to the subject after a title)."""
    n = 0
    for k, (i, seg) in enumerate(segments):
        t = seg.text
        if _KINH_GUI.match(t):
            break
        if k > 2 and _BODY_START.match(t) and not _SUBJECT.match(t):
            break
        if title_idx is not None and k > title_idx + 3:
            break
        if len(t) > 160:
            break
        n = k + 1
    return n


def _line_end_after(lines: list[Line], pos: int) -> int:
    for line in lines:
        if line.start <= pos <= line.end:
            return line.end
    return pos


def _addressees(text: str, lines: list[Line], idx: int, line: Line, m: re.Match[str]) -> list[Field]:
    out: list[Field] = []
    pieces: list[Line] = []
    rest = line.sub(m.start("rest"), len(line.text))
    if rest.text:
        pieces.append(rest)
    for nxt in lines[idx + 1 : idx + 30]:
        t = nxt.text
        wrapped = pieces and text[pieces[-1].end : nxt.start].count("\n") == 1
        continues = wrapped and len(t.split()) <= 6 and not _BODY_START.match(t) and not _ASK_START.match(t)
        if continues and not BULLET.match(t) and not pieces[-1].text.endswith((".", ";", ",", ":")):
            last = pieces[-1]
            pieces[-1] = Line(text[last.start : nxt.end], last.start)  # a name wrapped before a capital
            if t.endswith("."):
                break
            continue
        if BULLET.match(t) or (not pieces and len(t) < 120) or (pieces and pieces[-1].text.endswith((";", ",")) and len(t) < 120):
            pieces.append(nxt)
            if not BULLET.match(t) and not t.endswith((";", ",")):
                break
        else:
            break
    for piece in pieces:
        # One line may list several addressees separated by ";".
        start = 0
        for part in re.split(r"(;)", piece.text):
            if part == ";":
                start += 1
                continue
            seg = piece.sub(start, start + len(part))
            start += len(part)
            b = BULLET.match(seg.text)
            s = seg.start + (b.end() if b else 0)
            s, e = _trim(text, s, seg.end)
            if e - s >= 3:
                out.append(field(text, s, e))
    return out


def _type_from_number(text: str, number: Field) -> Field | None:
    raw = number.raw
    m = re.match(r"\d+\s?(?:/\s?\d{4}\s?)?[/-]\s?(?P<abbr>[^\s/-]+)", raw)
    if not m:
        return None
    abbr = m.group("abbr")
    code = TYPE_ABBREVIATIONS.get(abbr)
    if code is None:
        return None
    s = number.span.start + m.start("abbr")
    return Field(code, Span(s, s + len(abbr)), text[s : s + len(abbr)])


_PRIORITY = {"1": "khan", "2": "thuong_khan", "3": "hoa_toc", "4": "hoa_toc"}


def _fill_from_edxml(h: Header, meta: dict) -> None:
    """Values the letter's text did not give, taken from the edXML header (no span: metadata)."""
    if h.urgency is None:
        other = meta.get("OtherInfo")
        prio = other.get("Priority") if isinstance(other, dict) else None
        if isinstance(prio, str) and prio.strip() in _PRIORITY:
            h.urgency = Field(_PRIORITY[prio.strip()], None, "", "edxml")
    if h.number is None:
        code = meta.get("Code")
        if isinstance(code, dict) and code.get("CodeNumber"):
            sep = "-" if "/" in (code.get("CodeNotation") or "") else "/"
            value = normalize_number(f"{code['CodeNumber']}{sep}{code.get('CodeNotation') or ''}")
            h.number = Field(value, None, "", "edxml")
    if h.issued_on is None:
        info = meta.get("PromulgationInfo")
        raw = info.get("PromulgationDate") if isinstance(info, dict) else None
        if isinstance(raw, str):
            try:
                h.issued_on = Field(date.fromisoformat(raw.strip()[:10]), None, "", "edxml")
            except ValueError:
                pass
