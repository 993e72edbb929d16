"""Each field of the letter's anatomy, on clean and on noisy headers (parametrised tables)."""

from __future__ import annotations

from datetime import date

import pytest

from ct56nlp.normalize import canonicalize
from ct56nlp.structure import parse_structure

STATE = "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\n"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
BODY = "\nKính gửi: Sở Tài chính.\n\nNội dung văn bản được trình bày tại đây để kiểm tra việc tách phần đầu.\n"


def parse(raw: str):
    text = canonicalize(raw)[0]
    return text, parse_structure(text)


def check_span(text, f):
    assert f.span is not None
    assert text[f.span.start : f.span.end] == f.raw


# ---------------------------------------------------------------------------- number
NUMBERS = [
    (STATE + "Số: 215/SXD-QLXD\n" + MOTTO, "215/SXD-QLXD"),
    (STATE + "Số: 12/2024/QĐ-UBND\n" + MOTTO, "12/2024/QĐ-UBND"),
    (STATE + "Số: 85/TTr-SXD\n" + MOTTO, "85/TTr-SXD"),
    ("TỈNH ỦY NINH THUẬN\n*\nSố 56-CT/TU\n" + "ĐẢNG CỘNG SẢN VIỆT NAM\n", "56-CT/TU"),
    ("TỈNH ỦY NINH THUẬN\nSố: 123-CV/TU\n", "123-CV/TU"),
    ("TỔNG CỤC THUẾ\nsố: 4222 /TCT -PC\n" + MOTTO, "4222/TCT-PC"),
    ("UBND HUYỆN NINH PHƯỚC\nSố:1234/UBND-KT\n", "1234/UBND-KT"),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NINH THUẬN Độc lập - Tự do - Hạnh phúc\nSố: 318/UBND-VXNV Ninh Thuận, ngày 12 tháng 4 năm 2024\n", "318/UBND-VXNV"),
    ("SỞ Y TẾ\nSố: 45 / BC - SYT\n", "45/BC-SYT"),
    ("HUYỆN ỦY THUẬN BẮC\nSố 245-CV/HU\n", "245-CV/HU"),
    ("ỦY BAN KIỂM TRA TỈNH ỦY\nSố 07-KL/UBKTTU\n", "07-KL/UBKTTU"),
    ("SỞ NÔNG NGHIỆP VÀ PTNT\nSố: 1502/SNNPTNT-TL\n", "1502/SNNPTNT-TL"),
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 88/STNMT-QLĐĐ\n", "88/STNMT-QLĐĐ"),
    ("HĐND TỈNH NINH THUẬN\nSố: 05/2024/NQ-HĐND\n", "05/2024/NQ-HĐND"),
    ("Ký bởi: Sở Y tế\nThời gian ký: 10.11.2023 15:36\nSỞ Y TẾ\nSố: 3021/SYT-NVY\n", "3021/SYT-NVY"),
    ("UBND XÃ PHƯỚC HẬU\nSố: 17/GM-UBND\n", "17/GM-UBND"),
    ("BAN TIẾP CÔNG DÂN TỈNH\nSố: 09/PC-BTCD\n", "09/PC-BTCD"),
]


@pytest.mark.parametrize("raw,expected", NUMBERS)
def test_number(raw, expected):
    text, s = parse(raw + BODY)
    assert s.number.value == expected
    check_span(text, s.number)


# ---------------------------------------------------------------------------- issuer
ISSUERS = [
    (STATE + "Số: 1/UBND-KT\n", "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN", None),
    ("UBND TỈNH NINH THUẬN\nSỞ XÂY DỰNG\nSố: 215/SXD-QLXD\n", "SỞ XÂY DỰNG", "UBND TỈNH NINH THUẬN"),
    ("ỦY BAN NHÂN DÂN TỈNH NINH THUẬN\nSỞ TÀI CHÍNH\nSố: 2/STC-QLNS\n" + MOTTO, "SỞ TÀI CHÍNH", "ỦY BAN NHÂN DÂN TỈNH NINH THUẬN"),
    ("TỈNH ỦY NINH THUẬN\nBAN TỔ CHỨC\n*\nSố 12-CV/BTCTU\n", "BAN TỔ CHỨC", "TỈNH ỦY NINH THUẬN"),
    ("TỈNH ỦY NINH THUẬN\n*\nSố 56-CT/TU\n", "TỈNH ỦY NINH THUẬN", None),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN NINH HẢI Độc lập - Tự do - Hạnh phúc\nSố: 9/UBND-VP\n", "ỦY BAN NHÂN DÂN HUYỆN NINH HẢI", None),
    ("UBND HUYỆN BÁC ÁI\nPHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 33/TNMT\n", "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "UBND HUYỆN BÁC ÁI"),
    ("SỞ Y TẾ NINH THUẬN\nBỆNH VIỆN ĐA KHOA TỈNH\nSố: 120/BVĐK-KHTH\n", "BỆNH VIỆN ĐA KHOA TỈNH", "SỞ Y TẾ NINH THUẬN"),
    ("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH NINH THUẬN\nSố: 41/MTTQ-BTT\n", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH NINH THUẬN", None),
    ("HỘI ĐỒNG NHÂN DÂN\nTỈNH NINH THUẬN\nSố: 05/2024/NQ-HĐND\n", "HỘI ĐỒNG NHÂN DÂN TỈNH NINH THUẬN", None),
    ("Ký bởi: Văn phòng UBND tỉnh\nEmail: vp@ninhthuan.gov.vn\nUBND TỈNH NINH THUẬN\nVĂN PHÒNG\nSố: 77/VPUB-TH\n", "VĂN PHÒNG", "UBND TỈNH NINH THUẬN"),
    ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nsố: 4222 /TCT -PC\n", "TỔNG CỤC THUẾ", "BỘ TÀI CHÍNH"),
    ("ĐẢNG BỘ TỈNH NINH THUẬN\nĐẢNG ỦY KHỐI CƠ QUAN\nSố 31-CV/ĐUK\n", "ĐẢNG ỦY KHỐI CƠ QUAN", "ĐẢNG BỘ TỈNH NINH THUẬN"),
    ("UBND THÀNH PHỐ PHAN RANG - THÁP CHÀM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố: 501/PGDĐT\n", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ PHAN RANG - THÁP CHÀM"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THPT CHU VĂN AN\nSố: 14/CV-THPTCVA\n", "TRƯỜNG THPT CHU VĂN AN", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("ỦY BAN NHÂN DÂN\nXÃ PHƯỚC DINH\nSố: 08/UBND\n", "ỦY BAN NHÂN DÂN XÃ PHƯỚC DINH", None),
]


@pytest.mark.parametrize("raw,issuer,parent", ISSUERS)
def test_issuer_and_parent(raw, issuer, parent):
    text, s = parse(raw + MOTTO + BODY)
    assert s.issuer.value == issuer
    check_span(text, s.issuer)
    if parent is None:
        assert s.parent_issuer is None
    else:
        assert s.parent_issuer.value == parent
        check_span(text, s.parent_issuer)


# ---------------------------------------------------------------------------- place and date
DATES = [
    ("Ninh Thuận, ngày 05 tháng 3 năm 2024", "Ninh Thuận", date(2024, 3, 5)),
    ("Phan Rang - Tháp Chàm, ngày 12 tháng 11 năm 2023", "Phan Rang - Tháp Chàm", date(2023, 11, 12)),
    ("Hà Nội, ngày 1 tháng 7 năm 2025", "Hà Nội", date(2025, 7, 1)),
    ("Ninh Thuận, ngày  05  tháng  03  năm  2024", "Ninh Thuận", date(2024, 3, 5)),
    ("Ninh Phước, ngày 20/02/2024", "Ninh Phước", date(2024, 2, 20)),
    ("TP. Hồ Chí Minh, ngày 30 tháng 9 năm 2024", "TP. Hồ Chí Minh", date(2024, 9, 30)),
    ("Thuận Bắc, ngay 14 thang 5 nam 2024", "Thuận Bắc", date(2024, 5, 14)),
    ("Bác Ái, ngày 28 tháng 02 năm 2025", "Bác Ái", date(2025, 2, 28)),
    ("Ninh Sơn, ngày 3 tháng 1 năm 2024", "Ninh Sơn", date(2024, 1, 3)),
    ("Đà Lạt, ngày 09 tháng 10 năm 2023", "Đà Lạt", date(2023, 10, 9)),
    ("Phước Hậu, ngày 17 tháng 6 năm 2024", "Phước Hậu", date(2024, 6, 17)),
    ("Cam Ranh, ngày 2 tháng 12 năm 2024", "Cam Ranh", date(2024, 12, 2)),
    ("Ninh Hải, ngày 29 tháng 02 năm 2024", "Ninh Hải", date(2024, 2, 29)),
    ("Nha Trang, ngày 31 tháng 12 năm 2023", "Nha Trang", date(2023, 12, 31)),
    ("Thuận Nam, ngày 15 tháng 8 năm 2024", "Thuận Nam", date(2024, 8, 15)),
    ("Số: 318/UBND-VXNV Ninh Thuận, ngày 12 tháng 4 năm 2024", "Ninh Thuận", date(2024, 4, 12)),
]


@pytest.mark.parametrize("line,place,day", DATES)
def test_place_and_date(line, place, day):
    text, s = parse(STATE + "Số: 11/UBND-TH\n" + MOTTO + line + "\n" + BODY)
    assert s.issued_on.value == day
    assert s.place.value == place
    check_span(text, s.issued_on)
    check_span(text, s.place)


# ---------------------------------------------------------------------------- type and subject
TYPES = [
    (STATE + "Số: 215/UBND-KT\nV/v góp ý dự thảo kế hoạch\n", "cong_van", "góp ý dự thảo kế hoạch"),
    (STATE + "Số: 215/UBND-KT\nv/v báo cáo tình hình thiên tai\n", "cong_van", "báo cáo tình hình thiên tai"),
    (STATE + "Số: 215/UBND-KT\nViv đôn đốc nộp báo cáo\n", "cong_van", "đôn đốc nộp báo cáo"),
    (STATE + "Số: 215/UBND-KT\nV/V: xin ý kiến về phương án\n", "cong_van", "xin ý kiến về phương án"),
    (STATE + "Số: 12/2024/QĐ-UBND\n" + MOTTO + "QUYẾT ĐỊNH\nVề việc phê duyệt quy hoạch chi tiết\n", "quyet_dinh", "phê duyệt quy hoạch chi tiết"),
    (STATE + "Số: 85/TTr-SXD\n" + MOTTO + "TỜ TRÌNH\nVề việc đề nghị phê duyệt giá đất\n", "to_trinh", "đề nghị phê duyệt giá đất"),
    (STATE + "Số: 40/TB-UBND\n" + MOTTO + "THÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về dự án hồ chứa\n", "thong_bao", "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về dự án hồ chứa"),
    (STATE + "Số: 50/BC-UBND\n" + MOTTO + "BÁO CÁO\nKết quả thực hiện nhiệm vụ quý I năm 2024\n", "bao_cao", "Kết quả thực hiện nhiệm vụ quý I năm 2024"),
    (STATE + "Số: 71/KH-UBND\n" + MOTTO + "KẾ HOẠCH\nTriển khai thực hiện Chỉ thị số 56-CT/TU\n", "ke_hoach", "Triển khai thực hiện Chỉ thị số 56-CT/TU"),
    (STATE + "Số: 17/GM-UBND\n" + MOTTO + "GIẤY MỜI\nDự họp bàn phương án tái định cư\n", "giay_moi", "Dự họp bàn phương án tái định cư"),
    (STATE + "Số: 3/BB-UBND\n" + MOTTO + "BIÊN BẢN\nĐối thoại với công dân về bồi thường\n", "bien_ban", "Đối thoại với công dân về bồi thường"),
    ("TỈNH ỦY NINH THUẬN\nSố 56-CT/TU\n" + "ĐẢNG CỘNG SẢN VIỆT NAM\n" + "CHỈ THỊ\nvề tăng cường kỷ luật, kỷ cương\n", "chi_thi", "về tăng cường kỷ luật, kỷ cương"),
    ("TỈNH ỦY NINH THUẬN\nSố 123-CV/TU\nV/v triển khai nhiệm vụ\n", "cong_van", "triển khai nhiệm vụ"),
    ("TỈNH ỦY NINH THUẬN\nSố 18-TB/TU\n", "thong_bao", None),
    (STATE + "Số: 09/PC-BTCD\n" + MOTTO + "PHIẾU CHUYỂN ĐƠN\n", "phieu_chuyen", None),
    (STATE + "Số: 5/CĐ-UBND\n" + MOTTO + "CÔNG ĐIỆN\nVề việc chủ động ứng phó bão số 6\n", "cong_dien", "chủ động ứng phó bão số 6"),
    ("UBND HUYỆN NINH HẢI\nSố: 7/UBND-NC\nV/v trả lời đơn của ông Nguyễn Văn A,\nthôn Khánh Hội\n", "cong_van", "trả lời đơn của ông Nguyễn Văn A, thôn Khánh Hội"),
]


@pytest.mark.parametrize("raw,doc_type,subject", TYPES)
def test_type_and_subject(raw, doc_type, subject):
    text, s = parse(raw + BODY)
    assert s.doc_type.value == doc_type
    check_span(text, s.doc_type)
    if subject is None:
        assert s.subject is None
    else:
        assert s.subject.value == subject
        check_span(text, s.subject)


# ---------------------------------------------------------------------------- urgency
URGENCY = [
    (STATE + "Số: 1/UBND-KT\nKHẨN\n", "khan"),
    (STATE + "Số: 1/UBND-KT\nTHƯỢNG KHẨN\n", "thuong_khan"),
    (STATE + "Số: 1/UBND-KT\nHỎA TỐC\n", "hoa_toc"),
    (STATE + "Số: 1/UBND-KT\nHỏa tốc\n", "hoa_toc"),
    (STATE + "Số: 1/UBND-KT\nKhẩn\n", "khan"),
    (STATE + "Số: 1/UBND-KT KHẨN\n", "khan"),
    (STATE + "Số: 1/UBND-KT\nHỎA TỐC HẸN GIỜ\n", "hoa_toc"),
    (STATE + "Số: 1/UBND-KT\nV/v khẩn trương báo cáo thiệt hại\n", None),
    (STATE + "Số: 1/UBND-KT\nV/v triển khai\n", None),
    (STATE + "Số: 1/UBND-KT\nV/v xử lý vụ việc khẩn cấp\n", None),
    ("SỞ Y TẾ\nSố: 12/SYT-NV\nTHƯỢNG KHẨN\nV/v phòng chống dịch\n", "thuong_khan"),
    ("TỈNH ỦY NINH THUẬN\nSố 9-CV/TU\nKHẨN\n", "khan"),
    ("UBND XÃ AN HẢI\nSố: 3/UBND\nHỎA TỐC\nV/v sơ tán dân\n", "hoa_toc"),
    ("SỞ NÔNG NGHIỆP VÀ PTNT\nSố: 88/SNN-TL\nV/v ứng phó hạn hán\n", None),
    ("BCH PCTT TỈNH\nSố: 2/BCH\nKhẩn.\n", "khan"),
]


@pytest.mark.parametrize("raw,expected", URGENCY)
def test_urgency_is_the_header_mark_not_body_words(raw, expected):
    text, s = parse(raw + MOTTO + "\nKính gửi: Các sở.\n\nĐề nghị các đơn vị khẩn trương thực hiện; vụ việc rất khẩn cấp.\n")
    if expected is None:
        assert s.urgency is None
    else:
        assert s.urgency.value == expected
        check_span(text, s.urgency)


# ---------------------------------------------------------------------------- addressees
ADDRESSEES = [
    ("Kính gửi: Sở Tư pháp tỉnh Ninh Thuận.", ["Sở Tư pháp tỉnh Ninh Thuận"]),
    ("Kính gửi:\n- Sở Tài chính;\n- Sở Kế hoạch và Đầu tư;\n- UBND các huyện, thành phố.", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư", "UBND các huyện, thành phố"]),
    ("Kính gửi: Sở Tài chính; Sở Xây dựng.", ["Sở Tài chính", "Sở Xây dựng"]),
    ("Kính gửi: Ông Nguyễn Văn Bình, thôn Phú Thạnh, xã Phước Hậu.", ["Ông Nguyễn Văn Bình, thôn Phú Thạnh, xã Phước Hậu"]),
    ("Kính gửi:\nBan Thường vụ Tỉnh ủy.", ["Ban Thường vụ Tỉnh ủy"]),
    ("Kính gửi: - Các sở, ban, ngành;\n- UBND các huyện.", ["Các sở, ban, ngành", "UBND các huyện"]),
    ("kính gửi: Phòng Tài nguyên và Môi trường", ["Phòng Tài nguyên và Môi trường"]),
    ("Kính gởi: Báo Ninh Thuận.", ["Báo Ninh Thuận"]),
    ("Kính gửi:\n+ Chủ tịch UBND các xã;\n+ Trưởng Công an huyện.", ["Chủ tịch UBND các xã", "Trưởng Công an huyện"]),
    ("Kính gửi: Công ty TNHH Xây dựng Phước An", ["Công ty TNHH Xây dựng Phước An"]),
    ("Kính gửi: Ủy ban MTTQ Việt Nam tỉnh.", ["Ủy ban MTTQ Việt Nam tỉnh"]),
    ("Kính gửi: Bà Trần Thị Lan (địa chỉ: khu phố 3, phường Đô Vinh).", ["Bà Trần Thị Lan (địa chỉ: khu phố 3, phường Đô Vinh)"]),
    ("Kính gửi:\n- Thường trực HĐND tỉnh;\n- Ủy ban nhân dân tỉnh.", ["Thường trực HĐND tỉnh", "Ủy ban nhân dân tỉnh"]),
    ("Kính gửi: Các đơn vị trực thuộc Sở.", ["Các đơn vị trực thuộc Sở"]),
    ("Kính gửi: Bệnh viện Đa khoa tỉnh;\nTrung tâm Y tế các huyện.", ["Bệnh viện Đa khoa tỉnh", "Trung tâm Y tế các huyện"]),
    ("Kính gửi: Sở Y tế\nĐề nghị báo cáo trước ngày 20/3/2024.", ["Sở Y tế"]),
    ("Kính gửi: Bà Nguyễn Thị Mai, thôn Phú Sơn, tỉnh\nBình Thuận.", ["Bà Nguyễn Thị Mai, thôn Phú Sơn, tỉnh Bình Thuận"]),
]


@pytest.mark.parametrize("block,expected", ADDRESSEES)
def test_addressees(block, expected):
    text, s = parse(STATE + "Số: 1/UBND-KT\nV/v triển khai\n" + MOTTO + block + "\n\nNội dung văn bản.\n")
    assert [f.value for f in s.addressees] == expected
    for f in s.addressees:
        check_span(text, f)


# ---------------------------------------------------------------------------- signature
SIGNATURES = [
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Minh", "KT", ["KT. GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Trần Văn Minh"),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Long Biên", "KT", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Nguyễn Long Biên"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Quốc Nam", "TM", ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Trần Quốc Nam"),
    ("TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n\nLê Thị Hoa", "TL", ["TL. GIÁM ĐỐC"], "CHÁNH VĂN PHÒNG", "Lê Thị Hoa"),
    ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ TÀI CHÍNH\n\nPhạm Văn Hậu", "TUQ", ["TUQ. CHỦ TỊCH"], "GIÁM ĐỐC SỞ TÀI CHÍNH", "Phạm Văn Hậu"),
    ("Q. GIÁM ĐỐC\n\nĐặng Thị Mai", "Q", ["Q. GIÁM ĐỐC"], "GIÁM ĐỐC", "Đặng Thị Mai"),
    ("GIÁM ĐỐC\n\nNguyễn Văn Hải", None, [], "GIÁM ĐỐC", "Nguyễn Văn Hải"),
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\nLê Huyền", "TM", ["T/M BAN THƯỜNG VỤ"], "PHÓ BÍ THƯ THƯỜNG TRỰC", "Lê Huyền"),
    ("T/M HUYỆN ỦY\nBÍ THƯ\n\nHồ Văn Sáu", "TM", ["T/M HUYỆN ỦY"], "BÍ THƯ", "Hồ Văn Sáu"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(đã ký)\n\nĐỗ Minh Tuấn", "KT", ["KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Đỗ Minh Tuấn"),
    ("TM. BAN THƯỜNG TRỰC\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNgô Thị Hằng", "KT", ["TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Ngô Thị Hằng"),
    ("HIỆU TRƯỞNG\n\nVõ Thành Công", None, [], "HIỆU TRƯỞNG", "Võ Thành Công"),
    ("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\n\nTrương Mỹ Linh", "KT", ["KT. HIỆU TRƯỞNG"], "PHÓ HIỆU TRƯỞNG", "Trương Mỹ Linh"),
    ("TM. ĐẢNG ỦY\nBÍ THƯ\n\nPhan Văn Tấn", "TM", ["TM. ĐẢNG ỦY"], "BÍ THƯ", "Phan Văn Tấn"),
    ("KT.GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Thị Kim Oanh", "KT", ["KT.GIÁM ĐỐC"], "PHÓ GIÁM ĐỐC", "Nguyễn Thị Kim Oanh"),
    ("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nLâm Quang Vinh", "KT", ["KT. TRƯỞNG BAN"], "PHÓ TRƯỞNG BAN", "Lâm Quang Vinh"),
]


@pytest.mark.parametrize("block,authority,chain,position,name", SIGNATURES)
def test_signature_block(block, authority, chain, position, name):
    raw = (
        STATE + "Số: 1/UBND-KT\nV/v triển khai\n" + MOTTO + "Ninh Thuận, ngày 05 tháng 3 năm 2024\n"
        "Kính gửi: Sở Tài chính.\n\nĐề nghị Sở Tài chính báo cáo kết quả trước ngày 20/3/2024./.\n\n"
        "Nơi nhận:\n- Như trên;\n- CT, các PCT UBND tỉnh;\n- Lưu: VT, KT.\n" + block
    )
    text, s = parse(raw)
    if authority is None:
        assert s.signer_authority is None
    else:
        assert s.signer_authority.value == authority
        check_span(text, s.signer_authority)
    assert [f.value for f in s.signer_chain] == chain
    assert s.signer_position.value == position
    assert s.signer_name.value == name
    check_span(text, s.signer_name)
    assert [f.value for f in s.copies] == ["CT, các PCT UBND tỉnh"]
    assert "Nơi nhận" not in s.body_span.slice(text)


def test_signature_run_together_with_recipients_column():
    raw = (
        STATE + "Số: 1/UBND-KT\nV/v triển khai\n" + MOTTO + "Kính gửi: Sở Tài chính.\n\nNội dung./.\n"
        "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\nNguyễn Văn An"
    )
    text, s = parse(raw)
    assert s.signer_authority.value == "KT"
    assert s.signer_position.value == "PHÓ CHỦ TỊCH"
    assert s.signer_name.value == "Nguyễn Văn An"
