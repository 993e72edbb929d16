"""Structure parsing never raises, and every span it reports slices the text to what it claims."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ct56nlp.normalize import canonicalize
from ct56nlp.structure import parse_structure
from ct56nlp.structure.lines import strip_motto, Line
from ct56nlp.structure.patterns import normalize_number

PIECES = [
    "ỦY BAN NHÂN DÂN\n", "TỈNH NINH THUẬN\n", "SỞ Y TẾ\n", "Số: 12/UBND-KT\n", "số 4222 /TCT -PC ", "56-CT/TU",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc\n", "Ninh Thuận, ngày 05 tháng 3 năm 2024\n",
    "V/v góp ý\n", "QUYẾT ĐỊNH\n", "KHẨN\n", "Kính gửi: ", "- Sở Tài chính;\n", "Nơi nhận:\n", "- Như trên;\n",
    "KT. GIÁM ĐỐC\n", "PHÓ GIÁM ĐỐC\n", "Trần Văn Minh\n", "TM. ", "Phúc đáp Công văn số 215/SXD-QLXD ngày 05/3/2024 của Sở Xây dựng",
    "trước ngày 20/3", "trong thời hạn 07 ngày làm việc", "Căn cứ Nghị định số 30/2020/NĐ-CP;", "Luật Đất đai năm 2024",
    " ", "\n", ".", ",", ";", ":", "/", "-", "(", ")", "1.", "a)", "ngày", "tháng", "năm", "2024", "31/02/2024",
]


def _check(text, s):
    fields = [s.number, s.issuer, s.parent_issuer, s.issued_on, s.place, s.doc_type, s.subject, s.urgency,
              s.signer_authority, s.signer_position, s.signer_name, *s.addressees, *s.copies, *s.signer_chain]
    for f in fields:
        if f is None or f.span is None:
            continue
        assert text[f.span.start : f.span.end] == f.raw
        assert 0 <= f.span.start <= f.span.end <= len(text)
    for f in [s.issuer, s.parent_issuer, s.place, s.subject, *s.addressees, *s.copies, s.signer_position, s.signer_name]:
        if f is not None:
            cleaned = " ".join(" ".join(p.text for p in strip_motto(Line(f.raw, 0))).split())
            assert f.value.replace(" ", "").replace("*", "") in cleaned.replace(" ", "").replace("*", "")
    if s.number is not None and s.number.span is not None:
        assert normalize_number(s.number.raw) == s.number.value
    for r in (*s.references, *s.legal_basis):
        assert 0 <= r.span.start < r.span.end <= len(text)
        piece = text[r.span.start : r.span.end]
        if r.number:
            assert r.number in normalize_number(piece) or r.number in piece.replace(" ", "")
    for d in s.deadlines:
        assert text[d.span.start : d.span.end] == d.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_headerish_text_never_raises_and_spans_hold(raw):
    text = canonicalize(raw)[0]
    _check(text, parse_structure(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(raw):
    text = canonicalize(raw)[0]
    _check(text, parse_structure(text))


def test_no_header_gives_nulls_and_a_notice():
    s = parse_structure("chỉ là một dòng ghi chú không có phần đầu văn bản")
    assert s.number is None and s.issuer is None and s.issued_on is None and s.doc_type is None
    assert any(n.code == "no_header" for n in s.notices)
    d = s.to_dict()
    assert d["number"] is None and d["recipients"] == [] and d["deadline"] is None
