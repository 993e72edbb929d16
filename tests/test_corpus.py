"""The annotated corpus: schema, ids, split by group without leaks, and the stated minimums."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ct56nlp.ml.dataset import HARD_NEGATIVE_KINDS, load_corpus, load_splits

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "ct56_corpus.jsonl"
SPLITS = ROOT / "corpora" / "splits.json"

import sys  # noqa: E402

sys.path.insert(0, str(ROOT / "corpora"))
from build_corpus import THRESHOLD, similar_pairs  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS)  # strict: raises on any schema problem


def test_schema_and_unique_ids(corpus):
    assert len({e.id for e in corpus}) == len(corpus)
    raw = [json.loads(x) for x in CORPUS.read_text("utf-8").splitlines()]
    for r in raw:
        assert set(r) == {"id", "text", "labels", "group", "doc_type", "mode", "hard_negative", "hard_negative_kind", "split"}


def test_minimum_counts(corpus):
    assert len(corpus) >= 2400
    per = Counter(c for e in corpus for c in e.labels)
    assert all(per[c] >= 120 for c in range(1, 12)), per
    compliant = [e for e in corpus if not e.labels]
    assert len(compliant) >= 1000
    hard = [e for e in compliant if e.hard_negative]
    assert len(hard) >= 450
    kinds = Counter(e.hard_negative_kind for e in hard)
    assert set(kinds) == set(HARD_NEGATIVE_KINDS) and min(kinds.values()) >= 30


def test_split_is_by_group_and_recorded(corpus):
    recorded = load_splits(SPLITS)
    for e in corpus:
        assert e.split == recorded[e.group], e.id
    by_group: dict[str, set] = {}
    for e in corpus:
        by_group.setdefault(e.group, set()).add(e.split)
    assert all(len(s) == 1 for s in by_group.values())
    sizes = Counter(e.split for e in corpus)
    assert sizes["test"] >= 400 and sizes["dev"] >= 300


def test_no_near_duplicates_anywhere(corpus):
    pairs = similar_pairs([e.text for e in corpus], THRESHOLD)
    assert pairs == [], [(corpus[i].id, corpus[j].id, round(s, 2)) for i, j, s in pairs[:5]]


def test_positives_rarely_use_the_directive_words(corpus):
    words = ("đùn đẩy", "né tránh", "lòng vòng", "chung chung", "thờ ơ", "vô cảm", "bàng quan")
    positives = [e for e in corpus if e.labels]
    using = [e for e in positives if any(w in e.text.lower() for w in words)]
    assert len(using) / len(positives) < 0.02
    quoting = [e for e in corpus if e.hard_negative_kind == "quotes_directive"]
    assert sum(1 for e in quoting if any(w in e.text.lower() for w in words)) / len(quoting) > 0.3
