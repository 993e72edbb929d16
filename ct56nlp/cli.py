"""The ``ct56nlp`` command: analyze | classify | train | evaluate | scan | bench."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence
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
    from .errors import Ct56Error
    from .readers import extract
    from .structure import WorkCalendar, parse_structure

    calendar = WorkCalendar.default(*args.calendar)
    failures = 0
    out = sys.stdout
    for path in args.paths:
        record: dict[str, Any] = {"document": {"source": path}, "notices": [], "error": None}
        try:
            doc = extract(path)
        except Exception as exc:  # one bad file never stops the others
            failures += 1
            record["error"] = _error_record(exc)
            if not isinstance(exc, Ct56Error):
                traceback.print_exc(file=sys.stderr)
        else:
            record["document"] = doc.summary()
            structure = parse_structure(doc, calendar=calendar)
            record["notices"] = [n.to_dict() for n in doc.notices + structure.notices]
            record["structure"] = structure.to_dict()
        if args.format == "json":
            out.write(_dump(record) + "\n")
        else:
            out.write(_text_summary(record, doc if record["error"] is None else None))
    return 1 if failures else 0


def _text_summary(record: dict[str, Any], doc) -> str:
    d = record["document"]
    lines = [f"== {d.get('source')}"]
    if record["error"]:
        lines.append(f"   LỖI ({record['error']['type']}): {record['error']['message']}")
        return "\n".join(lines) + "\n\n"
    lines.append(f"   {d['media_type']}, {d['pages']} trang, {d['chars']} ký tự, sha256 {d['sha256'][:12]}…")
    st = record.get("structure") or {}
    labels = (("number", "Số"), ("issuer", "Cơ quan ban hành"), ("issued_on", "Ngày"), ("doc_type", "Loại"),
              ("subject", "Trích yếu"), ("urgency", "Độ khẩn"), ("signer_authority", "Thẩm quyền ký"),
              ("signer_position", "Chức vụ"), ("signer_name", "Người ký"))
    for key, label in labels:
        if st.get(key):
            lines.append(f"   {label}: {st[key]}")
    if st.get("recipients"):
        lines.append("   Nơi nhận: " + "; ".join(st["recipients"]))
    for r in st.get("references", []):
        lines.append(f"   Văn bản dẫn chiếu ({r['relation']}): {r['number']} {r['date'] or ''} {r['issuer'] or ''}".rstrip())
    if st.get("deadline"):
        lines.append(f"   Thời hạn: {st['deadline']['date']} ({st['deadline']['text']})")
    for n in record["notices"]:
        lines.append(f"   ! {n['message']}")
    preview = doc.text[:400].replace("\n", "\n   | ")
    lines.append("   | " + preview + ("…" if len(doc.text) > 400 else ""))
    return "\n".join(lines) + "\n\n"


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
    a.set_defaults(func=cmd_analyze)
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
