"""edXML packages (QCVN 102:2016/BTTTT): header metadata plus the attached letter, read in turn.

Document-management systems exchange letters as an edXML envelope: a ``MessageHeader`` (sender,
recipients, number, date, type, subject, signer, due date, what it answers...) and base64
attachments, usually the signed PDF or the DOCX.  Implementations differ in namespaces and in
where they put the attachments, so elements are matched by local name.

The XML is parsed with defusedxml with DTDs forbidden: a document type declaration is refused
before anything is expanded, so entity bombs and external entities never run, and nothing is
fetched from the network.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from xml.etree.ElementTree import Element, ParseError

from ..errors import CorruptDocumentError, Ct56Error, TooLargeError, UnsafeContentError
from ..types import Attachment, Notice
from .base import MEDIA_TYPES, Extracted, Limits
from .sniff import sniff

__all__ = ["read_edxml", "HEADER_FIELDS"]

HEADER_FIELDS = (
    "From", "To", "Code", "PromulgationInfo", "DocumentType", "Subject", "Content", "SignerInfo",
    "DueDate", "ToPlaces", "OtherInfo", "ResponseFor", "SteeringType", "DocumentId",
)  # fmt: skip
_LIST_FIELDS = {"To", "ResponseFor"}
_NAME_KEYS = ("AttachmentName", "FileName", "Name", "Description", "ContentId")
_TYPE_KEYS = ("ContentType", "FileType", "MimeType")
_DATA_KEYS = ("ContentTransferEncoded", "Content", "Data", "Value")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _to_value(el: Element) -> Any:
    children = list(el)
    if not children:
        return (el.text or "").strip()
    out: dict[str, Any] = {}
    for child in children:
        key = _local(child.tag)
        value = _to_value(child)
        if key in out:
            if not isinstance(out[key], list):
                out[key] = [out[key]]
            out[key].append(value)
        else:
            out[key] = value
    return out


def _child(el: Element, names: tuple[str, ...]) -> Element | None:
    """The first child named ``names[0]``, else ``names[1]``...: the tuple is a priority order."""
    by_name: dict[str, Element] = {}
    for child in el:
        by_name.setdefault(_local(child.tag), child)
    return next((by_name[n] for n in names if n in by_name), None)


def _parse(data: bytes) -> Element:
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeContentError(
            f"the edXML declares a DTD or entities ({type(exc).__name__}); refused without expanding it"
        ) from exc
    except (ParseError, ValueError) as exc:
        raise CorruptDocumentError(f"the edXML is not well-formed XML ({exc})") from exc


def header_metadata(root: Element) -> dict[str, Any]:
    header = next((el for el in root.iter() if _local(el.tag) == "MessageHeader"), None)
    if header is None:
        return {}
    meta: dict[str, Any] = {}
    for child in header:
        key = _local(child.tag)
        if key not in HEADER_FIELDS:
            continue
        value = _to_value(child)
        if key in _LIST_FIELDS:
            meta.setdefault(key, []).append(value)
        else:
            meta[key] = value
    return meta


def _attachments(root: Element) -> list[tuple[str, str | None, str]]:
    """``(name, declared content type, base64 payload)`` for each attachment, in document order."""
    found = []
    manifest_types: dict[str, str] = {}
    for el in root.iter():
        if _local(el.tag) == "Reference":
            cid = _child(el, ("ContentId",))
            ctype = _child(el, _TYPE_KEYS)
            if cid is not None and ctype is not None and cid.text:
                manifest_types[cid.text.strip()] = (ctype.text or "").strip()
    for el in root.iter():
        if _local(el.tag) != "Attachment":
            continue
        data_el = _child(el, _DATA_KEYS)
        payload = (data_el.text if data_el is not None else el.text) or ""
        if len(payload.strip()) < 8:
            continue
        name_el = _child(el, _NAME_KEYS)
        name = (name_el.text or "").strip() if name_el is not None else ""
        ctype_el = _child(el, _TYPE_KEYS)
        ctype = (ctype_el.text or "").strip() if ctype_el is not None else el.get("ContentType")
        if not ctype:
            cid = _child(el, ("ContentId",))
            if cid is not None and cid.text:
                ctype = manifest_types.get(cid.text.strip())
        found.append((name or f"attachment-{len(found) + 1}", ctype, payload))
    return found


def read_edxml(
    data: bytes,
    limits: Limits,
    read_inner: Callable[[bytes, int], Extracted],
    depth: int = 0,
) -> Extracted:
    root = _parse(data)
    if "edxml" not in _local(root.tag).lower() and header_metadata(root) == {}:
        raise CorruptDocumentError("the XML file is not an edXML package (no edXML envelope or MessageHeader)")
    meta = header_metadata(root)
    notices: list[Notice] = []
    pages: list[str] = []
    parts: list[tuple[Attachment, int, int]] = []
    entries = _attachments(root)
    if len(entries) > limits.max_attachments:
        raise TooLargeError(f"the edXML carries {len(entries)} attachments, more than {limits.max_attachments}")
    ocr_conf: dict[int, float] = {}
    ocr_language = None
    total = 0
    for name, declared, payload in entries:
        try:
            blob = base64.b64decode("".join(payload.split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            att = Attachment(name, declared or "application/octet-stream", 0, "", error={"type": "corrupt", "message": f"invalid base64 ({exc})"})
            parts.append((att, len(pages), 0))
            notices.append(Notice("attachment_failed", f"Tệp đính kèm {name!r} không giải mã được (base64 lỗi)."))
            continue
        total += len(blob)
        if total > limits.max_decompressed:
            raise TooLargeError(f"the edXML attachments exceed {limits.max_decompressed} bytes")
        media = sniff(blob)
        digest = hashlib.sha256(blob).hexdigest()
        if depth + 1 > limits.max_depth:
            err = {"type": "too_large", "message": "attachments nested too deeply"}
            parts.append((Attachment(name, media, len(blob), digest, error=err), len(pages), 0))
            continue
        try:
            inner = read_inner(blob, depth + 1)
        except Ct56Error as exc:
            parts.append((Attachment(name, media, len(blob), digest, error=exc.to_dict()), len(pages), 0))
            notices.append(Notice("attachment_failed", f"Không đọc được tệp đính kèm {name!r}: {exc}"))
            continue
        first = len(pages)
        for number, conf in inner.ocr_confidence.items():
            ocr_conf[first + number] = conf
            ocr_language = inner.ocr_language
        pages.extend(inner.pages)
        notices.extend(inner.notices)
        parts.append((Attachment(name, inner.media_type, len(blob), digest), first, len(inner.pages)))
    if not pages:
        content = meta.get("Content")
        if isinstance(content, str) and content.strip():
            pages = [content]
            notices.append(Notice("edxml_content_only", "Gói edXML không có tệp đính kèm đọc được; dùng trường Content."))
        else:
            pages = [""]
            notices.append(Notice("edxml_no_text", "Gói edXML không có tệp đính kèm đọc được; chỉ có siêu dữ liệu."))
    return Extracted(
        MEDIA_TYPES["edxml"],
        pages,
        notices=notices,
        metadata=meta,
        attachments=parts,
        ocr_confidence=ocr_conf,
        ocr_language=ocr_language,
    )
