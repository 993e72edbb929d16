"""Regular-expression pieces shared by the structure parsers: numbers, dates, names, cues."""

from __future__ import annotations

import re
from datetime import date

__all__ = [
    "NUMBER", "NUMBER_RE", "normalize_number", "DATE_RE", "parse_date", "UPPER", "LOWER",
    "is_upper_line", "TYPE_ABBREVIATIONS", "TYPE_TITLES", "AUTHORITY_CANON", "BULLET",
]  # fmt: skip

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# A document number and notation: "215/SXD-QLXD", "12/2024/QĐ-UBND", "56-CT/TU", "4222 /TCT -PC".
_PART = rf"[{UPPER}0-9][{UPPER}{LOWER}0-9&.]*"
NUMBER = (
    rf"\d{{1,6}}(?:\s?/\s?(?:19|20)\d{{2}})?"  # the number, and the year of normative documents
    rf"\s?[/-]\s?(?=[{UPPER}][{LOWER}]?[{UPPER}])[{UPPER}][{UPPER}{LOWER}0-9&.]*"  # the first notation part: two capitals
    rf"(?:\s?[-/]\s?{_PART}){{0,4}}"  # further parts: "-QLXD", "/TU"
)
NUMBER_RE = re.compile(rf"(?<![\w/-]){NUMBER}")


def normalize_number(raw: str) -> str:
    """'4222 /TCT -PC' -> '4222/TCT-PC'; a trailing full stop is not part of a number."""
    return re.sub(r"\s+", "", raw).rstrip(".")


_NGAY = r"ng[àa]y"
_THANG = r"th[áa]ng"
_NAM = r"n[ăa]m"
DATE_RE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s?[/.-]\s?(?P<m1>\d{{1,2}})\s?[/.-]\s?(?P<y1>(?:19|20)\d{{2}})(?!\d))"
    rf"|(?:{_NGAY}\s+(?P<d2>\d{{1,2}})\s+{_THANG}\s+(?P<m2>\d{{1,2}})\s+{_NAM}\s+(?P<y2>(?:19|20)\d{{2}}))",
    re.IGNORECASE,
)


def parse_date(m: re.Match[str]) -> date | None:
    d = m.group("d1") or m.group("d2")
    mo = m.group("m1") or m.group("m2")
    y = m.group("y1") or m.group("y2")
    try:
        return date(int(y), int(mo), int(d))
    except (TypeError, ValueError):
        return None


def is_upper_line(line: str, threshold: float = 0.85) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 2:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= threshold


# Type abbreviations used in number notations (Nghị định 30/2020/NĐ-CP, Phụ lục III;
# Hướng dẫn 36-HD/VPTW for party documents), mapped to ct56nlp's doc_type codes.
TYPE_ABBREVIATIONS = {
    "NQ": "nghi_quyet", "QĐ": "quyet_dinh", "CT": "chi_thi", "QC": "quy_che", "QyĐ": "quy_dinh",
    "QĐi": "quy_dinh", "TC": "thong_cao", "TB": "thong_bao", "HD": "huong_dan", "CTr": "chuong_trinh",
    "KH": "ke_hoach", "PA": "phuong_an", "ĐA": "de_an", "DA": "du_an", "BC": "bao_cao", "BB": "bien_ban",
    "TTr": "to_trinh", "HĐ": "hop_dong", "CĐ": "cong_dien", "GN": "ban_ghi_nho", "TTh": "ban_thoa_thuan",
    "GUQ": "giay_uy_quyen", "GM": "giay_moi", "GGT": "giay_gioi_thieu", "GNP": "giay_nghi_phep",
    "PG": "phieu_gui", "PC": "phieu_chuyen", "PB": "phieu_bao", "KL": "ket_luan", "TT": "thong_tri",
    "CV": "cong_van",
}  # fmt: skip
# The title line a document carries under its header, mapped to the same codes.
TYPE_TITLES = {
    "NGHỊ QUYẾT": "nghi_quyet", "QUYẾT ĐỊNH": "quyet_dinh", "CHỈ THỊ": "chi_thi", "QUY CHẾ": "quy_che",
    "QUY ĐỊNH": "quy_dinh", "THÔNG CÁO": "thong_cao", "THÔNG BÁO": "thong_bao", "HƯỚNG DẪN": "huong_dan",
    "CHƯƠNG TRÌNH": "chuong_trinh", "KẾ HOẠCH": "ke_hoach", "PHƯƠNG ÁN": "phuong_an", "ĐỀ ÁN": "de_an",
    "DỰ ÁN": "du_an", "BÁO CÁO": "bao_cao", "BIÊN BẢN": "bien_ban", "TỜ TRÌNH": "to_trinh",
    "HỢP ĐỒNG": "hop_dong", "CÔNG ĐIỆN": "cong_dien", "GIẤY MỜI": "giay_moi", "GIẤY GIỚI THIỆU": "giay_gioi_thieu",
    "GIẤY ỦY QUYỀN": "giay_uy_quyen", "PHIẾU CHUYỂN": "phieu_chuyen", "PHIẾU CHUYỂN ĐƠN": "phieu_chuyen",
    "PHIẾU GỬI": "phieu_gui", "PHIẾU BÁO": "phieu_bao", "KẾT LUẬN": "ket_luan", "THÔNG TRI": "thong_tri",
    "CÔNG VĂN": "cong_van", "BẢN GHI NHỚ": "ban_ghi_nho", "BẢN THỎA THUẬN": "ban_thoa_thuan",
}  # fmt: skip

# Party signature prefixes (Hướng dẫn 36-HD/VPTW) and the state form they mean.
AUTHORITY_CANON = {"T/M": "TM", "K/T": "KT", "T/L": "TL", "T/UQ": "TUQ"}

# The mark of a list item: "- ", "+ ", "• ".
BULLET = re.compile(r"^[-+•–*]\s*")
