"""The annotated corpus: loading, schema validation, fixed splits by group."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import CorpusError
from ..indicators import CODES

__all__ = ["Example", "load_corpus", "load_splits", "label_matrix", "corpus_hash", "MODES", "HARD_NEGATIVE_KINDS", "DOC_TYPES"]

MODES = ("exhibits", "reports", "none")
HARD_NEGATIVE_KINDS = (
    "quotes_directive", "clear_direction", "legit_forwarding", "routine_kt", "clear_refusal",
    "first_invitation", "clear_reminder", "self_criticism_fix",
)  # fmt: skip
DOC_TYPES = (
    "cong_van", "to_trinh", "bao_cao", "thong_bao_ket_luan", "thong_bao", "bien_ban", "ke_hoach", "giay_moi",
    "phieu_chuyen_don", "quyet_dinh", "van_ban_don_doc", "ket_luan_thanh_tra", "nghi_quyet", "huong_dan",
    "bai_bao", "thu_ban_doc", "tin_nhan_noi_bo",
)  # fmt: skip


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    labels: tuple[int, ...]
    group: str = ""
    doc_type: str = ""
    mode: str = "none"
    hard_negative: bool = False
    hard_negative_kind: str | None = None
    split: str | None = None


def _validate(obj: dict, where: str, strict: bool) -> Example:
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: not a JSON object")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise CorpusError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(obj.get("text"), str) or not obj["text"].strip():
        raise CorpusError(f"{where}: 'text' must be a non-empty string")
    labels = obj.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, int) and x in CODES for x in labels):
        raise CorpusError(f"{where}: 'labels' must be a list of integers 1-11")
    if len(set(labels)) != len(labels):
        raise CorpusError(f"{where}: 'labels' repeats a label")
    if strict:
        for key in ("group", "doc_type", "mode", "hard_negative"):
            if key not in obj:
                raise CorpusError(f"{where}: missing '{key}'")
        if obj["mode"] not in MODES:
            raise CorpusError(f"{where}: 'mode' must be one of {MODES}")
        if (obj["mode"] == "none") != (not labels):
            raise CorpusError(f"{where}: 'mode' is 'none' exactly when 'labels' is empty")
        if not isinstance(obj["hard_negative"], bool):
            raise CorpusError(f"{where}: 'hard_negative' must be true or false")
        if obj["hard_negative"] and labels:
            raise CorpusError(f"{where}: a hard negative has no labels")
        kind = obj.get("hard_negative_kind")
        if obj["hard_negative"] != (kind is not None):
            raise CorpusError(f"{where}: 'hard_negative_kind' is set exactly for hard negatives")
        if kind is not None and kind not in HARD_NEGATIVE_KINDS:
            raise CorpusError(f"{where}: unknown hard_negative_kind {kind!r}")
        if obj["doc_type"] not in DOC_TYPES:
            raise CorpusError(f"{where}: unknown doc_type {obj['doc_type']!r}")
    return Example(
        id=obj["id"],
        text=obj["text"],
        labels=tuple(sorted(labels)),
        group=str(obj.get("group", "")),
        doc_type=str(obj.get("doc_type", "")),
        mode=str(obj.get("mode", "none")),
        hard_negative=bool(obj.get("hard_negative", False)),
        hard_negative_kind=obj.get("hard_negative_kind"),
        split=obj.get("split"),
    )


def load_corpus(path: str | Path, *, strict: bool = True) -> list[Example]:
    """Read a JSONL corpus; ``strict`` also checks the annotation fields (group, mode, ...).

    Researchers' own corpora need only ``id``, ``text`` and ``labels`` (``strict=False``).
    """
    path = Path(path)
    out: list[Example] = []
    seen: set[str] = set()
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read corpus {path}: {exc}") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        ex = _validate(obj, f"{path}:{n}", strict)
        if ex.id in seen:
            raise CorpusError(f"{path}:{n}: duplicate id {ex.id!r}")
        seen.add(ex.id)
        out.append(ex)
    if not out:
        raise CorpusError(f"{path}: the corpus is empty")
    return out


def load_splits(path: str | Path) -> dict[str, str]:
    """``group -> split`` from a splits file (``{"train": [...groups], "dev": [...], "test": [...]}``)."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"cannot read splits file {path}: {exc}") from exc
    out: dict[str, str] = {}
    for split in ("train", "dev", "test"):
        for group in data.get(split, []):
            if group in out:
                raise CorpusError(f"{path}: group {group!r} is in two splits")
            out[group] = split
    return out


def with_splits(examples: Sequence[Example], splits: dict[str, str]) -> list[Example]:
    from dataclasses import replace

    out = []
    for ex in examples:
        split = ex.split or splits.get(ex.group)
        if split is None:
            raise CorpusError(f"example {ex.id}: group {ex.group!r} has no split")
        out.append(replace(ex, split=split))
    return out


def label_matrix(examples: Iterable[Example] | Iterable[Sequence[int]]) -> np.ndarray:
    rows = []
    for ex in examples:
        labels = ex.labels if isinstance(ex, Example) else ex
        rows.append([1 if code in labels else 0 for code in CODES])
    return np.array(rows, dtype=np.int8).reshape(-1, len(CODES))


def corpus_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
