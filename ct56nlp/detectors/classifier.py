"""The trained multi-label classifier as one more detector.

It scores every passage for all 11 indicators in one batch and votes with the calibrated
probability; its evidence names the passage's words and character n-grams that pushed the score
up most (the model's top features).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..indicators import CODES
from ..ml.features import feature_string
from ..types import Finding
from .base import Context, Detector, PassageView, make_finding

__all__ = ["ClassifierDetector"]


class ClassifierDetector(Detector):
    name = "classifier"
    indicators = tuple(CODES)
    requires = ("tokens",)

    def __init__(self, model, *, min_score: float = 0.05, top_k: int = 5) -> None:
        self.model = model
        self.min_score = min_score
        self.top_k = top_k

    def probabilities(self, views: Sequence[PassageView]) -> tuple[np.ndarray, list[str]]:
        """The probabilities (n, 11) and the feature strings they were computed from."""
        strings = [feature_string(v.text, tokens=v.tokens) for v in views]
        return self.model.predict_proba(None, features=strings), strings

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        return self.detect_all([view], context)[0]

    def detect_all(self, views: Sequence[PassageView], context: Context) -> list[list[Finding]]:
        if not views:
            return []
        proba, strings = self.probabilities(views)
        out: list[list[Finding]] = []
        for view, row, fs in zip(views, proba, strings):
            found = []
            for k, p in enumerate(row):
                if p < self.min_score:
                    continue
                feats = self.model.top_features(fs, k, self.top_k) if p >= 0.2 else []
                msg = f"Mô hình phân loại: xác suất {p:.0%}" + (f"; từ ngữ nổi bật: {', '.join(feats)}" if feats else "")
                found.append(make_finding(self.name, CODES[k], view, float(p), msg, features=feats))
            out.append(found)
        return out
