"""The sorted sets that list, sort and search sites, and the member scores that order them.

Every sort reads one sorted set, so a page of 50 costs O(log n + 50) however many sites are stored
(bench/sites.py measures 1k against 100k). Ties fall back to Redis' own order for equal scores, the
member bytes, so equal grades and scores list alphabetically.

    pg:idx:name      every site, score 0: lexicographic order, ZRANGE BYLEX for name-prefix search
    pg:idx:updated   site -> updated_at (epoch seconds), read newest first
    pg:idx:grade     site -> grade rank * 1000 + (100 - score): A before E, higher score first,
                     ungraded (not verified) last
    pg:idx:score     site -> -score: highest score first, ungraded last
"""

from __future__ import annotations

import re

NAME = "pg:idx:name"
UPDATED = "pg:idx:updated"
GRADE = "pg:idx:grade"
SCORE = "pg:idx:score"
ALL = (NAME, UPDATED, GRADE, SCORE)

#: sort name -> (index key, newest/highest first?)
SORTS: dict[str, tuple[str, bool]] = {
    "updated": (UPDATED, True),
    "grade": (GRADE, False),
    "score": (SCORE, False),
    "site": (NAME, False),
}
_GRADE_RANK = {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}
#: Where a site without a verified grade sorts: after every graded one in both orders.
UNGRADED_GRADE_VALUE = 9_999
UNGRADED_SCORE_VALUE = 1


def grade_value(grade: str | None, score: int | None) -> int:
    """The pg:idx:grade score of a site with this grade and score."""
    if grade not in _GRADE_RANK:
        return UNGRADED_GRADE_VALUE
    return _GRADE_RANK[grade] * 1000 + (100 - (score if score is not None else 0))


def score_value(score: int | None) -> int:
    """The pg:idx:score score of a site with this score."""
    return -score if score is not None else UNGRADED_SCORE_VALUE


def prefix_range(prefix: str) -> tuple[bytes, bytes]:
    """ZRANGE BYLEX bounds of every member starting with ``prefix``.

    Site names are ASCII (punycode), so ``\\xff`` sorts after any character a name can continue with.
    """
    raw = prefix.encode("utf-8")
    return b"[" + raw, b"(" + raw + b"\xff"


def search_prefix(raw: str) -> str:
    """What a name search looks for: "https://www.Example.com/x" -> "example.com" (names are stored so)."""
    term = raw.strip().lower()[:253]
    term = re.sub(r"^[a-z][a-z0-9+.-]*://", "", term)
    term = term.split("/", 1)[0]
    return term.removeprefix("www.")
