"""Render a letter *spec* (the JSON lines of ``tests/data/structure_letters.jsonl`` and
``examples/archive-spec/letters.jsonl``) into a real file: plain text, noisy text, DOCX, PDF,
edXML or a scanned page.

A spec gives the letter's parts — ``header_left``, ``header_right``, ``title``, ``body``,
``closing_left`` (Nơi nhận), ``closing_right`` (signature), optional ``stamp`` — and a
``format``.  Layout follows the usual state-letter template: the two header columns side by side,
the title centred, the body, then "Nơi nhận" on the left and the signature on the right.
Needs reportlab (PDF) and python-docx (DOCX), both in the project's test extras.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FORMATS = ("txt", "txt_runtogether", "docx", "pdf", "edxml", "scan")
EXTENSIONS = {"txt": ".txt", "txt_runtogether": ".txt", "docx": ".docx", "pdf": ".pdf", "edxml": ".edxml", "scan": ".pdf"}


def render(spec: dict[str, Any]) -> bytes:
    fmt = spec.get("format", "txt")
    if fmt == "txt":
        return to_text(spec).encode("utf-8")
    if fmt == "txt_runtogether":
        return to_text(spec, run_together=True).encode("utf-8")
    if fmt == "docx":
        return to_docx(spec)
    if fmt == "pdf":
        return to_pdf(spec)
    if fmt == "edxml":
        return to_edxml(spec)
    if fmt == "scan":
        return to_scan(spec)
    raise ValueError(f"unknown format {fmt!r}")


# ------------------------------------------------------------------------------ text
def to_text(spec: dict[str, Any], *, run_together: bool = False) -> str:
    left, right = spec.get("header_left", []), spec.get("header_right", [])
    lines: list[str] = []
    if run_together:
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            lines.append(f"{a}          {b}".strip())
    else:
        lines += left + [""] + right
    lines.append("")
    if spec.get("title"):
        lines += spec["title"] + [""]
    for para in spec.get("body", []):
        lines.append(para)
    lines.append("")
    lines += spec.get("closing_left", []) + [""] + [x for x in spec.get("closing_right", [])]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ docx
def to_docx(spec: dict[str, Any]) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()

    def fill(cell, lines):
        cell.text = lines[0] if lines else ""
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in lines[1:]:
            p = cell.add_paragraph(line)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    head = d.add_table(rows=1, cols=2)
    fill(head.rows[0].cells[0], spec.get("header_left", []))
    fill(head.rows[0].cells[1], spec.get("header_right", []))
    for line in spec.get("title", []):
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for para in spec.get("body", []):
        d.add_paragraph(para)
    closing = d.add_table(rows=1, cols=2)
    cl = closing.rows[0].cells
    cl[0].text = "\n".join(spec.get("closing_left", [])[:1])
    for line in spec.get("closing_left", [])[1:]:
        cl[0].add_paragraph(line)
    fill(cl[1], spec.get("closing_right", []))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------ pdf
def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LkSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LkSerif", str(FONT_DIR / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("LkSerifB", str(FONT_DIR / "DejaVuSerif-Bold.ttf")))
    return "LkSerif", "LkSerifB"


def to_pdf(spec: dict[str, Any]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    regular, bold = _fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    margin, size, lead = 56, 10.5, 15
    y = height - 50
    if spec.get("stamp"):
        c.setFont(regular, 6.5)
        for k, line in enumerate(spec["stamp"]):
            c.drawString(width - 190, height - 20 - 8 * k, line)
        y -= 8 * len(spec["stamp"])

    def column(lines, x_center, top, col_width, font_size=9.5):
        yy = top
        for line in lines:
            for piece in simpleSplit(line, bold, font_size, col_width) or [""]:
                c.setFont(bold, font_size)
                c.drawCentredString(x_center, yy, piece)
                yy -= 13
        return yy

    y_left = column(spec.get("header_left", []), 150, y, 210)
    y_right = column(spec.get("header_right", []), width - 165, y, 280)
    y = min(y_left, y_right) - 18

    def new_page_if_needed(need: float) -> None:
        nonlocal y
        if y - need < 60:
            c.showPage()
            y = height - 60

    for line in spec.get("title", []):
        c.setFont(bold, 11)
        for piece in simpleSplit(line, bold, 11, width - 2 * margin):
            new_page_if_needed(lead)
            c.drawCentredString(width / 2, y, piece)
            y -= lead
    y -= 6
    for para in spec.get("body", []):
        pieces = simpleSplit(para, regular, size, width - 2 * margin) or [""]
        for piece in pieces:
            new_page_if_needed(lead)
            c.setFont(regular, size)
            c.drawString(margin, y, piece)
            y -= lead
        y -= 3
    closing_left, closing_right = spec.get("closing_left", []), spec.get("closing_right", [])
    need = max(len(closing_left), len(closing_right)) * 13 + 20
    new_page_if_needed(need)
    y -= 10
    top = y
    c.setFont(regular, 8.5)
    yy = top
    for line in closing_left:
        for piece in simpleSplit(line, regular, 8.5, 220):
            c.drawString(margin, yy, piece)
            yy -= 11
    column([x for x in closing_right], width - 160, top, 260, 10)
    c.save()
    return buf.getvalue()


def to_scan(spec: dict[str, Any], dpi: int = 200, angle: float = 0.6) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(to_pdf({**spec, "stamp": None}))
    images = [pdf[i].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L").rotate(angle, expand=True, fillcolor=255) for i in range(len(pdf))]
    pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buf.getvalue()


# ------------------------------------------------------------------------------ edxml
def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_edxml(spec: dict[str, Any]) -> bytes:
    """An edXML package (QCVN 102:2016) carrying the letter as a PDF attachment."""
    meta = spec.get("edxml") or {}
    exp = spec.get("expected", {})
    number = exp.get("number") or meta.get("number") or ""
    if "/" in number and "-" in number.split("/")[0]:
        code_number, notation = number.split("-", 1)  # party "123-CV/TU"
    elif "/" in number:
        code_number, notation = number.split("/", 1)
    else:
        code_number, notation = number, ""
    date = exp.get("issued_on") or meta.get("issued_on") or ""
    subject = exp.get("subject") or meta.get("subject") or ""
    sender = meta.get("from") or exp.get("issuer") or ""
    to = meta.get("to") or exp.get("addressees") or []
    due = meta.get("due_date")
    priority = meta.get("priority", "0")
    pdf = to_pdf(spec)
    b64 = base64.b64encode(pdf).decode("ascii")
    wrapped = "\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))
    to_xml = "".join(f"<edXML:To><edXML:OrganName>{_esc(t)}</edXML:OrganName></edXML:To>" for t in to)
    due_xml = f"<edXML:DueDate>{due}</edXML:DueDate>" if due else ""
    name = f"{number.replace('/', '-') or spec.get('id', 'letter')}.pdf"
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
<edXML:edXMLEnvelope>
 <edXML:edXMLHeader>
  <edXML:MessageHeader>
   <edXML:From><edXML:OrganName>{_esc(sender)}</edXML:OrganName></edXML:From>
   {to_xml}
   <edXML:Code><edXML:CodeNumber>{_esc(code_number)}</edXML:CodeNumber><edXML:CodeNotation>{_esc(notation)}</edXML:CodeNotation></edXML:Code>
   <edXML:PromulgationInfo><edXML:PromulgationDate>{date}</edXML:PromulgationDate></edXML:PromulgationInfo>
   <edXML:Subject>{_esc(subject)}</edXML:Subject>
   {due_xml}
   <edXML:OtherInfo><edXML:Priority>{priority}</edXML:Priority></edXML:OtherInfo>
   <edXML:SteeringType>0</edXML:SteeringType>
   <edXML:DocumentId>{_esc(spec.get('id', ''))}</edXML:DocumentId>
  </edXML:MessageHeader>
 </edXML:edXMLHeader>
 <edXML:edXMLBody><edXML:edXMLManifest><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>application/pdf</edXML:ContentType><edXML:AttachmentName>{_esc(name)}</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest></edXML:edXMLBody>
</edXML:edXMLEnvelope>
<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>{_esc(name)}</AttachmentName><ContentTransferEncoded>
{wrapped}
</ContentTransferEncoded></Attachment></AttachmentEncoded>
</edXML:edXML>
"""
    return xml.encode("utf-8")
