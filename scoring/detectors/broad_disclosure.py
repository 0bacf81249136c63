"""Risk ``broad_disclosure``: data may be handed over on broad grounds the company judges itself.

Severity ladder (issue 8, checked against the modern set's labels): **high** for grounds the company
judges itself (a good-faith belief, its sole discretion, protecting its own rights, property or
interests, authorities that merely ask); **medium** for legal process stated broadly ("to comply
with law, regulation, legal process or governmental request") and for a merger or sale with no
notice or choice; **low** for a merger with notice and a choice, or legal demands limited to binding
orders. The finding takes its worst ground. Narrow grounds (only a valid warrant or court order,
only an emergency that threatens someone's life) are not findings: they are good practices.

Each rule's comment names the real clauses it comes from (OPP-115 "Legal requirement" and
"Merger/Acquisition" annotations, ToS;DR cases, current policies); the examples are our own words.
"""

from __future__ import annotations

import re

from scoring._models import RiskFinding
from scoring._structure import has_verb_cue
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
    unit_check,
)

RISK_ID = "broad_disclosure"
SPEC = RiskSpec(
    id=RISK_ID,
    title="Broad disclosure of your data",
    lead="The company may ",
    clean_summary="No clause was found letting the company disclose your data on broad grounds of its own.",
)
TITLE = SPEC.title

# --- vocabulary of this risk ------------------------------------------------------------------------

# A verb of handing data over; most grounds count only beside one.
DISCLOSE_VERB = rx(
    # ("State Privacy Disclosures (...) supplement this policy" names a document, not a disclosure)
    r"\b(?:disclos(?!ures?\W{1,3}(?:statement|notice|document|\(|supplement))|shar(?!eholder)|releas|"
    r"transfer|furnish|turn\w* "
    r"over|"
    r"mak\w* (?:\w+ )?available|made (?:\w+ )?available|preserv(?:e|es|ed|ing)\b|sell|sold|assign|forward|r"
    r"eveal|divulg|transmit|"
    r"cooperat|co-operat)\w*|"
    # answering authorities, not the user: "respond to subpoenas", "respond to requests from the police"
    r"\brespond\w*\s+to\s+(?!your\b|you\b|these\b|such\b|any such\b)(?:\w+\s+){0,3}?(?:requests?|subpoenas?|"
    r"orders?|"
    r"legal|lawful|process|demands?|inquiries|investigations?|law enforcement|authorities|government)\b|"
    # verbs whose stem starts other words ("password", "handle", "supplement") are spelled out
    r"\b(?:pass(?:es|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|along|to)|hand(?:s|ed|ing)? (?:over|\w+ over|to)|"
    r"suppl(?:y|ies|ied|ying))\b|"
    # "reported to the authorities" hands data over; "regulatory reporting obligations" does not
    r"(?<!investigate )(?<!receive )(?<!review )\breport(?:s|ed|ing)?\b(?!\s+(?:obligations?|duties|duty|"
    r"requirements?|purposes|of|from|about|on)\b)|"
    r"\b(?:provid|giv|send)\w*\s+(?!you\b|us\b|additional\b|more\b|further\b|the following\b)(?:\w+\s+){0,3}?"
    r"(?:information|data|details|records|files|content|"
    r"it|them|this|such|identifiers?|addresses)\b(?:\s+\w+){0,10}?\s+(?:to|with)\b|"
    # the passive of the same verbs: "records could be given to regulators"
    r"\b(?:be|been|being|is|are|was|were)\s+(?:provided|given|sent)\s+to\s+(?!you\b|us\b|the user\b)|"
    r"\b(?:entitled to|gain|obtain|have|allow\w*|grant\w*)\s+access\s+to\s+(?:your|personal|user|customer)|"
    r"\bprovid\w*\s+(?:this|such|that|the requested|your|the relevant)\s+(?:personal\s+)?(?:information|data|"
    r"records|details)\b|"
    r"\baccess(?:ing)?\s+(?:your|personal|user|customer)\s+(?:[\w-]+\s+)?(?:information|data|content|"
    r"accounts?)"
)
# A disclosure verb that hands data TO the company ("sources entitled to share it with us"), is the
# user's act ("material posted or shared by a user"), answers the user ("we respond to your request
# within the time the law allows"), or is a noun ("file sharing"): not the company disclosing.
NOT_OUR_DISCLOSURE = rx(
    r"\w*\s+(?:(?:it|them|this|that|such|the|your|personal|\w+)\s+){0,3}?(?:with|to) us\b|"
    r"\w*\s+(?:\w+\s+){0,3}?by (?:a |the |any |other )?(?:\w+ )?(?:users?|you|members?|customers?)\b|"
    # a document that "discloses that" tells, it does not hand data over
    r"\w*\s+(?:that|how|whether)\b|"
    # a negated object: "we hand over nothing without a warrant"
    r"\w*\s+(?:nothing|none|no (?:\w+\s+)?(?:data|information|details|records))\b"
)
# (a passive verb has the data as its subject: "user records may be transferred")
PASSIVE_BEFORE = rx(r"\b(?:be|been|being|is|are|was|were)\s+$")
USER_SUBJECT = rx(
    r"(?<!about )(?<!from )(?<!with )(?<!for )(?<!of )(?<!to )(?<!by )\b(?:you|users?|members?|customers?)\s+"
    r"(?!(?:data|records|information|details|content|accounts?|profiles?|lists?|names?)\b)(?:(?:has|have|had|"
    r"may|can|could|will|might|also|then|"
    r"choose to|decide to)\s+){0,2}(?:(?!we\b|it\b|they\b)\w+,?\s+(?:or\s+|and\s+)?){0,3}$"
)
FILE_SHARING = rx(r"(?:file|photo|video|screen|social|peer-to-peer|p2p)[- ]$")
# A list item under "we may disclose your data when:" has no verb of its own: it is short, and it
# opens in lower case or with a connective, or ends without a period ("to comply with law;").
FRAGMENT_WORDS = 25
CONNECTIVE = rx(r"(?:when|where|if|as|to|in order to|for|in response to|in connection with)\b")
HAS_SUBJECT = rx(r"\b(?:we|you|they|it)\b")
NOT_DISCLOSURE = rx(
    r"^(?:\w+\s+){0,6}?(?:you have|you may have|your rights?|right to (?:access|request|delete|opt))\b|"
    r"\b(?:retain|keep|store|delete)\w*\b|\b(?:justification|legal basis|lawful basis|article \d)"
)
# A heading that names disclosure: verb-less items under it are recipients ("Law enforcement, when
# required by law" under "Who we share your data with").
DISCLOSURE_HEADING = rx(r"\b(?:shar|disclos|transfer|recipient|third parties|who (?:we|receives)|sell|sale)")


@unit_check
def discloses(view: View) -> bool | str:
    """The unit hands data over: a disclosure verb of the company's, or a verb-less list item whose
    lead-in (or, without a lead-in, whose section heading or nothing) names disclosure."""
    low = view.low
    verb = disclosure_verb(low, 0, len(low))
    if verb:
        return f'handed over by "{view.quote(verb.start(), verb.end())}"'

    text = view.unit.text
    shaped = (
        text[:1].islower()
        or text[:1] == "("
        or not text.endswith((".", ":"))
        or (
            CONNECTIVE.match(low) is not None
            and (HAS_SUBJECT.search(low) is None or view.unit.kind == "list_item")
        )
        or (view.unit.kind == "list_item" and not has_verb_cue(text))
    )
    if not shaped or len(low.split()) > FRAGMENT_WORDS or NOT_DISCLOSURE.search(low):
        return False
    subordinate = text[:1].islower() or text[:1] == "(" or CONNECTIVE.match(low) is not None
    list_shaped = view.unit.kind == "list_item" or text.endswith((";", ","))
    if not list_shaped and not subordinate and has_verb_cue(text):
        return False  # a main clause with its own verb that hands nothing over
    lead_in = view.lead_in
    if lead_in is not None:
        return disclosure_verb(lead_in, 0, len(lead_in)) is not None
    for context in (view.label, view.heading):
        if context is not None:
            return DISCLOSURE_HEADING.search(context) is not None
    return True


def disclosure_verb(low: str, start: int, end: int) -> re.Match[str] | None:
    """The first verb in ``low[start:end]`` by which the company hands data to someone else."""
    for verb in DISCLOSE_VERB.finditer(low, start, end):
        if (
            NOT_OUR_DISCLOSURE.match(low, verb.end())
            or FILE_SHARING.search(low, max(0, verb.start() - 12), verb.start())
            or (
                USER_SUBJECT.search(low, max(0, verb.start() - 60), verb.start())
                and not PASSIVE_BEFORE.search(low, max(0, verb.start() - 8), verb.start())
            )
        ):
            continue
        return verb
    return None


#: How far (in characters) a self-judged ground may sit from the verb of disclosure it governs.
NEAR = 120


@match_check
def verb_near(view: View, match: re.Match[str]) -> bool:
    """A disclosure verb within NEAR characters of the match, or in the list's lead-in: "at our sole
    discretion we may close your account" judges something else."""
    if disclosure_verb(view.low, max(0, match.start() - NEAR), match.end() + NEAR):
        return True
    lead_in = view.lead_in
    return lead_in is not None and disclosure_verb(lead_in, 0, len(lead_in)) is not None


# After a recipient that opens a list item: "Government authorities, when ...", "Police (if ...)".
RECIPIENT_HEADING_END = rx(r"(?:\s+\w+){0,3}?\s{0,3}(?:[,:;(]|when\b|if\b|where\b|or\b|and\b|upon\b|to\b)")


@match_check
def opens_with_recipient(view: View, match: re.Match[str]) -> bool:
    """A list item that opens with the recipient ("Law enforcement authorities, when ...") names a
    disclosure without a verb of its own."""
    if view.unit.kind != "list_item" and has_verb_cue(view.unit.text):
        return False
    return match.start() <= 25 and RECIPIENT_HEADING_END.match(view.low, match.end()) is not None


# Scope: "only in response to a valid court-issued warrant, and we will notify you" is a narrow,
# checked ground (Signal- and Proton-style transparency promises): a court decides and you are told.
COURT_SUPERVISED = rx(
    r"\b(?:court[- ]issued|issued by a court|court orders?|(?:valid|search|judicial) warrants?|warrants?|"
    r"(?:valid|binding) (?:\w+ )?orders? (?:from|of|by|issued by) (?:\w+ ){0,2}(?:judicial|court)|judicial "
    r"orders?|"
    r"binding (?:legal )?(?:requests?|orders?|demands?)|legally binding)\b"
)
BROADER_GROUNDS = rx(
    r"\bsubpoena|\blegal process|\bgood[- ]faith|\bbelieve|\bdiscretion|\bprotect|\b(?:on|upon) request\b|"
    r"\b(?:government\w*|law[- ]enforcement|official|lawful|legal|agency)\s+requests?\b|\bprevent|\bfraud|"
    r"\bsafety\b|\bmerger|\bacqui|\bappropriate\b|\bnecessary\b|\bor (?:as )?(?:otherwise )?(?:required|"
    r"permitted)"
)
NOTIFIES_USER = rx(
    r"\b(?:notify|inform|tell|alert|warn|let)\w*\s+(?:you|the (?:affected )?(?:users?|customers?|members?)|"
    r"affected (?:users|customers)|our (?:users|customers))\b|"
    r"\b(?:you|users?|customers?|members?|account holders?)\s+(?:\w+\s+){0,2}?(?:be|is|are|will be)\s+"
    r"(?:promptly\s+|first\s+)?notified\b"
)
ONLY = rx(r"\b(?:only|solely|exclusively)\b|\bnever\b[^.;]{0,80}\b(?:unless|except)\b|\btransparency report")


@unit_check
def narrow_legal_ground(view: View) -> bool:
    """Disclosure is limited to binding orders a court or a named law imposes ("only under a valid
    court order", "only if legally obliged by a binding request"), or to court orders with notice to
    the user, and no broader ground shares the sentence."""
    low = view.low
    if COURT_SUPERVISED.search(low) is None:
        return False
    notice = NOTIFIES_USER.search(low)
    limited = ONLY.search(low) is not None or notice is not None
    return limited and BROADER_GROUNDS.search(low) is None


# An emergency that threatens someone's life is a narrow ground (the modern set's rulings): it is
# cancelled unless another ground sits in the same sentence.
EMERGENCY = rx(
    r"\bemergenc\w*|\b(?:life|lives)\b|\bimminent\b|\bdanger of death\b|\bserious (?:physical |bodily )?"
    r"(?:harm|injury)|\bvital interests?\b|\bthreat\w* (?:to|of) (?:the )?(?:life|safety|death)"
)
OTHER_GROUNDS = rx(
    r"\brequests?\b|\bsubpoena|\blegal process|\brequired by\b|\bcomply\b|\bbelie\w*|\bgood[- ]faith|"
    r"\bdiscretion|\bfraud|\brights\b|\bproperty\b|\benforc\w*|\binvestigat\w*|\bmerger|\bclaims?\b"
)


@unit_check
def emergency_only(view: View) -> bool:
    """The only ground named is an emergency threatening someone's life or safety."""
    return EMERGENCY.search(view.low) is not None and OTHER_GROUNDS.search(view.low) is None


# Disclosures of data that identifies nobody are no privacy risk ("we may share aggregated data").
NON_PERSONAL = rx(
    r"\b(?:aggregated?|anonymous(?:ly)?|anonymi[sz]ed|non-personal|non-identifying|de-identified|"
    r"non-personally|statistical)\b"
)
PERSONAL = rx(
    r"(?<!non-)(?<!non )\bpersonal(?:ly identifiable)? (?:information|data)\b|\byour (?:personal|"
    r"information)\b"
)


@unit_check
def anonymous_only(view: View) -> bool:
    """The unit is about aggregated or anonymous data only."""
    return NON_PERSONAL.search(view.low) is not None and PERSONAL.search(view.low) is None


# Contract boilerplate that mentions courts and law without any disclosure (severability, governing
# law, waivers of terms of service).
BOILERPLATE = found(
    "contract_boilerplate",
    r"\b(?:unenforceable|severab\w*|governed by|construed in accordance|waiver|remain in (?:full )?force|"
    r"counter-notice|indemnif\w*)\b",
)
# "we will post changes ... in other places we deem appropriate" is about notice of changes.
POLICY_CHANGE = found(
    "policy_change",
    r"\bchang\w* (?:to )?(?:this|our|the) (?:privacy )?(?:policy|notice|"
    r"statement)",
)
# Negation: "we do not sell or share your data, except as required by law" is a promise whose only hole
# is a legal demand: still a finding, but low.
PROMISE = found(
    "promise_not_to_share",
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\s+(?:and will not\s+)?(?:\w+\s+){0,2}?"
    r"(?:disclos|shar|sell|releas|provid|transfer|giv|rent|trade)\w*|\bnever\s+(?:\w+\s+){0,2}?"
    r"(?:disclos|shar|sell|releas|provid|transfer|giv|rent)\w*|\bno (?:personal )?(?:data|information) "
    r"(?:will|shall) be (?:disclosed|shared|released|provided|transferred)",
)
# Fraud prevention as a purpose of sharing with the company's own processors is a routine use, not a
# self-judged ground; with an authority or the law named it still counts.
PROCESSORS = rx(
    r"\b(?:service providers?|vendors?|processors?|payment (?:service )?providers?|contractors|"
    r"business purposes|fraud[- ]prevention partners?|anti-fraud|(?:industry|business|trusted) partners?)\b"
)
AUTHORITY = rx(r"\b(?:law|laws|legal\w*|authorit\w*|police|government\w*|courts?|regulators?|officials?)\b")
ROUTINE_PROTECTION = rx(r"(?:prevent|investigat|detect)")


@match_check
def routine_protection(view: View, match: re.Match[str]) -> bool:
    """ "We share card data with payment processors to prevent fraud": fraud checks by the company's
    own processors, with no authority or law named."""
    return (
        ROUTINE_PROTECTION.match(match.group(0)) is not None
        and PROCESSORS.search(view.low) is not None
        and AUTHORITY.search(view.low) is None
    )


# "to whichever banks we find necessary for your payment": the judgement is
# bounded by a service the user asked for.
SERVICE_NECESSITY = rx(
    r"\s+(?:\w+\s+){0,2}?(?:to|for|in order to)\s+(?:process|complet|provid|fulfil|deliver|perform|operat|"
    r"run)\w*\s+(?:your|the|our)\s+(?:\w+\s+)?(?:transactions?|orders?|purchases?|services?|requests?|"
    r"payments?)\b"
)


@match_check
def bounded_by_service(view: View, match: re.Match[str]) -> bool:
    """The company's judgement is bounded by a service the user asked for ("as we determine is
    necessary to process your payments")."""
    return SERVICE_NECESSITY.match(view.low, match.end()) is not None


# Who receives: data collected FROM agencies, credit bureaus or public records is no disclosure TO them.
RECEIVED_FROM = rx(
    r"\b(?:receiv|obtain|collect|get|gather|acquir|buy|purchas|"
    r"sourc)\w*\b[^.;]{0,120}?\bfrom\s+(?:\w+\s+){0,4}?"
    r"(?:law enforcement|authorit\w*|agenc\w*|government\w*|credit (?:reference |reporting )?(?:bureaus?|"
    r"agencies)|public (?:records|sources|databases)|regulators?|courts?)"
)


@unit_check
def received_from_authorities(view: View) -> bool:
    """The authorities named are a source of data ("we obtain information from public records and
    government agencies"), and no verb hands data to them."""
    low = view.low
    received = RECEIVED_FROM.search(low)
    if received is None:
        return False
    verb = disclosure_verb(low, 0, len(low))
    return verb is None or received.start() <= verb.start() <= received.end()


# Safeguards are not grounds: "all requests are reviewed to ensure they are legally binding", "we
# challenge unlawful government requests", "we require processors to protect your data".
SAFEGUARD = rx(
    r"\b(?:review\w*|scrutini[sz]\w*|assess\w*|evaluat\w*)\s+(?:\w+\s+){0,4}?(?:to (?:ensure|confirm|verify)|"
    r"for (?:legal )?validity)|\bchalleng\w*\s+(?:\w+\s+){0,4}?(?:requests?|demands?|orders?)|"
    r"\bpush back\b|\b(?:require|oblige|contractually (?:bind|require|restrict|oblige))\w*\s+(?:\w+\s+){0,4}?"
    r"(?:service providers?|processors?|vendors?|partners?|them|these (?:\w+ )?(?:parties|providers|"
    r"companies))\s+"
    r"(?:\w+\s+){0,2}?(?:to|from)\b|\btransparency report|\b(?:appropriate|adequate|suitable) safeguards\b|"
    r"\bstandard contractual clauses\b|\bsafeguards? (?:are|is) in place\b|\bensur\w* (?:\w+ "
    r"){0,3}?safeguards\b|"
    # complaints and disputes taken to a regulator: the user's remedy, not a disclosure ground
    r"\bresolv\w* (?:\w+ ){0,3}?(?:complaints?|disputes?)\b|\b(?:lodge|file|make|submit) (?:a |any "
    r")?complaints?\b|"
    r"\bcomplaints?\b[^.;]{0,120}\b(?:supervisory|data protection) authorit"
)
SAFEGUARD_ONLY = found("safeguard_not_ground", SAFEGUARD)
# GDPR legal bases: under a "Legitimate interests" heading or in a "Legal basis" column, "to protect our
# rights" is why data is processed, not to whom it goes (unless a verb hands it over).
IN_LEGAL_BASIS = Condition(
    "legal_basis_section",
    lambda view, _match: (
        view.unit.role == "legal_basis"
        and disclosure_verb(view.low, 0, len(view.low)) is None
        and (view.lead_in is None or disclosure_verb(view.lead_in, 0, len(view.lead_in)) is None)
    ),
    "the unit sits under a legal-basis heading or column and hands nothing over",
    per_unit=True,
)
# "user acquisition", "acquisition of new customers", "unauthorized acquisition" of data by an intruder
MARKETING_ACQUISITION = rx(
    r"\b(?:user|customer|install|campaigns?|conversions?|attribution|marketing|new)\b|"
    r"\bunauthori[sz]ed\b|\bacquisitions? of (?:new )?(?:users|customers|clients|subscribers)"
)
CORPORATE_CONTEXT = rx(
    r"\b(?:merge\w*|acquired|acquires|sale|sold|bankrupt\w*|assets?|corporate|transactions?|successor|"
    r"reorgani\w*|"
    r"business(?:es)? (?:transfer|transition)|company|ownership)\b"
)


@match_check
def marketing_acquisition(view: View, match: re.Match[str]) -> bool:
    """ "Acquisition" in the sense of winning users or an intruder getting data, not a buyer."""
    if not match.group(0).startswith("acquisition"):
        return False
    low = view.low
    window = low[max(0, match.start() - 40) : match.end() + 40]
    if re.search(
        r"\bunauthori[sz]ed\b|acquisitions? of (?:new )?(?:users|customers|clients|subscribers)", window
    ):
        return True
    return MARKETING_ACQUISITION.search(low) is not None and CORPORATE_CONTEXT.search(low) is None


# Scope: "we will ask for your consent before any transfer in an acquisition" makes a business
# transfer the user's choice.
CONSENT_FIRST_PATTERN = (
    r"\b(?:ask|obtain|seek|request|get|require)\w*\s+(?:for\s+)?(?:your|the user'?s?|users'?)\s+"
    r"(?:\w+\s+){0,2}?(?:consent|permission|approval|agreement)\b|"
    r"\b(?:not|never)\b.{0,160}?\bwithout\s+(?:first\s+)?(?:obtaining\s+|getting\s+|receiving\s+)?"
    r"(?:your|the|their|prior|express)\s+(?:\w+\s+){0,3}?(?:consent|permission|approval)\b|"
    r"\bonly with your (?:\w+\s+)?(?:consent|permission)\b"
)
CONSENT_FIRST = found("consent_before_transfer", CONSENT_FIRST_PATTERN)
# "we will not transfer your recordings as part of a sale of the business"
NEGATED_TRANSFER = found(
    "promise_not_to_transfer",
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\s+(?:\w+\s+){0,3}?(?:transfer|sell|share|disclose|"
    r"assign|include)\w*(?![^.;]{0,120}\b(?:except|unless|other than)\b)|"
    r"\bnever\s+(?:\w+\s+){0,2}?(?:transfer|sell)",
)
# A merger with notice AND a choice for the user ("we will notify you and you may delete your account
# before the transfer") is the low rung of the ladder.
MERGER_NOTICE = found(
    "notice_of_transfer", NOTIFIES_USER.pattern + r"|\bprominent notice\b|\bpost a notice\b"
)
MERGER_CHOICE = found(
    "choice_before_transfer",
    r"\b(?:opt[- ]?out|choose|choice|delete (?:your )?(?:account|data)|object|decline)\b",
)
# "we share with the police when the law requires it" names a legal duty; "when they ask", "to
# prevent crime", "to cooperate with investigations" leave the judgement to the company (high).
LEGAL_DUTY = rx(
    r"\b(?:required|compelled|obliged|obligated|mandated|bound)\s+(?:to do so\s+)?(?:by|under|to)\b|"
    r"\blegal (?:obligations?|duty|duties|requirements?)\b|\b(?:where|when|if|as)\s+(?:the law|law|"
    r"applicable law)\s+(?:requires|allows|permits)|\bto the extent (?:that )?(?:\w+ ){0,2}(?:is|are) "
    r"required\b|\bauthori[sz]ed (?:to|by) (?:do so (?:by )?)?law\b|\bif (?:we|it) (?:have|has|are|is) "
    r"(?:required )?to\b|\blegal process(?:es)?\b|\bcourt orders?\b|\bsubpoenas?\b|\bwarrants?\b|\blegal "
    r"proceedings\b"
)
DISCRETIONARY = rx(
    r"\b(?:on|upon) (?:their |its |a )?(?:lawful |legal |valid )?(?:request|demand)|\b(?:when(?:ever)?|if) "
    r"(?:they|asked)|"
    r"\brequests? "
    r"(?:from|by|of)\b|\bbeliev\w*|\bgood[- ]faith|\bdiscretion|\bappropriate\b|\bcooperat\w*|\bco-operat\w*|"
    r"\bassist\w*|\binvestigat\w*|\bprevent\w*|\bdetect\w*|\bpublic interest|\bprotect\w*|\bsuspect\w*|"
    r"\bsafety\b|\bsecurity (?:purposes|reasons|issues|incidents)\b|\bfraud\w*|\bcrim\w*|\bfurthers?\b"
)


@unit_check
def legally_bounded(view: View) -> bool:
    """Authorities get data only where a law or legal process obliges the company ("to the extent we
    are required by law", "in response to a court order"), with no request, belief or purpose of
    its own beside it."""
    return LEGAL_DUTY.search(view.low) is not None and DISCRETIONARY.search(view.low) is None


BINDING_ONLY_DEMAND = rx(
    r"\b(?:court[- ]orders?|orders? (?:of|from|by) a court|(?:search|valid|court[- ]issued|judicial) "
    r"warrants?|"
    r"warrants?|binding)\b"
)
BROAD_DEMAND = rx(
    r"\bsubpoena|\blegal (?:process|proceedings?|requests?|demands?)|\blawful (?:requests?|process)|"
    r"\bgovernment\w* (?:requests?|authorit)|\brequests?\b|\blaws?\b|\bregulations?\b|\badministrative"
)


@unit_check
def binding_orders_only(view: View) -> bool:
    """The legal demands named are binding orders only ("in response to a court order or a valid
    warrant"), nothing broader such as subpoenas, requests or "applicable law"."""
    return BINDING_ONLY_DEMAND.search(view.low) is not None and BROAD_DEMAND.search(view.low) is None


GROUP = rx(
    r"\b(?:with|to|among|between)\s+(?:\w+\s+){0,4}?(?:affiliat\w*|subsidiar\w*|parent (?:company|companies)|"
    r"group (?:companies|entities|members)|"
    r"entities (?:of|in|within) (?:the |our )?\w*\s*group|(?:the|our) \w+ group\b|corporate family)"
)
OUTSIDERS = rx(
    r"\b(?:third part\w*|authorit\w*|law enforcement|police|government\w*|courts?|buyers?|"
    r"purchasers?|"
    r"acquir\w*|successors?|others|public|partners?|advertisers?)\b"
)


@unit_check
def intra_group(view: View) -> bool:
    """The only recipients are the company's own group (affiliates, subsidiaries, group entities)."""
    return GROUP.search(view.low) is not None and OUTSIDERS.search(view.low) is None


ABROAD = rx(
    r"\b(?:countr(?:y|ies)|outside (?:of )?(?:the |your )?(?:eu|eea|european|uk|united kingdom|switzerland|"
    r"jurisdiction|country|home)|abroad|overseas|cross-border|internationally|international (?:data "
    r")?transfers?|"
    r"adequa(?:cy|te level)|third countr)\w*"
)
AUTHORITY_NAMED = rx(r"\b(?:law enforcement|police|authorit\w*|government\w*|courts?|agenc\w*|regulators?)\b")


@unit_check
def international_transfer(view: View) -> bool:
    """A transfer abroad (with its legal safeguards or exceptions) and no authority as recipient:
    where data is stored is not to whom it is disclosed."""
    return ABROAD.search(view.low) is not None and AUTHORITY_NAMED.search(view.low) is None


STRONG_DISCLOSE = rx(
    r"\b(?:disclos|shar(?:e|es|ed|ing)\b|releas|transfer|sell|sold|hand\w* over|pass\w* on|"
    r"report\w* to)"
)
RETENTION_VERB = rx(r"\b(?:retain|retention|store|stored|keep|kept|preserve for|delete|deletion)\w*")


@unit_check
def about_retention(view: View) -> bool:
    """The unit says how long data is kept or when it is deleted, and hands nothing over."""
    return RETENTION_VERB.search(view.low) is not None and STRONG_DISCLOSE.search(view.low) is None


PROCESSING_PURPOSE = rx(
    r"^\W*(?:we|the company)\s+(?:may\s+|also\s+)?(?:process|use|collect|analy[sz]e|"
    r"hold)\b"
)


@unit_check
def processing_purpose(view: View) -> bool:
    """The unit states why data is processed ("We process personal data to comply with our legal
    obligation to cooperate with law enforcement"), and no verb hands it over outright."""
    return PROCESSING_PURPOSE.search(view.low) is not None and STRONG_DISCLOSE.search(view.low) is None


LEGAL_BASIS_CELL = Condition(
    "legal_basis_cell",
    lambda view, _match: view.unit.kind == "table_cell" and view.unit.role == "legal_basis",
    "a cell of a table's legal-basis column states why data is processed, not to whom it goes",
    per_unit=True,
)
USE_CONTEXT = rx(
    r"\b(?:we use|use (?:your|the|this|personal)|uses? of|purposes?|we process|processing|why "
    r"we|how we use)\b"
)


@unit_check
def under_a_use_list(view: View) -> bool:
    """A verb-less fragment whose lead-in, label or heading is about using data ("We use your data
    to:", "How we use your information"), not handing it over: a purpose, not a disclosure."""
    if disclosure_verb(view.low, 0, len(view.low)):
        return False
    for context in (view.lead_in, view.label, view.heading):
        if context is not None:
            return (
                USE_CONTEXT.search(context) is not None
                and disclosure_verb(context, 0, len(context)) is None
                and DISCLOSURE_HEADING.search(context) is None
            )
    return False


RECEIVING_AFTER = rx(
    r"\b(?:request\w*|ask\w*|demand\w*|order\w*|require\w*|access\w*|obtain\w*|receiv\w*|inquir\w*|"
    r"investigat\w*|subpoena\w*|legal process\w*|when|if|where|upon|on)\b"
)
TO_BEFORE = rx(r"\b(?:to|with|by|from|among|including)\s+(?:\w+\s+){0,3}?$")


@match_check
def authority_receives(view: View, match: re.Match[str]) -> bool:
    """The authority named is a recipient or asks for data ("with law enforcement upon request",
    "requests from the police"), not something else in the sentence ("the rights of authorities
    abroad may differ, and we disclose data to our affiliates")."""
    low = view.low
    if match.start() <= 25 or TO_BEFORE.search(low, max(0, match.start() - 40), match.start()):
        return True
    if RECEIVING_AFTER.search(low, match.end(), match.end() + 60):
        return True
    verb = disclosure_verb(low, max(0, match.start() - 120), match.start())
    return verb is not None


EMERGENCY_ONLY = emergency_only
GROUNDED = any_of("discloses_or_names_recipient", discloses, opens_with_recipient)
COMMON_UNLESS = (
    BOILERPLATE,
    CROSS_REFERENCE,
    LEGAL_BASIS_CELL,
    narrow_legal_ground,
    emergency_only,
    SAFEGUARD_ONLY,
    received_from_authorities,
    international_transfer,
    about_retention,
    processing_purpose,
    intra_group,
)

RULES: tuple[Rule, ...] = (
    # "we may disclose information when we believe in good faith that disclosure is reasonably
    # necessary" / "as we deem appropriate" / "at our sole discretion" (Automattic, Microsoft, Amazon).
    Rule(
        risk=RISK_ID,
        name="self_judged_necessity",
        pattern=(
            r"(?<!you )\bbelieve in good faith\b|\bgood[- ]faith (?:belief|believe|determination)|"
            r"\bin (?:our )?good[- ]faith\b|"
            r"\b(?:sole (?:and absolute )?|(?:at|in) (?:our|its) (?:own |absolute )?)discretion\b|"
            r"\bas (?:we|it) (?:deems?|sees? fit|considers?)|"
            # the company's judgement ("activities THEY deem necessary" is the recipient's)
            r"\b(?:we|it|company)\s+(?:reasonably\s+|may\s+|in good faith\s+)?(?:believes?|determines?|"
            r"deems?|"
            r"decides?|considers?|thinks?|judges?)\b.{0,60}?\b(?:necessary|appropriate|required|advisable|"
            r"warranted|needed|(?<!commercially )reasonable|prudent|justified|proper|serves? (?:our|its) "
            r"(?:\w+ )?interests|in (?:our|its) (?:own )?interests?)\b|"
            r"\bwhenever we (?:deem|believe|consider)|"
            # "should the company judge it prudent", "if Acme finds it advisable"
            r"(?<!they )(?<!you )(?<!users )\b(?:judges?|deems?|considers?|thinks?|believes?|feels?|finds?|"
            r"determines?|"
            r"decides?)\s+(?:it|this|that|such (?:a )?disclosure)\s+(?:to be\s+)?(?:\w+\s+)?(?:necessary|"
            r"appropriate|prudent|"
            r"advisable|warranted|needed|proper|reasonable|right|fit|desirable|useful)\b"
        ),
        severity="high",
        why="the company itself decides when a disclosure is necessary or appropriate",
        summary="hand your data to others whenever it decides that is necessary",
        improve="Say you disclose data only for a valid court order or a binding legal duty, and that you "
        "tell users when you do.",
        requires=(discloses, verb_near),
        unless=(
            *COMMON_UNLESS,
            anonymous_only,
            POLICY_CHANGE,
            bounded_by_service,
            # ideas sent in are the company's to use, not personal data handed over
            found("feedback_only", r"\b(?:feedback|suggestions?|ideas)\b"),
        ),
        examples=(
            "We may disclose your information if we believe in good faith that disclosure is necessary.",
            "Acme may share account details with others whenever it deems it appropriate.",
            "Your records may be released where we reasonably believe it is required to protect anyone.",
            "Account data may be handed to outside parties at our discretion.",
        ),
        counterexamples=(
            "We reserve the right to close your account at our sole discretion.",
            "We may pass your card data to such banks as we determine is necessary to process your payments.",
            "If you believe in good faith that a notice was filed in error, you may send a counter-notice.",
        ),
    ),
    # "to law enforcement on request", "when an agency or an investigating body asks for it"
    # (OPP-115 "Legal requirement" annotations; ToS;DR "data given to law enforcement on request").
    Rule(
        risk=RISK_ID,
        name="law_enforcement_request",
        pattern=(
            r"\blaw[- ]enforcement\b|\bpolice\b|\bnational security\b|\binvestigatory bod|\bofficials\b|"
            r"\binvestigators\b|\bcops\b|"
            r"\b(?:government(?:al)?|public|judicial|regulatory|state|federal|tax|competent)\s+"
            r"(?:agenc(?:y|ies)|authorit(?:y|ies)|officials?|bod(?:y|ies)|requests?|entities|"
            r"investigators?)\b|"
            r"\bgovernment (?:request|authority|order)|\b(?:relevant|competent|appropriate|other|foreign|"
            r"legal|public)\s+authorit(?:y|ies)\b|\bcourts?\s+(?:and|or)\s+(?:other\s+)?(?:authorities|"
            r"regulators|"
            r"agencies)\b|\bregulators?\b|\bauthorities\b"
        ),
        severity="high",
        why="data can go to the police or government authorities on their request",
        summary="give your data to police or government authorities that ask for it",
        improve="Say you give data to authorities only when a court order or a named law obliges you, and "
        "that you notify the user.",
        quiet=(r"\b(?:has|have|had|with|without|lacks?)\s+(?:the\s+)?(?:\w+\s+)?authority\b",),
        requires=(GROUNDED, authority_receives),
        unless=(*COMMON_UNLESS, anonymous_only),
        ladder=(
            Step(
                "medium",
                legally_bounded,
                "only where a law obliges the company, which still leaves the scope to the law",
                "Name the laws or orders that oblige you, and say you notify users of each request.",
            ),
            Step(
                "medium",
                Condition(
                    "no_ground_of_its_own",
                    lambda view, _match: DISCRETIONARY.search(view.low) is None,
                    "authorities are named as recipients, but no request, belief or purpose of the company's",
                    per_unit=True,
                ),
                "authorities are named as recipients without a ground the company judges itself",
                "Say on which legal grounds authorities receive data, and that you notify users.",
            ),
        ),
        examples=(
            "We may share your personal data with law enforcement agencies upon request.",
            "Government authorities, when they ask us for records;",
            "The Company may report suspected violations of law to the relevant authorities.",
        ),
        counterexamples=(
            "Materials published by federal agencies are in the public domain.",
            "We obtain information about you from public records and government agencies.",
            "We may share data with the police only in an emergency where someone's life is at risk.",
            "All requests from authorities are carefully reviewed to ensure they are legally binding.",
        ),
    ),
    # "to protect the rights, property or safety of Amazon, our users or others", "to enforce our
    # Terms" (Amazon, Hulu, GDPR-style policies).
    Rule(
        risk=RISK_ID,
        name="protect_own_interests",
        pattern=(
            # the verb only: "protected health information and your rights", "privacy protections" are not
            r"\bprotect(?:s|ing)?\s+(?:and\s+defend\s+)?(?:\w+,?\s+){0,5}?(?:rights|property|safety|"
            r"interests)\b|"
            r"\bprotect(?:s|ing)?\s+(?:our|its|the company's)\s+(?:own\s+)?(?:business|company|brand|"
            r"reputation)\b|"
            r"\bprotect (?:ourselves|itself)\b|"
            r"\benforc(?:e|es|ing)\s+(?:(?:or|and)\s+\w+\s+)?(?:our|its|the|these|this|their|any|"
            r"applicable)\s+"
            r"(?:\w+\s+){0,2}?(?:terms|agreements?|polic(?:y|ies)|rights|rules|conditions|claims)\b|"
            r"\bdefend\w*\s+(?:\w+\s+){0,3}?(?:claims|rights|lawsuits)\b|"
            r"\b(?:establish|exercise)\w*\s+(?:\w+\s+){0,3}?legal (?:rights|claims)|"
            r"\bprevent\w*\s+(?:\w+\s+){0,2}?(?:fraud|harm|injury|illegal|crime)|"
            r"\binvestigat\w*\s+(?:\w+\s+){0,3}?"
            r"(?:fraud|illegal|violations?|wrongdoing|crime)|"
            r"\b(?:defend|pursue|commence)\w*\s+(?:\w+\s+){0,3}?(?:litigation|lawsuits?|remedies|legal "
            r"action)|"
            r"\bdefend (?:ourselves|itself|themselves)\b"
        ),
        severity="high",
        why="the company may share data whenever it judges it needed to protect its own rights or interests",
        summary="share your data to protect its own rights, property or interests",
        improve="Drop the open-ended 'to protect our rights' ground, or limit it to a court's decision.",
        requires=(discloses,),
        unless=(*COMMON_UNLESS, routine_protection, anonymous_only, IN_LEGAL_BASIS),
        examples=(
            "We may release account information to protect the rights, property or safety of our company.",
            "We may share your messages with others to enforce these terms.",
            "Acme may disclose user data to defend itself against legal claims.",
        ),
        counterexamples=(
            "We use encryption to protect your privacy and the safety of your account.",
            "We share card details with payment service providers to process payments and prevent fraud.",
            "If we fail to enforce any of our terms, that is not a waiver.",
        ),
    ),
    # "in response to subpoenas, court orders, or other legal process" (OPP-115, Valve, Kinja).
    Rule(
        risk=RISK_ID,
        name="legal_process",
        pattern=(
            r"\bsubpoenas?\b|\bcourt[- ]orders?\b|\borders? (?:of|from|by) a court\b|"
            r"\bordered\b.{0,30}\bcourt\b|"
            r"\b(?:search|valid|court[- ]issued|judicial) warrants?\b|\bwarrants?,|"
            r"\b(?:subpoenas?|orders?),?\s+(?:or\s+)?warrants?\b|\bwarrants? or (?:court|subpoena|other)|"
            r"\blegal (?:process|proceedings?|requests?)\b|"
            r"\blawful (?:requests?|process|orders?)\b|\bjudicial (?:proceedings?|process)\b|\blegal "
            r"demands?\b|"
            r"\bcompulsory process\b|\badministrative (?:orders?|tribunal)"
        ),
        severity="medium",
        why="data can be handed over in answer to legal demands such as subpoenas or court orders",
        summary="hand your data over in answer to subpoenas, court orders or other legal demands",
        improve="Limit disclosure to valid court orders or warrants, and say you notify users unless a "
        "court forbids it.",
        requires=(discloses,),
        unless=COMMON_UNLESS,
        ladder=(
            Step("low", PROMISE, "the sentence is a promise not to share, but it leaves open legal demands"),
            Step(
                "low",
                binding_orders_only,
                "only binding orders such as a court order or warrant are named",
                "Say you notify users of each order unless a court forbids it.",
            ),
        ),
        examples=(
            "We will hand over your details in response to a subpoena or court order.",
            "to comply with a court order or other legal process;",
        ),
        counterexamples=(
            "We disclose data only in response to a valid court-issued warrant, and we notify you before we "
            "do.",
        ),
    ),
    # "as required by law", "when we are legally required to do so", "to comply with applicable
    # laws and regulations" (OPP-115 "Legal requirement").
    Rule(
        risk=RISK_ID,
        name="required_by_law",
        pattern=(
            r"\b(?:required|compelled|obliged|obligated|mandated|necessary|requested)\s+(?:to do so\s+)?"
            r"(?:by|under)\s+(?:\w+\s+){0,3}?(?:laws?|statutes?|regulations?|legislation|authorities)\b|"
            r"\brequired or permitted by\b|\blegally (?:\w+ or )?(?:required|obliged|obligated|compelled|"
            r"bound|"
            r"entitled)\b|"
            r"\bthe law requires\b|\brequired by\s+(?:\w+\s+){0,2}?law\b|"
            r"\b(?:comply|conform)\w*\s+with\s+(?:\w+,?\s+){0,5}?(?:laws?|regulations?|statutes?|"
            r"rules|legal (?:obligations?|requirements?|process|duties|orders?|requests?))\b|"
            r"\b(?:satisfy|meet)\s+(?:\w+\s+){0,3}?(?:laws?|regulations?|legal)\b|"
            r"\bas (?:otherwise )?required by\b|\bduty to (?:disclose|share|comply)|\bobliged to report|"
            r"\bauthori[sz]ed (?:to do so )?(?:by|under) (?:\w+ ){0,2}?law\b|\bauthori[sz]ed to\s+by\s+law\b"
        ),
        severity="medium",
        why="data can be handed over whenever a law or authority is said to require it",
        summary="disclose your data whenever it says the law requires it",
        improve="Name the laws that oblige you to disclose, and say you notify users of each request.",
        requires=(discloses,),
        unless=COMMON_UNLESS,
        ladder=(
            Step("low", PROMISE, "the sentence is a promise not to share, but it leaves open legal demands"),
        ),
        examples=(
            "We may disclose personal information where required by law.",
            "We do not sell or rent your data to anyone, except as required by law.",
        ),
        counterexamples=(
            "We retain your data as long as needed to comply with our legal obligations.",
            "These terms are governed by the laws of the State of New York.",
            "We will respond to your request within the time required by applicable law.",
        ),
    ),
    # "In the event of a merger, acquisition, bankruptcy or sale of assets, your information may be
    # transferred" (ToS;DR "your data may be sold or transferred in a merger"; OPP-115 "Merger/Acquisition").
    Rule(
        risk=RISK_ID,
        name="business_transfer",
        pattern=(
            r"\bmergers?\b|\bmerged?\s+(?:with|into)\b|\b(?:is|are|be|being)\s+merged\b|"
            r"\b(?<!user )(?<!customer )(?<!data )acquisitions?\b|"
            r"\b(?:acquired|purchased|bought)\s+by\b|\b(?:is|are|be|were|was|being)\s+acquired\b|"
            r"\bacquires\s+(?:us|the company|all)|"
            r"\bbankrupt|\binsolven|\breceivership\b|\bliquidation\b|\bdissolution\b|\breorgani[sz]ation|"
            r"\bdivest|\bamalgamat|\bchange (?:of|in) (?:control|ownership)|\bbusiness transitions?\b|"
            r"\bcorporate (?:transactions?|sale|events?|restructuring)|\bsuccessors?\b(?! in title)|"
            r"\bgo(?:es)? out of business\b|"
            r"\btransfer of (?:ownership|assets|control)|\bchange\w* (?:\w+ ){0,2}?ownership\b|"
            r"\b(?:sale|transfer)\s+(?:or transfer\s+)?of\s+(?:\w+\s+){0,6}?(?:assets|business|company|stock|"
            r"shares)\b|"
            r"\b(?:acquir|purchas)\w*\s+(?:all|some|part|substantially|a portion|"
            r"any)\s+(?:\w+\s+){0,4}?(?:our|"
            r"its)\s+(?:\w+\s+)?(?:assets|business|company|stock|shares)\b|"
            r"\b(?:business|company|companies|sites?|services?|websites?|assets|division|brand|operations|we|"
            r"us)\s+(?:\w+\s+){0,3}?(?:is|are|be|being|were|was|get|gets)\s+(?:\w+\s+)?sold\b|"
            r"\b(?:sell|buy|merge)\w*(?:,?\s+(?:(?:and/or|or|and)\s+)?(?:sell|buy|merge|"
            r"partner)\w*){1,3},?\s+"
            r"(?:with|to)\s+(?:other|another)\s+(?:compan|business|entit)|\btake over\s+(?:\w+\s+){0,2}?"
            r"(?:management|operation|ownership|control)\b|"
            r"\b(?:sold|merged|acquired),?\s+or\s+(?:merged|sold|acquired)\b|"
            r"\b(?:has|have|had)\s+merged\b|\brestructur\w*|"
            r"\b(?:sell|sold|buy|bought|transfer\w*)\s+(?:\w+\s+){0,8}?(?:assets|(?:our|its|their|of the)\s+"
            r"(?:\w+\s+)?business(?:es)?|stock)\b|"
            r"\b(?:transferred|business|acquired) assets\b|\bassets (?:transferred|sold|acquired)\b|"
            r"\bmay be sold\b|\bchange\w* hands\b|\b(?:prospective|potential|new|future|"
            r"eventual)\s+(?:buyers?|"
            r"purchasers?|acquirers?|owners?)\b"
        ),
        severity="medium",
        why="if the company is sold or merged, your data goes with it as a business asset",
        summary="transfer your data to a buyer if the company is merged, sold or goes bankrupt",
        improve="Promise to notify users before a sale and let them delete their data or object first.",
        # the company's own successors named in a definition of itself are no transfer
        quiet=(
            r"\((?:and )?(?:its|their|our) successors?[^()]{0,40}\)",
            r"\bunauthori[sz]ed (?:\w+ "
            r"){0,2}acquisition",
        ),
        # the company taking part in a deal is not yet your data moving: a disclosure verb, or your data
        # named as what the deal affects ("notified of any change in ownership or uses of your data")
        requires=(any_of("data_goes_with_it", discloses, found("your_data_named", PERSONAL)),),
        unless=(
            BOILERPLATE,
            CROSS_REFERENCE,
            CONSENT_FIRST,
            NEGATED_TRANSFER,
            marketing_acquisition,
            anonymous_only,
            under_a_use_list,
        ),
        ladder=(
            Step(
                "low",
                any_of(
                    "notice_and_choice",
                    Condition(
                        "notice_and_choice_both",
                        lambda view, match: (
                            MERGER_NOTICE.holds(view, match, []) and MERGER_CHOICE.holds(view, match, [])
                        ),
                        "the user is told before the transfer and may opt out or delete first",
                        per_unit=True,
                    ),
                ),
                "users are told before the transfer and may opt out or delete their data first",
            ),
        ),
        examples=(
            "If we are involved in a merger, acquisition or sale of assets, your data may be transferred to "
            "the buyer.",
            "As our business grows, we may buy or sell business units, and customer lists are usually among "
            "the transferred assets.",
            "Should Acme be acquired, user records may pass to the new owner.",
        ),
        counterexamples=(
            "If we are acquired, we will ask for your consent before any transfer of your personal data.",
            "We may combine information we acquire from partners with data you give us.",
            "We grow through user acquisition campaigns with ad networks.",
            "We are not liable for any unauthorized acquisition of data by an intruder that we share with "
            "you.",
        ),
    ),
    # --- good practices -------------------------------------------------------------------------
    # "We disclose data only in response to a valid court order, and we notify the affected user"
    # (Proton-, Signal-style transparency promises).
    Rule(
        risk=RISK_ID,
        name="narrow_legal_ground",
        pattern=COURT_SUPERVISED.pattern,
        severity="none",
        why="disclosure is limited to binding orders, with no broader ground",
        summary="disclose data only on binding legal orders",
        improve="",
        requires=(discloses, narrow_legal_ground),
        unless=(BOILERPLATE,),
        polarity="good",
        examples=("We release data only in response to a valid court order, and we notify the user first.",),
        counterexamples=(
            "We may disclose data in response to subpoenas, court orders or other legal process.",
        ),
    ),
    Rule(
        risk=RISK_ID,
        name="consent_before_transfer",
        pattern=CONSENT_FIRST_PATTERN,
        severity="none",
        why="a transfer in a sale of the company needs the user's consent first",
        summary="ask before transferring data in a sale",
        improve="",
        requires=(found("corporate_event", CORPORATE_CONTEXT),),
        polarity="good",
        examples=(
            "If we are acquired, we will ask for your consent before any transfer of your personal data.",
        ),
        counterexamples=("If we are acquired, your data will be transferred to the buyer.",),
    ),
)


def detect(doc: Document) -> RiskFinding:
    """The finding of this risk on ``doc``."""
    return detect_rules(SPEC, RULES, doc)
