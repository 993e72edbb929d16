"""Runs the stages once per document and merges the detectors' votes into findings.

file -> Document (readers) -> Structure -> passages -> tokens (segmented once per passage) ->
every detector -> votes merged per passage and indicator -> Findings -> Report.

Merging: the classifier's calibrated probability ``p`` and the scores ``w`` of rule and
structure detectors for the same passage and indicator combine as independent evidence
(noisy-OR, rules scaled by ``rule_scale``): ``1 - (1 - p) * prod(1 - rule_scale * w)``.  A finding
is reported when the merged score reaches the indicator's threshold.  ``rule_scale`` and the
thresholds are chosen on the dev split at training time and stored in the model's manifest.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from .detectors.base import Context, Detector, PassageView
from .detectors.classifier import ClassifierDetector
from .detectors.quotes import QUOTE_THRESHOLD, directive_overlap
from .detectors.registry import default_registry
from .indicators import CODES, label
from .passages import Passage, split_passages
from .readers import Limits, extract
from .segment import AlignmentError, Segmenter, simple_tokens
from .structure import WorkCalendar, parse_structure
from .types import SCHEMA_VERSION, Document, Evidence, Finding, Notice, Span, Structure

__all__ = ["Analyzer", "Report", "analyze", "merge_scores"]


def merge_scores(model_p: float | None, others: Iterable[float], rule_scale: float = 1.0, unscaled: Iterable[float] = ()) -> float:
    """Noisy-OR of the classifier's probability and the other detectors' scores.

    ``others`` (rules, text-only detectors) are scaled by ``rule_scale``, which training tunes
    with them; ``unscaled`` scores come from detectors that need a whole letter's structure and so
    take no part in training: their scores stand as given.
    """
    keep = 1.0 - (model_p or 0.0)
    for w in others:
        keep *= 1.0 - min(1.0, rule_scale * w)
    for w in unscaled:
        keep *= 1.0 - min(1.0, w)
    return 1.0 - keep


def merge_matrix(model_p: np.ndarray, others: Sequence[Sequence[Sequence[float]]], rule_scale: float) -> np.ndarray:
    """:func:`merge_scores` for a batch: ``model_p`` (n, 11) and, per text and indicator, scores."""
    out = np.array(model_p, dtype=float, copy=True)
    for i, row in enumerate(others):
        for k, ws in enumerate(row):
            if ws:
                out[i, k] = merge_scores(out[i, k], ws, rule_scale)
    return out


@dataclass(frozen=True)
class Report:
    """Everything ct56nlp found in one document."""

    document: Document
    structure: Structure
    passages: tuple[Passage, ...]
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...] = ()
    as_of: date | None = None
    scores: dict[int, dict[int, float]] = field(default_factory=dict)  # passage -> indicator -> score

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "document": self.document.summary(),
            "notices": [n.to_dict() for n in self.notices],
            "structure": self.structure.to_dict(),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "passages": [p.to_dict() for p in self.passages],
            "findings": [f.to_dict() for f in self.findings],
            "error": None,
        }
        if include_text:
            d["text"] = self.document.text
        return d


@functools.lru_cache(maxsize=1)
def _default_analyzer() -> "Analyzer":
    return Analyzer()


def analyze(source, *, as_of: date | None = None, media_type: str | None = None) -> Report:
    """Analyse one document (path, bytes, file object or :class:`Document`) with the default model.

    The default :class:`Analyzer` is built once per process and reused; build your own for other
    models, detectors, thresholds or calendars.
    """
    return _default_analyzer().analyze(source, as_of=as_of, media_type=media_type)


class Analyzer:
    """Extraction, structure, passages, segmentation, detectors and merging, configured once.

    ``model``: a model folder, ``None`` for the shipped default model, or ``False`` to run the
    rule and structure detectors alone.  The detectors are every one the registry knows — the
    built-ins and, with ``plugins=True``, those installed packages declare in the
    ``ct56nlp.detectors`` entry-point group — unless ``detectors`` gives the list.
    """

    def __init__(
        self,
        *,
        model: str | Path | bool | None = None,
        detectors: Sequence[Detector] | None = None,
        calendar: WorkCalendar | None = None,
        limits: Limits | None = None,
        thresholds: Sequence[float] | None = None,
        rule_scale: float | None = None,
        plugins: bool = True,
    ) -> None:
        self.calendar = calendar or WorkCalendar.default()
        self.limits = limits or Limits()
        self.segmenter = Segmenter()
        self.model = None
        self.manifest: dict[str, Any] = {}
        if hasattr(model, "predict_proba"):
            self.model = model  # an IndicatorClassifier already in memory (training, tests)
        elif model is not False:
            from .ml.persist import load_model

            self.model, self.manifest = load_model(None if model in (None, True) else model)
        if detectors is None:
            registry = default_registry(plugins=plugins)
            detectors = [registry.create(name) for name in registry.names() if name != ClassifierDetector.name]
            if self.model is not None:
                detectors.append(ClassifierDetector(self.model))
        self.detectors = list(detectors)
        self._unscaled = {d.name for d in self.detectors if "structure" in d.requires}
        merge = self.manifest.get("merge", {})
        self.rule_scale = rule_scale if rule_scale is not None else float(merge.get("rule_scale", 1.0))
        if thresholds is not None:
            self.thresholds = np.asarray(thresholds, dtype=float)
        elif self.model is not None:
            self.thresholds = np.asarray(self.model.thresholds_, dtype=float)
        else:
            self.thresholds = np.full(len(CODES), 0.5)

    # ------------------------------------------------------------------ documents
    def analyze(self, source, *, as_of: date | None = None, media_type: str | None = None) -> Report:
        doc = source if isinstance(source, Document) else extract(source, media_type=media_type, limits=self.limits)
        return self.analyze_document(doc, as_of=as_of)

    def analyze_document(self, doc: Document, *, as_of: date | None = None) -> Report:
        structure = parse_structure(doc, calendar=self.calendar)
        passages = split_passages(doc.text, structure.body_span)
        notices = list(doc.notices) + list(structure.notices)
        views = self._views(doc.text, passages, notices)
        context = Context(text=doc.text, document=doc, structure=structure, as_of=as_of, passages=tuple(passages))
        findings, scores = self._run(views, context)
        return Report(doc, structure, tuple(passages), tuple(findings), tuple(notices), as_of, scores)

    # ------------------------------------------------------------------ passages only
    def _text_views(self, texts: Sequence[str]) -> list[PassageView]:
        """One passage per text; passage ``i`` is text ``i`` (spans are relative to each text)."""
        notices: list[Notice] = []
        views = []
        for i, text in enumerate(texts):
            views.extend(self._views(text, [Passage(i, Span(0, len(text)), text, "paragraph")], notices))
        return views

    def text_votes(self, texts: Sequence[str]) -> tuple[np.ndarray, list[list[list[float]]]]:
        """For each text (one passage): the classifier's probabilities (zeros without a model) and,
        per indicator, the scores of the other detectors — the raw material of merging."""
        views = self._text_views(texts)
        model_p = np.zeros((len(texts), len(CODES)))
        others: list[list[list[float]]] = [[[] for _ in CODES] for _ in texts]
        context = Context(text="")
        for det in self.detectors:
            if isinstance(det, ClassifierDetector):
                if views:
                    model_p = det.probabilities(views)[0]
                continue
            for view, found in zip(views, det.detect_all(views, context)):
                for f in found:
                    others[view.passage.index][CODES.index(f.indicator)].append(f.score)
        return model_p, others

    def score_texts(self, texts: Sequence[str]) -> list[tuple[list[int], dict[int, float], list[Finding]]]:
        """Score free-standing passages (the ``classify`` contract), in one batch: for each text,
        the labels, the merged score of every indicator, and the findings with their evidence."""
        views = self._text_views(texts)
        findings, scores = self._run(views, Context(text=""))
        by_text: dict[int, list[Finding]] = defaultdict(list)
        for f in findings:
            by_text[f.passage].append(f)
        out = []
        for i in range(len(texts)):
            s = scores.get(i, {})
            found = by_text.get(i, [])
            out.append((sorted({f.indicator for f in found}), {c: s.get(c, 0.0) for c in CODES}, found))
        return out

    def _views(self, text: str, passages: Sequence[Passage], notices: list[Notice]) -> list[PassageView]:
        views = []
        for p in passages:
            try:
                tokens = self.segmenter.tokens(text, p.span.start, p.span.end)
            except AlignmentError as exc:
                tokens = simple_tokens(text, p.span.start, p.span.end)
                notices.append(Notice("segmentation_fallback", f"Đoạn {p.index + 1}: không căn được từ tách bởi underthesea ({exc}); dùng âm tiết."))
            views.append(PassageView(p, tuple(tokens)))
        return views

    def _run(self, views: Sequence[PassageView], context: Context) -> tuple[list[Finding], dict[int, dict[int, float]]]:
        votes: dict[tuple[int, int, Span], list[Finding]] = defaultdict(list)
        for det in self.detectors:
            for view, found in zip(views, det.detect_all(views, context)):
                for f in found:
                    votes[(view.passage.index, f.indicator, f.span)].append(f)
        findings: list[Finding] = []
        scores: dict[int, dict[int, float]] = defaultdict(dict)
        span_of = {v.passage.index: v.span for v in views}
        # Passages that quote the directive describe the behaviours without showing them.
        quoting = {v.passage.index for v in views if directive_overlap(v.text) >= QUOTE_THRESHOLD}
        for (pidx, indicator, span), fs in votes.items():
            model_p = max((f.score for f in fs if _detector(f) == ClassifierDetector.name), default=None)
            others = [f.score for f in fs if _detector(f) not in self._unscaled and _detector(f) != ClassifierDetector.name]
            unscaled = [f.score for f in fs if _detector(f) in self._unscaled]
            score = 0.0 if pidx in quoting else merge_scores(model_p, others, self.rule_scale, unscaled)
            if span == span_of.get(pidx):
                scores[pidx][indicator] = max(scores[pidx].get(indicator, 0.0), score)
            if score >= self.thresholds[CODES.index(indicator)]:
                evidence: list[Evidence] = [e for f in sorted(fs, key=lambda f: -f.score) for e in f.evidence]
                findings.append(Finding(indicator, label(indicator), span, fs[0].text, score, tuple(evidence), pidx))
        findings.sort(key=lambda f: (f.span.start, f.indicator))
        return findings, dict(scores)


def _detector(f: Finding) -> str:
    return f.evidence[0].detector if f.evidence else ""

