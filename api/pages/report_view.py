"""Report and site JSON (the API's shapes) turned into what the templates show."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from api.history import KINDS
from api.pages.quotes import QuoteInContext, quote_in_context, quote_with_neighbours
from api.pages.readability_words import ReadabilityWords, readability_in_words

#: Display order and wording of severities (the PolicyReport contract: high|medium|low|none).
SEVERITY_LABELS = {"high": "High risk", "medium": "Medium risk", "low": "Low risk", "none": "Not found"}
GRADES = ("A", "B", "C", "D", "E")
#: A quote's own severity (Evidence.severity in scoring/_models.py; "none" is never shown per quote).
QUOTE_SEVERITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
#: What unit of the policy a quote is (Evidence.kind); a plain sentence needs no word.
UNIT_KINDS = {"sentence": "", "list_item": "list item", "table_cell": "table cell"}
#: Risk titles for good practices, whose entries carry only the risk id (the scorer's own titles
#: are in each report's risks; these are the fallback when a report lacks that risk).
RISK_TITLES = {
    "broad_disclosure": "Broad disclosure",
    "no_opt_out": "No opt-out",
    "retention_after_deletion": "Kept after deletion",
}


@dataclass(frozen=True)
class Timestamp:
    """An instant as ISO 8601 (for ``<time datetime>``) and as words ("22 Nov 2026, 01:37 UTC")."""

    iso: str
    text: str
    date: str  # "22 Nov 2026"
    time: str  # "01:37 UTC"


@dataclass(frozen=True)
class EvidenceView:
    """One quote in its context, with why it counts."""

    context: QuoteInContext
    explanation: str
    #: This quote's own severity (high | medium | low) or None when the report does not say.
    severity: str | None = None
    #: "list item" or "table cell"; "" for a sentence or when the report does not say.
    unit: str = ""
    #: The list lead-in or section heading the quote is read under (Evidence.context), or None.
    read_under: str | None = None

    @property
    def severity_label(self) -> str:
        """ "High", "Medium" or "Low"; "" when the quote has no severity of its own."""
        return QUOTE_SEVERITY_LABELS.get(self.severity or "", "")


@dataclass(frozen=True)
class GoodPracticeView:
    """A clause the policy does well on, with its quote ("What it does well")."""

    risk_title: str
    #: The quote with one sentence either side when the policy text is stored (its quote may stop
    #: at a line break inside a sentence: the context then shows the rest of it).
    context: QuoteInContext
    explanation: str

    @property
    def quote(self) -> str:
        """The quoted clause alone, whitespace collapsed."""
        return self.context.quote


@dataclass(frozen=True)
class RiskView:
    """One risk finding as the page shows it."""

    id: str
    title: str
    detected: bool
    severity: str
    severity_label: str
    summary: str
    evidence: tuple[EvidenceView, ...]
    #: The scorer's one sentence on what wording would lower the finding ("" when not detected).
    how_to_improve: str = ""


@dataclass(frozen=True)
class ReportView:
    """A whole report, ready for the template."""

    report_id: str | None
    is_policy: bool
    grade: str | None
    score: int | None
    grade_reason: str
    risks: tuple[RiskView, ...]
    readability: dict[str, Any] | None
    readability_words: ReadabilityWords | None
    url: str | None
    title: str | None
    site: str | None
    scored_at: Timestamp | None
    scorer_version: str
    #: True when quotes are shown inside their surrounding sentences (the policy text was available).
    quotes_in_context: bool
    good_practices: tuple[GoodPracticeView, ...] = ()

    @property
    def detected_count(self) -> int:
        """How many risks were found."""
        return sum(1 for risk in self.risks if risk.detected)


@dataclass(frozen=True)
class HistoryEntry:
    """One policy version in a site's timeline."""

    report_id: str
    grade: str | None
    score: int | None
    first_seen: Timestamp | None
    last_seen: Timestamp | None
    added: tuple[str, ...]  # risk titles newly found in this version
    removed: tuple[str, ...]  # risk titles no longer found
    grade_from: str | None
    grade_to: str | None
    is_current: bool
    #: first | policy_change | method_change (a re-score: no alert) | visitor (unverified, migrated)
    kind: str = "policy_change"
    scorer_version: str = ""
    url: str | None = None


def parse_timestamp(value: Any) -> Timestamp | None:
    """An ISO 8601 string or epoch seconds as a Timestamp in UTC; None for anything unreadable."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            moment = datetime.fromtimestamp(value, tz=UTC)
        elif isinstance(value, str) and value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        else:
            return None
    except (ValueError, OverflowError, OSError):
        return None
    moment = moment.astimezone(UTC)
    date = f"{moment.day} {moment:%b %Y}"
    time = f"{moment:%H:%M} UTC"
    return Timestamp(
        iso=moment.isoformat(timespec="seconds").replace("+00:00", "Z"),
        text=f"{date}, {time}",
        date=date,
        time=time,
    )


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return round(float(value))
    except (TypeError, ValueError):
        return None


def _grade(value: Any) -> str | None:
    return value if value in GRADES else None


def _evidence_spans(report: dict[str, Any]) -> list[tuple[int, int, str]]:
    """Every ``(start, end, quote)`` of a report's evidence, across all risks."""
    spans = []
    for risk in report.get("risks") or ():
        for item in (risk.get("evidence") or ()) if isinstance(risk, dict) else ():
            if isinstance(item, dict) and item.get("quote"):
                start, end = _as_int(item.get("start")), _as_int(item.get("end"))
                if start is not None and end is not None:
                    spans.append((start, end, str(item["quote"])))
    return spans


def build_risk_view(
    risk: dict[str, Any], text: str | None, spans: list[tuple[int, int, str]] | None = None
) -> RiskView:
    """One risk dict (``PolicyReport.to_dict()["risks"][i]``) with its quotes placed in context.

    With ``text`` (the normalized policy the offsets index) each quote gets the sentences around it;
    without it, the neighbouring quotes among ``spans`` (all evidence of the report) stand in.
    """
    severity = str(risk.get("severity") or "none")
    evidence = []
    for item in risk.get("evidence") or ():
        if not isinstance(item, dict) or not item.get("quote"):
            continue
        start, end, quote = _as_int(item.get("start")) or 0, _as_int(item.get("end")) or 0, str(item["quote"])
        if text is not None:
            context = quote_in_context(text, start, end, quote)
        else:
            context = quote_with_neighbours(quote, start, end, spans or [])
        evidence.append(
            EvidenceView(
                context=context,
                explanation=str(item.get("explanation") or ""),
                severity=item["severity"] if item.get("severity") in QUOTE_SEVERITY_LABELS else None,
                unit=UNIT_KINDS.get(str(item.get("kind") or "sentence"), ""),
                read_under=_text_or_none(item.get("context")),
            )
        )
    detected = bool(risk.get("detected"))
    return RiskView(
        id=str(risk.get("id") or ""),
        title=str(risk.get("title") or str(risk.get("id") or "").replace("_", " ").capitalize()),
        detected=detected,
        severity=severity if severity in SEVERITY_LABELS else "none",
        severity_label=SEVERITY_LABELS.get(severity, severity),
        summary=str(risk.get("summary") or ""),
        evidence=tuple(evidence),
        how_to_improve=(_text_or_none(risk.get("how_to_improve")) or "") if detected else "",
    )


def _text_or_none(value: Any) -> str | None:
    """A non-blank string with its edges trimmed, else None (stored reports may hold anything)."""
    return value.strip() if isinstance(value, str) and value.strip() else None


#: A line break, then a lower-case word: the quote stopped at a hard wrap inside its sentence.
_WRAPPED_REST = re.compile(r"\A\n(?=[a-z])")


def _joined_to_its_sentence(context: QuoteInContext) -> QuoteInContext:
    """The context with the rest of a wrapped sentence on the quote's line, not a new one."""
    return replace(context, after=_WRAPPED_REST.sub(" ", context.after))


#: Sentences of context either side of a good practice: fewer than a finding's, it is a side note.
GOOD_PRACTICE_CONTEXT_SENTENCES = 1


def build_good_practices(
    report: dict[str, Any], risk_titles: dict[str, str], text: str | None = None
) -> tuple[GoodPracticeView, ...]:
    """The report's ``good_practices`` (PolicyReport.good_practices) with their risks' titles."""
    practices = report.get("good_practices")
    views = []
    for item in practices if isinstance(practices, list) else ():
        quote = _text_or_none(item.get("quote")) if isinstance(item, dict) else None
        if quote is None:
            continue
        risk = str(item.get("risk") or "")
        views.append(
            GoodPracticeView(
                risk_title=risk_titles.get(risk)
                or RISK_TITLES.get(risk)
                or risk.replace("_", " ").capitalize(),
                context=_joined_to_its_sentence(
                    quote_in_context(
                        text,
                        _as_int(item.get("start")) or 0,
                        _as_int(item.get("end")) or 0,
                        quote,
                        sentences=GOOD_PRACTICE_CONTEXT_SENTENCES,
                    )
                ),
                explanation=_text_or_none(item.get("explanation")) or "",
            )
        )
    return tuple(views)


def build_report_view(report: dict[str, Any], text: str | None = None) -> ReportView:
    """The view of a report dict (POST /api/v1/score's body); ``text`` gives quotes their context."""
    readability = report.get("readability") if isinstance(report.get("readability"), dict) else None
    words = None
    if readability and "flesch_reading_ease" in readability and "word_count" in readability:
        words = readability_in_words(readability)
    spans = _evidence_spans(report)
    risks = tuple(
        build_risk_view(risk, text, spans) for risk in report.get("risks") or () if isinstance(risk, dict)
    )
    detected_first = tuple(sorted(risks, key=lambda risk: not risk.detected))
    return ReportView(
        report_id=report.get("id"),
        is_policy=bool(report.get("is_policy", True)),
        grade=_grade(report.get("grade")),
        score=_as_int(report.get("score")),
        grade_reason=str(report.get("grade_reason") or ""),
        risks=detected_first,
        readability=readability,
        readability_words=words,
        url=report.get("url") or None,
        title=report.get("title") or None,
        site=report.get("site") or None,
        scored_at=parse_timestamp(report.get("scored_at")),
        scorer_version=str(report.get("scorer_version") or ""),
        quotes_in_context=any(e.context.has_context for r in risks for e in r.evidence),
        good_practices=build_good_practices(report, {risk.id: risk.title for risk in risks}, text),
    )


def build_history(history: list[dict[str, Any]], risk_titles: dict[str, str]) -> tuple[HistoryEntry, ...]:
    """A site's ``history`` list (newest first) with risk ids replaced by their titles."""

    def titles(ids: Any) -> tuple[str, ...]:
        return tuple(risk_titles.get(str(i), str(i).replace("_", " ")) for i in ids or ())

    entries = []
    for index, item in enumerate(history or ()):
        if not isinstance(item, dict):
            continue
        raw_changes = item.get("changes")
        changes: dict[str, Any] = raw_changes if isinstance(raw_changes, dict) else {}
        entries.append(
            HistoryEntry(
                report_id=str(item.get("id") or ""),
                grade=_grade(item.get("grade")),
                score=_as_int(item.get("score")),
                first_seen=parse_timestamp(item.get("first_seen")),
                last_seen=parse_timestamp(item.get("last_seen")),
                added=titles(changes.get("added")),
                removed=titles(changes.get("removed")),
                grade_from=_grade(changes.get("grade_from")),
                grade_to=_grade(changes.get("grade_to")),
                is_current=index == 0,
                # Entries from before kinds were recorded (or unreadable ones) read as policy changes.
                kind=item["kind"] if item.get("kind") in KINDS else "policy_change",
                scorer_version=str(item.get("scorer_version") or ""),
                url=item.get("url") if isinstance(item.get("url"), str) else None,
            )
        )
    return tuple(entries)
