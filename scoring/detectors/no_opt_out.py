"""Risk ``no_opt_out``: the user cannot say no, stated outright or (policy-level) by omission."""

from __future__ import annotations

import re

from scoring._models import RiskFinding, Severity
from scoring._sentences import Sentence
from scoring.detectors._common import (
    SEVERITY_RANK,
    Anchors,
    Document,
    Hit,
    finding,
    rule,
    rx,
)

RISK_ID = "no_opt_out"
TITLE = "No way to opt out"

# Keywords per family: a sentence is tried against a family's regexes only if it holds one of these
# (each alternative of those regexes contains at least one). A keyword matches a word prefix.
ANCHORS = Anchors(
    {
        "opt_out_refused": ("opt", "unsubscrib", "withdraw", "declin", "refus", "object", "turn off"),
        # the consequence half of "if you do not agree ... do not use the site"
        "take_it_or_leave_it": (
            "do not", "don't", "should not", "shouldn't", "must not", "please not", "refrain", "discontinu",
            "cease", "stop", "exit", "leave", "log off", "able to", "unable", "cannot", "can't", "can not",
            "could not", "possible", "prevent", "limit", "restrict", "keep you", "function", "work",
            "operate", "required", "needed", "necessary",
        ),
        # ... and its condition half
        "refusal_condition": (
            "if you", "unless you", "you may", "you can", "you are free", "you could", "you do not have",
            "you don't have", "you are not", "without", "if such", "if the", "if this", "if that",
            "if these", "request", "ask", "should you",
        ),
        "required_to_use": ("must", "required to", "need to", "have to"),
        # "by using ..., you agree": the act of use, then the consent word
        "act_of_use": (
            "using", "accessing", "visiting", "browsing", "continuing", "interacting", "installing",
            "downloading", "registering", "submit", "making", "providing", "clicking", "navigating",
            "entering", "signing", "creating", "engaging", "participating", "remaining", "you use",
            "you access", "you visit", "you register", "you download", "you submit", "you continue",
            # the scan does not overlap keywords: "if you" (a refusal condition) would hide "you use"
            "if you use", "if you access", "if you visit", "if you register", "if you download",
            "if you submit", "if you continue",
        ),
        "consent_by_use": (
            "agree", "consent", "accept", "acknowledg", "signif", "indicat", "expressly", "authori",
            "assent", "give", "assume",
        ),
        "continued_use": (
            "continued use", "continued access", "continuing use", "continuing access", "further use",
            "further access", "subsequent use", "subsequent access", "your use of",
        ),
        # policy-level rule: uses worth refusing, and any offered way to refuse them
        "use": (
            "marketing", "advertis", "promotional", "newsletter", "cookies", "web beacon", "pixel tag",
            "tracking", "analytics", "third part", "third-part",
        ),
        "offer": (
            "opt", "unsubscrib", "withdraw", "revok", "chang", "consent", "settings", "preferences",
            "controls", "choices", "options", "manage", "cookies", "do not sell my", "stop", "remov",
            "list", "right to", "object", "aboutads", "youronlinechoices", "networkadvertising",
            "limit ad tracking", "ad choices", "request that we", "declin", "cease", "restrict",
            "not to have", "updat", "adjust", "modif", "disabl", "block", "refus", "reject", "delet",
            "turn off",
        ),
    }
)
#: Families of the stated rules (the others serve the policy-level rule).
STATED_FAMILIES = frozenset(
    {"opt_out_refused", "take_it_or_leave_it", "required_to_use", "consent_by_use", "continued_use"}
)

# --- stated forms -----------------------------------------------------------------------------------

# "If you do not agree to this Privacy Policy, please do not use our sites" (OPP-115 "Don't use
# service/feature" choices): a refusal condition plus "do not use / leave / you will not be able to".
REFUSAL_CONDITION = rx(
    # "if you do not agree / want / provide ...": what is refused must be consent or data, not any act
    # ("if you do not meet the age requirement", "if you do not adopt an e-signature" are not refusals)
    r"\bif you\s+(?:\w+\s+){0,2}?(?:(?:do not|don't|do n't|did not|cannot|can't|can not|choose not to|"
    r"prefer not to|elect not to|wish not to|are unwilling to|are not willing to)\s+(?:\w+\s+){0,2}?"
    r"(?:agree|accept|consent|want|wish|like|provide|allow|permit|give|share|submit|supply|disclose|enter|"
    r"authori[sz]e|enable|grant|furnish|register|opt|turn on|complete|connect|link)|disagree|decline|"
    r"object|refuse|withdraw|disable|block|reject|turn off|opt out|deny)\b|"
    r"\bunless you (?:agree|accept|consent)\b|"
    r"\bshould you\s+(?:not\s+(?:\w+\s+)?(?:agree|accept|consent|want|wish)|disagree|object|decline|"
    r"refuse)\b|"
    r"\byou (?:may|can|are free to|could)(?:,? of course,)?\s+(?:always\s+)?(?:choose|decide|elect|decline|"
    r"refuse|opt|prefer)\s+(?:not\s+)?to\s+(?:not\s+)?(?:provide|give|submit|share|supply|disclose|allow)|"
    r"\byou (?:do not|don't) have to (?:provide|give|share|submit|allow)|"
    r"\byou are not (?:obliged|required|obligated) to (?:provide|give|share)|"
    r"\bwithout (?:it|them|(?:this|that|such|these|the (?:required|requested|necessary)) (?:information|data|"
    r"details|personal))\b|"
    r"\bwithout your (?:consent|permission|agreement)|"
    r"\bif (?:such|the|this|that|these)\s+(?:\w+\s+){0,3}?(?:is|are) not provided\b|"
    # "asking us to stop processing your data means you can no longer use the Services"; a request to
    # DELETE is not a refusal: losing access to deleted data or a closed account is its consequence
    r"\b(?:request|ask)\w*\s+(?:us\s+)?(?:\w+\s+){0,3}?(?:to\s+)?(?:stop|restrict)\w*"
)
# The consequence: you are told to leave ...
LEAVE_SERVICE = rx(
    r"\b(?:do not|don't|should not|shouldn't|must not|please not|refrain from|discontinue|"
    r"cease|stop|exit|leave|log off)\s+(?:\w+\s+){0,3}?(?:use|using|access|accessing|visit|"
    r"visiting|participate|participating|submit|connect|install|engage|download|register|continue|"
    r"make any use|the site|the service)\b|\blog off immediately\b"
)
# ... or that saying no costs you the service or features.
LOSE_SERVICE = rx(
    r"\b(?:(?:not|no longer)\s+(?:be\s+)?able\s+to|unable\s+to)\s+(?:\w+\s+){0,4}?(?:use|access|participate|"
    r"take advantage|engage|provide|deliver|register|complete|purchase|enjoy|receive|gain|create|offer|"
    r"sign|log|order|benefit|open)\w*|"
    r"\b(?:cannot|can't|can not|could not)\s+(?:\w+\s+){0,2}?(?:provide|offer|use|access|deliver|register|"
    r"serve|fulfil|create)\w*|"
    # "we may not be able to process your order"; not "... to process your request" (a rights request)
    r"\b(?:not\s+(?:be\s+)?able\s+to|unable\s+to|cannot|can't|can not|could not)\s+process\s+(?:your\s+)?"
    r"(?:\w+\s+)?(?:orders?|purchases?|payments?|transactions?|registration|applications?|subscriptions?)\b|"
    r"\bnot (?:be )?possible (?:for us )?to (?:provide|use|offer|deliver|access)|"
    r"\b(?:stop|prevent|limit|restrict|keep)\w*\s+you\s+from\b|\blimit\w*\s+(?:\w+\s+){0,2}?features\b|"
    r"\bmay not (?:function|work|operate)|\bnot (?:function|work) (?:properly|correctly|as intended)|"
    # "you may decline to give us this data, though it may be required to place an order" (OPP-115 style)
    r"\b(?:required|needed|necessary)\s+(?:in order\s+)?(?:to|for)\s+(?:\w+\s+){0,2}?(?:use|access|purchase|"
    r"take advantage|register|participate|order|buy|make a purchase)"
)
# Turning off cookies, JavaScript or Flash in the browser is itself an opt-out the user controls;
# "if you disable cookies some features may not work" describes its cost, not a refusal (OPP-115
# labels these as browser-control choices). Only "... or do not use this site" still counts.
BROWSER_CONTROL = rx(
    r"\b(?:cookies?|javascript|flash|browser|web beacons?|local storage|pixels?|tracking technolog\w*|"
    r"location (?:services|settings|permissions?)|ad[- ]?blockers?)\b"
)
# An opt-out offered in the same sentence ("if you prefer not to receive e-mail, click here").
OFFER_HERE = rx(
    r"\bopt(?:[- ]?out|ing out)\b|\bunsubscrib\w*|\bclick here\b|\b(?:adjust|alter|change|update|manage)\s+"
    r"(?:\w+\s+){0,2}?(?:preferences|settings)\b|\bsettings\b|\bcontact(?:ing)? us\b|\blet us know\b|"
    r"\b(?:e-?mail|write to|call|notify) us\b|\byou may do so\b|\b(?:withdraw|revoke) (?:your )?consent\b"
)
# Consent to things that are not data practices: ideas sent in, disclaimers of responsibility, and the
# contract terms of a terms-of-service page (arbitration, governing law, licences of submitted work,
# fees, age limits, the policies of other sites). ToS;DR quotes of these are never no-opt-out cases.
NOT_DATA_CONSENT = rx(
    r"\b(?:ideas?|suggestions?|feedback|not responsible|own risk|opportunity to opt|arbitration|"
    r"governed? by|govern|laws of|jurisdiction|licen[cs]e|fees?|pay|liab\w*|damages|disputes?|"
    r"official rules|years of age|years old|external (?:web)?sites?|third[- ]party (?:web)?sites?)\b"
)
# Whole service lost (medium) versus some features lost (low).
FEATURE_ONLY = rx(
    r"\b(?:some|certain|parts? of|portions? of|all of|many of|particular|those|these|such|specific|"
    r"some or all|that)\s+(?:\w+\s+){0,2}?(?:features?|functions?|functionality|services?|products?|"
    r"portions?|parts?|areas?|activit(?:y|ies)|content|offers?|pages?)\b|\bthat (?:activity|feature)\b"
)

# "By using our Services, you agree to this Privacy Policy"; "by continuing to browse you consent to
# our use of cookies" (OPP-115 "Don't use service" / cookie-wall banners).
BY_USE = rx(
    r"\b(?:by|when you|if you)\s+(?:\w+\s+){0,2}?(?P<act>using|accessing|visiting|browsing|continuing|"
    r"interacting|installing|downloading|registering|submitting|making|providing|clicking|navigating|"
    r"entering|signing|creating|engaging|participating|remaining|submit|use|access|visit|register|"
    r"download|continue)\b"
)
# Acts that are not using the service: handing over a piece of data ("by providing your personal data
# you agree to its transfer": the choice is not to provide it) or clicking an accept button (explicit
# consent, the banner's other button refuses). "Submitting a request for a quote" is a use.
DATA_ACT = rx(
    r"(?:providing|submitting|submit|entering)\s+(?:us\s+)?(?:with\s+)?(?:\w+\s+){0,3}?(?:information|data|"
    r"details|pd|pii|content|text|consent|materials?|comments?|reviews?|addresse?s?|numbers?)\b|clicking\b"
)
# ... unless an act of use is joined to it: "by clicking Accept or using our site, you consent".
JOINED_USE = rx(
    r"\b(?:or|and|and/or)\s+(?:by\s+)?(?:otherwise\s+)?(?:continuing to (?:use|browse|access|visit)|using|"
    r"accessing|visiting|browsing|continuing|interacting|navigating|downloading|installing)\b"
)
CONSENT_VERB = rx(
    r"\byou\s+(?:\w+\s+){0,3}?(?:(?:agree|consent|accept|signify|indicate|are accepting|are consenting|"
    r"are agreeing|authori[sz]e|assent)\w*|"
    # "you acknowledge that you have read this policy" is a notice, unless it goes on to "and agree"
    r"acknowledge[sd]?\b(?!\s+(?:that\s+)?(?:you\s+)?(?:have\s+)?(?:read|understood|understand|are aware)\b"
    r"(?![^.;]{0,40}\b(?:agree|accept|consent))))|"
    # "if you continue to use this site we will assume that you are happy with it" (cookie banners)
    r"\bwe(?:'ll| will)? assume (?:that )?you(?:'re| are)? (?:happy|ok|okay|fine|agree|consent|accept)\w*|"
    # "you give us explicit consent"; not "you can give us your zip code"
    r"\byou\s+(?:\w+\s+){0,2}?give\s+(?:us\s+)?(?:\w+\s+){0,2}?(?:consent|permission|authori[sz]ation)\b|"
    r"\b(?:constitutes?|signif(?:y|ies)|indicates?|means|deemed)\b.{0,40}?\b(?:consent|acceptance|"
    r"agreement|assent|accept|agree)"
)
# Severity of consent by use: tracking (high), a named data practice (medium), or only "you agree
# to this policy" (low: boilerplate in most policies, though still no way to say no).
DATA_PRACTICE = rx(
    r"\b(?:collect(?:s|ed|ing|ion)?|shar\w*|disclos\w*|transfer\w*|process\w*|sell\w*|sale|stor\w*|"
    r"use of (?:your )?(?:\w+ )?(?:data|information)|"
    r"receive (?:\w+ )?(?:e-?mails?|communications|messages|materials))\b"
)
TRACKING = rx(r"\b(?:cookies?|track\w*|beacons?|pixels?|monitor\w*)\b")
# Consent by use to where data is stored ("by using the Services you consent to the transfer of your
# information to the United States") is about location, not a use one could refuse; the sources label
# it as an international-audience notice, never as a missing choice.
INTERNATIONAL = rx(
    r"\b(?:countr(?:y|ies)|jurisdictions?|united states|u\.s\.|abroad|overseas|cross-border|"
    r"international(?:ly)?|outside (?:of )?(?:your|the) )"
)
SELLING_OR_MARKETING = rx(r"\b(?:sell\w*|sale|marketing|advertis\w*|promotional)\b")
# Accepting a CHANGED policy by using the service is how policy updates take effect (OPP-115 "Policy
# Change"), not a refusal of an opt-out; it counts only when it names a data practice or tracking.
CHANGES = rx(r"\b(?:chang\w*|revis\w*|amend\w*|modif\w*|updated?s?|new (?:version|terms))\b")
# "Your continued use of the Services constitutes your consent to this policy": use as consent, without
# "by" (OPP-115 "Don't use service"); the same scope checks as BY_USE apply.
CONTINUED_USE = rx(
    r"\b(?:continued|continuing|further|subsequent)\s+(?:use|access)\b.{0,160}?\b(?:constitut|signif|deemed|"
    r"means|indicat|accept|agree|consent|bound)\w*|"
    r"\byour use of\b.{0,80}?\b(?:constitut|signif|indicat)\w*\s+(?:\w+\s+){0,2}?(?:consent|acceptance|"
    r"agreement|assent)"
)
#: How far after an act of providing data an act of use may be joined to it ("or using our site").
JOIN_WINDOW = 160
# "In order to use this Web site, a user must first complete the registration form": the data is the
# price of entry (OPP-115 "Don't use service/feature").
REQUIRED_TO_USE = rx(
    r"\b(?:in order to|to)\s+(?:use|access|visit)\s+(?:\w+,?\s+){0,4}?(?:you|a user|users|"
    r"visitors)\s+(?:must|"
    r"are required to|will be required to|need to|have to)\s+(?:first\s+)?(?:register|complete|provide|"
    r"submit|create|give|agree|consent|accept)\b"
)

#: Stated refusals of an opt-out: "we reserve the right to send you service announcements ...
#: without offering you the opportunity to opt out" (Yahoo), "you may not opt out of ...".
STATED_RULES = (
    rule(
        "opt_out_refused",
        r"\b(?:cannot|can't|can not|may not|will not be able to|are not able to|are unable to|"
        r"won't be able to|"
        r"not be able to|not (?:be )?(?:possible|permitted|allowed) to)\s+(?:\w+\s+){0,2}?(?:opt[- ]?out|"
        r"unsubscribe|withdraw|decline|refuse|object|turn off)\b|"
        r"\bwithout (?:offering|giving|providing|allowing)\s+(?:you\s+)?(?:the|an|any)\s+(?:\w+\s+)?"
        r"(?:opportunity|option|ability|choice|right)\s+to\s+(?:opt[- ]?out|unsubscribe|decline|refuse|"
        r"object)|"
        r"\b(?:no|not an?)\s+(?:\w+\s+)?(?:option|way|ability|choice|mechanism|means)\s+to\s+(?:opt[- ]?out|"
        r"unsubscribe|decline|refuse|object)|\bopt[- ]?outs? (?:is|are) not (?:available|possible|offered)",
        "high",
        "the policy says you cannot opt out",
    ),
    # Not a rule: "we do not respond to Do Not Track signals". Nearly every US policy says it, there is
    # no agreed meaning for the signal, and none of the corpus sources labels it a missing opt-out.
)
# Routine service messages: refusing an opt-out from these alone is expected and low severity.
ESSENTIAL_NOTICES = rx(
    r"\b(?:essential|service|transactional|administrative|account|operational|legal|security|relationship|"
    r"important|non-promotional|service-related|billing)\b.{0,40}?\b(?:notices?|messages?|communications?|"
    r"e-?mails?|announcements?|notifications?|updates?|alerts?)\b"
)

# --- absent form (policy-level) ---------------------------------------------------------------------

# A use that a person would want to refuse: marketing, advertising, tracking, selling or sharing
# with third parties (the practice categories OPP-115 pairs with "User Choice/Control").
# Cookies, beacons and pixels alone are not such a use ("we use cookies to remember your preferences"
# is how a site works): they count only with one of the purposes named here.
USE_DESCRIPTION = rx(
    r"\b(?:marketing|advertis\w+|promotional|newsletters?|tracking|analytics)\b|"
    r"\b(?:share|sell|rent|disclose|trade)\w*\b.{0,80}?\bthird[- ]part(?:y|ies)\b|"
    r"\bthird[- ]part(?:y|ies)\b.{0,80}?\b(?:share|sell|rent|disclose|advertis|market)\w*"
)
# ... and it must say that something is done with data, not merely name a product ("newsletters";
# "Services" is a name, "serve ads" a verb).
USE_VERB = rx(
    r"\b(?:use[sd]?|using|shar\w*|sell\w*|sold|rent\w*|disclos\w*|send\w*|sent|track\w*|serv(?:e|es|ed|ing)|show\w*|"
    r"deliver\w*|personali[sz]\w*|target\w*|plac\w*|set|sets|collect\w*|combin\w*|provid\w*|allow\w*|"
    r"permit\w*|work with|partner\w*|receiv\w*|measur\w*|analy[sz]\w*)\b"
)
# A disclosure on legal or corporate grounds ("to law enforcement or other third parties when we
# believe it necessary", "to a buyer in a merger") is broad_disclosure's subject: no opt-out could
# refuse it, so it is not a use whose missing opt-out this rule reports.
COMPELLED_DISCLOSURE = rx(
    r"\b(?:law enforcement|police|government\w*|authorit(?:y|ies)|courts?|subpoenas?|legal process|"
    r"required by law|comply with (?:the |any |applicable )?law|merger|acquisition|bankruptcy|successor)\b"
)
# Sentences that say a use does NOT happen are not uses ("We do not sell your data to third parties").
NEGATED_USE = rx(r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\b|\bnever\b|\bno (?:third|personal)")
# Any way to say no, anywhere in the policy.
OFFERED_CHOICE = rx(
    r"\bopt(?:[- ]?out|ing out|s out|ed out)\b|\bunsubscrib\w*|\b(?:withdraw|revok|"
    r"chang)\w*\s+(?:\w+\s+){0,2}?"
    r"consent\b|"
    # the passive: "if your consent to processing is withdrawn"
    r"\bconsent\b (?:\w+\s+){0,3}?(?:is|be|was|has been) (?:withdrawn|"
    r"revoked)\b|"
    # an opt-out by another name: "students have the option of excluding their data from the directory"
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
#: The absent rule quotes at most this many use sentences.
ABSENT_EVIDENCE = 3
ABSENT_SEVERITY: Severity = "medium"

SUMMARY_STATED = "The policy leaves you no real choice: {what}."
SUMMARY_ABSENT = (
    "The policy describes marketing, sharing or tracking but offers no way to opt out, unsubscribe or "
    "withdraw consent."
)
CLEAN_SUMMARY = "No clause was found denying you a way to opt out."
WHAT: dict[str, str] = {
    "take_it_or_leave_it": "if you do not accept its terms, your only option is not to use the service",
    "consent_by_use": "simply using the service counts as agreeing to how your data is handled",
    "opt_out_refused": "it says you cannot opt out of some uses of your data",
}


def _stated(original: str, sentence_text: str, families: set[str]) -> tuple[str, Severity, str] | None:
    """The stated no-opt-out rule matching one sentence, if any: (rule, severity, explanation).

    ``sentence_text`` is lower-cased (patterns are lower case); quotes in the explanation are cut
    from ``original`` at the same offsets.
    """
    severity: Severity

    def quote(match: re.Match[str]) -> str:
        return original[match.start() : match.end()]

    for candidate in STATED_RULES:
        if candidate.name not in families:
            continue
        found = candidate.regex.search(sentence_text)
        if found:
            severity = candidate.severity
            note = f'matched "{quote(found)}": {candidate.why}'
            if candidate.name == "opt_out_refused" and ESSENTIAL_NOTICES.search(sentence_text):
                severity = "low"
                note += "; it concerns routine service or account messages, which is common"
            return candidate.name, severity, note
    both = {"take_it_or_leave_it", "refusal_condition"} <= families
    condition = REFUSAL_CONDITION.search(sentence_text) if both else None
    if condition and not OFFER_HERE.search(sentence_text):
        browser = BROWSER_CONTROL.search(sentence_text) is not None
        patterns = (LEAVE_SERVICE,) if browser else (LEAVE_SERVICE, LOSE_SERVICE)
        loss = _apart_from(condition, sentence_text, patterns)
        if loss:
            severity = "low" if FEATURE_ONLY.search(sentence_text) else "medium"
            scope = "some features" if severity == "low" else "the service"
            return (
                "take_it_or_leave_it",
                severity,
                f'matched "{quote(condition)}" with "{quote(loss)}": refusing costs you {scope}, '
                "so the only way to say no is not to use it",
            )
    required = REQUIRED_TO_USE.search(sentence_text) if "required_to_use" in families else None
    if required:
        severity = "low" if FEATURE_ONLY.search(sentence_text) else "medium"
        return (
            "take_it_or_leave_it",
            severity,
            f'matched "{quote(required)}": giving the data is a condition of using the service',
        )
    consented = _consent_by_use(sentence_text, families)
    if consented is None or NOT_DATA_CONSENT.search(sentence_text) or OFFER_HERE.search(sentence_text):
        return None
    tracked = TRACKING.search(sentence_text) is not None
    practice = DATA_PRACTICE.search(sentence_text) is not None
    if not (tracked or practice) and CHANGES.search(sentence_text):
        return None  # accepting a changed policy by using the service: how updates take effect
    if not tracked and INTERNATIONAL.search(sentence_text) and not SELLING_OR_MARKETING.search(sentence_text):
        return None  # consent to where the data is stored, not to a use one could refuse
    severity = "high" if tracked else ("medium" if practice else "low")
    what = " to tracking" if tracked else (" to how your data is used" if practice else " to the policy")
    act, consent = consented
    cited = f'"{quote(act)}" with "{quote(consent)}"' if consent else f'"{quote(act)[:80]}"'
    return (
        "consent_by_use",
        severity,
        f"matched {cited}: using the service is treated as consent{what}",
    )


def _consent_by_use(
    text: str, families: set[str]
) -> tuple[re.Match[str], re.Match[str] | None] | None:
    """An act of USING the service followed by a consent verb, or "continued use constitutes ..."."""
    if {"consent_by_use", "act_of_use"} <= families:
        consent: re.Match[str] | None = None
        for act in BY_USE.finditer(text):
            handed_over = DATA_ACT.match(text, act.start("act")) is not None
            if handed_over and not JOINED_USE.search(text, act.end(), act.end() + JOIN_WINDOW):
                continue  # "by providing your data you consent": the choice is not to provide it
            if consent is None or consent.start() < act.end():
                consent = CONSENT_VERB.search(text, act.end())
            if consent is None:
                break
            return act, consent
    if "continued_use" in families:
        continued = CONTINUED_USE.search(text)
        if continued:
            return continued, None
    return None


def _apart_from(
    condition: re.Match[str], text: str, patterns: tuple[re.Pattern[str], ...]
) -> re.Match[str] | None:
    """The first consequence match that does not overlap the condition ("don't use" is not both)."""
    for pattern in patterns:
        after = _users_consequence(pattern, text, condition.end(), len(text))
        if after:
            return after
        before = _users_consequence(pattern, text, 0, condition.start())
        if before:
            return before
    return None


# "you may ask us to stop using your data": the company stopping is the user's right, not a cost.
COMPANY_SUBJECT = rx(r"\b(?:us|we|company)\s+(?:to\s+|will\s+|may\s+|would\s+|shall\s+)?$")


def _users_consequence(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The first match in ``text[start:end]``; for LEAVE_SERVICE, not one the company does ("us to stop")."""
    for found in pattern.finditer(text, start, end):
        if pattern is not LEAVE_SERVICE or not COMPANY_SUBJECT.search(
            text, max(0, found.start() - 16), found.start()
        ):
            return found
    return None


def detect(doc: Document) -> RiskFinding:
    """Find stated refusals of an opt-out, and (whole policies only) uses with no opt-out anywhere."""
    hits: list[Hit] = []
    uses: list[Sentence] = []
    offered = False
    rules_seen: list[str] = []
    for _, sentence, low, families in ANCHORS.candidate_sentences(doc):
        stated = _stated(sentence.text, low, families) if families & STATED_FAMILIES else None
        if stated:
            name, severity, note = stated
            hits.append(Hit(sentence, name, severity, f"Rule {name} {note}."))
            if name not in rules_seen:
                rules_seen.append(name)
            continue
        if not doc.is_whole_policy:
            continue
        if not offered and "offer" in families and OFFERED_CHOICE.search(low):
            offered = True
        elif (
            "use" in families
            and len(uses) < ABSENT_EVIDENCE
            and USE_DESCRIPTION.search(low)
            and USE_VERB.search(low)
            and not NEGATED_USE.search(low)
            and not COMPELLED_DISCLOSURE.search(low)
        ):
            uses.append(sentence)
    if doc.is_whole_policy and not offered and uses:
        hits.extend(
            Hit(
                sentence,
                "no_opt_out_offered",
                ABSENT_SEVERITY,
                "Rule no_opt_out_offered: this sentence describes marketing, sharing or tracking, and no "
                "opt-out, unsubscribe link, consent withdrawal or privacy setting was found anywhere in "
                "the policy.",
                rank=1,
            )
            for sentence in uses
        )
    if not hits:
        return finding(RISK_ID, TITLE, [], "", CLEAN_SUMMARY)
    if rules_seen:
        strongest_rule = max(
            (h for h in hits if h.rule in WHAT), key=lambda h: SEVERITY_RANK[h.severity]
        ).rule
        summary = SUMMARY_STATED.format(what=WHAT[strongest_rule])
    else:
        summary = SUMMARY_ABSENT
    return finding(RISK_ID, TITLE, hits, summary, CLEAN_SUMMARY)
