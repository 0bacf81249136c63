"""Is this text a privacy policy at all, and is it a whole one? Cue-based, linear, documented.

A privacy policy talks to its reader ("we collect", "your information"), uses a recognisable
vocabulary (personal data, third parties, cookies, opt out) and, above all, covers several of the
topics that privacy laws and the FTC's fair-information practices make every policy address:
what is collected, how it is used and shared, cookies, choices and rights, retention, security,
children, changes and contact. A cookie banner covers one or two of those topics, a news article
about privacy uses the vocabulary but not the second person, a footer is too short, and a policy in
another language matches almost none of the English cues.

``confidence`` is a weighted sum of four capped features (weights in ``WEIGHTS``), scaled down for
texts shorter than ``MIN_POLICY_WORDS``. ``is_whole_policy`` additionally asks for the breadth of a
complete policy (``WHOLE_POLICY_MIN_TOPICS``, ``WHOLE_POLICY_MIN_WORDS``), so a single paragraph or
sentence never counts as one. Every regex here is a bounded alternation scanned once over the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

#: Fewer words than this is too short to judge: the shortest real policies we have seen run to about
#: 100 words; footers and cookie banners are typically 20-60.
MIN_POLICY_WORDS = 80
#: Fewer distinct words than this is a phrase repeated, not a policy (the shortest real policies use
#: 70 or more different words; "we may disclose" repeated 100,000 times uses three).
MIN_DISTINCT_WORDS = 50
#: At or above this confidence a text is treated as a privacy policy.
POLICY_THRESHOLD = 0.5
#: A whole policy covers at least this many of the TOPICS. Measured on ../shared/corpus: 124 of 132
#: whole policies cover 6 or more, while 7 of ~7,000 labeled paragraphs reach 6 with 300+ words.
WHOLE_POLICY_MIN_TOPICS = 6
#: ... and has at least this many words (shorter texts are fragments, or policies too thin to tell
#: whether an opt-out is missing or merely elsewhere).
WHOLE_POLICY_MIN_WORDS = 300
#: Share of English function words below which a text is not English (English prose: 35-50%;
#: French, German or Spanish text scores under 10% on this list).
MIN_ENGLISH_RATIO = 0.2
#: ... unless it holds this many English function words (about 1,000 words of English): pages that
#: carry the policy in several languages are still readable English policies.
MIN_ENGLISH_HITS = 400

#: Feature weights; they sum to 1.
WEIGHTS = {
    "topics": 0.45,  # breadth of policy topics covered: the strongest single signal
    "address": 0.25,  # "we"/"you" talk: policies address the reader, news articles describe a company
    "vocabulary": 0.15,  # density of privacy vocabulary per 100 words (a news story about privacy has it too)
    "headings": 0.15,  # section headings such as "Information we collect", "Your choices"
}
#: Where each capped feature saturates (feature value that counts as 1.0). Whole policies in the
#: corpus cover 8-12 topics, use "we"/"you" in 4-10% of words and privacy vocabulary in 4-9%.
SATURATION = {"topics": 8, "address": 0.04, "vocabulary": 5.0, "headings": 3}

# Every pattern below runs on the lower-cased text (cheaper than IGNORECASE in Python's re). Topic
# phrases start with a letter, not \b, so the regex engine can skip ahead by first character.
TOPICS: dict[str, tuple[str, ...]] = {
    "collection": (  # "Information we collect" / "We may collect ..."
        r"(?:we|may|automatically) collect",
        r"information (?:that )?we (?:collect|receive)",
        r"collection of (?:your )?(?:personal )?(?:information|data)",
    ),
    "use": (  # "How we use your information" / "We use the information to ..."
        r"how we use\b",
        r"we (?:may )?use (?:the|this|your|such|personal)\b",
        r"use of (?:your )?(?:personal )?(?:information|data)\b",
        r"purposes? of processing",
    ),
    "sharing": (  # "We share your information with service providers / third parties"
        r"(?:share|sharing|disclose|disclosure of|sell|transfer) (?:your|personal|such)\b",
        r"third[- ]part(?:y|ies)\b",
        r"service providers?\b",
    ),
    "cookies": (r"cookies?\b", r"web beacons?\b", r"pixel tags?\b", r"tracking technolog"),
    "choices": (  # FTC "choice" and "access"; GDPR Art. 15-21 rights
        r"opt[- ]?(?:out|in)\b",
        r"unsubscribe\b",
        r"your (?:rights|choices)\b",
        r"right to (?:access|delete|erasure|object|rectif)",
        r"withdraw (?:your )?consent",
        r"do not track\b",
        r"(?:access|correct|update|delete) your (?:personal )?(?:information|data)",
    ),
    "retention": (  # GDPR Art. 13(2)(a): how long data is kept
        r"retain\b",
        r"retention\b",
        r"we (?:keep|store) (?:your )?(?:personal )?(?:information|data)\b",
        r"as long as (?:necessary|needed|your account)",
    ),
    "security": (r"security\b", r"safeguards?\b", r"encrypt", r"unauthori[sz]ed access\b"),
    "children": (r"children\b", r"under (?:the age of )?1[368]\b", r"minors\b", r"coppa\b"),
    "changes": (  # CalOPPA: how changes are announced, effective date
        r"changes? to (?:this|our) (?:privacy )?(?:policy|notice|statement)\b",
        r"(?:update|modify|amend|change) this (?:privacy )?(?:policy|notice|statement)\b",
        r"last (?:updated|modified|revised)\b",
        r"effective date\b",
    ),
    "contact": (
        r"contact us\b",
        r"questions (?:about|regarding|concerning)\b",
        r"privacy@",
        r"data protection officer\b",
    ),
    "legal": (  # GDPR / CCPA / Privacy Shield vocabulary
        r"gdpr\b",
        r"ccpa\b",
        r"(?:legal|lawful) basis\b",
        r"data controller\b",
        r"privacy shield\b",
        r"california (?:residents|consumers?)\b",
    ),
    "self_reference": (r"privacy (?:policy|notice|statement)\b",),
}
_TOPIC_PATTERNS = {name: re.compile("|".join(phrases)) for name, phrases in TOPICS.items()}
#: Word beginnings of which every phrase of a topic contains at least one. A topic whose anchors are
#: all absent from the text's words is skipped without a scan, so a long text that matches nothing
#: (an attack, a repeated phrase) costs one Counter, not twelve full regex passes.
TOPIC_ANCHORS: dict[str, tuple[str, ...]] = {
    "collection": ("collect", "information"),
    "use": ("use", "processing"),
    "sharing": ("share", "sharing", "disclos", "sell", "transfer", "third", "service"),
    "cookies": ("cookie", "beacon", "pixel", "tracking"),
    "choices": ("opt", "unsubscribe", "rights", "choices", "right", "withdraw", "track", "access", "correct",
                "update", "delete"),
    "retention": ("retain", "retention", "keep", "store", "long"),
    "security": ("security", "safeguard", "encrypt", "unauthori"),
    "children": ("children", "under", "minors", "coppa"),
    "changes": ("change", "update", "modify", "amend", "last", "effective"),
    "contact": ("contact", "questions", "privacy", "data"),
    "legal": ("gdpr", "ccpa", "legal", "lawful", "controller", "privacy", "california"),
    "self_reference": ("privacy",),
}
#: Privacy vocabulary (single words) whose density per 100 words separates policies from other prose.
VOCABULARY = frozenset(
    """privacy personal cookie cookies consent disclose disclosure collect collects collected collection
    data information third retain retention processing opt unsubscribe""".split()  # noqa: SIM905
)
#: Words that address the reader or speak for the company.
ADDRESS_WORDS = frozenset(["we", "us", "our", "ours", "you", "your", "yours"])
#: Very common English function words (from the top of any English frequency list).
ENGLISH_FUNCTION_WORDS = frozenset(
    """the and of to in is that for with as on by this are be or from it not will we you our your may
    can any have has which when if an a at all other such these those about how what""".split()  # noqa: SIM905
)
#: A heading line: short, on its own line, without a full stop, naming a policy subject
#: ("3. HOW WE USE YOUR INFORMATION", "Children's privacy", "What choices do I have?").
_HEADING = re.compile(
    r"^[^\n.!]{0,40}\b(?:information|data|cookies|security|privacy|children|contact(?:ing)? us|choices"
    r"|rights|retention|sharing|disclosure|opt[- ]?out|third[- ]part(?:y|ies)|tracking)\b[^\n.!]{0,40}$",
    re.MULTILINE,
)
_WORD = re.compile(r"\w+")

# --- what kind of document: a policy speaks of its own practices ---------------------------------
# Look-alikes use the vocabulary of privacy without being a company's privacy policy: terms of
# service (a contract), a cookie policy (one topic), a help article or a blog post about privacy
# (they describe others or a setting). Each test below is a ratio per 1,000 words; the thresholds
# were set on ../shared/corpus (modern policies, four look-alike probes, 132 older policies) with
# room on both sides, and are checked by tests/scoring/test_policy_detection.py on our own texts.

#: The company speaking of its own practices: "we collect", "Acme may share", "data is stored".
_VOICE = re.compile(
    r"\b(?:we|the company|the operator)\s+(?:[\w'-]+\s+){0,2}?(?:collect|use|share|disclose|process|retain|"
    r"store|keep|sell|receive|obtain|gather|transfer|record)\w*\b|"
    r"\b(?:information|data)\s+(?:that\s+|which\s+)?(?:is|are|will be|may be|might be)\s+(?:collected|used|"
    r"shared|"
    r"disclosed|stored|retained|processed)\b"
)
#: The text names itself a privacy policy ("this Privacy Policy", "our privacy notice", a title line).
_SELF_NAMED = re.compile(
    r"\b(?:this|the present|these)\s+(?:online\s+)?(?:privacy\s+|data protection\s+)?(?:policy|notice|"
    r"statement)\b|"
    r"\bour privacy (?:policy|notice|statement)\b|"
    # a title line: "Acme Privacy Policy", "Privacy Notice (updated May 2025)"
    r"^[ \t]*(?:[^\s]+[ \t]+){0,5}?(?:privacy|data protection)[ \t]+(?:policy|notice|statement|declaration)"
    r"(?:[ \t]+[^\s]+){0,2}[ \t]*(?:\([^()\n]{0,40}\))?[ \t]*$",
    re.MULTILINE,
)
_CONTRACT = re.compile(
    r"\b(?:this agreement|these terms|terms of (?:service|use)|liab(?:le|ility)|indemnif\w*|warrant(?:y|ies)|"
    r"governing law|arbitration|fees?|payments?|breach|termination|intellectual property)\b"
)
_COOKIE = re.compile(r"\bcookies?\b")
_PRIVACY_TERMS = re.compile(
    r"\b(?:personal (?:data|information)|privacy|third parties|opt[- ]?out|retention|data protection)\b"
)
_TERMS_TITLE = re.compile(
    r"\b(?:terms (?:of (?:service|use|sale)|and conditions)|user agreement|customer agreement|licen[cs]e "
    r"agreement)\b"
)
_COOKIE_TITLE = re.compile(r"\bcookies? (?:policy|notice|statement)\b")
_PRIVACY_TITLE = re.compile(r"\bprivacy\b|\bdata protection\b")
#: Voice per 1,000 words below which a text that never names itself a policy is about privacy, not
#: a policy (policies in the corpus: 1.1 to 18; a help article 0, a blog post 0.4).
MIN_VOICE_UNNAMED = 3.0
#: Writing about policies in general: "a privacy policy", "most policies", "companies", "apps". An
#: article or a guide speaks of policies and companies in the plural or indefinitely; a policy speaks
#: of itself and of its company.
_GENERIC_POLICIES = re.compile(
    r"\b(?:(?:a|every|most|many|some|their|these|such|other) (?:privacy )?polic(?:y|ies)|policies|companies"
    r"|websites|apps)\b"
)
#: Reported speech, the mark of journalism ("experts say", "one lawyer said", "according to").
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|according to|spokes(?:person|man|woman))\b")
#: An unnamed text that speaks of policies in general at least this many times as often as of its own
#: practices is about policies (corpus policies that never name themselves: at most 0.4 times; an
#: article about reading policies: 11 times).
GENERIC_OVER_VOICE = 2.0
#: Reported speech per 1,000 words from which a text is journalism, named or not (corpus policies: at
#: most 1.7 with "said/says/told/according to" counted; a news story quoting two people: 15+), when it
#: also speaks of policies in general more than of its own practices.
REPORTED_SPEECH_DENSE = 8.0
#: Terms of service: contract words per 1,000 at least this many times the privacy words.
CONTRACT_OVER_PRIVACY = 2.0
#: ... or, without a title saying so, at least this dense and this dominant.
CONTRACT_DENSE, CONTRACT_DOMINANT = 10.0, 3.0
#: Cookie-only: cookie mentions per 1,000 at least this dense and this many times the privacy words
#: (the densest real policies in the corpus: 22 per 1,000 beside 19 privacy words).
COOKIE_DENSE, COOKIE_DOMINANT = 15.0, 3.0

NOT_A_POLICY_REASONS = {
    "terms": "Not graded: this reads like terms of service (a contract for using the service), not a privacy "
    "policy; the privacy policy is usually a separate page.",
    "cookies": "Not graded: this is a cookie policy; it covers cookies only, not how the service collects, "
    "uses and shares your data in general.",
    "article": "Not graded: this reads like an article or help page about privacy, not a company's own "
        "privacy "
    "policy (it never says what it collects or shares itself).",
}


def _word_group(pattern: re.Pattern[str]) -> str:
    r"""The body of a ``\b(...)\b`` pattern, to join several into one scan."""
    source = pattern.pattern
    assert source.startswith("\\b") and source.endswith("\\b"), source
    return source[2:-2]


#: The four counts look_alike always needs, in one pass over the text instead of four.
_LOOK_ALIKE_WORDS = re.compile(
    "\\b(?:"
    + "|".join(
        f"(?P<{name}>{_word_group(pattern)})"
        for name, pattern in (
            ("privacy", _PRIVACY_TERMS),
            ("contract", _CONTRACT),
            ("cookies", _COOKIE),
            ("reported", _REPORTED_SPEECH),
        )
    )
    + ")\\b"
)


def look_alike(text: str, lowered: str, words: int) -> str | None:
    """"terms", "cookies" or "article" when the text is a privacy look-alike; None for a policy."""
    per_thousand = 1000 / max(words, 1)
    title = next((line for line in lowered.splitlines() if line.strip()), "")
    counts = Counter(match.lastgroup for match in _LOOK_ALIKE_WORDS.finditer(lowered))
    privacy = counts["privacy"] * per_thousand
    contract = counts["contract"] * per_thousand
    cookies = counts["cookies"] * per_thousand
    titled_terms = _TERMS_TITLE.search(title) is not None and _PRIVACY_TITLE.search(title) is None
    if (titled_terms and contract >= CONTRACT_OVER_PRIVACY * privacy) or (
        contract >= CONTRACT_DENSE and contract >= CONTRACT_DOMINANT * privacy
    ):
        return "terms"
    titled_cookies = _COOKIE_TITLE.search(title) is not None and "privacy" not in title
    if cookies >= COOKIE_DENSE and (cookies >= COOKIE_DOMINANT * privacy or titled_cookies):
        return "cookies"
    # the company's voice costs a scan for its names: read it only when a test needs it
    unnamed = _SELF_NAMED.search(lowered) is None
    reported = counts["reported"] * per_thousand
    if not unnamed and reported < REPORTED_SPEECH_DENSE:
        return None
    voice = _voice(text, lowered) * per_thousand
    generic = len(_GENERIC_POLICIES.findall(lowered)) * per_thousand
    if unnamed and (voice < MIN_VOICE_UNNAMED or generic >= GENERIC_OVER_VOICE * voice):
        return "article"
    if reported >= REPORTED_SPEECH_DENSE and generic > voice:
        return "article"
    return None


def _voice(text: str, lowered: str) -> int:
    """How often the company speaks of its own practices (its own name read as "we")."""
    from scoring.detectors._company import company_names  # a leaf module: no import cycle

    count = len(_VOICE.findall(lowered))
    for name in company_names(text):
        count += len(re.findall(rf"\b{re.escape(name)}\s+(?:[\w'-]+\s+){{0,2}}?(?:collect|use|share|disclose|"
                                rf"process|retain|store|keep|sell)\w*", lowered))
    return count


@dataclass(frozen=True)
class PolicyVerdict:
    """The policy detector's answer; ``reason`` explains a negative verdict in one sentence."""

    is_policy: bool
    confidence: float
    is_whole_policy: bool
    word_count: int
    topics: tuple[str, ...]
    reason: str


def detect_policy(text: str) -> PolicyVerdict:
    """Judge whether ``text`` is an English privacy policy (and a whole one) from its cues."""
    lowered = text.lower()
    counts = Counter(_WORD.findall(lowered))
    words = counts.total()
    if words == 0:
        return PolicyVerdict(False, 0.0, False, 0, (), "Not graded: the text is empty (it has no words).")
    vocabulary = " " + " ".join(counts)  # every distinct word once, each preceded by a space
    topics = tuple(
        name for name, pattern in _TOPIC_PATTERNS.items()
        if any(" " + anchor in vocabulary for anchor in TOPIC_ANCHORS[name]) and pattern.search(lowered)
    )
    english_hits = sum(counts[w] for w in ENGLISH_FUNCTION_WORDS)
    english = 1.0 if english_hits >= MIN_ENGLISH_HITS else english_hits / words
    features = {
        "topics": len(topics),
        "address": sum(counts[w] for w in ADDRESS_WORDS) / words,
        "vocabulary": 100 * sum(counts[w] for w in VOCABULARY) / words,
        "headings": len(_HEADING.findall(lowered)),
    }
    confidence = sum(WEIGHTS[k] * min(features[k] / SATURATION[k], 1.0) for k in WEIGHTS)
    confidence *= min(1.0, words / MIN_POLICY_WORDS)
    if english < MIN_ENGLISH_RATIO:
        confidence *= english / MIN_ENGLISH_RATIO
    confidence = round(confidence, 2)

    reason = ""
    if words < MIN_POLICY_WORDS:
        reason = (f"Not graded: the text has {words} word{'s' if words != 1 else ''}, too few to judge; "
                  f"a privacy policy has at least {MIN_POLICY_WORDS}.")
    elif english < MIN_ENGLISH_RATIO:
        reason = "Not graded: the text does not look like English; the scorer reads English policies only."
    elif len(counts) < MIN_DISTINCT_WORDS:
        reason = (f"Not graded: the text repeats a few words ({len(counts)} different); "
                  "it does not read like a privacy policy.")
    elif confidence < POLICY_THRESHOLD:
        reason = (f"Not graded: this does not read like a privacy policy (confidence {confidence:.2f}; "
                  f"it covers {len(topics)} of {len(TOPICS)} policy topics).")
    elif (kind := look_alike(text, lowered, words)) is not None:
        reason = NOT_A_POLICY_REASONS[kind]
    is_policy = not reason
    is_whole = (is_policy and len(topics) >= WHOLE_POLICY_MIN_TOPICS
                and words >= WHOLE_POLICY_MIN_WORDS)
    return PolicyVerdict(is_policy, confidence, is_whole, words, topics, reason)
