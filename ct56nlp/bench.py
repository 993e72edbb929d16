"""``ct56nlp bench``: speed measurements that live outside the unit tests.

Machines are shared and noisy, so every measurement is repeated and the median reported, and the
comparisons that matter are reported as ratios measured in the same run:

* ``extract``: PDF text extraction, pages/s, pdfium's plain text vs pdfplumber's full extraction;
* ``analyze``: milliseconds per one-page letter (text, DOCX, PDF), model loaded once;
* ``classify``: passages/s of the ``classify`` contract, in one process and with all cores;
* ``scan``: the example archive scanned, then scanned again (nothing re-analysed): the ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["run_bench"]

ROOT = Path(__file__).resolve().parent.parent


def _time(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _example_files() -> dict[str, Path]:
    archive = ROOT / "examples" / "archive"
    found: dict[str, Path] = {}
    for p in sorted(archive.glob("*")) if archive.is_dir() else []:
        kind = p.suffix.lstrip(".")
        if kind in ("txt", "docx", "pdf", "edxml") and kind not in found:
            if kind == "pdf":
                import pypdfium2 as pdfium

                pdf = pdfium.PdfDocument(str(p))
                one_page = len(pdf) == 1 and len(pdf[0].get_textpage().get_text_range().strip()) > 200
                pdf.close()
                if not one_page:
                    continue
            found[kind] = p
    return found


def bench_extract(repeat: int) -> dict[str, Any]:
    import io

    import pdfplumber
    import pypdfium2 as pdfium

    pdfs = [p for p in (ROOT / "examples" / "archive").glob("*.pdf")]
    datas = [p.read_bytes() for p in pdfs]
    pages = 0
    for d in datas:
        doc = pdfium.PdfDocument(d)
        pages += len(doc)
        doc.close()

    def with_pdfium():
        for d in datas:
            doc = pdfium.PdfDocument(d)
            for i in range(len(doc)):
                doc[i].get_textpage().get_text_range()
            doc.close()

    def with_pdfplumber():
        for d in datas:
            with pdfplumber.open(io.BytesIO(d)) as doc:
                for page in doc.pages:
                    page.extract_text()

    a = statistics.median(_time(with_pdfium, repeat))
    b = statistics.median(_time(with_pdfplumber, max(1, repeat // 2)))
    return {"pdf_files": len(datas), "pages": pages, "pdfium_pages_per_s": pages / a, "pdfplumber_pages_per_s": pages / b,
            "ratio_pdfium_over_pdfplumber": b / a}  # fmt: skip


def bench_analyze(repeat: int) -> dict[str, Any]:
    from .analyzer import Analyzer

    t = time.perf_counter()
    analyzer = Analyzer()
    load = time.perf_counter() - t
    out: dict[str, Any] = {"model_load_s": load}
    for kind, path in _example_files().items():
        data = path.read_bytes()
        analyzer.analyze(data)  # warm up: lazy imports, the segmentation model
        times = _time(lambda: analyzer.analyze(data), repeat)
        out[f"{kind}_ms"] = 1000 * statistics.median(times)
        out[f"{kind}_file"] = path.name
    return out


def bench_classify(repeat: int, n: int = 600) -> dict[str, Any]:
    from joblib import Parallel, delayed

    from .analyzer import Analyzer

    corpus = ROOT / "corpora" / "ct56_corpus.jsonl"
    texts = [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines()[:n]]
    analyzer = Analyzer()
    analyzer.score_texts(texts[:5])
    one = statistics.median(_time(lambda: analyzer.score_texts(texts), max(1, repeat // 2)))
    jobs = os.cpu_count() or 1
    chunks = [texts[i::jobs] for i in range(jobs)]

    def parallel():
        Parallel(n_jobs=jobs)(delayed(_score_chunk)(c) for c in chunks)

    parallel()  # workers load the model once
    many = statistics.median(_time(parallel, max(1, repeat // 2)))
    return {"passages": len(texts), "one_process_passages_per_s": len(texts) / one, "cores": jobs,
            "all_cores_passages_per_s": len(texts) / many, "speedup": one / many}  # fmt: skip


_WORKER_ANALYZER: list = []


def _score_chunk(texts):
    from .analyzer import Analyzer

    if not _WORKER_ANALYZER:
        _WORKER_ANALYZER.append(Analyzer())
    return _WORKER_ANALYZER[0].score_texts(texts)


def bench_scan() -> dict[str, Any]:
    from .register.scan import scan

    archive = ROOT / "examples" / "archive"
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        first = scan([archive], tmp, as_of=date(2024, 11, 30), progress=False)
        a = time.perf_counter() - t
        t = time.perf_counter()
        scan([archive], tmp, as_of=date(2024, 11, 30), progress=False)
        b = time.perf_counter() - t
    return {"files": first.total, "first_run_s": a, "rerun_s": b, "rerun_speedup": a / b}


def run_bench(what: list[str], repeat: int = 5) -> dict[str, Any]:
    out: dict[str, Any] = {"cpu_count": os.cpu_count()}
    steps = {"extract": lambda: bench_extract(repeat), "analyze": lambda: bench_analyze(repeat),
             "classify": lambda: bench_classify(repeat), "scan": bench_scan}  # fmt: skip
    for name in what:
        out[name] = steps[name]()
    return out
