"""Risk ``broad_disclosure``: data may be handed over on broad grounds the company judges itself."""

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
    sentence_low,
)

RISK_ID = "broad_disclosure"
TITLE = "Broad disclosure of your data"

# Keywords per rule family: a sentence is tried against a rule only if it holds one of these (every
# alternative of the rule's regex contains at least one of them). A keyword matches a word prefix.
ANCHORS = Anchors(
    {
        "self_judged_necessity": (
            "good faith", "good-faith", "discretion", "deem", "see fit", "consider", "believ", "determin",
            "decid",
        ),
        "law_enforcement_request": (
            "law enforcement", "law-enforcement", "police", "national security", "investigatory", "agenc",
            "authorit", "official", "government", "regulatory", "public bod", "judicial", "investigator",
            "courts",
        ),
        "protect_own_interests": (
            "protect", "enforc", "legitimate", "defend", "establish", "exercis", "prevent", "investigat",
            "emergenc", "imminent", "danger of death", "serious", "pursu", "commenc",
        ),
        "legal_process": (
            "subpoena", "court", "warrant", "legal", "lawful", "judicial", "compulsory", "administrative",
        ),
        "required_by_law": (
            "law", "statute", "regulat", "legislation", "authorit", "required or permitted", "legally",
            "rules", "legal", "court", "required by", "duty to", "obliged to report",
        ),
        "business_transfer": (
            "merge", "acqui", "purchas", "bought", "bankrupt", "insolven", "receivership", "liquidation",
            "dissolution", "reorgani", "divest", "amalgamat", "change", "business transition", "corporate",
            "successor", "out of business", "transfer", "sale", "sell", "sold", "buy", "take over",
            "restructur", "joint venture", "assets",
        ),
    }
)

# A verb of handing data over; the "self-judged grounds" rules need one in the same sentence.
DISCLOSE_VERB = rx(
    r"\b(?:disclos|shar|releas|transfer|furnish|turn\w* over|mak\w* (?:\w+ )?available|preserv|sell|sold|"
    r"assign|forward|reveal|divulg|transmit|respond|cooperat|co-operat)\w*|"
    # verbs whose stem starts other words ("password", "handle", "supplement") are spelled out
    r"\b(?:pass(?:es|ed|ing)?\s+(?:\w+\s+){0,4}?(?:on|along|to)|hand(?:s|ed|ing)? (?:over|\w+ over)|"
    r"suppl(?:y|ies|ied|ying))\b|"
    # "reported to the authorities" hands data over; "regulatory reporting obligations" does not
    r"\breport(?:s|ed|ing)?\b(?!\s+(?:obligations?|duties|duty|requirements?|purposes))|"
    r"\b(?:provid|giv|send)\w*\s+(?!you\b|us\b)(?:\w+\s+){0,3}?(?:information|data|details|records|content|"
    r"it|them|this|such|identifiers?|addresses)\b(?:\s+\w+){0,10}?\s+(?:to|with)\b|"
    r"\b(?:entitled to|gain|obtain|have|allow\w*|grant\w*)\s+access\s+to\s+(?:your|personal|user|customer)|"
    r"\baccess(?:ing)?\s+(?:your|personal|user|customer)\s+(?:[\w-]+\s+)?(?:information|data|content|accounts?)"
)

# A disclosure verb that hands data TO the company ("sources legally entitled to share it with us"), is
# the user's act ("information posted, shared or saved by a user") or a noun ("file sharing") is not
# the company disclosing anything.
NOT_OUR_DISCLOSURE = rx(
    r"\w*\s+(?:(?:it|them|this|that|such|the|your|personal|\w+)\s+){0,3}?(?:with|to) us\b|"
    r"\w*\s+(?:\w+\s+){0,3}?by (?:a |the |any |other )?(?:\w+ )?(?:users?|you|members?|customers?)\b"
)
# ... or whose subject is the user: "if any user has posted, shared or saved material".
USER_SUBJECT = rx(
    r"\b(?:you|users?|members?|customers?)\s+(?:(?:has|have|had|may|can|could|will|might|also|then|"
    r"choose to|decide to)\s+){0,2}(?:(?!we\b|it\b|they\b)\w+,?\s+(?:or\s+|and\s+)?){0,3}$"
)
FILE_SHARING = rx(r"(?:file|photo|video|screen|social|peer-to-peer|p2p)[- ]$")

#: Phrasing families, strongest first. Each regex is bounded: no nested unbounded quantifiers.
RULES: tuple[Rule, ...] = (
    # "we may disclose information when we believe in good faith that disclosure is reasonably
    # necessary" / "as we deem appropriate" / "at our sole discretion" (Automattic, Microsoft, Amazon).
    rule(
        "self_judged_necessity",
        r"(?<!you )\bbelieve in good faith\b|\bgood[- ]faith (?:belief|believe|determination)|"
        r"\bin (?:our )?good[- ]faith\b|"
        r"\bsole (?:and absolute )?discretion\b|\bas (?:we|it) (?:deems?|sees? fit|considers?)|"
        # the company's judgement ("activities THEY deem necessary" is the recipient's)
        r"\b(?:we|it|company)\s+(?:reasonably\s+|may\s+)?(?:believes?|determines?|deems?|decides?|"
        r"considers?)"
        r"\b.{0,60}?\b(?:necessary|appropriate|required|advisable|warranted|needed)\b|"
        r"\bwhenever we (?:deem|believe|consider)",
        "high",
        "the company itself decides when a disclosure is necessary or appropriate",
    ),
    # "to law enforcement on request", "if a government agency or investigatory body requests"
    # (OPP-115 "Legal requirement" annotations; ToS;DR "data given to law enforcement on request").
    rule(
        "law_enforcement_request",
        r"\blaw[- ]enforcement\b|\bpolice\b|\bnational security\b|\binvestigatory bod|"
        r"\b(?:government(?:al)?|public|judicial|regulatory|state|federal|tax|competent)\s+"
        r"(?:agenc(?:y|ies)|authorit(?:y|ies)|officials?|bod(?:y|ies)|requests?|entities|investigators?)\b|"
        r"\bgovernment (?:request|authority|order)|\b(?:relevant|competent|appropriate|other|foreign|"
        r"legal)\s+"
        r"authorit(?:y|ies)\b|\bcourts?\s+(?:and|or)\s+(?:other\s+)?(?:authorities|regulators|agencies)\b",
        "high",
        "data can go to the police or government authorities on their request",
    ),
    # "to protect the rights, property or safety of Amazon, our users or others", "to enforce our
    # Terms", "for our legitimate interests" (Amazon, Hulu, GDPR-style policies).
    rule(
        "protect_own_interests",
        # the verb only: "protected health information and your rights", "privacy protections" are not
        r"\bprotect(?:s|ing)?\s+(?:and\s+defend\s+)?(?:\w+,?\s+){0,5}?(?:rights|property|safety|interests)\b|"
        r"\benforc(?:e|es|ing)\s+(?:our|its|the|these|this|their|any|applicable)\s+(?:\w+\s+){0,2}?(?:terms|"
        r"agreements?|polic(?:y|ies)|rights|rules|conditions)\b|"
        r"\blegitimate (?:business )?interests?\b|\bdefend\w*\s+(?:\w+\s+){0,3}?(?:claims|rights|lawsuits)\b|"
        r"\b(?:establish|exercise)\w*\s+(?:\w+\s+){0,3}?legal (?:rights|claims)|"
        r"\bprevent\w*\s+(?:\w+\s+){0,2}?"
        r"(?:fraud|harm|injury|illegal)|\binvestigat\w*\s+(?:\w+\s+){0,3}?(?:fraud|illegal|violations?|"
        r"wrongdoing)|"
        r"\b(?:prevent\w*|respond\w* to|in) an? emergenc|\bimminent\b|\bdanger of death|"
        r"\bserious (?:physical |bodily )?(?:harm|injury)|\b(?:defend|pursue|commence)\w*\s+(?:\w+\s+){0,3}?"
        r"(?:litigation|lawsuits?|remedies|legal action)|\bdefend (?:ourselves|itself|themselves)\b",
        "high",
        "the company may share data whenever it judges it needed to protect its own rights or interests",
    ),
    # "in response to subpoenas, court orders, or other legal process" (OPP-115, Valve, Kinja).
    rule(
        "legal_process",
        r"\bsubpoenas?\b|\bcourt[- ]orders?\b|\borders? (?:of|from|by) a court\b|\bordered\b.{0,30}\bcourt\b|"
        r"\b(?:search|valid|court[- ]issued|judicial) warrants?\b|\bwarrants?,|"
        r"\b(?:subpoenas?|orders?),?\s+(?:or\s+)?warrants?\b|\bwarrants? or (?:court|subpoena|other)|"
        r"\blegal (?:process|proceedings?|requests?)\b|"
        r"\blawful (?:requests?|process|orders?)\b|\bjudicial (?:proceedings?|process)\b|\blegal demands?\b|"
        r"\bcompulsory process\b|\badministrative (?:orders?|tribunal)",
        "medium",
        "data can be handed over in answer to legal demands such as subpoenas or court orders",
    ),
    # "as required by law", "when we are legally required to do so", "to comply with applicable
    # laws and regulations", "compelled by Open Records law" (OPP-115 "Legal requirement").
    rule(
        "required_by_law",
        r"\b(?:required|compelled|obliged|obligated|mandated|necessary|requested)\s+(?:to do so\s+)?"
        r"(?:by|under)\s+(?:\w+\s+){0,3}?(?:laws?|statutes?|regulations?|legislation|authorities)\b|"
        r"\brequired or permitted by\b|\blegally (?:\w+ or )?(?:required|obliged|obligated|compelled|bound|"
        r"entitled)\b|"
        r"\bthe law requires\b|\brequired by\s+(?:\w+\s+){0,2}?law\b|"
        r"\b(?:comply|compliance|conform)\w*\s+with\s+(?:\w+,?\s+){0,5}?(?:laws?|regulations?|statutes?|"
        r"rules|"
        r"legal (?:obligations?|requirements?|process|duties|orders?|requests?))\b|"
        r"\bin accordance with\s+(?:\w+\s+){0,3}?(?:laws|legal requirements|court orders?)\b|"
        r"\b(?:satisfy|meet)\s+(?:\w+\s+){0,3}?(?:laws?|regulations?|legal)\b|"
        r"\bas (?:otherwise )?required by\b|\bduty to (?:disclose|share|comply)|\bobliged to report",
        "medium",
        "data can be handed over whenever a law or authority is said to require it",
    ),
    # "In the event of a merger, acquisition, bankruptcy or sale of assets, your information may be
    # transferred" (ToS;DR "your data may be sold or transferred in a merger"; OPP-115 "Merger/Acquisition").
    rule(
        "business_transfer",
        r"\bmergers?\b|\bmerged?\s+(?:with|into)\b|\b(?:is|are|be|being)\s+merged\b|"
        r"\b(?<!user )(?<!customer )(?<!data )acquisitions?\b|"
        r"\b(?:acquired|purchased|bought)\s+by\b|\b(?:is|are|be|were|was|being)\s+acquired\b|"
        r"\bacquires\s+(?:us|the company|all)|"
        r"\bbankrupt|\binsolven|\breceivership\b|\bliquidation\b|\bdissolution\b|\breorgani[sz]ation|"
        r"\bdivest|\bamalgamat|\bchange (?:of|in) (?:control|ownership)|\bbusiness transitions?\b|"
        r"\bcorporate (?:transactions?|sale|events?|restructuring)|\bsuccessors?\b|"
        r"\bgo(?:es)? out of business\b|"
        r"\btransfer of (?:ownership|assets|control)|\bchange\w* (?:\w+ ){0,2}?ownership\b|"
        r"\b(?:sale|transfer)\s+(?:or transfer\s+)?of\s+(?:\w+\s+){0,6}?(?:assets|business|company|stock|"
        r"shares)\b|"
        r"\b(?:acquir|purchas)\w*\s+(?:all|some|part|substantially|a portion|any)\s+(?:\w+\s+){0,4}?(?:our|"
        r"its)\s+"
        r"(?:\w+\s+)?(?:assets|business|company|stock|shares)\b|"
        r"\b(?:business|company|companies|sites?|services?|websites?|assets|division|brand|operations|we|"
        r"us)\s+"
        r"(?:\w+\s+){0,3}?(?:is|are|be|being|were|was|get|gets)\s+(?:\w+\s+)?sold\b|"
        r"\b(?:sell|buy|merge)\w*(?:,?\s+(?:(?:and/or|or|and)\s+)?(?:sell|buy|merge|partner)\w*){1,3},?\s+"
        r"(?:with|to)\s+(?:other|another)\s+(?:compan|business|entit)|\btake over\s+(?:\w+\s+){0,2}?"
        r"(?:management|operation|ownership|control)\b|"
        r"\b(?:sold|merged|acquired),?\s+or\s+(?:merged|sold|acquired)\b|"
        r"\b(?:has|have|had)\s+merged\b|\brestructur\w*|\bjoint ventures?\b|"
        r"\b(?:sell|sold|buy|bought|transfer\w*)\s+(?:\w+\s+){0,8}?(?:assets|(?:our|its|their|of the)\s+"
        r"(?:\w+\s+)?business(?:es)?|stock)\b|"
        r"\b(?:transferred|business|acquired) assets\b|\bassets (?:transferred|sold|acquired)\b|"
        r"\bmay be sold\b",
        "medium",
        "if the company is sold or merged, your data goes with it as a business asset",
    ),
)

#: Rule names that only count when the sentence also has a disclosure verb ("protect our rights"
#: alone may be about security, "comply with law" alone may be about retention).
NEEDS_DISCLOSE_VERB = frozenset(
    {"protect_own_interests", "required_by_law", "self_judged_necessity", "law_enforcement_request"}
)
#: Rule names about legal demands, which a narrow-scope promise can cancel.
LEGAL_RULES = frozenset(
    {"self_judged_necessity", "law_enforcement_request", "legal_process", "required_by_law"}
)

# Scope: "only in response to a valid court-issued warrant, and we will notify you" is a narrow,
# checked ground (Signal- and ProtonMail-style transparency promises): a court decides and you are told,
# so you can contest it. It cancels the legal rules, unless broader grounds sit in the same sentence.
COURT_SUPERVISED = rx(
    r"\b(?:court[- ]issued|issued by a court|court orders?|(?:valid|search|judicial) warrants?|warrants?)\b"
)
BROADER_GROUNDS = rx(
    r"\bsubpoena|\blegal process|\bgood[- ]faith|\bbelieve|\bdiscretion|\bprotect|\b(?:on|upon) request\b|"
    r"\b(?:government\w*|law[- ]enforcement|official|lawful|legal|agency)\s+requests?\b"
)
# "we will notify you", "the affected customer shall be notified".
NOTIFIES_USER = rx(
    r"\b(?:notify|inform|tell|alert|warn|let)\w*\s+(?:you|the (?:affected )?(?:users?|customers?|members?)|"
    r"affected (?:users|customers)|our (?:users|customers))\b|"
    r"\b(?:you|users?|customers?|members?|account holders?)\s+(?:\w+\s+){0,2}?(?:be|is|are|will be)\s+"
    r"(?:promptly\s+|first\s+)?notified\b"
)
# Scope: "we will ask for your consent before any transfer in an acquisition" makes a business
# transfer the user's choice; it cancels the business-transfer rule.
CONSENT_FIRST = rx(
    r"\b(?:ask|obtain|seek|request|get|require)\w*\s+(?:for\s+)?(?:your|the user'?s?|users'?)\s+"
    r"(?:\w+\s+){0,2}?(?:consent|permission|approval|agreement)\b|"
    r"\b(?:not|never)\b.{0,160}?\bwithout\s+(?:first\s+)?(?:obtaining\s+|getting\s+|receiving\s+)?"
    r"(?:your|the|their|prior|express)\s+(?:\w+\s+){0,3}?(?:consent|permission|approval)\b|"
    r"\bonly with your (?:\w+\s+)?(?:consent|permission)\b"
)
# Negation: "we do not sell or share your data, except as required by law" is a promise whose only
# hole is a legal demand: still a finding (the law ground is open-ended) but low severity.
PROMISE = rx(
    r"\b(?:do|does|will|shall|would)\s*(?:not|n't)\s+(?:and will not\s+)?(?:\w+\s+){0,2}?"
    r"(?:disclos|shar|sell|releas|provid|transfer|giv|rent|trade)\w*|\bnever\s+(?:\w+\s+){0,2}?"
    r"(?:disclos|shar|sell|releas|provid|transfer|giv|rent)\w*|\bno (?:personal )?(?:data|information) "
    r"(?:will|shall) be (?:disclosed|shared|released|provided|transferred)"
)
# Mentions of law that are about the user's rights or retention, not about handing data over.
NOT_DISCLOSURE = rx(
    r"^(?:\w+\s+){0,6}?(?:you have|you may have|your rights?|right to (?:access|request|delete|opt))\b|"
    r"\b(?:retain|keep|store|delete)\w*\b|\b(?:justification|legal basis|lawful basis|article \d)"
)
#: A list item under "we may disclose your data when:" has no verb of its own: it is short, and it
#: opens in lower case or with a connective, or ends without a period ("to comply with law;").
FRAGMENT_WORDS = 20
CONNECTIVE = rx(r"(?:when|where|if|as|to|in order to|for|in response to|in connection with)\b")
# A fragment has no subject of its own: "If we learn of a breach, we will notify you" is a sentence.
HAS_SUBJECT = rx(r"\b(?:we|you|they|it)\b")
# Disclosures of data that identifies nobody are not a privacy risk ("we may disclose aggregated,
# anonymous information as we deem appropriate").
NON_PERSONAL = rx(
    r"\b(?:aggregated?|anonymous(?:ly)?|anonymi[sz]ed|non-personal|non-identifying|de-identified|"
    r"non-personally|statistical)\b"
)
PERSONAL = rx(
    r"(?<!non-)(?<!non )\bpersonal(?:ly identifiable)? (?:information|data)\b|"
    r"\byour (?:personal|information)\b"
)
#: Rules a disclosure of anonymous data cancels (legal demands still count: the data may be linkable).
SELF_JUDGED_RULES = frozenset({"self_judged_necessity", "protect_own_interests"})
# After a recipient that opens a list item: "Government authorities, when ...", "Police (if ...)".
RECIPIENT_HEADING_END = rx(r"(?:\s+\w+){0,3}?\s{0,3}(?:[,:;(]|when\b|if\b|where\b|or\b|and\b|upon\b|to\b)")
# Contract boilerplate that mentions courts and law without any disclosure: severability, governing
# law, waiver clauses of terms of service.
BOILERPLATE = rx(
    r"\b(?:unenforceable|severab\w*|governed by|construed in accordance|waiver|remain in (?:full )?force|"
    r"counter-notice|indemnif\w*)\b"
)
# Fraud prevention as a purpose of sharing with the company's own processors ("we share payment data
# with payment service providers to process payments and prevent fraud"), or in a list of CCPA
# "business purposes", is a routine use, not a self-judged ground; with an authority or the law named
# it still counts ("to law enforcement to investigate fraud").
ROUTINE_PROTECTION = rx(r"(?:prevent|investigat|detect)")
PROCESSORS = rx(
    r"\b(?:service providers?|vendors?|processors?|payment (?:service )?providers?|contractors|"
    r"business purposes)\b"
)
AUTHORITY = rx(r"\b(?:law|laws|legal\w*|authorit\w*|police|government\w*|courts?|regulators?|officials?)\b")
# "user acquisition", "conversions, acquisitions and campaign performance" are marketing metrics; an
# acquisition of the company comes with a merger, sale, assets or a transaction.
MARKETING_ACQUISITION = rx(r"\b(?:user|customer|install|campaigns?|conversions?|attribution|marketing)\b")
CORPORATE_CONTEXT = rx(
    r"\b(?:merge\w*|sale|sold|bankrupt\w*|assets?|corporate|transactions?|successor|reorgani\w*|"
    r"business(?:es)? (?:transfer|transition)|company|ownership)\b"
)
# "such third parties as we determine is necessary to process your transactions": the judgement is
# bounded by a service the user asked for.
SERVICE_NECESSITY = rx(
    r"\s+(?:\w+\s+){0,2}?(?:to|for|in order to)\s+(?:process|complet|provid|fulfil|deliver|perform|operat|"
    r"run)\w*\s+(?:your|the|our)\s+(?:\w+\s+)?(?:transactions?|orders?|purchases?|services?|requests?|"
    r"payments?)\b"
)

# "we will post changes ... in other places we deem appropriate" is about notice of changes.
POLICY_CHANGE = rx(r"\bchang\w* (?:to )?(?:this|our|the) (?:privacy )?(?:policy|notice|statement)")

SUMMARIES: dict[str, str] = {
    "self_judged_necessity": "hand your data to others whenever it decides that is necessary",
    "law_enforcement_request": "give your data to police or government authorities that ask for it",
    "protect_own_interests": "share your data to protect its own rights, property or interests",
    "legal_process": "hand your data over in answer to subpoenas, court orders or other legal demands",
    "required_by_law": "disclose your data whenever it says the law requires it",
    "business_transfer": "transfer your data to a buyer if the company is merged, sold or goes bankrupt",
}
CLEAN_SUMMARY = "No clause was found letting the company disclose your data on broad grounds of its own."


def _hits_in(
    original: str, low: str, families: set[str], lead_in: str | None
) -> list[tuple[Rule, Severity, str]]:
    """Rules of ``families`` matching one sentence, after scope and negation, with severity and a note.

    ``low`` is the lower-cased sentence (patterns are lower case); ``original`` is used for quoting
    and for the shape of list fragments; ``lead_in`` is the lower-cased sentence that introduces
    the list the sentence belongs to ("we may share your data:"), or None.
    """
    found_rules = [(r, m) for r in RULES if r.name in families for m in (_first_broad(r, low),) if m]
    if not found_rules or BOILERPLATE.search(low):
        return []
    names = {r.name for r, _ in found_rules}
    # Scope checks run only when a rule they could cancel matched (they are most of the cost).
    grounded = not (names & NEEDS_DISCLOSE_VERB) or _discloses(original, low, lead_in)
    narrow = bool(names & LEGAL_RULES) and _court_supervised(low)
    anonymous_only = bool(names & SELF_JUDGED_RULES) and _anonymous_only(low)
    policy_change = "self_judged_necessity" in names and POLICY_CHANGE.search(low) is not None
    consent_first = "business_transfer" in names and CONSENT_FIRST.search(low) is not None
    promise = bool(names & {"legal_process", "required_by_law"}) and PROMISE.search(low) is not None
    matched: list[tuple[Rule, Severity, str]] = []
    for candidate, found in found_rules:
        # A list item that opens with the recipient ("Law enforcement authorities, when ...") names a
        # disclosure without a verb of its own.
        opens_with_recipient = (
            candidate.name == "law_enforcement_request"
            and found.start() <= 25
            and RECIPIENT_HEADING_END.match(low, found.end()) is not None
        )
        if candidate.name in NEEDS_DISCLOSE_VERB and not (grounded or opens_with_recipient):
            continue
        # "at our sole discretion we may terminate your account" judges something else: the judgement
        # must sit next to the disclosure it allows.
        if candidate.name == "self_judged_necessity" and not _verb_near(low, found, lead_in):
            continue
        if candidate.name in LEGAL_RULES and narrow:
            continue
        if candidate.name in SELF_JUDGED_RULES and anonymous_only:
            continue
        if policy_change and candidate.name == "self_judged_necessity":
            continue
        if consent_first and candidate.name == "business_transfer":
            continue
        severity = candidate.severity
        note = f'matched "{original[found.start() : found.end()]}": {candidate.why}'
        if promise and candidate.name in {"legal_process", "required_by_law"}:
            severity = "low"
            note += "; the sentence is a promise not to share, but it leaves open legal demands"
        matched.append((candidate, severity, note))
    return matched


def _first_broad(candidate: Rule, low: str) -> re.Match[str] | None:
    """The first match of a rule that is not a routine purpose (fraud checks by processors, marketing
    "acquisition", a judgement bounded by the user's own transaction)."""
    routine: bool | None = None  # whole-sentence checks, computed at most once
    for found in candidate.regex.finditer(low):
        if candidate.name == "protect_own_interests" and ROUTINE_PROTECTION.match(found.group(0)):
            if routine is None:
                routine = PROCESSORS.search(low) is not None and AUTHORITY.search(low) is None
            if routine:
                continue
        elif candidate.name == "business_transfer" and found.group(0).startswith("acquisition"):
            if routine is None:
                routine = MARKETING_ACQUISITION.search(low) is not None and not CORPORATE_CONTEXT.search(low)
            if routine:
                continue
        elif candidate.name == "self_judged_necessity" and SERVICE_NECESSITY.match(low, found.end()):
            continue
        return found
    return None


def _discloses(original: str, low: str, lead_in: str | None) -> bool:
    """Whether the sentence hands data over: a disclosure verb, or a verb-less list item under one."""
    if _disclosure_verb(low, 0, len(low)):
        return True
    shaped = (
        original[:1].islower()
        or original[:1] == "("
        or not original.endswith((".", ":"))  # a line ending in ":" introduces a list
        or (CONNECTIVE.match(low) is not None and HAS_SUBJECT.search(low) is None)
    )
    return (
        shaped
        and len(low.split()) <= FRAGMENT_WORDS
        and not NOT_DISCLOSURE.search(low)
        # under "We use your information to:" a fragment is a use, not a disclosure
        and (lead_in is None or _disclosure_verb(lead_in, 0, len(lead_in)) is not None)
    )


#: How far (in characters) a self-judged ground may sit from the verb of disclosure it governs.
NEAR = 120


def _verb_near(low: str, found: re.Match[str], lead_in: str | None) -> bool:
    """A disclosure verb within NEAR characters of the match (or in the list's lead-in)."""
    if _disclosure_verb(low, max(0, found.start() - NEAR), found.end() + NEAR):
        return True
    return lead_in is not None and _disclosure_verb(lead_in, 0, len(lead_in)) is not None


def _disclosure_verb(low: str, start: int, end: int) -> re.Match[str] | None:
    """The first verb in ``low[start:end]`` by which the company hands data to someone else."""
    for verb in DISCLOSE_VERB.finditer(low, start, end):
        before = max(0, verb.start() - 60)
        if (
            NOT_OUR_DISCLOSURE.match(low, verb.end())
            or FILE_SHARING.search(low, max(0, verb.start() - 12), verb.start())
            or USER_SUBJECT.search(low, before, verb.start())
        ):
            continue
        return verb
    return None


def _court_supervised(low: str) -> bool:
    """A court decides and the user is told, with no broader ground before the promise of notice."""
    notice = NOTIFIES_USER.search(low)
    return (
        notice is not None
        and COURT_SUPERVISED.search(low) is not None
        and BROADER_GROUNDS.search(low, 0, notice.start()) is None
    )


def _anonymous_only(low: str) -> bool:
    """The sentence is about aggregated or anonymous data only."""
    return NON_PERSONAL.search(low) is not None and PERSONAL.search(low) is None


def detect(doc: Document) -> RiskFinding:
    """Find clauses allowing disclosure on broad, self-judged grounds (one pass over the text)."""
    hits: list[Hit] = []
    families: list[str] = []
    for index, sentence, low, names in ANCHORS.candidate_sentences(doc):
        matched = _hits_in(sentence.text, low, names, _lead_in(doc, index))
        if not matched:
            continue
        best = max(matched, key=lambda m: SEVERITY_RANK[m[1]])
        hits.append(Hit(sentence, best[0].name, best[1], f"Rule {best[0].name} {best[2]}."))
        families.extend(m[0].name for m in matched if m[0].name not in families)
    summary = "The company may " + _join([SUMMARIES[name] for name in _ordered(families)]) + "."
    return finding(RISK_ID, TITLE, hits, summary, CLEAN_SUMMARY)


#: How many sentences back to look for the line that introduces a list.
LEAD_IN_WINDOW = 12


def _lead_in(doc: Document, index: int) -> str | None:
    """The lower-cased sentence ending in ":" that opens the list holding sentence ``index``, if any."""
    for back in range(index - 1, max(-1, index - 1 - LEAD_IN_WINDOW), -1):
        text = doc.sentences[back].text
        if text.endswith(":"):
            return sentence_low(doc, doc.sentences[back])
        if text.endswith((".", "!", "?")):
            return None  # a full sentence ends any list before it
    return None


def _ordered(families: list[str]) -> list[str]:
    """Family names in rule order, at most three (a summary is one sentence)."""
    order = [r.name for r in RULES]
    return sorted(set(families), key=order.index)[:3]


def _join(parts: list[str]) -> str:
    """Join clauses as "a, b or c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " or " + parts[-1]
