"""``ct56nlp scan``: walk an archive, analyse every document in parallel, keep the register,
write the reports.

Each worker process loads the model once (a per-process cache, the only module-level state in
ct56nlp, kept here on purpose) and analyses files it is handed; the main process alone writes to
the SQLite register, committing as results arrive, so an interrupted scan (Ctrl-C, kill, crash)
keeps everything finished and a re-run resumes.  A file that fails — corrupt, encrypted,
unreadable, too large, timed out — becomes an error record with its reason; the scan goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Ct56Error
from .store import Register, document_record
from .walk import Item, ItemError, WalkLimits, read_item, walk

__all__ = ["ScanConfig", "ScanResult", "scan"]

log = logging.getLogger("ct56nlp.scan")
FORMATS = ("json", "csv", "xlsx", "html")
# Failures that may not recur (a slow machine, a bug fixed since): tried again on the next run.
RETRY_ERRORS = ("timeout", "internal_error")


@dataclass(frozen=True)
class ScanConfig:
    model: str | None = None  # model folder; None = the shipped model
    calendar_files: tuple[str, ...] = ()
    timeout: float = 300.0  # seconds per file
    walk_limits: WalkLimits = field(default_factory=WalkLimits)


@dataclass
class ScanResult:
    out_dir: Path
    as_of: date
    total: int
    analysed: int
    skipped: int
    failed: int
    interrupted: bool
    outputs: list[Path]
    seconds: float


# ----------------------------------------------------------------------------------- workers
_ANALYZERS: dict[tuple, Any] = {}


class _Timeout(Exception):
    pass


def _analyzer_for(config: ScanConfig):
    key = (config.model, config.calendar_files)
    if key not in _ANALYZERS:
        from ..analyzer import Analyzer
        from ..structure import WorkCalendar

        _ANALYZERS[key] = Analyzer(model=config.model, calendar=WorkCalendar.default(*config.calendar_files))
    return _ANALYZERS[key]


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise _Timeout()


def analyse_item(item: Item, config: ScanConfig) -> dict[str, Any]:
    """Read and analyse one archive item; never raises (errors come back as records)."""
    out: dict[str, Any] = {"fingerprint": item.fingerprint, "display": item.display, "sha256": None, "record": None, "error": None}
    try:
        return _analyse(item, config, out)
    except _Timeout:  # the alarm rang while an error was being handled
        out["error"] = {"type": "timeout", "message": f"analysis took longer than {config.timeout:.0f} s"}
        return out


def _analyse(item: Item, config: ScanConfig, out: dict[str, Any]) -> dict[str, Any]:
    use_alarm = hasattr(signal, "setitimer") and config.timeout > 0
    if use_alarm:
        try:
            old = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, config.timeout)
        except ValueError:  # not the main thread of this process
            use_alarm = False
    try:
        try:
            data = read_item(item, config.walk_limits)
        except ItemError as exc:
            out["error"] = {"type": exc.code, "message": str(exc)}
            return out
        out["sha256"] = hashlib.sha256(data).hexdigest()
        from ..readers import extract

        analyzer = _analyzer_for(config)
        doc = extract(data, name=item.display, limits=analyzer.limits)
        out["record"] = document_record(analyzer.analyze_document(doc))
    except _Timeout:
        out["error"] = {"type": "timeout", "message": f"analysis took longer than {config.timeout:.0f} s"}
    except Ct56Error as exc:
        out["error"] = exc.to_dict()
    except MemoryError:
        out["error"] = {"type": "too_large", "message": "the file needs more memory than is available"}
    except Exception as exc:  # a bug must not stop the scan; the record keeps the traceback
        out["error"] = {"type": "internal_error", "message": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=5)}
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return out


# ----------------------------------------------------------------------------------- progress
class _Progress:
    """A tqdm bar on a terminal; plain log lines otherwise (every 10 s and at the end)."""

    def __init__(self, total: int, enabled: bool = True) -> None:
        self.total, self.done, self.errors = total, 0, 0
        self.start = time.monotonic()
        self.last_line = self.start
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="tệp", desc="Quét", dynamic_ncols=True, file=sys.stderr)
        self.enabled = enabled

    def update(self, error: bool) -> None:
        self.done += 1
        self.errors += int(error)
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(lỗi=self.errors)
        elif self.enabled and (time.monotonic() - self.last_line >= 10 or self.done == self.total):
            self.last_line = time.monotonic()
            print(self.line(), file=sys.stderr, flush=True)

    def line(self) -> str:
        elapsed = max(1e-6, time.monotonic() - self.start)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate > 0 else 0
        return f"[quét] {self.done}/{self.total} tệp, {rate:.1f} tệp/s, còn khoảng {eta:.0f} s, lỗi: {self.errors}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ----------------------------------------------------------------------------------- scan
def _signature(config: ScanConfig) -> str:
    from ..ml.persist import default_model_dir, read_manifest

    model_dir = Path(config.model) if config.model else default_model_dir()
    manifest = read_manifest(model_dir)
    from .. import __version__

    return json.dumps({"ct56nlp": __version__, "model": manifest.get("model_sha256"), "calendar": list(config.calendar_files)}, sort_keys=True)


def scan(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    as_of: date,
    jobs: int | None = None,
    formats: Iterable[str] = FORMATS,
    config: ScanConfig | None = None,
    progress: bool = True,
) -> ScanResult:
    """Scan ``paths`` into ``out_dir`` (register + reports) as of ``as_of``."""
    config = config or ScanConfig()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    register = Register(out / "register.sqlite")
    if register.check_analyzer(_signature(config)):
        print("[quét] mô hình hoặc phiên bản đã thay đổi: phân tích lại toàn bộ", file=sys.stderr)
    items = list(walk(list(paths), config.walk_limits, exclude=[out]))
    register.mark_present([i.fingerprint for i in items])
    todo = [i for i in items if not register.has_item(i.fingerprint, retry_errors=RETRY_ERRORS)]
    skipped = len(items) - len(todo)
    bar = _Progress(len(todo), progress)
    failed_now = 0
    interrupted = False
    jobs = jobs or os.cpu_count() or 1
    last_commit = time.monotonic()
    try:
        for res in _run(todo, config, jobs):
            register.record_item(res["fingerprint"], res["display"], res["sha256"], res["record"], res["error"])
            failed_now += res["error"] is not None
            bar.update(res["error"] is not None)
            if time.monotonic() - last_commit > 1.0:
                register.commit()
                last_commit = time.monotonic()
    except KeyboardInterrupt:
        interrupted = True
    finally:
        register.commit()
        bar.close()
    outputs: list[Path] = []
    if not interrupted:
        from ..report.outputs import write_outputs

        outputs = write_outputs(register, out, as_of, formats)
    counts = register.counts()
    register.close()
    return ScanResult(out, as_of, len(items), len(todo), skipped, counts["files_failed"], interrupted, outputs, time.monotonic() - started)


def _run(todo: list[Item], config: ScanConfig, jobs: int):
    """Results of :func:`analyse_item` for every item, as they complete."""
    if jobs <= 1 or len(todo) <= 1:
        for item in todo:
            yield analyse_item(item, config)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator_unordered", batch_size=1, pre_dispatch="4*n_jobs")
    yield from parallel(delayed(analyse_item)(item, config) for item in todo)
