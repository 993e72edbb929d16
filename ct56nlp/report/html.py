"""``report.html``: one self-contained page in Vietnamese for inspectors.

Summary charts (inline SVG, no scripts, nothing fetched), the list of overdue and evasive replies
by body, archive-level findings, and every passage-level finding with its passage highlighted in
displaCy's span style and a link to its file.  All document text is escaped.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..indicators import CODES, label
from ..register.threads import STATUS_VI

__all__ = ["render_html"]

_COLORS = ["#e57373", "#f06292", "#ba68c8", "#9575cd", "#7986cb", "#4fc3f7", "#4db6ac", "#aed581", "#ffd54f", "#ffb74d", "#a1887f"]
COLORS = {c: _COLORS[i] for i, c in enumerate(CODES)}
CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.45}
h1{color:#8b1a1a;font-size:1.6em}h2{color:#8b1a1a;border-bottom:2px solid #8b1a1a;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;font-size:.92em}
th{background:#8b1a1a;color:#fff;text-align:left}tr:nth-child(even) td{background:#faf6f6}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:140px}
.card b{font-size:1.5em;display:block}.doc{border:1px solid #ddd;border-radius:6px;padding:.5em 1em;margin:1em 0}
.finding{margin:.6em 0 1em 0}.why{color:#555;font-size:.9em;margin:.2em 0 0 1.2em}.tag{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em}
.muted{color:#777}.bar text{font-size:12px}
"""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _link(file: str | None, out_dir: Path) -> str:
    if not file:
        return ""
    disk = file.split("!/", 1)[0]
    try:
        rel = os.path.relpath(os.path.abspath(disk), os.path.abspath(out_dir))
    except ValueError:
        rel = disk
    return f'<a href="{_e(quote(rel.replace(os.sep, "/")))}">{_e(file)}</a>'


def _bars(items: list[tuple[str, int, str]], width: int = 640) -> str:
    if not items:
        return '<p class="muted">Không có dữ liệu.</p>'
    top = max(v for _, v, _ in items) or 1
    row, label_w = 22, 330
    h = row * len(items) + 6
    parts = [f'<svg class="bar" width="{width}" height="{h}" role="img" xmlns="http://www.w3.org/2000/svg">']
    for i, (name, value, color) in enumerate(items):
        y = i * row + 3
        w = int((width - label_w - 50) * value / top)
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{_e(name[:48])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{row - 6}" fill="{color}"></rect>')
        parts.append(f'<text x="{label_w + w + 5}" y="{y + 14}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _highlight(f: dict[str, Any]) -> str:
    """The passage with the finding's cues underlined in displaCy's span style."""
    from spacy import displacy

    text = f["text"]
    base = f["span"][0]
    tokens, offsets = [], []
    for m in re.finditer(r"\S+", text):
        tokens.append(m.group(0))
        offsets.append((m.start(), m.end()))
    if not tokens:
        return ""
    cues = [(e["span"][0] - base, e["span"][1] - base) for e in f["evidence"] if e.get("span")]
    cues = [(s, t) for s, t in cues if 0 <= s < t <= len(text)] or [(0, len(text))]
    name = f"({f['indicator']}) {f['label']}"
    spans = []
    for s, t in cues:
        idx = [i for i, (a, b) in enumerate(offsets) if a < t and b > s]
        if idx:
            spans.append({"start_token": idx[0], "end_token": idx[-1] + 1, "label": name})
    data = {"text": text, "tokens": tokens, "spans": spans}
    return displacy.render(data, style="span", manual=True, page=False, options={"colors": {name: COLORS[f["indicator"]]}})


def render_html(data: dict[str, Any], out_dir: Path) -> str:
    s = data["summary"]
    out = ['<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">',
           "<title>Báo cáo rà soát văn bản theo Chỉ thị 56-CT/TU</title>", f"<style>{CSS}</style></head><body>"]  # fmt: skip
    out.append("<h1>Báo cáo rà soát văn bản theo Chỉ thị 56-CT/TU</h1>")
    out.append(f'<p>Tính đến ngày <b>{_e(data["as_of"])}</b>. Các phát hiện là gợi ý để cán bộ kiểm tra đối chiếu văn bản gốc.</p>')
    by_status = s.get("requests_by_status", {})
    cards = [("Tệp đã đọc", s["files_ok"]), ("Tệp lỗi", s["files_failed"]), ("Văn bản", s["documents"]),
             ("Phát hiện trong đoạn văn", s["passage_findings"]), ("Phát hiện theo hồ sơ", s["archive_findings"]),
             ("Yêu cầu quá hạn chưa trả lời", by_status.get("unanswered_overdue", 0))]  # fmt: skip
    out.append('<div class="cards">' + "".join(f'<div class="card"><b>{v}</b>{_e(k)}</div>' for k, v in cards) + "</div>")

    out.append("<h2>Phát hiện theo biểu hiện (mục 7 Chỉ thị 56-CT/TU)</h2>")
    fbi = s["findings_by_indicator"]
    out.append(_bars([(f"({c}) {label(c)}", fbi.get(str(c), 0), COLORS[c]) for c in CODES]))
    out.append("<h2>Phát hiện theo cơ quan</h2>")
    bodies = [b for b in data["bodies"] if b["total_findings"] or b["overdue_requests"]][:15]
    out.append(_bars([(b["body"], b["total_findings"], "#8b1a1a") for b in bodies]))

    out.append("<h2>Yêu cầu chưa được trả lời đúng hạn, theo cơ quan được yêu cầu</h2>")
    late = [r for r in data["requests"] if r["status"] in ("unanswered_overdue", "holding_reply_only", "answered_late")]
    if not late:
        out.append('<p class="muted">Không có.</p>')
    groups: dict[str, list] = {}
    for r in late:
        groups.setdefault(r["addressee"] or "(không rõ)", []).append(r)
    for body, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out.append(f"<h3>{_e(body)} — {len(rows)} yêu cầu</h3><table><tr><th>Văn bản yêu cầu</th><th>Cơ quan yêu cầu</th><th>Hạn</th>"
                   "<th>Tình trạng</th><th>Chậm (ngày / ngày làm việc)</th><th>Đôn đốc</th><th>Văn bản trả lời</th></tr>")  # fmt: skip
        for r in sorted(rows, key=lambda r: -(r["days_late"] or 0)):
            replies = "<br>".join(f"{_e(x['number'])} ({_e(x['issued_on'])}){' – chỉ hẹn trả lời sau' if x['holding_reply'] else ''}" for x in r["replies"]) or "—"
            out.append(f"<tr><td>{_e(r['number'])} ({_e(r['issued_on'])})<br>{_link(r['file'], out_dir)}</td><td>{_e(r['issuer_body'])}</td>"
                       f"<td>{_e(r['due'])}</td><td>{_e(STATUS_VI.get(r['status']))}</td><td>{_e(r['days_late'])} / {_e(r['working_days_late'])}</td>"
                       f"<td>{_e(r['reminders'])}</td><td>{replies}</td></tr>")  # fmt: skip
        out.append("</table>")

    out.append("<h2>Phát hiện theo hồ sơ (qua nhiều văn bản)</h2>")
    if not data["archive_findings"]:
        out.append('<p class="muted">Không có.</p>')
    for a in data["archive_findings"]:
        color = COLORS[a["indicator"]]
        letters = ", ".join(f"{_e(x.get('number'))} ({_e(x.get('issued_on'))})" for x in a["letters"])
        out.append(f'<div class="finding"><span class="tag" style="background:{color}">({a["indicator"]}) {_e(a["label"])}</span> '
                   f'<b>{_e(a["body"])}</b>: {_e(a["message"])}<div class="why">Văn bản: {letters}</div></div>')  # fmt: skip

    out.append("<h2>Phát hiện trong từng văn bản</h2>")
    shown = 0
    for d in data["documents"]:
        if d["error"] or not d["findings"]:
            continue
        shown += 1
        st = d["structure"]
        out.append(f'<div class="doc"><p><b>{_e(st.get("number") or "(không số)")}</b> — {_e(st.get("issuer"))}, '
                   f'{_e(st.get("issued_on"))}<br><span class="muted">{_e(st.get("subject"))}</span><br>{_link(d["file"], out_dir)}</p>')  # fmt: skip
        for f in d["findings"]:
            out.append(f'<div class="finding"><span class="tag" style="background:{COLORS[f["indicator"]]}">({f["indicator"]}) '
                       f'{_e(f["label"])} — điểm {f["score"]:.2f}</span>{_highlight(f)}')  # fmt: skip
            out.append('<div class="why">' + "<br>".join(_e(e["message"]) for e in f["evidence"][:4]) + "</div></div>")
        out.append("</div>")
    if not shown:
        out.append('<p class="muted">Không có.</p>')

    errors = [d for d in data["documents"] if d["error"]]
    out.append(f"<h2>Tệp không đọc được ({len(errors)})</h2>")
    if errors:
        out.append("<table><tr><th>Tệp</th><th>Lỗi</th><th>Chi tiết</th></tr>")
        for d in errors:
            out.append(f"<tr><td>{_e(d['file'])}</td><td>{_e(d['error']['type'])}</td><td>{_e(d['error']['message'])}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
