"""Word classes shared by every detector's patterns, each written once.

Patterns are matched against lower-cased text (see ``_rules.rx``), so everything here is lower
case. Each constant is a regex fragment meant to be spliced into an f-string pattern; none has a
capturing group, and every repetition is bounded (no nested unbounded quantifiers), so a pattern
built from them stays linear.

Third-person policies ("Acme Hosting may disclose ...", "the Company will not sell ...") are read
like "we": ``_rules`` rewrites the company's own names to "we", "us" or "our" in the text the
patterns see, so ``COMPANY`` only lists the generic forms.
"""

from __future__ import annotations


def gap(most: int) -> str:
    """Up to ``most`` whole words between two parts of a pattern (lazy: the nearest pair wins)."""
    return rf"(?:[\w'\u2019-]+,?\s+){{0,{most}}}?"


#: The company speaking: "we", "us", "our", and the generic names policies use for themselves.
COMPANY = r"(?:we|us|our|ours|the company|the operator|the controller)"
COMPANY_SUBJECT = r"(?:we|the company|the operator)"
#: The reader: "you", "the user", members, customers, visitors.
USER = r"(?:you|users?|members?|customers?|visitors?|subscribers?|account holders?)"
#: Modal verbs that make a clause a permission rather than a statement of fact.
MODAL = r"(?:may|might|can|could|will|would|shall|should|must|reserve the right to)"
#: Negation of a verb: "do not", "don't", "will not", "never", "cannot".
NEGATION = (
    r"(?:(?:do|does|did|will|would|shall|should|may|might|must|can|could)\s*(?:not|n't|n\u2019t)|"
    r"cannot|can't|can\u2019t|won't|won\u2019t|never)"
)
#: "cannot", "are unable to", "will not be able to", "it is not possible to".
UNABLE = (
    r"(?:cannot|can't|can\u2019t|can not|may not|will not be able to|won't be able to|are not able to|"
    r"are unable to|unable to|not be able to|is not (?:presently |currently )?possible (?:for (?:you|users?|"
    r"customers?|members?|visitors?) )?to|"
    r"(?:are|is) not (?:permitted|allowed) to|there is no way to|not (?:presently |currently )?possible to)"
)
#: Verbs of handing data to someone else.
DISCLOSE_STEM = (
    r"(?:disclos|shar|releas|transfer|furnish|provid|giv|pass|hand|sell|sold|report|transmit|reveal|"
    r"divulg|mak\w* available)"
)
#: The user deleting: erasing data, closing or cancelling the account.
DELETION_STEM = r"(?:delet|eras|remov|clos|cancel|terminat|deactivat)"
#: Ways of keeping data.
RETAIN_STEM = r"(?:retain|keep|kept|stor|preserv|maintain|hold)"
#: An opt-out, in its common spellings.
OPT_OUT = r"(?:opt[- ]?(?:out|ing out)|unsubscrib\w*|withdraw\w*(?:\s+\w+){0,2}\s+consent)"
#: Time units of a stated period, for duration parsing.
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "sixty": 60,
    "ninety": 90,
}
DAYS_PER_UNIT: dict[str, int] = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}
NUMBER = r"(?:\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
#: "within 90 days", "for up to thirty (30) days", "after 2 years".
DURATION = (
    r"(?:within|for|up to|no (?:longer|more) than|at most|after|of|maximum of)\s+"
    r"(?:(?:a|an|the|maximum|max|period|of|approximately|about|around|roughly|up|to|further|additional)\s+){0,4}"
    rf"(?P<count>{NUMBER})\s*(?:\(\d{{1,4}}\)\s*)?(?:calendar\s+|business\s+)?(?P<unit>hour|day|week|month|year)s?\b"
)
