"""``ct56nlp analyze --format text``: the letter's anatomy, then each passage with its findings
highlighted and explained in Vietnamese."""

from __future__ import annotations

import textwrap

from ..analyzer import Report

__all__ = ["render_text"]

_FIELDS = (
    ("number", "Số, ký hiệu"), ("issuer", "Cơ quan ban hành"), ("parent_issuer", "Cơ quan chủ quản"),
    ("issued_on", "Ngày ban hành"), ("doc_type", "Loại văn bản"), ("subject", "Trích yếu"), ("urgency", "Độ khẩn"),
    ("signer_authority", "Thẩm quyền ký"), ("signer_position", "Chức vụ người ký"), ("signer_name", "Người ký"),
)  # fmt: skip
_RELATION = {"answers": "trả lời", "implements": "thực hiện", "reminds": "đôn đốc", "mentions": "dẫn chiếu"}


def _mark(text: str, color: bool) -> str:
    return f"\033[1;33m{text}\033[0m" if color else f"«{text}»"


def render_text(report: Report, *, color: bool = False, width: int = 100) -> str:
    doc, st = report.document, report.structure.to_dict()
    out = [f"== {doc.source or '(văn bản)'}"]
    out.append(f"   {doc.media_type}, {len(doc.pages)} trang, {len(doc.text)} ký tự, sha256 {doc.sha256[:12]}…")
    for n in report.notices:
        out.append(f"   ! {n.message}")
    for key, name in _FIELDS:
        if st.get(key):
            out.append(f"   {name}: {st[key]}")
    if st["recipients"]:
        out.append("   Nơi nhận: " + "; ".join(st["recipients"]))
    for r in st["references"]:
        bits = [r["number"] or "", f"ngày {r['date']}" if r["date"] else "", r["issuer"] or ""]
        out.append(f"   Văn bản {_RELATION.get(r['relation'], r['relation'])}: " + " ".join(b for b in bits if b))
    if st["legal_basis"]:
        out.append("   Căn cứ pháp lý: " + "; ".join(r["number"] or r["doc_type"] for r in st["legal_basis"]))
    if st["deadline"]:
        out.append(f"   Thời hạn: {st['deadline']['date']} («{st['deadline']['text']}»)")
    by_passage: dict[int | None, list] = {}
    for f in report.findings:
        by_passage.setdefault(f.passage, []).append(f)
    if not report.findings:
        out.append("   Không phát hiện biểu hiện nào theo mục 7 Chỉ thị 56-CT/TU.")
    shown = set()
    for p in report.passages:
        found = [f for f in by_passage.get(p.index, []) if f.span == p.span]
        if not found:
            continue
        shown.update(id(f) for f in found)
        cues = sorted({e.span for f in found for e in f.evidence if e.span is not None and p.span.contains(e.span)}, key=lambda s: s.start)
        text, last = "", p.span.start
        for cue in cues:
            if cue.start < last:
                continue
            text += doc.text[last : cue.start] + _mark(doc.text[cue.start : cue.end], color)
            last = cue.end
        text += doc.text[last : p.span.end]
        out.append("")
        out.append(f"   Đoạn {p.index + 1} [{p.span.start}–{p.span.end}]:")
        out.extend(textwrap.wrap(text, width, initial_indent="   | ", subsequent_indent="   | "))
        for f in sorted(found, key=lambda f: -f.score):
            out.append(f"   → ({f.indicator}) {f.label} — điểm {f.score:.2f}")
            for e in f.evidence[:3]:
                out.append(f"       · {e.message} [{e.detector}{':' + e.rule if e.rule else ''}]")
    for f in report.findings:
        if id(f) not in shown:
            out.append("")
            out.append(f"   Toàn văn bản [{f.span.start}–{f.span.end}] «{f.text}»")
            out.append(f"   → ({f.indicator}) {f.label} — điểm {f.score:.2f}")
            for e in f.evidence[:3]:
                out.append(f"       · {e.message} [{e.detector}{':' + e.rule if e.rule else ''}]")
    return "\n".join(out) + "\n\n"
