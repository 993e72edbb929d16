"""Canonical text: NFC, one tone-mark convention, layout clean-up, and an exact offset map."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ct56nlp.normalize import canonicalize, normalize_tone, normalize_word_tones, remove_spans


@pytest.mark.parametrize("given_,expected", [
    ("hoà", "hòa"), ("Hoà", "Hòa"), ("HOÀ", "HÒA"), ("thuý", "thúy"), ("khoẻ", "khỏe"),
    ("hoạ", "họa"), ("uỷ", "ủy"), ("Uỷ", "Ủy"), ("Thuỵ", "Thụy"), ("loà", "lòa"),
    ("hòa", "hòa"), ("quý", "quý"), ("quỳ", "quỳ"), ("ngoài", "ngoài"), ("khuỷu", "khuỷu"),
    ("người", "người"), ("quyết", "quyết"), ("giữa", "giữa"), ("già", "già"), ("gìn", "gìn"),
    ("tuổi", "tuổi"), ("thuở", "thuở"), ("của", "của"), ("huỳnh", "huỳnh"), ("hoàng", "hoàng"),
    ("nghĩa", "nghĩa"), ("khuya", "khuya"), ("Quảng", "Quảng"), ("giải", "giải"), ("oà", "òa"),
    ("email", "email"), ("UBND", "UBND"), ("café", "café"),
])  # fmt: skip
def test_traditional_tone_placement(given_, expected):
    assert normalize_word_tones(given_) == expected


def test_nfd_and_tone_variants_meet_in_one_form():
    variants = ["Cộng hoà", unicodedata.normalize("NFD", "Cộng hòa"), "Cộng hòa", unicodedata.normalize("NFD", "Cộng hoà")]
    assert {canonicalize(v)[0] for v in variants} == {"Cộng hòa"}


@pytest.mark.parametrize("raw,expected", [
    ("a\u00a0b", "a b"),
    ("a  \t b", "a b"),
    ("dòng một   \n   dòng hai", "dòng một dòng hai"),  # lower-case continuation is re-joined
    ("Kính gửi:\nSở Tư pháp", "Kính gửi:\nSở Tư pháp"),
    ("như sau:\na) việc một\nb) việc hai", "như sau:\na) việc một\nb) việc hai"),
    ("Số: 12/UBND\nv/v báo cáo", "Số: 12/UBND\nv/v báo cáo"),
    ("chính trị-\nxã hội", "chính trị-xã hội"),
    ("trang một\f\fTrang hai", "trang một\n\nTrang hai"),
    ("a\r\nB", "a\nB"),
    ("một\n\n\n\nHai", "một\n\nHai"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("  \n  lề  \n\n", "lề"),
])  # fmt: skip
def test_layout_cleanup(raw, expected):
    assert canonicalize(raw)[0] == expected


_PIECES = (
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789.,:;-/()\n\t\f\u00a0\u200b  ")
    + ["hoà", "thuý", "khoẻ", "Uỷ", "quý", "người", "a) ", "v/v "]
    + [unicodedata.normalize("NFD", c) for c in "ếộữỳảẫ"]
    + ["\u0301", "\u0323", "\r\n", "-\n"]
)
vietnamese = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(vietnamese, st.text(max_size=200)))
def test_canonicalize_is_idempotent(raw):
    once = canonicalize(raw)[0]
    assert canonicalize(once)[0] == once


@settings(max_examples=400, deadline=None)
@given(st.one_of(vietnamese, st.text(max_size=200)))
def test_offset_map_round_trips(raw):
    text, omap = canonicalize(raw)
    assert len(omap) == len(text)
    assert omap.to_source(len(text)) == len(raw)
    previous = -1
    for i in range(len(text) + 1):
        r = omap.to_source(i)
        assert r > previous or (i == len(text) and r >= previous)  # strictly increasing
        previous = r
        assert omap.from_source(r) == i
    # Digits and consonants are never rewritten (a tone mark may move between vowels): each maps
    # onto itself.
    for i, ch in enumerate(text):
        if ch in "0123456789bcdfghjklmnpqrstvxzBCDFGHJKLMNPQRSTVXZđĐ":
            assert raw[omap.to_source(i)] == ch


@settings(max_examples=200, deadline=None)
@given(vietnamese)
def test_every_canonical_character_comes_from_its_source_cluster(raw):
    text, omap = canonicalize(raw)
    for i, ch in enumerate(text):
        start, end = omap.to_source(i), omap.to_source(i + 1)
        piece = raw[start:end]
        if ch in " \n" or unicodedata.category(ch).startswith("M"):
            continue  # whitespace is rewritten by layout rules; stray marks may be reordered by NFC
        # The source cluster, normalised, carries the same base letter.
        base = unicodedata.normalize("NFD", ch)[0].lower()
        assert base in unicodedata.normalize("NFD", piece).lower() or normalize_tone(piece) != piece


def test_remove_spans_maps_back():
    text, omap = remove_spans("abcXYZdef", [(3, 6)])
    assert text == "abcdef"
    assert [omap.to_source(i) for i in range(7)] == [0, 1, 2, 6, 7, 8, 9]
