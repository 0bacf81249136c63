"""Short whole policies from clearly good to clearly bad: their scores keep this order and letters.

Each policy is written for this test (first person, third person, passive voice) from one shared
frame, so only the clauses about the three risks differ. Issue 8: a grade that separates policies.
"""

from __future__ import annotations

import pytest

from scoring import score_policy

FRAME = """{name} Privacy Policy

Last updated: 3 March 2026

Information we collect
{collects}

How information is used
{uses}

Sharing
{sharing}

Cookies
{cookies}

Your choices
{choices}

Retention and deletion
{retention}

Security and children
Data is encrypted in transit and at rest. The service is not meant for children under 13, and accounts
found to belong to them are closed.

Changes and contact
Changes to this policy are posted on this page with a new date. Questions about this privacy policy
can be sent to privacy@example.test.
"""

COLLECTS = "We collect your name, email address and the files you upload when you create an account."
USES = "We use this information to run the service, answer support requests and send receipts."
COOKIES = "We use cookies to keep you signed in and to remember your language."
CHOICES_GOOD = (
    "You can unsubscribe from our newsletter with the link in every email, and you can turn off "
    "optional analytics in your account settings."
)


def policy(
    name: str, sharing: str, retention: str, choices: str = CHOICES_GOOD, cookies: str = COOKIES
) -> str:
    return FRAME.format(
        name=name,
        collects=COLLECTS,
        uses=USES,
        sharing=sharing,
        cookies=cookies,
        choices=choices,
        retention=retention,
    )


# best first
POLICIES = [
    (
        "exemplary",
        policy(
            "Fernleaf Books",
            "We give data to authorities only in response to a valid court order, and we notify the person "
            "concerned first. We never sell your data.",
            "When you delete your account, we erase your data from all our systems and backups within 30 "
            "days.",
        ),
        {"A"},
    ),
    (
        "merger_with_notice",
        policy(
            "Quillon",
            "If Quillon is ever sold, we will notify you first and you may delete your account before any "
            "data is transferred to the buyer.",
            "Deleted files are removed from our servers within 14 days.",
        ),
        {"A"},
    ),
    (
        "legal_duty_only",
        policy(
            "Mosswood",
            "We disclose personal information where required by law.",
            "Your files are kept until you delete them.",
        ),
        {"A", "B"},
    ),
    (
        "one_self_judged_ground",
        policy(
            "Tarnhollow",
            "We may disclose account records to others whenever we believe in good faith that this is "
            "necessary.",
            "When you close your account, we delete your data within 30 days.",
        ),
        {"B"},
    ),
    (
        "self_judged_and_backups",
        policy(
            "Brackenfield",
            "Brackenfield may release customer records whenever Brackenfield believes it is appropriate to "
            "protect its rights.",
            "Copies of deleted files may remain in backup archives.",
        ),
        {"C"},
    ),
    (
        "two_high",
        policy(
            "Cinderpath",
            "We may share your data with law enforcement upon request.",
            "Content you delete may remain visible to other users with no end date.",
        ),
        {"D"},
    ),
    (
        "consent_by_use_and_backups",
        policy(
            "Ashgrove",
            "Records are handed to the police when they ask for them.",
            "Copies of deleted files may remain in backup archives.",
            choices="By using the service, you agree to the practices described in this policy. "
            + CHOICES_GOOD,
        ),
        {"D"},
    ),
    (
        "everything_bad",
        policy(
            "Grimvale",
            "We may share your data with anyone whenever we deem it appropriate.",
            "We may keep your information indefinitely, even after you delete your account.",
            choices="You cannot opt out of our marketing emails. If you do not agree with this policy, do "
                "not "
            "use "
            "the service.",
            cookies="By continuing to browse, you consent to our use of tracking cookies for advertising.",
        ),
        {"E"},
    ),
]


def test_scores_keep_the_order_from_good_to_bad() -> None:
    reports = [(name, score_policy(text)) for name, text, _ in POLICIES]
    for name, report in reports:
        assert report.is_policy, (name, report.grade_reason)
    scores = [report.score for _, report in reports]
    assert scores == sorted(scores, reverse=True), list(zip([n for n, _ in reports], scores, strict=True))
    assert scores[0] > scores[-1] + 60


@pytest.mark.parametrize(("name", "text", "letters"), POLICIES, ids=[p[0] for p in POLICIES])
def test_letters(name: str, text: str, letters: set[str]) -> None:
    report = score_policy(text)
    assert report.grade in letters, report.grade_reason


def test_every_finding_says_how_to_improve_and_good_clauses_are_listed() -> None:
    bad = score_policy(POLICIES[-1][1])
    for risk in bad.risks:
        assert risk.detected and risk.how_to_improve.endswith(".")
    good = score_policy(POLICIES[0][1])
    assert {g.rule for g in good.good_practices} >= {
        "narrow_legal_ground",
        "opt_out_offered",
        "bounded_purge",
    }
    for practice in good.good_practices:
        assert POLICIES[0][1][practice.start : practice.end] == practice.quote


# docs/scoring.md's worked example: the same policy, two clauses reworded twice (keep them in step).
WORKED_EXAMPLE = [
    (
        "D",
        "We may disclose your information to law enforcement or other third parties whenever we believe in "
        "good faith that disclosure is necessary to protect our rights or property.",
        "When you delete your account, we may continue to retain your notes for analytics and to improve "
        "our services.",
    ),
    (
        "B",
        "We may disclose your information where required to comply with law, regulation, legal process or a "
        "governmental request.",
        "When you delete your account, copies of your notes may remain in our backup archives.",
    ),
    (
        "A",
        "We disclose your information to authorities only in response to a valid court order, and we tell "
        "you about the request unless the order forbids it.",
        "When you delete your account, your notes are removed at once and erased from our backups within "
        "30 days.",
    ),
]


def test_worked_example_of_docs_scoring_md() -> None:
    severities = []
    for letter, sharing, retention in WORKED_EXAMPLE:
        report = score_policy(policy("Nimbus Notes", sharing, retention))
        assert report.grade == letter, report.grade_reason
        found = {r.id: r.severity for r in report.risks if r.detected}
        severities.append((found.get("broad_disclosure"), found.get("retention_after_deletion")))
        assert all(r.how_to_improve for r in report.risks if r.detected)
    assert severities == [("high", "high"), ("medium", "medium"), (None, "low")]
