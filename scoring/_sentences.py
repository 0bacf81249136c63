"""Split policy text into sentences with exact character offsets, in linear time.

Real policy text is messy: web captures keep navigation items on their own lines, lists use bullets
and numbers, headings in capitals have no final period, and "e.g.", "Inc." or "U.S." sit inside
sentences. The splitter scans boundary candidates (line breaks, terminal punctuation, bullet
characters, "|" separators) once and inspects only a bounded window around each, so no regular
expression ever runs over unbounded input; very long runs are cut at ``MAX_SENTENCE_CHARS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Longest sentence handed to the detectors. Real sentences are far shorter; a longer run is text
#: without punctuation (a scraped menu, an attack) and is cut, preferably at whitespace.
MAX_SENTENCE_CHARS = 1000
#: How far back from the hard limit to look for whitespace to cut at.
_CUT_WINDOW = 300

#: Lower-cased tokens that end with a period without ending a sentence (the period is not included).
_ABBREVIATIONS = frozenset(
    {
        *("e.g", "eg", "i.e", "ie", "cf", "viz", "vs", "al", "approx", "dept", "est", "incl"),
        # company suffixes: "Acme Inc. The ..." is rarer than "Acme Inc. Privacy Notice"
        *("inc", "ltd", "co", "corp", "llc", "l.l.c", "plc", "gmbh", "s.a", "ag", "bv", "n.v", "pty"),
        *("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st"),
        *("u.s", "u.s.a", "u.k", "e.u", "a.k.a", "p.o", "d.c"),
    }
)
#: Abbreviations that only stay inside a sentence when a number follows ("No. 5", "Art. 6", "Jan. 1"),
#: since "No. We do not sell it." is a real answer followed by a new sentence.
_NUMBER_ABBREVIATIONS = frozenset(
    {
        *("no", "nos", "art", "arts", "sec", "para", "fig", "p", "pp", "ch", "vol"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
#: Of those, the ones that may still end a sentence when a capitalised word follows ("... etc. We").
_SENTENCE_FINAL_ABBREVIATIONS = frozenset({"etc"})

_BULLETS = "\u2022\u25cf\u25aa\u25e6\u25a0\u25ba\u2023\u2043"
#: Characters that may follow terminal punctuation inside the same sentence (closing quotes, brackets).
_CLOSERS = "\"'\u201d\u2019)]\u00bb"
#: One boundary candidate per match: a run of line breaks (blank lines included), a run of terminal
#: punctuation with its closing quotes and spaces (". . ." is one run), a run of bullets, or an
#: inline " | " separator. Possessive quantifiers (Python 3.11) never give back characters, so a
#: flood of newlines or dots is one match.
_CANDIDATE_RUN = re.compile(rf"[.!?\n|\u00bb{_BULLETS}]++")
_CANDIDATE = re.compile(
    r"(?P<nl>\n(?:[ \t\r\f\v\u00a0]*+\n)*+)"
    r"|(?P<stop>[.!?][ \t\u00a0.!?\"'\u201d\u2019)\]\u00bb]*+)"
    rf"|(?P<bullet>[{_BULLETS}](?:\s*+[{_BULLETS}])*+)"
    r"|(?P<bar>[|\u00bb])"  # kept only between spaces; matching the spaces too would slow every space
)
#: A list marker or bullet at the start of a piece: "1.", "2)", "(a)", "iv.", "-", "*", "•".
_LEADING_MARKER = re.compile(
    rf"(?:[-*\u2013\u2014>{_BULLETS}]|\(?(?:\d{{1,3}}|[a-zA-Z]|[ivxIVX]{{1,5}})[.)])"
    r"[ \t\u00a0]{1,8}"
)
#: A heading in capitals glued to the sentence after it: "SHARING YOUR INFORMATION We will ...".
#: Words are bounded, repetitions are bounded: no backtracking blow-up.
_CAPS_HEADING = re.compile(
    r"(?:[A-Z0-9][A-Z0-9&'\u2019/,:()\-]{0,30}[ \t]{1,4}){2,15}?(?=[A-Z][a-z])"
)
_WORD_CHAR = re.compile(r"\w")
_RUN_SPACE = re.compile(r"[ \t\u00a0]")
#: A line shorter than this without terminal punctuation is a heading or navigation item.
_SHORT_LINE = 50


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text; ``text == document[start:end]``."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with exact offsets (bullets, headings, abbreviations, nav junk)."""
    if not isinstance(text, str):
        raise TypeError(f"split_sentences expects str, got {type(text).__name__}")
    return split_span(text, 0, len(text))


def split_span(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of ``text[start:end]``, with offsets into the whole ``text``."""
    sentences: list[Sentence] = []
    for piece_start, piece_end in _pieces(text, start, end):
        for a, b in _split_caps_heading(text, piece_start, piece_end):
            for c, d in _split_long(text, a, b):
                sentence = _trimmed(text, c, d)
                if sentence is not None:
                    sentences.append(sentence)
    return sentences


def _pieces(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Raw (start, end) spans between boundaries; a boundary may drop characters (bullets, "|")."""
    spans: list[tuple[int, int]] = []
    piece_start = start
    line_start = start
    done = start  # everything before this offset has been classified
    # A single character-class scan finds candidate runs fast; each run is then classified with the
    # anchored _CANDIDATE regex (a flood of dots or newlines is one run and one match).
    for run in _CANDIDATE_RUN.finditer(text, start, stop):
        pos = max(run.start(), done)
        while pos < run.end():
            match = _CANDIDATE.match(text, pos, stop)
            if match is None:  # cannot happen: every run character starts a candidate
                pos += 1
                continue
            kind = match.lastgroup
            if kind == "nl":
                blank = match.end() - pos > 1
                if blank or _breaks_line(text, line_start, pos):
                    spans.append((piece_start, pos))
                    piece_start = match.end()
                line_start = match.end()
            elif kind == "stop":
                run_text = match.group()
                space = _RUN_SPACE.search(run_text)
                # The punctuation and closers up to the first space end the sentence.
                end = pos + (space.start() if space else len(run_text))
                if _sentence_ends(text, pos, end, piece_start):
                    spans.append((piece_start, end))
                    piece_start = end
            elif kind == "bar":
                # An inline " | " separator between navigation items: a boundary, never kept.
                if 0 < pos < len(text) - 1 and text[pos - 1] == " " and text[pos + 1] == " ":
                    spans.append((piece_start, pos))
                    piece_start = pos + 1
            else:
                # A bullet character: always a boundary, never kept.
                spans.append((piece_start, pos))
                piece_start = match.end()
            pos = match.end()
        done = pos
    spans.append((piece_start, stop))
    return spans


def _breaks_line(text: str, line_start: int, newline: int) -> bool:
    """Whether a single line break ends a sentence (it does unless the line merely wraps)."""
    line = text[line_start:newline].strip()
    if not line:
        return True
    after = newline + 1
    limit = min(len(text), after + 16)
    while after < limit and text[after] in " \t\r\f\v\u00a0":
        after += 1
    if after >= len(text) or text[after] == "\n":
        return True  # blank line: a paragraph break
    if _LEADING_MARKER.match(text, after):
        return True  # next line is a list item
    if line[-1] in ".!?:;" or line[-1] in _CLOSERS:
        return True
    if text[after].islower():
        return False  # a wrapped line continues mid-sentence
    # A short line without final punctuation is a heading or a navigation item.
    return len(line) < _SHORT_LINE


def _sentence_ends(text: str, pos: int, end: int, piece_start: int) -> bool:
    """Whether the punctuation run ``text[pos:end]`` (closers included) ends a sentence."""
    size = len(text)
    if end >= size:
        return True
    follower = text[end]
    if not follower.isspace():
        # "word.Next" from scraped pages glues two sentences; "e.g.," "3.5" and "site.com" do not.
        return (
            text[pos] == "."
            and end == pos + 1
            and follower.isupper()
            and end + 1 < size
            and text[end + 1].islower()
            and pos >= 2
            and text[pos - 1].islower()
            and text[pos - 2].islower()
        )
    nxt = end + 1
    scan_limit = min(size, nxt + 16)
    while nxt < scan_limit and text[nxt].isspace():
        nxt += 1
    if nxt < size and text[nxt].islower():
        return False  # "e.g. cookies", "Inc. and its affiliates"
    if text[pos] != ".":
        return True
    token = _token_before(text, pos)
    lowered = token.lower()
    if lowered in _SENTENCE_FINAL_ABBREVIATIONS:
        return True
    if lowered in _ABBREVIATIONS:
        return False
    if lowered in _NUMBER_ABBREVIATIONS and nxt < size and text[nxt].isdigit():
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "J. Smith"
    return not _is_list_marker(text, piece_start, pos, token)


def _token_before(text: str, pos: int) -> str:
    """The word (with inner periods, as in "U.S") just before ``pos``, at most 12 characters."""
    start = pos
    floor = max(0, pos - 12)
    while start > floor and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    return text[start:pos].lstrip(".")


def _is_list_marker(text: str, piece_start: int, pos: int, token: str) -> bool:
    """A number or letter before the period opens a list item when only space precedes it."""
    if not token or len(token) > 5:
        return False
    if not (token.isdigit() or len(token) == 1 or set(token.lower()) <= set("ivx")):
        return False
    token_start = pos - len(token)
    if token_start - piece_start > 8:
        return False
    return text[piece_start:token_start].strip(" \t\r\n\u00a0(") == ""


def _split_caps_heading(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a leading heading in capitals off the sentence that follows it on the same line."""
    lead = start
    while lead < end and text[lead].isspace():
        lead += 1
    if not text[lead : lead + 2].isupper():
        marker = _LEADING_MARKER.match(text, lead, end)
        if marker is None or not text[marker.end() : marker.end() + 2].isupper():
            return [(start, end)]  # the common case: no heading in capitals here
        lead = marker.end()
    else:
        marker = _LEADING_MARKER.match(text, lead, end)
        if marker:
            lead = marker.end()
    match = _CAPS_HEADING.match(text, lead, min(end, lead + 500))
    if match is None or not _WORD_CHAR.search(text, match.end(), end):
        return [(start, end)]
    heading = text[lead : match.end()]
    if sum(1 for ch in heading if ch.isalpha()) < 4:
        return [(start, end)]
    return [(start, match.end()), (match.end(), end)]


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run longer than MAX_SENTENCE_CHARS, at whitespace when there is some near the limit."""
    spans: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = max(text.rfind(" ", limit - _CUT_WINDOW, limit), text.rfind("\n", limit - _CUT_WINDOW, limit))
        cut = space + 1 if space > start else limit
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _trimmed(text: str, start: int, end: int) -> Sentence | None:
    """The span without surrounding whitespace and leading list markers; None if nothing is left."""
    while start < end and (text[start].isspace() or text[start] in ".!?"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    for _ in range(2):
        marker = _LEADING_MARKER.match(text, start, end)
        if marker is None or marker.end() >= end:
            break
        start = marker.end()
    if not _WORD_CHAR.search(text, start, end):
        return None
    return Sentence(text[start:end], start, end)
