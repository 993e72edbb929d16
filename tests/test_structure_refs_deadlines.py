"""References, legal basis, deadlines and the working-day calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ct56nlp.errors import ConfigError
from ct56nlp.normalize import canonicalize
from ct56nlp.structure import WorkCalendar, parse_structure

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN\nSỞ TÀI CHÍNH\nSố: 500/STC-QLNS\nV/v nội dung\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNinh Thuận, ngày 05 tháng 3 năm 2024\n"
    "Kính gửi: Sở Xây dựng.\n\n"
)
CAL = WorkCalendar.default()


def parse(body: str, head: str = HEAD):
    text = canonicalize(head + body)[0]
    return text, parse_structure(text, calendar=CAL)


REFERENCES = [
    ("Phúc đáp Công văn số 215/SXD-QLXD ngày 05/3/2024 của Sở Xây dựng, Sở Tài chính có ý kiến như sau.",
     [("215/SXD-QLXD", date(2024, 3, 5), "Sở Xây dựng", "answers")]),
    ("Trả lời CV số 215/SXD - QLXD của Sở Xây dựng về việc góp ý.", [("215/SXD-QLXD", None, "Sở Xây dựng", "answers")]),
    ("Thực hiện Công văn số 1234/UBND-KT ngày 12/01/2024 của UBND tỉnh về việc rà soát, Sở báo cáo.",
     [("1234/UBND-KT", date(2024, 1, 12), "UBND tỉnh", "implements")]),
    ("Theo đề nghị tại Tờ trình số 85/TTr-SXD ngày 20/02/2024 của Sở Xây dựng.",
     [("85/TTr-SXD", date(2024, 2, 20), "Sở Xây dựng", "answers")]),
    ("Phúc đáp Công văn số 10/UBND-VP ngày 01/3/2024 và Công văn số 14/UBND-VP ngày 04/3/2024 của UBND huyện Ninh Hải.",
     [("10/UBND-VP", date(2024, 3, 1), None, "answers"), ("14/UBND-VP", date(2024, 3, 4), "UBND huyện Ninh Hải", "answers")]),
    ("Ngày 15/01/2024, Sở có Công văn số 77/STC-QLNS đề nghị các đơn vị báo cáo (lần 2). Đến nay, Công văn số 77/STC-QLNS vẫn chưa được thực hiện.",
     [("77/STC-QLNS", date(2024, 1, 15), None, "reminds")]),
    ("Ngày 15/01/2024, Sở Nội vụ ban hành Công văn số 78/SNV-TCBC về việc rà soát biên chế.",
     [("78/SNV-TCBC", date(2024, 1, 15), None, "mentions")]),
    ("Phúc đáp Tờ trình số 312/TTr-SNNPTNT ngày 25/9/2024 của Sở Nông nghiệp và\nPhát triển nông thôn và Công văn số 3890/SKHĐT-TH của Sở Kế hoạch và Đầu tư.",
     [("312/TTr-SNNPTNT", date(2024, 9, 25), "Sở Nông nghiệp và Phát triển nông thôn", "answers"), ("3890/SKHĐT-TH", None, "Sở Kế hoạch và Đầu tư", "answers")]),
    ("Tiếp theo Công văn số 301/STC-TCHCSN ngày 02/02/2024, Sở Tài chính đề nghị các đơn vị khẩn trương báo cáo.",
     [("301/STC-TCHCSN", date(2024, 2, 2), None, "reminds")]),
    ("Nhận được Văn bản số 12/CV-PA ngày 10/01/2024 của Công ty TNHH Phước An đề nghị hướng dẫn thủ tục.",
     [("12/CV-PA", date(2024, 1, 10), "Công ty TNHH Phước An", "answers")]),
    ("Sở đã nhận Giấy mời số 17/GM-UBND của UBND huyện.", [("17/GM-UBND", None, "UBND huyện", "mentions")]),
    ("Về đề nghị tại Báo cáo số 45/BC-UBND ngày 20 tháng 02 năm 2024 của UBND xã Phước Hậu, Sở có ý kiến.",
     [("45/BC-UBND", date(2024, 2, 20), "UBND xã Phước Hậu", "answers")]),
    ("Thực hiện Công văn số 123-CV/TU ngày 03/01/2024 của Ban Thường vụ Tỉnh ủy.",
     [("123-CV/TU", date(2024, 1, 3), "Ban Thường vụ Tỉnh ủy", "implements")]),
    ("Căn cứ Thông báo số 40/TB-UBND ngày 01/02/2024 của UBND tỉnh, Sở triển khai.",
     [("40/TB-UBND", date(2024, 2, 1), "UBND tỉnh", "implements")]),
    ("Theo Phiếu chuyển đơn số 09/PC-BTCD ngày 11/3/2024 của Ban Tiếp công dân tỉnh.",
     [("09/PC-BTCD", date(2024, 3, 11), "Ban Tiếp công dân tỉnh", "mentions")]),
    ("Thực hiện Chỉ đạo tại Thông báo số 40/TB-UBND ngày 01/02/2024, Sở Tài nguyên và Môi trường báo cáo.",
     [("40/TB-UBND", date(2024, 2, 1), None, "implements")]),
    ("Sở Tài chính đã có ý kiến tại Công văn số 88/STC-QLGCS.", [("88/STC-QLGCS", None, None, "mentions")]),
    ("Trả lời Đơn ngày 02/3/2024 của ông Nguyễn Văn A, Sở có ý kiến.", []),
    ("Phúc đáp Công văn số 4222/TCT-PC ngày 10/11/2023 của Tổng cục Thuế.",
     [("4222/TCT-PC", date(2023, 11, 10), "Tổng cục Thuế", "answers")]),
]


@pytest.mark.parametrize("body,expected", REFERENCES)
def test_references(body, expected):
    text, s = parse(body)
    got = [(r.number, r.date, r.issuer, r.relation) for r in s.references]
    assert got == expected
    for r in s.references:
        assert r.number.replace(" ", "") in text[r.span.start : r.span.end].replace(" ", "")


LEGAL = [
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;", ["30/2020/NĐ-CP"]),
    ("Căn cứ Quyết định số 12/2024/QĐ-UBND ngày 01/3/2024 của UBND tỉnh;", ["12/2024/QĐ-UBND"]),
    ("Thực hiện Chỉ thị số 56-CT/TU ngày 29/01/2024 của Ban Thường vụ Tỉnh ủy;", ["56-CT/TU"]),
    ("Căn cứ Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ;", ["01/2011/TT-BNV"]),
    ("Căn cứ Luật số 45/2013/QH13;", ["45/2013/QH13"]),
    ("Theo quy định tại Luật Đất đai năm 2024 và Luật Khiếu nại 2011.", ["Luật Đất đai 2024", "Luật Khiếu nại 2011"]),
    ("Thực hiện Nghị quyết số 15-NQ/TW của Bộ Chính trị;", ["15-NQ/TW"]),
    ("Thực hiện Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ;", ["26/CT-TTg"]),
    ("Theo Hướng dẫn số 36-HD/VPTW của Văn phòng Trung ương Đảng;", ["36-HD/VPTW"]),
    ("Căn cứ Nghị quyết số 05/2024/NQ-HĐND của HĐND tỉnh;", ["05/2024/NQ-HĐND"]),
    ("Thực hiện Kết luận số 21-KL/TW ngày 25/10/2021;", ["21-KL/TW"]),
    ("Căn cứ Bộ luật Dân sự 2015;", ["Bộ luật Dân sự 2015"]),
    ("Căn cứ Nghị định 59/2019/NĐ-CP ngày 01/7/2019 của Chính phủ;", ["59/2019/NĐ-CP"]),
    ("Thực hiện Công văn số 123-CV/TU của Tỉnh ủy;", []),
    ("Thực hiện Kết luận số 07-KL/UBKTTU của Ủy ban Kiểm tra Tỉnh ủy;", []),
    ("Căn cứ Quyết định số 1562/QĐ-UBND ngày 20/7/2023 của Chủ tịch UBND huyện;", []),
]


@pytest.mark.parametrize("body,expected", LEGAL)
def test_legal_basis_is_kept_apart(body, expected):
    text, s = parse(body + "\nSở báo cáo như sau.")
    assert [r.number or r.doc_type for r in s.legal_basis] == expected
    legal_numbers = {r.number for r in s.legal_basis}
    assert not legal_numbers & {r.number for r in s.references}


DEADLINES = [
    ("Đề nghị Sở Xây dựng báo cáo trước ngày 20/3/2024.", date(2024, 3, 20), "absolute"),
    ("Báo cáo gửi về Sở chậm nhất ngày 15/4/2024.", date(2024, 4, 15), "absolute"),
    ("Đề nghị gửi ý kiến trước 17 giờ ngày 12/3/2024.", date(2024, 3, 12), "absolute"),
    ("Đề nghị báo cáo trước ngày 20 tháng 3 năm 2024.", date(2024, 3, 20), "absolute"),
    ("Đề nghị báo cáo trước ngày 20/3.", date(2024, 3, 20), "absolute"),
    ("Đề nghị có ý kiến trong thời hạn 07 ngày làm việc kể từ ngày nhận được văn bản này.", date(2024, 3, 14), "working_days"),
    ("Đề nghị trả lời trong vòng 10 ngày.", date(2024, 3, 15), "calendar_days"),
    ("Đề nghị trả lời trong thời hạn 05 (năm) ngày làm việc.", date(2024, 3, 12), "working_days"),
    ("Đề nghị góp ý trong vòng 12 ngày.", date(2024, 3, 18), "calendar_days"),  # 17/3 is a Sunday
    ("Hạn chót nộp hồ sơ: 29/3/2024.", date(2024, 3, 29), "absolute"),
    ("Đề nghị các đơn vị hoàn thành trong 15 ngày kể từ ngày 10/3/2024.", date(2024, 3, 25), "calendar_days"),
    ("Đề nghị cung cấp hồ sơ trước 10h ngày 08/3/2024.", date(2024, 3, 8), "absolute"),
    ("Đề nghị phản hồi chậm nhất là ngày 11/03/2024.", date(2024, 3, 11), "absolute"),
    ("Đề nghị tổng hợp, báo cáo không quá 03 ngày làm việc.", date(2024, 3, 8), "working_days"),
    ("Đề nghị báo cáo trước ngày 10/01.", date(2025, 1, 10), "absolute"),  # next January
]


@pytest.mark.parametrize("body,due,kind", DEADLINES)
def test_deadlines(body, due, kind):
    text, s = parse(body)
    if due.year == 2025:  # a letter dated in December asking for January
        text, s = parse(body, HEAD.replace("05 tháng 3 năm 2024", "20 tháng 12 năm 2024"))
    assert s.deadline is not None
    assert (s.deadline.date, s.deadline.kind) == (due, kind)
    assert text[s.deadline.span.start : s.deadline.span.end] == s.deadline.text


def test_request_deadline_beats_earlier_plan_dates():
    text, s = parse("Kế hoạch thực hiện đến năm 2025, hoàn thiện trước ngày 30/12/2025 theo lộ trình.\n"
                    "Đề nghị Sở Xây dựng gửi ý kiến trước ngày 15/3/2024.")
    assert s.deadline.date == date(2024, 3, 15)
    assert len(s.deadlines) == 2


def test_edxml_due_date_when_text_has_none():
    text = canonicalize(HEAD + "Đề nghị Sở Xây dựng có ý kiến.")[0]
    s = parse_structure(text, calendar=CAL, metadata={"DueDate": "2024-03-22"})
    assert s.deadline.date == date(2024, 3, 22) and s.deadline.source == "edxml" and s.deadline.span is None


# ---------------------------------------------------------------------------- calendar
@pytest.mark.parametrize("day,working", [
    (date(2024, 2, 7), True), (date(2024, 2, 8), False), (date(2024, 2, 9), False), (date(2024, 2, 12), False),
    (date(2024, 2, 14), False), (date(2024, 2, 15), True), (date(2024, 4, 18), False),  # Giỗ Tổ 10/3 âm lịch
    (date(2024, 4, 29), False), (date(2024, 4, 30), False), (date(2024, 5, 1), False), (date(2024, 5, 2), True),
    (date(2024, 5, 4), True),  # the Saturday worked in exchange for 29/4
    (date(2024, 5, 5), False), (date(2024, 9, 2), False), (date(2024, 9, 3), False), (date(2024, 1, 1), False),
    (date(2025, 1, 29), False), (date(2025, 4, 26), True), (date(2025, 5, 2), False),
])  # fmt: skip
def test_2024_and_2025_calendar(day, working):
    assert CAL.is_working_day(day) is working


def test_working_day_deadline_crosses_tet():
    # Letter of Monday 05/02/2024; 7 working days: 6, 7 Feb, then Tết 8-14 Feb, then 15, 16, 19, 20, 21.
    assert CAL.add_working_days(date(2024, 2, 5), 7) == date(2024, 2, 21)
    assert CAL.working_days_between(date(2024, 2, 5), date(2024, 2, 21)) == 7


def test_calendar_period_ending_on_a_day_off_moves_to_next_working_day():
    # 10 calendar days from 30/01/2024 end on 09/02 (Tết): the period ends on 15/02.
    assert CAL.add_calendar_days(date(2024, 1, 30), 10) == date(2024, 2, 15)
    assert CAL.add_calendar_days(date(2024, 3, 5), 10) == date(2024, 3, 15)


def test_working_saturday_counts():
    assert CAL.add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 4)


def test_override_file_adds_a_day_off(tmp_path: Path):
    f = tmp_path / "agency.toml"
    f.write_text('["2024-03-08"]\nworking = false\nnote = "Nghỉ theo quyết định của cơ quan"\n', encoding="utf-8")
    cal = WorkCalendar.default(f)
    assert CAL.is_working_day(date(2024, 3, 8)) and not cal.is_working_day(date(2024, 3, 8))
    assert cal.add_working_days(date(2024, 3, 7), 1) == date(2024, 3, 11)
    assert cal.notes[date(2024, 3, 8)].startswith("Nghỉ")


@pytest.mark.parametrize("content", ['["not-a-date"]\nworking = false\n', '["2024-01-01"]\nworking = "yes"\n', "[[[ broken"])
def test_bad_override_file_is_a_config_error(tmp_path, content):
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        WorkCalendar.default(f)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 12, 31)), st.integers(1, 40))
def test_working_day_arithmetic_is_consistent(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(start, end) == n
