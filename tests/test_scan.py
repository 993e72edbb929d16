"""The archive scan: request statuses on the example archive and on a generated one, resuming,
bad files, and the reports."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

import fixturegen as fg
import letterkit
from ct56nlp.register.scan import ScanConfig, scan
from ct56nlp.register.store import Register
from ct56nlp.register.walk import WalkLimits

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "examples" / "archive"
SPEC = ROOT / "examples" / "archive-spec" / "letters.jsonl"


def expected_register() -> dict:
    return json.loads(SPEC.read_text("utf-8").splitlines()[-1])


@pytest.fixture(scope="module")
def example_scan(tmp_path_factory):
    out = tmp_path_factory.mktemp("example-scan")
    result = scan([ARCHIVE], out, as_of=date(2024, 11, 30), jobs=2, progress=False)
    return out, result, json.loads((out / "scan.json").read_text("utf-8"))


# ------------------------------------------------------------------------------ example archive
def test_example_archive_is_read_entirely(example_scan):
    out, result, data = example_scan
    assert result.failed == 0 and not result.interrupted
    assert data["summary"]["documents"] == 29
    formats = {Path(d["file"]).suffix for d in data["documents"]}
    assert formats >= {".pdf", ".docx", ".txt", ".edxml"}
    assert any(d["document"]["ocr"] for d in data["documents"])  # the scanned page


@pytest.mark.parametrize("req", expected_register()["requests"], ids=lambda r: r["number"])
def test_example_request_status_due_replies_reminders(example_scan, req):
    _, _, data = example_scan
    got = [r for r in data["requests"] if r["number"] == req["number"]]
    assert len(got) == 1, f"{req['number']}: found {len(got)} request records"
    r = got[0]
    assert r["status"] == req["status"]
    assert r["due"] == req["due"]
    assert r["issued_on"] == req["issued_on"]
    assert sorted(x["number"] for x in r["replies"]) == sorted(req["replies"])
    assert r["reminders"] == req["reminders"]


def test_example_has_no_extra_requests(example_scan):
    _, _, data = example_scan
    assert sorted(r["number"] for r in data["requests"]) == sorted(r["number"] for r in expected_register()["requests"])


def test_example_lateness_in_calendar_and_working_days(example_scan):
    _, _, data = example_scan
    late = {r["number"]: r for r in data["requests"]}
    r = late["612/STC-QLCS"]  # due 15/04/2024, answered 10/05/2024
    assert (r["days_late"], r["working_days_late"]) == (25, 16)  # 18/4 and 29/4-1/5 are holidays; 4/5 worked
    r = late["2215/UBND-KT"]  # due 20/06/2024, unanswered on 30/11/2024
    assert r["days_late"] == 163


def test_example_archive_level_findings(example_scan):
    _, _, data = example_scan
    kinds = {(a["indicator"], a["kind"]) for a in data["archive_findings"]}
    assert (8, "repeated_meetings") in kinds  # the market relocation, met five times
    assert (8, "repeated_reminders") in kinds  # 2215/UBND-KT reminded twice
    assert (10, "deputy_replies") in kinds  # Sở Y tế's press replies signed KT.
    assert (11, "unanswered_overdue") in kinds  # the Front's oversight recommendations
    assert (6, "holding_reply_only") in kinds
    meetings = next(a for a in data["archive_findings"] if a["kind"] == "repeated_meetings")
    assert len(meetings["letters"]) == 5


def test_example_outputs_are_written_and_readable(example_scan):
    out, result, data = example_scan
    names = {p.name for p in result.outputs}
    assert names == {"scan.json", "findings.csv", "requests.csv", "report.xlsx", "report.html"}
    with (out / "requests.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 11 and "Tình trạng" in rows[0]
    from openpyxl import load_workbook

    wb = load_workbook(out / "report.xlsx")
    assert "Phát hiện" in wb.sheetnames and "Yêu cầu và trả lời" in wb.sheetnames
    ws = wb["Yêu cầu và trả lời"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    for d in data["documents"]:
        assert set(d) >= {"file", "sha256", "structure", "findings", "error"}
    for key in ("as_of", "documents", "requests", "bodies"):
        assert key in data
    b = data["bodies"][0]
    assert set(b) >= {"body", "documents", "findings", "overdue_requests"}


def test_rerun_analyses_nothing(example_scan, tmp_path):
    out, first, _ = example_scan
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    again = scan([ARCHIVE], copy, as_of=date(2024, 11, 30), jobs=1, progress=False)
    assert again.skipped == again.total == first.total
    assert again.analysed == 0


# ------------------------------------------------------------------------------ generated archive
def _letter(n: int, day: date, issuer: str, to: str, body: list[str], number: str) -> dict:
    return {
        "format": "txt",
        "header_left": ["ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH" if issuer == "UBND" else "UBND TỈNH BÌNH ĐỊNH", issuer if issuer != "UBND" else "", f"Số: {number}", "V/v nội dung công việc số " + str(n)],
        "header_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Quy Nhơn, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"],
        "title": [], "body": [f"Kính gửi: {to}."] + body,
        "closing_left": ["Nơi nhận:", "- Như trên;", "- Lưu: VT."], "closing_right": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lê Văn Bình"],
    }  # fmt: skip


def make_archive(folder: Path, n: int = 24) -> dict[str, dict]:
    """n requests from UBND tỉnh to departments, each with a known fate; returns the truth."""
    depts = ["SỞ XÂY DỰNG", "SỞ TÀI CHÍNH", "SỞ Y TẾ", "SỞ NỘI VỤ"]
    dept_name = {"SỞ XÂY DỰNG": "Sở Xây dựng", "SỞ TÀI CHÍNH": "Sở Tài chính", "SỞ Y TẾ": "Sở Y tế", "SỞ NỘI VỤ": "Sở Nội vụ"}
    fates = ["on_time", "late", "holding", "never", "never_reminded"]
    truth = {}
    start = date(2024, 3, 4)
    for i in range(n):
        dept = depts[i % len(depts)]
        fate = fates[i % len(fates)]
        issued = start + timedelta(days=7 * i)
        due = issued + timedelta(days=10)
        num = f"{100 + i}/UBND-TH"
        req = _letter(i, issued, "UBND", dept_name[dept], [
            f"Ủy ban nhân dân tỉnh đề nghị {dept_name[dept]} báo cáo tình hình thực hiện nhiệm vụ số {i} trước ngày {due.day:02d}/{due.month:02d}/{due.year}."
        ], num)
        (folder / f"req-{i:02d}.txt").write_text(letterkit.to_text(req), "utf-8")
        status, replies, reminders = "unanswered_overdue", [], 0
        code = dept.split()[-1][:3].upper()
        if fate in ("on_time", "late", "holding"):
            when = due - timedelta(days=3) if fate == "on_time" else due + timedelta(days=12)
            rnum = f"{500 + i}/S{code}-VP"
            text = (f"Phúc đáp Công văn số {num} ngày {issued.day:02d}/{issued.month:02d}/{issued.year} của UBND tỉnh, "
                    + ("Sở đang nghiên cứu, sẽ có ý kiến trả lời sau." if fate == "holding" else f"{dept_name[dept]} báo cáo kết quả đã hoàn thành 100% nhiệm vụ số {i}."))  # fmt: skip
            rep = _letter(i, when, dept, "UBND tỉnh Bình Định", [text], rnum)
            (folder / f"rep-{i:02d}.txt").write_text(letterkit.to_text(rep), "utf-8")
            status = {"on_time": "answered_on_time", "late": "answered_late", "holding": "holding_reply_only"}[fate]
            replies = [rnum]
        if fate == "never_reminded":
            for k in (1, 2):
                when = due + timedelta(days=10 * k)
                rem = _letter(i, when, "UBND", dept_name[dept], [
                    f"Ngày {issued.day:02d}/{issued.month:02d}/{issued.year}, UBND tỉnh có Công văn số {num} đề nghị {dept_name[dept]} báo cáo. "
                    f"Đến nay đã quá hạn, đề nghị {dept_name[dept]} khẩn trương thực hiện (lần {k + 1})."
                ], f"{300 + 10 * i + k}/UBND-TH")  # fmt: skip
                rem["header_left"][3] = f"V/v đôn đốc thực hiện Công văn số {num} (lần {k + 1})"
                (folder / f"rem-{i:02d}-{k}.txt").write_text(letterkit.to_text(rem), "utf-8")
            reminders = 2
        truth[num] = {"status": status, "due": due.isoformat(), "replies": replies, "reminders": reminders}
    return truth


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated-archive")
    truth = make_archive(folder)
    return folder, truth


def test_generated_archive_statuses(generated, tmp_path):
    folder, truth = generated
    as_of = date(2024, 12, 31)
    scan([folder], tmp_path / "out", as_of=as_of, jobs=2, progress=False, formats=["json"])
    data = json.loads((tmp_path / "out" / "scan.json").read_text("utf-8"))
    got = {r["number"]: r for r in data["requests"]}
    assert set(got) == set(truth)
    for number, t in truth.items():
        r = got[number]
        assert r["status"] == t["status"], number
        assert r["due"] == t["due"], number
        assert [x["number"] for x in r["replies"]] == t["replies"], number
        assert r["reminders"] == t["reminders"], number


def test_interrupted_scan_resumes_to_the_same_result(generated, tmp_path):
    folder, _ = generated
    full, part = tmp_path / "full", tmp_path / "part"
    scan([folder], full, as_of=date(2024, 12, 31), jobs=1, progress=False, formats=["json"])
    # Start the same scan in another process and kill it after a few files are committed.
    cmd = [sys.executable, "-m", "ct56nlp", "scan", str(folder), "--out", str(part), "--as-of", "2024-12-31", "--jobs", "1", "--format", "json", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        db = part / "register.sqlite"
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    done = c.execute("SELECT COUNT(*) FROM items").fetchone()[0]
            except sqlite3.Error:
                continue
            if done >= 5:
                proc.kill()
                break
    proc.wait(timeout=30)
    assert done >= 5, "the scan did not get far enough to be interrupted"
    resumed = scan([folder], part, as_of=date(2024, 12, 31), jobs=1, progress=False, formats=["json"])
    assert resumed.skipped >= 5
    a = json.loads((full / "scan.json").read_text("utf-8"))
    b = json.loads((part / "scan.json").read_text("utf-8"))
    for key in ("requests", "archive_findings", "bodies", "summary"):
        assert a[key] == b[key], key
    assert sorted(json.dumps(d, sort_keys=True) for d in a["documents"]) == sorted(json.dumps(d, sort_keys=True) for d in b["documents"])


# ------------------------------------------------------------------------------ bad files
def test_bad_files_are_reported_and_the_scan_goes_on(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = letterkit.to_text(_letter(1, date(2024, 5, 2), "SỞ XÂY DỰNG", "UBND tỉnh", ["Sở Xây dựng báo cáo kết quả."], "12/SXD-VP"))
    (folder / "good.txt").write_text(good, "utf-8")
    (folder / "good.pdf").write_bytes(fg.letter_pdf())
    (folder / "really-a-pdf.docx").write_bytes(fg.letter_pdf(stamp=True))  # wrong extension: still read
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage %%EOF")
    (folder / "encrypted.pdf").write_bytes(fg.letter_pdf(encrypt="x"))
    (folder / "empty.docx").write_bytes(b"")
    (folder / "huge.txt").write_bytes(b"a" * 300_000)
    (folder / "bomb.edxml").write_bytes(fg.BILLION_LAUGHS)
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 40)
    with zipfile.ZipFile(folder / "hostile.zip", "w") as z:
        z.writestr("../../escape.txt", good)
        z.writestr("/abs/path.txt", good)
        z.writestr("inside/ok.txt", good)
    out = tmp_path / "out"
    limits = WalkLimits(max_file_bytes=200_000)
    result = scan([folder], out, as_of=date(2024, 12, 31), jobs=2, progress=False, config=ScanConfig(walk_limits=limits))
    data = json.loads((out / "scan.json").read_text("utf-8"))
    errors = {Path(d["file"].split("!/")[-1]).name: d["error"]["type"] for d in data["documents"] if d["error"]}
    good_files = {Path(d["file"].split("!/")[-1]).name for d in data["documents"] if not d["error"]}
    assert good_files >= {"good.txt", "good.pdf", "really-a-pdf.docx", "ok.txt"}
    assert errors["corrupt.pdf"] == "corrupt"
    assert errors["encrypted.pdf"] == "encrypted"
    assert errors["empty.docx"] == "empty"
    assert errors["huge.txt"] == "too_large"
    assert errors["bomb.edxml"] == "unsafe_content"
    assert errors["binary.bin"] in ("unsupported_format", "corrupt")
    assert errors["escape.txt"] == "unsafe_content" and errors["path.txt"] == "unsafe_content"
    assert result.failed == len(errors)
    assert not (tmp_path / "escape.txt").exists() and not Path("/abs/path.txt").exists()
    for d in data["documents"]:
        if d["error"]:
            assert d["error"]["message"]


# ------------------------------------------------------------------------------ python API
def test_register_api_without_the_cli(tmp_path):
    from ct56nlp.analyzer import Analyzer

    reg = Register(tmp_path / "r.sqlite", analyzer=Analyzer())
    req = _letter(1, date(2024, 6, 3), "UBND", "Sở Tài chính", ["UBND tỉnh đề nghị Sở Tài chính báo cáo trước ngày 14/06/2024."], "77/UBND-TH")
    reg.add(letterkit.to_text(req).encode("utf-8"), name="req.txt")
    assert [r.status for r in reg.requests(date(2024, 6, 10))] == ["open_not_due"]
    assert [r.status for r in reg.requests(date(2024, 6, 20))] == ["unanswered_overdue"]
    rep = _letter(2, date(2024, 6, 12), "SỞ TÀI CHÍNH", "UBND tỉnh Bình Định", ["Phúc đáp Công văn số 77/UBND-TH ngày 03/06/2024 của UBND tỉnh, Sở Tài chính báo cáo đã hoàn thành."], "9/STC-VP")
    reg.add(letterkit.to_text(rep).encode("utf-8"), name="rep.txt")
    (r,) = reg.requests(date(2024, 6, 20))
    assert r.status == "answered_on_time" and [x.structure["number"] for x in r.replies] == ["9/STC-VP"]
    assert any(f["indicator"] == 6 for f in [a.to_dict() for a in reg.archive_findings(date(2024, 6, 20))]) is False
    reg.close()


# ------------------------------------------------------------------------------ html in a browser
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_html_report_renders_in_a_headless_browser(example_scan, tmp_path):
    out, _, _ = example_scan
    page = out / "report.html"
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri()]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert "Báo cáo rà soát văn bản theo Chỉ thị 56-CT/TU" in dom
    assert 'class="spans"' in dom  # displaCy's highlighted passages
    assert dom.count("<svg") >= 2
    console_errors = [l for l in proc.stderr.splitlines() if "CONSOLE" in l and ("Error" in l or "Uncaught" in l)]
    assert not console_errors, console_errors
    shot = tmp_path / "report.png"
    subprocess.run(cmd[:-2] + [f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_html_escapes_document_text(tmp_path):
    from ct56nlp.report.html import render_html

    evil = "<script>alert(1)</script>"
    data = {
        "as_of": "2024-01-01", "summary": {"files_ok": 1, "files_failed": 1, "documents": 1, "passage_findings": 1, "archive_findings": 0,
                                             "requests_by_status": {}, "findings_by_indicator": {"5": 1}},
        "bodies": [], "requests": [], "archive_findings": [],
        "documents": [
            {"file": f"a{evil}.txt", "error": None, "structure": {"number": evil, "issuer": evil, "issued_on": None, "subject": evil},
             "findings": [{"indicator": 5, "label": "x", "score": 0.9, "span": [0, 30], "text": f"Sở {evil} sẽ trả lời sau",
                           "evidence": [{"detector": "rules", "message": evil}]}]},
            {"file": evil, "error": {"type": "corrupt", "message": evil}, "structure": None, "findings": []},
        ],
    }  # fmt: skip
    page = render_html(data, tmp_path)
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


# ------------------------------------------------------------------------------ review fixes
def _flag_encrypted(zip_bytes: bytes) -> bytes:
    """Set the "encrypted" flag of every entry: zipfile then asks for a password, as it does for
    a real protected archive."""
    data = bytearray(zip_bytes)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i >= 0:
            data[i + offset] |= 0x01
            i = data.find(sig, i + 4)
    return bytes(data)


def test_password_protected_zip_entries_are_encrypted_errors(tmp_path):
    from ct56nlp.register.walk import ItemError, read_item, walk

    good = letterkit.to_text(_letter(1, date(2024, 5, 2), "SỞ XÂY DỰNG", "UBND tỉnh", ["Nội dung."], "12/SXD-VP")).encode()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("a.txt", good)
    plain_outer = io.BytesIO()
    with zipfile.ZipFile(plain_outer, "w") as z:
        z.writestr("inner.zip", inner.getvalue())
    (tmp_path / "nested-protected.zip").write_bytes(_flag_encrypted(plain_outer.getvalue()))  # the nested zip itself is locked
    (tmp_path / "member-protected.zip").write_bytes(_flag_encrypted(inner.getvalue()))  # a locked letter
    items = list(walk([tmp_path]))  # never raises
    nested = next(i for i in items if i.display.endswith("inner.zip"))
    assert nested.error_type == "encrypted"
    member = next(i for i in items if "member-protected.zip!/a.txt" in i.display)
    with pytest.raises(ItemError) as info:
        read_item(member)
    assert info.value.code == "encrypted"


def test_csv_cells_never_become_formulas(tmp_path):
    from ct56nlp.report.outputs import FINDING_COLUMNS, _write_csv

    _write_csv(tmp_path / "f.csv", FINDING_COLUMNS, [{"text": '=HYPERLINK("http://x","y")', "body": "+1", "number": "\tx"}])
    row = list(csv.reader((tmp_path / "f.csv").open(encoding="utf-8-sig")))[1]
    assert all(not cell.startswith(("=", "+", "\t")) for cell in row)


def test_changed_and_deleted_files_leave_the_reports(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    f = folder / "x.txt"
    body = lambda n: letterkit.to_text(_letter(n, date(2024, 5, 2), "SỞ XÂY DỰNG", "UBND tỉnh", [f"Nội dung {n}."], f"{n}/SXD-VP"))  # noqa: E731
    f.write_text(body(1), "utf-8")
    (folder / "y.txt").write_text(body(2), "utf-8")
    out = tmp_path / "out"
    scan([folder], out, as_of=date(2024, 12, 31), jobs=1, progress=False, formats=["json"])
    time.sleep(0.01)
    f.write_text(body(3), "utf-8")  # edited in place
    os.utime(f, ns=(time.time_ns(), time.time_ns() + 10**9))
    (folder / "y.txt").unlink()
    scan([folder], out, as_of=date(2024, 12, 31), jobs=1, progress=False, formats=["json"])
    data = json.loads((out / "scan.json").read_text("utf-8"))
    assert [d["structure"]["number"] for d in data["documents"]] == ["3/SXD-VP"]
    assert data["summary"]["files_ok"] == 1


def test_deputy_answering_the_press_is_found_in_one_letter():
    import ct56nlp

    reply = {
        "header_left": ["UBND TỈNH NINH THUẬN", "SỞ Y TẾ", "Số: 1618/SYT-NVY", "V/v trả lời phản ánh của Báo Ninh Thuận"],
        "header_right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Ninh Thuận, ngày 16 tháng 7 năm 2024"],
        "title": [], "body": ["Kính gửi: Báo Ninh Thuận.", "Phúc đáp Công văn số 112/BNT-BĐ ngày 02/7/2024 của Báo Ninh Thuận, Sở Y tế đã nhận được phản ánh và sẽ chỉ đạo các đơn vị chấn chỉnh./."],
        "closing_left": ["Nơi nhận:", "- Như trên;", "- Lưu: VT."], "closing_right": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Nguyễn Văn Tám"],
    }  # fmt: skip
    report = ct56nlp.analyze(letterkit.to_text(reply).encode("utf-8"))
    deputy = [f for f in report.findings if f.indicator == 10 and any(e.detector == "deputy_reply" for e in f.evidence)]
    assert deputy and deputy[0].text.startswith("KT. GIÁM ĐỐC")
