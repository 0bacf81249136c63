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
    ("Deleted data is erased from our backups within 90 days.", "purged_after_a_while", "low"),
    # a browser's cache is the user's own storage
    ("Settings are stored locally on your device in local storage and the browser cache.", None, "none"),
    ("Deleted photos may be kept in our server caches for a few weeks.", "kept_in_backups", "medium"),
    ("We may continue to retain your information after termination of your account.",
     "kept_after_deletion", "medium"),
    # a bounded purge is low only up to 90 days (issue 8's ladder)
    ("After you close your account we still keep some of your information for up to 9 months.",
     "kept_after_deletion", "medium"),
    ("After you close your account we still keep some of your information for up to 60 days.",
     "kept_after_deletion", "low"),
    ("Acme keeps usage logs for two years after you close your account, for internal analytics.",
     "kept_after_deletion", "high"),
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
    # Who keeps: the user's own browser or device is not the company (cookies are cleared by the user);
    # data left in backups of the user's own device is a finding, but low.
    ("Persistent cookies stay on your computer after you close your browser.", None, "none"),
    ("Flash cookies may remain on your device even after you delete your regular cookies.", None, "none"),
    ("If you back up your phone, app data may still exist in your device backups after you delete the app.",
     "kept_in_backups", "low"),
    ("Even if you remove the app from your device, we keep your history on our servers.",
     "kept_after_deletion", "medium"),
    # Retention that ENDS at deletion is the opposite of a finding; one that continues after it is one.
    ("We keep your location history until you delete the app from your phone.", None, "none"),
    ("We store your profile as long as your account has not been deleted.", None, "none"),
    ("We retain payment records only as long as the tax law requires and then securely delete them.",
     None, "none"),
    ("We keep voice recordings for 24 hours and then delete them.", None, "none"),
    ("Public posts made before you deleted your account may remain stored on our servers.",
     "deletion_incomplete", "medium"),
    ("We keep your records for seven years after your account is closed.", "kept_after_deletion", "medium"),
    ("Leftover copies of removed content can remain in our backup systems for about four weeks.",
     "kept_in_backups", "low"),
    # Rights and deletion promises describe what the user may ask or what the company deletes.
    ("To ask us to erase your data, or to request that we no longer keep it, email our privacy team.",
     None, "none"),
    ("We encourage you to correct the information that we maintain about you, and you may ask us to "
     "delete it.", None, "none"),
    ("You may exercise your right to request that your data not be deleted while we review a dispute.",
     None, "none"),
    ("When you close your account, we delete the data we no longer have a reason to retain.", None, "none"),
    ("We will delete a child's data once we learn of it, unless a parent lets the child continue to use "
     "our games.", None, "none"),
    ("We will delete your data on request unless the law requires us to keep it.",
     "deletion_exception", "medium"),
    ("Where we erase your data, we may still keep part of it for our accounting records.",
     "kept_after_deletion", "medium"),
    ("We might be unable to delete comments you have posted in our forums.", "deletion_incomplete", "medium"),
    ("Closing your account does not erase the purchase history we hold.", "deletion_incomplete", "medium"),
    ("We will not erase your account without first telling you.", None, "none"),
    ("We cannot guarantee that deleted data is removed from every backup.", "deletion_incomplete", "medium"),
    # deleted content that stays visible to others has no end: high
    ("If you delete your account, your reviews will stay visible to other users.",
     "persists_with_others", "high"),
    ("Recipients of your messages may keep them even if you delete your account.",
     "persists_with_others", "medium"),
    ("When you delete your account we erase your data, unless a law requires us to keep it.",
     "deletion_exception", "medium"),
    ("If we learn that a child under 13 gave us data, we delete it unless the law requires us to keep it.",
     None, "none"),
    ("If you cancel your subscription, you can stay in touch through our blog.", None, "none"),
    ("Once you erase a chat, we are still able to view when it was sent.", "kept_after_deletion", "medium"),
    ("After you delete a clip, we\u2019ll mostly be able to see who received it.",
     "kept_after_deletion", "medium"),
    ("After you delete your account, we can no longer access your files.", None, "none"),
    ("We give you access to your data and the ability to correct or delete it.", None, "none"),
    ("After you delete a photo, you will not be able to see it again.", None, "none"),
    ("Erasure of your data may be refused where the law obliges us to hold it.",
     "deletion_incomplete", "medium"),
    ("We may decline requests to delete records of past purchases.", "deletion_incomplete", "medium"),
    ("We may decline requests that are repetitive or impractical.", None, "none"),
    # Whose deletion: a business contract, a job opening or a mailing list is not the user's account.
    ("Upon termination of our service agreement with a hospital, we must return or destroy the records "
     "maintained for it.", None, "none"),
    ("We keep applications for no more than two years after the job opening has been closed.", None, "none"),
    ("If you unsubscribe from our newsletter, we keep your address so that we do not email you again.",
     None, "none"),
    ("If you ask us to remove you from our mailing lists, we will keep your e-mail in a do-not-contact "
     "file.", None, "none"),
    # Not personal data any more, or not kept at all.
    ("After your account is closed we keep only anonymized statistics.", None, "none"),
    ("When you close your account we strip your name and maintain the rest in non-personalized form.",
     None, "none"),
    ("Sections on liability and disputes remain in effect after termination of these terms.", None, "none"),
    ("Logs are normally kept briefly, but the law may oblige us to retain them for longer time periods.",
     None, "none"),
    ("The city archives office keeps your order details as long as the law requires.", None, "none"),
    # "for longer" with no deletion or account in view is a routine extension (the modern rulings) ...
    ("In certain circumstances, your data may be kept for a longer period, for example to settle a dispute.",
     None, "none"),
    # ... and an extension past the account when the account is in view
    ("We keep your data while your account is open; in some cases we keep it for longer, to settle disputes.",
     "kept_longer", "medium"),
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


def test_a_long_stated_period_keeps_its_severity_and_says_how_long() -> None:
    text = "We keep your records for seven years after your account is closed."
    finding = retention_after_deletion.detect(make_document(text))
    assert finding.severity == "medium"
    assert 'the stated period ("for seven years") is longer than 90 days' in finding.evidence[0].explanation


def test_a_menu_of_headings_is_not_a_retention_clause() -> None:
    # Navigation captured with the page: capitalised gerunds mid-sentence are menu items.
    text = "Privacy Center Overview Retaining Your Information Deleting Your Account Contact Us"
    assert not retention_after_deletion.detect(make_document(text)).detected
    assert retention_after_deletion.detect(
        make_document("We keep your information after deleting your account.")
    ).detected


def test_unbounded_retention_outranks_a_bounded_one() -> None:
    text = (
        "Data you delete may remain in backups for up to 30 days. "
        "We may keep your profile forever, even after you delete your account."
    )
    finding = retention_after_deletion.detect(make_document(text))
    assert finding.severity == "high"
    assert finding.evidence[0].rule == "kept_indefinitely"
