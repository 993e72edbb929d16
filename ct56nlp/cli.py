"""The ``ct56nlp`` command: analyze | classify | train | evaluate | scan | bench."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__

log = logging.getLogger("ct56nlp")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _error_record(exc: BaseException) -> dict[str, str]:
    from .errors import Ct56Error

    if isinstance(exc, Ct56Error):
        return exc.to_dict()
    return {"type": "internal_error", "message": f"{type(exc).__name__}: {exc}"}


# ------------------------------------------------------------------------------------ analyze
def cmd_analyze(args: argparse.Namespace) -> int:
    from .analyzer import Analyzer
    from .errors import Ct56Error
    from .structure import WorkCalendar

    as_of = _parse_date(args.as_of) if args.as_of else None
    analyzer = Analyzer(model=False if args.no_model else args.model, calendar=WorkCalendar.default(*args.calendar))
    failures = 0
    for path in args.paths:
        try:
            report = analyzer.analyze(path, as_of=as_of)
        except Exception as exc:  # one bad file never stops the others
            failures += 1
            if not isinstance(exc, Ct56Error):
                traceback.print_exc(file=sys.stderr)
            record = {"document": {"source": path}, "notices": [], "error": _error_record(exc)}
            sys.stdout.write(_dump(record) + "\n" if args.format == "json" else _text_error(record))
            continue
        if args.format == "json":
            sys.stdout.write(_dump(report.to_dict()) + "\n")
        else:
            from .report.text import render_text

            sys.stdout.write(render_text(report, color=sys.stdout.isatty() and not args.no_color))
    return 1 if failures else 0


def _parse_date(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"--as-of must be an ISO date (YYYY-MM-DD), not {value!r}") from None


def _text_error(record: dict[str, Any]) -> str:
    return f"== {record['document']['source']}\n   LỖI ({record['error']['type']}): {record['error']['message']}\n\n"


# ------------------------------------------------------------------------------------ classify
def cmd_classify(args: argparse.Namespace) -> int:
    """Read {"id", "text"} lines; write {"id", "labels", "scores"} lines, in order."""
    from .analyzer import Analyzer
    from .indicators import CODES

    analyzer = Analyzer(model=args.model)
    stream = sys.stdin if args.input in (None, "-") else open(args.input, encoding="utf-8")
    bad = 0
    try:
        batch: list[tuple[int, Any, str]] = []

        def flush() -> None:
            results = analyzer.score_texts([t for _, _, t in batch])
            for (_, pid, _), (labels, scores, _f) in zip(batch, results):
                sys.stdout.write(_dump({"id": pid, "labels": labels, "scores": {str(c): round(scores[c], 4) for c in CODES}}) + "\n")
            batch.clear()

        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            obj: Any = None
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise TypeError("the line is not a JSON object")
                text = obj["text"]
                if not isinstance(text, str):
                    raise TypeError("'text' is not a string")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                flush()
                bad += 1
                pid = obj.get("id") if isinstance(obj, dict) else None
                sys.stdout.write(_dump({"id": pid, "labels": [], "scores": {}, "error": f"line {n}: {exc}"}) + "\n")
                continue
            from .normalize import canonicalize

            batch.append((n, obj.get("id"), canonicalize(text)[0]))
            if len(batch) >= 256:
                flush()
        flush()
    finally:
        if stream is not sys.stdin:
            stream.close()
    return 1 if bad else 0


# ------------------------------------------------------------------------------------ train / evaluate
def cmd_train(args: argparse.Namespace) -> int:
    from .ml.train import train

    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"{out} exists and is not empty; choose another --out or pass --force", file=sys.stderr)
        return 2
    info = train(args.corpus, out, splits_path=args.splits, seed=args.seed, progress=lambda m: print(m, file=sys.stderr))
    from .ml.metrics import format_report

    print(format_report(info["metrics"]["test"], "test split (never used for a choice):"))
    cv = info["metrics"].get("grouped_cv") or {}
    if cv:
        print(f"grouped {cv['folds']}-fold CV macro-F1: {cv['macro_f1_mean']:.3f} ± {cv['macro_f1_std']:.3f}")
    print(format_report(info["metrics"]["keyword_baseline_test"], "keyword baseline from the directive's wording, test split:"))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .ml.evaluate import evaluate
    from .ml.metrics import format_report

    result = evaluate(args.corpus, args.model, split=args.split, splits_path=args.splits)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(format_report(result["report"], f"{result['corpus']} — split: {result['split']}"))
    print()
    print(format_report(result["keyword_baseline"], "keyword baseline from the directive's wording:"))
    print()
    print(f"{'rule':<42} {'ind':>3} {'fires':>5} {'cover':>6} {'overlap':>7} {'conflict':>8} {'precision':>9}")
    for r in result["rules"]:
        prec = "-" if r["precision"] is None else f"{r['precision']:.2f}"
        print(f"{r['rule']:<42} {r['indicator']:>3} {r['fires']:>5} {r['coverage']:>6.3f} {r['overlap']:>7.3f} {r['conflict']:>8.3f} {prec:>9}")
    return 0


# ------------------------------------------------------------------------------------ scan
def cmd_scan(args: argparse.Namespace) -> int:
    from datetime import date

    from .register.scan import FORMATS, ScanConfig, scan

    as_of = _parse_date(args.as_of) if args.as_of else date.today()
    print(f"[quét] ngày tham chiếu (as-of): {as_of.isoformat()}" + ("" if args.as_of else " (hôm nay; đặt bằng --as-of)"), file=sys.stderr)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"unknown --format {sorted(unknown)}; choose from {','.join(FORMATS)}", file=sys.stderr)
        return 2
    config = ScanConfig(model=args.model, calendar_files=tuple(args.calendar), timeout=args.timeout)
    result = scan(args.paths, args.out, as_of=as_of, jobs=args.jobs, formats=formats, config=config, progress=not args.quiet)
    if result.interrupted:
        print(f"[quét] đã dừng giữa chừng; kết quả đã xong được giữ trong {result.out_dir / 'register.sqlite'}; chạy lại để tiếp tục", file=sys.stderr)
        return 130
    print(f"[quét] {result.total} tệp: {result.analysed} phân tích mới, {result.skipped} đã có sẵn, {result.failed} lỗi; {result.seconds:.1f} s")
    for p in result.outputs:
        print(f"[quét] đã ghi {p}")
    return 3 if result.failed else 0


# ------------------------------------------------------------------------------------ bench
def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    what = [w.strip() for w in args.what.split(",") if w.strip()]
    result = run_bench(what, repeat=args.repeat)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    for section, values in result.items():
        if not isinstance(values, dict):
            print(f"{section}: {values}")
            continue
        print(f"[{section}]")
        for k, v in values.items():
            print(f"  {k:<32} {v:.3f}" if isinstance(v, float) else f"  {k:<32} {v}")
    return 0


# ------------------------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ct56nlp",
        description="Find the behaviours forbidden by Directive 56-CT/TU in Vietnamese official correspondence.",
    )
    p.add_argument("--version", action="version", version=f"ct56nlp {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyse documents (PDF, DOCX, text, edXML, scans)")
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument("--format", choices=("json", "text"), default="text", help="JSON Lines, or a readable summary")
    a.add_argument("--calendar", action="append", default=[], metavar="FILE",
                   help="extra working-day overrides (TOML), on top of the shipped ones; repeatable")
    a.add_argument("--as-of", default=None, metavar="DATE", help="reference date (YYYY-MM-DD) for deadlines")
    a.add_argument("--model", default=None, metavar="DIR", help="model folder (default: the shipped model)")
    a.add_argument("--no-model", action="store_true", help="run the rule and structure detectors only")
    a.add_argument("--no-color", action="store_true", help="no terminal colours in --format text")
    a.set_defaults(func=cmd_analyze)

    c = sub.add_parser("classify", help='score passages: {"id","text"} JSON lines in, {"id","labels","scores"} out')
    c.add_argument("input", nargs="?", default="-", metavar="FILE.jsonl", help="input file, or - for stdin")
    c.add_argument("--model", default=None, metavar="DIR", help="model folder (default: the shipped model)")
    c.set_defaults(func=cmd_classify)

    t = sub.add_parser("train", help="train the classifier on an annotated corpus")
    t.add_argument("corpus", metavar="CORPUS.jsonl")
    t.add_argument("--out", required=True, metavar="DIR")
    t.add_argument("--splits", default=None, metavar="SPLITS.json", help="group-to-split file (default: the corpus's own 'split' field, else a seeded split by group)")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--force", action="store_true", help="overwrite a non-empty --out folder")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="per-indicator precision/recall/F1 of a model on a labelled corpus")
    e.add_argument("corpus", metavar="CORPUS.jsonl")
    e.add_argument("--model", default=None, metavar="DIR", help="model folder (default: the shipped model)")
    e.add_argument("--split", default="test", help="train, dev, test or all (default: test)")
    e.add_argument("--splits", default=None, metavar="SPLITS.json")
    e.add_argument("--json", action="store_true", help="print the full result as JSON")
    e.set_defaults(func=cmd_evaluate)

    s = sub.add_parser("scan", help="scan an archive (folders, zips) into a register and reports")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--out", required=True, metavar="DIR", help="output folder (register.sqlite and the reports)")
    s.add_argument("--as-of", default=None, metavar="DATE", help="reference date YYYY-MM-DD (default: today, always printed)")
    s.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    s.add_argument("--format", default="json,csv,xlsx,html", help="outputs: any of json,csv,xlsx,html (default: all)")
    s.add_argument("--model", default=None, metavar="DIR")
    s.add_argument("--calendar", action="append", default=[], metavar="FILE", help="extra working-day overrides (TOML)")
    s.add_argument("--timeout", type=float, default=300.0, help="seconds allowed per file (default 300)")
    s.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    s.set_defaults(func=cmd_scan)

    b = sub.add_parser("bench", help="speed benchmarks (median of repeats; ratios between methods)")
    b.add_argument("--what", default="extract,analyze,classify,scan", help="any of extract,analyze,classify,scan")
    b.add_argument("--repeat", type=int, default=5)
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_bench)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
