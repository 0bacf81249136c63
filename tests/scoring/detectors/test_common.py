"""Shared detector machinery: lower-casing with stable offsets, keyword anchors, boundary factoring."""

from __future__ import annotations

import re

import pytest
from detector_helpers import make_document

from scoring.detectors._common import Anchors, factor_word_boundary, lowered


def test_lowered_keeps_offsets_even_when_unicode_lowercase_grows() -> None:
    text = "\u0130stanbul Office SHARES data"  # "İ".lower() is two characters
    low = lowered(text)
    assert len(low) == len(text)
    assert low.endswith("office shares data")


@pytest.mark.parametrize(
    ("pattern", "factored"),
    [
        (r"\bab|\bcd", r"\b(?:ab|cd)"),
        (r"\bab|x[|)]y|\bcd", r"\b(?:ab|cd)|x[|)]y"),
        (r"\b(?:a|b)c|\bd", r"\b(?:(?:a|b)c|d)"),
        (r"^(?:a|b)\bc", r"^(?:a|b)\bc"),
        (r"\bonly", r"\bonly"),
    ],
)
def test_factor_word_boundary(pattern: str, factored: str) -> None:
    assert factor_word_boundary(pattern) == factored


@pytest.mark.parametrize("text", ["ab cd", "xab", "x|y", "zcd", "a b c d", "cdab", "x)y ab"])
def test_factored_pattern_finds_the_same_match_positions(text: str) -> None:
    pattern = r"\bab|x[|)]y|\bcd"
    plain = [m.span() for m in re.finditer(pattern, text)]
    assert [m.span() for m in re.finditer(factor_word_boundary(pattern), text)] == plain


def test_anchors_map_sentences_to_the_families_of_their_keywords() -> None:
    anchors = Anchors({"law": ("law", "subpoena"), "sale": ("merge", "sale of")})
    doc = make_document("We obey the LAWS. Nothing here. A subpoena or a merger. Sales of cakes.")
    assert anchors.candidates(doc) == {0: {"law"}, 2: {"law", "sale"}}


def test_a_longer_keyword_keeps_the_families_of_its_prefixes() -> None:
    anchors = Anchors({"law": ("law",), "police": ("law enforcement",)})
    doc = make_document("Data goes to law enforcement.")
    assert anchors.candidates(doc) == {0: {"law", "police"}}
