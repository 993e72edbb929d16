"""Detectors that read the letter's structure as well as the passage.

* :class:`VagueDirectionDetector` (8): a direction that names no lead unit, no deadline and no
  expected output ("Giao các sở, ngành, địa phương liên quan căn cứ chức năng, nhiệm vụ chủ động
  triển khai thực hiện").
* :class:`HoldingReplyDetector` (5): a letter that answers a request but takes no position —
  "sẽ nghiên cứu, trả lời sau" with no date.
* :class:`UpwardReferralDetector` (4): a complaint against the sender's own decision, or a matter
  of its own level, sent up to a superior.
* :class:`DeputyReplyDetector` (10): a reply to the press or to a citizen's complaint signed "KT."
  by a deputy, when the matter is the head's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..types import Finding, Span
from .base import Context, Detector, PassageView, make_finding

__all__ = ["VagueDirectionDetector", "HoldingReplyDetector", "UpwardReferralDetector", "DeputyReplyDetector"]

_DIRECTIVE = re.compile(
    r"chỉ thị (?:số )?56|56-ct/tu|quán triệt|biểu hiện|khắc phục tình trạng|chấn chỉnh tình trạng|tuyệt đối không|nghiêm cấm"
)
_DEADLINE = re.compile(
    r"trước ngày|chậm nhất|hạn chót|trong (?:thời hạn|vòng|thời gian) \d|\d+ ngày|\d{1,2}/\d{1,2}|trước \d{1,2} giờ|"
    r"ngày \d{1,2} tháng|hằng (?:tháng|quý|năm)|định kỳ"
)


class VagueDirectionDetector(Detector):
    """A direction with no lead unit, no deadline and no expected output."""

    name = "vague_direction"
    indicators = (8,)
    _ASSIGN = re.compile(r"(?:^|[.;:]\s*|\s)(?:giao|đề nghị|yêu cầu|chỉ đạo|kính đề nghị)\s+(?:cho\s+)?(?:các|những|toàn thể)\s")
    _GENERIC = re.compile(
        r"các (?:sở|ban|ngành|cấp|đơn vị|cơ quan|địa phương|phòng|xã|huyện)(?:[ ,]+(?:ban|ngành|đơn vị|địa phương|cơ quan|hội|đoàn thể|các cấp))*"
        r"(?:[^.;]{0,20}(?:có )?liên quan)?"
    )
    _VAGUE_ACTION = re.compile(
        r"căn cứ chức năng|theo chức năng|chủ động|tiếp tục|tăng cường|quan tâm|tập trung|triển khai thực hiện|phối hợp thực hiện|"
        r"tổ chức thực hiện|thực hiện tốt|nghiêm túc thực hiện|có giải pháp"
    )
    _LEAD = re.compile(r"chủ trì|làm đầu mối|trực tiếp chỉ đạo|chịu trách nhiệm (?:chính|trước)")
    _OUTPUT = re.compile(r"báo cáo (?:kết quả )?(?:về|cho|ubnd|trước)|tổng hợp,? báo cáo|trình [^.;]{0,30}(?:trước|phê duyệt)|dự thảo|kế hoạch cụ thể|danh sách")

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        t = view.folded
        if _DIRECTIVE.search(t) or not self._ASSIGN.search(t):
            return
        generic = self._GENERIC.search(t, self._ASSIGN.search(t).start())
        action = self._VAGUE_ACTION.search(t)
        if not generic or not action:
            return
        if self._LEAD.search(t) or _DEADLINE.search(t) or self._OUTPUT.search(t):
            return
        cue = Span(view.span.start + generic.start(), view.span.start + max(generic.end(), action.end()))
        yield make_finding(
            self.name, 8, view, 0.55,
            "Chỉ đạo giao chung cho nhiều cơ quan, không rõ đơn vị chủ trì, thời hạn và kết quả phải đạt",
            rule="S8.no_lead_no_deadline_no_output", cue=cue,
        )  # fmt: skip


class HoldingReplyDetector(Detector):
    """In a letter that answers a request: a promise to answer later, with no date."""

    name = "holding_reply"
    indicators = (5,)
    requires = ("structure",)
    _HOLD = re.compile(
        r"(?:sẽ|đang) (?:tiếp tục )?(?:nghiên cứu|xem xét|cân nhắc|tổng hợp|rà soát|phối hợp)[^.;]{0,60}"
        r"(?:(?:có ý kiến|trả lời|phản hồi|thông báo)(?: bằng văn bản)?(?: sau| trong thời gian tới| khi)|sau\b|trong thời gian tới)"
        r"|(?:trả lời|có ý kiến|phản hồi) (?:sau|trong thời gian tới)"
    )

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        s = context.structure
        if s is None or not any(r.relation == "answers" for r in s.references):
            return
        t = view.folded
        m = self._HOLD.search(t)
        if not m or _DEADLINE.search(t, m.start()):
            return  # a date after the promise makes it a firm commitment
        answered = ", ".join(r.number for r in s.references if r.relation == "answers" and r.number)
        cue = Span(view.span.start + m.start(), view.span.start + m.end())
        yield make_finding(
            self.name, 5, view, 0.6,
            f"Văn bản trả lời ({answered}) chỉ hẹn nghiên cứu, trả lời sau, không nêu quan điểm và thời hạn",
            rule="S5.holding_reply", cue=cue,
        )  # fmt: skip


class UpwardReferralDetector(Detector):
    """A complaint against the sender's own decision, or its own-level matter, sent upward."""

    name = "upward_referral"
    indicators = (4,)
    requires = ("structure",)
    _UP = re.compile(
        r"(?:báo cáo|kính chuyển|chuyển|đề nghị|kính đề nghị)[^.;]{0,40}"
        r"(?:ubnd tỉnh|ủy ban nhân dân tỉnh|chủ tịch ubnd tỉnh|thanh tra tỉnh|cấp trên|bộ |sở )[^.;]{0,40}"
        r"(?:xem xét,? giải quyết|giải quyết|quyết định|xử lý|cho ý kiến giải quyết)"
    )
    _COMPLAINT = re.compile(r"khiếu nại|tố cáo|kiến nghị|đơn")
    _LEVEL = re.compile(r"\b(huyện|xã|phường|thị trấn|thị xã|thành phố|sở)\b")

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        t = view.folded
        m = self._UP.search(t)
        if not m or not self._COMPLAINT.search(t) or _DIRECTIVE.search(t):
            return
        s = context.structure
        issuer = (s.issuer.value if s and s.issuer else "").lower()
        level = self._LEVEL.search(issuer)
        own = False
        if level:
            # The complaint is about a decision of the sender's own level ("của Chủ tịch UBND huyện").
            own = re.search(rf"(?:quyết định|văn bản|việc)[^.;]{{0,60}}của (?:chủ tịch )?(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) {level.group(1)}", t) is not None
        own = own or re.search(r"thuộc thẩm quyền (?:giải quyết )?(?:của )?(?:mình|chủ tịch ubnd (?:huyện|xã)|ubnd (?:huyện|xã))", t) is not None
        if not own:
            return
        cue = Span(view.span.start + m.start(), view.span.start + m.end())
        yield make_finding(
            self.name, 4, view, 0.65,
            "Khiếu nại, kiến nghị thuộc thẩm quyền giải quyết của cơ quan mình nhưng lại chuyển lên cấp trên",
            rule="S4.own_matter_sent_up", cue=cue,
        )  # fmt: skip


class DeputyReplyDetector(Detector):
    """A reply to the press or to a citizen's complaint, signed "KT." by a deputy."""

    name = "deputy_reply"
    indicators = (10,)
    requires = ("structure",)
    _PRESS = re.compile(r"\b(?:báo|tạp chí|đài phát thanh|đài truyền hình|cơ quan báo chí|phóng viên)\b")
    _CITIZEN = re.compile(r"^(?:ông|bà|anh|chị|công dân|hộ gia đình)\b")
    _MATTER = re.compile(r"khiếu nại|tố cáo|phản ánh|kiến nghị|bức xúc|đơn|bài báo|thông tin báo chí|trả lời báo")

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        return ()  # this detector judges the whole letter: see detect_all

    def detect_all(self, views, context: Context) -> list[list[Finding]]:
        out: list[list[Finding]] = [[] for _ in views]
        s = context.structure
        if not views or s is None or s.signer_authority is None or s.signer_authority.value != "KT":
            return out
        addressees = [a.value.lower() for a in s.addressees]
        subject = (s.subject.value if s.subject else "").lower()
        to_press = any(self._PRESS.search(a) for a in addressees) or "báo chí" in subject or "trả lời báo" in subject
        to_citizen = any(self._CITIZEN.search(a) for a in addressees)
        about_matter = bool(self._MATTER.search(subject)) or any(self._MATTER.search(v.folded) for v in views[:3])
        if not (to_press or (to_citizen and about_matter)):
            return out
        chain = s.signer_chain[-1] if s.signer_chain else s.signer_authority
        who = "cơ quan báo chí" if to_press else "công dân"
        signer = s.signer_position.value if s.signer_position else "cấp phó"
        view = views[0]
        span = chain.span if chain.span else view.span
        text = context.text[span.start : span.end]
        out[0].append(
            make_finding(
                self.name, 10, view, 0.5,
                f"Văn bản trả lời {who} về khiếu nại, phản ánh do {signer} ký thay (KT.) người đứng đầu",
                rule="S10.deputy_signs_reply", span=span, text=text,
            )  # fmt: skip
        )
        return out
