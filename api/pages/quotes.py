"""A quoted sentence shown in context: the few sentences around it in the policy text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoring._sentences import Sentence

#: How far to look either side of a quote. Bounded so a 2 MB policy costs the same as a short one.
WINDOW_CHARS = 700
#: Sentences of context each side (the issue asks for "a few sentences around each quote").
CONTEXT_SENTENCES = 2
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class QuoteInContext:
    """Text before the quote, the quote, and text after it: plain text for a ``pre-line`` element.

    Whitespace inside a sentence is collapsed to single spaces; between two sentences a line break
    is kept if the policy had one there (headings and list items stay on their own lines).
    """

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


def split_sentences(text: str) -> list[Sentence]:
    """The scorer's own splitter, so context sentences end where evidence sentences end.

    Imported on first use: the app (like api.scoring_service) starts even if scoring cannot load.
    """
    from scoring._sentences import split_sentences as split

    return split(text)


def _gap(text: str) -> str:
    """What to show between two sentences: a line break if there was one, else a space (or nothing)."""
    if text.strip():
        return _collapse(text)  # stray characters the splitter left out (bullets, separators)
    if not text:
        return ""
    return "\n" if "\n" in text else " "


def _render(chunk: str, sentences: list[Sentence], start: int, end: int) -> str:
    """``chunk[start:end]`` with whitespace collapsed inside ``sentences`` and gaps kept as breaks."""
    parts = []
    cursor = start
    for sentence in sentences:
        parts.append(_gap(chunk[cursor : sentence.start]))
        parts.append(" ".join(sentence.text.split()))
        cursor = sentence.end
    parts.append(_gap(chunk[cursor:end]))
    return "".join(parts)


def _before(text: str, start: int, count: int) -> str:
    """Up to ``count`` whole sentences that end right before ``start``, and the gap to the quote."""
    window_start = max(0, start - WINDOW_CHARS)
    head = text[window_start:start]
    sentences = split_sentences(head)
    if not sentences:
        return _gap(head)
    keep = sentences[-count:]
    rendered = _render(head, keep, keep[0].start, len(head))
    if window_start > 0 and keep[0] is sentences[0]:
        # The window may have cut the first sentence: drop its first (partial) word.
        space = rendered.find(" ")
        rendered = ELLIPSIS + (rendered[space + 1 :] if space != -1 else rendered)
    return rendered


def _after(text: str, end: int, count: int) -> str:
    """The gap after the quote and up to ``count`` whole sentences that follow it."""
    window_end = min(len(text), end + WINDOW_CHARS)
    tail = text[end:window_end]
    sentences = split_sentences(tail)
    if not sentences:
        return _gap(tail)
    if sentences[0].start == 0 and not tail[:1].isspace():
        count += 1  # the quote stopped inside its sentence: the rest of it is not a sentence of context
    keep = sentences[:count]
    rendered = _render(tail, keep, 0, keep[-1].end)
    if window_end < len(text) and keep[-1] is sentences[-1]:
        space = rendered.rfind(" ")
        rendered = (rendered[:space] if space > 0 else rendered) + ELLIPSIS
    return rendered


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
    before = _before(text, begin, sentences).lstrip()
    after = _after(text, finish, sentences).rstrip()
    return QuoteInContext(
        before=before,
        quote=" ".join(text[begin:finish].split()),
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
