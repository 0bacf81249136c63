"""broad_disclosure: self-judged grounds, legal demands and business transfers, with scope and negation."""

from __future__ import annotations

import pytest
from detector_helpers import assert_sentence_case, make_document

from scoring.detectors import broad_disclosure

# (sentence, rule expected or None for "not a finding", severity). Sentences paraphrase real clauses;
# positives and the negatives that look like them sit side by side.
CASES = [
    # self-judged necessity
    (
        "We may disclose your information if we believe in good faith that disclosure is necessary.",
        "self_judged_necessity",
        "high",
    ),
    (
        "We may share account details with others whenever we deem it appropriate.",
        "self_judged_necessity",
        "high",
    ),
    # the judgement must be the company's, not the recipient's
    ("We may pass records to others for any purpose we consider necessary.", "self_judged_necessity", "high"),
    ("We may pass records to your own doctors for treatment they consider necessary.", None, "none"),
    # a judgement bounded by the user's own transaction is not open-ended
    (
        "We pass your card data to such banks as we determine is necessary to process your payments.",
        None,
        "none",
    ),
    # the disclosure verb must be the company's: data shared WITH us, or by a user, is not
    (
        "We only obtain data from partners who confirm they are legally entitled to share it with us.",
        None,
        "none",
    ),
    ("We may use, as we deem appropriate, all suggestions furnished by any course user to us.", None, "none"),
    (
        "If a user has posted or shared material that breaks the rules, we may remove it in our sole "
        "discretion.",
        None,
        "none",
    ),
    ("We may block file sharing on the service to enforce these terms.", None, "none"),
    ("We may share your messages with others to enforce these terms.", "protect_own_interests", "high"),
    ("We reserve the right to close your account at our sole discretion.", None, "none"),
    ("We may disable any user name or password at any time in our sole discretion.", None, "none"),
    ("We handle supplemental requests at our sole discretion.", None, "none"),
    (
        "If you believe in good faith that a notice was filed in error, you may send a counter-notice.",
        None,
        "none",
    ),
    ("We may share aggregated, anonymous statistics with partners as we deem appropriate.", None, "none"),
    # law enforcement on request
    (
        "We may share your personal data with law enforcement agencies upon request.",
        "law_enforcement_request",
        "high",
    ),
    ("Government authorities, when they ask us for records;", "law_enforcement_request", "high"),
    ("Materials published by federal agencies are in the public domain.", None, "none"),
    # authorities named as recipients with no ground of the company's own: medium (issue 8's ladder)
    (
        "Courts and other authorities abroad may be entitled to access your personally-identifying data.",
        "law_enforcement_request",
        "medium",
    ),
    # protect own rights and interests
    (
        "We may release account information to protect the rights, property or safety of our company, "
        "our users or others.",
        "protect_own_interests",
        "high",
    ),
    ("We use encryption to protect your privacy and the safety of your account.", None, "none"),
    # "protect" must be the verb: a noun or an adjective names no ground
    (
        "Privacy protections and the rights of authorities abroad may differ, and we disclose data to our "
        "affiliates there.",
        None,
        "none",
    ),
    ("We disclose protected health information, and your rights over it are described below.", None, "none"),
    # fraud prevention is a ground when the data may go beyond the company's processors ...
    (
        "We may share your data with other companies and organisations to prevent fraud.",
        "protect_own_interests",
        "high",
    ),
    ("We may share account records with the police to investigate fraud.", "law_enforcement_request", "high"),
    # ... not when processors check payments, or in a list of business purposes
    (
        "We share card details with payment service providers to process payments and prevent fraud.",
        None,
        "none",
    ),
    (
        "We may disclose data for business purposes, such as auditing, detecting security incidents and "
        "preventing fraud.",
        None,
        "none",
    ),
    ("If we fail to enforce any of our terms, that is not a waiver.", None, "none"),
    # legal process
    ("We will hand over your details in response to a subpoena or court order.", "legal_process", "medium"),
    ("to comply with a court order or other legal process;", "legal_process", "medium"),
    (
        "We disclose data only in response to a valid court-issued warrant, and we notify you before we do.",
        None,
        "none",
    ),
    # required by law
    ("We may disclose personal information where required by law.", "required_by_law", "medium"),
    ("We do not sell or rent your data to anyone, except as required by law.", "required_by_law", "low"),
    ("We retain your data as long as needed to comply with our legal obligations.", None, "none"),
    ("These terms are governed by the laws of the State of New York.", None, "none"),
    # business transfers
    (
        "If we are involved in a merger, acquisition or sale of assets, your data may be transferred to the "
        "buyer.",
        "business_transfer",
        "medium",
    ),
    (
        "As our business grows, we may buy or sell business units, and customer lists are usually among the "
        "transferred assets.",
        "business_transfer",
        "medium",
    ),
    (
        "If we are acquired, we will ask for your consent before any transfer of your personal data.",
        None,
        "none",
    ),
    ("We may combine information we acquire from partners with data you give us.", None, "none"),
    (
        "We shall not transfer member data to a buyer in any merger without first obtaining the express "
        "consent "
        "of each member.",
        None,
        "none",
    ),
    (
        "Records go to authorities only under a warrant issued by a court, and the affected member will be "
        "notified first.",
        None,
        "none",
    ),
    (
        "We may report suspected violations of law to the relevant authorities.",
        "law_enforcement_request",
        "high",
    ),
    ("Data is used only to meet our regulatory reporting obligations and to prevent fraud.", None, "none"),
    ("We grow through user acquisition campaigns with ad networks.", None, "none"),
    ("Analytics partners measure installs, conversions, acquisitions and campaign results.", None, "none"),
    (
        "In an acquisition of the company, user records may be transferred to the buyer.",
        "business_transfer",
        "medium",
    ),
    ("You represent, warrant and agree that your submissions are accurate.", None, "none"),
    (
        "Law enforcement authorities, government agencies or courts, when:",
        "law_enforcement_request",
        "medium",
    ),
    (
        "We may share your records with law enforcement when they request them.",
        "law_enforcement_request",
        "high",
    ),
    ("The police may receive your details only if a court order obliges us to share them.", None, "none"),
    (
        "We give the police your details when a court order or a law obliges us to share them.",
        "law_enforcement_request",
        "medium",
    ),
    # an emergency that threatens a life is a narrow ground
    ("We may share data with the police only in an emergency where someone's life is at risk.", None, "none"),
    # data received FROM authorities is no disclosure TO them
    ("We obtain information about you from public records and government agencies.", None, "none"),
    # safeguards are not grounds
    (
        "All requests from authorities are carefully reviewed to ensure they are legally binding.",
        None,
        "none",
    ),
    ("If you have a complaint, you may lodge it with your local data protection authority.", None, "none"),
    # a GDPR table cell or a transfer abroad with safeguards names no ground
    (
        "When we transfer your data outside the EEA, we use standard contractual clauses as required by law.",
        None,
        "none",
    ),
    (
        "We may disclose data where required to comply with a court order, and we will tell you about the "
        "request.",
        None,
        "none",
    ),
    # a purpose of use is not a ground of disclosure
    ("We provide our games to you and analyse play to prevent fraud.", None, "none"),
    # plain sharing and promises are not broad grounds
    ("We do not sell or share your personal information.", None, "none"),
    ("We may share your information with service providers who help us run the site.", None, "none"),
]


@pytest.mark.parametrize(("sentence", "rule", "severity"), CASES)
def test_sentence_table(sentence: str, rule: str | None, severity: str) -> None:
    assert_sentence_case(broad_disclosure, sentence, rule, severity)


@pytest.mark.parametrize(
    ("lead_in", "detected"),
    [("We may share your information with others:", True), ("We use your information to:", False)],
)
def test_a_list_item_without_a_verb_reads_its_lead_in(lead_in: str, detected: bool) -> None:
    text = f"{lead_in}\n\u2022 protect our rights and property;\n\u2022 run the site."
    finding = broad_disclosure.detect(make_document(text))
    assert finding.detected is detected
    if detected:
        assert finding.evidence[0].quote == "protect our rights and property;"


THIRD_PERSON = (
    'Privacy Policy\n\nAcme Hosting LLC ("Acme") runs web servers for small businesses. Acme collects the '
    "name and email address of each customer. Acme uses them to send invoices. Acme does not sell them.\n\n"
    "Acme may disclose customer records whenever Acme believes in good faith that disclosure is necessary."
)


def test_a_third_person_policy_reads_the_company_name_as_we() -> None:
    finding = broad_disclosure.detect(make_document(THIRD_PERSON, whole_policy=True))
    assert finding.detected and finding.severity == "high"
    assert finding.evidence[0].quote.startswith("Acme may disclose customer records")
    # the explanation quotes the policy's own words, company name included
    assert 'matched "whenever Acme believe' in finding.evidence[0].explanation


def test_summary_is_one_plain_sentence_naming_the_grounds() -> None:
    text = (
        "We may share your data with the police on request. "
        "If the company is sold, your data is one of the transferred assets."
    )
    finding = broad_disclosure.detect(make_document(text))
    assert finding.summary.startswith("The company may ")
    assert finding.summary.count(".") == 1
    assert "police" in finding.summary and "sold" in finding.summary


def test_strongest_evidence_comes_first_and_severity_is_the_strongest() -> None:
    text = (
        "We may disclose data where required by law. "
        "We may also share it whenever we believe it necessary to protect our property."
    )
    finding = broad_disclosure.detect(make_document(text))
    assert finding.severity == "high"
    assert [e.rule for e in finding.evidence] == ["self_judged_necessity", "required_by_law"]


def test_clean_text_has_a_reassuring_summary_and_no_evidence() -> None:
    finding = broad_disclosure.detect(make_document("We never sell your data. You can delete it."))
    assert not finding.detected
    assert finding.severity == "none"
    assert finding.summary
