"""Text -> the feature string the trained pipeline reads.

The pipeline itself holds only scikit-learn objects (so it can be saved with skops and loaded
against an allow-list); segmentation happens here, before it: each passage becomes its
underthesea words, lower-cased, syllables joined by "_", numbers and dates replaced by
placeholders ("<number>", "<date>"), so "Công văn số 215/SXD-QLXD ngày 05/3/2024" and
"CV số 17/UBND ngày 02/01/2025" read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..segment import AlignmentError, Segmenter, Token, simple_tokens

__all__ = ["feature_string", "feature_strings"]

_YEARISH = re.compile(r"^(?:19|20)\d\d$")


def _feature(tok: Token) -> str:
    if tok.kind == "number":
        return "<year>" if _YEARISH.match(tok.text) else "<number>"
    if tok.kind == "date":
        return "<date>"
    return tok.feature


def feature_string(text: str, segmenter: Segmenter | None = None, tokens: Iterable[Token] | None = None) -> str:
    if tokens is None:
        segmenter = segmenter or Segmenter()
        try:
            tokens = segmenter.tokens(text)
        except AlignmentError:
            tokens = simple_tokens(text)
    return " ".join(_feature(t) for t in tokens)


def feature_strings(texts: Iterable[str], segmenter: Segmenter | None = None) -> list[str]:
    segmenter = segmenter or Segmenter()
    return [feature_string(t, segmenter) for t in texts]
