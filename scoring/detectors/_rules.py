"""One rule engine for every risk: ``Rule`` records, the conditions they name, and ``run``.

A rule is a record, in the manner of presidio's ``Pattern`` and ``PatternRecognizer``: a regex, the
severity it implies and why, the conditions it requires, the conditions that cancel it, spans a
match may not start in, a severity ladder whose steps each say why, one sentence for the finding's
summary, one sentence saying how the policy could avoid the finding, and its own examples and
counterexamples (sentences we wrote, run by a generic test). What a regex cannot say is a named
``Condition`` with a docstring (``unit_check``, ``match_check``, ``document_check``), the way presidio
keeps ``validate_result`` and ``invalidate_result`` beside its patterns. The engine never tests a
rule's name: everything a rule needs is a field of the record.

Reading order of one unit (a sentence, list item or table cell; headings and labels never quote):

1. the prefilter (literals derived from the rule's regex, ``_prefilter``) decides whether to try it;
2. each match of the regex that does not start inside a ``quiet`` span is a candidate;
3. every ``requires`` condition must hold and no ``unless`` condition may hold for that match;
4. the first ``ladder`` step whose condition holds sets the severity (else the rule's own);
5. the first surviving match makes a ``Hit`` with an explanation built from the record.

Rules of ``polarity="good"`` use the same machinery to find what a policy does well.
"""

from __future__ import annotations

import bisect
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

from scoring._models import Severity
from scoring._structure import EVIDENCE_KINDS, Structure, Unit
from scoring.detectors import _company
from scoring.detectors._prefilter import Prefilter, Requirement, required_literals, requirement_of

__all__ = [
    "SEVERITY_RANK",
    "Condition",
    "Document",
    "Hit",
    "Rule",
    "Step",
    "View",
    "any_of",
    "document_check",
    "found",
    "match_check",
    "run",
    "rx",
    "unit_check",
]

#: Severity order, weakest first; a finding takes the strongest severity among its evidence.
SEVERITY_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern matched against lower-cased text.

    Matching lower-cased text without ``re.IGNORECASE`` is several times faster in CPython, so every
    pattern is written in lower case. Top-level alternatives that open with ``\\b`` are compiled as
    one ``\\b(?:...)`` group: the same matches, about six times faster.
    """
    return re.compile(factor_word_boundary(pattern))


def factor_word_boundary(pattern: str) -> str:
    """Rewrite ``\\bA|\\bB|C`` as ``\\b(?:A|B)|C`` (same language, one boundary test per position)."""
    alternatives = top_level_alternatives(pattern)
    bounded = [alt[2:] for alt in alternatives if alt.startswith("\\b")]
    others = [alt for alt in alternatives if not alt.startswith("\\b")]
    if len(bounded) < 2:
        return pattern
    return "|".join([r"\b(?:" + "|".join(bounded) + ")", *others])


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a regex at the ``|`` that are outside groups and character classes."""
    parts: list[str] = []
    depth = 0
    in_class = False
    start = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


# --- the document and the view of one unit ---------------------------------------------------------


@dataclass(eq=False)
class Document:
    """A text with its structure; ``is_whole_policy`` enables the rules of ``scope="policy"``."""

    text: str
    structure: Structure
    is_whole_policy: bool
    #: The text is a privacy policy (whole or not); False for a sentence or fragment checked alone.
    is_policy: bool = False
    #: Results of document-level conditions, by name.
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def units(self) -> tuple[Unit, ...]:
        """The units of the text, in order."""
        return self.structure.units

    @property
    def low(self) -> str:
        """The whole text lower-cased, same length (offsets stay valid)."""
        return lowered(self.text)

    def company_pattern(self) -> re.Pattern[str] | None:
        """The regex of the company's own names (third-person policies), or None."""
        if "company_pattern" not in self.memo:
            self.memo["company_pattern"] = _company.name_pattern(_company.company_names(self.text))
        pattern: re.Pattern[str] | None = self.memo["company_pattern"]
        return pattern

    def unit_starts(self) -> list[int]:
        """The start offset of every unit, in order (cached; for bisecting a match to its unit)."""
        starts: list[int] | None = self.memo.get("starts")
        if starts is None:
            starts = self.memo["starts"] = [u.start for u in self.units]
        return starts

    def units_naming_the_company(self) -> set[int]:
        """Indexes of the units where one of the company's own names occurs (cached)."""
        named: set[int] | None = self.memo.get("named_units")
        if named is None:
            named = self.memo["named_units"] = set()
            pattern = self.company_pattern()
            if pattern is not None:
                units = self.units
                starts = self.unit_starts()
                for match in pattern.finditer(self.low):
                    index = bisect.bisect_right(starts, match.start()) - 1
                    if index >= 0 and match.start() < units[index].end:
                        named.add(index)
        return named

    def view(self, index: int) -> View:
        """The unit at ``index`` as the rules read it (cached)."""
        views: dict[int, View] = self.memo.setdefault("views", {})
        cached = views.get(index)
        if cached is None:
            cached = views[index] = View.of(self, index)
        return cached

    def matches_in_evidence(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """(unit index, match) for each match of ``pattern`` in the lower-cased text that lies inside
        a unit that may be evidence (sentences, list items, table cells; not headings or labels)."""
        units = self.units
        starts = self.unit_starts()
        for match in pattern.finditer(self.low):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.end() <= units[index].end and units[index].kind in EVIDENCE_KINDS:
                yield index, match

    def context_low(self, index: int | None) -> str | None:
        """The lower-cased, first-person text of the unit at ``index`` (a lead-in or heading)."""
        return None if index is None else self.view(index).low


_ASCII_UPPER = re.compile(r"[A-Z]+")


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` in lower case with the same length (a few characters grow: then ASCII only)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return _ASCII_UPPER.sub(lambda m: m.group(0).lower(), text)


@dataclass(eq=False)
class View:
    """One unit as the rules read it: lower-cased, the company's names read as "we"."""

    doc: Document
    index: int
    unit: Unit
    low: str
    #: Offset in the unit's own text of each character of ``low`` (None: the same offsets).
    offsets: list[int] | None
    memo: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, index: int) -> View:
        """Build the view of unit ``index`` of ``doc``."""
        unit = doc.units[index]
        low = doc.low[unit.start : unit.end]
        offsets: list[int] | None = None
        pattern = doc.company_pattern()
        if pattern is not None and index in doc.units_naming_the_company():
            rewritten = _company.as_first_person(low, pattern)
            if rewritten is not None:
                low, offsets = rewritten
        return cls(doc, index, unit, low, offsets)

    def quote(self, start: int, end: int) -> str:
        """The unit's original words behind ``low[start:end]``."""
        if self.offsets is not None:
            start, end = self.offsets[start], self.offsets[min(end, len(self.offsets) - 1)]
        return self.unit.text[start:end]

    @property
    def lead_in(self) -> str | None:
        """The lower-cased lead-in of this unit's list, if it is a list item."""
        return self.doc.context_low(self.unit.lead_in)

    @property
    def heading(self) -> str | None:
        """The lower-cased heading of the section this unit sits in."""
        return self.doc.context_low(self.unit.heading)

    @property
    def label(self) -> str | None:
        """The lower-cased label that leads this unit's line ("Corporate Transactions.")."""
        return self.doc.context_low(self.unit.label)


# --- conditions ------------------------------------------------------------------------------------

def _empty_match() -> re.Match[str]:
    match = re.match("", "")
    assert match is not None
    return match


#: The match handed to a condition asked about a whole unit.
NO_MATCH = _empty_match()

Where = Literal["unit", "before", "after", "near", "lead_in", "heading", "context", "match"]


@dataclass(frozen=True)
class Condition:
    """A named test of one candidate match; ``per_unit`` ones are computed once per unit."""

    name: str
    test: Callable[[View, re.Match[str]], bool | str]
    description: str
    per_unit: bool = False
    per_document: bool = False

    def of_unit(self, view: View) -> bool | str:
        """The result for a whole unit (no match in view): for unit checks used outside a rule."""
        return self.test(view, NO_MATCH)

    def holds(self, view: View, match: re.Match[str], notes: list[str]) -> bool:
        """Whether the condition holds; a string result holds and is added to the explanation."""
        if self.per_document:
            memo = view.doc.memo
        elif self.per_unit:
            memo = view.memo
        else:
            memo = None
        if memo is not None and self.name in memo:
            result = memo[self.name]
        else:
            result = self.test(view, match)
            if memo is not None:
                memo[self.name] = result
        if isinstance(result, str):
            if result:
                notes.append(result)
            return bool(result)
        return bool(result)


def found(
    name: str, pattern: str | re.Pattern[str], where: Where = "unit", window: int = 120, description: str = ""
) -> Condition:
    """A condition that holds when ``pattern`` occurs in the part of the text named by ``where``.

    ``unit``: anywhere in the unit; ``before``/``after``/``near``: within ``window`` characters before,
    after or around the match; ``match``: inside the match; ``lead_in``/``heading``: in the list's
    lead-in or the section heading; ``context``: in either.
    """
    regex = pattern if isinstance(pattern, re.Pattern) else rx(pattern)

    def test(view: View, match: re.Match[str]) -> bool:
        low = view.low
        if where == "unit":
            return regex.search(low) is not None
        if where == "before":
            return regex.search(low, max(0, match.start() - window), match.start()) is not None
        if where == "after":
            return regex.search(low, match.end(), match.end() + window) is not None
        if where == "near":
            return regex.search(low, max(0, match.start() - window), match.end() + window) is not None
        if where == "match":
            return regex.search(low, match.start(), match.end()) is not None
        texts = {
            "lead_in": (view.lead_in,),
            "heading": (view.heading,),
            "context": (view.lead_in, view.heading),
        }
        return any(text is not None and regex.search(text) is not None for text in texts[where])

    return Condition(name, test, description or f"{pattern!s} ({where})", per_unit=where == "unit")


def unit_check(func: Callable[[View], bool | str]) -> Condition:
    """A named check of the whole unit (computed once per unit); its docstring says what it means."""
    return Condition(
        func.__name__, lambda view, _match: func(view), inspect.getdoc(func) or "", per_unit=True
    )


def match_check(func: Callable[[View, re.Match[str]], bool | str]) -> Condition:
    """A named check of one match in its unit; its docstring says what it means."""
    return Condition(func.__name__, func, inspect.getdoc(func) or "")


def document_check(func: Callable[[Document], bool]) -> Condition:
    """A named check of the whole document (computed once per document)."""
    return Condition(
        func.__name__, lambda view, _match: func(view.doc), inspect.getdoc(func) or "", per_document=True
    )


def any_of(name: str, *conditions: Condition) -> Condition:
    """A condition that holds when any of ``conditions`` does (in order, first one wins)."""

    def test(view: View, match: re.Match[str]) -> bool | str:
        notes: list[str] = []
        for condition in conditions:
            if condition.holds(view, match, notes):
                return "; ".join(notes) if notes else True
        return False

    descriptions = " or ".join(c.name for c in conditions)
    return Condition(name, test, f"any of: {descriptions}", per_unit=all(c.per_unit for c in conditions))


# --- rules -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A rung of a rule's severity ladder: when ``when`` holds, the hit has ``severity`` (``reason``)."""

    severity: Severity
    when: Condition
    reason: str
    #: How the policy could word it better at this rung (defaults to the rule's ``improve``).
    improve: str = ""
    #: The finding's summary at this rung (defaults to the rule's ``summary``).
    summary: str = ""


@dataclass(frozen=True)
class Rule:
    """One phrasing family of one risk (see the module docstring for how it is read)."""

    risk: str
    name: str
    pattern: str
    severity: Severity
    why: str
    #: One clause for the finding's summary ("hand your data over ..."), joined by the risk.
    summary: str
    #: One sentence: what wording would lower or remove this finding.
    improve: str
    requires: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    #: Patterns of spans a match may not start in (idioms, quotations of rights, other subjects).
    quiet: tuple[str, ...] = ()
    ladder: tuple[Step, ...] = ()
    #: Unit kinds it may quote.
    kinds: frozenset[str] = EVIDENCE_KINDS
    #: "policy": a whole-policy rule (its conditions read the document), tried on whole policies only.
    scope: Literal["sentence", "policy"] = "sentence"
    polarity: Literal["risk", "good"] = "risk"
    #: Tie-break among equally severe hits: lower first (a stated clause before an inference).
    rank: int = 0
    #: At most this many quotes from this rule in one finding.
    max_quotes: int = 5
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern."""
        return _compiled(self.pattern)

    @property
    def quiet_regexes(self) -> tuple[re.Pattern[str], ...]:
        """The compiled quiet patterns."""
        return tuple(_compiled(p) for p in self.quiet)

    @property
    def literals(self) -> frozenset[str] | None:
        """Literals of which every match holds one (None: no prefilter for this rule)."""
        return _literals(self.pattern)

    @property
    def requirement(self) -> Requirement | None:
        """The prefilter in branches of literal sets (see ``_prefilter``); None: always tried."""
        return _requirement(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return rx(pattern)


@cache
def _literals(pattern: str) -> frozenset[str] | None:
    return required_literals(factor_word_boundary(pattern))


@cache
def _requirement(pattern: str) -> Requirement | None:
    return requirement_of(pattern)


@dataclass(frozen=True)
class Hit:
    """A rule that matched one unit, with the severity after its ladder."""

    rule: Rule
    unit: Unit
    severity: Severity
    explanation: str
    #: The lead-in or heading the quote is read under, if any.
    context: str | None
    #: The ladder step that set the severity, if one did.
    step: Step | None = None


class RuleSet:
    """The rules of every risk, with one prefilter over all their literals."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self.requirements = [r.requirement for r in self.rules]
        self.prefilter = Prefilter(self.requirements)


def run(doc: Document, rule_set: RuleSet, use_prefilter: bool = True) -> list[Hit]:
    """Every hit of every rule in ``rule_set`` on ``doc``, in text order."""
    units = doc.units
    rules = rule_set.rules
    prefilter = rule_set.prefilter
    candidates: dict[int, list[int]]
    if use_prefilter:
        present = prefilter.literals_by_unit(doc.low, doc.unit_starts(), [u.end for u in units])
        # a unit that names the company is read with "we" in its place: scan that text instead
        for index in doc.units_naming_the_company():
            present[index] = prefilter.literals_in(doc.view(index).low)
        if prefilter.everywhere:
            for index in range(len(units)):
                present.setdefault(index, set())
        candidates = {index: prefilter.rules_for(literals) for index, literals in present.items()}
    else:
        candidates = {index: list(range(len(rules))) for index in range(len(units))}
    hits: list[Hit] = []
    seen: set[tuple[object, ...]] = set()
    for index in sorted(candidates):
        unit = units[index]
        if unit.kind not in EVIDENCE_KINDS:
            continue
        view = doc.view(index)
        # A sentence the page repeats in the same place is quoted once (the findings drop repeats):
        # reading it again would only cost time (a flood of one clause would cost a lot).
        key = (view.low, unit.kind, unit.role, unit.column, view.lead_in, view.heading, view.label)
        if key in seen:
            continue
        seen.add(key)
        for rule_index in candidates[index]:
            rule = rules[rule_index]
            if unit.kind not in rule.kinds or (rule.scope == "policy" and not doc.is_whole_policy):
                continue
            hit = try_rule(rule, view)
            if hit is not None:
                hits.append(hit)
    return hits


def try_rule(rule: Rule, view: View) -> Hit | None:
    """The hit of ``rule`` on one unit, or None (steps 2-5 of the module docstring)."""
    low = view.low
    quiet = _quiet_spans(rule, view)
    for match in rule.regex.finditer(low):
        start = match.start()
        if any(a <= start < b for a, b in quiet):
            continue
        notes: list[str] = []
        if not all(c.holds(view, match, notes) for c in rule.requires):
            continue
        if any(c.holds(view, match, []) for c in rule.unless):
            continue
        severity, applied = rule.severity, None
        for step in rule.ladder:
            if step.when.holds(view, match, notes):
                severity, applied = step.severity, step
                break
        explanation = _explain(rule, view, match, notes, applied.reason if applied else "")
        return Hit(rule, view.unit, severity, explanation, _context(view), applied)
    return None


def _quiet_spans(rule: Rule, view: View) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for regex in rule.quiet_regexes:
        key = "quiet:" + regex.pattern
        cached = view.memo.get(key)
        if cached is None:
            cached = view.memo[key] = [m.span() for m in regex.finditer(view.low)]
        spans.extend(cached)
    return spans


def _context(view: View) -> str | None:
    structure = view.doc.structure
    return structure.context_of(view.unit)


def _explain(rule: Rule, view: View, match: re.Match[str], notes: list[str], step_reason: str) -> str:
    """'Rule name matched "...": why; notes; severity reason; under "lead-in".'"""
    parts = [f'Rule {rule.name} matched "{view.quote(match.start(), match.end())}": {rule.why}']
    parts.extend(notes)
    if step_reason:
        parts.append(step_reason)
    if view.unit.lead_in is not None:
        lead = view.doc.units[view.unit.lead_in].text
        parts.append(f'read as an item of the list under "{_short(lead)}"')
    return "; ".join(parts) + "."


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def rules_of(modules: Iterable[Any]) -> tuple[Rule, ...]:
    """All ``RULES`` of the given risk modules, in order."""
    return tuple(rule for module in modules for rule in module.RULES)
