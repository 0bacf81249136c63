"""Derive each rule's prefilter from its own regex: literals of which every match holds one.

A rule's regex is slow beside a substring test, and most units of a policy match no rule. So a unit
is tried against a rule only if it contains one of the rule's *required literals*: strings such
that any text the regex matches contains at least one of them ("disclos", "law enforcement").
They are read off the parsed regex (``re._parser``), never written by hand, so a pattern and its
prefilter cannot drift apart (a keyword list kept by hand once missed "keeps you" because it said
"keep you").

``required_literals`` walks the parse tree: a sequence requires the best of its parts' requirements
(the maximal runs of literal characters, and the requirements of its groups), an alternation
requires the union of its branches' requirements, and a repeat of at least one requires what its
body requires. When nothing is required (a pattern that starts with ``\\w+`` and has no literal of
at least ``MIN_LITERAL`` characters), the result is None and the rule is tried on every unit.

``Prefilter`` then finds, in one pass of a trie-shaped regex over the whole lower-cased text, which
units hold any literal at all; for those units the per-rule test is a plain ``in``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

try:  # Python 3.11+: the parser of the ``re`` module
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

__all__ = ["MIN_LITERAL", "Prefilter", "required_literals"]

#: A literal shorter than this selects almost every unit: no use as a prefilter.
MIN_LITERAL = 3

_LITERAL = sre_parse.LITERAL
_BRANCH = sre_parse.BRANCH
_SUBPATTERN = sre_parse.SUBPATTERN
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}
_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_ATOMIC = getattr(sre_parse, "ATOMIC_GROUP", None)

Requirement = frozenset[str] | None


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` contains one, or None if none can be derived."""
    return _sequence(list(sre_parse.parse(pattern)))


def _strength(requirement: frozenset[str]) -> tuple[int, int]:
    """Better requirements have longer shortest literals, then fewer alternatives."""
    return (min(len(literal) for literal in requirement), -len(requirement))


def _sequence(items: Sequence[tuple[object, object]]) -> Requirement:
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if op in _ZERO_WIDTH:
            continue  # \b, lookarounds: consume nothing, so the run goes on
        close_run()
        requirement = _element(op, av)
        if requirement is not None:
            candidates.append(requirement)
    close_run()
    usable = [c for c in candidates if min(len(literal) for literal in c) >= MIN_LITERAL]
    return max(usable, key=_strength) if usable else None


def _element(op: object, av: object) -> Requirement:
    if op is _BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            requirement = _sequence(list(branch))
            if requirement is None:
                return None
            union |= requirement
        return frozenset(union)
    if op is _SUBPATTERN:
        return _sequence(list(av[-1]))  # type: ignore[index]
    if op is _ATOMIC:
        return _sequence(list(av))  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _high, body = av  # type: ignore[misc]
        return _sequence(list(body)) if low >= 1 else None
    return None  # a character class, ".", a back-reference: no literal


class Prefilter:
    """Which units of a text may match which rules, from the rules' required literals."""

    def __init__(self, requirements: Iterable[frozenset[str]]) -> None:
        literals = sorted({literal for requirement in requirements for literal in requirement})
        self.regex = re.compile(_trie_pattern(literals)) if literals else None

    def units_with_literals(self, low_text: str, starts: Sequence[int], ends: Sequence[int]) -> set[int]:
        """Indexes of the units (given by their start and end offsets) holding any literal."""
        found: set[int] = set()
        if self.regex is None:
            return found
        index, end = -1, -1
        for match in self.regex.finditer(low_text):
            position = match.start()
            if position >= end:
                index = bisect.bisect_right(starts, position) - 1
                end = ends[index] if index >= 0 else 0
                if position >= end:
                    continue  # between units
            found.add(index)
        return found


def _trie_pattern(literals: list[str]) -> str:
    """A regex matching exactly the literals, shaped as a trie so each position costs a few steps."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:  # type: ignore[type-arg]
    ends_here = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if ends_here else body
