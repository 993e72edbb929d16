"""Result types: plain, frozen values that every stage passes on and every report serialises.

Offsets are half-open ``[start, end)`` into ``Document.text`` (the canonical text) unless a field
says otherwise.  ``to_dict()`` gives JSON-ready data; it never returns internal objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from .normalize import OffsetMap

__all__ = [
    "SCHEMA_VERSION",
    "Span",
    "Notice",
    "Page",
    "OcrInfo",
    "SignatureStamp",
    "Attachment",
    "Document",
]

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: list[int] | tuple[int, int]) -> "Span":
        start, end = value
        return cls(int(start), int(end))


@dataclass(frozen=True, slots=True)
class Notice:
    """A non-fatal problem worth telling the user about ("page 3 has no text layer")."""

    code: str
    message: str
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.page is not None:
            d["page"] = self.page
        return d


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the source, as a span of ``Document.text`` (1-based ``number``)."""

    number: int
    span: Span
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"number": self.number, "span": self.span.to_list()}
        if self.ocr_confidence is not None:
            d["ocr_confidence"] = round(self.ocr_confidence, 2)
        return d


@dataclass(frozen=True, slots=True)
class OcrInfo:
    """OCR was used: which engine, which pages, and how sure it was (0-100, Tesseract's scale)."""

    engine: str
    language: str
    pages: tuple[int, ...]
    mean_confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "language": self.language,
            "pages": list(self.pages),
            "mean_confidence": round(self.mean_confidence, 2),
        }


@dataclass(frozen=True, slots=True)
class SignatureStamp:
    """A digital-signature stamp block ("Ký bởi: ... Thời gian ký: ...") found in a signed PDF.

    Stamps are printed by the signing software, not written by the author, so they are taken out
    of ``Document.text``; ``source_span`` points into ``Document.source_text``.
    """

    signer: str | None
    organization: str | None
    email: str | None
    signed_at: str | None  # ISO 8601, with the offset when the stamp gives one
    source_span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "signer": self.signer,
            "organization": self.organization,
            "email": self.email,
            "signed_at": self.signed_at,
        }


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file carried inside another one (an edXML package's PDF), and where its text went."""

    name: str
    media_type: str
    size: int
    sha256: str
    span: Span | None = None  # its text inside Document.text, if it was read
    error: Mapping[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "span": self.span.to_list() if self.span else None,
            "error": dict(self.error) if self.error else None,
        }


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, eq=False)
class Document:
    """One letter, in canonical text, with everything known about where the text came from.

    ``text`` is canonical (see :mod:`ct56nlp.normalize`); ``source_text`` is the text as
    extracted, and ``offsets`` maps the first onto the second.
    """

    text: str
    media_type: str
    sha256: str
    source: str | None = None
    pages: tuple[Page, ...] = ()
    notices: tuple[Notice, ...] = ()
    ocr: OcrInfo | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    stamps: tuple[SignatureStamp, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    encoding: str | None = None
    source_text: str = ""
    offsets: OffsetMap | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def source_span(self, span: Span) -> Span:
        """The span of ``source_text`` that canonical ``span`` came from."""
        if self.offsets is None:
            return span
        return Span(self.offsets.to_source(span.start), self.offsets.to_source(span.end))

    def page_of(self, offset: int) -> int | None:
        for page in self.pages:
            if page.span.start <= offset < page.span.end or (offset == page.span.end == len(self.text)):
                return page.number
        return None

    def summary(self) -> dict[str, Any]:
        """The ``"document"`` object of ``ct56nlp analyze --format json``."""
        return {
            "source": self.source,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "pages": len(self.pages),
            "chars": len(self.text),
            "ocr": self.ocr.to_dict() if self.ocr else None,
        }

    def to_dict(self) -> dict[str, Any]:
        d = self.summary()
        d.update(
            {
                "schema_version": SCHEMA_VERSION,
                "encoding": self.encoding,
                "page_spans": [p.to_dict() for p in self.pages],
                "notices": [n.to_dict() for n in self.notices],
                "metadata": _jsonable(self.metadata),
                "stamps": [s.to_dict() for s in self.stamps],
                "attachments": [a.to_dict() for a in self.attachments],
                "text": self.text,
            }
        )
        return d


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
