"""``ct56nlp train``: fit on the train split, choose on dev, measure on test once, save.

1. Passages are segmented once (underthesea) into feature strings.
2. Model selection on the **dev** split only: the SVM's ``C``, how much the rule and structure
   detectors count when merged with the classifier (``rule_scale``), and the decision threshold —
   the combination with the best dev macro-F1 among those that flag at most
   ``max_compliant_flagged`` of dev's compliant passages.
3. The chosen model is fitted on the **train** split and evaluated **once** on test; the test
   scores go into the manifest and are never used for a choice.
4. Five-fold cross-validation grouped by ``group`` over the whole corpus, with the chosen
   settings, gives the spread of the scores across groups of writing.

Seeds are fixed, so the same corpus gives the same model.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from ..analyzer import Analyzer, merge_matrix
from ..indicators import CODES
from ..segment import Segmenter
from .baseline import KeywordBaseline
from .dataset import Example, corpus_hash, label_matrix, load_corpus, load_splits, with_splits
from .features import feature_strings
from .metrics import indicator_report
from .model import IndicatorClassifier
from .persist import save_model

__all__ = ["train", "assign_splits"]

log = logging.getLogger(__name__)

GRID_C = (0.5, 1.0, 3.0)
GRID_RULE_SCALE = (0.0, 0.5, 1.0)
GRID_THRESHOLD = tuple(float(x) for x in np.round(np.arange(0.2, 0.61, 0.05), 2))


def assign_splits(examples: Sequence[Example], seed: int = 0) -> list[Example]:
    """Splits for a corpus that records none: whole groups to train/dev/test (70/15/15 of the
    groups, seeded); without groups, each passage is its own group."""
    if all(e.split in ("train", "dev", "test") for e in examples):
        return list(examples)
    groups = sorted({e.group or e.id for e in examples})
    rng = random.Random(seed)
    rng.shuffle(groups)
    n = len(groups)
    n_test = max(1, round(0.15 * n))
    n_dev = max(1, round(0.15 * n))
    split_of = {g: "test" for g in groups[:n_test]}
    split_of.update({g: "dev" for g in groups[n_test : n_test + n_dev]})
    split_of.update({g: "train" for g in groups[n_test + n_dev :]})
    return [replace(e, split=split_of[e.group or e.id]) for e in examples]


def _rule_votes(texts: Sequence[str]) -> list[list[list[float]]]:
    """The votes of every detector but the classifier, for passages scored on their own."""
    return Analyzer(model=False).text_votes(texts)[1]


def train(
    corpus_path: str | Path,
    out_dir: str | Path,
    *,
    splits_path: str | Path | None = None,
    seed: int = 0,
    max_compliant_flagged: float = 0.08,
    cv_folds: int = 5,
    progress=print,
) -> dict[str, Any]:
    """Train, select, evaluate and save a model; return the report (also in the manifest)."""
    corpus_path = Path(corpus_path)
    examples = load_corpus(corpus_path, strict=False)
    if splits_path is not None:
        examples = with_splits(examples, load_splits(splits_path))
    examples = assign_splits(examples, seed)
    by_split = {s: [e for e in examples if e.split == s] for s in ("train", "dev", "test")}
    for s, rows in by_split.items():
        if not rows:
            raise ValueError(f"the {s} split is empty")
    progress(f"corpus {corpus_path.name}: " + ", ".join(f"{s} {len(r)}" for s, r in by_split.items()))

    seg = Segmenter()
    feats = {s: feature_strings([e.text for e in rows], seg) for s, rows in by_split.items()}
    Y = {s: label_matrix(rows) for s, rows in by_split.items()}
    rules = {s: _rule_votes([e.text for e in by_split[s]]) for s in ("dev", "test")}

    # ---- model selection on dev
    best: tuple[float, dict[str, Any]] | None = None
    fitted: dict[float, IndicatorClassifier] = {}
    for C in GRID_C:
        model = fitted[C] = IndicatorClassifier(C=C, seed=seed).fit(None, Y["train"], features=feats["train"])
        P = model.predict_proba(None, features=feats["dev"])
        for scale in GRID_RULE_SCALE:
            merged = merge_matrix(P, rules["dev"], scale)
            for th in GRID_THRESHOLD:
                rep = indicator_report(Y["dev"], (merged >= th).astype(int))
                ok = rep["compliant_flagged"] <= max_compliant_flagged
                key = (ok, rep["macro"]["f1"])
                if best is None or key > best[0]:
                    best = (key, {"C": C, "rule_scale": scale, "threshold": float(th), "dev": rep})
        progress(f"  C={C}: best dev macro-F1 so far {best[0][1]:.3f}")
    choice = best[1]
    dev_merged = merge_matrix(fitted[choice["C"]].predict_proba(None, features=feats["dev"]), rules["dev"], choice["rule_scale"])
    choice["thresholds"] = _per_indicator_thresholds(dev_merged, Y["dev"], choice["threshold"], max_compliant_flagged)
    choice["dev"] = indicator_report(
        Y["dev"], (dev_merged >= np.asarray(choice["thresholds"])).astype(int), hard_negative=[e.hard_negative for e in by_split["dev"]]
    )
    progress(
        f"chosen on dev: C={choice['C']}, rule_scale={choice['rule_scale']}, threshold={choice['threshold']} "
        f"(per indicator: {choice['thresholds']}) "
        f"-> dev macro-F1 {choice['dev']['macro']['f1']:.3f}, compliant flagged {choice['dev']['compliant_flagged']:.3f}"
    )

    # ---- final model on train; test once
    model = fitted[choice["C"]]  # already fitted on train during selection
    model.thresholds_ = np.asarray(choice["thresholds"])
    P_test = merge_matrix(model.predict_proba(None, features=feats["test"]), rules["test"], choice["rule_scale"])
    hn_test = [e.hard_negative for e in by_split["test"]]
    test_rep = indicator_report(Y["test"], (P_test >= model.thresholds_).astype(int), hard_negative=hn_test)
    baseline = KeywordBaseline()
    base_rep = indicator_report(Y["test"], baseline.predict([e.text for e in by_split["test"]]), hard_negative=hn_test)

    # ---- grouped cross-validation over the whole corpus with the chosen settings
    cv = _grouped_cv(examples, seg, choice, seed, cv_folds, progress)

    info = {
        "corpus": {"file": corpus_path.name, "sha256": corpus_hash(corpus_path), "n": len(examples),
                   "splits": {s: len(r) for s, r in by_split.items()}},
        "seed": seed,
        "merge": {"rule_scale": choice["rule_scale"], "strategy": "noisy_or"},
        "selection": {"grid": {"C": list(GRID_C), "rule_scale": list(GRID_RULE_SCALE), "threshold": list(GRID_THRESHOLD)},
                      "max_compliant_flagged": max_compliant_flagged,
                      "chosen": {k: choice[k] for k in ("C", "rule_scale", "threshold", "thresholds")}},
        "metrics": {"dev": choice["dev"], "test": test_rep, "keyword_baseline_test": base_rep, "grouped_cv": cv},
    }  # fmt: skip
    save_model(model, out_dir, info=info)
    progress(f"saved to {out_dir}")
    return info


def _per_indicator_thresholds(P: np.ndarray, Y: np.ndarray, base: float, max_flagged: float) -> list[float]:
    """Move an indicator's threshold off the common one only where dev clearly gains.

    Candidates lie within ±0.1 of ``base``; a move must raise that indicator's dev F1 by at least
    0.02 (smaller gains are noise at this dev size) and keep the share of compliant passages
    flagged within ``max_flagged``.
    """
    thresholds = [base] * Y.shape[1]
    compliant = ~Y.any(axis=1)
    for k in range(Y.shape[1]):
        def f1_at(t: float) -> float:
            return float(f1_score(Y[:, k], (P[:, k] >= t).astype(int), zero_division=0))

        best_t, best_f = base, f1_at(base)
        for t in (base - 0.1, base - 0.05, base + 0.05, base + 0.1):
            f = f1_at(t)
            trial = list(thresholds)
            trial[k] = t
            flagged = float((P[compliant] >= np.asarray(trial)).any(axis=1).mean()) if compliant.any() else 0.0
            if f >= best_f + 0.02 and flagged <= max_flagged:
                best_t, best_f = t, f
        thresholds[k] = round(best_t, 2)
    return thresholds


def _grouped_cv(examples, seg, choice, seed, folds, progress) -> dict[str, Any]:
    groups = np.array([e.group or e.id for e in examples])
    n_groups = len(set(groups))
    folds = min(folds, n_groups)
    if folds < 2:
        return {}
    texts = [e.text for e in examples]
    feats = feature_strings(texts, seg)
    Y = label_matrix(examples)
    rules = _rule_votes(texts)
    scores = []
    for k, (tr, te) in enumerate(GroupKFold(n_splits=folds).split(texts, Y, groups)):
        m = IndicatorClassifier(C=choice["C"], seed=seed).fit(None, Y[tr], features=[feats[i] for i in tr])
        P = merge_matrix(m.predict_proba(None, features=[feats[i] for i in te]), [rules[i] for i in te], choice["rule_scale"])
        rep = indicator_report(Y[te], (P >= np.asarray(choice["thresholds"])).astype(int))
        scores.append(rep)
        progress(f"  fold {k + 1}/{folds}: macro-F1 {rep['macro']['f1']:.3f}, compliant flagged {rep['compliant_flagged']:.3f}")
    macro = np.array([r["macro"]["f1"] for r in scores])
    per = np.array([[r["per_indicator"][str(c)]["f1"] for c in CODES] for r in scores])
    flagged = np.array([r["compliant_flagged"] for r in scores])
    return {
        "folds": folds,
        "macro_f1_mean": float(macro.mean()), "macro_f1_std": float(macro.std(ddof=1)) if folds > 1 else 0.0,
        "per_indicator_f1_mean": {str(c): float(per[:, k].mean()) for k, c in enumerate(CODES)},
        "per_indicator_f1_std": {str(c): float(per[:, k].std(ddof=1)) for k, c in enumerate(CODES)},
        "compliant_flagged_mean": float(flagged.mean()),
        "macro_f1_by_fold": [float(x) for x in macro],
    }  # fmt: skip
