"""retention_after_deletion: data kept after deletion, with bounded purges, rights and promises."""

from __future__ import annotations

import pytest
from detector_helpers import assert_sentence_case, make_document

from scoring.detectors import retention_after_deletion

# (sentence, rule expected or None, severity): positives beside the deletion promises they resemble.
CASES = [
    ("Information may be retained in our archive or backup records after you delete your account.",
     "kept_in_backups", "medium"),
    ("Deleted content may persist in backup copies for a reasonable period of time.",
     "kept_in_backups", "medium"),
    ("Data you delete may remain in backups for up to 30 days before it is purged.",
     "kept_in_backups", "low"),
    ("Deleted data is erased from our backups within 90 days.", None, "none"),
    # a browser's cache is the user's own storage
    ("Settings are stored locally on your device in local storage and the browser cache.", None, "none"),
    ("Deleted photos may be kept in our server caches for a few weeks.", "kept_in_backups", "medium"),
    ("We may continue to retain your information after termination of your account.",
     "kept_after_deletion", "medium"),
    ("After you close your account we still keep some of your information for up to 9 months.",
     "kept_after_deletion", "low"),
    ("We do not retain your data after you close your account.", None, "none"),
    ("We retain your information only while your account is active.", None, "none"),
    ("Records are kept for the periods the tax law requires and are thereafter securely destroyed.",
     None, "none"),
    ("We retain your profile while you have an account and thereafter for as long as we need it.",
     "kept_after_deletion", "medium"),
    ("Even after you close your account, we keep your messages indefinitely.", "kept_indefinitely", "high"),
    ("Posts you made will not be automatically deleted when you remove your account.",
     "deletion_incomplete", "medium"),
    ("When you delete your account, we delete all of your personal data.", None, "none"),
    ("Please note that we may need to retain certain information for record keeping purposes.",
     "partial_retention", "medium"),
    ("You can request deletion of the personal information we hold about you.", None, "none"),
    ("If you contact us, we may keep a record of that correspondence.", None, "none"),
    ("Persistent cookies can be removed through your browser settings.", None, "none"),
    ("However, we may retain some information to prevent fraud.", "partial_retention", "medium"),
    ("You have the right to ask us to delete your data, and we will keep you informed.", None, "none"),
    ("Deleting your account ends these terms, but the license you granted us for shared content survives "
     "termination.", "license_survives", "medium"),
]


@pytest.mark.parametrize(("sentence", "rule", "severity"), CASES)
def test_sentence_table(sentence: str, rule: str | None, severity: str) -> None:
    assert_sentence_case(retention_after_deletion, sentence, rule, severity)



def test_bounded_purge_says_so_in_the_summary_and_explanation() -> None:
    text = "Data you delete may remain in backups for up to 30 days before it is purged."
    finding = retention_after_deletion.detect(make_document(text))
    assert finding.severity == "low"
    assert "limited" in finding.summary
    assert "bounded" in finding.evidence[0].explanation


def test_unbounded_retention_outranks_a_bounded_one() -> None:
    text = (
        "Data you delete may remain in backups for up to 30 days. "
        "We may keep your profile forever, even after you delete your account."
    )
    finding = retention_after_deletion.detect(make_document(text))
    assert finding.severity == "high"
    assert finding.evidence[0].rule == "kept_indefinitely"
