"""policygrade's scorer: grade a privacy policy's text for risk and readability, with evidence.

Framework-free (no Flask, no Redis). The public surface is this module's ``__all__``::

    >>> from scoring import score_policy
    >>> report = score_policy(policy_text)
    >>> report.grade, report.score, report.grade_reason
    >>> report.to_dict()  # the JSON the API returns

Exceptions: ``ScoringInputError`` (a ``ValueError``) for input that cannot be scored at all (not a
``str``, or longer than ``MAX_TEXT_CHARS``). Text that is merely empty, too short, not English or
not a privacy policy gives a report with ``is_policy`` false, ``grade``/``score`` null and a
``grade_reason`` that says why.

Bump ``SCORER_VERSION`` whenever a change can alter any report (detector patterns, weights, bands,
readability): the API and caches key stored reports on it.
"""

from ._engine import SCORER_VERSION, score_policy
from ._input import MAX_TEXT_CHARS, ScoringInputError
from ._models import RISK_IDS, Evidence, PolicyReport, Readability, RiskFinding
from ._readability import warm_up

__all__ = [
    "MAX_TEXT_CHARS",
    "RISK_IDS",
    "SCORER_VERSION",
    "Evidence",
    "PolicyReport",
    "Readability",
    "RiskFinding",
    "ScoringInputError",
    "score_policy",
    "warm_up",
]
