"""A quoted sentence shown in context: the few sentences around it in the policy text."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Where a sentence ends: terminal punctuation (plus closing quotes/brackets) then whitespace, or a
#: blank line / line break (headings and bullet items in pasted policies often lack a period).
#: The lookbehinds keep "e.g. ", "i.e. ", "Inc. " and friends inside their sentence.
_BOUNDARY = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bvs)"
    r"[.!?][\"'\u201d\u2019)\]]*\s+"
    r"|\n[ \t]*\n\s*"
    r"|\n(?=[ \t]*(?:[-*\u2022\u25aa]|\d+[.)])\s)"
)

#: How far to look either side of a quote. Bounded so a 2 MB policy costs the same as a short one.
WINDOW_CHARS = 700
#: Sentences of context each side (the issue asks for "a few sentences around each quote").
CONTEXT_SENTENCES = 2
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class QuoteInContext:
    """Text before the quote, the quote, and text after it; all plain text, whitespace collapsed."""

    before: str
    quote: str
    after: str
    #: False when the policy text was not available and only the quote itself is shown.
    has_context: bool


def _collapse(text: str) -> str:
    """Runs of whitespace (including newlines) to one space, keeping an edge space if there was one."""
    if not text:
        return ""
    core = " ".join(text.split())
    if not core:
        return " "
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return f"{lead}{core}{trail}"


def _before(text: str, start: int, sentences: int) -> str:
    """Up to ``sentences`` whole sentences that end right before ``start``."""
    window_start = max(0, start - WINDOW_CHARS)
    head = text[window_start:start]
    # Boundaries strictly inside the head; the last one is usually the end of the previous sentence.
    starts = [m.end() for m in _BOUNDARY.finditer(head) if m.end() < len(head)]
    # The quote begins a sentence, so the sentence before it ends at the last boundary (or at the
    # head's end); keep ``sentences`` of them.
    if len(starts) >= sentences:
        return head[starts[-sentences]:]
    if window_start == 0:
        return head
    return _cut_to_word_start(head)


def _after(text: str, end: int, sentences: int) -> str:
    """Up to ``sentences`` whole sentences that start right after ``end``."""
    window_end = min(len(text), end + WINDOW_CHARS)
    tail = text[end:window_end]
    # Skip the boundary that closes the quoted sentence itself (a quote may stop before its period).
    ends = [m.start() + 1 for m in _BOUNDARY.finditer(tail) if m.start() > 0]
    if len(ends) >= sentences:
        return tail[: ends[sentences - 1]]
    if window_end == len(text):
        return tail
    return _cut_to_word_end(tail)


def _cut_to_word_start(head: str) -> str:
    space = head.find(" ")
    return ELLIPSIS + (head[space + 1 :] if space != -1 else head)


def _cut_to_word_end(tail: str) -> str:
    space = tail.rfind(" ")
    return (tail[:space] if space > 0 else tail) + ELLIPSIS


def locate_quote(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: at the evidence offsets if they match, else its first occurrence."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    if quote:
        found = text.find(quote)
        if found != -1:
            return found, found + len(quote)
    return None


def quote_in_context(
    text: str | None,
    start: int,
    end: int,
    quote: str,
    sentences: int = CONTEXT_SENTENCES,
) -> QuoteInContext:
    """The quote with ``sentences`` sentences either side, from ``text`` when it is available."""
    span = locate_quote(text, start, end, quote) if text else None
    if text is None or span is None:
        return QuoteInContext(before="", quote=_collapse(quote).strip(), after="", has_context=False)
    begin, finish = span
    before = _collapse(_before(text, begin, sentences)).lstrip()
    after = _collapse(_after(text, finish, sentences)).rstrip()
    return QuoteInContext(
        before=before,
        quote=_collapse(text[begin:finish]).strip(),
        after=after,
        has_context=bool(before.strip() or after.strip()),
    )


#: Two evidence quotes at most this many characters apart are neighbours in the policy (the gap is
#: the whitespace between consecutive sentences).
NEIGHBOUR_GAP = 3


def quote_with_neighbours(
    quote: str,
    start: int,
    end: int,
    spans: list[tuple[int, int, str]],
    sentences: int = CONTEXT_SENTENCES,
) -> QuoteInContext:
    """Context from the report's other evidence when the policy text is not stored.

    ``spans`` are all ``(start, end, quote)`` of the report's evidence. A quote whose span ends right
    where this one starts (or starts right where it ends) is the sentence next to it in the policy,
    so it can stand in as context; chains of up to ``sentences`` neighbours are followed each side.
    """
    by_end = {span_end: (span_start, text) for span_start, span_end, text in spans}
    by_start = {span_start: (span_end, text) for span_start, span_end, text in spans}
    before: list[str] = []
    cursor = start
    for _ in range(sentences):
        found = next(
            (by_end[cursor - gap] for gap in range(NEIGHBOUR_GAP + 1) if cursor - gap in by_end), None
        )
        if found is None or found[0] >= cursor:
            break
        cursor = found[0]
        before.insert(0, found[1])
    after: list[str] = []
    cursor = end
    for _ in range(sentences):
        found = next(
            (by_start[cursor + gap] for gap in range(NEIGHBOUR_GAP + 1) if cursor + gap in by_start), None
        )
        if found is None or found[0] <= cursor:
            break
        cursor = found[0]
        after.append(found[1])
    before_text = _collapse(" ".join(before)).strip()
    after_text = _collapse(" ".join(after)).strip()
    return QuoteInContext(
        before=before_text + " " if before_text else "",
        quote=_collapse(quote).strip(),
        after=" " + after_text if after_text else "",
        has_context=bool(before_text or after_text),
    )
