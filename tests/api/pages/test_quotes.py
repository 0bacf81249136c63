"""Quotes in context: the sentences around a quote, from the policy text or from neighbouring quotes."""

from __future__ import annotations

import time

import pytest

from api.pages.quotes import ELLIPSIS, locate_quote, quote_in_context, quote_with_neighbours

POLICY = (
    "PRIVACY POLICY\n\n"
    "We collect your name and e-mail address. We use them to run the service, e.g. to send receipts. "
    "We may disclose your information when we believe it is necessary to protect our rights. "
    "Acme Inc. keeps server logs for 30 days. You can opt out of marketing at any time.\n\n"
    "Contact us at privacy@example.com"
)
QUOTE = "We may disclose your information when we believe it is necessary to protect our rights."


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_two_sentences_each_side() -> None:
    start, end = span(POLICY, QUOTE)
    result = quote_in_context(POLICY, start, end, QUOTE)
    assert result.has_context
    assert result.quote == QUOTE
    # "e.g." and "Inc." do not end sentences.
    assert (
        result.before
        == "We collect your name and e-mail address. We use them to run the service, e.g. to send receipts. "
    )
    assert (
        result.after == " Acme Inc. keeps server logs for 30 days. You can opt out of marketing at any time."
    )


@pytest.mark.parametrize(("sentences", "before_count"), [(1, 1), (2, 2), (5, 2)])
def test_sentence_count_is_bounded_by_what_exists(sentences: int, before_count: int) -> None:
    start, end = span(POLICY, QUOTE)
    before = quote_in_context(POLICY, start, end, QUOTE, sentences=sentences).before
    assert before.count(". ") - before.count("e.g. ") == before_count


def test_quote_at_start_and_end_of_text() -> None:
    first = "PRIVACY POLICY"
    result = quote_in_context(POLICY, 0, len(first), first)
    assert result.before == ""
    assert result.after.startswith("\nWe collect your name")  # the heading stood on its own line
    last = "Contact us at privacy@example.com"
    start, end = span(POLICY, last)
    result = quote_in_context(POLICY, start, end, last)
    assert result.after == ""
    assert result.before.endswith("opt out of marketing at any time.\n")


def test_headings_stay_on_their_own_lines() -> None:
    text = "YOUR CHOICES\n\nYou cannot opt out of tracking.\nWe use cookies.\n\nRETENTION\nWe keep it."
    start, end = span(text, "You cannot opt out of tracking.")
    result = quote_in_context(text, start, end, "You cannot opt out of tracking.")
    assert result.before == "YOUR CHOICES\n"
    assert result.after == "\nWe use cookies.\nRETENTION"


def test_hard_wrapped_lines_inside_a_sentence_are_joined() -> None:
    text = "We collect your\nname and address. We may share it\nwith partners. Then more\ntext here."
    quote = "We may share it\nwith partners."
    start, end = span(text, quote)
    result = quote_in_context(text, start, end, quote)
    assert (result.before, result.quote, result.after) == (
        "We collect your name and address. ",
        "We may share it with partners.",
        " Then more text here.",
    )


@pytest.mark.parametrize(
    ("offsets", "found"),
    [
        ("exact", True),  # offsets match the text
        ("shifted", True),  # stale offsets: the quote is found by search
        ("missing", False),  # quote not in the text: shown alone
    ],
)
def test_offsets_exact_shifted_or_missing(offsets: str, found: bool) -> None:
    start, end = span(POLICY, QUOTE)
    quote = QUOTE
    if offsets == "shifted":
        start, end = start + 7, end + 7
    if offsets == "missing":
        quote = "We sell everything to everyone."
    result = quote_in_context(POLICY, start, end, quote)
    assert result.has_context is found
    assert result.quote == quote
    assert locate_quote(POLICY, start, end, quote) == (span(POLICY, QUOTE) if found else None)


def test_no_text_shows_quote_alone() -> None:
    result = quote_in_context(None, 0, len(QUOTE), QUOTE)
    assert (result.before, result.quote, result.after, result.has_context) == ("", QUOTE, "", False)


def test_whitespace_collapsed_for_display() -> None:
    text = "First line\nof a sentence.   We may\n\tshare data.  Last one."
    quote = "We may\n\tshare data."
    start, end = span(text, quote)
    result = quote_in_context(text, start, end, quote)
    assert result.quote == "We may share data."
    assert result.before == "First line of a sentence. "
    assert result.after == " Last one."


def test_long_unpunctuated_text_is_cut_at_a_word_with_ellipsis() -> None:
    words = " ".join(["word"] * 2000)
    text = f"{words} We keep your data forever. {words}"
    quote = "We keep your data forever."
    start, end = span(text, quote)
    result = quote_in_context(text, start, end, quote)
    assert result.before.startswith(ELLIPSIS + "word")
    assert result.after.endswith("word" + ELLIPSIS)
    assert len(result.before) < 800 and len(result.after) < 800


def test_cost_does_not_depend_on_text_length() -> None:
    """Only a window around the quote is scanned: a 2 MB policy costs what a short one does."""
    filler = "Some sentence here. " * 100_000  # 2 MB
    text = filler + QUOTE + " " + filler
    start, end = span(text, QUOTE)
    began = time.perf_counter()
    for _ in range(100):
        quote_in_context(text, start, end, QUOTE)
    assert time.perf_counter() - began < 1.0


NEIGHBOURS = [
    (0, 20, "First sentence here."),
    (21, 40, "Second one is here."),
    (41, 60, "Third sentence too."),
    (61, 80, "Fourth one follows."),
    (200, 220, "Far away sentence."),
]


@pytest.mark.parametrize(
    ("index", "before", "after"),
    [
        (0, "", " Second one is here. Third sentence too."),
        (2, "First sentence here. Second one is here. ", " Fourth one follows."),
        (3, "Second one is here. Third sentence too. ", ""),
        (4, "", ""),  # no neighbour within the gap
    ],
)
def test_neighbouring_quotes_as_context(index: int, before: str, after: str) -> None:
    start, end, quote = NEIGHBOURS[index]
    result = quote_with_neighbours(quote, start, end, NEIGHBOURS)
    assert (result.before, result.quote, result.after) == (before, quote, after)
    assert result.has_context is bool(before or after)
