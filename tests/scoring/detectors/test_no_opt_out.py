"""no_opt_out: stated refusals sentence by sentence, and the policy-level "no opt-out anywhere" rule."""

from __future__ import annotations

import pytest
from detector_helpers import assert_quotes_sentence, embedded, make_document

from scoring.detectors import no_opt_out

# (sentence, rule expected or None, severity): positives beside the offered opt-outs they resemble.
CASES = [
    # take it or leave it
    ("If you do not agree with this policy, please do not use our website.", "take_it_or_leave_it", "medium"),
    ("LOG OFF IMMEDIATELY if you do not accept these conditions.", "take_it_or_leave_it", "medium"),
    ("You may decline to give us your phone number, but then you will not be able to use some features of "
     "the app.", "take_it_or_leave_it", "low"),
    ("To use the service, you must first register and provide your email address.",
     "take_it_or_leave_it", "medium"),
    ("You can always choose not to give us your address, though it may be needed to make a purchase.",
     "take_it_or_leave_it", "medium"),
    ("This list, without this being exhaustive, covers data necessary to register.", None, "none"),
    ("If you do not want to receive newsletters, change the email preferences in your account settings.",
     None, "none"),
    ("If you disable cookies, some features of the site may not work properly.", None, "none"),
    ("If you do not wish to accept cookies, please refrain from using this site.",
     "take_it_or_leave_it", "medium"),
    # consent by use
    ("By continuing to browse this site, you consent to our use of tracking cookies.",
     "consent_by_use", "high"),
    ("By using our app, you agree to the collection and use of your data described here.",
     "consent_by_use", "medium"),
    ("By accessing our website, you agree to this Privacy Policy.", "consent_by_use", "low"),
    ("Your continued use of the site after we post changes constitutes acceptance of the revised policy.",
     "consent_by_use", "medium"),
    ("By submitting an idea, you agree that we may use it without paying you.", None, "none"),
    # stated refusal of an opt-out
    ("We will send you promotional offers and you cannot opt out of receiving them.",
     "opt_out_refused", "high"),
    ("You may not opt out of essential account notices such as password resets.", "opt_out_refused", "low"),
    ("You can opt out of marketing emails at any time by clicking the unsubscribe link.", None, "none"),
    ("You may withdraw your consent at any time.", None, "none"),
    # negation and non-rules
    ("We do not sell or share your personal information.", None, "none"),
    ("We do not respond to Do Not Track signals.", None, "none"),
]


@pytest.mark.parametrize(("sentence", "rule", "severity"), CASES)
def test_sentence_table(sentence: str, rule: str | None, severity: str) -> None:
    text = embedded(sentence)
    finding = no_opt_out.detect(make_document(text))
    assert finding.id == "no_opt_out"
    assert finding.detected is (rule is not None)
    assert finding.severity == severity
    if rule is None:
        assert finding.evidence == ()
    else:
        assert_quotes_sentence(finding, text, sentence)
        assert finding.evidence[0].rule == rule


USES = [
    "We use your email address to send you marketing messages about our products.",
    "Our advertising partners place cookies on your device to show you targeted ads.",
    "We may share your purchase history with third parties for their own marketing.",
]
POLICY_WITHOUT_CHOICE = " ".join(
    [
        "Privacy Policy.",
        "We collect your name and email address when you register.",
        *USES,
        "We protect your data with encryption.",
        "Contact our privacy team with questions.",
    ]
)


def test_whole_policy_without_any_opt_out_is_a_finding_quoting_the_uses() -> None:
    finding = no_opt_out.detect(make_document(POLICY_WITHOUT_CHOICE, whole_policy=True))
    assert finding.detected
    assert finding.severity == "medium"
    assert [e.quote for e in finding.evidence] == USES
    for evidence in finding.evidence:
        assert evidence.rule == "no_opt_out_offered"
        assert "no opt-out" in evidence.explanation
        assert POLICY_WITHOUT_CHOICE[evidence.start : evidence.end] == evidence.quote
    assert "no way to opt out" in finding.summary


@pytest.mark.parametrize(
    "offer",
    [
        "You can unsubscribe from marketing emails at any time.",
        "You may withdraw your consent by writing to us.",
        "You can change your cookie settings in your browser.",
        "To opt out of interest-based ads, visit the industry opt-out page.",
    ],
)
def test_any_offered_choice_anywhere_cancels_the_absent_rule(offer: str) -> None:
    text = POLICY_WITHOUT_CHOICE + " " + offer
    assert not no_opt_out.detect(make_document(text, whole_policy=True)).detected


def test_absent_rule_never_fires_on_a_fragment() -> None:
    assert not no_opt_out.detect(make_document(POLICY_WITHOUT_CHOICE, whole_policy=False)).detected


def test_negated_uses_are_not_quoted_as_uses() -> None:
    text = "We do not share your data with third parties for marketing. We use cookies for analytics."
    finding = no_opt_out.detect(make_document(text, whole_policy=True))
    assert [e.quote for e in finding.evidence] == ["We use cookies for analytics."]


def test_stated_rule_wins_the_summary_over_the_absent_rule() -> None:
    text = POLICY_WITHOUT_CHOICE + " If you do not agree, do not use the service."
    finding = no_opt_out.detect(make_document(text, whole_policy=True))
    assert finding.evidence[0].rule == "take_it_or_leave_it"
    assert "not to use the service" in finding.summary
