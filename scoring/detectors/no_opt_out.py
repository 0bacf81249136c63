"""Risk ``no_opt_out``: the user cannot say no, stated outright or (policy-level) by omission.

Severity ladder (issue 8, checked against the modern set's labels): **high** when a core use
(tracking, marketing, sale or sharing for advertising) cannot be refused, whether the policy says so
or offers no opt-out anywhere; **medium** for consent by use ("by using the service you agree to
this policy") and "if you do not agree, do not use the service"; **low** for essential service
messages that go on after an unsubscribe, and for features that need data to work. A feature that
needs data is a normal consequence, not a missing choice, in a whole policy that offers choices
elsewhere; alone (a sentence, a fragment) it is reported at low.
"""

from __future__ import annotations

import re

from scoring._models import RiskFinding
from scoring._structure import EVIDENCE_KINDS
from scoring.detectors._findings import RiskSpec, detect_rules
from scoring.detectors._rules import (
    Document,
    Rule,
    Step,
    View,
    document_check,
    found,
    match_check,
    rx,
    unit_check,
)
from scoring.detectors._vocabulary import UNABLE

RISK_ID = "no_opt_out"
SPEC = RiskSpec(
    id=RISK_ID,
    title="No way to opt out",
    lead="The policy leaves you no real choice: ",
    joiner="; also,",
    clean_summary="No clause was found denying you a way to opt out.",
)
TITLE = SPEC.title

# --- take it or leave it ----------------------------------------------------------------------------

# The condition half of "if you do not agree ..., do not use the site": refusing consent or the policy.
REFUSE_AGREEMENT = (
    r"\bif you\s+(?:\w+\s+){0,2}?(?:(?:do not|don't|don\u2019t|do n't|did not|cannot|can't|can not|choose "
    r"not to|"
    r"prefer not to|elect not to|wish not to|are unwilling to|are not willing to)\s+(?:\w+\s+){0,2}?"
    r"(?:agree|accept|consent|(?:want|wish|like)(?!\s+to\s+(?:provide|give|share|submit|supply|disclose|"
    r"enter)\b)|"
    r"authori[sz]e)|disagree|object|refuse|withdraw|reject|deny|are not (?:happy|comfortable|ok|okay))\b|"
    r"\bunless you (?:agree|accept|consent)\b|\bin the case you do not agree\b|"
    # the third person: "users who do not accept these practices should not use the service"
    r"\b(?:users?|visitors?|customers?|members?|anyone|those|people)\s+(?:who|that)\s+(?:do not|don't|does "
    r"not|"
    r"cannot|can't|refuse to|decline to)\s+(?:\w+\s+){0,2}?(?:agree|accept|consent)\b|"
    r"\bshould you\s+(?:not\s+(?:\w+\s+)?(?:agree|accept|consent|want|wish)|disagree|object|decline|"
    r"refuse)\b|"
    r"\b(?:request|ask)\w*\s+(?:us\s+)?(?:\w+\s+){0,3}?(?:to\s+)?(?:stop|restrict)\w*"
)
REFUSE_AGREEMENT_RX = rx(REFUSE_AGREEMENT)
# ... refusing to give data: the cost is a feature (or the service) that needs it.
REFUSE_DATA = (
    r"\bif you\s+(?:\w+\s+){0,2}?(?:(?:do not|don't|don\u2019t|do n't|did not|cannot|can't|can not|choose "
    r"not to|"
    r"prefer not to|elect not to|wish not to|are unwilling to|are not willing to)\s+(?:\w+\s+){0,2}?"
    r"(?:provide|give|share|submit|supply|disclose|enter|enable|grant|furnish|register|opt|turn on|complete|"
    r"connect|link|allow|permit|(?:want|wish|like) to (?:provide|give|share|submit|supply|disclose|enter))|"
    r"decline|"
    r"disable|block|turn off|opt out)\b|"
    r"\byou (?:may|can|are free to|could)(?:,? of course,)?\s+(?:always\s+)?(?:choose|decide|elect|decline|"
    r"refuse|opt|prefer)\s+(?:not\s+)?to\s+(?:not\s+)?(?:provide|give|submit|share|supply|disclose|allow)|"
    r"\byou (?:do not|don't) have to (?:provide|give|share|submit|allow)|"
    r"\byou are not (?:obliged|required|obligated) to (?:provide|give|share)|"
    r"\bwithout (?:it|them|(?:this|that|such|these|the (?:required|requested|necessary)) (?:information|data|"
    r"details|personal))\b|\bwithout your (?:consent|permission|agreement)|"
    r"\bif (?:such|the|this|that|these)\s+(?:\w+\s+){0,3}?(?:is|are) not provided\b"
)
# The consequence: you are told to leave ...
LEAVE_SERVICE = rx(
    r"\b(?:do not|don't|don\u2019t|should not|shouldn't|must not|please not|refrain from|discontinue|"
    r"cease|stop|exit|leave|log off)\s+(?:\w+\s+){0,3}?(?:use|using|access|accessing|visit|"
    r"visiting|participate|participating|submit|connect|install|engage|download|register|continue|"
    r"make any use|the site|the service)\b|\blog off immediately\b"
)
# ... or saying no costs you the service or features.
LOSE_SERVICE = rx(
    r"\b(?:(?:not|no longer)\s+(?:be\s+)?able\s+to|unable\s+to)\s+(?:\w+\s+){0,4}?(?:use|access|participate|"
    r"take advantage|engage|provide|deliver|register|complete|purchase|enjoy|receive|gain|create|offer|"
    r"sign|log|order|benefit|open)\w*|"
    r"\b(?:cannot|can't|can not|could not|will not be able to|won't be able to)\s+(?:\w+\s+){0,2}?(?:provide|"
    r"offer|use|"
    r"access|deliver|register|serve|fulfil|create|ship|send|complete|book|support)\w*|"
    r"\b(?:not\s+(?:be\s+)?able\s+to|unable\s+to|cannot|can't|can not|could not)\s+process\s+(?:your\s+)?"
    r"(?:\w+\s+)?(?:orders?|purchases?|payments?|transactions?|registration|applications?|subscriptions?)\b|"
    r"\bnot (?:be )?possible (?:for us )?to (?:provide|use|offer|deliver|access)|"
    r"\b(?:stop|prevent|limit|restrict|keep)\w*\s+you\s+from\b|\blimit\w*\s+(?:\w+\s+){0,2}?features\b|"
    r"\bmay not (?:function|work|operate)|\bnot (?:function|work) (?:properly|correctly|as intended)|"
    r"\b(?:required|needed|necessary)\s+(?:in order\s+)?(?:to|for)\s+(?:\w+\s+){0,2}?(?:use|access|purchase|"
    r"take advantage|register|participate|order|buy|make a purchase)"
)
# Turning off cookies or location in the browser is itself an opt-out the user controls; "if you
# disable cookies some features may not work" describes its cost (OPP-115 browser-control choices).
BROWSER_CONTROL = rx(
    r"\b(?:cookies?|javascript|flash|browser|web beacons?|local storage|pixels?|tracking technolog\w*|"
    r"location (?:services|settings|permissions?)|ad[- ]?blockers?)\b"
)
# An opt-out offered in the same sentence ("if you prefer not to receive e-mail, click here").
OFFER_PATTERN = rx(
    r"\bopt(?:[- ]?out|ing out)\b|\bunsubscrib\w*|\bclick here\b|\b(?:adjust|alter|change|update|manage)\s+"
    r"(?:\w+\s+){0,2}?(?:preferences|settings)\b|\bsettings\b|\bcontact(?:ing)? us\b|\blet us know\b|"
    r"\b(?:e-?mail|write to|call|notify) us\b|\byou may do so\b|\b(?:withdraw|revoke) (?:your )?consent\b"
)
OFFER_HERE = found("opt_out_offered_here", OFFER_PATTERN)
# A refused thing that is not a data practice: an age limit, a signature, deleting (whose consequence
# is losing the deleted account).
FEATURE_ONLY = found(
    "some_features_only",
    r"\b(?:some|certain|parts? of|portions? of|all of|many of|particular|those|these|such|specific|"
    r"some or all|that|optional)\s+(?:\w+\s+){0,2}?(?:features?|functions?|functionality|services?|products?|"
    r"portions?|parts?|areas?|activit(?:y|ies)|content|offers?|pages?)\b|\bthat (?:activity|feature)\b",
)
OTHER_PERSON_BEFORE = rx(
    r"\b(?:another person|other people|others|anyone(?: else)?|third parties|"
    r"someone)\s+(?:\w+\s+)?$"
)
COMPANY_BEFORE = rx(r"\b(?:us|we|company)\s+(?:to\s+|will\s+|may\s+|would\s+|shall\s+)?$")


def _consequence(
    view: View, match: re.Match[str], patterns: tuple[re.Pattern[str], ...]
) -> re.Match[str] | None:
    """The first consequence after (else before) the condition, not the company's own act ("us to stop")."""
    low = view.low
    for pattern in patterns:
        for start, end in ((match.end(), len(low)), (0, match.start())):
            for hit in pattern.finditer(low, start, end):
                if pattern is LEAVE_SERVICE and COMPANY_BEFORE.search(
                    low, max(0, hit.start() - 16), hit.start()
                ):
                    continue
                if OTHER_PERSON_BEFORE.search(low, max(0, hit.start() - 30), hit.start()):
                    continue  # "others cannot get into your account": not your loss
                return hit
    return None


@match_check
def told_to_leave(view: View, match: re.Match[str]) -> str:
    """Refusing consent is paired with "do not use / stop using / leave the site", or (unless the
    refusal is a browser setting) with losing the service; refusing data only with being told to
    leave ("if you do not want to share it, do not use the site"): the only way to say no is to leave."""
    agreement = REFUSE_AGREEMENT_RX.match(view.low, match.start()) is not None
    browser = BROWSER_CONTROL.search(view.low) is not None
    patterns = (LEAVE_SERVICE, LOSE_SERVICE) if agreement and not browser else (LEAVE_SERVICE,)
    consequence = _consequence(view, match, patterns)
    if consequence is None:
        return ""
    return f'with "{view.quote(consequence.start(), consequence.end())}": refusing costs you the service'


@match_check
def feature_is_lost(view: View, match: re.Match[str]) -> str:
    """Refusing the data is paired with losing a feature or the service that needs it (not with being
    told to leave, which is take_it_or_leave_it)."""
    if BROWSER_CONTROL.search(view.low) or _consequence(view, match, (LEAVE_SERVICE,)) is not None:
        return ""
    consequence = _consequence(view, match, (LOSE_SERVICE,))
    if consequence is None:
        return ""
    return f'with "{view.quote(consequence.start(), consequence.end())}": a feature needs the data'


# --- consent by use ---------------------------------------------------------------------------------

BY_USE = (
    r"\b(?:by|when you|if you|where you)\s+(?:\w+\s+){0,2}?(?:using|accessing|visiting|browsing|continuing|"
    r"interacting|installing|downloading|registering|submitting|making|providing|clicking|navigating|"
    r"entering|signing|creating|engaging|participating|remaining|opening|launching|submit|use|access|visit|"
    r"register|open|launch|"
    r"download|continue)\b"
)
# Acts that are not using the service: handing over a piece of data, clicking an accept button.
DATA_ACT = rx(
    r"\b(?:by|when you|if you|where you)\s+(?:\w+\s+){0,2}?(?:providing|submitting|submit|"
    r"entering)\s+(?:us\s+)?"
    r"(?:with\s+)?(?:\w+\s+){0,3}?(?:information|data|details|pd|pii|content|text|consent|materials?|"
    r"comments?|"
    r"reviews?|addresse?s?|numbers?|(?:privacy|rights?|data subject|access|deletion|verifiable|consumer) "
    r"requests?)\b|"
    r"\b(?:by|when you|if you)\s+(?:\w+\s+){0,2}?clicking\b"
)
JOINED_USE = rx(
    r"\b(?:or|and|and/or)\s+(?:by\s+)?(?:otherwise\s+)?(?:continuing to (?:use|browse|access|visit)|using|"
    r"accessing|visiting|browsing|continuing|interacting|navigating|downloading|installing)\b"
)
CONSENT_VERB = rx(
    r"\byou\s+(?:\w+\s+){0,3}?(?:(?:agree|consent|accept|signify|indicate|are accepting|are consenting|"
    r"are agreeing|authori[sz]e|assent)\w*|"
    # "you acknowledge that you have read this policy" is a notice, unless it goes on to "and agree"
    r"acknowledge[sd]?\b(?=[^.;]{0,80}\b(?:agree|accept|consent|authori[sz]e)))|"
    # the third person: "users accept how the company handles their data"
    r"\b(?:users?|visitors?|customers?|members?)\s+(?:\w+\s+){0,2}?(?:agree|consent|accept|assent)s?\b|"
    r"\bwe(?:'ll| will)? assume (?:that )?you(?:'re| are)? (?:happy|ok|okay|fine|agree|consent|accept)\w*|"
    r"\byou\s+(?:\w+\s+){0,2}?give\s+(?:us\s+)?(?:\w+\s+){0,2}?(?:consent|permission|authori[sz]ation)\b|"
    r"\b(?:constitutes?|signif(?:y|ies)|indicates?|means|deemed)\b.{0,40}?\b(?:consent|acceptance|"
    r"agreement|assent|accept|agree)"
)
#: How far after the act of use the consent may come (further on, it belongs to another clause).
CONSENT_WINDOW = 200
CONSENT_ASKED = rx(
    r"\b(?:ask|request|seek|obtain|"
    r"get)\w*\s+(?:you\s+)?(?:for\s+)?(?:your\s+)?(?:\w+\s+)?consent"
)
# An optional feature is the user's choice: "if you use our live chat, you consent to ..."; "if you log
# in via a third-party service, you agree we may collect ...".
OPTIONAL_FEATURE = found(
    "optional_feature",
    r"\b(?:live chat|chat support|sign(?:ing)? (?:in|up) (?:with|via|through)|log(?:ging)? in (?:with|via|"
    r"through)|"
    r"(?:third[- ]party|external|social) (?:services?|accounts?|platforms?|log-?ins?)|verify\b|beta\b|"
    r"surveys?|"
    r"contests?|sweepstakes|promotions? (?:or|and) contests?|optional)\b",
    where="after",
    window=80,
)
# "you confirm that you have read this policy" is a notice; "confirm ... and agree" is consent.
CONFIRM_READ_ONLY = rx(
    r"\bconfirm\w*\s+(?:that\s+)?(?:you\s+)?(?:have\s+)?read\b(?![^.;]{0,60}\b(?:agree|"
    r"accept|consent))"
)
JOIN_WINDOW = 160
CONTINUED_USE = rx(
    r"\b(?:continued|continuing|further|subsequent)\s+(?:use|access)\b.{0,160}?\b(?:constitut|signif|deemed|"
    r"means|indicat|accept|agree|consent|bound)\w*|"
    r"\byour use of\b.{0,80}?\b(?:constitut|signif|indicat)\w*\s+(?:\w+\s+){0,2}?(?:consent|acceptance|"
    r"agreement|assent)|"
    # the act of use as the subject: "accessing the website means you accept ..."
    r"\b(?:using|accessing|visiting|browsing)\s+(?:the|our|this)\s+(?:\w+\s+)?(?:websites?|sites?|services?|"
    r"apps?|applications?|platforms?)\b.{0,40}?\b(?:means|constitut\w*|signif\w*|indicat\w*|implies)\b.{0,40}?"
    r"\b(?:accept|agree|consent)\w*"
)
# "You give your consent to our processing ... when you access our platforms": consent, then the act.
CONSENT_THEN_USE = (
    r"\byou\s+(?:\w+\s+){0,2}?(?:give|provide)\s+(?:us\s+)?(?:your\s+)?(?:\w+\s+){0,2}?consent\b[^.;]{0,160}?"
    r"\bwhen you\s+(?:\w+\s+){0,2}?(?:access|use|visit|browse)\b"
)


@match_check
def act_of_use_then_consent(view: View, match: re.Match[str]) -> str:
    """An act of USING the service ("by using", "if you continue") is followed by a consent verb;
    handing over a piece of data or clicking Accept is a choice unless an act of use is joined to it."""
    low = view.low
    if DATA_ACT.match(low, match.start()) and not JOINED_USE.search(
        low, match.end(), match.end() + JOIN_WINDOW
    ):
        return ""
    consent = CONSENT_VERB.search(low, match.end(), match.end() + CONSENT_WINDOW)
    if consent is None or CONFIRM_READ_ONLY.match(low, consent.start() + 4):
        return ""
    if CONSENT_ASKED.search(low, max(0, consent.start() - 24), consent.end()):
        return ""  # "we may ask you for your consent": consent is asked, not inferred
    return f'with "{view.quote(consent.start(), consent.end())}": using the service is treated as consent'


# Consent to things that are not data practices: ideas sent in, disclaimers, contract terms of a
# terms-of-service page (arbitration, governing law, licences, fees, age limits, other sites' policies).
NOT_DATA_CONSENT = found(
    "contract_terms_not_data",
    r"\b(?:ideas?|suggestions?|feedback|not responsible|own risk|opportunity to opt|arbitration|"
    r"governed? by|govern|laws of|jurisdiction|licen[cs]e|fees?|pay|liab\w*|damages|disputes?|"
    r"official rules|years of age|years old|external (?:web)?sites?|third[- ]party (?:web)?sites?|"
    r"communicate with you electronically|electronic communications)\b",
)
TRACKING = (
    r"\b(?:cookies?(?! (?:polic|notice|statement))|track\w*|beacons?|pixels?|monitor\w*|analytics|"
    r"similar technologies)\b"
)
DATA_PRACTICE = (
    r"\b(?:collect(?:s|ed|ing|ion)?|shar\w*|disclos\w*|transfer\w*|process\w*|sell\w*|sale|stor\w*|handl\w*|"
    r"practices|use of (?:your )?(?:\w+ )?(?:data|information)|"
    r"receive (?:\w+ )?(?:e-?mails?|communications|messages|materials))\b"
)
CHANGES = r"\b(?:chang\w*|revis\w*|amend\w*|modif\w*|updated?s?|new (?:version|terms))\b"


@unit_check
def accepts_changed_policy(view: View) -> bool:
    """Accepting a CHANGED policy by using the service is how updates take effect (OPP-115 "Policy
    Change"), unless the sentence names a data practice or tracking."""
    low = view.low
    return (
        re.search(CHANGES, low) is not None
        and re.search(TRACKING, low) is None
        and re.search(DATA_PRACTICE, low) is None
    )


# Accepting the policy by use in a section about changes to the policy is an updates clause, unless
# the unit names a data practice ("you agree to the practices described").


@unit_check
def in_changes_section(view: View) -> bool:
    """The unit sits under a heading about changes to the policy and names no data practice."""
    heading = view.heading
    return (
        heading is not None
        and re.search(CHANGES, heading) is not None
        and re.search(DATA_PRACTICE, view.low) is None
        and re.search(TRACKING, view.low) is None
    )


CHANGES_SECTION = in_changes_section


@unit_check
def offer_nearby(view: View) -> bool:
    """An opt-out is offered in the unit or in the next one ("you agree to receive our emails. You can
    unsubscribe at any time.")."""
    if OFFER_PATTERN.search(view.low):
        return True
    following = view.index + 1
    if COMMUNICATIONS.search(view.low) is None:
        return False  # an unsubscribe link answers consent to emails, not to every practice
    if following < len(view.doc.units) and view.doc.units[following].kind in EVIDENCE_KINDS:
        return SPECIFIC_OFFER.search(view.doc.view(following).low) is not None
    return False


COMMUNICATIONS = rx(
    r"\b(?:e-?mails?|newsletters?|communications?|messages?|marketing|promotion\w*|"
    r"notifications?)\b"
)


# Next to consent by use, only an opt-out of the practice itself cancels it ("You can unsubscribe at
# any time"); a general "right to withdraw consent" leaves the consent inferred from use.
SPECIFIC_OFFER = rx(r"\bopt(?:[- ]?out|ing out)\b|\bunsubscrib\w*|\b(?:preferences|settings)\b")


OFFER_NEARBY = offer_nearby

# --- stated refusals --------------------------------------------------------------------------------

ESSENTIAL = (
    r"\b(?:essential|service|transactional|transaction|administrative|account|operational|legal|security|"
    r"relationship|important|non-promotional|non-marketing|service-related|transaction-related|billing|"
    r"technical)\b.{0,40}?\b(?:notices?|messages?|communications?|e-?mails?|announcements?|notifications?|"
    r"updates?|alerts?)\b|\b(?:e-?mails?|messages?|communications?|notifications?) (?:you )?(?:about|"
    r"regarding|related to)"
    r" (?:your |the )?(?:account|transactions?|orders?|purchases?|services?)"
)
ESSENTIAL_ONLY = found("essential_messages", ESSENTIAL)
CORE_USE = found(
    "core_use",
    r"\b(?:marketing|advertis\w*|promotional|promotions|newsletters?|offers|sale of|sell\w*|"
    r"track\w*|cookies?|analytics|statistic\w*|usage (?:data|information)|similar technologies|profil\w*)\b",
)

# --- the absent form (policy-level) -------------------------------------------------------------------

USE_DESCRIPTION = (
    r"\b(?:marketing|advertis\w+|promotional|newsletters?|tracking|analytics)\b|"
    r"\b(?:share|sell|rent|disclose|trade)\w*\b.{0,80}?\bthird[- ]part(?:y|ies)\b|"
    r"\bthird[- ]part(?:y|ies)\b.{0,80}?\b(?:share|sell|rent|disclose|advertis|market)\w*|"
    r"\b(?:news|offers|information) (?:about|on|regarding) (?:our|new) (?:\w+ )?(?:products|services|offers)|"
    r"\boffers from (?:\w+ ){0,2}(?:partners|third parties|companies)|\buses? cookies to track\b"
)
USE_VERB = found(
    "use_verb",
    r"\b(?:use[sd]?|using|shar\w*|sell\w*|sold|rent\w*|disclos\w*|send\w*|sent|track\w*|serv(?:e|es|ed|ing)|"
    r"show\w*|deliver\w*|personali[sz]\w*|target\w*|plac\w*|set|sets|collect\w*|combin\w*|provid\w*|allow\w*|"
    r"permit\w*|work with|partner\w*|receiv\w*|measur\w*|analy[sz]\w*)\b",
)
COMPELLED_DISCLOSURE = found(
    "legal_or_corporate_disclosure",
    r"\b(?:law enforcement|police|government\w*|authorit(?:y|ies)|courts?|subpoenas?|legal process|"
    r"required by law|comply with (?:the |any |applicable )?law|merger|acquisition|bankruptcy|successor)\b",
)
NEGATED_USE = found(
    "negated_use",
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\b|\bnever\b|\bno (?:third|"
    r"personal)",
)
# Any way to say no, anywhere in the policy (in a sentence that says something: a heading that names
# opt-out over a section that offers only access is no offer).
OFFERED_CHOICE = rx(
    r"\bopt(?:[- ]?out|ing out|s out|ed out)\b|\bunsubscrib\w*|\b(?:withdraw|revok|"
    r"chang)\w*\s+(?:\w+\s+){0,2}?consent\b|"
    r"\bconsent\b (?:\w+\s+){0,3}?(?:is|be|was|has been) (?:withdrawn|revoked)\b|"
    r"\b(?:option|choice) (?:of|to) (?:exclud\w*|not (?:to )?(?:be |have )?(?:included|listed|shared|"
    r"contacted))|"
    r"\b(?:privacy|account|cookie|browser|notification|communication|e-?mail|ad|ads|advertising|"
    r"marketing|device|profile)\s+(?:settings|preferences|controls|choices|options)\b|"
    r"\bmanage\s+(?:\w+\s+){0,2}?(?:preferences|settings|cookies|choices|consent)\b|"
    r"\b(?:disable|block|refuse|reject|delete|decline|turn off|remove)\w*\s+(?:\w+\s+){0,2}?cookies\b|"
    r"\bdo not sell my\b|\bstop (?:receiving|sending|us from)\b|"
    r"\bremove\w*\s+(?:\w+\s+){0,3}?from\s+(?:\w+\s+){0,3}?"
    r"lists?\b|\byour choices\b|\bright to object\b|\bobject to\b|\b(?:change|update|adjust|modify)\s+"
    r"(?:\w+\s+){0,2}?(?:settings|preferences|choices)\b|aboutads|youronlinechoices|networkadvertising|"
    r"\blimit ad tracking\b|\bad choices\b|\brequest that we (?:stop|not)\b|\bdecline (?:to receive|"
    r"cookies)\b|"
    r"\b(?:cease|stop|restrict)\w* (?:the )?(?:processing|using|use)\b|\bright to (?:object|restrict|opt)|"
    r"\bnot to have (?:\w+\s+){0,3}?(?:data|information) used\b"
)


def _offers_a_choice(doc: Document) -> bool:
    if "offers_a_choice" not in doc.memo:
        doc.memo["offers_a_choice"] = any(True for _ in doc.matches_in_evidence(OFFERED_CHOICE))
    return bool(doc.memo["offers_a_choice"])


@document_check
def no_choice_offered(doc: Document) -> bool:
    """No sentence, list item or table cell anywhere in the policy offers an opt-out, unsubscribe
    link, consent withdrawal, objection or privacy setting."""
    return not _offers_a_choice(doc)


@document_check
def choice_offered_elsewhere(doc: Document) -> bool:
    """The text is a whole policy that offers some opt-out, objection or setting somewhere."""
    return doc.is_whole_policy and _offers_a_choice(doc)


@unit_check
def features_only_where_choices_exist(view: View) -> bool:
    """In a whole policy, only some features need the data (or the policy calls the data required):
    a normal consequence, not a missing choice (the modern set's rulings). Withholding the whole
    service unless you give data stays a finding; so does any of it in a fragment."""
    needed = FEATURE_ONLY.of_unit(view) is True or NEEDED_DATA.search(view.low) is not None
    return needed and view.doc.is_policy


# Data the policy calls necessary for what was asked: "the information we require", "the requested
# service", "if that information is necessary to provide ...".
NEEDED_DATA = rx(r"\b(?:required|requested|needed|mandatory|we require|we need|essential)\b")



ASK_FOR_CONSENT = (
    "Ask for consent where it is needed (and let people refuse) instead of inferring it from use."
)

RULES: tuple[Rule, ...] = (
    # "we reserve the right to send you service announcements ... without offering you the
    # opportunity to opt out" (Yahoo), "you may not opt out of ...", "it is not possible to disable".
    Rule(
        risk=RISK_ID,
        name="opt_out_refused",
        pattern=(
            rf"\b{UNABLE}\s+(?:\w+\s+){{0,2}}?(?:opt[- ]?out|unsubscribe|withdraw|decline|refuse|object|"
            r"turn off|disable|switch off|stop|block)\b|"
            # "the only way to stop our emails is to close your account"
            r"\b(?:the|your|their) only (?:(?:way|means|option|choice) to (?:stop|avoid|opt out|unsubscribe|"
            r"refuse|turn off|end)|remedy|recourse|alternative|option|choice)\b[^.;]{0,100}?"
            r"\bis (?:to|by) (?:clos|delet|cancel|terminat|stop using|leav)\w*|"
            r"\bwithout (?:offering|giving|providing|allowing)\s+(?:you\s+)?(?:the|an|any)\s+(?:\w+\s+)?"
            r"(?:opportunity|option|ability|choice|right)\s+to\s+(?:opt[- ]?out|unsubscribe|decline|refuse|"
            r"object)|"
            r"\b(?:no|not an?|do not (?:offer|provide) an?y?)\s+(?:\w+\s+)?(?:option|way|ability|choice|"
            r"mechanism|means|"
            r"setting|control|switch|toggle|tool|button|link)\s+(?:that (?:lets|allows) you\s+|for "
            r"you\s+)?(?:to\s+)?"
            r"(?:opt[- ]?out|unsubscribe|decline|refuse|object|disable|stop|turn off|switch off|block|"
            r"withdraw|avoid)|"
            r"\b(?:opt[- ]?outs?|opting out|unsubscribing|withdrawing|refusing|declining|disabling|"
            r"turning (?:it |this |them )?off)\b[^.;]{0,60}?\b(?:is|are) not (?:available|possible|offered|"
            r"supported|an option)\b|"
            # the passive: "analytics cannot be switched off", "marketing calls cannot be declined"
            rf"\b(?:cannot|can't|can\u2019t|can not|may not|could not)\s+be\s+(?:\w+\s+)?(?:turned "
            r"off|switched off|disabled|declined|refused|deactivated|stopped|blocked|opted out of|avoided|"
            r"withdrawn)\b|"
            # "there is no mechanism for declining", "no option of opting out"
            r"\bno\s+(?:\w+\s+)?(?:option|way|ability|choice|mechanism|means|setting|control|tool)\s+(?:for|of)\s+"
            r"(?:you\s+|users\s+)?(?:opting out|declining|refusing|objecting|disabling|stopping|turning off|"
            r"switching off|blocking|withdrawing|unsubscribing)\b|"
            # "the app does not let users opt out of", "we do not allow you to refuse"
            r"\b(?:do|does|will) not (?:let|allow|permit|enable)\s+(?:you|users?|customers?|members?|"
            r"visitors?|people)\s+(?:to\s+)?(?:opt[- ]?out|unsubscribe|decline|refuse|object|disable|stop|"
            r"turn off|switch off|block|withdraw)|"
            r"\bno (?:choice|option|alternative) but to (?:accept|agree|consent|allow)\b|"
            # "we do not honour opt-out requests for advertising cookies"
            r"\b(?:do|does|will) not (?:honou?r|respect|act on|process)\b[^.;]{0,60}?\bopt[- ]?out (?:reque"
            r"sts?|"
            r"signals?|preferences|choices)\b|"
            r"\b(?:is|are) (?:mandatory|compulsory|obligatory)\b[^.;]{0,80}\b(?:marketing|advertis\w*|"
            r"promotional|calls|analytics|tracking|profiling)|"
            r"\b(?:marketing|advertis\w*|promotional|analytics|tracking|profiling)\b[^.;]{0,60}\b(?:is|are) "
            r"(?:mandatory|compulsory|obligatory)\b"
        ),
        severity="high",
        why="the policy says you cannot opt out",
        summary="it says you cannot opt out of some uses of your data",
        improve="Offer a way to opt out of this use (a setting or an unsubscribe link) and say where it is.",
        unless=(
            found(
                "cookie_choice_offered",
                r"\b(?:consent|preferences|settings)\b.{0,60}\b(?:withdraw|"
                r"change|manage)",
            ),
            # cookies the site cannot work without are no use to refuse (the modern set's rulings: a
            # feature's necessity is a normal consequence, not a missing choice)
            found(
                "necessary_cookies_only",
                r"\b(?:strictly necessary|essential|necessary|required|functional)\s+(?:\w+\s+)?cookies\b|"
                r"\bcookies\b[^.;]{0,60}\b(?:strictly necessary|essential for|necessary for|required for|"
                r"needed for)\b|\bcookies\b[^.;]{0,80}\b(?:not|n't) (?:work|function)\w* (?:properly )?with"
                r"out "
                r"(?:them|it|these)\b",
            ),
            # a security disclaimer is not a refused choice: "we cannot stop others' misuse"
            found(
                "not_a_practice",
                r"\b(?:misuse|unauthori[sz]ed|hackers?|others from|third parties from|"
                r"interception|breach)",
            ),
        ),
        ladder=(
            Step(
                "low",
                ESSENTIAL_ONLY,
                "it concerns routine service or account messages, which is common",
                "Say which service messages continue after an unsubscribe, and keep them free of marketing.",
            ),
            Step("high", CORE_USE, "the use that cannot be refused is marketing, advertising or tracking"),
            Step("medium", found("any", r"."), "a practice cannot be refused"),
        ),
        examples=(
            "We will send you promotional offers and you cannot opt out of receiving them.",
            "It is not possible to switch off the usage analytics built into the app.",
            "Giving a phone number is mandatory, and we will use it for marketing calls.",
            "There is no way to unsubscribe from the newsletter short of closing your account.",
            "Location tracking in the app cannot be turned off.",
            "The service does not allow members to refuse the analytics it runs.",
        ),
        counterexamples=(
            "You can opt out of marketing emails at any time by clicking the unsubscribe link.",
            "You may withdraw your consent at any time.",
            "Strictly necessary cookies cannot be switched off, because the site needs them to work.",
        ),
    ),
    # "even if you unsubscribe, we will still send you emails about your account" (Overleaf-, Grindr-
    # style policies; the modern set labels these low).
    Rule(
        risk=RISK_ID,
        name="messages_after_opt_out",
        pattern=(
            r"\b(?:even (?:if|after|when) (?:you )?(?:\w+\s+){0,4}?(?:unsubscrib|opt\w*|choose)|after you ("
            r"?:have "
            r")?"
            r"(?:unsubscrib|opt)|if you (?:unsubscrib|opt[- ]?out)|opting out (?:of \w+ (?:\w+ )?)?(?:does "
            r"not|will not|doesn't|won't))"
            r"[^.;]{0,160}?\b(?:still|continue|may send|will send|not affect|mean|go on|keep (?:on )?receiv"
            r")\w*|"
            r"\b(?:will|may) (?:still |continue to )(?:receive|send|get)\b[^.;]{0,80}?\b(?:non-promotional|"
            r"transaction\w*|"
            r"service|account|administrative)|"
            # "we keep sending offers even after you unsubscribe"
            r"\b(?:keep|continue|still)\w*\s+(?:to\s+)?(?:send|sending|email|emailing|contact|contacting|"
            r"show|showing)\b"
            r"[^.;]{0,80}?\b(?:after|if|when|once) you (?:have )?(?:unsubscrib|opt)\w*"
        ),
        severity="medium",
        why="messages go on after you unsubscribe",
        summary="messages keep coming after you unsubscribe",
        improve="Stop all marketing when people unsubscribe; say which service messages continue.",
        ladder=(
            Step(
                "low",
                ESSENTIAL_ONLY,
                "they are routine service or account messages, which is common",
                "Say which service messages continue after an unsubscribe, and keep them free of marketing.",
                "service messages keep coming after you unsubscribe",
            ),
            Step("high", CORE_USE, "marketing goes on although you unsubscribed"),
        ),
        examples=(
            "Even if you unsubscribe from our newsletter, we may still email you about your orders.",
            "You will continue to receive non-promotional messages about your account after you opt out.",
        ),
        counterexamples=("You can unsubscribe from our newsletter, and we will then stop emailing you.",),
        # (examples of the marketing rung:)
    ),
    # "If you do not agree with this Privacy Policy, please do not use our sites" (OPP-115 "Don't use
    # service/feature" choices).
    Rule(
        risk=RISK_ID,
        name="take_it_or_leave_it",
        pattern=REFUSE_AGREEMENT + "|" + REFUSE_DATA,
        severity="medium",
        why="if you do not accept, your only option is not to use the service",
        summary="if you do not accept its terms, your only option is not to use the service",
        improve="Let people refuse specific uses (settings, opt-outs) instead of telling them to leave.",
        requires=(told_to_leave,),
        unless=(OFFER_HERE, found("updates_clause", CHANGES)),
        ladder=(Step("low", FEATURE_ONLY, "only some features are lost"),),
        examples=(
            "If you do not agree with this policy, please do not use our website.",
            "Should you not agree with this notice, please leave the site.",
            "If you disagree with these practices, you should stop using Acme's services.",
        ),
        counterexamples=(
            "Should you wish to leave the site, you may do so at any time.",
            "If you do not want to receive newsletters, change the email preferences in your account "
            "settings.",
            "If you do not agree to the update, you should alter your preferences or stop using the app.",
        ),
    ),
    # "If you choose not to give us your card details, we cannot process your order": a feature needs
    # the data. Reported at low; in a whole policy that offers choices elsewhere, a normal consequence.
    Rule(
        risk=RISK_ID,
        name="feature_needs_data",
        pattern=REFUSE_DATA,
        severity="low",
        why="refusing the data costs you the feature that needs it",
        summary="refusing to give data costs you features or the service",
        improve="Say which data each feature needs, and keep the rest of the service usable without it.",
        requires=(feature_is_lost,),
        unless=(OFFER_HERE, features_only_where_choices_exist),
        ladder=(
            Step("low", FEATURE_ONLY, "only some features are lost"),
            Step("medium", found("any", r"."), "the whole service is lost"),
        ),
        examples=(
            "If you do not provide your email address, you will not be able to open an account.",
            "You may decline to give us your phone number, but then you will not be able to use some "
            "features.",
        ),
        counterexamples=(
            "If you disable cookies, some features of the site may not work properly.",
            "If you do not meet the minimum age, you must not use the service.",
            "We may not be able to respond to your request if you do not provide enough detail.",
        ),
    ),
    # "before using the site, each user has to fill in the sign-up form" (OPP-115 style).
    Rule(
        risk=RISK_ID,
        name="required_to_use",
        pattern=(
            r"\b(?:in order to|to)\s+(?:use|access|visit)\s+(?:\w+,?\s+){0,4}?(?:you|a user|users|"
            r"visitors)\s+"
            r"(?:must|are required to|will be required to|need to|have to)\s+(?:first\s+)?(?:register|"
            r"complete|"
            r"provide|submit|create|give|agree|consent|accept)\b"
        ),
        severity="medium",
        why="giving the data is a condition of using the service",
        summary="giving data is a condition of using the service",
        improve="Say which data is optional, and let people use the service without the rest.",
        unless=(choice_offered_elsewhere,),
        ladder=(Step("low", FEATURE_ONLY, "only some features are lost"),),
        examples=("To use the service, you must first register and provide your email address.",),
        counterexamples=("To use the service, you can sign in with an email address or a phone number.",),
    ),
    # "By using our Services, you agree to this Privacy Policy"; "by continuing to browse you consent to
    # our use of cookies" (OPP-115 "Don't use service", cookie-wall banners, current policies).
    Rule(
        risk=RISK_ID,
        name="consent_by_use",
        pattern=BY_USE,
        severity="medium",
        why="using the service is treated as consent to how your data is handled",
        summary="simply using the service counts as agreeing to how your data is handled",
        improve=ASK_FOR_CONSENT,
        requires=(act_of_use_then_consent,),
        unless=(NOT_DATA_CONSENT, OFFER_NEARBY, accepts_changed_policy, CHANGES_SECTION, OPTIONAL_FEATURE),
        ladder=(Step("high", found("tracking", TRACKING), "the use consented to by browsing is tracking"),),
        examples=(
            "By using our app, you agree to the collection and use of your data described here.",
            "By accessing our website, you agree to this Privacy Policy.",
            "By continuing to browse this site, you consent to our use of tracking cookies.",
        ),
        counterexamples=(
            "By providing your personal details, you agree that we may transfer them to our partners.",
            "By using the service you agree to resolve any dispute by binding arbitration.",
            "By using the service you acknowledge that you have read this privacy notice.",
        ),
    ),
    Rule(
        risk=RISK_ID,
        name="consent_by_use",
        pattern=CONTINUED_USE.pattern + "|" + CONSENT_THEN_USE,
        severity="medium",
        why="using the service is treated as consent to how your data is handled",
        summary="simply using the service counts as agreeing to how your data is handled",
        improve=ASK_FOR_CONSENT,
        unless=(NOT_DATA_CONSENT, OFFER_NEARBY, accepts_changed_policy, CHANGES_SECTION),
        ladder=(Step("high", found("tracking", TRACKING), "the use consented to by browsing is tracking"),),
        examples=(
            "Your continued use of the app constitutes your consent to the collection of your usage data.",
            "You give your consent to our processing of your data when you access our platform.",
        ),
        counterexamples=(
            "Your continued use of the site after we post changes constitutes acceptance of the revised "
            "policy.",
        ),
    ),
    # The policy describes marketing, sharing or tracking, and offers no way to refuse it anywhere.
    Rule(
        risk=RISK_ID,
        name="no_opt_out_offered",
        pattern=USE_DESCRIPTION,
        severity="high",
        why="this sentence describes marketing, sharing or tracking, and no opt-out, unsubscribe link, "
        "consent withdrawal or privacy setting was found anywhere in the policy",
        summary="it describes marketing, sharing or tracking but offers no way to opt out, unsubscribe or "
        "withdraw consent",
        improve="Offer an unsubscribe link and a setting or contact address to refuse marketing, sharing "
        "and tracking.",
        requires=(USE_VERB, no_choice_offered),
        unless=(NEGATED_USE, COMPELLED_DISCLOSURE),
        scope="policy",
        rank=1,
        max_quotes=3,
        examples=(
            "Privacy Policy. We collect your name and email address when you sign up. We send you "
            "newsletters "
            "and offers about our products. Our advertising partners place cookies to show you targeted ads.",
        ),
        counterexamples=(
            "Privacy Policy. We collect your name and email address when you sign up. We send you "
            "newsletters "
            "about our products. You can unsubscribe from them at any time with the link in each email.",
        ),
    ),
    # --- good practices -------------------------------------------------------------------------
    Rule(
        risk=RISK_ID,
        name="opt_out_offered",
        pattern=(
            r"\b(?:you (?:can|may|are able to)|to)\s+(?:\w+\s+){0,3}?(?:opt[- ]?out|unsubscribe|withdraw "
            r"(?:your )?consent|"
            r"object to)\b|\bunsubscribe link\b|\bdo not sell (?:or share )?my\b"
        ),
        severity="none",
        why="a way to refuse is offered",
        summary="offer a way to opt out",
        improve="",
        unless=(
            found(
                "negated_offer",
                r"\b(?:cannot|can't|can\u2019t|may not|will not be able|not able|unable|not possible|no way|"
                r"not "
                r"permitted|"
                r"not allowed|only way)\b",
            ),
        ),
        polarity="good",
        examples=("You can opt out of marketing emails at any time by clicking the unsubscribe link.",),
        counterexamples=("You cannot opt out of these messages.",),
    ),
)


def detect(doc: Document) -> RiskFinding:
    """The finding of this risk on ``doc``."""
    return detect_rules(SPEC, RULES, doc)
