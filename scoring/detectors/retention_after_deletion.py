"""Risk ``retention_after_deletion``: data is kept after you delete it or close your account."""

from __future__ import annotations

from scoring._models import RiskFinding, Severity
from scoring.detectors._common import Anchors, Document, Hit, Rule, finding, rule, rx, sentence_low

RISK_ID = "retention_after_deletion"
TITLE = "Data kept after you delete it"

# Keywords per rule family: a sentence is tried against a rule only if it holds one of these (every
# alternative of the rule's regex contains at least one). A keyword matches a word prefix.
_DELETION_WORDS = (
    "delet", "eras", "remov", "clos", "cancel", "terminat", "deactivat", "suspen", "unsubscrib", "disabl",
    "after you", "no longer", "end of", "thereafter", "afterwards", "after that", "dispos",
)
ANCHORS = Anchors(
    {
        "kept_indefinitely": ("indefinite", "forever", "perpetu", "permanent", "irrevocable"),
        "kept_in_backups": ("back", "archiv", "cach", "residual", "copies"),
        "deletion_incomplete": ("delet", "remov", "eras", "purg", "declin"),
        "kept_after_deletion": _DELETION_WORDS,
        "license_survives": ("licen",),
        "partial_retention": ("retain", "keep", "preserv", "store"),
    }
)

# The user's act of deleting: deleting data, erasure requests, closing or cancelling the account.
DELETION_CONTEXT = rx(
    r"\bdelet\w*|\beras\w*|\bremov\w*|\b(?:clos|cancel|terminat|deactivat|suspen)\w*|\bunsubscrib\w*|"
    r"\bdisabl\w* (?:your |the )?account|\bafter you (?:leave|stop using|are no longer)|"
    r"\bno longer (?:use|an? (?:user|member|customer|active))|\bend of (?:your|the) (?:account|subscription)|"
    r"\b(?:thereafter|afterwards|after that)\b|\bdispos\w*"
)

#: Phrasing families, strongest first.
RULES: tuple[Rule, ...] = (
    # "we may retain your information indefinitely, even after you close your account".
    rule(
        "kept_indefinitely",
        r"\b(?:retain\w*|keep\w*|kept|stor\w*|preserv\w*)\b.{0,80}?\b(?:indefinitely|forever|in perpetuity|"
        r"permanently)\b|\b(?:indefinite|perpetual|irrevocable)\b.{0,40}?\blicen[cs]e\b",
        "high",
        "data is kept with no end date",
    ),
    # "Deleted content may persist in backup copies"; "may remain in our archive or backup records"
    # (ToS;DR "may keep personal data after a request for erasure"; Tumblr, Pinterest, Yahoo).
    rule(
        "kept_in_backups",
        # a browser's or device's cache is the user's own storage, not the company's copies
        r"\b(?:back[- ]?ups?|backed[- ]up|back[- ]up (?:storage|copies|systems)|archiv\w*|"
        r"(?<!browser )(?<!web )(?<!device )cach(?:e|es|ed|ing)|"
        r"residual (?:copies|data)|copies)\b.{0,120}?\b(?:remain\w*|persist(?:s|ed|ing)?\b|retain\w*|kept|"
        r"keep\w*|"
        r"exist\w*|"
        r"stored|survive\w*|not (?:be )?(?:\w+ )?(?:removed|deleted|erased))\b|"
        r"\b(?:remain\w*|persist(?:s|ed|ing)?\b|retain\w*|kept|keep\w*|exist\w*|stored|"
        r"survive\w*)\b.{0,120}?\b(?:back[- ]?ups?|"
        r"backed[- ]up|archiv\w*|(?<!browser )(?<!web )(?<!device )cach(?:e|es|ed)|residual copies|copies)\b",
        "medium",
        "copies of deleted data stay in backups or archives",
    ),
    # "Deleted content may persist"; "your posts will not be automatically deleted"; "we cannot
    # always delete records of past interactions" (Reddit, edX, Snapchat).
    rule(
        "deletion_incomplete",
        r"\b(?:not|never)\s+(?:be\s+)?(?:\w+\s+){0,2}?(?:deleted|removed|erased|purged)\b|"
        r"\b(?:cannot|can't|can not|unable to|not (?:be )?(?:able|allowed|possible|permitted) to)\s+"
        r"(?:\w+\s+){0,2}?(?:delete|erase|remove|fully remove)\b|\bdeletion will not apply\b|"
        # "persist" as a verb only: "persistent cookies can be removed" is about cookies
        r"\bdecline (?:\w+\s+){0,3}?requests?\b|\b(?:deleted|removed|erased)\b.{0,80}?\b(?:persist(?:s|ed|"
        r"ing)?\b|"
        r"remain\w*|still (?:exist|be|see|appear)\w*|continue to (?:exist|appear|be)\w*)|"
        r"\b(?:persist(?:s|ed|ing)?|remain\w*|still exist\w*|continue to exist)\b.{0,80}?\b(?:deleted|"
        r"removed|"
        r"erased)\b|"
        r"\bnot (?:fully|immediately|automatically|completely|permanently|entirely) (?:remove|delete|erase)",
        "medium",
        "deleting does not remove everything",
    ),
    # "We may continue to retain your information after termination"; "we will keep some personal
    # information ... for security and fraud detection" (ToS;DR, Airbnb, League of Legends).
    rule(
        "kept_after_deletion",
        r"\b(?:retain\w*|keep\w*|kept|preserv\w*|maintain\w*|hold on to|continue to (?:use|hold|have|process|"
        r"store|display)|remain\w* (?:stored|on|in|with|available|visible)|still (?:keep|retain|have|hold|"
        r"store))\b",
        "medium",
        "the company keeps data after you delete it or close your account",
    ),
    # "Deleting an account ... grants us a license that survives termination".
    rule(
        "license_survives",
        r"\blicen[cs]e\b.{0,120}?\b(?:surviv\w*|continu\w*|beyond|after)\b",
        "medium",
        "the company keeps rights to your content after you leave",
    ),
)

#: Rules that need the user's deletion or termination in the same sentence to count.
NEEDS_DELETION_CONTEXT = frozenset({"kept_after_deletion", "license_survives", "kept_indefinitely"})

# "we may need to retain certain information for record keeping purposes" — an exception carved out
# of a deletion promise: keeping "some/certain" data is the tell even without the word "delete".
PARTIAL_RETENTION = rx(
    r"\b(?:may|might|will|need to|reserve the right to|must|have to|required to|still)\s+(?:\w+\s+){0,2}?"
    r"(?:retain|keep|preserve|store)\s+(?:\w+\s+){0,2}?(?:some|certain|a copy|copies|limited|residual|"
    r"specific|part|parts|portions?|records?)\b"
)
# ... but only as an exception: after a contrast ("however", "please note") or near a deletion;
# "if you contact us, we may keep a record of that correspondence" is plain record keeping.
EXCEPTION_CUE = rx(
    r"\b(?:however|but|still|nevertheless|nonetheless|note|even|except|although|though|despite|"
    r"notwithstanding)\b"
)
# Negation: "we do not retain your data after you delete your account" is the opposite promise.
NEGATED_RETENTION = rx(
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\s+(?:\w+\s+){0,1}?(?:retain|keep|store|preserve|"
    r"maintain)\b|"
    r"\bnever\s+(?:\w+\s+){0,1}?(?:retain|keep|store|log)\b|\bno (?:\w+\s+){0,2}?(?:is|are|will be) "
    r"(?:retained|kept|stored|logged)\b|\bno (?:\w+ )?logs? (?:is|are) kept indefinitely"
)
# Rights statements ("you may request deletion of the data we hold") describe a right, not retention.
RIGHT_ONLY = rx(
    r"^\W*(?:(?:please|also|additionally|in addition|note that|under \w+|"
    r"if you \w+ to \w+),?\s+)?(?:you (?:also )?"
    r"(?:have|may have|can|may|are able to|are entitled to)\b|(?:the |your )?rights?\b|to request\b|"
    r"request (?:access|deletion)\b|contact us\b)"
)
# "retained for the periods the law mandates and thereafter destroyed": "thereafter" opens the purge,
# not a retention after the user leaves.
PURGED_AFTERWARDS = rx(
    r"\b(?:thereafter|afterwards|after that)\s+(?:\w+\s+){0,2}?(?:destroy|delet|eras|purg|anonymi|"
    r"de-identif|dispos|overwrit)"
)
WEAK_CONTEXT = frozenset({"thereafter", "afterwards", "after that"})
# Bounded purge: "deleted from backups within 90 days", "kept for up to 30 days" -> low severity.
BOUNDED = rx(
    r"\b(?:within|for up to|up to|no (?:longer|more) than|for a (?:maximum|period) of|at most|after)\s+"
    r"(?:\w+\s+){0,2}?(?:\d{1,4}|one|two|three|six|seven|thirty|sixty|ninety|twelve)\s*(?:calendar\s+|"
    r"business\s+)?"
    r"(?:days?|weeks?|months?|years?)\b"
)

SUMMARIES: dict[str, str] = {
    "kept_indefinitely": "Some of your data may be kept with no end date, even after you delete it.",
    "kept_in_backups": "Copies of data you delete may stay in the company's backups or archives.",
    "deletion_incomplete": "Deleting your data or account may not remove all of it.",
    "kept_after_deletion": "The company may keep some of your data after you delete it or close your "
    "account.",
    "license_survives": "The company keeps rights to your content after you delete your account.",
    "partial_retention": "The company may keep some of your data even after you ask for it to be deleted.",
}
SUMMARY_BOUNDED = (
    "Deleted data may linger for a limited, stated time (for example in backups) before it is purged."
)
CLEAN_SUMMARY = "No clause was found keeping your data after you delete it."


def _hit_in(original: str, sentence_text: str, families: set[str]) -> tuple[str, Severity, str] | None:
    """The strongest retention rule matching one sentence: (rule, severity, explanation).

    ``sentence_text`` is lower-cased (patterns are lower case); quotes come from ``original``.
    """
    if NEGATED_RETENTION.search(sentence_text):
        return None
    deletion = DELETION_CONTEXT.search(sentence_text)
    rights_only = RIGHT_ONLY.search(sentence_text) is not None
    bounded = BOUNDED.search(sentence_text)
    for candidate in RULES:
        found = candidate.regex.search(sentence_text) if candidate.name in families else None
        if found is None:
            continue
        if candidate.name in NEEDS_DELETION_CONTEXT and (
            deletion is None
            or (deletion.group(0) in WEAK_CONTEXT and PURGED_AFTERWARDS.search(sentence_text))
        ):
            continue
        if rights_only and candidate.name == "kept_after_deletion":
            continue
        needs_context = candidate.name in NEEDS_DELETION_CONTEXT
        context = ""
        if deletion and needs_context:
            context = f' after "{original[deletion.start() : deletion.end()]}"'
        return _graded(
            candidate.name,
            candidate.severity,
            f'matched "{original[found.start() : found.end()]}"{context}: {candidate.why}',
            original[bounded.start() : bounded.end()] if bounded else None,
        )
    partial = PARTIAL_RETENTION.search(sentence_text) if "partial_retention" in families else None
    if partial and not rights_only and (deletion or EXCEPTION_CUE.search(sentence_text)):
        return _graded(
            "partial_retention",
            "medium",
            f'matched "{original[partial.start() : partial.end()]}": some data is kept back from deletion',
            original[bounded.start() : bounded.end()] if bounded else None,
        )
    return None


def _graded(name: str, severity: Severity, note: str, bound: str | None) -> tuple[str, Severity, str]:
    """Lower the severity of a retention with a stated, short end ("within 90 days")."""
    if bound is not None and severity != "high":
        return name, "low", note + f'; the retention is bounded ("{bound}")'
    return name, severity, note


def detect(doc: Document) -> RiskFinding:
    """Find clauses that keep data after the user deletes it or closes the account."""
    hits: list[Hit] = []
    for index, families in sorted(ANCHORS.candidates(doc).items()):
        sentence = doc.sentences[index]
        matched = _hit_in(sentence.text, sentence_low(doc, sentence), families)
        if matched:
            name, severity, note = matched
            hits.append(Hit(sentence, name, severity, f"Rule {name} {note}."))
    if not hits:
        return finding(RISK_ID, TITLE, [], "", CLEAN_SUMMARY)
    top = max(hits, key=lambda h: (_RANK[h.severity], -h.sentence.start))
    summary = SUMMARY_BOUNDED if top.severity == "low" else SUMMARIES[top.rule]
    return finding(RISK_ID, TITLE, hits, summary, CLEAN_SUMMARY)


_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
