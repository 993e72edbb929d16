"""Assemble the annotated corpus from its batches: validate, remove near-duplicates, split by group.

    python corpora/build_corpus.py            # writes corpora/ct56_corpus.jsonl and corpora/splits.json

Near-duplicates: two passages whose sets of word 3-grams have a Jaccard similarity above
``THRESHOLD`` (computed for every pair, as a sparse matrix product); the later one is dropped.
Splits: every batch was written for one setting in six sub-groups; in each batch one sub-group
goes to test and one to dev, chosen with a fixed seed, the other four to train.  Batches added
later (the second writing round) get their own draw; earlier assignments are never changed.  Whole groups move
together, so no group's passages are on both sides of a split.  The choice is recorded in
``splits.json`` and never re-drawn.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

HERE = Path(__file__).resolve().parent
BATCHES = HERE / "batches"
OUT = HERE / "ct56_corpus.jsonl"
SPLITS = HERE / "splits.json"
THRESHOLD = 0.4
SEED = 56


def trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < 3:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:]))


def similar_pairs(texts: list[str], threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    """All pairs (i < j) whose word-3-gram Jaccard similarity exceeds ``threshold``."""
    vocab: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    sizes = []
    for i, t in enumerate(texts):
        grams = trigrams(t)
        sizes.append(len(grams))
        for g in grams:
            rows.append(i)
            cols.append(vocab.setdefault(g, len(vocab)))
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(vocab)))
    inter = (m @ m.T).tocoo()
    sizes_arr = np.array(sizes)
    out = []
    for i, j, v in zip(inter.row, inter.col, inter.data):
        if i < j:
            jac = v / (sizes_arr[i] + sizes_arr[j] - v)
            if jac > threshold:
                out.append((int(i), int(j), float(jac)))
    return sorted(out)


def choose_splits(groups_by_batch: dict[str, list[str]]) -> dict[str, list[str]]:
    rng = random.Random(SEED)
    splits: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for batch in sorted(groups_by_batch):
        groups = sorted(groups_by_batch[batch])
        rng.shuffle(groups)
        splits["test"].append(groups[0])
        splits["dev"].append(groups[1])
        splits["train"].extend(groups[2:])
    return {k: sorted(v) for k, v in splits.items()}


def main() -> int:
    rows = []
    for path in sorted(BATCHES.glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                obj = json.loads(line)
                obj["_batch"] = path.stem
                rows.append(obj)
    pairs = similar_pairs([r["text"] for r in rows])
    drop = {j for i, j, _ in pairs}
    for i, j, s in pairs:
        print(f"near-duplicate ({s:.2f}): keep {rows[i]['id']}, drop {rows[j]['id']}", file=sys.stderr)
    kept = [r for k, r in enumerate(rows) if k not in drop]

    groups_by_batch: dict[str, set[str]] = defaultdict(set)
    for r in kept:
        groups_by_batch[r["_batch"]].add(r["group"])
    # Splits already recorded are never re-drawn; a batch added later gets its own draw.
    splits = {"train": [], "dev": [], "test": []}
    if SPLITS.exists():
        recorded = json.loads(SPLITS.read_text("utf-8"))
        splits = {k: list(recorded[k]) for k in ("train", "dev", "test")}
    known = {g for gs in splits.values() for g in gs}
    new_batches = {b: sorted(g) for b, g in groups_by_batch.items() if not (g & known)}
    for k, v in choose_splits(new_batches).items():
        splits[k] = sorted(splits[k] + v)
    split_of = {g: s for s, gs in splits.items() for g in gs}
    missing = {r["group"] for r in kept} - split_of.keys()
    if missing:
        raise SystemExit(f"groups without a split: {sorted(missing)}")

    keys = ("id", "text", "labels", "group", "doc_type", "mode", "hard_negative", "hard_negative_kind")
    with OUT.open("w", encoding="utf-8") as f:
        for r in kept:
            obj = {k: r.get(k) for k in keys}
            obj["labels"] = sorted(obj["labels"])
            obj["split"] = split_of[r["group"]]
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    meta = dict(splits)
    meta["seed"] = SEED
    meta["near_duplicate_measure"] = f"Jaccard similarity of word 3-grams > {THRESHOLD}, all pairs"
    meta["near_duplicates_removed"] = sorted(rows[j]["id"] for j in drop)
    SPLITS.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} passages read, {len(drop)} near-duplicates removed, {len(kept)} written to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
