"""The closing of a letter: the signature block (authority chain, position, name) and "Nơi nhận".

"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A" is a deputy signing on behalf
of the chairman, on behalf of the committee: the chain is (TM, KT) and the authority that matters
— the prefix nearest the signer's own title — is KT.  Signature and "Nơi nhận" sit side by side
in the original, so extraction may run them together on one line; such lines are split first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field as dc_field

from ..types import Field
from .lines import Line, field, split_lines
from .patterns import AUTHORITY_CANON, BULLET, UPPER, is_upper_line

__all__ = ["Closing", "parse_closing"]

_TAIL_LINES = 40
_NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE)
_AUTH = re.compile(r"^(?P<prefix>TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T/UQ)(?P<dot>\s?[.:]|\s)\s*(?P<rest>\S.*)$")
_AUTH_INLINE = re.compile(r"(?<=\s)(?:TM|KT|TL|TUQ|T/M|K/T|T/L|T/UQ)\s?[.:]\s*[" + UPPER + r"]{2,}")
_UPPER_TAIL = re.compile(r"(?<=[;.,:])\s+(?P<tail>(?:[" + UPPER + r"]{1,}\s?){2,})$")
_NAME_TAIL = re.compile(r"(?<=[;.,])\s+(?P<tail>[" + UPPER + r"][^\W\d_]+(?:\s+[" + UPPER + r"][^\W\d_]+){1,4})$")
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã ký|ký|ký tên|ký,? (?:ghi rõ họ tên,? )?đóng dấu|chữ ký|signed)[^)\]]*[)\]]?\.?$", re.IGNORECASE)
_NAME = re.compile(rf"^(?:[{UPPER}][\w.]*)(?:\s+[{UPPER}][\w.]*){{1,5}}$")
_TITLE_WORDS = re.compile(
    r"GIÁM ĐỐC|CHỦ TỊCH|BÍ THƯ|TRƯỞNG|CHÁNH|PHÓ|HIỆU|THỦ TRƯỞNG|TỔNG|ỦY BAN|VĂN PHÒNG|BAN|SỞ|CỤC|CHI CỤC|VIỆN|"
    r"CHỦ NHIỆM|CHỦ TRÌ|THƯ KÝ|ĐẠI DIỆN|CHỦ TỌA|TỔ TRƯỞNG|ĐOÀN|KIỂM SÁT|THẨM PHÁN|CHẤP HÀNH VIÊN"
)
_SKIP_COPY = re.compile(r"^(?:như trên|lưu\b|lưu:|lưu vt|nhu tren)", re.IGNORECASE)


@dataclass
class Closing:
    start: int | None = None  # where the closing block starts (body ends)
    authority: Field | None = None
    chain: list[Field] = dc_field(default_factory=list)
    position: Field | None = None
    name: Field | None = None
    copies: list[Field] = dc_field(default_factory=list)


def _virtual_lines(lines: list[Line]) -> list[Line]:
    """Split lines where the "Nơi nhận" column and the signature column ran together."""
    out: list[Line] = []
    for line in lines:
        t = line.text
        cut = None
        if not _AUTH.match(t):
            m = _AUTH_INLINE.search(t)
            if m:
                cut = m.start()
        if cut is None and (BULLET.match(t) or _NOI_NHAN.match(t)):
            m = _UPPER_TAIL.search(t)
            if m and _TITLE_WORDS.search(m.group("tail")):
                cut = m.start("tail")
            else:
                m = _NAME_TAIL.search(t)  # "- Lưu: VT. Nguyễn Văn An": the signer's name ran into the list
                if m and not is_upper_line(m.group("tail")):
                    cut = m.start("tail")
        if cut:
            out.append(line.sub(0, cut))
            out.append(line.sub(cut, len(t)))
        else:
            out.append(line)
    return [x for x in out if x.text]


def parse_closing(text: str, body_start: int) -> Closing:
    c = Closing()
    all_lines = [x for x in split_lines(text) if x.start >= body_start]
    tail = _virtual_lines(all_lines[-_TAIL_LINES:])
    if not tail:
        return c

    # --- "Nơi nhận"
    noi_idx = None
    for k in range(len(tail) - 1, -1, -1):
        if _NOI_NHAN.match(tail[k].text):
            noi_idx = k
            break
    if noi_idx is not None:
        first = tail[noi_idx]
        items: list[Line] = []
        m = _NOI_NHAN.match(first.text)
        rest = first.sub(m.start("rest"), len(first.text))
        if rest.text:
            items.append(rest)
        for line in tail[noi_idx + 1 :]:
            if BULLET.match(line.text):
                items.append(line)
            elif _AUTH.match(line.text) or is_upper_line(line.text) or _NAME.match(line.text) or _SIGNED.match(line.text):
                continue  # the signature column, read in between
            else:
                break
        for item in items:
            b = BULLET.match(item.text)
            s = item.start + (b.end() if b else 0)
            e = item.end
            while e > s and text[e - 1] in " ;.,":
                e -= 1
            value = " ".join(text[s:e].split())
            if e - s >= 2 and not _SKIP_COPY.match(value):
                c.copies.append(field(text, s, e))

    # --- the authority chain: the last run of authority lines
    auth_idx: list[int] = []
    for k, line in enumerate(tail):
        m = _AUTH.match(line.text)
        if m and (m.group("prefix") != "Q" or "." in m.group("dot")) and is_upper_line(m.group("rest"), 0.7):
            if auth_idx and k != auth_idx[-1] + 1 and not _between_is_copies(tail, auth_idx[-1], k):
                auth_idx = []
            auth_idx.append(k)
    position_from = None
    if auth_idx:
        for k in auth_idx:
            line = tail[k]
            m = _AUTH.match(line.text)
            c.chain.append(field(text, line.start, line.end))
        last = tail[auth_idx[-1]]
        m = _AUTH.match(last.text)
        prefix = AUTHORITY_CANON.get(m.group("prefix"), m.group("prefix"))
        c.authority = field(text, last.start, last.start + len(m.group("prefix")), prefix)
        position_from = auth_idx[-1] + 1
        c.start = tail[auth_idx[0]].start

    # --- position and name
    candidates = tail[position_from:] if position_from is not None else tail
    pos_k = None
    for k, line in enumerate(candidates):
        t = line.text
        if BULLET.match(t) or _NOI_NHAN.match(t) or _SIGNED.match(t):
            continue
        if is_upper_line(t) and _TITLE_WORDS.search(t) and len(t) < 80:
            if position_from is None and k + 1 < len(candidates) and not _looks_like_name_after(candidates, k):
                continue
            c.position = field(text, line.start, _strip_end(text, line.start, line.end))
            pos_k = k
            if position_from is not None:
                break
    if c.position is None and c.chain and auth_idx:
        # "Q. GIÁM ĐỐC" or "TM. ..." directly above the name: the title is in the prefix line.
        last = tail[auth_idx[-1]]
        m = _AUTH.match(last.text)
        s = last.start + m.start("rest")
        c.position = field(text, s, _strip_end(text, s, last.end))
        pos_k = -1
    if c.position is not None:
        for line in candidates[(pos_k if pos_k is not None else -1) + 1 :]:
            t = line.text
            if _SIGNED.match(t) or BULLET.match(t) or _NOI_NHAN.match(t) or not t.strip(" *"):
                continue
            if _NAME.match(t) and not is_upper_line(t) and len(t) <= 50:
                c.name = field(text, line.start, _strip_end(text, line.start, line.end))
                break
            if is_upper_line(t) and _TITLE_WORDS.search(t):
                continue
            break
        if c.start is None:
            c.start = c.position.span.start
    if noi_idx is not None:
        c.start = min(c.start, tail[noi_idx].start) if c.start is not None else tail[noi_idx].start
    return c


def _between_is_copies(tail: list[Line], a: int, b: int) -> bool:
    return all(BULLET.match(tail[k].text) or _NOI_NHAN.match(tail[k].text) for k in range(a + 1, b))


def _looks_like_name_after(lines: list[Line], k: int) -> bool:
    for line in lines[k + 1 : k + 8]:
        if _SIGNED.match(line.text) or BULLET.match(line.text) or _NOI_NHAN.match(line.text):
            continue
        return bool(_NAME.match(line.text)) and not is_upper_line(line.text)
    return False


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " .;,:":
        end -= 1
    return end
