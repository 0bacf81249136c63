"""Risk ``retention_after_deletion``: data is kept after you delete it or close your account."""

from __future__ import annotations

import re

from scoring._models import RiskFinding, Severity
from scoring.detectors._common import (
    SEVERITY_RANK,
    Anchors,
    Document,
    Hit,
    Rule,
    finding,
    rule,
    rx,
)

RISK_ID = "retention_after_deletion"
TITLE = "Data kept after you delete it"

# Keywords per rule family: a sentence is tried against a rule only if it holds one of these (every
# alternative of the rule's regex contains at least one). A keyword matches a word prefix.
_DELETION_WORDS = (
    "delet", "eras", "remov", "clos", "cancel", "terminat", "deactivat", "suspen", "disabl",
    "after you", "no longer", "end of", "thereafter", "afterwards", "after that", "dispos",
)
ANCHORS = Anchors(
    {
        "kept_indefinitely": ("indefinite", "forever", "perpetu", "permanent", "irrevocable"),
        "kept_in_backups": ("back", "archiv", "cach", "residual", "copies"),
        "deletion_incomplete": ("delet", "remov", "eras", "purg", "declin", "refus", "deny", "reject"),
        "kept_after_deletion": _DELETION_WORDS,
        "license_survives": ("licen",),
        "partial_retention": ("retain", "keep", "kept", "preserv", "store"),
    }
)

# The user's act of deleting: deleting data, erasure requests, closing or cancelling the account.
# Unsubscribing from a newsletter is not one ("we keep your address on a do-not-contact list").
DELETION_CONTEXT = rx(
    r"\bdelet\w*|\beras\w*|\bremov\w*|\b(?:clos|cancel|terminat|deactivat|suspen)\w*|"
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
        # a refused deletion: "we may decline requests for removal"; "deletion of your data may be denied"
        r"\b(?:decline|refuse|deny|reject)\w* (?:\w+\s+){0,3}?requests? (?:\w+\s+){0,2}?(?:for|to|of) "
        r"(?:\w+\s+){0,2}?(?:delet|remov|eras)\w*|"
        r"\b(?:deletion|erasure|removal)\b (?:\w+\s+){0,6}?(?:may|might|can|will|could) be (?:denied|refused|"
        r"declined|rejected|limited|restricted)\b|"
        r"\b(?:deleted|removed|erased)\b.{0,80}?\b(?:persist(?:s|ed|"
        r"ing)?\b|"
        r"remain\w*|still (?:exist|be|see|appear)\w*|continue to (?:exist|appear|be)\w*)|"
        r"\b(?:persist(?:s|ed|ing)?|remain\w*|still exist\w*|continue to exist)\b.{0,80}?\b(?:deleted|"
        r"removed|"
        r"erased)\b|"
        r"\bnot (?:fully|immediately|automatically|completely|permanently|entirely) (?:remove|delete|erase)|"
        # the act of leaving does not delete: "closing your account does not erase your history"
        r"\b(?:deleting|closing|deactivating|cancell?ing|removing|deletion|closure|deactivation|"
        r"cancell?ation)\b[^.;]{0,60}?\b(?:does|do|will|would)\s*(?:not|n't) (?:\w+\s+)?"
        r"(?:delete|erase|remove|purge)|"
        # "we cannot guarantee that deleted data is removed from every backup"
        r"\b(?:cannot|can't|can not|do not|don't|are unable to) (?:guarantee|ensure|promise)\b[^.;]{0,60}?"
        r"\b(?:delet|remov|eras|purg)\w*",
        "medium",
        "deleting does not remove everything",
    ),
    # "We may continue to retain your information after termination"; "we will keep some personal
    # information ... for security and fraud detection" (ToS;DR, Airbnb, League of Legends).
    rule(
        "kept_after_deletion",
        # "continue to use" the data, not the user who continues to use "our games"
        r"\b(?:retain\w*|keep\w*|kept|preserv\w*|maintain\w*|hold on to|continue to (?:use|hold|have|process|"
        r"store|display)(?! (?:our|the|this|these) (?:\w+ )?(?:services?|sites?|website|games?|apps?|"
        r"application|platform|products?)\b)|remain\w* (?:stored|on|in|with|available|visible)|"
        r"stay\w* (?:stored|available|visible|accessible|public)|"
        # the company can still look at it: "after a message is deleted, we'll still be able to see who
        # sent it" (not "we can no longer access it")
        r"\bwe(?:'ll|\u2019ll)?\s+(?:(?!not\b|no\b|never\b|cannot\b)\w+\s+){0,3}?(?:able to|still)\s+"
        r"(?:see|view|access)\b|"
        r"still (?:keep|retain|have|hold|store))\b",
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
# kept_in_backups needs it too when its only storage word is a weak one: "we keep copies of your
# correspondence", "prior versions of this policy in an archive" or a body named "the National
# Archives" are record keeping, not deleted data lingering. Backups and residual copies need no
# deletion word: they exist to outlive deletion.
STRONG_BACKUP = rx(r"\bback[- ]?ups?\b|\bbacked[- ]up\b|\bresidual\b")

# Deletion words that are not the user deleting their account or content with the company. A
# deletion word inside one of these spans gives no deletion context, and a rule match that starts
# inside one is not a retention.
NOT_USER_DELETION = rx(
    # closing the browser, not the account: "cookies remain after you have closed your browser"
    r"\bclos\w* (?:\w+\s+){0,2}?(?:browser|window|tab)s?\b|"
    # retention that ENDS at deletion: "retained until you delete the application", "we keep the data
    # until the closure of the account" ("until 30 days after you delete" is a bound, not an end)
    r"\b(?:until|till)\s+(?:(?!after\b)\w+\W+){0,5}?(?:delet|remov|clos|cancel|terminat|deactivat)\w*|"
    # "retain personal data as long as the account has not been deleted"
    r"\bas long as\s+(?:\w+\s+){0,5}?(?:not|never)\s+(?:been\s+)?(?:delet|remov|clos|cancel|terminat|"
    r"deactivat)\w*|"
    # leaving a marketing list is not deleting data: "if you ask us to remove your name from
    # promotional lists, we will keep it in a do-not-contact file"
    r"\b(?:remov|delet)\w* (?:\w+\s+){0,5}?from (?:\w+\s+){0,2}?(?:promotional|marketing|mailing|e-?mail|"
    r"newsletter|contact|subscription) lists?\b|"
    # a business contract, not the user's account: "upon termination of our agreement with a
    # healthcare provider we must return or destroy the information"
    r"\bterminat\w* of (?:our|its|the|any|their|such|this|that|a|an) (?:\w+\s+){0,3}?(?:agreement|"
    r"contract|relationship|engagement) with (?!you\b|us\b)|"
    # something else closes or ends: "after the position has been filled or closed", "the retention
    # period has terminated"
    r"\b(?:position|job|vacancy|opening|ticket|query|period|session)s? (?:\w+\s+){0,4}?(?:closed|"
    r"terminated|cancell?ed|ended|expired)\b|"
    # the company's purge at the end of a retention: "voice files are stored for 24 hours and then deleted"
    r"\bthen (?:\w+\s+){0,2}?(?:delet|eras|destroy|purg)\w*|"
    # a cross-reference: "(see the Access, Correction and Cancellation section below)"
    r"\(see [^()]{0,150}\)"
)
# Retention words that do not state keeping data after deletion; a rule match starting inside one
# of these spans does not count.
NON_ASSERTING = rx(
    # describing the data held: "the personal information that we maintain about you", "information
    # maintained by the company", "data that we have collected and retained"
    r"\b(?:that|which)\s+we\s+(?:have\s+)?(?:\w+\s+(?:and|or)\s+)?(?:maintain|retain|keep|hold|store)\w*"
    r"(?!\s+(?:\w+\s+){0,3}?(?:after|even|following|beyond)\b)|"
    r"\bwe (?:maintain|hold|keep|store) about you\b|\bmaintained\s+(?:\w+\s+){0,3}?by\b|"
    # a need denied: "there is no need for us to keep it", "that we no longer have a business reason to
    # retain"; a request: "request that we no longer collect or maintain it"
    r"\bno (?:longer )?(?:\w+\s+){0,4}?(?:need|reason|purpose|basis)\w*\s+(?:\w+\s+){0,3}?to\s+(?:retain|"
    r"keep|store|maintain)|"
    r"\bno longer\s+(?:\w+\s+(?:or|and)\s+)?(?:retain|keep|store|maintain|hold)\w*|"
    # idioms: "keep in mind", "keep you informed", "keep the communications to a minimum"
    r"\bkeep\w*\s+(?:in mind|(?:you|them|us) (?:informed|updated|posted|safe)|(?:\w+\s+){0,2}?to a "
    r"minimum)|"
    # an administrator's power over a work account: "may access and retain information in your account"
    r"\baccess\w* (?:and|or) retain\w*|"
    # anonymous data is no longer yours: "we will retain anonymous information after your account is
    # closed"; "removed from our servers or retained only in anonymized form"
    r"\b(?:retain|keep|kept|stor|preserv|maintain)\w* (?:\w+\s+){0,3}?(?:anonymous|anonymi[sz]ed|aggregated?|"
    r"de-identified|non-personal\w*|non-identifiable)\b|"
    # the contract's terms outliving it, not data: "sections that must remain in effect after termination"
    r"\bremain\w* in (?:full )?(?:force|effect)\b|"
    # a retention that stops short: "retained only as long as necessary and then destroyed"
    r"\b(?:retain|keep|kept|stor|maintain|preserv)\w* (?:[\w'\u2019]+\s+){0,5}?only (?:for )?(?:as long as|"
    r"while|until|for the (?:time|period))|"
    # a suppression record is the opt-out working: "we keep a record of your address when you unsubscribe"
    r"\b(?:retain|keep|maintain)\w* (?:[\w'\u2019]+\s+){0,6}?(?:when|after|once|if) you (?:unsubscribe|"
    r"opt[- ]out)\b|"
    # the user's rights, not the company's practice: "the right to request that your data not be
    # deleted", "request that we no longer maintain it" (up to a comma or a "but" that turns to practice)
    r"\b(?:right (?:to|of) (?:request|ask|obtain|have|restrict|object|erasure|deletion|be forgotten)|"
    r"request(?:s|ed)? (?:that|to have)|ask(?:s|ed)? (?:us )?(?:that|to have))\b"
    r"(?:(?!\b(?:but|however|except|unless)\b)[^.;:,]){0,80}"
)
# Who keeps: cookies and files on the user's own computer, browser or device are the user's storage,
# which the user clears ("persistent cookies remain on your computer after you close your browser",
# "flash cookies may remain after you delete regular cookies"): not a finding. Data left in backups
# of the user's own device after deleting an app is one, at low severity (the user controls them) ...
DEVICE_SIDE = rx(
    r"\bcookies?\b|\bflash\b|\blocal (?:device )?storage\b|\b(?:your|the user's|a user's|users') "
    r"(?:own |mobile )?(?:computer|devices?|hard drive|browser)\b"
)
# ... unless the company's own storage or its keeping is named too ("even if you delete the app from
# your device, we keep your data on our servers").
COMPANY_SIDE = rx(
    r"\bour (?:\w+\s+)?(?:servers?|systems?|records|databases?|back[- ]?ups?|archives?|files|logs)\b|"
    r"\bwe (?:\w+\s+){0,2}?(?:retain|keep|store|preserve|maintain)\b"
)
# A mid-sentence capitalised gerund is a heading or a menu item captured with the page
# ("... Keeping your information secure Exporting & deleting your information ..."), not a statement.
HEADING_GERUND = re.compile(r"[A-Z][a-z]+ing\b")

# "we may need to retain certain information for record keeping purposes" — an exception carved out
# of a deletion promise: keeping "some/certain" data is the tell even without the word "delete".
# "In some cases, the data may be kept for a longer period" extends a retention that ends at closure.
PARTIAL_RETENTION = rx(
    r"\b(?:may|might|will|need to|reserve the right to|must|have to|required to|still)\s+(?:\w+\s+){0,2}?"
    r"(?:retain|keep|preserve|store)\s+(?:\w+\s+){0,2}?(?:some|certain|a copy|copies|limited|residual|"
    r"specific|part|parts|portions?|records?)\b|"
    r"\b(?:retain\w*|keep|kept|stored?|preserved?)\s+(?:\w+\s+){0,2}?for (?:a|an) (?:longer|extended) "
    r"(?:period|time)\b"
)
# ... but only as an exception: after a contrast ("however", "please note") or near a deletion;
# "if you contact us, we may keep a record of that correspondence" is plain record keeping.
EXCEPTION_CUE = rx(
    r"\b(?:however|but|still|nevertheless|nonetheless|note|even|except|although|though|despite|"
    r"notwithstanding|exceptionally)\b|\bin (?:some|certain|limited) (?:cases|circumstances)\b"
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
# A stated end: "deleted from backups within 90 days", "kept for up to 30 days", "for approximately
# one month", "for a period of 10 years from the closing of your account".
BOUNDED = rx(
    r"\b(?:within|for|up to|no (?:longer|more) than|at most|after)\s+(?:(?:a|an|the|maximum|max|period|of|"
    r"approximately|about|around|roughly|up|to)\s+){0,4}"
    r"(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirty|sixty|ninety)\s*"
    r"(?:\(\d{1,4}\)\s*)?(?:calendar\s+|business\s+)?(day|week|month|year)s?\b"
)
# A bound up to a year is a purge (low severity); "10 years from the closing of your account" is
# still a retention after deletion (the severity stays), and the explanation says how long.
SHORT_BOUND_DAYS = 366
_DAYS_PER_UNIT = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirty": 30, "sixty": 60, "ninety": 90,
}

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
    # Most sentences holding a keyword match no rule: leave before the scope checks.
    matching = [c for c in RULES if c.name in families and c.regex.search(sentence_text)]
    maybe_partial = "partial_retention" in families and PARTIAL_RETENTION.search(sentence_text) is not None
    if not (matching or maybe_partial) or NEGATED_RETENTION.search(sentence_text):
        return None
    strong_backup = STRONG_BACKUP.search(sentence_text) is not None
    device_only = DEVICE_SIDE.search(sentence_text) is not None and not COMPANY_SIDE.search(sentence_text)
    if device_only and not strong_backup:
        return None
    not_user = _spans(NOT_USER_DELETION, sentence_text)
    quiet = not_user + _spans(NON_ASSERTING, sentence_text)
    deletion = _first_outside(DELETION_CONTEXT, sentence_text, not_user)
    rights_only = RIGHT_ONLY.search(sentence_text) is not None
    bounded = BOUNDED.search(sentence_text)
    for candidate in matching:
        found = _first_outside(candidate.regex, sentence_text, quiet, original)
        if found is None:
            continue
        if candidate.name in NEEDS_DELETION_CONTEXT and (
            deletion is None
            or (deletion.group(0) in WEAK_CONTEXT and PURGED_AFTERWARDS.search(sentence_text))
        ):
            continue
        if candidate.name == "kept_in_backups" and deletion is None and not strong_backup:
            continue
        if rights_only and candidate.name == "kept_after_deletion":
            continue
        needs_context = candidate.name in NEEDS_DELETION_CONTEXT
        context = ""
        if deletion and needs_context:
            context = f' after "{original[deletion.start() : deletion.end()]}"'
        if device_only:  # the user's own device backups: the user can delete them
            return candidate.name, "low", (
                f'matched "{original[found.start() : found.end()]}": copies stay in backups of the '
                "user's own device, which the user controls"
            )
        return _graded(
            candidate.name,
            candidate.severity,
            f'matched "{original[found.start() : found.end()]}"{context}: {candidate.why}',
            original,
            bounded,
        )
    partial = _first_outside(PARTIAL_RETENTION, sentence_text, quiet, overlap=True) if maybe_partial else None
    if partial and not rights_only and (deletion or EXCEPTION_CUE.search(sentence_text)):
        return _graded(
            "partial_retention",
            "medium",
            f'matched "{original[partial.start() : partial.end()]}": some data is kept back from deletion',
            original,
            bounded,
        )
    return None


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The (start, end) of every match of ``pattern`` in ``text``."""
    return [match.span() for match in pattern.finditer(text)]


def _first_outside(
    pattern: re.Pattern[str],
    text: str,
    spans: list[tuple[int, int]],
    original: str | None = None,
    overlap: bool = False,
) -> re.Match[str] | None:
    """The first match of ``pattern`` that does not start inside one of ``spans``.

    With ``overlap``, a match touching a span at all is skipped (for short patterns such as "may
    retain some", whose verb sits mid-match). With ``original`` given, a match opening on a
    capitalised gerund in mid-sentence (a heading or a menu item captured with the page) is skipped.
    """
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(low <= start < high or (overlap and start < high and low < end) for low, high in spans):
            continue
        if original is not None and start > 0 and HEADING_GERUND.match(original, start):
            continue
        return match
    return None


def _graded(
    name: str, severity: Severity, note: str, original: str, bound: re.Match[str] | None
) -> tuple[str, Severity, str]:
    """Lower the severity of a retention with a stated end of a year or less ("within 90 days")."""
    if bound is None:
        return name, severity, note
    quoted = original[bound.start() : bound.end()]
    count, unit = bound.group(1), bound.group(2)
    days = (int(count) if count.isdigit() else _NUMBER_WORDS[count]) * _DAYS_PER_UNIT[unit]
    if days > SHORT_BOUND_DAYS:
        return name, severity, note + f'; the stated period ("{quoted}") is longer than a year'
    if severity != "high":
        return name, "low", note + f'; the retention is bounded ("{quoted}")'
    return name, severity, note


def detect(doc: Document) -> RiskFinding:
    """Find clauses that keep data after the user deletes it or closes the account."""
    hits: list[Hit] = []
    for _, sentence, low, families in ANCHORS.candidate_sentences(doc):
        matched = _hit_in(sentence.text, low, families)
        if matched:
            name, severity, note = matched
            hits.append(Hit(sentence, name, severity, f"Rule {name} {note}."))
    if not hits:
        return finding(RISK_ID, TITLE, [], "", CLEAN_SUMMARY)
    top = max(hits, key=lambda h: (SEVERITY_RANK[h.severity], -h.sentence.start))
    summary = SUMMARY_BOUNDED if top.severity == "low" else SUMMARIES[top.rule]
    return finding(RISK_ID, TITLE, hits, summary, CLEAN_SUMMARY)
