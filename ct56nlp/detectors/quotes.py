"""Recognising text that quotes the directive itself.

Section 7 of Directive 56-CT/TU *describes* the eleven behaviours in the words a detector reacts
to; a plan or a report that copies those sentences propagates the directive and must stay quiet.
A passage whose word 3-grams come mostly from the directive's text (shipped in
``ct56nlp/data/directive/``) is a quotation, whatever else the detectors think of it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

__all__ = ["directive_overlap", "QUOTE_THRESHOLD"]

QUOTE_THRESHOLD = 0.35
_WORD = re.compile(r"[^\W\d_]+")


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return set(zip(words, words[1:], words[2:]))


@functools.lru_cache(maxsize=1)
def _directive_trigrams() -> frozenset[tuple[str, str, str]]:
    text = resources.files("ct56nlp").joinpath("data", "directive", "56-CT-TU.txt").read_text("utf-8")
    return frozenset(_trigrams(text))


def directive_overlap(text: str) -> float:
    """Share of the passage's word 3-grams that occur in the directive (0 for very short text)."""
    grams = _trigrams(text)
    if len(grams) < 4:
        return 0.0
    return len(grams & _directive_trigrams()) / len(grams)
