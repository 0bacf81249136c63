"""Readability figures in words, and the typical-policy figures they are compared against."""

from __future__ import annotations

import glob
import statistics
from pathlib import Path

import pytest

import scoring
from api.pages.readability_words import (
    TYPICAL_MEDIAN_READING_EASE,
    TYPICAL_MEDIAN_WORDS,
    TYPICAL_SOURCE_COUNT,
    difficulty_in_words,
    duration_in_words,
    ease_comparison,
    length_comparison,
    readability_in_words,
    reading_time_in_words,
)

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "policies" / "opp115"


@pytest.mark.parametrize(
    ("ease", "expected"),
    [
        (95.0, "very easy: about as hard as a comic strip"),
        (90.0, "very easy: about as hard as a comic strip"),
        (89.9, "easy: about as hard as popular fiction"),
        (65.0, "plain English: about as hard as a digest magazine such as Reader's Digest"),
        (55.0, "fairly difficult: about as hard as a quality magazine such as The Atlantic"),
        (33.0, "difficult: about as hard as an academic paper"),
        (30.0, "difficult: about as hard as an academic paper"),
        (29.9, "very difficult: about as hard as a scientific or legal journal"),
        (-40.0, "very difficult: about as hard as a scientific or legal journal"),
    ],
)
def test_difficulty_bands(ease: float, expected: str) -> None:
    assert difficulty_in_words(ease) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0.2, "under a minute"),
        (1.0, "1 minute"),
        (10.2, "11 minutes"),
        (11.0, "11 minutes"),
        (60.0, "1 hour"),
        (65.0, "1 hour 5 minutes"),
        (121.0, "2 hours 1 minute"),
    ],
)
def test_duration(minutes: float, expected: str) -> None:
    assert duration_in_words(minutes) == expected


def test_reading_time_sentence() -> None:
    assert reading_time_in_words(10.6) == "11 minutes to read at 250 words per minute"


@pytest.mark.parametrize(
    ("ease", "share"),
    [
        (10.0, "fewer than 1 in 10"),
        (33.5, "about 5 in 10"),
        (37.0, "about 8 in 10"),
        (60.0, "more than 9 in 10"),
    ],
)
def test_ease_comparison(ease: float, share: str) -> None:
    sentence = ease_comparison(ease)
    assert sentence.startswith(f"Easier to read than {share} typical privacy policies")
    assert "OPP-115" in sentence and "was 33" in sentence


@pytest.mark.parametrize(
    ("words", "relation"),
    [
        (2127, "about as long as"),
        (2400, "about as long as"),
        (3000, "about 1.4 times as long as"),
        (4254, "about twice as long as"),
        (8500, "about 4 times as long as"),
        (1060, "about 50% of the length of"),
        (150, "less than a tenth of the length of"),
    ],
)
def test_length_comparison(words: int, relation: str) -> None:
    assert length_comparison(words).startswith(f"{words:,} words: {relation} the typical privacy policy")


def test_readability_in_words_from_report_dict() -> None:
    words = readability_in_words(
        {"flesch_reading_ease": 31.0, "word_count": 2750, "reading_time_minutes": 11.0}
    )
    assert words.difficulty == "difficult: about as hard as an academic paper"
    assert words.reading_time == "11 minutes to read at 250 words per minute"


@pytest.mark.corpus
@pytest.mark.slow
def test_typical_figures_match_the_corpus() -> None:
    """Recompute the OPP-115 medians the pages quote, with the scorer's own readability figures."""
    paths = sorted(glob.glob(str(CORPUS / "*.txt")))
    if not paths:
        pytest.skip(f"corpus not found at {CORPUS}")
    ease, words = [], []
    for path in paths:
        readability = scoring.score_policy(Path(path).read_text(encoding="utf-8")).readability
        ease.append(readability.flesch_reading_ease)
        words.append(readability.word_count)
    assert len(paths) == TYPICAL_SOURCE_COUNT
    assert statistics.median(ease) == pytest.approx(TYPICAL_MEDIAN_READING_EASE, abs=1.5)
    assert statistics.median(words) == pytest.approx(TYPICAL_MEDIAN_WORDS, rel=0.05)
