"""Plain text: UTF-8, UTF-16, Windows-1258 and the legacy TCVN3/VNI font encodings."""

from __future__ import annotations

from ..encodings import decode_bytes
from ..errors import UnsupportedFormatError
from ..types import Notice
from .base import MEDIA_TYPES, Extracted, Limits

__all__ = ["read_text"]


def read_text(data: bytes, limits: Limits) -> Extracted:
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        raise UnsupportedFormatError(
            f"not a text file ({exc}); supported: PDF, DOCX, plain text, edXML and scanned images"
        ) from exc
    notices = []
    if encoding.startswith("utf-8+") or encoding in ("tcvn3", "vni"):
        legacy = encoding.split("+")[-1].upper()
        notices.append(Notice("legacy_encoding", f"Văn bản dùng bảng mã {legacy}; đã chuyển sang Unicode."))
    return Extracted(MEDIA_TYPES["text"], text.split("\f"), notices=notices, encoding=encoding)
