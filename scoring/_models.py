"""The report data model: frozen dataclasses whose ``to_dict()`` is the API's JSON contract.

Field names here are a public contract: the API returns ``PolicyReport.to_dict()`` verbatim, Redis
caches it, and the extension and report pages read it. Add fields freely; never rename or remove one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["high", "medium", "low", "none"]

#: Permanent risk identifiers, in display order. Cached reports and the extension key on these
#: strings (detect-secrets' ``secret_type`` warning applies: renaming one breaks stored data).
RISK_IDS: tuple[str, ...] = ("broad_disclosure", "no_opt_out", "retention_after_deletion")


@dataclass(frozen=True)
class Evidence:
    """One quoted sentence that proves a finding; ``text[start:end] == quote`` in the submitted text."""

    quote: str
    start: int
    end: int
    explanation: str
    #: Stable name of the rule that matched (e.g. ``"protect_rights"``), for tests and tuning.
    rule: str
    #: Severity of this quote on its own (the finding takes the worst of its quotes).
    severity: Severity = "none"
    #: What the quote is read under: its list's lead-in, or its section heading (None at top level).
    context: str | None = None
    #: The kind of unit quoted: "sentence", "list_item" or "table_cell".
    kind: str = "sentence"


@dataclass(frozen=True)
class RiskFinding:
    """The verdict for one risk id: always present in a report, detected or not."""

    id: str
    title: str
    detected: bool
    severity: Severity
    summary: str
    evidence: tuple[Evidence, ...] = ()
    #: One sentence saying what wording would lower this finding ("" when nothing was found).
    how_to_improve: str = ""


@dataclass(frozen=True)
class GoodPractice:
    """A clause that does well on one risk (a narrow ground, an offered opt-out, a bounded purge)."""

    risk: str
    rule: str
    quote: str
    start: int
    end: int
    explanation: str


@dataclass(frozen=True)
class Readability:
    """Readability figures for the whole text (textstat formulas; reading time at 250 wpm)."""

    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall: float
    word_count: int
    sentence_count: int
    reading_time_minutes: float
    #: Plain-language level such as ``"college graduate"``.
    level: str


@dataclass(frozen=True)
class PolicyReport:
    """Everything ``score_policy`` knows about one text."""

    is_policy: bool
    policy_confidence: float
    score: int | None
    grade: str | None
    grade_reason: str
    readability: Readability | None
    risks: tuple[RiskFinding, ...]
    scorer_version: str
    #: What the policy does well, with quotes (shown beside the findings; no points).
    good_practices: tuple[GoodPractice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (lists, not tuples)."""
        data = asdict(self)
        data["risks"] = [
            {**risk, "evidence": list(risk["evidence"])} for risk in data["risks"]
        ]
        data["good_practices"] = list(data["good_practices"])
        return data

    def risk(self, risk_id: str) -> RiskFinding:
        """The finding for ``risk_id`` (KeyError for an unknown id)."""
        for finding in self.risks:
            if finding.id == risk_id:
                return finding
        raise KeyError(risk_id)
