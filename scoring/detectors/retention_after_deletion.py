"""Risk ``retention_after_deletion``: data is kept after you delete it or close your account.

Severity ladder (issue 8, checked against the modern set's labels): **high** when the keeping is
indefinite, serves the company's business (business purposes or needs, a "legitimate business
interest", analytics), or deleted content stays visible to others; **medium** for backups and
archives with no bound, and for keeping that legal duties, disputes, fraud or security require;
**low** for a bounded purge (at most ``SHORT_BOUND_DAYS``) or residual copies isolated from any use
until they can be deleted. Retention that ends at deletion ("until you delete it"), routine periods
with no deletion in view, automatic expiry and removal by the company are not findings.
"""

from __future__ import annotations

import re

from scoring._models import RiskFinding
from scoring._structure import EVIDENCE_KINDS
from scoring.detectors._checks import CROSS_REFERENCE
from scoring.detectors._findings import RiskSpec, detect_rules
from scoring.detectors._rules import (
    Condition,
    Document,
    Rule,
    Step,
    View,
    any_of,
    found,
    match_check,
    rx,
    try_rule,
    unit_check,
)
from scoring.detectors._vocabulary import DAYS_PER_UNIT, DURATION, NUMBER_WORDS

RISK_ID = "retention_after_deletion"
SPEC = RiskSpec(
    id=RISK_ID,
    title="Data kept after you delete it",
    lead="",
    joiner=" ",
    end="",
    clean_summary="No clause was found keeping your data after you delete it.",
)
TITLE = SPEC.title

# The user's act of deleting: deleting data, erasure requests, closing or cancelling the account,
# ending the subscription. Unsubscribing from a newsletter is not one.
DELETION_CONTEXT = rx(
    r"\bdelet\w*|\beras\w*|\bremov\w*|\b(?:clos|cancel|terminat|deactivat|suspen)\w*|"
    r"\bdisabl\w* (?:your |the )?account|\bafter you (?:leave|stop using|are no longer|cease)|"
    r"\bno longer (?:use|subscribe|an? (?:user|member|customer|client|subscriber|active))|"
    r"\bend of (?:your|the) (?:account|subscription|contract|relationship)|\bcease\w* (?:being|to be)\b|"
    r"\bpost-subscription\b|\b(?:thereafter|afterwards|after that)\b|\bdispos\w*"
)
# Deletion words that are not the user deleting their account or content with the company.
NOT_USER_DELETION = rx(
    r"\bclos\w* (?:\w+\s+){0,2}?(?:browser|window|tab|app)s?\b|\b(?:app|browser|window) is closed\b|"
    # the company's systems deleting on their own schedule: "our systems are designed to delete chats"
    r"\b(?:systems?|designed|set up|configured) (?:\w+\s+){0,3}?to (?:\w+\s+)?(?:delete|remove|erase)\w*|"
    # retention that ENDS at deletion: "retained until you delete the app", "until the closure"
    r"\b(?:until|till)\s+(?:(?!after\b)\w+\W+){0,5}?(?:delet|remov|clos|cancel|terminat|deactivat)\w*|"
    r"\bas long as\s+(?:\w+\s+){0,5}?(?:not|never)\s+(?:been\s+)?(?:delet|remov|clos|cancel|terminat|"
    r"deactivat)\w*|"
    r"\b(?:remov|delet)\w* (?:\w+\s+){0,5}?from (?:\w+\s+){0,2}?(?:promotional|marketing|mailing|e-?mail|"
    r"newsletter|contact|subscription) lists?\b|"
    r"\bterminat\w* of (?:our|its|the|any|their|such|this|that|a|an) (?:\w+\s+){0,3}?(?:agreement|"
    r"contract|relationship|engagement) with (?!you\b|us\b)|"
    r"\b(?:position|job|vacancy|opening|ticket|query|period|session)s? (?:\w+\s+){0,4}?(?:closed|"
    r"terminated|cancell?ed|ended|expired|lapsed)\b|"
    r"\bthen (?:\w+\s+){0,2}?(?:delet|eras|destroy|purg)\w*|"
    # the company removes: moderation, bans, children's accounts, expiry
    r"\b(?:we|moderators?|administrators?)\s+(?:\w+\s+){0,2}?(?:remov|delet|suspend|terminat|ban)\w*\s+"
    r"(?:\w+\s+){0,3}?(?:content|posts?|accounts?|users?)\b(?=[^.;]{0,80}\b(?:violat|breach|abuse|children|"
    r"under (?:the age|13|16)))|"
    r"\bautomatically (?:\w+\s+)?(?:deleted|removed|erased)\b|\b(?:deleted|erased|removed) automatically\b|"
    # retention until the user deletes: "your posts remain available if you do not delete them"
    r"\bif you (?:do not|don't|don\u2019t|never|choose not to) (?:\w+\s+)?(?:delete|remove)\w*|"
    r"\(see [^()]{0,150}\)"
)
# Retention words that do not state keeping data after deletion.
NON_ASSERTING = (
    r"\b(?:that|which)\s+we\s+(?:have\s+)?(?:\w+\s+(?:and|or)\s+)?(?:maintain|retain|keep|hold|store)\w*"
    r"(?!\s+(?:\w+\s+){0,3}?(?:after|even|following|beyond)\b)|"
    r"\bwe (?:maintain|hold|keep|store) about you\b|\bmaintained\s+(?:\w+\s+){0,3}?by\b|"
    r"\bno (?:longer )?(?:\w+\s+){0,4}?(?:need|reason|purpose|basis)\w*\s+(?:\w+\s+){0,3}?to\s+(?:retain|"
    r"keep|store|maintain)|"
    r"\bno longer\s+(?:\w+\s+(?:or|and)\s+)?(?:retain|keep|store|maintain|hold)\w*|"
    r"\b(?:keep\w*|kept)\s+(?:in mind|(?:you|them|us) (?:informed|updated|posted|safe)|(?:\w+\s+){0,2}?to a "
    r"minimum|(?:\w+\s+){0,3}?(?:accurate|up[- ]to[- ]date|up to date|current|secure|marked|verified|active|"
    r"enabled|running|open))|"
    r"\bonly (?:\w+\s+)?(?:keep|retain|store|hold)\w*\b[^.;]{0,60}?\b(?:as long as|while|until)\b|"
    r"\baccess\w* (?:and|or) retain\w*|"
    r"\b(?:retain|keep|kept|stor|preserv|maintain)\w* (?:\w+\s+){0,3}?(?:anonymous|anonymi[sz]ed|aggregated?|"
    r"de-identified|non-personal\w*|non-identifiable)\b|"
    r"\bremain\w* in (?:full )?(?:force|effect)\b|"
    r"\b(?:retain|keep|kept|stor|maintain|preserv)\w* (?:[\w'\u2019]+\s+){0,5}?only (?:for )?(?:as long as|"
    r"while|until|for the (?:time|period))|"
    r"\b(?:retain|keep|maintain)\w* (?:[\w'\u2019]+\s+){0,6}?(?:when|after|once|if) you (?:unsubscribe|"
    r"opt[- ]out)\b|"
    r"\bif you (?:feel|think|believe|suspect|are concerned) (?:that )?we\b[^.;]{0,60}|"
    r"\bregardless of (?:how|whether)\b[^.;]{0,80}|"
    r"\b(?:right (?:to|of) (?:request|ask|obtain|have|restrict|object|erasure|deletion|be forgotten)|"
    r"request(?:s|ed)? (?:that|to have)|ask(?:s|ed)? (?:us )?(?:that|to have))\b"
    r"(?:(?!\b(?:but|however|except|unless)\b)[^.;:,]){0,80}"
)
# Who keeps: cookies and files on the user's own device are the user's storage.
DEVICE_SIDE = rx(
    r"\bcookies?\b|\bflash\b|\blocal (?:device )?storage\b|\b(?:your|the user's|a user's|users') "
    r"(?:own |mobile )?(?:computer|devices?|hard drive|browser)\b"
)
COMPANY_SIDE = rx(
    r"\bour (?:\w+\s+)?(?:servers?|systems?|records|databases?|back[- ]?ups?|archives?|files|logs)\b|"
    r"\bwe (?:\w+\s+){0,2}?(?:retain|keep|store|preserve|maintain)\b"
)
STRONG_BACKUP = rx(r"\bback[- ]?ups?\b|\bbacked[- ]up\b|\bresidual\b")
NEGATED_RETENTION = found(
    "promise_not_to_keep",
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\s+(?:\w+\s+){0,1}?(?:retain|keep|store|preserve|"
    r"maintain)\b(?![^.;]{0,80}\b(?:unless|except|other than|beyond what)\b)|"
    r"\bnever\s+(?:\w+\s+){0,1}?(?:retain|keep|store|log)\b|\bno (?:\w+\s+){0,2}?(?:is|are|will be) "
    r"(?:retained|kept|stored|logged)\b|\bno (?:\w+ )?logs? (?:is|are) kept indefinitely",
)
RIGHT_ONLY = found(
    "states_a_right",
    r"^\W*(?:(?:please|also|additionally|in addition|note that|under \w+|"
    r"if you \w+ to \w+),?\s+)?(?:you (?:also )?"
    r"(?:have|may have|can|may|are able to|are entitled to)\b|(?:the |your )?rights?\b|to request\b|"
    r"request (?:access|deletion)\b|contact us\b)",
)
PURGED_AFTERWARDS = rx(
    r"\b(?:thereafter|afterwards|after that|after which)\s+(?:\w+\s+){0,2}?(?:destroy|delet|eras|purg|"
    r"anonymi|"
    r"de-identif|dispos|overwrit)"
)
WEAK_CONTEXT = frozenset({"thereafter", "afterwards", "after that"})
# Company-initiated deletion: "if we learn we collected data from a child, we delete it unless ...".
COMPANY_INITIATED = found(
    "company_initiated_deletion",
    r"\b(?:become aware|learn|discover|find out)\w*\b[^.;]{0,100}\b(?:child(?:ren)?|minors?|under (?:the age "
    r"of )?"
    r"\d{2}|in violation)\b|\b(?:inactive|inactivity|dormant)\b|\bsuspect\w*\b[^.;]{0,60}\bviolat\w*",
)
# "until you delete it": the keeping ends at deletion.
ENDS_AT_DELETION = found(
    "retention_ends_at_deletion",
    r"\b(?:until|till)\s+(?:(?!after\b)\w+\W+){0,5}?(?:delet|remov|clos|cancel|terminat)\w*"
    r"(?![^.;]{0,60}\b(?:unless|except|however|but|after)\b)",
)
# The user failing at the self-service deletion ("if you are unable to delete your account, contact
# us") is no retention.
USER_UNABLE = r"\bif you (?:are )?(?:unable|not able|cannot|can't|can\u2019t)(?: to)?\b"
HEADING_GERUND = re.compile(r"[A-Z][a-z]+ing\b")


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@unit_check
def user_deletes(view: View) -> str:
    """The unit names the user deleting content, closing the account, asking for erasure or ending
    the subscription (not closing a browser, an end of retention, or the company removing content)."""
    low = view.low
    quiet = _spans(NOT_USER_DELETION, low)
    for match in DELETION_CONTEXT.finditer(low):
        if any(a <= match.start() < b for a, b in quiet):
            continue
        if match.group(0) in WEAK_CONTEXT and PURGED_AFTERWARDS.search(low):
            continue
        return f'after "{view.quote(match.start(), match.end())}"'
    return ""


@unit_check
def users_own_device(view: View) -> bool:
    """Only the user's own device or browser keeps it (cookies, local storage), which the user clears."""
    low = view.low
    return (
        DEVICE_SIDE.search(low) is not None
        and COMPANY_SIDE.search(low) is None
        and STRONG_BACKUP.search(low) is None
    )


@match_check
def not_a_heading_in_text(view: View, match: re.Match[str]) -> bool:
    """The match does not open on a capitalised gerund in mid-unit (a menu item captured with the
    page: "... Keeping your information secure Exporting & deleting ...")."""
    start = view.offsets[match.start()] if view.offsets else match.start()
    return not (start > 0 and HEADING_GERUND.match(view.unit.text, start))


ACCOUNT_IN_VIEW = rx(
    r"\b(?:account|subscription|contract|membership|relationship|(?:as long as|while) you (?:use|have|are))\b"
)


@unit_check
def account_in_view(view: View) -> bool:
    """The unit, or the one before it, ties the keeping to the account or the relationship (so
    "longer" means after it ends) or to a deletion."""
    if ACCOUNT_IN_VIEW.search(view.low) or user_deletes.of_unit(view):
        return True
    previous = view.index - 1
    if previous < 0 or view.doc.units[previous].kind not in EVIDENCE_KINDS:
        return False
    before = view.doc.view(previous)
    return ACCOUNT_IN_VIEW.search(before.low) is not None or bool(user_deletes.of_unit(before))


OPT_OUT_WORDS = rx(r"\b(?:opt(?:s|ed|ing)?[- ]?out|unsubscrib\w*|marketing communications|suppression)\b")


@unit_check
def after_an_opt_out(view: View) -> bool:
    """The unit, or the one before it, is about opting out of marketing: what is kept is the opt-out
    record, not data the user deleted."""
    if OPT_OUT_WORDS.search(view.low):
        return True
    previous = view.index - 1
    return previous >= 0 and OPT_OUT_WORDS.search(view.doc.view(previous).low) is not None


@unit_check
def lead_in_keeps_data(view: View) -> bool:
    """The list's lead-in is itself a retention finding ("we may retain data after deletion where it is
    necessary:")."""
    lead = view.unit.lead_in
    if lead is None:
        return False
    lead_view = view.doc.view(lead)
    if "keeps_data" not in lead_view.memo:  # every item of the list asks about the same lead-in
        lead_view.memo["keeps_data"] = any(try_rule(rule, lead_view) is not None for rule in CORE_RULES)
    return bool(lead_view.memo["keeps_data"])


# Neither is the user deleting: revoking an app's access or unlinking a sign-in; the company's own
# automatic deletion ("our systems are designed to delete chats automatically").
NOT_DELETING = found(
    "not_a_deletion",
    r"\b(?:revok|unlink|disconnect|disabl)\w*\s+(?:\w+\s+){0,2}?(?:access|connections?|integrations?|"
    r"permissions?|"
    r"sign[- ]in)\b|\b(?:systems?|designed)\b[^.;]{0,40}\bto delete\b[^.;]{0,60}\bautomatically\b",
)
RETAIN_OR_DELETE = rx(
    r"\b(?:retain\w*|retention|keep\w*|kept|stor(?:e|ed|es|ing|age)|hold\w*|preserv\w*|"
    r"delet\w*|eras\w*)\b"
)
RETENTION_COLUMN = rx(r"\b(?:retention|retained|kept|keep|period|duration|how long)\b")


@unit_check
def follows_a_deletion(view: View) -> bool:
    """The unit before this one (in the same section) speaks of the user deleting or erasing data."""
    previous = view.index - 1
    if previous < 0:
        return False
    before = view.doc.view(previous)
    return before.unit.kind in EVIDENCE_KINDS and user_deletes.of_unit(before) not in ("", False)


SHORT_BOUND_DAYS = 90
_DURATION = rx(DURATION)


def duration_days(low: str) -> tuple[int, str] | None:
    """The first stated period in ``low`` as (days, its words): "within 30 days" -> (30, ...)."""
    match = _DURATION.search(low)
    if match is None:
        return None
    count, unit = match.group("count"), match.group("unit")
    number = int(count) if count.isdigit() else NUMBER_WORDS[count]
    days = 1 if unit == "hour" else number * DAYS_PER_UNIT[unit]
    return days, match.group(0)


@unit_check
def bounded_purge(view: View) -> str:
    """A stated end of at most SHORT_BOUND_DAYS ("erased from backups within 90 days", "for 48 hours
    after deletion") and no business reason for the keeping."""
    found_period = duration_days(view.low)
    if found_period is None or found_period[0] > SHORT_BOUND_DAYS or BUSINESS_REASON.search(view.low):
        return ""
    return f'the retention is bounded ("{found_period[1]}")'


ISOLATED = found(
    "isolated_until_deleted",
    r"\b(?:isolat\w*|beyond (?:further )?use|put (?:\w+ )?beyond use|prevent (?:any )?further (?:use|"
    r"processing)|"
    r"restrict\w* (?:\w+ )?(?:further )?processing)\b",
)
# The company's own business as the reason (the modern set's high rung): business requirements or
# needs, a legitimate business interest, internal purposes, analytics, improving the service.
BUSINESS_REASON = rx(
    r"\bbusiness\s+(?:(?:and|or)\s+\w+\s+)?(?:requirements?|needs?|purposes?|interests?|reasons?|"
    r"operations)\b|"
    r"\blegitimate business\b|\binternal (?:purposes|analytics|operations|business|reporting)\b|"
    r"\banalytics\b|"
    r"\bmetrics\b|\bstatistic\w*|\bin case you (?:decide to )?(?:use|return|come back)\b|"
    r"\b(?:improv|develop)\w* (?:our|the) (?:products|services)\b|\bresearch\b|\bmarketing\b"
)
BUSINESS_HIGH = Step(
    "high",
    found("business_reason", BUSINESS_REASON),
    "the reason given is the company's own business",
    "Delete data when the account is deleted, keeping only what a named law requires, for a stated period.",
)
VISIBLE = rx(
    r"\b(?:remain|stay|still be|continue to be)\w*\s+(?:\w+\s+){0,2}?(?:visible|public|available|accessible|"
    r"viewable|on (?:the|our) (?:\w+ )?(?:platform|site|service|website))\b|\bmay not be (?:able to be "
    r")?restored\b"
)
VISIBLE_HIGH = Step(
    "high",
    found("still_visible", VISIBLE),
    "deleted content may stay visible to others with no end",
    "Remove deleted content from public view and say how long any copies stay.",
)
BOUNDED_LOW = Step(
    "low",
    bounded_purge,
    "the keeping has a short stated end",
    "State the purge period for every copy, backups included, and keep it short.",
    "Deleted data may linger for a limited, stated time (for example in backups) before it is purged.",
)
# Backups of the user's own device (which the user can delete), not the company's copies.
DEVICE_BACKUP_LOW = Step(
    "low",
    Condition(
        "users_device_backup",
        lambda view, _match: (
            DEVICE_SIDE.search(view.low) is not None and COMPANY_SIDE.search(view.low) is None
        ),
        "the copies sit in backups of the user's own device",
        per_unit=True,
    ),
    "copies stay in backups of the user's own device, which the user controls",
)
ISOLATED_LOW = Step(
    "low",
    ISOLATED,
    "residual copies are isolated from any use until they can be deleted",
)


@unit_check
def long_period(view: View) -> str:
    """A stated period longer than SHORT_BOUND_DAYS ("for seven years after your account is closed")."""
    found_period = duration_days(view.low)
    if found_period is None or found_period[0] <= SHORT_BOUND_DAYS:
        return ""
    return f'the stated period ("{found_period[1]}") is longer than {SHORT_BOUND_DAYS} days'


LONG_PERIOD = Step("medium", long_period, "a stated period does not make a long retention short")
LADDER = (BUSINESS_HIGH, VISIBLE_HIGH, BOUNDED_LOW, ISOLATED_LOW, LONG_PERIOD)
# A contract's clauses that outlive it ("this indemnity shall survive termination") keep no data.
CONTRACT_SURVIVAL = found(
    "contract_clause_survives",
    r"\b(?:provisions?|sections?|clauses?|paragraphs?|indemnit\w*|obligations?|terms|agreement|"
    r"disclaimers?|limitations?)\b[^.;]{0,80}?\bsurviv\w*",
)
# What stays no longer points to you: "still visible, but anonymised and no longer linked to you".
NO_LONGER_YOURS = found(
    "no_longer_yours",
    r"\b(?:anonymi[sz]ed|de-identified)\b[^.;]{0,40}\bno longer\b|\bno longer (?:\w+\s+){0,2}?(?:associated|"
    r"linked|attributed|connected) (?:with|to) you\b|\battribution\b[^.;]{0,40}\bremoved\b",
)
COMMON_UNLESS: tuple[Condition, ...] = (
    NEGATED_RETENTION,
    NO_LONGER_YOURS,
    users_own_device,
    COMPANY_INITIATED,
    CROSS_REFERENCE,
)
IMPROVE = (
    "Say that deleting data or an account deletes it everywhere within a short stated period, backups "
    "included."
)

CORE_RULES: tuple[Rule, ...] = (
    # "we may retain your information indefinitely, even after you close your account".
    Rule(
        risk=RISK_ID,
        name="kept_indefinitely",
        pattern=(
            r"\b(?:retain\w*|keep\w*|kept|stor\w*|preserv\w*)\b.{0,80}?\b(?:indefinitely|forever|in "
            r"perpetuity|"
            r"permanently)\b|\b(?:indefinite|perpetual|irrevocable)\b.{0,40}?\blicen[cs]e\b"
        ),
        severity="high",
        why="data is kept with no end date",
        summary="Some of your data may be kept with no end date, even after you delete it.",
        improve=IMPROVE,
        requires=(user_deletes,),
        unless=COMMON_UNLESS,
        quiet=(NON_ASSERTING,),
        examples=("We may retain your posts indefinitely, even after you close your account.",),
        counterexamples=("We do not keep your data indefinitely after you delete your account.",),
    ),
    # "Deleted content may persist in backup copies"; "may remain in our archive or backup records"
    # (ToS;DR's case of personal data kept after an erasure request; Tumblr, Pinterest, Yahoo).
    Rule(
        risk=RISK_ID,
        name="kept_in_backups",
        pattern=(
            r"\b(?:back[- ]?ups?|backed[- ]up|back[- ]up (?:storage|copies|systems)|archiv\w*|"
            r"(?<!browser )(?<!web )(?<!device )cach(?:e|es|ed|ing)|"
            r"residual (?:copies|data)|copies)\b.{0,120}?\b(?:remain\w*|persist(?:s|ed|ing)?\b|retain\w*|"
            r"kept|"
            r"keep\w*|exist\w*|stored|survive\w*|linger\w*|live on|not (?:be )?(?:\w+ )?(?:removed|deleted|"
            r"erased))\b|"
            r"\b(?:remain\w*|persist(?:s|ed|ing)?\b|retain\w*|kept|keep\w*|exist\w*|stored|"
            r"survive\w*|linger\w*)\b.{0,120}?\b(?:back[- ]?ups?|"
            r"backed[- ]up|archiv\w*|(?<!browser )(?<!web )(?<!device )cach(?:e|es|ed)|residual copies|"
            r"copies)\b"
        ),
        severity="medium",
        why="copies of deleted data stay in backups or archives",
        summary="Copies of data you delete may stay in the company's backups or archives.",
        improve="Purge backups within a stated period and say so.",
        # backups and residual copies exist to outlive deletion; archives and copies need the user's
        # deletion in view ("we keep copies of your correspondence" is record keeping)
        requires=(
            any_of("backup_or_deletion", found("strong_backup", STRONG_BACKUP), user_deletes),
            not_a_heading_in_text,
        ),
        unless=(
            *COMMON_UNLESS,
            found("backup_product", r"\bback[- ]?up\+"),
            found(
                "backup_as_security",
                r"\bback(?:ed)?[- ]?up\b[^.;]{0,60}\b(?:secur|protect|"
                r"recover|restore|disaster|integrity)\w*\b(?![^.;]{0,80}\b(?:after|even|delet|remain|"
                r"persist))",
            ),
        ),
        quiet=(NON_ASSERTING,),
        ladder=(BUSINESS_HIGH, DEVICE_BACKUP_LOW, BOUNDED_LOW, ISOLATED_LOW),
        examples=(
            "Deleted posts may remain in our backups.",
            "Residual copies of your files may persist in Acme's archive for a while after you delete them.",
        ),
        counterexamples=(
            "We keep copies of our correspondence with you.",
            "Prior versions of this policy are kept in an archive on this page.",
        ),
    ),
    # "Deleted content may persist"; "your posts will not be automatically deleted"; "we may refuse a
    # request to erase your data" (Reddit, edX, current policies).
    Rule(
        risk=RISK_ID,
        name="deletion_incomplete",
        pattern=(
            r"\b(?:not|never)\s+(?:be\s+)?(?:\w+\s+){0,2}?(?:deleted|removed|erased|purged)\b|"
            r"\b(?:cannot|can't|can\u2019t|can not|unable to|impossible to|not (?:be )?(?:able|allowed|"
            r"possible|permitted) to)\s+"
            r"(?:\w+\s+){0,4}?(?:delete|erase|remove|fully remove)\b|\bdeletion will not apply\b|"
            r"\b(?:decline|refuse|deny|reject)\w*\s+to\s+(?:delete|erase|remove)\b|"
            r"\bturn\w* down (?:\w+\s+){0,2}?requests? (?:\w+\s+){0,2}?(?:to|for) (?:delet|eras|remov)\w*|"
            r"\b(?:decline|refuse|deny|reject)\w* (?:\w+\s+){0,3}?(?:to act on )?(?:\w+\s+){0,2}?requests? "
            r"(?:\w+\s+){0,2}?(?:for|to|of) (?:\w+\s+){0,2}?(?:delet|remov|eras)\w*|"
            r"\b(?:deletion|erasure|removal)\b (?:\w+\s+){0,6}?(?:may|might|can|will|could) be (?:denied|"
            r"refused|"
            r"declined|rejected|limited|restricted)\b|"
            r"\b(?:deleted|removed|erased)\b.{0,80}?\b(?:persist(?:s|ed|ing)?\b|"
            r"remain\w*|still (?:exist|be|see|appear|show\w* up|turn\w* up)\w*|continue to (?:exist|appear|"
            r"be)\w*)|"
            r"\b(?:persist(?:s|ed|ing)?|remain\w*|still exist\w*|continue to exist)\b.{0,80}?\b(?:deleted|"
            r"removed|erased)\b|"
            r"\bnot (?:fully|immediately|automatically|completely|permanently|entirely) (?:remove|delete|"
            r"erase)|"
            r"\b(?:deleting|closing|deactivating|cancell?ing|removing|deletion|closure|deactivation|"
            r"cancell?ation)\b[^.;]{0,60}?\b(?:does|do|will|would)\s*(?:not|n't) (?:\w+\s+)?"
            r"(?:delete|erase|remove|purge|wipe|destroy|clear)|"
            # the nominal: "closing your account does not result in the erasure of your history"
            r"\b(?:does|do|will|would)\s*(?:not|n't) (?:result in|lead to|mean|cause|entail|include) (?:the "
            r")?(?:full |complete |automatic )?(?:erasure|deletion|removal|destruction)\b|"
            r"\b(?:cannot|can't|can not|do not|don't|are unable to) (?:guarantee|ensure|"
            r"promise)\b[^.;]{0,60}?"
            r"\b(?:delet|remov|eras|purg)\w*"
        ),
        severity="medium",
        why="deleting does not remove everything",
        summary="Deleting your data or account may not remove all of it.",
        improve=IMPROVE,
        requires=(user_deletes, not_a_heading_in_text),
        unless=(
            *COMMON_UNLESS,
            NOT_DELETING,
            found("browser_cookies", r"\bcookies?\b(?![^.;]{0,60}\b(?:account|server|we keep))"),
        ),
        quiet=(NON_ASSERTING, NOT_USER_DELETION.pattern, USER_UNABLE),
        ladder=LADDER,
        examples=(
            "Deleted content may persist on our servers.",
            "We may refuse requests for erasure where the data is needed for our records.",
            "Closing your account does not erase your purchase history.",
        ),
        counterexamples=(
            "Cookies are not deleted when you close your browser.",
            "We do not keep your content after you delete it.",
        ),
    ),
    # "We may continue to retain your information after termination"; "for two years following account
    # deletion"; "If you no longer subscribe, we still may need that information" (ToS;DR, Airbnb).
    Rule(
        risk=RISK_ID,
        name="kept_after_deletion",
        pattern=(
            r"\b(?:retain\w*|keep\w*|kept|preserv\w*|maintain\w*|hold on to|hold onto|hang\w* on to|hang\w* "
            r"onto|"
            r"outliv\w*|surviv\w*|continue to (?:use|hold|have|process|"
            r"store|display)(?! (?:our|the|this|these) (?:\w+ )?(?:services?|sites?|website|games?|apps?|"
            r"application|platform|products?)\b)|remain\w* (?:stored|on|in|with|available|visible)|"
            r"stay\w* (?:stored|available|visible|accessible|public)|"
            r"\bwe(?:'ll|\u2019ll)?\s+(?:(?!not\b|no\b|never\b|cannot\b)\w+\s+){0,3}?(?:able to|still)\s+"
            r"(?:see|view|access)\b|still (?:keep|retain|have|hold|store|need|may need|require))\b"
        ),
        severity="medium",
        why="the company keeps data after you delete it or close your account",
        summary="The company may keep some of your data after you delete it or close your account.",
        improve=IMPROVE,
        requires=(user_deletes, not_a_heading_in_text),
        unless=(*COMMON_UNLESS, RIGHT_ONLY, ENDS_AT_DELETION, CONTRACT_SURVIVAL),
        quiet=(NON_ASSERTING, NOT_USER_DELETION.pattern),
        ladder=LADDER,
        examples=(
            "We may continue to retain your information after you close your account.",
            "Acme keeps usage logs for two years following account deletion for internal analytics.",
            "If you no longer subscribe, we may still need your billing records for tax purposes.",
        ),
        counterexamples=(
            "We keep your files until you delete them.",
            "You may ask us to delete the data we keep about you.",
            "Cookies remain on your computer after you close your browser.",
        ),
    ),
    # "we will delete your data, unless we need to keep it for legal reasons" - an exception carved out
    # of a deletion promise; "we may decline your erasure request".
    Rule(
        risk=RISK_ID,
        name="deletion_exception",
        rank=-1,  # the more specific reading comes first among equals
        pattern=(
            r"\b(?:delet|eras|remov)\w*\b[^.;]{0,160}?\b(?:unless|except (?:where|when|if|as)|other than "
            r"where|save where)"
            r"\s+(?:\w+\s+){0,8}?(?:need|required?|obliged|obligated|lawful|legal|legitimate|necessary|"
            r"retain|keep|"
            r"continue|permitted|allowed)\w*|"
            r"\b(?:retain|keep|store)\w*\s+(?:\w+\s+){0,4}?(?:for longer|longer)\b[^.;]{0,80}?\b(?:even "
            r"after|after you|"
            r"if|where|when|unless)\b|"
            r"\bmay not be (?:deleted|erased|removed) (?:up)?on (?:your )?request\b"
        ),
        severity="medium",
        why="a deletion promise has an exception that keeps data",
        summary="The company may keep some of your data even after you ask for it to be deleted.",
        improve="Name each exception to deletion with the law that requires it and how long the data stays.",
        unless=(*COMMON_UNLESS, found("ends_at_deletion", NOT_USER_DELETION)),
        ladder=LADDER,
        examples=(
            "When you delete your account we erase your data, unless we are required to keep it by law.",
            "We remove deleted files within 30 days, except where we need to retain them to resolve "
            "disputes.",
        ),
        counterexamples=("You can delete your account at any time in settings.",),
    ),
    # Deleted content that lives on with others: "a copy stays in the recipient's history", "posts in
    # public areas may remain", "recipients may keep messages even if you delete them".
    Rule(
        risk=RISK_ID,
        name="persists_with_others",
        rank=-1,  # the more specific reading comes first among equals
        pattern=(
            r"\b(?:recipients?|other (?:users|members|participants)|others|your (?:contacts|friends|"
            r"partner)\w*)\b"
            r"[^.;]{0,100}?\b(?:keep|retain|still (?:see|have|access)|remain|stay)\w*|"
            r"\b(?:cop(?:y|ies))\b[^.;]{0,60}?\b(?:remain|stay|persist)\w*\b[^.;]{0,80}?\b(?:accessible|"
            r"visible|"
            r"available|server|history)\b|"
            # "deleted messages stay in your friends' chat history"
            r"\b(?:stay|remain|live on|persist)\w*\b[^.;]{0,30}?\b(?:recipients?|others'|other (?:users|peo"
            r"ple|"
            r"members)|(?:your|their) (?:friends|contacts))\b|"
            # in public view: "your comments may still be visible after you delete your account"
            r"\b(?:remain|stay|still be|continue to be)\w*\s+(?:\w+\s+){0,2}?(?:visible|public|viewable|"
            r"accessible|searchable|findable|discoverable|available to (?:\w+\s+){0,2}?(?:people|others|"
            r"recipients|users|members|contacts))\b"
        ),
        severity="medium",
        why="what you delete can stay with other people",
        summary="What you delete may stay with other people or in public view.",
        improve="Say what happens to copies others hold after you delete, and remove public copies.",
        requires=(user_deletes,),
        unless=COMMON_UNLESS,
        quiet=(NON_ASSERTING,),
        ladder=(BOUNDED_LOW, VISIBLE_HIGH),  # a stated short end comes first: "visible for 30 days"
        examples=(
            "Recipients of your messages may keep them even if you delete them.",
            "A copy remains accessible in your contact's history even after you delete the post.",
            "Your reviews may still be visible to other shoppers after you close your account.",
        ),
        counterexamples=("Other users can no longer see your posts once you delete them.",),
    ),
    # "Deleting an account ... grants us a license that survives termination".
    Rule(
        risk=RISK_ID,
        name="license_survives",
        rank=-1,  # the more specific reading comes first among equals
        pattern=r"\blicen[cs]e\b.{0,120}?\b(?:surviv\w*|continu\w*|beyond|after)\b",
        severity="medium",
        why="the company keeps rights to your content after you leave",
        summary="The company keeps rights to your content after you delete your account.",
        improve="End the licence to user content when the content or the account is deleted.",
        requires=(user_deletes,),
        unless=COMMON_UNLESS,
        examples=("The licence you grant us survives the termination of your account.",),
        counterexamples=("The licence you grant us ends when you delete your content.",),
    ),
    # "we might have to hold on to some data for our records" after a contrast.
    Rule(
        risk=RISK_ID,
        name="partial_retention",
        pattern=(
            r"\b(?:may|might|will|need to|reserve the right to|must|have to|required to|"
            r"still)\s+(?:\w+\s+){0,2}?"
            r"(?:retain|keep|preserve|store)\s+(?:\w+\s+){0,2}?(?:some|certain|a copy|copies|limited|"
            r"residual|"
            r"specific|part|parts|portions?|records?)\b"
        ),
        severity="medium",
        why="some data is kept back from deletion",
        summary="The company may keep some of your data even after you ask for it to be deleted.",
        improve=IMPROVE,
        requires=(
            any_of(
                "deletion_or_exception",
                user_deletes,
                found(
                    "exception_cue",
                    r"\b(?:however|but|still|nevertheless|nonetheless|note|even|except|although|though|despite|"
                    r"notwithstanding|exceptionally|sometimes)\b|\bin (?:some|certain|limited) (?:cases|"
                    r"circumstances)\b",
                ),
            ),
        ),
        unless=(*COMMON_UNLESS, RIGHT_ONLY, after_an_opt_out),
        quiet=(NON_ASSERTING,),
        ladder=LADDER,
        examples=("However, we might need to retain some details for our bookkeeping.",),
        counterexamples=("If you contact us, we may keep a record of that correspondence.",),
    ),
    # "7 years post-subscription", "for up to two years after the account is deleted" (retention
    # tables and schedules): a period that starts when the account or contract ends.
    Rule(
        risk=RISK_ID,
        name="period_after_account_ends",
        pattern=(
            r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:\(\d{1,3}\)\s*)?"
            r"(?:days?|weeks?|months?|years?)\s+(?:post-|after (?:the )?|following (?:the )?|from (?:the )?)"
            r"(?:\w+\s+){0,2}?(?:subscription|account|contract|membership|relationship|closure|deletion|"
            r"termination|"
            r"cancell?ation|end of)"
        ),
        severity="medium",
        why="data is kept for a period that starts when your account or contract ends",
        summary="The company may keep some of your data after you delete it or close your account.",
        improve=IMPROVE,
        requires=(
            any_of(
                "kept_or_retention_column",
                found("keeping_verb", RETAIN_OR_DELETE),
                Condition(
                    "retention_column",
                    lambda view, _match: (
                        view.unit.column is not None and RETENTION_COLUMN.search(view.unit.column) is not None
                    ),
                    "the cell sits in a table column about retention periods",
                    per_unit=True,
                ),
            ),
        ),
        unless=COMMON_UNLESS,
        ladder=(BUSINESS_HIGH, BOUNDED_LOW),
        examples=(
            "Billing records are kept for 6 years post-subscription.",
            "Logs are kept for two years after account deletion.",
        ),
        counterexamples=(
            "Billing records are kept for 6 years from the date of each invoice.",
            "The sections on liability and indemnity survive the termination of your account.",
        ),
    ),
    # "Deleted chats are purged from every server within 14 days": a bounded purge (low on its own)
    Rule(
        risk=RISK_ID,
        name="purged_after_a_while",
        pattern=(
            r"\b(?:deleted|erased|removed)\b[^.;]{0,80}?\b(?:purged|erased|deleted|removed|destroyed|"
            r"overwritten|wiped)\b"
            r"[^.;]{0,40}?\b(?:within|after)\s+|"
            # "it may take up to 12 months before deleted data is removed from our archives"
            r"\bmay take (?:up to |as long as )?(?:\w+\s+){0,2}?(?:days?|weeks?|months?|years?)\b[^.;]{0,40}?"
            r"\b(?:before|until|for)\b[^.;]{0,60}?\b(?:purged|erased|deleted|removed|destroyed|overwritten|"
            r"wiped)\b"
        ),
        severity="medium",
        why="what you delete is purged only after a while",
        summary="Deleted data may linger for a while before it is purged.",
        improve="State the purge period for every copy, backups included, and keep it short.",
        unless=COMMON_UNLESS,
        ladder=(BOUNDED_LOW, LONG_PERIOD),
        examples=("Deleted chats are removed from all our servers within 14 days.",),
        counterexamples=("Deleted chats are removed from all our servers at once.",),
    ),
    # "Please contact us to delete your data. If, for technical reasons, we are unable to do so, ...":
    # a refusal that refers back to a deletion in the sentence before.
    Rule(
        risk=RISK_ID,
        name="deletion_refused_later",
        pattern=r"\b(?:unable|not able|cannot|can't|can\u2019t|may not be able) to do so\b",
        severity="medium",
        why="the company may be unable to delete what you asked it to",
        summary="Deleting your data or account may not remove all of it.",
        improve=IMPROVE,
        requires=(follows_a_deletion,),
        unless=(*COMMON_UNLESS, found("user_subject", USER_UNABLE)),
        ladder=LADDER,
        examples=("You can ask us to erase your data. If we are unable to do so, we will restrict its use.",),
        counterexamples=("You can change your settings. If you are unable to do so, contact us.",),
    ),
    # "we keep your data while your account is open ... In some cases we keep it for longer": an
    # extension of a retention that would end with the account.
    Rule(
        risk=RISK_ID,
        name="kept_longer",
        pattern=(
            r"\b(?:retain\w*|keep|kept|stored?|preserved?|hold)\s+(?:\w+\s+){0,3}?(?:for (?:a |an "
            r")?(?:longer|extended)"
            r" (?:periods?|time)|for longer|longer than)\b"
        ),
        severity="medium",
        why="some data is kept longer than the account",
        summary="The company may keep some of your data after you delete it or close your account.",
        improve=IMPROVE,
        requires=(account_in_view,),
        unless=(*COMMON_UNLESS, RIGHT_ONLY, after_an_opt_out),
        quiet=(NON_ASSERTING,),
        ladder=LADDER,
        examples=(
            "We keep your data while your account is open. In some cases we keep it for longer, to "
            "settle disputes.",
        ),
        counterexamples=(
            "Generally we keep orders for four years, but in some cases for a longer period if "
            "the law requires.",
        ),
    ),
)
# Items of a list are read after the rules above have judged its lead-in.
RULES: tuple[Rule, ...] = (
    *CORE_RULES,
    # Items of a list whose lead-in keeps data ("We may refuse to erase your data where it is necessary:")
    # are the reasons; each is read with its lead-in.
    Rule(
        risk=RISK_ID,
        name="listed_reason_to_keep",
        pattern=(
            r"\b(?:legal|law|laws|regulat\w*|tax|accounting|audit\w*|fraud|disputes?|claims?|security|safety|"
            r"business|contract\w*|obligations?|compl\w*|defen[cs]\w*|enforc\w*|record\w*)\b"
        ),
        severity="medium",
        why="a reason the list's lead-in gives for keeping data after deletion",
        summary="The company may keep some of your data even after you ask for it to be deleted.",
        improve="Name each exception to deletion with the law that requires it and how long the data stays.",
        kinds=frozenset({"list_item"}),
        requires=(lead_in_keeps_data,),
        unless=COMMON_UNLESS,
        ladder=LADDER,
        examples=(
            "We may refuse to erase your data after you close your account where it is necessary:\n"
            "to comply with a legal obligation;\nto defend legal claims.",
        ),
        counterexamples=(
            "We use your data for the following purposes:\nto comply with a legal obligation;\nto defend "
            "legal claims.",
        ),
    ),
    # --- good practices -------------------------------------------------------------------------
    Rule(
        risk=RISK_ID,
        name="bounded_purge",
        pattern=r"\b(?:delet|eras|purg|remov|destroy|overwrit)\w*\b[^.;]{0,120}?\b(?:within|after)\b",
        severity="none",
        why="deleted data is purged within a short stated period",
        summary="purge deleted data within a stated period",
        improve="",
        requires=(bounded_purge, user_deletes),
        polarity="good",
        examples=("When you delete your account, we erase your data from our backups within 30 days.",),
        counterexamples=("When you delete your account, we keep your data for ten years.",),
    ),
)


def detect(doc: Document) -> RiskFinding:
    """The finding of this risk on ``doc``."""
    return detect_rules(SPEC, RULES, doc)
