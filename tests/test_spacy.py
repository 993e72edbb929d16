"""spaCy: ct56nlp's tokenizer reproduces the text; the component fills doc.spans["ct56"]."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import ct56nlp.spacy_component as sc

LETTER = (Path(__file__).resolve().parent.parent / "examples" / "cong-van-215-SXD-QLXD.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def nlp():
    return sc.pipeline()


def test_component_stores_findings_as_spans(nlp):
    doc = nlp(LETTER)
    assert doc.text == LETTER
    spans = doc.spans[sc.SPAN_KEY]
    assert spans, "the example reply should yield findings"
    report = __import__("ct56nlp").analyze(LETTER.encode("utf-8"))
    assert sorted((s.start_char, s.end_char) for s in spans) == sorted(
        (f.span.start, f.span.end) for f in report.findings  # this letter is already canonical
    )
    for s in spans:
        assert s.label_.startswith(f"({s._.ct56_indicator})")
        assert 0 < s._.ct56_score <= 1 and s._.ct56_evidence
    assert any(s._.ct56_indicator == 5 for s in spans)
    html = sc.displacy_html(doc)
    assert "Không trả lời" in html


def test_offsets_point_into_the_docs_own_text_despite_stamps_and_spacing(nlp):
    stamped = "Ký bởi: Sở Xây dựng\nThời gian ký: 05.03.2024 15:36:22 +07:00\n" + LETTER.replace("Sở Xây dựng sẽ", "Sở  Xây dựng  sẽ")
    doc = nlp(stamped)
    assert doc.text == stamped
    spans = doc.spans[sc.SPAN_KEY]
    assert spans and all(s.start_char > stamped.index("+07:00") for s in spans)
    assert any("tiếp tục" in s.text for s in spans if s._.ct56_indicator == 5)
    assert list(nlp("").spans[sc.SPAN_KEY]) == []


def test_pipeline_needs_no_pyvi():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "ct56nlp.VietnameseTokenizer.v1"}}})
    doc = nlp("Sở Xây dựng trả lời Công văn số 12/UBND-KT.")
    assert [t.text for t in doc][:3] == ["Sở", "Xây dựng", "trả lời"]
    assert "12/UBND-KT" in [t.text for t in doc]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Sở", "Xây dựng", " ", "  ", "\n", "\n\n", "số 12/UBND-KT", "ngày 05/3/2024", ",", ".", "hòa giải", "\t"]), max_size=30).map("".join))
def test_tokenizer_reproduces_any_text(text):
    tok = sc.VietnameseTokenizer(spacy.blank("xx").vocab)
    assert tok(text).text == text
