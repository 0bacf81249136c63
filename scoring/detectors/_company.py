"""The company's own names in a policy, so third-person text ("Acme may share ...") reads like "we".

Small companies often write their policy in the third person: "Acme Hosting will not disclose ...",
"Acme uses cookies ...". The detectors' patterns speak of "we", so ``company_names`` finds the names
the policy uses for its author, and ``as_first_person`` rewrites them in a unit's lower-cased text:
"acme hosting may share" -> "we may share", "with acme" -> "with us", "acme's servers" -> "our
servers".

A name counts when the policy defines it (``Acme Hosting LLC ("Acme")``, ``(hereinafter "Acme")``)
or uses it as the subject of a verb several times and names it near the top (title, first lines).
Famous third parties ("Google may use cookies ...") are excluded: a policy describes them, it is not
written by them. All scans are bounded regexes over at most ``SCAN_CHARS`` characters.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

__all__ = ["as_first_person", "company_names"]

#: How much of the text to read for names (definitions and subjects sit near the top and recur).
SCAN_CHARS = 200_000
#: A name used as a subject at least this often (and named near the top) is the company's.
MIN_SUBJECT_USES = 3
#: ... and this often even when the top of the page does not name it.
MIN_SUBJECT_USES_ANYWHERE = 6
#: Where "near the top" ends.
TOP_CHARS = 1500
#: At most this many names per policy.
MAX_NAMES = 3

_NAME = r"[A-Z][A-Za-z0-9&'\u2019-]{1,30}(?:[ \t][A-Z][A-Za-z0-9&'\u2019-]{1,30}){0,2}"
# ("Acme"), (the "Company"), (together, "Acme"), (hereinafter "Acme"), (referred to as "Acme")
_DEFINED = re.compile(
    r"\((?:[^()\"\u201c\u201d]{0,40}?)?[\"\u201c\u2018']\s*(" + _NAME + r")\s*[\"\u201d\u2019']"
    r"|\b(?:hereinafter|referred to as|known as)\s+[\"\u201c\u2018']?(" + _NAME + r")"
)
_TITLE = re.compile(
    r"\s*(?:(" + _NAME + r")[ \t]+(?:privacy|data protection)[ \t]+(?:policy|notice|statement)|"
    r"(?:privacy|data protection)[ \t]+(?:policy|notice|statement)[ \t]+(?:of|for)[ \t]+("
    + _NAME
    + r"))[ \t]*(?:\n|$)"
)
_SUBJECT = re.compile(
    r"(?:^|[.;:!?]\s+|\n)(?:the\s+)?(" + _NAME + r")(?:,?\s+(?:inc|llc|ltd|limited|gmbh|corp|plc)\.?)?\s+"
    r"(?:may|will|does|do|shall|can|might|would|must|uses|collects|shares|discloses|retains|keeps|stores|"
    r"processes|sells|receives|provides|sends|is|has|also|never|only|reserves|respects|takes|does not|"
    r"will not)\b",
    re.MULTILINE,
)
#: Capitalised words that open sentences or name others, never the author of the policy.
_NOT_NAMES = frozenset(
    """you we us our your this these that those it its they their if when where while the some such any
    each all every no none personal information data cookies cookie users user customers members
    visitors third third-party service services site website app apps platform policy privacy please
    note google facebook meta apple microsoft amazon twitter linkedin instagram youtube tiktok stripe
    paypal law government company operator controller processor additionally also however in for
    as to by with from on at of california european eu uk us u.s gdpr ccpa children parents""".split()  # noqa: SIM905
)
_SUFFIX = r"(?:,?\s+(?:inc|llc|l\.l\.c|ltd|limited|gmbh|corp|corporation|co|plc|s\.a|ag|b\.v|pty)\.?)?"
_OBJECT_BEFORE = re.compile(r"\b(?:to|with|by|from|for|about|contact|contacting|of|at|inform|notify)\s+$")


@lru_cache(maxsize=8)
def company_names(text: str) -> tuple[str, ...]:
    """Lower-cased names the policy uses for its author, longest first (empty when it says "we")."""
    head = text[:SCAN_CHARS]
    defined: Counter[str] = Counter()
    for match in _DEFINED.finditer(head):
        name = (match.group(1) or match.group(2) or "").strip()
        if _usable(name):
            defined[name.lower()] += 1
    subjects = Counter(match.group(1).lower() for match in _SUBJECT.finditer(head) if _usable(match.group(1)))
    top = head[:TOP_CHARS].lower()
    names = set(defined)
    # the title names its author: "Quillon Privacy Policy", "Privacy Notice of Acme Hosting"
    title = _TITLE.match(head)
    if title:
        name = (title.group(1) or title.group(2) or "").strip()
        if _usable(name):
            names.add(name.lower())
    for name, uses in subjects.items():
        if uses >= MIN_SUBJECT_USES_ANYWHERE or (uses >= MIN_SUBJECT_USES and name in top):
            names.add(name)
    ranked = sorted(names, key=lambda n: (-(defined[n] + subjects[n]), n))[:MAX_NAMES]
    # the full name near the top ("Northwind Hosting" beside "Northwind") is the same company
    full = {long for name in ranked for long in _longer_names(head[:TOP_CHARS], name)}
    return tuple(sorted(set(ranked) | full, key=len, reverse=True))


#: Words that end a company's name in a title ("Northwind Hosting Privacy Notice").
_TITLE_WORDS = frozenset(
    [
        "privacy",
        "policy",
        "notice",
        "statement",
        "terms",
        "cookie",
        "cookies",
        "data",
        "protection",
        "inc",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "corp",
        "plc",
    ]
)


def _longer_names(top: str, name: str) -> set[str]:
    """Capitalised continuations of ``name`` in ``top`` ("northwind" -> "northwind hosting")."""
    found: set[str] = set()
    for match in re.finditer(rf"\b{re.escape(name)}((?:[ \t]+[A-Z][\w&'-]+){{1,2}})", top, re.IGNORECASE):
        words = [w for w in match.group(1).split()]
        kept: list[str] = []
        for word in words:
            if word.lower().rstrip(".,") in _TITLE_WORDS or not word[0].isupper():
                break
            kept.append(word.lower())
        if kept:
            found.add(" ".join([name, *kept]))
    return found


def _usable(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[0] not in _NOT_NAMES and all(len(w) > 1 for w in words[:1])


def name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The regex that finds any of ``names`` (lower case) with an optional company suffix."""
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"\b(?:the\s+)?(?:{alternatives}){_SUFFIX}(?P<possessive>['\u2019]s)?(?!\w)")


def as_first_person(low: str, pattern: re.Pattern[str]) -> tuple[str, list[int]] | None:
    """``low`` with the company's names as "we"/"us"/"our", and where each new character came from.

    Returns None when no name occurs. The offset list maps every character of the rewritten text to
    an offset in ``low`` (so explanations can quote the original words).
    """
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in pattern.finditer(low):
        pieces.append(low[position : match.start()])
        offsets.extend(range(position, match.start()))
        if match.group("possessive"):
            word = "our"
        elif _OBJECT_BEFORE.search(low, max(0, match.start() - 12), match.start()):
            word = "us"
        else:
            word = "we"
        pieces.append(word)
        offsets.extend([match.start()] * len(word))
        position = match.end()
    if not pieces:
        return None
    pieces.append(low[position:])
    offsets.extend(range(position, len(low)))
    offsets.append(len(low))
    return "".join(pieces), offsets
