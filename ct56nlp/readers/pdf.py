"""PDF: the text layer through pdfium, the two-column header through pdfplumber, scans through OCR.

pdfplumber (the user's choice) reads words with their positions, which is what the letter header
needs: the issuing body and "Số: ..." sit in the left column, the national motto and the place and
date in the right one, on the same lines.  It is also slow (measured: ~14 pages/s), so it only
reads the top of page 1; everything else comes from pdfium's plain-text extraction (pypdfium2,
which pdfplumber already depends on; measured ~750 pages/s).  Pages without a text layer are
rendered and OCR'd.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import pypdfium2 as pdfium

from ..errors import CorruptDocumentError, EncryptedDocumentError, TooLargeError
from ..types import Notice
from .base import MEDIA_TYPES, Extracted, Limits
from .ocr import ocr_image, tesseract_status

__all__ = ["read_pdf", "pdf_page_images"]

log = logging.getLogger(__name__)

_MIN_TEXT_CHARS = 16  # fewer non-space characters than this: the page has no usable text layer


def _open(data: bytes) -> pdfium.PdfDocument:
    if b"%%EOF" not in data[-65536:]:
        raise CorruptDocumentError(
            "the PDF is truncated (its end-of-file marker is missing); obtain the complete file again"
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise EncryptedDocumentError(
                "the PDF is encrypted with a password; ask the sender for an unprotected copy"
            ) from exc
        raise CorruptDocumentError(f"the PDF cannot be read ({msg}); the file is damaged") from exc


def read_pdf(data: bytes, limits: Limits) -> Extracted:
    pdf = _open(data)
    try:
        n = len(pdf)
        if n == 0:
            raise CorruptDocumentError("the PDF has no pages")
        if n > limits.max_pages:
            raise TooLargeError(f"the PDF has {n} pages, more than the limit of {limits.max_pages}")
        pages: list[str] = []
        notices: list[Notice] = []
        ocr_conf: dict[int, float] = {}
        scanned: list[int] = []
        for i in range(n):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
            except pdfium.PdfiumError as exc:
                raise CorruptDocumentError(f"page {i + 1} of the PDF cannot be read ({exc})") from exc
            if len("".join(text.split())) < _MIN_TEXT_CHARS:
                scanned.append(i)
            elif i == 0 and limits.pdf_layout_header and _header_interleaved(text):
                text = _first_page_with_header(data, page, textpage, text)
            pages.append(text)
        if scanned:
            _ocr_pages(pdf, scanned, pages, notices, ocr_conf, limits)
        return Extracted(
            MEDIA_TYPES["pdf"],
            pages,
            notices=notices,
            ocr_confidence=ocr_conf,
            ocr_language=limits.ocr_language if ocr_conf else None,
        )
    finally:
        pdf.close()


def _ocr_pages(pdf, indices, pages, notices, ocr_conf, limits: Limits) -> None:
    problem = tesseract_status(limits.ocr_language) if limits.ocr else "OCR bị tắt (limits.ocr=False)."
    if problem:
        notices.append(
            Notice("ocr_unavailable", f"{len(indices)} trang không có lớp văn bản. {problem}")
        )
        return
    for count, i in enumerate(indices):
        if count >= limits.ocr_max_pages:
            notices.append(
                Notice(
                    "ocr_page_limit",
                    f"Chỉ nhận dạng {limits.ocr_max_pages} trang scan đầu; {len(indices) - count} trang còn lại bị bỏ qua.",
                )
            )
            break
        png = _render_png(pdf[i], limits.ocr_dpi, limits.ocr_max_pixels)
        try:
            result = ocr_image(png, language=limits.ocr_language, timeout=limits.ocr_timeout, dpi=limits.ocr_dpi)
        except RuntimeError as exc:
            notices.append(Notice("ocr_failed", f"Không nhận dạng được trang {i + 1}: {exc}", page=i + 1))
            continue
        pages[i] = result.text
        ocr_conf[i + 1] = result.mean_confidence


def _render_png(page, dpi: int, max_pixels: int = 40_000_000) -> bytes:
    """The page as a grey PNG at ``dpi``, or at less when that would exceed ``max_pixels``
    (a huge page size must not cost gigabytes of memory)."""
    scale = dpi / 72.0
    w, h = page.get_size()
    if w * h * scale * scale > max_pixels:
        scale = (max_pixels / max(1.0, w * h)) ** 0.5
    image = page.render(scale=scale, grayscale=True).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def pdf_page_images(data: bytes, dpi: int = 200) -> list[bytes]:
    """Render every page to PNG (used by tests and the OCR benchmark)."""
    pdf = _open(data)
    try:
        return [_render_png(pdf[i], dpi) for i in range(len(pdf))]
    finally:
        pdf.close()


# ------------------------------------------------------------------ two-column header layout
@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _lines(words: list[_Word], tol: float = 3.0) -> list[list[_Word]]:
    rows: list[list[_Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        if rows and abs(rows[-1][0].top - w.top) <= tol:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _join(row: list[_Word]) -> str:
    out = row[0].text
    for prev, w in zip(row, row[1:]):
        gap = w.x0 - prev.x1
        out += ("   " if gap > 12 else " ") + w.text
    return out


def _header_split(words: list[_Word], width: float) -> tuple[list[list[_Word]], float, float] | None:
    """Find the header block whose lines all leave one vertical gutter free.

    Returns the header lines, the gutter's x and the header's bottom, or ``None`` when the page
    does not start with a two-column header.
    """
    lo, hi = int(width * 0.25), int(width * 0.7)
    free = set(range(lo, hi))
    header: list[list[_Word]] = []
    two_sided = 0
    gaps: list[float] = []
    for row in _lines(words):
        if header:
            gap = row[0].top - header[-1][0].top
            # A jump much larger than the header's own line spacing ends the header block.
            if gaps and gap > 2.2 * sorted(gaps)[len(gaps) // 2]:
                break
            gaps.append(gap)
        covered = set()
        for w in row:
            covered.update(range(int(w.x0) - 1, int(w.x1) + 2))
        remaining = free - covered
        if not remaining:
            break
        free = remaining
        header.append(row)
    if len(header) < 2 or not free:
        return None
    gutter = sorted(free)[len(free) // 2]
    for row in header:
        if any(w.x1 <= gutter for w in row) and any(w.x0 >= gutter for w in row):
            two_sided += 1
    if two_sided < 1:
        return None
    bottom = max(w.bottom for row in header for w in row)
    return header, gutter, bottom


_MOTTO = re.compile(r"C[ỘO]NG\s+H[ÒO]A\s+X[ÃA]\s+H[ỘO]I|Độc\s*lập\s*[-–]\s*Tự\s*do|ĐẢNG\s+CỘNG\s+SẢN", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"(?:^|\s)S[ốỐ]\s?[:.]?\s*\d", re.IGNORECASE)
_DATE_LINE = re.compile(r",\s*ng[àa]y\s+\d", re.IGNORECASE)


def _header_interleaved(text: str) -> bool:
    """Whether pdfium's reading order ran the two header columns together on shared lines.

    Most PDFs (Word, LibreOffice, signing software) draw the header table cell by cell, so pdfium
    already reads the left column, then the right one; only when a line mixes the motto or the
    date with the other column is pdfplumber's word-position layout worth its cost (measured:
    ~48 ms against ~4 ms for a one-page letter).
    """
    for line in text.replace("\r", "").split("\n")[:20]:
        m = _MOTTO.search(line)
        if m and (line[: m.start()].strip() or len(line[m.end():].split()) > 8):
            return True
        if _NUMBER_LINE.search(line) and _DATE_LINE.search(line):
            return True
    return False


def _first_page_with_header(data: bytes, page, textpage, fallback: str) -> str:
    """Page 1 read as: left header column, right header column, then the body."""
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data), pages=[1]) as doc:
            p = doc.pages[0]
            top_region = p.crop((0, 0, p.width, p.height * 0.45))
            raw = top_region.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
            width, height = float(p.width), float(p.height)
    except Exception as exc:  # pdfminer raises many types on odd files; pdfium's text still stands
        log.debug("pdfplumber header layout failed: %s", exc)
        return fallback
    words = [_Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"])) for w in raw]
    if not words:
        return fallback
    split = _header_split(words, width)
    if split is None:
        return fallback
    header, gutter, bottom = split
    left, right = [], []
    for row in header:
        lw = [w for w in row if w.x1 <= gutter]
        rw = [w for w in row if w.x0 >= gutter]
        if lw:
            left.append(_join(lw))
        if rw:
            right.append(_join(rw))
    # pdfium's page coordinates start at the bottom; the body is everything below the header.
    page_height = page.get_height()
    scale = page_height / height if height else 1.0
    body_top = page_height - (bottom + 1.0) * scale
    try:
        body = textpage.get_text_bounded(left=0, bottom=0, right=page.get_width(), top=body_top)
    except pdfium.PdfiumError:
        return fallback
    return "\n".join(left) + "\n" + "\n".join(right) + "\n" + body
