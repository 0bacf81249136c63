"""split_sentences: exact offsets on messy policy text, and linear time on adversarial input."""

from __future__ import annotations

import time

import pytest

from scoring._sentences import MAX_SENTENCE_CHARS, Sentence, split_sentences


def texts(text: str) -> list[str]:
    """The sentence strings of ``text``, after checking every offset."""
    sentences = split_sentences(text)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviations stay inside their sentence
        (
            "We work with Acme Inc. and its partners, e.g. Google, in the U.S. and Canada. "
            "We do not sell data.",
            ["We work with Acme Inc. and its partners, e.g. Google, in the U.S. and Canada.",
             "We do not sell data."],
        ),
        ("Cookies (i.e. small files) help us. Dr. Smith leads the team.",
         ["Cookies (i.e. small files) help us.", "Dr. Smith leads the team."]),
        ("See Art. 6 GDPR and No. 5 below. Then read on.",
         ["See Art. 6 GDPR and No. 5 below.", "Then read on."]),
        ("Will we sell it? No. We never do.", ["Will we sell it?", "No.", "We never do."]),
        ("We use cookies, pixels, etc. We also use logs.",
         ["We use cookies, pixels, etc.", "We also use logs."]),
        ("Our site (www.example.com) runs version 2.0 today.",
         ["Our site (www.example.com) runs version 2.0 today."]),
        # bullets and numbered lists
        ("We share data with:\n\u2022 advertisers\n\u2022 analytics providers",
         ["We share data with:", "advertisers", "analytics providers"]),
        ("We share data with:\n- advertisers\n- analytics providers",
         ["We share data with:", "advertisers", "analytics providers"]),
        ("1. We collect data. 2. We use it.\n3) We keep it",
         ["We collect data.", "We use it.", "We keep it"]),
        # headings in capitals, on their own line or glued to the next sentence
        ("HOW WE SHARE INFORMATION We may share data.", ["HOW WE SHARE INFORMATION", "We may share data."]),
        ("Cookies\nWe use cookies.", ["Cookies", "We use cookies."]),
        ("IF YOU DO NOT AGREE, DO NOT USE THE SITE.", ["IF YOU DO NOT AGREE, DO NOT USE THE SITE."]),
        # no final period, quotes and brackets
        ("We keep logs for a year", ["We keep logs for a year"]),
        ('He said "we keep it." (We do.) Then we stop',
         ['He said "we keep it."', "(We do.)", "Then we stop"]),
        # navigation junk from a web capture
        ("Home | About | Privacy\nPrivacy Policy\nWe respect you.",
         ["Home", "About", "Privacy", "Privacy Policy", "We respect you."]),
        # a hard-wrapped paragraph is one sentence; a blank line always ends one
        ("We collect the information you provide to us when you\nregister for an account with us.",
         ["We collect the information you provide to us when you\nregister for an account with us."]),
        ("Our practices\n\nwe collect data", ["Our practices", "we collect data"]),
        # text glued by a scraper
        ("Data is stored on our servers.Then we delete it.",
         ["Data is stored on our servers.", "Then we delete it."]),
        # nothing to say
        ("", []),
        ("   \n\n \u2022  ...", []),
    ],
)
def test_split_table(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "  Intro line\n\n\u2022 First point.  Second point!\r\n3. Third"
    sentences = split_sentences(text)
    assert sentences[1] == Sentence("First point.", text.index("First"), text.index("First") + 12)
    assert [s.text for s in sentences] == ["Intro line", "First point.", "Second point!", "Third"]


def test_long_runs_are_cut_at_whitespace_below_the_cap() -> None:
    text = "word " * 1000
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text.startswith("word") and s.text.endswith("word") for s in sentences)
    assert sum(s.text.split().count("word") for s in sentences) == 1000  # no word lost or split


def test_a_run_without_spaces_is_cut_hard() -> None:
    sentences = split_sentences("x" * (3 * MAX_SENTENCE_CHARS + 5))
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS] * 3 + [5]


def test_non_string_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="expects str"):
        split_sentences(b"bytes")  # type: ignore[arg-type]


ADVERSARIAL = {
    "no punctuation": "word " * 200_000,
    "no spaces": "a" * 1_000_000,
    "repeated clause": "we may disclose " * 100_000,
    "nested brackets": "(" * 500_000 + ")" * 500_000,
    "dots": "." * 1_000_000,
    "dots and spaces": ". " * 500_000,
    "newlines": "\n" * 1_000_000,
    "bullets": "\u2022 " * 500_000,
    "capitals": "ABC " * 250_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_megabyte_finishes_quickly(name: str) -> None:
    # A safety net against catastrophic backtracking, not a benchmark: the measured time is
    # well under 0.5 s for each input; a quadratic scan would take minutes.
    started = time.perf_counter()
    sentences = split_sentences(ADVERSARIAL[name])
    assert time.perf_counter() - started < 5
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
