"""Find a text's structure once, before any detector runs: every unit with its kind and context.

Policies arrive as a browser's ``innerText`` (one block element per line: headings, list items and
table rows on their own lines, paragraphs separated by a blank line, table cells separated by tabs)
or as older plain text (one paragraph per line, headings glued to the sentence after them, or lines
hard-wrapped at a fixed width). A heading, a bullet label, a table heading or a menu item is not a
statement, so it can never be evidence; only ``EVIDENCE_KINDS`` can. What the other units say is kept
as context: a list item knows its lead-in ("We may disclose your data when:"), every unit knows the
heading it sits under, a table cell knows its column ("Legal basis"), and a unit under a GDPR
legal-basis heading or column knows it (``role == "legal_basis"``).

Kinds:

    sentence       a sentence of a paragraph that says something
    list_item      a line (or bullet) of a list; ``lead_in`` names the sentence that opens the list
    table_cell     a sentence inside a table cell; ``column`` names the cell's column header
    heading        a short line that names a section ("How We Share Information", "3. Retention")
    label          a short lead that names what follows ("Corporate Transactions." "Legal basis:")
    table_heading  a cell of a table's header row
    nav            navigation left in a capture ("Home | Products", "GET STARTED TODAY")

Every rule here looks at one line at a time with bounded regexes, so the analysis is linear in the
text. Offsets index the text given: ``text[unit.start:unit.end] == unit.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ._sentences import Sentence, split_span

__all__ = ["EVIDENCE_KINDS", "Kind", "Structure", "Unit", "analyse"]

Kind = Literal["sentence", "list_item", "table_cell", "heading", "label", "table_heading", "nav"]
#: The kinds that say something, and so may be quoted as evidence.
EVIDENCE_KINDS: frozenset[str] = frozenset({"sentence", "list_item", "table_cell"})


@dataclass(frozen=True)
class Unit:
    """One unit of the text with its kind and the units that give it context (indexes into units)."""

    text: str
    start: int
    end: int
    kind: Kind
    #: The sentence ending in ":" that opens the list this item belongs to.
    lead_in: int | None = None
    #: The nearest heading above.
    heading: int | None = None
    #: The label that leads the same line ("Corporate Transactions." before the sentence).
    label: int | None = None
    #: The header of the table column holding this cell, lower-cased.
    column: str | None = None
    #: "legal_basis" under a GDPR legal-basis heading, column or label; None otherwise.
    role: str | None = None

    def as_sentence(self) -> Sentence:
        """The unit as a plain Sentence (text and offsets)."""
        return Sentence(self.text, self.start, self.end)


@dataclass(frozen=True)
class Structure:
    """The units of one text, in text order."""

    text: str
    units: tuple[Unit, ...]

    def context_of(self, unit: Unit) -> str | None:
        """What a quote of ``unit`` should be read under: its list's lead-in, its label, or its heading."""
        for index in (unit.lead_in, unit.label, unit.heading):
            if index is not None:
                return self.units[index].text
        return None


# --- shapes of a line -----------------------------------------------------------------------------

#: A unit with more words than this is prose whatever its shape.
HEADING_MAX_WORDS = 15
#: A label ("Corporate Transactions.", "With law enforcement or courts.") leads a line, is short and
#: has no verb of its own.
LABEL_MAX_WORDS = 14
#: A label in title case may hold a verb-looking word ("Sharing to Protect Us or Others."); section
#: titles run to a dozen words ("Sharing in the Event of a Merger, Sale or Other Transfer.").
TITLE_LABEL_MAX_WORDS = 12
#: A table cell this short without a full stop names a thing ("Location data", "Legitimate interest").
CELL_LABEL_MAX_WORDS = 8

# Words that only occur in a clause that says something: subject pronouns, auxiliaries and modals.
# (Policies speak through "we", "you" and "may"; a heading or a label names a topic without them.)
_VERB_CUE = re.compile(
    r"\b(?:we|you|they|i|he|she|it|is|are|was|were|be|been|am|may|might|will|would|shall|should|can|"
    r"could|must|do|does|did|has|have|had|cannot|can't|won't|don't|doesn't|isn't|aren't|we'll|we're|"
    r"you'll|you're|we've|you've)\b"
)  # matched on lower-cased text: faster than IGNORECASE
_WORD = re.compile(r"[^\W\d_][\w'\u2019&-]*")
# A section number or letter in front of a heading: "3.", "4.2", "A.", "IV.", "Section 5".
_SECTION_NUMBER = re.compile(
    r"^\s*(?:(?:section|part|article)\s+)?(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-Z]\.|"
    r"[IVX]{1,5}\.)\s"
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s")
# A section number the sentence splitter cut off as a sentence of its own ("8.3." | "Law Enforcement").
_NUMBER_ONLY = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[A-Z]\.|[IVX]{1,5}\.)\s*$")
_BULLET_START = re.compile(
    r"^\s*(?:[-*\u2022\u25cf\u25aa\u25e6\u25a0\u25ba\u2023\u2043\u2013\u2014>]|"
    r"\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)])\s"
)
_BULLET_CHARS = "\u2022\u25cf\u25aa\u25e6\u25a0\u25ba\u2023\u2043"
_QUESTION_WORD = re.compile(
    r"^\s*(?:\d[\d.]*\s+)?(?:how|what|why|when|where|who|whom|which|whose|do|does|can|is|are|will|should)\b",
    re.IGNORECASE,
)
# "Label: Sentence ..." on one line: a lead of up to 8 words before a colon and a capital.
_INLINE_LABEL = re.compile(r"[^:.;!?\n]{2,80}?:[ \t\u00a0]+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
# Menus and calls to action captured with the page (compared with the whole line, lower-cased).
NAV_LINES = frozenset(
    {
        "home",
        "menu",
        "search",
        "sign in",
        "sign up",
        "log in",
        "login",
        "logout",
        "log out",
        "register",
        "subscribe",
        "get started",
        "get started today",
        "start free trial",
        "try it free",
        "learn more",
        "read more",
        "contact sales",
        "skip to content",
        "skip to main content",
        "back to top",
        "share",
        "print",
        "download the app",
        "accept all",
        "reject all",
        "cookie settings",
        "manage cookies",
        "open menu",
        "close menu",
        "toggle navigation",
        "accordion toggle",
        "show more",
        "show less",
    }
)
_NAV_SEPARATORS = re.compile(r" [|\u00b7\u2022] ")
# Headings and table columns that name a GDPR legal basis: what follows them is why data is
# processed, not to whom it goes ("Legitimate interests relied on", "Legal basis", "Lawful basis").
LEGAL_BASIS = re.compile(
    r"\b(?:legal|lawful)\s+(?:basis|bases|grounds?)\b|\bbasis (?:for|of) (?:the )?processing\b|"
    r"\blegitimate interests?\b|\bart(?:icle|\.)?\s*6\s*\(\s*1\s*\)|\bjustification\b"
)  # matched on lower-cased text


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _title_case(text: str) -> bool:
    """Most longer words start with a capital ("Disclosure in the Event of a Merger")."""
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4]
    if not long_words:
        return bool(_WORD.findall(text)) and all(w[0].isupper() for w in _WORD.findall(text))
    capitals = sum(1 for w in long_words if w[0].isupper())
    return capitals / len(long_words) >= 0.75


def has_verb_cue(text: str) -> bool:
    """Whether ``text`` holds a subject pronoun, an auxiliary or a modal (a clause, not a name)."""
    return _VERB_CUE.search(text.lower()) is not None


_has_verb_cue = has_verb_cue


def _ends_with(text: str, characters: str) -> bool:
    stripped = text.rstrip("\"'\u201d\u2019)]* \t\u00a0")
    return bool(stripped) and stripped[-1] in characters


#: A line in capitals without a full stop is a heading up to this many words.
CAPS_HEADING_MAX_WORDS = 30


def _heading_shaped(text: str) -> bool:
    """A whole line that names a section rather than saying something."""
    if text.isupper() and not _ends_with(text, ".!;,") and _words(text) <= CAPS_HEADING_MAX_WORDS:
        return True
    if _words(text) > HEADING_MAX_WORDS or _ends_with(text, ".!;,"):
        return False
    if _ends_with(text, "?"):
        return True
    if _ends_with(text, ":"):
        return _title_case(text) or not _has_verb_cue(text)
    # a short line without a full stop: a heading, unless it reads as a clause ("Deleted posts may
    # remain in our backups"); question words and title case make it a heading again
    return (
        not _has_verb_cue(text)
        or _title_case(text)
        or _QUESTION_WORD.match(text) is not None
        or _SECTION_NUMBER.match(text) is not None
        or _words(text) <= 3
    )


# Verbs policies use in the third person or the past ("Acme collects ...", "This notice explains
# ..."): a short sentence with one of them says something, even without "we" or "may".
_POLICY_VERB = re.compile(
    r"\b(?:collect|use|share|disclose|sell|retain|keep|store|process|explain|describe|appl|provide|offer|"
    r"send|receive|protect|mean|include|cover|contain|help|allow|require|take|give|make|need|want|"
    r"operate|run|own|control|respect|value|track|record|delete|remove|transfer|govern|set|update|"
    r"change|ask|tell|notif|inform|gather|obtain|list|outline)(?:s|es|ies|ed|d)\b"
)


def _label_shaped(text: str) -> bool:
    """A short lead that names what follows on its line ("Corporate Transactions.", "Legal basis:")."""
    if not _ends_with(text, ".:"):
        return False
    words = _words(text)
    if words == 0:
        return False
    if _title_case(text) and words <= TITLE_LABEL_MAX_WORDS:
        return True
    lowered = text.lower()
    return words <= LABEL_MAX_WORDS and not _has_verb_cue(lowered) and _POLICY_VERB.search(lowered) is None


# --- lines ----------------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    blank_before: bool


#: Hard-wrapped text: most lines stop near one width, well short of a paragraph's length.
WRAP_MAX_WIDTH = 110
WRAP_MIN_LINES = 8
WRAP_SHARE = 0.3
#: A wrapped line is at least this long (short lines are headings, menus or table rows).
WRAP_MIN_WIDTH = 40


def _raw_lines(text: str) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    while start <= size:
        newline = text.find("\n", start)
        end = size if newline < 0 else newline
        lines.append((start, end))
        if newline < 0:
            break
        start = newline + 1
    return lines


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether line breaks mostly wrap sentences (old plain-text policies) rather than end blocks."""
    lengths = [end - start for start, end in lines if text[start:end].strip()]
    if len(lengths) < WRAP_MIN_LINES:
        return False
    lengths.sort()
    width = lengths[int(len(lengths) * 0.9)]
    if width > WRAP_MAX_WIDTH:
        return False
    wrapped = 0
    for (start, end), (next_start, next_end) in zip(lines, lines[1:], strict=False):
        line = text[start:end].rstrip()
        following = text[next_start:next_end].lstrip()
        if (
            line
            and following
            and not _ends_with(line, ".!?:;")
            and len(line) >= max(WRAP_MIN_WIDTH, 0.6 * width)
        ):
            wrapped += 1
    return wrapped >= WRAP_SHARE * len(lengths)


def _continues(text: str, previous: _Line, start: int) -> bool:
    """A line that carries on the previous one's sentence: the previous one ends without a mark and
    this one opens in lower case ("... within 30 days, and they are" / "purged from our backups")."""
    first = text[start : start + 80].lstrip()[:1]
    return (
        first.isalpha()
        and first.islower()
        and "\t" not in text[previous.start : previous.end]
        and not _ends_with(text[previous.start : previous.end], ".!?:;")
    )


def _logical_lines(text: str) -> list[_Line]:
    """Non-blank lines; in hard-wrapped text, paragraphs (the sentence splitter handles the wraps)."""
    raw = _raw_lines(text)
    wrapped = _hard_wrapped(text, raw)
    lines: list[_Line] = []
    blank = False
    for start, end in raw:
        if not text[start:end].strip():
            blank = True
            continue
        if lines and not blank and (wrapped or _continues(text, lines[-1], start)):
            lines[-1].end = end  # same paragraph
        else:
            lines.append(_Line(start, end, blank))
        blank = False
    return lines


# --- units ----------------------------------------------------------------------------------------


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    column: str | None = None
    lead_in: int | None = None
    heading: int | None = None
    label: int | None = None
    role: str | None = None
    bulleted: bool = False


_SENTENCE_MARKS = re.compile(r"[.!?|\u00bb\u2022\u25cf\u25aa\u25e6\u25a0\u25ba\u2023\u2043]")


def _cell_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """A cell's sentences; a cell without sentence marks is one unit (the common, cheap case)."""
    if _SENTENCE_MARKS.search(text, start, end) is None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return [Sentence(text[start:end], start, end)] if start < end else []
    return split_span(text, start, end)


class _Builder:
    """Classifies the units of one text line by line (see ``analyse``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.units: list[_Draft] = []
        self.heading: int | None = None  # index of the current section heading
        self.heading_role: str | None = None
        self.lead_in: int | None = None  # index of the open list's lead-in
        self.columns: list[str] | None = None  # the current table's header cells
        self.single_line = False

    # one line ----------------------------------------------------------------------------------

    def add_line(self, line: _Line) -> None:
        text = self.text
        content = text[line.start : line.end]
        if line.blank_before and self.lead_in is not None:
            lead = self.units[self.lead_in]
            # a blank line ends a list, unless the lead-in itself was the line just before
            if not (self.units and self.units[-1] is lead):
                self.lead_in = None
        if "\t" in content and len([c for c in content.split("\t") if c.strip()]) >= 2:
            self._add_row(line)
            return
        if line.blank_before:
            self.columns = None
        stripped = content.strip().lower()
        if stripped in NAV_LINES or len(_NAV_SEPARATORS.findall(content)) >= 2:
            for sentence in split_span(text, line.start, line.end):
                self._append(_Draft(sentence.start, sentence.end, "nav"))
            return
        sentences = split_span(text, line.start, line.end)
        if not sentences:
            return
        if len(sentences) == 2 and _NUMBER_ONLY.match(sentences[0].text):
            # "8.3. Law Enforcement Authorities": the number and its title are one line's title
            sentences = [
                Sentence(text[sentences[0].start : sentences[1].end], sentences[0].start, sentences[1].end)
            ]
        bulleted_line = _BULLET_START.match(content) is not None
        numbered_title = _SECTION_NUMBER.match(content) is not None and (
            sentences[0].text.isupper() or _title_case(sentences[0].text)
        )
        if numbered_title:
            bulleted_line = False  # "2. HOW WE SHARE IT" is a section title, not a list item
        in_list = self.lead_in is not None
        if (
            len(sentences) == 1
            and not self.single_line
            and (not in_list or numbered_title)
            and not bulleted_line
            and (_heading_shaped(sentences[0].text) or _MARKDOWN_HEADING.match(content))
        ):
            self._add_heading(sentences[0])
            return
        leading_label: int | None = None
        for position, sentence in enumerate(sentences):
            for piece_start, piece_end, is_label in self._inline_label(sentence, position == 0):
                piece = text[piece_start:piece_end]
                bulleted = bulleted_line and position == 0 or self._bullet_before(piece_start, line.start)
                if position == 0 and not is_label and len(sentences) > 1 and _label_shaped(piece):
                    is_label = True
                if is_label and position == 0 and in_list:
                    self._close_nested_list()
                    in_list = self.lead_in is not None
                if is_label:
                    leading_label = self._append(
                        _Draft(piece_start, piece_end, "label", role=self._role_of(piece))
                    )
                    continue
                if position == 0 and len(sentences) > 1 and _heading_shaped(piece) and piece.isupper():
                    leading_label = self._append(_Draft(piece_start, piece_end, "heading"))
                    continue
                kind = "list_item" if (in_list or bulleted or bulleted_line) else "sentence"
                draft = _Draft(piece_start, piece_end, kind, bulleted=bulleted)
                if kind == "list_item":
                    draft.lead_in = self.lead_in
                if leading_label is not None:
                    draft.label = leading_label
                    draft.role = self.units[leading_label].role or self.heading_role
                index = self._append(draft)
                if _ends_with(piece, ":") and (_has_verb_cue(piece) or _words(piece) >= 6):
                    self.lead_in = index  # the next lines are its items

    def _close_nested_list(self) -> None:
        """A line led by a label starts a new item of the outer list, after a nested one."""
        if self.lead_in is not None and self.units[self.lead_in].kind == "list_item":
            self.lead_in = self.units[self.lead_in].lead_in

    def _inline_label(self, sentence: Sentence, first: bool) -> list[tuple[int, int, bool]]:
        """Split "Label: Sentence" at the colon when the lead is a short label; else the sentence."""
        if not first:
            return [(sentence.start, sentence.end, False)]
        match = _INLINE_LABEL.match(sentence.text)
        if match is None:
            return [(sentence.start, sentence.end, False)]
        lead = match.group(0).rstrip()
        rest_start = sentence.start + match.end()
        rest = self.text[rest_start : sentence.end]
        # a lead with a verb ("Information we retain until you delete it:") is still a label when a
        # whole sentence follows it on the line
        full_sentence_follows = _words(rest) >= 6 and _has_verb_cue(rest)
        if _words(lead) > 8 or (
            _has_verb_cue(lead[:-1]) and not _title_case(lead) and not full_sentence_follows
        ):
            return [(sentence.start, sentence.end, False)]
        label_end = sentence.start + len(lead)
        rest_is_label = _words(rest) < 4 and not _has_verb_cue(rest) and not any(ch.isdigit() for ch in rest)
        return [(sentence.start, label_end, True), (rest_start, sentence.end, rest_is_label)]

    def _bullet_before(self, start: int, line_start: int) -> bool:
        """A bullet character sits between the previous unit (on this line) and ``start``."""
        previous_end = self.units[-1].end if self.units and self.units[-1].end >= line_start else line_start
        return any(ch in _BULLET_CHARS for ch in self.text[previous_end:start])

    def _add_heading(self, sentence: Sentence) -> None:
        index = self._append(_Draft(sentence.start, sentence.end, "heading"))
        self.heading = index
        self.heading_role = self._role_of(sentence.text)
        self.lead_in = None
        self.columns = None

    def _role_of(self, text: str) -> str | None:
        return "legal_basis" if LEGAL_BASIS.search(text.lower()) else None

    def _add_row(self, line: _Line) -> None:
        """A table row: cells split at tabs; the first row of a table is its header when it is short."""
        text = self.text
        cells: list[tuple[int, int]] = []
        cell_start = line.start
        for piece in text[line.start : line.end].split("\t"):
            if piece.strip():
                cells.append((cell_start, cell_start + len(piece)))
            cell_start += len(piece) + 1
        is_header = self.columns is None and all(
            _words(text[a:b]) <= CELL_LABEL_MAX_WORDS and not _ends_with(text[a:b], ".") for a, b in cells
        )
        if is_header:
            self.columns = [text[a:b].strip().lower() for a, b in cells]
            for a, b in cells:
                for sentence in split_span(text, a, b):
                    self._append(_Draft(sentence.start, sentence.end, "table_heading"))
            return
        self.lead_in = None
        for column_index, (a, b) in enumerate(cells):
            column = self.columns[column_index] if self.columns and column_index < len(self.columns) else None
            cell_text = text[a:b]
            role = self._role_of(column) if column else None
            sentences = _cell_sentences(text, a, b)
            # a short cell names a thing ("Location data"); one with a number is a value ("7 years")
            short = (
                len(sentences) == 1
                and _words(cell_text) <= CELL_LABEL_MAX_WORDS
                and not any(ch.isdigit() for ch in cell_text)
                and not (_ends_with(cell_text, ".") and _has_verb_cue(cell_text))
            )
            for sentence in sentences:
                kind = "label" if short else "table_cell"
                cell_role = role or (self._role_of(sentence.text) if kind == "label" else None)
                self._append(_Draft(sentence.start, sentence.end, kind, column=column, role=cell_role))

    def _append(self, draft: _Draft) -> int:
        if draft.heading is None:
            draft.heading = self.heading
        if draft.role is None and draft.kind in EVIDENCE_KINDS:
            draft.role = self.heading_role
        self.units.append(draft)
        return len(self.units) - 1


#: Units classified one by one; the longest real policies have a few thousand. Past this (a flood
#: of tiny lines or table cells sent to slow the service down) lines are only split into sentences.
MAX_CLASSIFIED_UNITS = 20_000


def analyse(text: str) -> Structure:
    """The units of ``text`` with their kinds, lead-ins, headings, columns and roles."""
    if not isinstance(text, str):
        raise TypeError(f"analyse expects str, got {type(text).__name__}")
    lines = _logical_lines(text)
    builder = _Builder(text)
    builder.single_line = len(lines) == 1
    for line in lines:
        if len(builder.units) < MAX_CLASSIFIED_UNITS:
            builder.add_line(line)
        else:  # far past any real policy: a flood of tiny lines or cells gets the plain splitter
            for sentence in _cell_sentences(text, line.start, line.end):
                builder.units.append(_Draft(sentence.start, sentence.end, "sentence"))
    units = tuple(
        Unit(
            text=text[d.start : d.end],
            start=d.start,
            end=d.end,
            kind=d.kind,  # type: ignore[arg-type]
            lead_in=d.lead_in,
            heading=d.heading,
            label=d.label,
            column=d.column,
            role=d.role,
        )
        for d in builder.units
    )
    return Structure(text, units)
