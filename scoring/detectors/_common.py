"""Shared pieces of the risk detectors: the Document they read, rule records and evidence builders."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from scoring._models import Evidence, RiskFinding, Severity
from scoring._sentences import Sentence

#: Severity order, weakest first; a finding takes the strongest severity among its evidence.
SEVERITY_RANK: dict[str, int] = {"none": 0, "low": 1, "medium": 2, "high": 3}
#: A finding quotes at most this many sentences (the strongest first); more adds noise, not proof.
MAX_EVIDENCE = 5


@dataclass(frozen=True)
class Document:
    """A text split into sentences; ``is_whole_policy`` enables the policy-level rules."""

    text: str
    sentences: tuple[Sentence, ...]
    is_whole_policy: bool


@dataclass(frozen=True)
class Rule:
    """One named phrasing family: a bounded regex, the severity it implies and why it matters."""

    name: str
    regex: re.Pattern[str]
    severity: Severity
    why: str


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a detector pattern; it is matched against lower-cased text (see ``lowered``).

    Matching lower-cased text without ``re.IGNORECASE`` is several times faster in CPython's engine,
    so every pattern here is written in lower case. Top-level alternatives that open with ``\\b``
    are compiled as one ``\\b(?:...)`` group: the same matches, about six times faster, because the
    engine tests the word boundary once per position instead of once per alternative.
    """
    return re.compile(factor_word_boundary(pattern))


def factor_word_boundary(pattern: str) -> str:
    """Rewrite ``\\bA|\\bB|C`` as ``\\b(?:A|B)|C`` (same language, one boundary test per position)."""
    alternatives = _top_level_alternatives(pattern)
    bounded = [alt[2:] for alt in alternatives if alt.startswith("\\b")]
    others = [alt for alt in alternatives if not alt.startswith("\\b")]
    if len(bounded) < 2:
        return pattern
    return "|".join([r"\b(?:" + "|".join(bounded) + ")", *others])


def _top_level_alternatives(pattern: str) -> list[str]:
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
            if pattern[index + 1 : index + 2] == "]":  # "[]...]": a literal "]" first
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


def rule(name: str, pattern: str, severity: Severity, why: str) -> Rule:
    """Build a Rule from a pattern string."""
    return Rule(name, rx(pattern), severity, why)


@dataclass(frozen=True)
class Hit:
    """A rule that matched one sentence, with the severity after scope adjustments."""

    sentence: Sentence
    rule: str
    severity: Severity
    explanation: str
    #: Tie-break among equally severe hits: lower comes first (a stated clause before an inference).
    rank: int = 0


def evidence_of(hit: Hit) -> Evidence:
    """The Evidence record for a hit: the whole sentence, its offsets and the explanation."""
    sentence = hit.sentence
    return Evidence(sentence.text, sentence.start, sentence.end, hit.explanation, hit.rule)


def strongest(hits: Iterable[Hit]) -> list[Hit]:
    """Hits ordered strongest first, then by rank and position, one per sentence, at most MAX_EVIDENCE."""
    seen: set[int] = set()
    unique: list[Hit] = []
    for hit in hits:
        if hit.sentence.start not in seen:
            seen.add(hit.sentence.start)
            unique.append(hit)
    unique.sort(key=lambda h: (-SEVERITY_RANK[h.severity], h.rank, h.sentence.start))
    return unique[:MAX_EVIDENCE]


def finding(risk_id: str, title: str, hits: list[Hit], summary: str, clean_summary: str) -> RiskFinding:
    """The RiskFinding for ``hits`` (detected when there is at least one)."""
    if not hits:
        return RiskFinding(risk_id, title, False, "none", clean_summary, ())
    chosen = strongest(hits)
    return RiskFinding(
        risk_id, title, True, chosen[0].severity, summary, tuple(evidence_of(h) for h in chosen)
    )


_ASCII_UPPER = re.compile(r"[A-Z]+")


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """``text`` in lower case with the same length, so offsets stay valid (cached for the 3 detectors)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters ("\u0130") grow when lower-cased: lower only ASCII letters then.
    return _ASCII_UPPER.sub(lambda m: m.group(0).lower(), text)


class Anchors:
    """Keywords that a sentence must contain before a family of rules is tried on it.

    All detectors' keywords are found in one pass of a trie-shaped regex over the whole lower-cased
    text; only the sentences holding one get the (slower) rule regexes, and only the rules of the
    families their keywords name. A keyword matches at a word start and may be the prefix of a
    longer word.
    """

    def __init__(self, families: Mapping[str, Iterable[str]]) -> None:
        collected: dict[str, set[str]] = {}
        for family, keywords in families.items():
            for keyword in keywords:
                collected.setdefault(keyword, set()).add(family)
        self.keyword_families: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in collected.items()}
        _REGISTRY.append(self)
        _SCANNER.clear()
        _LAST_SCAN.clear()

    def candidates(self, doc: Document) -> dict[int, set[str]]:
        """Sentence index -> families of this set whose keywords occur in that sentence."""
        return _scan(doc).get(id(self), {})

    def candidate_sentences(self, doc: Document) -> Iterator[tuple[int, Sentence, str, set[str]]]:
        """(index, sentence, its lower-cased text, families) for each candidate sentence, in text order."""
        for index, families in sorted(self.candidates(doc).items()):
            sentence = doc.sentences[index]
            yield index, sentence, sentence_low(doc, sentence), families


#: Every Anchors set; the combined scanner is rebuilt when one is added.
_REGISTRY: list[Anchors] = []
#: The combined scanner: regex and keyword -> [(anchors id, families)], built on first use.
_SCANNER: dict[str, object] = {}
#: One-entry cache of the last scan: the three detectors read the same Document in a row.
_LAST_SCAN: list[tuple[Document, dict[int, dict[int, set[str]]]]] = []


def _scanner() -> tuple[re.Pattern[str], dict[str, list[tuple[int, frozenset[str]]]]]:
    """The combined keyword regex and what each keyword means to each Anchors set."""
    if not _SCANNER:
        owners: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for anchors in _REGISTRY:
            for keyword, names in anchors.keyword_families.items():
                owners.setdefault(keyword, []).append((id(anchors), names))
        # The regex returns the longest keyword at a position: give it its prefixes' meanings too.
        for keyword in owners:
            for other in list(owners):
                if other != keyword and keyword.startswith(other):
                    owners[keyword] = owners[keyword] + owners[other]
        _SCANNER["regex"] = re.compile(r"\b" + _trie_pattern(sorted(owners)))
        _SCANNER["owners"] = owners
    return _SCANNER["regex"], _SCANNER["owners"]  # type: ignore[return-value]


def _scan(doc: Document) -> dict[int, dict[int, set[str]]]:
    """Anchors id -> sentence index -> families, for one document (one regex pass)."""
    cached = _LAST_SCAN[:1]  # read the entry once: another thread may replace it meanwhile
    if cached and cached[0][0] is doc:
        return cached[0][1]
    regex, owners = _scanner()
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    keywords_at: dict[int, set[str]] = {}
    index, end = -1, -1
    for match in regex.finditer(lowered(doc.text)):
        position = match.start()
        if position >= end:  # left the current sentence: find the one holding this keyword
            index = bisect.bisect_right(starts, position) - 1
            end = sentences[index].end if index >= 0 else 0
            if position >= end:
                continue  # between sentences (a bullet, a separator)
        keywords_at.setdefault(index, set()).add(match.group(0))
    found: dict[int, dict[int, set[str]]] = {}
    for index, keywords in keywords_at.items():
        for keyword in keywords:
            for owner, names in owners[keyword]:
                found.setdefault(owner, {}).setdefault(index, set()).update(names)
    _LAST_SCAN[:] = [(doc, found)]
    return found


def sentence_low(doc: Document, sentence: Sentence) -> str:
    """The lower-cased text of one sentence of ``doc``."""
    return lowered(doc.text)[sentence.start : sentence.end]


def _trie_pattern(keywords: list[str]) -> str:
    """A regex matching exactly the keywords, shaped as a trie so each position costs a few steps."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for keyword in keywords:
        node = trie
        for char in keyword:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:  # type: ignore[type-arg]
    """Regex for one trie node: alternatives for its children, optional when a keyword ends here."""
    ends_here = "" in node
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?"
    return body
