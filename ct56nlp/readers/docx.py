"""DOCX through python-docx: paragraphs and tables in reading order.

Letters put the issuing body and the national motto side by side in a two-column table, and the
recipients ("Nơi nhận:") beside the signature in another; reading a table row by row and cell
by cell keeps each column's lines together.  Runs typed in a legacy font (.VnTime = TCVN3,
VNI-Times = VNI) are converted to Unicode by their font name.
"""

from __future__ import annotations

import io
import zipfile

from ..encodings import fix_legacy, tcvn3_to_unicode, vni_to_unicode
from ..errors import CorruptDocumentError, TooLargeError, UnsafeContentError
from ..types import Notice
from .base import MEDIA_TYPES, Extracted, Limits

__all__ = ["read_docx", "check_zip"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip container after checking it cannot expand beyond the limits (zip bombs)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise CorruptDocumentError(f"the zip container is damaged ({exc})") from exc
    if len(infos) > limits.max_zip_entries:
        raise TooLargeError(f"the container holds {len(infos)} entries, more than {limits.max_zip_entries}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_decompressed:
        raise TooLargeError(
            f"the container expands to {total} bytes, more than the limit of {limits.max_decompressed}"
        )
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > 1000 and info.file_size > 10 * 2**20:
            raise UnsafeContentError(f"entry {info.filename!r} has a compression ratio typical of a zip bomb")
    return zf


def _font_encoding(run) -> str | None:
    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    name = (fonts.get(f"{_W}ascii") or fonts.get(f"{_W}hAnsi") or "").lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def _paragraph_text(p, legacy_runs: list[str]) -> str:
    parts: list[str] = []
    for run in p.iter(f"{_W}r"):
        # Skip runs inside text boxes: those are read as their own paragraphs.
        if _inside_textbox(run, p):
            continue
        pieces = []
        for child in run:
            tag = child.tag
            if tag == f"{_W}t":
                pieces.append(child.text or "")
            elif tag == f"{_W}tab":
                pieces.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                pieces.append("\f" if child.get(f"{_W}type") == "page" else "\n")
        text = "".join(pieces)
        enc = _font_encoding(run)
        if enc == "tcvn3":
            text = tcvn3_to_unicode(text)
            legacy_runs.append(enc)
        elif enc == "vni":
            text = vni_to_unicode(text)
            legacy_runs.append(enc)
        parts.append(text)
    return "".join(parts)


def _inside_textbox(el, stop) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{_W}txbxContent":
            return True
        parent = parent.getparent()
    return False


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _in_fallback(el, stop) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _MC_FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _walk(container, out: list[str], legacy_runs: list[str]) -> None:
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            out.append(_paragraph_text(child, legacy_runs))
            for box in child.iter(f"{_W}txbxContent"):
                if not _in_fallback(box, child):  # Word writes each text box twice: Choice and Fallback
                    _walk(box, out, legacy_runs)
        elif tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                if row.getparent() is not child:
                    continue  # rows of nested tables are read with their cell
                for cell in row.findall(f"{_W}tc"):
                    _walk(cell, out, legacy_runs)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                _walk(content, out, legacy_runs)


def read_docx(data: bytes, limits: Limits) -> Extracted:
    check_zip(data, limits).close()
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise CorruptDocumentError(f"the DOCX file is damaged or not a Word document ({exc})") from exc
        body = document.element.body
    except CorruptDocumentError:
        raise
    except Exception as exc:  # lxml syntax errors and the like, from a malformed part
        raise CorruptDocumentError(f"the DOCX file cannot be parsed ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    legacy_runs: list[str] = []
    _walk(body, lines, legacy_runs)
    text = "\n".join(lines)
    notices = []
    encoding = None
    if legacy_runs:
        encoding = legacy_runs[0]
    else:
        text, encoding = fix_legacy(text)
    if encoding:
        notices.append(
            Notice("legacy_encoding", f"Văn bản dùng phông chữ bảng mã {encoding.upper()}; đã chuyển sang Unicode.")
        )
    pages = text.split("\f")
    return Extracted(MEDIA_TYPES["docx"], pages, notices=notices, encoding=encoding)
