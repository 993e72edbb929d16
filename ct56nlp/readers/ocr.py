"""OCR of scanned pages with Tesseract's Vietnamese model (Debian: tesseract-ocr-vie).

Tesseract is a program, not a Python package, so it may be missing: callers check
:func:`tesseract_status` and leave a notice saying how to install it instead of failing.
The TSV output gives words with their confidences; lines and paragraphs are rebuilt from it.
"""

from __future__ import annotations

import csv
import functools
import io
import shutil
import subprocess
from dataclasses import dataclass

__all__ = ["OcrResult", "tesseract_status", "ocr_image", "INSTALL_HINT"]

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass(frozen=True)
class OcrResult:
    text: str
    mean_confidence: float  # 0-100, mean over words Tesseract recognised
    words: int


@functools.lru_cache(maxsize=4)
def tesseract_status(language: str = "vie") -> str | None:
    """``None`` when Tesseract with ``language`` is usable, else what is missing (Vietnamese)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return f"Không tìm thấy Tesseract để nhận dạng văn bản scan; cài đặt: {INSTALL_HINT}"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Không chạy được Tesseract ({exc}); cài đặt lại: {INSTALL_HINT}"
    langs = set((out.stdout + out.stderr).split())
    if language not in langs:
        return f"Tesseract chưa có mô hình ngôn ngữ '{language}'; cài đặt: {INSTALL_HINT}"
    return None


def ocr_image(png: bytes, *, language: str = "vie", timeout: float = 120.0, dpi: int | None = None) -> OcrResult:
    """Recognise one page image (PNG bytes).  Raises ``RuntimeError`` when Tesseract fails."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise RuntimeError(f"tesseract not found; install with: {INSTALL_HINT}")
    cmd = [exe, "stdin", "stdout", "-l", language, "--psm", "3"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    cmd.append("tsv")
    try:
        proc = subprocess.run(cmd, input=png, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"tesseract took longer than {timeout:.0f} s") from exc
    if proc.returncode != 0:
        raise RuntimeError(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return _parse_tsv(proc.stdout.decode("utf-8", "replace"))


def _parse_tsv(tsv: str) -> OcrResult:
    lines: dict[tuple[int, int, int, int], list[str]] = {}
    confs: list[float] = []
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        if row.get("level") != "5":
            continue
        word = (row.get("text") or "").strip()
        if not word:
            continue
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            conf = -1.0
        if conf >= 0:
            confs.append(conf)
        key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
    # One line per recognised line; paragraphs are not marked (canonicalisation re-joins wraps).
    out = [" ".join(lines[key]) for key in sorted(lines)]
    mean = sum(confs) / len(confs) if confs else 0.0
    return OcrResult("\n".join(out), mean, len(confs))
