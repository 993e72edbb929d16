"""Builds the small real files the tests read: PDFs, a scan, DOCX, legacy-encoded text, edXML.

Everything is generated at test time from the texts below (written for these tests), so the
repository ships no binary fixtures and every expected value is known exactly.
"""

from __future__ import annotations

import base64
import io
import unicodedata
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu")]

HEADER_LEFT = ["ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", "SỞ XÂY DỰNG", "Số: 215/SXD-QLXD", "V/v góp ý dự thảo quy định phân cấp"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Ninh Thuận, ngày 05 tháng 3 năm 2024"]
BODY = [
    "Kính gửi: Sở Tư pháp tỉnh Ninh Thuận.",
    "Phúc đáp Công văn số 118/STP-XDKTVB ngày 26/02/2024 của Sở Tư pháp về việc góp ý",
    "dự thảo Quyết định quy định phân cấp quản lý chất lượng công trình xây dựng trên địa bàn",
    "tỉnh, Sở Xây dựng có ý kiến như sau:",
    "1. Thống nhất với bố cục của dự thảo gồm 04 chương, 18 điều.",
    "2. Đề nghị bổ sung vào Điều 5 trách nhiệm của Ủy ban nhân dân cấp huyện trong việc kiểm tra",
    "công tác nghiệm thu đối với công trình cấp III, cấp IV do cấp huyện quyết định đầu tư.",
    "3. Thời hạn gửi báo cáo định kỳ nên thống nhất trước ngày 15 tháng 12 hằng năm.",
    "Trên đây là ý kiến của Sở Xây dựng, đề nghị Sở Tư pháp tổng hợp, hoàn thiện.",
]
SIGNATURE = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Minh"]

SCAN_LINES = [
    "Thực hiện Kế hoạch số 42/KH-UBND ngày 12/01/2024 của Ủy ban nhân dân tỉnh,",
    "Phòng Tài nguyên và Môi trường huyện báo cáo kết quả rà soát như sau:",
    "1. Tổng số hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất đã tiếp nhận",
    "trong quý I là 318 hồ sơ, trong đó đã giải quyết đúng hạn 296 hồ sơ.",
    "2. Số hồ sơ còn tồn đọng là 22 hồ sơ, chủ yếu do người sử dụng đất chưa",
    "hoàn thành nghĩa vụ tài chính hoặc có tranh chấp về ranh giới thửa đất.",
    "3. Phòng sẽ hoàn thành việc giải quyết các hồ sơ còn lại trước ngày 30/4/2024.",
]

LEGACY_TEXT = (
    "ủy ban nhân dân huyện ninh phước đề nghị các xã báo cáo kết quả thực hiện\n"
    "trước ngày 20 tháng 3 năm 2024. đề nghị các đơn vị khẩn trương triển khai.\n"
    "nội dung gồm: tình hình giải quyết đơn thư, khiếu nại của người dân; kết quả\n"
    "cải cách thủ tục hành chính và những khó khăn, vướng mắc cần tháo gỡ."
)


def _font() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for d in FONT_DIRS:
        regular, bold = d / "DejaVuSerif.ttf", d / "DejaVuSerif-Bold.ttf"
        if regular.exists() and bold.exists():
            if "Vn" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("Vn", str(regular)))
                pdfmetrics.registerFont(TTFont("VnB", str(bold)))
            return "Vn", "VnB"
    raise RuntimeError("DejaVu fonts are missing: apt-get install fonts-dejavu-core")


def letter_pdf(*, encrypt: str | None = None, stamp: bool = False, pages: int = 1, interleaved: bool = False) -> bytes:
    """An A4 letter with a two-column header, drawn like a real one, in a Unicode TrueType font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, bold = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    width, height = A4
    y = height - 60
    if stamp:
        c.setFont(regular, 7)
        for k, line in enumerate(
            ["Ký bởi: Sở Xây dựng", "Email: sxd@ninhthuan.gov.vn", "Cơ quan: Tỉnh Ninh Thuận", "Thời gian ký: 05.03.2024 15:36:22 +07:00"]
        ):
            c.drawString(width - 170, height - 22 - 8 * k, line)
        y -= 20
    c.setFont(bold, 10)
    if interleaved:
        # Row by row, as some converters draw a header table: text extraction then runs the
        # two columns together on shared lines.
        for k in range(max(len(HEADER_LEFT), len(HEADER_RIGHT))):
            if k < len(HEADER_LEFT):
                c.setFont(bold, 10)
                c.drawCentredString(140, y - 14 * k, HEADER_LEFT[k])
            if k < len(HEADER_RIGHT):
                c.setFont(bold if k < 2 else regular, 10)
                c.drawCentredString(width - 170, y - 14 * k, HEADER_RIGHT[k])
    else:
        for k, line in enumerate(HEADER_LEFT):
            c.drawCentredString(140, y - 14 * k, line)
        for k, line in enumerate(HEADER_RIGHT):
            c.setFont(bold if k < 2 else regular, 10)
            c.drawCentredString(width - 170, y - 14 * k, line)
    y -= 14 * len(HEADER_LEFT) + 24
    c.setFont(regular, 11)
    for line in BODY:
        c.drawString(60, y, line)
        y -= 16
    y -= 10
    c.setFont(bold, 10)
    for k, line in enumerate(SIGNATURE):
        c.drawCentredString(width - 150, y - 14 * k, line)
    for extra in range(1, pages):
        c.showPage()
        c.setFont(regular, 11)
        c.drawString(60, height - 80, f"Trang {extra + 1}: nội dung bổ sung của văn bản, phần {extra}.")
    c.save()
    return buf.getvalue()


def letter_expected_text() -> str:
    """What a correct reading of :func:`letter_pdf` says, in reading order."""
    return "\n".join(HEADER_LEFT + HEADER_RIGHT + BODY + SIGNATURE)


def body_pdf(lines: list[str] = SCAN_LINES) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    regular, _ = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    c.setFont(regular, 12)
    y = height - 90
    for line in lines:
        c.drawString(60, y, line)
        y -= 22
    c.save()
    return buf.getvalue()


def scanned_pdf(dpi: int = 200, angle: float = 0.8) -> bytes:
    """:func:`body_pdf` rendered to a grey image, rotated slightly, saved as an image-only PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(body_pdf())
    image = pdf[0].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
    pdf.close()
    image = image.rotate(angle, expand=True, fillcolor=255)
    buf = io.BytesIO()
    image.save(buf, format="PDF", resolution=dpi)
    return buf.getvalue()


def letter_docx() -> bytes:
    """A DOCX letter whose header and signature sit in two-column tables, as real ones do."""
    import docx

    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = "\n".join(HEADER_LEFT[:2])
    left.add_paragraph(HEADER_LEFT[2])
    left.add_paragraph(HEADER_LEFT[3])
    right.text = HEADER_RIGHT[0]
    for line in HEADER_RIGHT[1:]:
        right.add_paragraph(line)
    for line in BODY:
        d.add_paragraph(line)
    sig = d.add_table(rows=1, cols=2)
    sig.rows[0].cells[0].text = "Nơi nhận:"
    sig.rows[0].cells[0].add_paragraph("- Như trên;")
    sig.rows[0].cells[1].text = SIGNATURE[0]
    for line in SIGNATURE[1:]:
        sig.rows[0].cells[1].add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_expected_text() -> str:
    return "\n".join(HEADER_LEFT + HEADER_RIGHT + BODY + ["Nơi nhận:", "- Như trên;"] + SIGNATURE)


# ------------------------------------------------------------------ legacy encodings (encoders)
def to_cp1258(text: str) -> bytes:
    """Windows-1258 stores some letters precomposed and the tone marks as combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = next(m for m in d if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", d.replace(tone, ""))
        out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


_TCVN3_LOWER = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def to_tcvn3(text: str) -> bytes:
    """Encode as the ABC/.VnTime font did (a test-side table, independent of the decoder's)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        out += bytes([_TCVN3_LOWER[ch]]) if ch in _TCVN3_LOWER else ch.encode("ascii")
    return bytes(out)


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_vni(text: str) -> bytes:
    """Encode as VNI-Windows fonts did: base letter, then one mark character."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        if not marks:
            out.append(ch)
            continue
        upper = base.isupper()
        tone = next((m for m in marks if m in _VNI_TONE), "")
        shape = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
        b = base.lower()
        if b == "i" and not shape:
            s = _VNI_I[tone]
        elif b == "y" and tone == "\u0323":
            s = "î"
        elif shape == "\u031b":
            s = ("ô" if b == "o" else "ö") + (_VNI_TONE[tone] if tone else "")
        elif shape == "\u0302":
            s = b + _VNI_CIRC[tone]
        elif shape == "\u0306":
            s = b + _VNI_BREVE[tone]
        else:
            s = b + _VNI_TONE[tone]
        out.append(s.upper() if upper else s)
    return "".join(out).encode("cp1252")


def edxml_package(attachment: bytes, name: str = "215-SXD-QLXD.pdf", content_type: str = "application/pdf") -> bytes:
    b64 = base64.b64encode(attachment).decode("ascii")
    wrapped = "\n".join(b64[i : i + 76] for i in range(0, len(b64), 76))
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">
  <edXML:edXMLHeader>
    <edXML:MessageHeader>
      <edXML:From><edXML:OrganId>000.25.33.H43</edXML:OrganId><edXML:OrganName>Sở Xây dựng tỉnh Ninh Thuận</edXML:OrganName></edXML:From>
      <edXML:To><edXML:OrganId>000.21.33.H43</edXML:OrganId><edXML:OrganName>Sở Tư pháp tỉnh Ninh Thuận</edXML:OrganName></edXML:To>
      <edXML:Code><edXML:CodeNumber>215</edXML:CodeNumber><edXML:CodeNotation>SXD-QLXD</edXML:CodeNotation></edXML:Code>
      <edXML:PromulgationInfo><edXML:Place>Ninh Thuận</edXML:Place><edXML:PromulgationDate>2024-03-05</edXML:PromulgationDate></edXML:PromulgationInfo>
      <edXML:DocumentType><edXML:Type>1</edXML:Type><edXML:TypeName>Công văn</edXML:TypeName></edXML:DocumentType>
      <edXML:Subject>Góp ý dự thảo quy định phân cấp</edXML:Subject>
      <edXML:SignerInfo><edXML:Competence>KT. GIÁM ĐỐC</edXML:Competence><edXML:Position>PHÓ GIÁM ĐỐC</edXML:Position><edXML:FullName>Trần Văn Minh</edXML:FullName></edXML:SignerInfo>
      <edXML:DueDate>2024-03-20</edXML:DueDate>
      <edXML:OtherInfo><edXML:Priority>1</edXML:Priority><edXML:PageAmount>1</edXML:PageAmount></edXML:OtherInfo>
      <edXML:ResponseFor><edXML:OrganId>000.21.33.H43</edXML:OrganId><edXML:Code>118/STP-XDKTVB</edXML:Code><edXML:PromulgationDate>2024-02-26</edXML:PromulgationDate></edXML:ResponseFor>
      <edXML:SteeringType>0</edXML:SteeringType>
      <edXML:DocumentId>000.25.33.H43,2024/03/05,215/SXD-QLXD</edXML:DocumentId>
    </edXML:MessageHeader>
  </edXML:edXMLHeader>
  <edXML:edXMLBody>
    <edXML:edXMLManifest><edXML:Reference><edXML:ContentId>cid:1</edXML:ContentId><edXML:ContentType>{content_type}</edXML:ContentType><edXML:AttachmentName>{name}</edXML:AttachmentName></edXML:Reference></edXML:edXMLManifest>
  </edXML:edXMLBody>
</edXML:edXMLEnvelope>
<!-- attachments -->
"""
    # Real packages put AttachmentEncoded beside the envelope under one root element.
    body = xml.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">\n'
        + body
        + f'<AttachmentEncoded><Attachment><ContentId>cid:1</ContentId><AttachmentName>{name}</AttachmentName>'
        + f"<ContentTransferEncoded>\n{wrapped}\n</ContentTransferEncoded></Attachment></AttachmentEncoded>\n</edXML:edXML>\n"
    ).encode("utf-8")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:Subject>&lol9;</edXML:Subject></edXML:edXMLEnvelope>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE edXML [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:Subject>&xxe;</edXML:Subject></edXML:edXMLEnvelope>
"""
