"""A keyword baseline built from the directive's own wording.

For each indicator, the two-syllable phrases of its wording in section 7 ("lòng vòng", "chuyển
ngang", "thờ ơ", "họp bàn", ...) that occur in no other indicator's wording, and are not made only
of function words, form its keyword list; a passage gets the indicator when it contains at least
``min_hits`` of them (matched at word boundaries).  If this baseline scores well on a corpus, the
corpus leans on the directive's vocabulary instead of showing the behaviours — which is exactly
what the corpus is written to avoid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..indicators import INDICATORS

__all__ = ["KeywordBaseline"]

_FUNCTION = frozenset(
    """không và hoặc các những của trong khi thì mà có được để cho với về theo đối này đó từ đến nhưng
    một là người cơ quan đơn vị việc thực hiện nhất""".split()
)
_SYLLABLE = re.compile(r"[^\W\d_]+")


def _bigrams(text: str) -> set[str]:
    syl = _SYLLABLE.findall(text.lower())
    return {f"{a} {b}" for a, b in zip(syl, syl[1:]) if not (a in _FUNCTION and b in _FUNCTION)}


class KeywordBaseline:
    def __init__(self, min_hits: int = 1) -> None:
        self.min_hits = min_hits
        grams = [_bigrams(ind.wording) for ind in INDICATORS]
        counts = Counter(g for gs in grams for g in gs)
        self.keywords = [sorted(g for g in gs if counts[g] == 1) for gs in grams]
        self._patterns = [
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(g) for g in words) + r")(?!\w)") if words else None
            for words in self.keywords
        ]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.keywords)), dtype=np.int8)
        for i, text in enumerate(texts):
            low = " ".join(text.lower().split())
            for k, pattern in enumerate(self._patterns):
                if pattern is not None:
                    out[i, k] = int(len(pattern.findall(low)) >= self.min_hits)
        return out
