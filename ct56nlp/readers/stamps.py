"""Digital-signature stamp blocks printed by signing software on signed PDFs.

A signed letter carries, usually above the header, a block such as::

    Ký bởi: Sở Xây dựng
    Email: sxd@ninhthuan.gov.vn
    Cơ quan: Tỉnh Ninh Thuận
    Thời gian ký: 10.11.2023 15:36:22 +07:00

It is not part of the letter: left in place it would be read as the issuing body.  This module
finds such blocks in canonical text and parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Span

__all__ = ["RawStamp", "find_stamps"]

_KEYS = r"(?:Ký bởi|Người ký|Được ký bởi|Email|E-mail|Cơ quan|Tổ chức|Đơn vị|Địa chỉ|Chức vụ|Thời gian ký|Ngày ký|Ngày giờ ký)"
_FIELD = re.compile(rf"(?P<key>{_KEYS})\s*:\s*(?P<value>.*?)\s*(?=(?:{_KEYS})\s*:|\n|$)", re.IGNORECASE)
_START = re.compile(r"^(?:Ký bởi|Người ký|Được ký bởi)\s*:", re.IGNORECASE | re.MULTILINE)
_LINE_WITH_KEY = re.compile(rf"^{_KEYS}\s*:", re.IGNORECASE)
_TIME = re.compile(
    r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})"
    r"(?:[ T,]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"(?:\s*(?P<tz>[+-]\d{2}:?\d{2}))?"
)


@dataclass(frozen=True)
class RawStamp:
    span: Span
    fields: dict[str, str]

    @property
    def signer(self) -> str | None:
        return self._get("ký bởi", "người ký", "được ký bởi")

    @property
    def organization(self) -> str | None:
        return self._get("cơ quan", "tổ chức", "đơn vị")

    @property
    def email(self) -> str | None:
        return self._get("email", "e-mail")

    @property
    def signed_at(self) -> str | None:
        raw = self._get("thời gian ký", "ngày ký", "ngày giờ ký")
        if not raw:
            return None
        m = _TIME.search(raw)
        if not m:
            return None
        iso = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        if m["H"]:
            iso += f"T{int(m['H']):02d}:{m['M']}:{m['S'] or '00'}"
            if m["tz"]:
                tz = m["tz"].replace(":", "")
                iso += f"{tz[:3]}:{tz[3:]}"
        return iso

    def _get(self, *keys: str) -> str | None:
        for k in keys:
            if self.fields.get(k):
                return self.fields[k]
        return None


def find_stamps(text: str) -> list[RawStamp]:
    """Stamp blocks in ``text``: a "Ký bởi:" line and the key-value lines that follow it.

    A block counts only if it also gives a signing time or an e-mail address, so an ordinary
    sentence mentioning "người ký" is never removed.
    """
    stamps = []
    for start in _START.finditer(text):
        if stamps and start.start() < stamps[-1].span.end:
            continue
        pos = start.start()
        end = pos
        fields: dict[str, str] = {}
        while pos < len(text):
            line_end = text.find("\n", pos)
            line_end = len(text) if line_end < 0 else line_end
            line = text[pos:line_end]
            if not _LINE_WITH_KEY.match(line):
                break
            for f in _FIELD.finditer(line):
                fields.setdefault(f["key"].lower(), f["value"].strip())
            end = line_end
            pos = line_end + 1
        has_time = any(k in fields for k in ("thời gian ký", "ngày ký", "ngày giờ ký"))
        if has_time or "email" in fields or "e-mail" in fields:
            stamps.append(RawStamp(Span(start.start(), end), fields))
    return stamps
