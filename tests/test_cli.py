"""The ``ct56nlp`` command line: JSON Lines records, text summaries, per-file errors."""

from __future__ import annotations

import json
import subprocess
import sys

from ct56nlp.cli import main


def test_analyze_json_lines_one_record_per_file(files, capsys):
    rc = main(["analyze", "--format", "json", str(files["letter.pdf"]), str(files["encrypted.pdf"]), str(files["utf8.txt"])])
    out = capsys.readouterr().out.strip().split("\n")
    assert rc == 1  # one file failed
    records = [json.loads(line) for line in out]
    assert len(records) == 3
    good, bad, text = records
    assert good["error"] is None
    assert set(good["document"]) >= {"source", "sha256", "media_type", "pages", "chars", "ocr"}
    assert good["document"]["media_type"] == "application/pdf" and good["document"]["pages"] == 1
    assert bad["error"]["type"] == "encrypted" and "password" in bad["error"]["message"]
    assert bad["document"]["source"] == str(files["encrypted.pdf"])
    assert text["error"] is None and text["document"]["chars"] > 100


def test_analyze_text_format_is_readable(files, capsys):
    assert main(["analyze", str(files["letter.docx"])]) == 0
    out = capsys.readouterr().out
    assert "SỞ XÂY DỰNG" in out and "trang" in out


def test_console_script_runs_as_module():
    proc = subprocess.run([sys.executable, "-m", "ct56nlp", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("ct56nlp ")
