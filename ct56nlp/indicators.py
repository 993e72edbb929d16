"""The 11 indicators ("biểu hiện") of section 7 of Directive 56-CT/TU (Ninh Thuận, 29/01/2024).

Codes 1-11 follow the directive's own numbering and never change; ``label`` is the short
Vietnamese name reports print; ``wording`` is the directive's text for the indicator.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Indicator", "INDICATORS", "CODES", "get", "label"]


@dataclass(frozen=True, slots=True)
class Indicator:
    code: int
    key: str
    label: str
    english: str
    wording: str

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "key": self.key, "label": self.label}


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        1, "duty_not_performed", "Không thực hiện đúng, đầy đủ nhiệm vụ",
        "Duties not performed, or performed wrongly or incompletely",
        "Không thực hiện hoặc thực hiện không đúng, không đầy đủ chức năng, nhiệm vụ, quyền hạn được "
        "giao; không thực hiện đúng nguyên tắc, chế độ, thủ tục, quy trình, quy phạm, tiêu chuẩn, điều "
        "kiện, thẩm quyền hoặc theo quy định của Đảng và pháp luật của Nhà nước về một nhiệm vụ hoặc "
        "công việc cụ thể.",
    ),
    Indicator(
        2, "urgent_not_prioritised", "Không ưu tiên giải quyết việc cấp bách",
        "Urgent, large or sensitive matters not dealt with first",
        "Không ưu tiên giải quyết ngay các việc cấp bách; các vấn đề lớn, khó, phức tạp, nhạy cảm; các "
        "công việc nổi cộm, bức xúc, cấp bách, công việc liên quan đến địa bàn, lĩnh vực tiềm ẩn phức tạp.",
    ),
    Indicator(
        3, "advice_without_position", "Tham mưu vòng vo, không rõ quan điểm",
        "Advice that goes round in circles, states no position, names no one, or coordinates badly",
        "Không chủ động tham mưu, đề xuất và tổ chức thực hiện các công việc thuộc thẩm quyền, trách "
        "nhiệm được giao phụ trách; tham mưu “lòng vòng”, không nêu rõ quan điểm, chính kiến, tham mưu "
        "không rõ người, rõ việc, rõ tiến độ, rõ trách nhiệm đối với công việc được giao; không phối hợp "
        "hoặc phối hợp không có hiệu quả với các cơ quan có liên quan trong tổ chức thực hiện nhiệm vụ "
        "được giao.",
    ),
    Indicator(
        4, "work_pushed_up_or_sideways", "Đẩy việc lên cấp trên hoặc sang nơi khác",
        "Work within one's competence pushed up to a superior or sideways to another body",
        "Tìm cách đẩy việc lên cơ quan cấp trên hoặc chuyển ngang sang cơ quan, đơn vị, cá nhân khác "
        "trong khi công việc thuộc thẩm quyền, trách nhiệm giải quyết của mình.",
    ),
    Indicator(
        5, "no_clear_or_timely_answer", "Không trả lời, trả lời không rõ hoặc chậm",
        "Questions left unanswered, answered with no position, or answered late",
        "Không trả lời hoặc trả lời nhưng không nêu rõ quan điểm, chậm trễ trong việc tiếp thu, trả lời "
        "các vấn đề thuộc thẩm quyền khi được hỏi hoặc xin ý kiến.",
    ),
    Indicator(
        6, "reports_missing_late_untrue", "Không nắm tình hình; báo cáo thiếu, chậm, sai",
        "Out of touch; reports missing, late or untrue",
        "Không chủ động dự báo tình hình, xa rời thực tế, không sâu sát công việc, không nắm chắc tình "
        "hình trong cơ quan, tổ chức, đơn vị, địa phương. Tiếp nhận văn bản, nhiệm vụ mà không báo cáo "
        "hoặc chậm báo cáo, báo cáo không trung thực, không đúng kết quả thực tế việc thực hiện nhiệm vụ "
        "thuộc trách nhiệm của cơ quan, đơn vị, địa phương, cá nhân được phân công phụ trách.",
    ),
    Indicator(
        7, "selective_rules_blame_consultants", "Chọn quy định có lợi, đổ trách nhiệm, dựa vào tư vấn",
        "Cherry-picked rules, blame shifted to other bodies, hiding behind consultants",
        "Khi cùng một vấn đề có quy định khác nhau thì chỉ áp dụng những quy định có lợi cho mình, đẩy "
        "trách nhiệm cho cơ quan khác hoặc lệ thuộc vào các cơ quan tư vấn.",
    ),
    Indicator(
        8, "endless_meetings_vague_direction", "Họp nhiều, chỉ đạo chung chung, không kết luận",
        "Endless meetings and consultations, vague direction, no decision",
        "Một việc, một vấn đề nhưng tổ chức họp bàn nhiều lần, yêu cầu lấy ý kiến nhiều nơi, yêu cầu báo "
        "cáo nhiều lần nhưng không giải quyết được công việc. Nội dung chỉ đạo chung chung, khi có nhiều "
        "ý kiến khác nhau thì không quyết định, kết luận rõ ràng, không nêu quan điểm, chính kiến, đùn "
        "đẩy trách nhiệm cho cấp dưới, yêu cầu bổ sung trình tự, thủ tục mới hoặc chờ đợi sự chỉ đạo của "
        "cơ quan cấp trên hoặc cơ quan chức năng hướng dẫn.",
    ),
    Indicator(
        9, "indifference_to_citizens", "Thờ ơ với sai phạm và khó khăn của dân, doanh nghiệp",
        "Indifference to wrongdoing and to citizens' and businesses' complaints",
        "Thờ ơ, vô cảm, có thái độ bàng quan, vô trách nhiệm trước các hành vi sai trái trong cơ quan, "
        "đơn vị và xã hội; không giải quyết hoặc giải quyết không kịp thời, không hết trách nhiệm đối "
        "với các vấn đề khiếu nại, bức xúc, khó khăn của người dân, doanh nghiệp.",
    ),
    Indicator(
        10, "head_evades", "Người đứng đầu né tránh, buông lỏng quản lý",
        "Heads who evade, let deputies answer or sign, or let management go slack",
        "Người đứng đầu đùn đẩy, né tránh, giao cho cấp phó trả lời hoặc cung cấp thông tin, không quyết "
        "định những việc thuộc thẩm quyền của mình mà để người khác quyết định hoặc ký thay; thiếu trách "
        "nhiệm trong việc xử lý cán bộ dưới quyền có dấu hiệu vi phạm hoặc chậm trễ, trì trệ, kém hiệu "
        "quả trong thực hiện chức năng, nhiệm vụ được giao; buông lỏng quản lý, không theo dõi, kiểm tra, "
        "đôn đốc việc thực hiện nhiệm vụ của cấp dưới, nhất là các việc có tồn tại, vướng mắc, nhiệm vụ "
        "trọng tâm, cấp bách.",
    ),
    Indicator(
        11, "oversight_recommendations_ignored", "Không tiếp thu kiến nghị sau giám sát",
        "Recommendations after oversight by the Front, mass organisations, the people or the press ignored",
        "Không tiếp thu hoặc tiếp thu không đầy đủ, thiếu trách nhiệm trong giải quyết các kiến nghị, phản "
        "ánh sau giám sát của Mặt trận Tổ quốc, các tổ chức chính trị-xã hội, của Nhân dân, báo chí trong "
        "đấu tranh ngăn chặn, đẩy lùi suy thoái, “tự diễn biến”, “tự chuyển hóa” trong cán bộ, đảng viên.",
    ),
)  # fmt: skip

CODES: tuple[int, ...] = tuple(i.code for i in INDICATORS)
_BY_CODE = {i.code: i for i in INDICATORS}


def get(code: int) -> Indicator:
    try:
        return _BY_CODE[int(code)]
    except (KeyError, ValueError, TypeError):
        raise ValueError(f"no indicator {code!r}: codes run from 1 to 11") from None


def label(code: int) -> str:
    return get(code).label
