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

``Prefilter`` then finds, in one pass of a trie-shaped regex over the whole lower-cased text, the
literals each unit holds, and from them the rules worth trying there. The scan looks ahead at every
position (so overlapping literals are all seen) and takes the longest literal starting there; a
longer literal also carries the rules of the literals that are its prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # Python 3.11+: the parser of the ``re`` module
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse

__all__ = ["MIN_LITERAL", "Prefilter", "Requirement", "required_literals", "requirement_of"]

#: A literal shorter than this selects almost every unit: no use as a prefilter.
MIN_LITERAL = 3

_LITERAL = sre_parse.LITERAL
_BRANCH = sre_parse.BRANCH
_SUBPATTERN = sre_parse.SUBPATTERN
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}
_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_ATOMIC = getattr(sre_parse, "ATOMIC_GROUP", None)

#: A rule's prefilter in disjunctive form: the unit must satisfy one of the branches, and a branch is
#: satisfied when the unit holds a literal of each of its sets ("if you" AND one of "agree/accept").
Requirement = tuple[tuple[frozenset[str], ...], ...]
#: At most this many literal sets per branch (the strongest ones): enough to be selective.
MAX_SETS_PER_BRANCH = 3


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals of which every match of ``pattern`` contains one (each at a word start), or None."""
    requirement = requirement_of(pattern)
    if requirement is None:
        return None
    return frozenset(literal for branch in requirement for literal in branch[0])


def requirement_of(pattern: str) -> Requirement | None:
    """The pattern's prefilter as branches of literal sets (None: no prefilter can be derived)."""
    return _branches(list(sre_parse.parse(pattern)), False)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_NON_WORD_CATEGORIES = {sre_parse.CATEGORY_SPACE, sre_parse.CATEGORY_NOT_WORD, sre_parse.CATEGORY_NOT_DIGIT}


def _only_non_word(op: object, av: object) -> bool:
    """Whether the element can only consume non-word characters (spaces, punctuation)."""
    if op is _LITERAL:
        return not _is_word_char(chr(av))  # type: ignore[arg-type]
    if op is sre_parse.IN:
        for item_op, item_av in av:  # type: ignore[attr-defined]
            if item_op is _LITERAL and not _is_word_char(chr(item_av)):
                continue
            if item_op is sre_parse.CATEGORY and item_av in (
                sre_parse.CATEGORY_SPACE,
                sre_parse.CATEGORY_NOT_WORD,
            ):
                continue
            return False
        return True
    if op in _REPEATS:
        body = list(av[2])  # type: ignore[index]
        return len(body) == 1 and _only_non_word(*body[0])
    return False


def _ends_non_word(op: object, av: object) -> bool:
    """Whether every text the element matches ends with a non-word character (so a word starts next)."""
    if op is _LITERAL or op is sre_parse.IN:
        return _only_non_word(op, av)
    if op in _REPEATS:
        body = [item for item in av[2] if item[0] not in _ZERO_WIDTH]  # type: ignore[index]
        return bool(body) and _ends_non_word(*body[-1])
    if op is _SUBPATTERN:
        body = [item for item in av[-1] if item[0] not in _ZERO_WIDTH]  # type: ignore[index]
        return bool(body) and _ends_non_word(*body[-1])
    if op is _BRANCH:
        ends = []
        for branch in av[1]:  # type: ignore[index]
            body = [item for item in branch if item[0] not in _ZERO_WIDTH]
            ends.append(bool(body) and _ends_non_word(*body[-1]))
        return all(ends)
    return False


def _branches(items: list[tuple[object, object]], at_word_start: bool) -> Requirement | None:
    """Alternatives stay apart (each its own branch); a sequence is one branch of all its sets."""
    meaningful = [item for item in items if item[0] not in _ZERO_WIDTH]
    if len(meaningful) == 1:
        op, av = meaningful[0]
        start = at_word_start or any(item[0] is sre_parse.AT for item in items[: items.index(meaningful[0])])
        if op is _BRANCH:
            result: list[tuple[frozenset[str], ...]] = []
            for branch in av[1]:  # type: ignore[index]
                sub = _branches(list(branch), start)
                if sub is None:
                    return None
                result.extend(sub)
            return tuple(result)
        if op is _SUBPATTERN:
            return _branches(list(av[-1]), start)  # type: ignore[index]
    sets = _all_sets(items, at_word_start)
    return (tuple(sets[:MAX_SETS_PER_BRANCH]),) if sets else None


def _all_sets(items: Sequence[tuple[object, object]], at_word_start: bool) -> list[frozenset[str]]:
    """Every usable requirement of a sequence (each must hold), strongest first.

    A literal is usable only where it starts a word in every match (after ``\\b``, a space or
    punctuation), because the scan tests only word starts; a run that starts mid-word is skipped.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    run_ok = False  # the current run starts at a word start
    status = at_word_start  # the position after what was read so far is a word start

    def close() -> None:
        if run and run_ok:
            candidates.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        if op is _LITERAL:
            char = chr(av)  # type: ignore[arg-type]
            if not _is_word_char(char):
                if not run:
                    status = True  # leading punctuation or space: the word starts after it
                    continue
                run.append(char)
                status = True
                continue
            if not run:
                run_ok = status
            run.append(char)
            status = False
            continue
        if op is sre_parse.AT:
            status = (
                True
                if av in (sre_parse.AT_BOUNDARY, sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING)
                else status
            )
            continue
        if op in _ZERO_WIDTH:
            continue
        close()
        requirement = _element(op, av, status)
        if requirement is not None:
            candidates.append(requirement)
        low = av[0] if op in _REPEATS else 1  # type: ignore[index]
        status = _ends_non_word(op, av) and (low >= 1 or status)
    close()
    usable = [c for c in candidates if min(len(literal) for literal in c) >= MIN_LITERAL]
    return sorted(usable, key=_strength, reverse=True)


def _strength(requirement: frozenset[str]) -> tuple[int, int]:
    """Better requirements have longer shortest literals, then fewer alternatives."""
    return (min(len(literal) for literal in requirement), -len(requirement))


def _element(op: object, av: object, at_word_start: bool) -> frozenset[str] | None:
    """What a group or repeat requires: the union over alternatives of their best set."""
    if op is _BRANCH:
        union: set[str] = set()
        for branch in av[1]:  # type: ignore[index]
            sets = _all_sets(list(branch), at_word_start)
            if not sets:
                return None
            union |= sets[0]
        return frozenset(union)
    if op is _SUBPATTERN or op is _ATOMIC:
        body = av[-1] if op is _SUBPATTERN else av  # type: ignore[index]
        sets = _all_sets(list(body), at_word_start)  # type: ignore[arg-type]
        return sets[0] if sets else None
    if op in _REPEATS:
        low: int = av[0]  # type: ignore[index]
        body = av[2]  # type: ignore[index]
        if low < 1:
            return None
        sets = _all_sets(list(body), at_word_start)
        return sets[0] if sets else None
    return None  # a character class, ".", a back-reference: no literal


#: How many literal sets ``rules_for`` remembers before it starts again (a few MB at most).
MAX_REMEMBERED_SETS = 50_000


class Prefilter:
    """Which rules may match which units of a text, from the rules' required literals."""

    def __init__(self, requirements: Sequence[Requirement | None]) -> None:
        """``requirements[i]`` is rule i's prefilter (None: rule i is tried everywhere)."""
        self.requirements = list(requirements)
        literals = {lit for req in requirements for branch in req or () for sets in branch for lit in sets}
        # the scan returns the longest literal at a position: it implies the literals that prefix it
        self.implied = {lit: frozenset(o for o in literals if lit.startswith(o)) for lit in literals}
        self.everywhere = frozenset(i for i, requirement in enumerate(requirements) if requirement is None)
        # first-set literal -> (rule, the branch's other sets) for every branch it opens
        self.branches_of: dict[str, list[tuple[int, tuple[frozenset[str], ...]]]] = {}
        for index, requirement in enumerate(requirements):
            for branch in requirement or ():
                for literal in branch[0]:
                    self.branches_of.setdefault(literal, []).append((index, branch[1:]))
        self.regex = re.compile("\\b(?=(" + _trie_pattern(sorted(literals)) + "))") if literals else None
        # literal set -> rules: units of one policy (and of the next) repeat the same few sets
        self._rules_for: dict[frozenset[str], list[int]] = {}

    def literals_by_unit(
        self, low_text: str, starts: Sequence[int], ends: Sequence[int]
    ) -> dict[int, set[str]]:
        """Unit index -> every required literal occurring inside that unit (units given by offsets).

        One ``findall`` per unit: the scanning stays in C, and a unit's literals never run into the
        next unit.
        """
        found: dict[int, set[str]] = {}
        if self.regex is None:
            return found
        findall = self.regex.findall
        implied = self.implied
        for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
            literals = findall(low_text, start, end)
            if literals:
                present: set[str] = set()
                for literal in literals:
                    present |= implied[literal]
                found[index] = present
        return found

    def literals_in(self, low: str) -> set[str]:
        """Every required literal occurring in ``low`` (one unit's text)."""
        present: set[str] = set()
        if self.regex is not None:
            for match in self.regex.finditer(low):
                present |= self.implied[match.group(1)]
        return present

    def rules_for(self, present: set[str]) -> list[int]:
        """Indexes (in order) of the rules whose requirement the literals ``present`` satisfy."""
        key = frozenset(present)
        known = self._rules_for.get(key)
        if known is None:
            if len(self._rules_for) > MAX_REMEMBERED_SETS:
                self._rules_for.clear()
            known = self._rules_for[key] = self._compute_rules_for(present)
        return known

    def _compute_rules_for(self, present: set[str]) -> list[int]:
        rules = set(self.everywhere)
        branches_of = self.branches_of
        for literal in present:
            for index, rest in branches_of.get(literal, ()):
                if index not in rules and all(not present.isdisjoint(sets) for sets in rest):
                    rules.add(index)
        return sorted(rules)


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
