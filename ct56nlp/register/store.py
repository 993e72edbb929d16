"""The correspondence register: an embedded SQLite database of every document analysed.

Keyed by content hash, so the same letter found at two paths is analysed once and a re-run skips
what is already there.  Each file's result is committed as soon as it arrives (WAL journal), so
an interrupted scan loses nothing already done.  Document-management systems use the same class
without the command line: open a register, ``add()`` documents as they arrive, ask for overdue
requests and findings as of a date.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..analyzer import Analyzer, Report
from ..structure import WorkCalendar
from ..structure.lines import sentence_around

__all__ = ["Register", "StoredDocument", "document_record"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    fingerprint TEXT PRIMARY KEY,
    display TEXT NOT NULL,
    sha256 TEXT,
    status TEXT NOT NULL,              -- ok | error
    error_type TEXT,
    error_message TEXT,
    seq INTEGER NOT NULL,
    present INTEGER NOT NULL DEFAULT 1 -- 0: not found by the latest scan (moved, changed or deleted)
);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    record TEXT NOT NULL,              -- JSON: summary, structure, findings, notices, flags
    number TEXT,
    issued_on TEXT,
    issuer TEXT
);
CREATE INDEX IF NOT EXISTS items_sha ON items(sha256);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
"""

_HOLDING_RULES = {"S5.holding_reply", "R5.answer_deferred"}
_ASK = re.compile(r"đề nghị|yêu cầu|kính đề nghị|đề xuất|xin ý kiến|lấy ý kiến|giao\b|kính chuyển|chuyển đơn", re.IGNORECASE)
_ASK_REPORT = re.compile(r"báo cáo|tổng hợp|thống kê", re.IGNORECASE)


def document_record(report: Report) -> dict[str, Any]:
    """What the register keeps of one analysed document (no full text: structure and findings)."""
    st = report.structure
    text = report.document.text
    asks = None
    if st.deadline is not None:
        sentence = sentence_around(text, st.deadline.span.start, st.deadline.span.end) if st.deadline.span else (st.subject.value if st.subject else "")
        body = text[st.body_span.start : st.body_span.end] if st.body_span else text
        if _ASK.search(sentence) or st.deadline.source == "edxml" or _ASK.search(body[:2000]):
            asks = "report" if _ASK_REPORT.search(sentence) else "answer"
    holding = any(
        f.indicator == 5 and any(e.rule in _HOLDING_RULES for e in f.evidence) for f in report.findings
    )
    return {
        "summary": report.document.summary(),
        "structure": st.to_dict(),
        "findings": [f.to_dict() for f in report.findings],
        "notices": [n.to_dict() for n in report.notices],
        "flags": {"holding_reply": holding, "asks": asks},
    }


@dataclass(frozen=True)
class StoredDocument:
    sha256: str
    files: tuple[str, ...]
    record: dict[str, Any]

    @property
    def structure(self) -> dict[str, Any]:
        return self.record["structure"]

    @property
    def findings(self) -> list[dict[str, Any]]:
        return self.record["findings"]

    @property
    def issued_on(self) -> date | None:
        v = self.structure.get("issued_on")
        return date.fromisoformat(v) if v else None

    @property
    def file(self) -> str:
        return self.files[0] if self.files else self.sha256


class Register:
    """An open register database (created if missing)."""

    def __init__(self, path: str | Path, *, analyzer: Analyzer | None = None, calendar: WorkCalendar | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self._analyzer = analyzer
        self._seq: int | None = None
        self.calendar = calendar or (analyzer.calendar if analyzer else WorkCalendar.default())

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(calendar=self.calendar)
        return self._analyzer

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def check_analyzer(self, signature: str) -> bool:
        """Remember which model and library version filled the register; when they change, the
        stored analyses are dropped (they would no longer match) and True is returned."""
        old = self.meta("analyzer")
        if old == signature:
            return False
        if old is not None:
            self.db.execute("DELETE FROM documents")
            self.db.execute("DELETE FROM items")
        self.set_meta("analyzer", signature)
        self.db.commit()
        return old is not None

    # ------------------------------------------------------------------ writing
    def has_item(self, fingerprint: str, *, retry_errors: tuple[str, ...] = ()) -> bool:
        """Whether the item is already recorded (errors of the ``retry_errors`` types do not count)."""
        row = self.db.execute("SELECT status, error_type FROM items WHERE fingerprint=?", (fingerprint,)).fetchone()
        return row is not None and not (row[0] == "error" and row[1] in retry_errors)

    def mark_present(self, fingerprints: list[str]) -> None:
        """Record which scan-managed items the current walk found; the others (changed, moved
        or deleted files) drop out of every report, without losing their analyses."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (fingerprint TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM seen")
        self.db.executemany("INSERT OR IGNORE INTO seen(fingerprint) VALUES (?)", ((f,) for f in fingerprints))
        self.db.execute(
            "UPDATE items SET present = (fingerprint IN (SELECT fingerprint FROM seen)) WHERE fingerprint NOT LIKE 'api|%'"
        )
        self.db.commit()

    def has_document(self, sha256: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE sha256=?", (sha256,)).fetchone() is not None

    def _next_seq(self) -> int:
        if self._seq is None:
            self._seq = int(self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM items").fetchone()[0])
        self._seq += 1
        return self._seq

    def record_item(self, fingerprint: str, display: str, sha256: str | None, record: dict | None, error: dict | None) -> None:
        """Store one walked file's outcome (call :meth:`commit` to make it durable)."""
        if record is not None and sha256 and not self.has_document(sha256):
            st = record["structure"]
            self.db.execute(
                "INSERT INTO documents(sha256, record, number, issued_on, issuer) VALUES (?, ?, ?, ?, ?)",
                (sha256, json.dumps(record, ensure_ascii=False), st.get("number"), st.get("issued_on"), st.get("issuer")),
            )
        self.db.execute(
            "INSERT OR REPLACE INTO items(fingerprint, display, sha256, status, error_type, error_message, seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (fingerprint, display, sha256, "error" if error else "ok", (error or {}).get("type"), (error or {}).get("message"), self._next_seq()),
        )

    def commit(self) -> None:
        self.db.commit()

    def add(self, source, *, name: str | None = None) -> StoredDocument:
        """Analyse one document (path, bytes or :class:`~ct56nlp.types.Document`) and keep it.

        Raises the library's error for a file that cannot be read (nothing is stored then).
        """
        from ..readers import extract
        from ..types import Document

        doc = source if isinstance(source, Document) else extract(source, name=name, limits=self.analyzer.limits)
        display = name or doc.source or doc.sha256
        if not self.has_document(doc.sha256):
            report = self.analyzer.analyze_document(doc)
            self.record_item(f"api|{display}|{doc.sha256}", display, doc.sha256, document_record(report), None)
        else:
            self.record_item(f"api|{display}|{doc.sha256}", display, doc.sha256, None, None)
        self.commit()
        return self.get(doc.sha256)

    # ------------------------------------------------------------------ reading
    def get(self, sha256: str) -> StoredDocument:
        row = self.db.execute("SELECT record FROM documents WHERE sha256=?", (sha256,)).fetchone()
        if row is None:
            raise KeyError(sha256)
        files = tuple(r[0] for r in self.db.execute("SELECT display FROM items WHERE sha256=? AND present=1 ORDER BY display", (sha256,)))
        return StoredDocument(sha256, files, json.loads(row[0]))

    def documents(self) -> list[StoredDocument]:
        """The documents of the files present, in a stable order (date, number, hash)."""
        files: dict[str, list[str]] = {}
        for sha, display in self.db.execute("SELECT sha256, display FROM items WHERE status='ok' AND present=1 ORDER BY display"):
            files.setdefault(sha, []).append(display)
        out = []
        rows = self.db.execute("SELECT sha256, record FROM documents ORDER BY issued_on, number, sha256")
        for sha, rec in rows:
            if sha in files:
                out.append(StoredDocument(sha, tuple(files[sha]), json.loads(rec)))
        return out

    def errors(self) -> list[dict[str, str]]:
        return [
            {"file": d, "type": t, "message": m}
            for d, t, m in self.db.execute(
                "SELECT display, error_type, error_message FROM items WHERE status='error' AND present=1 ORDER BY display"
            )
        ]

    def counts(self) -> dict[str, int]:
        ok, err = self.db.execute("SELECT SUM(status='ok'), SUM(status='error') FROM items WHERE present=1").fetchone()
        docs = self.db.execute(
            "SELECT COUNT(DISTINCT sha256) FROM items WHERE status='ok' AND present=1"
        ).fetchone()[0]
        return {"files_ok": int(ok or 0), "files_failed": int(err or 0), "documents": int(docs)}

    def requests(self, as_of: date):
        from .threads import build_requests

        return build_requests(self.documents(), as_of, self.calendar)

    def archive_findings(self, as_of: date):
        from .threads import archive_findings

        docs = self.documents()
        return archive_findings(docs, self.requests(as_of), as_of)

    def findings(self, as_of: date | None = None) -> Iterator[tuple[StoredDocument, dict[str, Any]]]:
        """Passage-level findings of documents issued on or before ``as_of``."""
        for d in self.documents():
            if as_of is not None and d.issued_on is not None and d.issued_on > as_of:
                continue
            for f in d.findings:
                yield d, f
