"""Metrics researchers can trust: per-indicator precision/recall/F1, macro and micro, the share
of compliant passages flagged, and snorkel-style statistics for the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from ..indicators import CODES, label

__all__ = ["indicator_report", "rule_table", "format_report"]


def indicator_report(Y: np.ndarray, pred: np.ndarray, *, hard_negative: Sequence[bool] | None = None) -> dict[str, Any]:
    """Per-indicator and averaged scores of 0/1 predictions ``pred`` against gold ``Y`` (n, 11)."""
    Y = np.asarray(Y)
    pred = np.asarray(pred)
    p, r, f, support = precision_recall_fscore_support(Y, pred, average=None, zero_division=0)
    micro = precision_recall_fscore_support(Y, pred, average="micro", zero_division=0)
    compliant = ~Y.any(axis=1)
    flagged = pred.any(axis=1)
    out: dict[str, Any] = {
        "n": int(len(Y)),
        "per_indicator": {
            str(code): {"label": label(code), "precision": float(p[k]), "recall": float(r[k]), "f1": float(f[k]), "support": int(support[k])}
            for k, code in enumerate(CODES)
        },
        "macro": {"precision": float(p.mean()), "recall": float(r.mean()), "f1": float(f.mean())},
        "micro": {"precision": float(micro[0]), "recall": float(micro[1]), "f1": float(micro[2])},
        "compliant": int(compliant.sum()),
        "compliant_flagged": float(flagged[compliant].mean()) if compliant.any() else 0.0,
        "exact_match": float((Y == pred).all(axis=1).mean()) if len(Y) else 0.0,
    }
    if hard_negative is not None:
        hn = np.asarray(hard_negative, dtype=bool)
        out["hard_negatives"] = int(hn.sum())
        out["hard_negatives_flagged"] = float(flagged[hn].mean()) if hn.any() else 0.0
    return out


def rule_table(fired: np.ndarray, rule_indicators: Sequence[int], Y: np.ndarray, rule_ids: Sequence[str]) -> list[dict[str, Any]]:
    """For each rule (a labelling function that votes for one indicator or abstains): coverage,
    overlap (fires where another rule fires), conflict (another rule fires for a different
    indicator), and precision (share of its firings where its indicator is in the gold labels)."""
    fired = np.asarray(fired, dtype=bool)  # (n, n_rules)
    n = max(1, fired.shape[0])
    out = []
    ind = np.asarray(rule_indicators)
    for j, rid in enumerate(rule_ids):
        col = fired[:, j]
        others = np.delete(fired, j, axis=1)
        other_ind = np.delete(ind, j)
        overlap = col & others.any(axis=1)
        conflict = col & (others & (other_ind != ind[j])).any(axis=1)
        hits = col & (Y[:, CODES.index(int(ind[j]))] == 1)
        out.append({
            "rule": rid,
            "indicator": int(ind[j]),
            "fires": int(col.sum()),
            "coverage": float(col.sum() / n),
            "overlap": float(overlap.sum() / n),
            "conflict": float(conflict.sum() / n),
            "precision": float(hits.sum() / col.sum()) if col.any() else None,
        })  # fmt: skip
    return out


def format_report(report: dict[str, Any], title: str = "") -> str:
    lines = []
    if title:
        lines.append(title)
    lines.append(f"{'indicator':<5} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}  label")
    for code, m in report["per_indicator"].items():
        lines.append(f"{code:<9} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f} {m['support']:>8}  {m['label']}")
    mac, mic = report["macro"], report["micro"]
    lines.append(f"{'macro':<9} {mac['precision']:>9.3f} {mac['recall']:>7.3f} {mac['f1']:>6.3f}")
    lines.append(f"{'micro':<9} {mic['precision']:>9.3f} {mic['recall']:>7.3f} {mic['f1']:>6.3f}")
    lines.append(f"compliant passages flagged: {report['compliant_flagged']:.3f} of {report['compliant']}")
    if "hard_negatives" in report:
        lines.append(f"hard negatives flagged: {report['hard_negatives_flagged']:.3f} of {report['hard_negatives']}")
    return "\n".join(lines)
