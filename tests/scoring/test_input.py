"""Input taming: type checks, size bound, same-length cleaning, long-word capping for textstat."""

from __future__ import annotations

import pytest

from scoring._input import MAX_TEXT_CHARS, MAX_WORD_CHARS, ScoringInputError, capped_for_textstat, tame


@pytest.mark.parametrize("value", [None, b"bytes are not text", 42, ["a list"], {"text": "x"}])
def test_non_str_is_rejected_with_the_type_name(value: object) -> None:
    with pytest.raises(ScoringInputError, match=type(value).__name__):
        tame(value)


def test_oversize_text_is_rejected_and_the_limit_is_named() -> None:
    with pytest.raises(ScoringInputError, match="8,000,000"):
        tame("a" * (MAX_TEXT_CHARS + 1))


def test_text_at_the_limit_is_accepted() -> None:
    assert len(tame(" " * MAX_TEXT_CHARS).clean) == MAX_TEXT_CHARS


# (submitted, expected clean copy): replacements are one character for one character.
CLEANING_CASES = [
    ("plain text stays", "plain text stays"),
    ("tabs\tand\nnewlines\r\nstay", "tabs\tand\nnewlines\r\nstay"),
    ("nul\x00byte", "nul byte"),
    ("bell\x07 and escape\x1b[0m", "bell  and escape [0m"),
    ("form\x0cfeed and vtab\x0b", "form feed and vtab "),
    ("del\x7f and c1\x85 next line", "del  and c1  next line"),
    ("lone \ud800 high and \udfff low", "lone \ufffd high and \ufffd low"),
    ("accents é, emoji \U0001f600 and CJK 隐私 stay", "accents é, emoji \U0001f600 and CJK 隐私 stay"),
]


@pytest.mark.parametrize(("submitted", "expected"), CLEANING_CASES)
def test_clean_copy_replaces_characters_without_moving_offsets(submitted: str, expected: str) -> None:
    tamed = tame(submitted)
    assert tamed.clean == expected
    assert len(tamed.safe) == len(tamed.clean) == len(submitted)
    assert tamed.submitted is submitted


def test_safe_copy_keeps_control_characters_but_not_surrogates() -> None:
    tamed = tame("a\x00b\ud800c")
    assert tamed.safe == "a\x00b\ufffdc"
    tamed.safe.encode("utf-8")  # must not raise: the API serialises quotes cut from this copy


# (token, kept as is?) for the textstat copy.
CAP_CASES = [
    ("pneumonoultramicroscopicsilicovolcanoconiosis", True),  # 45 letters: the longest dictionary word
    ("https://example.com/privacy?campaign=abcdefghijklmnopqrstuvwxyz", False),
    ("x" * 5000, False),
]


@pytest.mark.parametrize(("token", "kept"), CAP_CASES)
def test_long_runs_are_capped_for_textstat(token: str, kept: bool) -> None:
    capped = capped_for_textstat(f"before {token} after")
    assert capped == f"before {token[:MAX_WORD_CHARS]} after"
    assert (capped == f"before {token} after") is kept


def test_capping_a_megabyte_without_spaces_keeps_one_short_word() -> None:
    assert capped_for_textstat("y" * 1_000_000) == "y" * MAX_WORD_CHARS
