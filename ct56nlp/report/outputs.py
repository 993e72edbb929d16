"""The archive scan's outputs: ``scan.json``, ``findings.csv``, ``requests.csv``, ``report.xlsx``
and ``report.html``, all built from the register as of one reference date.

Files are written to a temporary name and moved into place, so a reader never sees half a report
and an earlier report is replaced only by a complete new one.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from .. import __version__
from ..indicators import CODES, label
from ..register.store import Register
from ..register.threads import STATUS_VI, ArchiveFinding, Request, body_tokens, display_body

__all__ = ["write_outputs", "scan_data"]

ERROR_VI = {
    "corrupt": "Tệp hỏng", "encrypted": "Tệp có mật khẩu", "empty": "Tệp rỗng", "too_large": "Tệp quá lớn",
    "unsupported_format": "Định dạng không hỗ trợ", "unsafe_content": "Nội dung nguy hiểm", "unreadable": "Không đọc được",
    "timeout": "Quá thời gian xử lý", "internal_error": "Lỗi chương trình",
}  # fmt: skip


def _atomic_write(path: Path, writer) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    writer(tmp)
    os.replace(tmp, path)
    return path


def scan_data(register: Register, as_of: date) -> dict[str, Any]:
    """Everything the reports show, as plain data (this is ``scan.json``)."""
    docs = register.documents()
    requests = register.requests(as_of)
    archive = register.archive_findings(as_of)
    documents = []
    passage_findings = []
    for d in docs:
        for f in d.findings:
            passage_findings.append((d, f))
        for file in d.files or (d.sha256,):
            documents.append({"file": file, "sha256": d.sha256, "document": d.record["summary"], "structure": d.structure,
                              "findings": d.findings, "notices": d.record.get("notices", []), "error": None})  # fmt: skip
    for e in register.errors():
        documents.append({"file": e["file"], "sha256": None, "document": None, "structure": None, "findings": [], "notices": [],
                          "error": {"type": e["type"], "message": e["message"]}})  # fmt: skip
    bodies = _bodies(docs, requests, archive)
    counts = register.counts()
    return {
        "schema_version": 1,
        "as_of": as_of.isoformat(),
        "generated_by": {"ct56nlp": __version__},
        "summary": {
            **counts,
            "passage_findings": len(passage_findings),
            "archive_findings": len(archive),
            "requests": len(requests),
            "requests_by_status": dict(Counter(r.status for r in requests)),
            "findings_by_indicator": {str(c): sum(1 for _, f in passage_findings if f["indicator"] == c) + sum(1 for a in archive if a.indicator == c) for c in CODES},
        },
        "documents": documents,
        "requests": [r.to_dict() for r in requests],
        "archive_findings": [a.to_dict() for a in archive],
        "bodies": bodies,
    }


def _bodies(docs, requests: list[Request], archive: list[ArchiveFinding]) -> list[dict[str, Any]]:
    table: dict[tuple[str, ...], dict[str, Any]] = {}

    def entry(name: str) -> dict[str, Any]:
        key = body_tokens(name) or (name,)
        if key not in table:
            table[key] = {"body": name, "documents": 0, "findings": {str(c): 0 for c in CODES}, "overdue_requests": 0, "late_or_holding": 0}
        return table[key]

    for d in docs:
        e = entry(display_body(d))
        e["documents"] += 1
        for f in d.findings:
            e["findings"][str(f["indicator"])] += 1
    for r in requests:
        if r.addressee:
            e = entry(r.addressee)
            if r.status == "unanswered_overdue":
                e["overdue_requests"] += 1
            elif r.status in ("answered_late", "holding_reply_only"):
                e["late_or_holding"] += 1
    for a in archive:
        entry(a.body)["findings"][str(a.indicator)] += 1
    rows = list(table.values())
    for r in rows:
        r["total_findings"] = sum(r["findings"].values())
    rows.sort(key=lambda r: (-r["overdue_requests"], -r["total_findings"], r["body"]))
    return rows


# ------------------------------------------------------------------------------------ tables
FINDING_COLUMNS = [
    ("level", "Cấp"), ("indicator", "Biểu hiện"), ("label", "Tên biểu hiện"), ("score", "Điểm"), ("body", "Cơ quan"),
    ("number", "Số văn bản"), ("issued_on", "Ngày"), ("file", "Tệp"), ("text", "Đoạn văn / nội dung"),
    ("explanation", "Giải thích"), ("start", "Vị trí đầu"), ("end", "Vị trí cuối"), ("sha256", "SHA-256"),
]  # fmt: skip
REQUEST_COLUMNS = [
    ("number", "Số văn bản yêu cầu"), ("issuer_body", "Cơ quan yêu cầu"), ("addressee", "Cơ quan được yêu cầu"),
    ("issued_on", "Ngày ban hành"), ("due", "Hạn"), ("status_vi", "Tình trạng"), ("replies", "Văn bản trả lời"),
    ("answered_on", "Ngày trả lời"), ("days_late", "Số ngày chậm"), ("working_days_late", "Số ngày làm việc chậm"),
    ("reminders", "Số lần đôn đốc"), ("subject", "Trích yếu"), ("file", "Tệp"), ("status", "status"),
]  # fmt: skip
DOCUMENT_COLUMNS = [
    ("file", "Tệp"), ("number", "Số"), ("issuer", "Cơ quan ban hành"), ("issued_on", "Ngày"), ("doc_type", "Loại"),
    ("subject", "Trích yếu"), ("signer", "Người ký"), ("findings", "Số phát hiện"), ("error", "Lỗi"),
]  # fmt: skip
BODY_COLUMNS = [("body", "Cơ quan"), ("documents", "Số văn bản"), ("overdue_requests", "Yêu cầu quá hạn chưa trả lời"),
                ("late_or_holding", "Trả lời muộn / chỉ hẹn"), ("total_findings", "Tổng phát hiện")] + [
                (f"f{c}", f"({c}) {label(c)}") for c in CODES]  # fmt: skip


def finding_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for d in data["documents"]:
        if d["error"] or not d["findings"]:
            continue
        st = d["structure"]
        for f in d["findings"]:
            rows.append({
                "level": "đoạn văn", "indicator": f["indicator"], "label": f["label"], "score": round(f["score"], 3),
                "body": st.get("issuer"), "number": st.get("number"), "issued_on": st.get("issued_on"), "file": d["file"],
                "text": f["text"], "explanation": "; ".join(e["message"] for e in f["evidence"][:3]),
                "start": f["span"][0], "end": f["span"][1], "sha256": d["sha256"],
            })  # fmt: skip
    seen = set()
    for a in data["archive_findings"]:
        key = (a["indicator"], a["body"], a["message"])
        if key in seen:
            continue
        seen.add(key)
        first = a["letters"][0] if a["letters"] else {}
        rows.append({
            "level": "hồ sơ", "indicator": a["indicator"], "label": a["label"], "score": a["score"], "body": a["body"],
            "number": first.get("number"), "issued_on": first.get("issued_on"), "file": first.get("file"),
            "text": a["message"], "explanation": "; ".join(f"{x.get('number')} ({x.get('issued_on')})" for x in a["letters"]),
            "start": None, "end": None, "sha256": None,
        })  # fmt: skip
    return rows


def request_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for r in data["requests"]:
        rows.append({**r, "status_vi": STATUS_VI.get(r["status"], r["status"]),
                     "replies": "; ".join(f"{x['number']} ({x['issued_on']}){' – hẹn trả lời sau' if x['holding_reply'] else ''}" for x in r["replies"])})  # fmt: skip
    return rows


def document_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for d in data["documents"]:
        st = d["structure"] or {}
        err = d["error"]
        rows.append({
            "file": d["file"], "number": st.get("number"), "issuer": st.get("issuer"), "issued_on": st.get("issued_on"),
            "doc_type": st.get("doc_type"), "subject": st.get("subject"), "signer": " ".join(x for x in (st.get("signer_authority"), st.get("signer_position"), st.get("signer_name")) if x),
            "findings": len(d["findings"]), "error": f"{ERROR_VI.get(err['type'], err['type'])}: {err['message']}" if err else "",
        })  # fmt: skip
    return rows


def body_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**b, **{f"f{c}": b["findings"][str(c)] for c in CODES}} for b in data["bodies"]]


def _write_csv(path: Path, columns, rows) -> Path:
    def writer(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens Vietnamese text correctly
            w = csv.writer(f)
            w.writerow([c[1] for c in columns])
            for r in rows:
                w.writerow(["" if r.get(k) is None else _cell(r.get(k)) for k, _ in columns])

    return _atomic_write(path, writer)


def _write_xlsx(path: Path, sheets: list[tuple[str, list, list[dict]]]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    def writer(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for title, columns, rows in sheets:
            ws = wb.create_sheet(title)
            ws.append([c[1] for c in columns])
            for cell in ws[1]:
                cell.font = Font(bold=True, color="FFFFFF")
                cell.fill = PatternFill("solid", fgColor="8B1A1A")
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for r in rows:
                ws.append([_cell(r.get(k)) for k, _ in columns])
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
            for i, (key, name) in enumerate(columns, 1):
                width = max([len(str(name))] + [min(60, len(str(r.get(key) or ""))) for r in rows[:200]])
                ws.column_dimensions[get_column_letter(i)].width = max(10, min(60, width + 2))
        wb.save(tmp)

    return _atomic_write(path, writer)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v  # never let document text become a spreadsheet formula
    return v


def write_outputs(register: Register, out: Path, as_of: date, formats: Iterable[str]) -> list[Path]:
    formats = set(formats)
    data = scan_data(register, as_of)
    written = []
    if "json" in formats:
        written.append(_atomic_write(out / "scan.json", lambda p: p.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")))
    frows, rrows = finding_rows(data), request_rows(data)
    if "csv" in formats:
        written.append(_write_csv(out / "findings.csv", FINDING_COLUMNS, frows))
        written.append(_write_csv(out / "requests.csv", REQUEST_COLUMNS, rrows))
    if "xlsx" in formats:
        written.append(_write_xlsx(out / "report.xlsx", [
            ("Tổng hợp theo cơ quan", BODY_COLUMNS, body_rows(data)),
            ("Phát hiện", FINDING_COLUMNS, frows),
            ("Yêu cầu và trả lời", REQUEST_COLUMNS, rrows),
            ("Văn bản", DOCUMENT_COLUMNS, document_rows(data)),
        ]))  # fmt: skip
    if "html" in formats:
        from .html import render_html

        written.append(_atomic_write(out / "report.html", lambda p: p.write_text(render_html(data, out), "utf-8")))
    return written

