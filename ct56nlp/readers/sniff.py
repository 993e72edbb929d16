"""Recognise a file's type from its content — the extension is never trusted."""

from __future__ import annotations

import io
import zipfile

from .base import MEDIA_TYPES

__all__ = ["sniff"]

_EDXML_MARKERS = (b"edXML", b"QCVN_102_2016", b"EdXMLEnvelope", b"edxmlenvelope")


def sniff(data: bytes) -> str:
    """Return the media type of ``data`` (one of :data:`MEDIA_TYPES`' values)."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return MEDIA_TYPES["pdf"]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return MEDIA_TYPES["doc"]  # OLE2: legacy .doc, or an encrypted Office file
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MEDIA_TYPES["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return MEDIA_TYPES["jpeg"]
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return MEDIA_TYPES["tiff"]
    if head.startswith((b"GIF87a", b"GIF89a")):
        return MEDIA_TYPES["gif"]
    if head.startswith(b"BM") and len(head) > 14:
        return MEDIA_TYPES["bmp"]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return MEDIA_TYPES["webp"]
    if head.startswith(b"{\\rtf"):
        return MEDIA_TYPES["rtf"]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        lowered = stripped[:512].lower()
        if any(m.lower() in head.lower() for m in _EDXML_MARKERS):
            return MEDIA_TYPES["edxml"]
        if lowered.startswith((b"<!doctype html", b"<html")):
            return MEDIA_TYPES["html"]
        if lowered.startswith(b"<?xml"):
            return MEDIA_TYPES["xml"]
    return MEDIA_TYPES["text"]


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:2000])
    except (zipfile.BadZipFile, ValueError, OSError):
        return MEDIA_TYPES["zip"]  # damaged zip: the DOCX reader will say so if it was one
    if "word/document.xml" in names:
        return MEDIA_TYPES["docx"]
    return MEDIA_TYPES["zip"]
