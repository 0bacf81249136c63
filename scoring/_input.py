"""Input taming: reject what is not text, and make any string safe to scan without moving offsets.

Evidence offsets must index the text the caller submitted, so nothing here inserts or deletes a
character: every replacement is one character for one character. Three copies come out of one string:

- ``safe``: the submitted text with lone surrogates (which cannot be encoded as UTF-8, so a JSON
  response containing them would fail) replaced by U+FFFD. Quotes are cut from this copy, so
  ``text[start:end] == quote`` holds exactly for every text that contains no lone surrogate.
- ``clean``: ``safe`` with control characters (NUL, C0 except tab/newline/return, DEL, C1) replaced
  by spaces. The sentence splitter, the detectors and the policy detector read this copy.
- ``capped_for_textstat(clean)``: a copy for textstat only, with every run of non-space characters
  longer than ``MAX_WORD_CHARS`` cut to that length. textstat hyphenates an unknown "word" with pyphen,
  which costs about 10 s per MB of text without spaces (measured on textstat 0.7.13), against 0.4 s
  per MB of normal prose. Offsets do not matter in that copy: it only feeds counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Largest text accepted, in characters: about 1.2 million words. The longest real policies run to
#: some 20,000-40,000 words, so this only stops abuse; it still lets the benchmark time 1M words.
#: The API should set a much lower request limit of its own.
MAX_TEXT_CHARS = 8_000_000

#: Longest "word" textstat sees. The longest word in mainstream English dictionaries
#: ("pneumonoultramicroscopicsilicovolcanoconiosis") has 45 letters; longer runs are URLs, hashes or
#: junk, whose syllable count means nothing anyway.
MAX_WORD_CHARS = 45

# C0 controls except \t \n \r, then DEL and the C1 block. Form feed and vertical tab are replaced too:
# they are whitespace to Python but page-layout debris in captured policies.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


class ScoringInputError(ValueError):
    """The input cannot be scored at all (not a string, or too large)."""


@dataclass(frozen=True)
class TamedText:
    """The submitted text and its same-length working copies (see the module docstring)."""

    submitted: str
    safe: str
    clean: str


def tame(text: object) -> TamedText:
    """Check ``text`` and return its same-length copies; ScoringInputError for non-str or oversize."""
    if not isinstance(text, str):
        raise ScoringInputError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise ScoringInputError(
            f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,} "
            "(about 1.2 million words, far longer than any real privacy policy)"
        )
    safe = _LONE_SURROGATE.sub("\ufffd", text)
    clean = _CONTROL.sub(" ", safe)
    return TamedText(submitted=text, safe=safe, clean=clean)


def capped_for_textstat(text: str) -> str:
    """``text`` with each run of more than MAX_WORD_CHARS non-space characters cut to that length."""
    return _LONG_RUN.sub(lambda match: match.group()[:MAX_WORD_CHARS], text)
