"""What every reader returns, and the limits every reader respects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..types import Attachment, Notice

__all__ = ["Limits", "Extracted", "MEDIA_TYPES"]

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text": "text/plain",
    "edxml": "application/edxml+xml",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "tiff": "image/tiff",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "webp": "image/webp",
    "zip": "application/zip",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "html": "text/html",
    "xml": "application/xml",
}


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost.  The defaults suit letters; raise them for big reports.

    Exceeding a bound raises :class:`~ct56nlp.errors.TooLargeError` (or, for OCR, leaves a
    notice and skips the remaining pages) — never a hang or an out-of-memory crash.
    """

    max_bytes: int = 100 * 2**20
    max_pages: int = 2000
    max_chars: int = 10_000_000
    max_decompressed: int = 256 * 2**20
    max_zip_entries: int = 10_000
    max_attachments: int = 50
    max_depth: int = 3
    ocr: bool = True
    ocr_language: str = "vie"
    ocr_max_pages: int = 50
    ocr_dpi: int = 300
    ocr_max_pixels: int = 40_000_000  # a page is rendered at a lower resolution rather than exceed this
    ocr_timeout: float = 120.0
    pdf_layout_header: bool = True


@dataclass
class Extracted:
    """Text as a reader got it, page by page, before canonicalisation."""

    media_type: str
    pages: list[str]
    notices: list[Notice] = field(default_factory=list)
    ocr_confidence: dict[int, float] = field(default_factory=dict)  # page number -> mean conf
    ocr_language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    attachments: list[tuple[Attachment, int, int]] = field(default_factory=list)  # (att, first page, n pages)
    encoding: str | None = None
