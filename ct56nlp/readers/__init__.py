"""File -> :class:`~ct56nlp.types.Document`: the first stage of ct56nlp.

:func:`extract` reads a path, bytes or a binary file object, recognises the type from the content,
hands it to the reader for that type (:mod:`.pdf`, :mod:`.docx`, :mod:`.text`, :mod:`.edxml`,
OCR for images), then canonicalises the text once (:func:`ct56nlp.normalize.canonicalize`) and
removes digital-signature stamps.  Every error a reader's dependency raises is translated here
into the :mod:`ct56nlp.errors` tree.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Union

from ..errors import (
    CorruptDocumentError,
    Ct56Error,
    EmptyDocumentError,
    TooLargeError,
    UnreadableError,
    UnsupportedFormatError,
)
from ..normalize import canonicalize, remove_spans
from ..types import Attachment, Document, Notice, OcrInfo, Page, SignatureStamp, Span, sha256_hex
from .base import MEDIA_TYPES, Extracted, Limits
from .sniff import sniff
from .stamps import find_stamps

__all__ = ["extract", "build_document", "Limits", "Source", "read_source"]

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, IO[bytes]]

_ALIASES = {
    "pdf": MEDIA_TYPES["pdf"],
    "docx": MEDIA_TYPES["docx"],
    "text": MEDIA_TYPES["text"],
    "txt": MEDIA_TYPES["text"],
    "edxml": MEDIA_TYPES["edxml"],
    "image": "image/*",
}


def read_source(source: Source, limits: Limits) -> tuple[bytes, str | None]:
    """The bytes of ``source`` (refusing more than ``limits.max_bytes``) and a name for it."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = None
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = str(source)
        try:
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise TooLargeError(f"{name} is {size} bytes, more than the limit of {limits.max_bytes}")
            if not path.is_file():
                raise UnreadableError(f"{name} is not a regular file")
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableError(f"cannot read {name}: {exc.strerror or exc}") from exc
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = str(name) if isinstance(name, (str, os.PathLike)) else None
        try:
            data = source.read(limits.max_bytes + 1)
        except OSError as exc:
            raise UnreadableError(f"cannot read the file object: {exc}") from exc
        if isinstance(data, str):
            raise UnsupportedFormatError("the file object is open in text mode; open it with 'rb'")
    else:
        raise TypeError(f"extract() takes a path, bytes or a binary file object, not {type(source).__name__}")
    if len(data) > limits.max_bytes:
        raise TooLargeError(f"the input is larger than the limit of {limits.max_bytes} bytes")
    return data, name


def _read(data: bytes, media_type: str, limits: Limits, depth: int = 0) -> Extracted:
    if not data.strip():
        raise EmptyDocumentError("the file is empty (zero bytes or only whitespace); nothing to read")
    if media_type == MEDIA_TYPES["pdf"]:
        from .pdf import read_pdf

        return read_pdf(data, limits)
    if media_type == MEDIA_TYPES["docx"]:
        from .docx import read_docx

        return read_docx(data, limits)
    if media_type == MEDIA_TYPES["text"]:
        from .text import read_text

        return read_text(data, limits)
    if media_type == MEDIA_TYPES["edxml"]:
        from .edxml import read_edxml

        return read_edxml(data, limits, lambda blob, d: _read(blob, sniff(blob), limits, d), depth)
    if media_type.startswith("image/"):
        from .image import read_image

        return read_image(data, limits)
    if media_type == MEDIA_TYPES["doc"]:
        raise UnsupportedFormatError(
            "legacy Word .doc (or a password-protected Office file): convert it to DOCX or PDF, "
            "e.g. libreoffice --headless --convert-to docx FILE"
        )
    if media_type == MEDIA_TYPES["zip"]:
        raise UnsupportedFormatError("a zip archive holds many files: scan it with 'ct56nlp scan', not extract()")
    raise UnsupportedFormatError(
        f"unsupported file type {media_type}; supported: PDF, DOCX, plain text, edXML, scanned images"
    )


def _dependency_guard(fn, *args):
    """Run a reader; anything a dependency raises that is not ours becomes CorruptDocumentError."""
    try:
        return fn(*args)
    except Ct56Error:
        raise
    except MemoryError as exc:
        raise TooLargeError("the file needs more memory than is available") from exc
    except RecursionError as exc:
        raise CorruptDocumentError("the file is nested too deeply to read") from exc
    except Exception as exc:  # a dependency's own exception type must never reach the caller
        raise CorruptDocumentError(f"the file cannot be read ({type(exc).__name__}: {exc})") from exc


def extract(
    source: Source,
    *,
    media_type: str | None = None,
    limits: Limits | None = None,
    name: str | None = None,
) -> Document:
    """Read one document into canonical text.

    ``media_type`` (a MIME type or one of ``pdf``, ``docx``, ``text``, ``edxml``) overrides
    sniffing; otherwise the type is recognised from the content.  Raises a
    :class:`~ct56nlp.errors.ExtractionError` subclass when the file cannot be read.
    """
    limits = limits or Limits()
    data, source_name = read_source(source, limits)
    if not data:
        raise EmptyDocumentError("the file is empty (zero bytes); nothing to read")
    detected = sniff(data)
    wanted = _ALIASES.get(media_type, media_type) if media_type else detected
    if wanted == "image/*":
        wanted = detected if detected.startswith("image/") else "image/png"
    extracted = _dependency_guard(_read, data, wanted, limits)
    return build_document(extracted, data, name or source_name, limits)


def build_document(ex: Extracted, data: bytes, source: str | None, limits: Limits) -> Document:
    """Canonicalise an :class:`Extracted` and record pages, stamps, OCR and attachments."""
    source_text = "\f".join(ex.pages)
    if len(source_text) > limits.max_chars:
        raise TooLargeError(f"the document has {len(source_text)} characters, more than {limits.max_chars}")
    text, omap = canonicalize(source_text)
    notices = list(ex.notices)

    stamps: list[SignatureStamp] = []
    found = find_stamps(text)
    if found:
        cut = []
        for st in found:
            end = st.span.end + 1 if text[st.span.end : st.span.end + 1] == "\n" else st.span.end
            cut.append((st.span.start, end))
            src = Span(omap.to_source(st.span.start), omap.to_source(st.span.end))
            stamps.append(SignatureStamp(st.signer, st.organization, st.email, st.signed_at, src))
        text, step = remove_spans(text, cut)
        omap = omap.compose(step)
        notices.append(Notice("signature_stamp", f"Đã tách {len(stamps)} khối chữ ký số khỏi nội dung văn bản."))

    pages: list[Page] = []
    pos = 0
    bounds = []
    for i, page_text in enumerate(ex.pages):
        bounds.append((pos, pos + len(page_text)))
        pos += len(page_text) + 1  # the "\f" between pages
    for i, (ps, pe) in enumerate(bounds):
        start, end = omap.from_source(ps), omap.from_source(pe)
        pages.append(Page(i + 1, Span(start, max(start, end)), ex.ocr_confidence.get(i + 1)))

    ocr = None
    if ex.ocr_confidence:
        confs = list(ex.ocr_confidence.values())
        mean = sum(confs) / len(confs)
        ocr = OcrInfo("tesseract", ex.ocr_language or "vie", tuple(sorted(ex.ocr_confidence)), mean)
        notices.append(
            Notice(
                "ocr_used",
                f"Đã nhận dạng ký tự (OCR) {len(confs)} trang; độ tin cậy trung bình {mean:.1f}/100.",
            )
        )

    attachments = []
    for att, first, count in ex.attachments:
        span = None
        if count:
            span = Span(pages[first].span.start, pages[first + count - 1].span.end)
        attachments.append(
            Attachment(att.name, att.media_type, att.size, att.sha256, span=span, error=att.error)
        )

    if not text.strip() and not any(n.code.startswith(("ocr_", "edxml_")) for n in notices):
        raise EmptyDocumentError("the file contains no text")
    return Document(
        text=text,
        media_type=ex.media_type,
        sha256=sha256_hex(data),
        source=source,
        pages=tuple(pages),
        notices=tuple(notices),
        ocr=ocr,
        metadata=ex.metadata,
        stamps=tuple(stamps),
        attachments=tuple(attachments),
        encoding=ex.encoding,
        source_text=source_text,
        offsets=omap,
    )
