"""``ct56nlp evaluate``: the full passage-level pipeline (rules, structure-free detectors and the
classifier, merged as in :class:`~ct56nlp.analyzer.Analyzer`) measured on a labelled corpus, with
a snorkel-style table for the rules and the directive-keyword baseline beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from ..analyzer import Analyzer
from ..detectors.rules import RuleDetector
from .baseline import KeywordBaseline
from .dataset import label_matrix, load_corpus, load_splits, with_splits
from .metrics import indicator_report, rule_table

__all__ = ["evaluate"]


def evaluate(
    corpus_path: str | Path,
    model_dir: str | Path | None = None,
    *,
    split: str | None = "test",
    splits_path: str | Path | None = None,
) -> dict[str, Any]:
    examples = load_corpus(corpus_path, strict=False)
    if splits_path is not None:
        examples = with_splits(examples, load_splits(splits_path))
    if split and split != "all" and any(e.split for e in examples):
        examples = [e for e in examples if e.split == split]
        if not examples:
            raise ValueError(f"no passages in split {split!r}")
    texts = [e.text for e in examples]
    Y = label_matrix(examples)
    hn = [e.hard_negative for e in examples]
    analyzer = Analyzer(model=model_dir if model_dir is not None else None)
    results = analyzer.score_texts(texts)
    pred = label_matrix([labels for labels, _, _ in results])
    report = indicator_report(Y, pred, hard_negative=hn)

    rules_det = next((d for d in analyzer.detectors if isinstance(d, RuleDetector)), RuleDetector())
    fired = np.array([[r.match(t.lower()) is not None for r in rules_det.rules] for t in texts], dtype=bool).reshape(len(texts), -1)
    rules = rule_table(fired, [r.indicator for r in rules_det.rules], Y, [r.id for r in rules_det.rules])
    base = indicator_report(Y, KeywordBaseline().predict(texts), hard_negative=hn)
    return {
        "corpus": str(corpus_path),
        "split": split if any(e.split for e in examples) else "all",
        "model": analyzer.manifest.get("corpus", {}),
        "report": report,
        "keyword_baseline": base,
        "rules": rules,
    }
