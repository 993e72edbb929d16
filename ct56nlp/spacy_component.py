"""spaCy integration: ct56nlp's segmentation as a Vietnamese tokenizer, and a pipeline component
that stores findings in ``doc.spans["ct56"]`` (so displaCy's span visualiser renders them).

    import spacy, ct56nlp.spacy_component  # registers the factories
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "ct56nlp.VietnameseTokenizer.v1"}}})
    nlp.add_pipe("ct56_indicators")
    doc = nlp(text)
    [(s.text, s.label_, s._.ct56_score) for s in doc.spans["ct56"]]

or simply ``ct56nlp.spacy_component.pipeline()``.  Tokens are underthesea words (so pyvi, which
spaCy's own Vietnamese tokenizer needs, is not needed); ``doc.text`` is the input exactly.
"""

from __future__ import annotations

from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .analyzer import Analyzer
from .normalize import canonicalize
from .segment import AlignmentError, Segmenter, simple_tokens

__all__ = ["VietnameseTokenizer", "Ct56Indicators", "pipeline", "SPAN_KEY"]

SPAN_KEY = "ct56"

for _name in ("ct56_score", "ct56_indicator", "ct56_evidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class VietnameseTokenizer:
    """Word segmentation by ct56nlp (underthesea, aligned to the text): ``doc.text == text``."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.segmenter = Segmenter()

    def __call__(self, text: str) -> Doc:
        try:
            tokens = self.segmenter.tokens(text)
        except AlignmentError:
            tokens = simple_tokens(text)
        words, spaces = [], []
        pos = 0
        for tok in tokens:
            if tok.span.start > pos:  # text between tokens that is not a single space
                gap = text[pos : tok.span.start]
                if gap != " " and words:
                    if gap.startswith(" "):
                        spaces[-1] = True
                        gap = gap[1:]
                    if gap:
                        words.append(gap)
                        spaces.append(False)
                elif not words and gap:
                    words.append(gap)
                    spaces.append(False)
            words.append(tok.text)
            following = text[tok.span.end : tok.span.end + 1]
            spaces.append(following == " ")
            pos = tok.span.end + (1 if following == " " else 0)
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "VietnameseTokenizer":
        return self


@registry.tokenizers("ct56nlp.VietnameseTokenizer.v1")
def create_tokenizer():
    def make(nlp: Language) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab)

    return make


class Ct56Indicators:
    """Runs ct56nlp's analyzer on the doc's text and stores findings as spans."""

    def __init__(self, nlp: Language, name: str, model: str | None, use_model: bool) -> None:
        self.name = name
        self.analyzer = Analyzer(model=model if use_model else False)

    def __call__(self, doc: Doc) -> Doc:
        text, omap = canonicalize(doc.text)
        report = self.analyzer.analyze(text.encode("utf-8"))
        spans = []
        for f in report.findings:
            start, end = omap.to_source(f.span.start), omap.to_source(f.span.end)
            span = doc.char_span(start, end, label=f"({f.indicator}) {f.label}", alignment_mode="expand")
            if span is None:
                continue
            span._.ct56_score = f.score
            span._.ct56_indicator = f.indicator
            span._.ct56_evidence = [e.to_dict() for e in f.evidence]
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc


@Language.factory(
    "ct56_indicators",
    default_config={"model": None, "use_model": True},
    assigns=["doc.spans"],
)
def make_ct56_indicators(nlp: Language, name: str, model: str | None, use_model: bool) -> Ct56Indicators:
    return Ct56Indicators(nlp, name, model, use_model)


def pipeline(*, model: str | None = None, use_model: bool = True) -> Language:
    """A blank Vietnamese spaCy pipeline with ct56nlp's tokenizer and the indicators component."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "ct56nlp.VietnameseTokenizer.v1"}}})
    nlp.add_pipe("ct56_indicators", config={"model": model, "use_model": use_model})
    return nlp


def displacy_html(doc: Doc, **options: Any) -> str:
    """The findings of ``doc`` rendered by displaCy's span visualiser."""
    from spacy import displacy

    return displacy.render(doc, style="span", options={"spans_key": SPAN_KEY, **options}, page=False)
