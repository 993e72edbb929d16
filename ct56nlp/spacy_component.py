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
from .errors import EmptyDocumentError
from .readers import build_document
from .readers.base import Extracted
from .segment import AlignmentError, Segmenter, simple_tokens

__all__ = ["VietnameseTokenizer", "Ct56Indicators", "pipeline", "SPAN_KEY"]

SPAN_KEY = "ct56"

def _finding_getter(field: str):
    # spaCy keys span extension values by character offsets only, and two findings (two
    # indicators) can share a passage: look them up by offsets *and* label instead.
    def get(span: Span):
        return span.doc.user_data.get(SPAN_KEY, {}).get((span.start_char, span.end_char, span.label_), {}).get(field)

    return get


for _name in ("score", "indicator", "evidence"):
    if not Span.has_extension(f"ct56_{_name}"):
        Span.set_extension(f"ct56_{_name}", getter=_finding_getter(_name))


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
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for tok in [*tokens, None]:
            stop = tok.span.start if tok is not None else len(text)
            gap = text[pos:stop]
            if gap and words and gap[0] == " " and not spaces[-1]:
                spaces[-1] = True  # one space after a word is spaCy's trailing whitespace
                gap = gap[1:]
            if gap:
                words.append(gap)  # any other whitespace (or unsegmented text) is a token of its own
                spaces.append(False)
            if tok is not None:
                words.append(tok.text)
                spaces.append(False)
                pos = tok.span.end
        return Doc(self.vocab, words=words, spaces=spaces)

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
        doc.spans[SPAN_KEY] = []
        doc.user_data[SPAN_KEY] = {}
        try:
            # The doc's text is the letter itself: canonicalised (and stamps removed) as any text
            # file would be, with the offset map leading back to ``doc.text``.
            document = build_document(Extracted("text/plain", [doc.text]), doc.text.encode("utf-8"), None, self.analyzer.limits)
        except EmptyDocumentError:
            return doc
        report = self.analyzer.analyze_document(document)
        spans = []
        data: dict[tuple[int, int, str], dict[str, Any]] = {}
        for f in report.findings:
            src = document.source_span(f.span)
            start, end = src.start, src.end
            span = doc.char_span(start, end, label=f"({f.indicator}) {f.label}", alignment_mode="expand")
            if span is None:
                continue
            data[(span.start_char, span.end_char, span.label_)] = {
                "score": f.score, "indicator": f.indicator, "evidence": [e.to_dict() for e in f.evidence],
            }  # fmt: skip
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.user_data[SPAN_KEY] = data
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
