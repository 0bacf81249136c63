"""no_opt_out: stated refusals sentence by sentence, and the policy-level "no opt-out anywhere" rule."""

from __future__ import annotations

import pytest
from detector_helpers import assert_sentence_case, make_document

from scoring.detectors import no_opt_out

# (sentence, rule expected or None, severity): positives beside the offered opt-outs they resemble.
CASES = [
    # take it or leave it
    ("If you do not agree with this policy, please do not use our website.", "take_it_or_leave_it", "medium"),
    ("LOG OFF IMMEDIATELY if you do not accept these conditions.", "take_it_or_leave_it", "medium"),
    ("Should you not agree with this notice, please leave the site.", "take_it_or_leave_it", "medium"),
    ("Should you wish to leave the site, you may do so at any time.", None, "none"),
    # a feature that needs data: low; the whole service withheld unless you give data: medium
    (
        "You may decline to give us your phone number, but then you will not be able to use some features of "
        "the app.",
        "feature_needs_data",
        "low",
    ),
    (
        "To use the service, you must first register and provide your email address.",
        "required_to_use",
        "medium",
    ),
    (
        "You can always choose not to give us your address, though it may be needed to make a purchase.",
        "feature_needs_data",
        "medium",
    ),
    ("If you do not want to share your location, do not install the app.", "take_it_or_leave_it", "medium"),
    ("This list, without this being exhaustive, covers data necessary to register.", None, "none"),
    (
        "If you do not want to receive newsletters, change the email preferences in your account settings.",
        None,
        "none",
    ),
    ("If you disable cookies, some features of the site may not work properly.", None, "none"),
    (
        "If you do not wish to accept cookies, please refrain from using this site.",
        "take_it_or_leave_it",
        "medium",
    ),
    ("If you turn off location services, some features of the app may not work.", None, "none"),
    ("If you disable our tracking technologies, parts of the site may not function correctly.", None, "none"),
    # what is refused must be consent or data; a deletion's consequence is not a refusal's cost
    ("If you do not meet the minimum age, you must not use the service.", None, "none"),
    ("If you do not sign the form electronically, you will not be able to open an account.", None, "none"),
    (
        "If you do not provide your email address, you will not be able to open an account.",
        "feature_needs_data",
        "medium",
    ),
    ("If you ask us to delete your data, you may no longer be able to use our apps.", None, "none"),
    (
        "You can ask us to stop processing your data, but then you will no longer be able to use our apps.",
        "take_it_or_leave_it",
        "medium",
    ),
    ("You may request that we stop using your information for marketing.", None, "none"),
    ("We may not be able to respond to your request if you do not provide enough detail.", None, "none"),
    (
        "If you choose not to give us your card details, we cannot process your order.",
        "feature_needs_data",
        "medium",
    ),
    (
        "If you do not agree to the update, you should alter your preferences or stop using the app.",
        None,
        "none",
    ),
    # consent by use
    (
        "By continuing to browse this site, you consent to our use of tracking cookies.",
        "consent_by_use",
        "high",
    ),
    (
        "By using our app, you agree to the collection and use of your data described here.",
        "consent_by_use",
        "medium",
    ),
    # agreeing to the whole policy by use is medium (the modern set's labels), as is consent to a practice
    ("By accessing our website, you agree to this Privacy Policy.", "consent_by_use", "medium"),
    ("If you use our apps, you agree to this privacy notice.", "consent_by_use", "medium"),
    ("Your use of the site signifies your consent to this privacy policy.", "consent_by_use", "medium"),
    ("Acme's customers who keep using the portal thereby accept these data practices.", None, "none"),
    ("Your use of our website is subject to this policy.", None, "none"),
    (
        "If you continue to use this site we will assume that you are happy with our cookies.",
        "consent_by_use",
        "high",
    ),
    ("If you register for an account, we may contact you to confirm your registration.", None, "none"),
    ("By providing us with your email address, you agree to receive our newsletter.", None, "none"),
    (
        "Your continued use of the app constitutes your consent to the collection of your usage data.",
        "consent_by_use",
        "medium",
    ),
    # ... accepting a CHANGED policy by using the service is how updates take effect, not a refusal
    (
        "Your continued use of the site after we post changes constitutes acceptance of the revised policy.",
        None,
        "none",
    ),
    (
        "By continuing to use the service after the new terms take effect, you agree to be bound by them.",
        None,
        "none",
    ),
    ("By submitting an idea, you agree that we may use it without paying you.", None, "none"),
    # the act must be USING the service: handing over a piece of data, or clicking an accept button, is
    # a choice the user makes (not providing it is the opt-out) ...
    (
        "By providing your personal details, you agree that we may transfer them to our partners.",
        None,
        "none",
    ),
    ("By submitting information through this form, you consent to its processing.", None, "none"),
    ('By clicking "Accept all" you consent to our use of cookies.', None, "none"),
    # ... unless an act of use is joined to it, or the thing submitted is a request, not data
    (
        'By clicking "Accept" or continuing to use the site, you consent to our use of cookies.',
        "consent_by_use",
        "high",
    ),
    (
        "When you submit a request for a loan quote, you consent to your details being shared with lenders.",
        "consent_by_use",
        "medium",
    ),
    # the consent must be to a data practice or the policy, not to contract terms of a ToS page
    ("By using the service you agree to resolve any dispute by binding arbitration.", None, "none"),
    ("By accessing the site you agree that the laws of Ohio govern these terms.", None, "none"),
    ("By visiting linked external sites, you agree to the privacy policies of those sites.", None, "none"),
    # consent by use to a transfer abroad is consent by use all the same (the modern set's rulings)
    (
        "By using the app you consent to the transfer of your data to servers in the United States.",
        "consent_by_use",
        "medium",
    ),
    # an optional feature is the user's choice; consent that is asked is not inferred
    (
        "If you use our live chat, you consent to the chat being processed by our support provider.",
        None,
        "none",
    ),
    ("When you call us, we may ask you for your consent to record the call.", None, "none"),
    (
        "By using the app you consent to the sale of your data to partners in other countries.",
        "consent_by_use",
        "medium",
    ),
    # "you can give us X" is an option, "you give us consent" is consent
    ("When you use the store locator, you can give us your postcode to find shops near you.", None, "none"),
    (
        "By using our apps, you give us your consent to place tracking cookies on your device.",
        "consent_by_use",
        "high",
    ),
    # acknowledging having read the policy is a notice, unless it also says you agree
    ("By using the service you acknowledge that you have read this privacy notice.", None, "none"),
    (
        "By using the service you acknowledge that you have read, understood and agree to this policy.",
        "consent_by_use",
        "medium",
    ),
    (
        "By using the app you acknowledge that we cannot guarantee the security of data sent over the "
        "internet.",
        None,
        "none",
    ),
    # an opt-out offered in the same sentence
    (
        "By using the site you consent to analytics cookies; you can withdraw your consent in cookie "
        "settings.",
        None,
        "none",
    ),
    # stated refusal of an opt-out
    (
        "We will send you promotional offers and you cannot opt out of receiving them.",
        "opt_out_refused",
        "high",
    ),
    ("You may not opt out of essential account notices such as password resets.", "opt_out_refused", "low"),
    (
        "Even after you unsubscribe, we may still send you emails about your orders.",
        "messages_after_opt_out",
        "low",
    ),
    ("We keep sending our weekly deals to people who have unsubscribed.", None, "none"),
    (
        "Even if you unsubscribe, we will continue to send you special offers.",
        "messages_after_opt_out",
        "high",
    ),
    ("It is not possible to switch off the usage statistics the app collects.", "opt_out_refused", "high"),
    (
        "There is no way to unsubscribe from the weekly newsletter other than closing your account.",
        "opt_out_refused",
        "high",
    ),
    (
        "Giving a phone number is mandatory, and we will use it for marketing calls.",
        "opt_out_refused",
        "high",
    ),
    ("You can opt out of marketing emails at any time by clicking the unsubscribe link.", None, "none"),
    ("You may withdraw your consent at any time.", None, "none"),
    # negation and non-rules
    ("We do not sell or share your personal information.", None, "none"),
    ("We do not respond to Do Not Track signals.", None, "none"),
]


@pytest.mark.parametrize(("sentence", "rule", "severity"), CASES)
def test_sentence_table(sentence: str, rule: str | None, severity: str) -> None:
    assert_sentence_case(no_opt_out, sentence, rule, severity)


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
    # marketing, sharing or tracking that cannot be refused is the high rung (issue 8)
    assert finding.severity == "high"
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
        "Processing for these purposes ends once your consent to it is withdrawn.",
        "Members have the option of excluding their details from the public directory.",
    ],
)
def test_any_offered_choice_anywhere_cancels_the_absent_rule(offer: str) -> None:
    text = POLICY_WITHOUT_CHOICE + " " + offer
    assert not no_opt_out.detect(make_document(text, whole_policy=True)).detected


@pytest.mark.parametrize(
    "not_an_offer",
    [
        "We will not ask for your consent again.",
        "You have the option to create an account.",
    ],
)
def test_words_near_a_choice_that_offer_none_keep_the_absent_rule(not_an_offer: str) -> None:
    text = POLICY_WITHOUT_CHOICE + " " + not_an_offer
    assert no_opt_out.detect(make_document(text, whole_policy=True)).detected


def test_absent_rule_never_fires_on_a_fragment() -> None:
    assert not no_opt_out.detect(make_document(POLICY_WITHOUT_CHOICE, whole_policy=False)).detected


def test_negated_uses_are_not_quoted_as_uses() -> None:
    text = "We do not share your data with third parties for marketing. We use cookies for analytics."
    finding = no_opt_out.detect(make_document(text, whole_policy=True))
    assert [e.quote for e in finding.evidence] == ["We use cookies for analytics."]


def test_stated_rule_wins_the_summary_over_the_absent_rule() -> None:
    text = POLICY_WITHOUT_CHOICE + " If you do not agree, do not use the service."
    finding = no_opt_out.detect(make_document(text, whole_policy=True))
    # both are quoted (the absent rule is the high rung), and the summary names both
    assert "take_it_or_leave_it" in [e.rule for e in finding.evidence]
    assert "not to use the service" in finding.summary and "offers no way to opt out" in finding.summary


@pytest.mark.parametrize(
    "disclosure",
    [
        "We may disclose your information to law enforcement or other third parties when we believe "
        "it is necessary.",
        "If we are acquired, your data may be transferred to the successor as part of the merger.",
    ],
)
def test_legal_or_corporate_disclosures_are_not_uses_an_opt_out_could_refuse(disclosure: str) -> None:
    # Quoted as a use, such a sentence would tell a reader to look for an opt-out that cannot exist;
    # it is broad_disclosure's evidence instead.
    text = "Privacy Policy. We collect your email address. " + disclosure
    assert not no_opt_out.detect(make_document(text, whole_policy=True)).detected
    finding = no_opt_out.detect(make_document(POLICY_WITHOUT_CHOICE + " " + disclosure, whole_policy=True))
    assert [e.quote for e in finding.evidence] == USES
