"""extract(): every supported format, the bad inputs, and the text that must survive."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

import fixturegen as fg
from conftest import requires_tesseract
from ct56nlp import extract
from ct56nlp.errors import (
    CorruptDocumentError,
    Ct56Error,
    EmptyDocumentError,
    EncryptedDocumentError,
    TooLargeError,
    UnreadableError,
    UnsafeContentError,
    UnsupportedFormatError,
)
from ct56nlp.readers import Limits
from ct56nlp.readers.ocr import tesseract_status
from ct56nlp.normalize import canonicalize


def cer(expected: str, got: str) -> float:
    """Character error rate, whitespace runs counted as one space (layout is not content)."""
    e, g = " ".join(expected.split()), " ".join(got.split())
    return Levenshtein.distance(e, g) / max(1, len(e))


def test_text_pdf_reads_header_columns_then_body(files):
    doc = extract(files["letter.pdf"])
    assert doc.media_type == "application/pdf"
    assert doc.text == canonicalize(fg.letter_expected_text())[0]
    assert cer(fg.letter_expected_text(), doc.text) == 0.0
    assert len(doc.pages) == 1 and doc.pages[0].span.end == len(doc.text)
    assert doc.ocr is None


def test_interleaved_pdf_header_is_split_into_columns_by_word_positions():
    import pypdfium2 as pdfium

    data = fg.letter_pdf(interleaved=True)
    raw = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert any("CỘNG HÒA" in line and "ỦY BAN" in line for line in raw.splitlines())  # pdfium runs them together
    doc = extract(data)
    assert doc.text == canonicalize(fg.letter_expected_text())[0]  # pdfplumber's layout separates them


def test_pdf_pages_have_offsets(files):
    doc = extract(files["two_pages.pdf"])
    assert [p.number for p in doc.pages] == [1, 2]
    second = doc.pages[1].span.slice(doc.text)
    assert second.startswith("Trang 2:")
    assert doc.pages[0].span.end <= doc.pages[1].span.start
    assert doc.page_of(doc.pages[1].span.start) == 2


def test_signature_stamp_is_kept_out_of_the_letter(files):
    doc = extract(files["stamped.pdf"])
    assert "Ký bởi" not in doc.text and "Thời gian ký" not in doc.text
    assert doc.text.startswith("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN")
    (stamp,) = doc.stamps
    assert stamp.signer == "Sở Xây dựng"
    assert stamp.organization == "Tỉnh Ninh Thuận"
    assert stamp.email == "sxd@ninhthuan.gov.vn"
    assert stamp.signed_at == "2024-03-05T15:36:22+07:00"
    assert "Ký bởi: Sở Xây dựng" in stamp.source_span.slice(doc.source_text)


def test_docx_reads_two_column_header_table_in_order(files):
    doc = extract(files["letter.docx"])
    assert doc.media_type.endswith("wordprocessingml.document")
    assert doc.text == canonicalize(fg.docx_expected_text())[0]


@pytest.mark.parametrize("name,encoding", [
    ("cp1258.txt", "cp1258"), ("tcvn3.txt", "tcvn3"), ("vni.txt", "vni"),
    ("utf16.txt", "utf-16"), ("utf8.txt", "utf-8"),
])  # fmt: skip
def test_plain_text_encodings_convert_exactly(files, name, encoding):
    doc = extract(files[name])
    assert doc.encoding.startswith(encoding)
    assert cer(fg.LEGACY_TEXT, doc.text) == 0.0
    assert doc.text == canonicalize(fg.LEGACY_TEXT)[0]


def test_legacy_font_docx_is_converted_by_run_font():
    import docx

    d = docx.Document()
    run = d.add_paragraph().add_run(fg.to_tcvn3("trách nhiệm giải quyết công việc").decode("latin-1"))
    run.font.name = ".VnTime"
    buf = io.BytesIO()
    d.save(buf)
    doc = extract(buf.getvalue())
    assert doc.text == "trách nhiệm giải quyết công việc"
    assert doc.encoding == "tcvn3"


def test_edxml_metadata_and_pdf_attachment(files):
    doc = extract(files["package.edxml"])
    assert doc.media_type == "application/edxml+xml"
    m = doc.metadata
    assert m["Code"] == {"CodeNumber": "215", "CodeNotation": "SXD-QLXD"}
    assert m["From"]["OrganName"] == "Sở Xây dựng tỉnh Ninh Thuận"
    assert m["To"][0]["OrganName"] == "Sở Tư pháp tỉnh Ninh Thuận"
    assert m["DueDate"] == "2024-03-20"
    assert m["SignerInfo"]["Competence"] == "KT. GIÁM ĐỐC"
    assert m["ResponseFor"][0]["Code"] == "118/STP-XDKTVB"
    assert m["OtherInfo"]["Priority"] == "1"
    assert m["PromulgationInfo"]["PromulgationDate"] == "2024-03-05"
    for key in ("DocumentType", "Subject", "SteeringType", "DocumentId"):
        assert key in m
    (att,) = doc.attachments
    assert att.name == "215-SXD-QLXD.pdf" and att.media_type == "application/pdf"
    assert att.span.slice(doc.text) == canonicalize(fg.letter_expected_text())[0]


@pytest.mark.parametrize("name", ["laughs.edxml", "xxe.edxml"])
def test_hostile_xml_is_refused_without_expansion(files, name):
    import time

    start = time.perf_counter()
    with pytest.raises(UnsafeContentError):
        extract(files[name])
    assert time.perf_counter() - start < 5  # generous: refusal happens before any expansion


@pytest.mark.parametrize("name,error", [
    ("encrypted.pdf", EncryptedDocumentError),
    ("truncated.pdf", CorruptDocumentError),
    ("empty.txt", EmptyDocumentError),
])  # fmt: skip
def test_bad_files_raise_the_library_error(files, name, error):
    with pytest.raises(error) as info:
        extract(files[name])
    assert isinstance(info.value, Ct56Error)
    assert info.value.to_dict()["type"] == error.code
    assert len(str(info.value)) > 20  # says what happened and what to do


def test_type_is_sniffed_not_taken_from_extension(files, tmp_path):
    disguised = tmp_path / "letter.txt"
    disguised.write_bytes(files["letter.pdf"].read_bytes())
    assert extract(disguised).media_type == "application/pdf"


@pytest.mark.parametrize("data,error", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormatError),
    (b"PK\x03\x04garbage-not-a-zip", UnsupportedFormatError),
    (b"\x00\x01\x02\x03" * 200, UnsupportedFormatError),
    (b"%PDF-1.7\n garbage %%EOF", CorruptDocumentError),
    (b"\x89PNG\r\n\x1a\n broken", CorruptDocumentError),
])  # fmt: skip
def test_unreadable_content_gets_a_typed_error(data, error):
    with pytest.raises(error):
        extract(data)


def test_limits_are_enforced(files):
    with pytest.raises(TooLargeError):
        extract(files["letter.pdf"], limits=Limits(max_bytes=1000))
    with pytest.raises(TooLargeError):
        extract(files["two_pages.pdf"], limits=Limits(max_pages=1))
    with pytest.raises(TooLargeError):
        extract(files["utf8.txt"], limits=Limits(max_chars=50))


def test_docx_zip_bomb_is_refused():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a>" + b" " * (30 * 2**20) + b"</a>")
        z.writestr("[Content_Types].xml", b"<Types/>")
    with pytest.raises(TooLargeError):
        extract(buf.getvalue(), limits=Limits(max_decompressed=10 * 2**20))


def test_sources_path_bytes_and_file_object(files):
    data = files["utf8.txt"].read_bytes()
    a = extract(files["utf8.txt"])
    b = extract(data)
    c = extract(io.BytesIO(data))
    assert a.text == b.text == c.text
    assert a.sha256 == b.sha256 == c.sha256
    assert a.source == str(files["utf8.txt"]) and b.source is None


def test_missing_path_is_unreadable(tmp_path):
    with pytest.raises(UnreadableError):
        extract(tmp_path / "nope.pdf")


@requires_tesseract
@pytest.mark.slow
def test_scanned_pdf_is_ocred_with_low_error(files):
    doc = extract(files["scan.pdf"])
    assert doc.ocr is not None and doc.ocr.language == "vie"
    assert doc.ocr.mean_confidence > 70
    assert any(n.code == "ocr_used" for n in doc.notices)
    assert cer("\n".join(fg.SCAN_LINES), doc.text) <= 0.03


def test_scan_without_tesseract_leaves_a_notice(files, monkeypatch):
    import ct56nlp.readers.pdf as pdfmod

    monkeypatch.setattr(pdfmod, "tesseract_status", lambda lang: "Không tìm thấy Tesseract; cài đặt: apt-get install tesseract-ocr tesseract-ocr-vie")
    doc = extract(files["scan.pdf"])
    assert doc.text == ""
    (notice,) = [n for n in doc.notices if n.code == "ocr_unavailable"]
    assert "apt-get install tesseract-ocr" in notice.message


def test_tesseract_status_reports_missing_language():
    status = tesseract_status("xx_not_a_language")
    assert status is not None and "apt-get install" in status


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_document_or_our_error(data):
    try:
        doc = extract(data, limits=Limits(ocr=False))
    except Ct56Error:
        return
    assert isinstance(doc.text, str)
    for page in doc.pages:
        assert 0 <= page.span.start <= page.span.end <= len(doc.text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<?xml version='1.0'?><edXML>", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]), st.binary(max_size=2000))
def test_arbitrary_bytes_behind_real_magic_numbers(magic, tail):
    try:
        extract(magic + tail, limits=Limits(ocr=False))
    except Ct56Error:
        pass


def test_docx_text_boxes_are_read_once():
    """Word stores every text box twice (mc:Choice and mc:Fallback); only one copy is read."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    para = d.add_paragraph("Trước hộp.")
    box = (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        "<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Số: 12/UBND-VP</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>Số: 12/UBND-VP</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>"
    )
    run = para.add_run()
    run._r.append(parse_xml(box))
    buf = io.BytesIO()
    d.save(buf)
    text = extract(buf.getvalue()).text
    assert text.count("12/UBND-VP") == 1


def test_huge_scanned_page_is_rendered_within_the_pixel_budget():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(14400, 14400))  # a 5 m square page, blank
    c.showPage()
    c.save()
    import ct56nlp.readers.pdf as pdfmod
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(buf.getvalue())[0]
    png = pdfmod._render_png(page, 300, max_pixels=2_000_000)
    from PIL import Image

    w, h = Image.open(io.BytesIO(png)).size
    assert w * h <= 2_000_000 * 1.01
