"""Result types: plain, frozen values that every stage passes on and every report serialises.

Offsets are half-open ``[start, end)`` into ``Document.text`` (the canonical text) unless a field
says otherwise.  ``to_dict()`` gives JSON-ready data; it never returns internal objects.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date as date_type
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
    "Field",
    "Reference",
    "Deadline",
    "Structure",
    "Evidence",
    "Finding",
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


# ----------------------------------------------------------------------------- structure
@dataclass(frozen=True, slots=True)
class Field:
    """A value read from the text: ``raw`` is exactly ``Document.text[span]``; ``value`` is its
    normalised form (e.g. a document number without inner spaces, a date).  Values taken from
    edXML metadata instead of the text have ``span=None`` and ``source="edxml"``."""

    value: Any
    span: Span | None
    raw: str
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        v = self.value.isoformat() if hasattr(self.value, "isoformat") else self.value
        return {"value": v, "span": self.span.to_list() if self.span else None, "source": self.source}


@dataclass(frozen=True, slots=True)
class Reference:
    """A document the letter cites (correspondence) or rests on (legal basis)."""

    number: str | None
    date: "date_type | None"
    issuer: str | None
    doc_type: str | None  # as written: "Công văn", "Tờ trình", "Nghị định", ...
    relation: str  # answers | implements | reminds | mentions | legal_basis
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "doc_type": self.doc_type,
            "relation": self.relation,
            "span": self.span.to_list(),
        }


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date by which something is asked; ``kind`` says how it was stated."""

    date: "date_type"
    text: str
    kind: str  # absolute | working_days | calendar_days
    span: Span | None  # None when it came from edXML metadata
    source: str = "text"  # text | edxml

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "text": self.text,
            "kind": self.kind,
            "span": self.span.to_list() if self.span else None,
            "source": self.source,
        }


@dataclass(frozen=True)
class Structure:
    """The anatomy of one letter (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW for party bodies)."""

    number: Field | None = None
    issuer: Field | None = None
    parent_issuer: Field | None = None
    issued_on: Field | None = None
    place: Field | None = None
    doc_type: Field | None = None
    subject: Field | None = None
    urgency: Field | None = None
    addressees: tuple[Field, ...] = ()  # "Kính gửi:"
    copies: tuple[Field, ...] = ()  # "Nơi nhận:" (without "Như trên" and "Lưu")
    signer_authority: Field | None = None
    signer_chain: tuple[Field, ...] = ()
    signer_position: Field | None = None
    signer_name: Field | None = None
    references: tuple[Reference, ...] = ()
    legal_basis: tuple[Reference, ...] = ()
    deadline: Deadline | None = None
    deadlines: tuple[Deadline, ...] = ()
    header_span: Span | None = None
    body_span: Span | None = None
    closing_span: Span | None = None  # signature block and "Nơi nhận"
    notices: tuple[Notice, ...] = ()

    @property
    def recipients(self) -> tuple[Field, ...]:
        seen: set[str] = set()
        out = []
        for f in self.addressees + self.copies:
            if f.value not in seen:
                seen.add(f.value)
                out.append(f)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        def val(f: Field | None) -> Any:
            if f is None:
                return None
            return f.value.isoformat() if hasattr(f.value, "isoformat") else f.value

        def span(f: Field | None) -> list[int] | None:
            return f.span.to_list() if f and f.span else None

        scalar = (
            "number", "issuer", "parent_issuer", "issued_on", "place", "doc_type", "subject", "urgency",
            "signer_authority", "signer_position", "signer_name",
        )  # fmt: skip
        d: dict[str, Any] = {k: val(getattr(self, k)) for k in scalar}
        d["recipients"] = [f.value for f in self.recipients]
        d["addressees"] = [f.value for f in self.addressees]
        d["signer_chain"] = [f.value for f in self.signer_chain]
        d["references"] = [r.to_dict() for r in self.references]
        d["legal_basis"] = [r.to_dict() for r in self.legal_basis]
        d["deadline"] = self.deadline.to_dict() if self.deadline else None
        d["deadlines"] = [x.to_dict() for x in self.deadlines]
        spans: dict[str, Any] = {k: span(getattr(self, k)) for k in scalar}
        spans["recipients"] = [span(f) for f in self.recipients]
        spans["signer_chain"] = [span(f) for f in self.signer_chain]
        for k in ("header_span", "body_span", "closing_span"):
            s = getattr(self, k)
            spans[k.removesuffix("_span")] = s.to_list() if s else None
        d["spans"] = spans
        d["notices"] = [n.to_dict() for n in self.notices]
        return d


# ----------------------------------------------------------------------------- findings
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a detector fired: which detector, which rule (or the model's top features), and a
    message in Vietnamese an inspector can check in seconds."""

    detector: str
    message: str
    rule: str | None = None
    score: float | None = None
    features: tuple[str, ...] = ()
    span: Span | None = None  # the cue inside the passage, when the detector knows it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"detector": self.detector, "message": self.message}
        if self.rule:
            d["rule"] = self.rule
        if self.score is not None:
            d["score"] = round(self.score, 4)
        if self.features:
            d["features"] = list(self.features)
        if self.span:
            d["span"] = self.span.to_list()
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Evidence":
        return cls(
            detector=d["detector"],
            message=d["message"],
            rule=d.get("rule"),
            score=d.get("score"),
            features=tuple(d.get("features", ())),
            span=Span.from_list(d["span"]) if d.get("span") else None,
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """One indicator found in one passage (or, at archive level, across letters)."""

    indicator: int
    label: str
    span: Span
    text: str
    score: float  # calibrated probability-like score in [0, 1]
    evidence: tuple[Evidence, ...]
    passage: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "label": self.label,
            "span": self.span.to_list(),
            "text": self.text,
            "score": round(self.score, 4),
            "passage": self.passage,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Finding":
        return cls(
            indicator=int(d["indicator"]),
            label=d["label"],
            span=Span.from_list(d["span"]),
            text=d["text"],
            score=float(d["score"]),
            evidence=tuple(Evidence.from_dict(e) for e in d["evidence"]),
            passage=d.get("passage"),
        )
