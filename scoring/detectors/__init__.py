"""The three risk detectors; ``detect_all`` runs them in ``RISK_IDS`` order.

To add a risk: copy a sibling module (``RISK_ID``, ``TITLE``, patterns as data, ``detect(doc)``),
add it to ``DETECTORS`` below and write ``tests/scoring/detectors/test_<risk>.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from scoring._models import RISK_IDS, RiskFinding
from scoring.detectors import broad_disclosure, no_opt_out, retention_after_deletion
from scoring.detectors._common import Document

__all__ = ["DETECTORS", "Document", "detect_all"]

#: One detect function per risk id, in RISK_IDS order (cached reports key on these ids).
DETECTORS: tuple[tuple[str, Callable[[Document], RiskFinding]], ...] = (
    (broad_disclosure.RISK_ID, broad_disclosure.detect),
    (no_opt_out.RISK_ID, no_opt_out.detect),
    (retention_after_deletion.RISK_ID, retention_after_deletion.detect),
)
assert tuple(risk_id for risk_id, _ in DETECTORS) == RISK_IDS


def detect_all(doc: Document) -> tuple[RiskFinding, ...]:
    """All three findings for ``doc``, in RISK_IDS order."""
    return tuple(detect(doc) for _, detect in DETECTORS)
