"""Policy detection: whole policies beside things that are not policies, with the reason given."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring._policy_detection import (
    MIN_POLICY_WORDS,
    NOT_A_POLICY_REASONS,
    POLICY_THRESHOLD,
    TOPIC_ANCHORS,
    TOPICS,
    WEIGHTS,
    detect_policy,
    look_alike,
)

GOLDEN = Path(__file__).parent / "golden"


def read(relative: str) -> str:
    return (GOLDEN / relative).read_text(encoding="utf-8")


POLICIES = sorted(p.relative_to(GOLDEN).as_posix() for p in (GOLDEN / "policies").glob("*.txt"))

# (fixture, words of the reason): each kind of non-policy says why it was not graded.
NOT_POLICIES = [
    ("not_policies/cookie_banner.txt", "too few to judge"),
    ("not_policies/footer.txt", "too few to judge"),
    ("not_policies/french.txt", "does not look like English"),
    ("not_policies/news.txt", "does not read like a privacy policy"),
    ("not_policies/recipe.txt", "does not read like a privacy policy"),
    ("not_policies/tos.txt", "does not read like a privacy policy"),
]


@pytest.mark.parametrize("fixture", POLICIES)
def test_whole_policies_are_policies_and_whole(fixture: str) -> None:
    verdict = detect_policy(read(fixture))
    assert verdict.is_policy and verdict.is_whole_policy
    assert POLICY_THRESHOLD <= verdict.confidence <= 1.0
    assert verdict.reason == ""


@pytest.mark.parametrize(("fixture", "reason"), NOT_POLICIES)
def test_non_policies_are_rejected_with_a_reason(fixture: str, reason: str) -> None:
    verdict = detect_policy(read(fixture))
    assert not verdict.is_policy and not verdict.is_whole_policy
    assert reason in verdict.reason
    assert verdict.reason.startswith("Not graded: ")
    assert 0.0 <= verdict.confidence < POLICY_THRESHOLD


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "!!! ... ???"])
def test_empty_text_is_not_a_policy(text: str) -> None:
    verdict = detect_policy(text)
    assert (verdict.is_policy, verdict.confidence, verdict.word_count) == (False, 0.0, 0)
    assert verdict.reason == "Not graded: the text is empty (it has no words)."


def test_one_section_of_a_policy_is_a_policy_but_not_a_whole_one() -> None:
    policy = read("policies/megadeal_bad.txt")
    section = policy[policy.index("4. DISCLOSURE") : policy.index("5. DATA RETENTION")]
    verdict = detect_policy(section)
    assert verdict.word_count >= MIN_POLICY_WORDS
    assert not verdict.is_whole_policy


def test_single_sentence_is_never_whole() -> None:
    verdict = detect_policy("We may share your personal information with third parties for marketing.")
    assert not verdict.is_whole_policy and not verdict.is_policy
    assert "too few to judge" in verdict.reason


def test_policy_published_alongside_a_translation_is_still_read() -> None:
    text = read("not_policies/french.txt") + "\n\n" + read("policies/lumen_notes_good.txt")
    assert detect_policy(text).is_policy


def test_news_about_a_policy_scores_below_the_policy_itself() -> None:
    news = detect_policy(read("not_policies/news.txt"))
    policy = detect_policy(read("policies/trailhead_mixed.txt"))
    assert news.confidence < POLICY_THRESHOLD < policy.confidence
    assert set(news.topics) < set(TOPICS)


@pytest.mark.parametrize("phrase", ["we may disclose ", "we collect and share your personal information. "])
def test_repeated_phrase_is_not_a_policy(phrase: str) -> None:
    verdict = detect_policy(phrase * 20_000)
    assert not verdict.is_policy
    assert "repeats a few words" in verdict.reason


def test_feature_weights_sum_to_one() -> None:
    assert sum(WEIGHTS.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text",
    ["(" * 500_000 + ")" * 500_000, "a" * 1_000_000, "privacy " * 125_000, "\n" * 1_000_000],
    ids=["nested-brackets", "one-word", "one-word-repeated", "newlines"],
)
def test_adversarial_megabytes_are_judged_not_policies(text: str) -> None:
    assert not detect_policy(text).is_policy


# (topic, sentence that announces it, sentence on the same subject that must not count).
TOPIC_CASES = [
    ("collection", "Information we receive from partners.", "We received your letter."),
    ("collection", "We automatically collect log files.", "Collectors love stamps."),
    ("use", "How we use your information.", "Use a pen to sign."),
    ("use", "The purposes of processing are listed.", "Food processing plants."),
    ("sharing", "We sell personal details to brokers.", "We sell shoes."),
    ("sharing", "We transfer your data abroad.", "Transfer the files."),
    ("sharing", "Our service providers host the site.", "Room service is available."),
    ("sharing", "Data is given to third-party partners.", "The third part of the book."),
    ("cookies", "Our emails contain web beacons.", "We bake biscuits."),
    ("cookies", "Pixel tags count visits.", "A pixel is a dot."),
    ("choices", "You may opt-out of ads.", "Options include red."),
    ("choices", "You can withdraw your consent.", "Withdraw cash at the bank."),
    ("choices", "Our site honours Do Not Track signals.", "Track the parcel."),
    ("choices", "You can correct your personal data.", "Correct the typo."),
    ("retention", "We store your personal information in Ireland.", "We store boxes."),
    ("retention", "Kept as long as necessary for the purpose.", "A long walk."),
    ("security", "Data is encrypted in transit.", "The safe is locked."),
    ("security", "We prevent unauthorized access.", "Access the garden."),
    ("children", "We do not target users under 13.", "Under the bridge."),
    ("children", "The site complies with COPPA.", "Copper wires."),
    ("changes", "Changes to this privacy notice are posted here.", "Changes to the timetable."),
    ("changes", "Last updated 2026.", "Last orders at ten."),
    ("contact", "Email privacy@example.com.", "Email sales."),
    ("contact", "Write to our data protection officer.", "Write to the editor."),
    ("legal", "Our lawful basis is consent.", "The basis of the design."),
    ("legal", "The data controller is Example Ltd.", "The game controller broke."),
    ("legal", "Rights of California consumers.", "California is sunny."),
    ("self_reference", "Read our Privacy Statement.", "Read our statement."),
]


@pytest.mark.parametrize(("topic", "announces", "does_not"), TOPIC_CASES)
def test_topic_cues(topic: str, announces: str, does_not: str) -> None:
    assert topic in detect_policy(announces).topics
    assert topic not in detect_policy(does_not).topics


def test_every_topic_phrase_contains_one_of_its_anchors() -> None:
    assert set(TOPIC_ANCHORS) == set(TOPICS)
    for topic, phrases in TOPICS.items():
        for phrase in phrases:
            assert any(anchor in phrase for anchor in TOPIC_ANCHORS[topic]), (topic, phrase)


# (fixture, kind): pages that use the vocabulary of privacy without being a company's own privacy
# policy. Each is our own text: a contract, a cookie-only notice, a help article, a news story told
# through others' words (with and without the company's practices in it), a personal blog post.
LOOK_ALIKES = [
    ("not_policies/look_alike_terms.txt", "terms"),
    ("not_policies/look_alike_cookies.txt", "cookies"),
    ("not_policies/look_alike_help.txt", "article"),
    ("not_policies/look_alike_news.txt", "article"),
    ("not_policies/look_alike_news_company.txt", "article"),
    ("not_policies/look_alike_blog.txt", "article"),
]


def _look_alike(text: str) -> str | None:
    return look_alike(text, text.lower(), len(text.split()))


@pytest.mark.parametrize(("fixture", "kind"), LOOK_ALIKES)
def test_look_alikes_are_named_for_what_they_are(fixture: str, kind: str) -> None:
    text = read(fixture)
    assert _look_alike(text) == kind
    verdict = detect_policy(text)
    assert not verdict.is_policy and verdict.reason.startswith("Not graded: ")


@pytest.mark.parametrize("fixture", POLICIES)
def test_whole_policies_are_no_look_alikes(fixture: str) -> None:
    assert _look_alike(read(fixture)) is None


@pytest.mark.parametrize(("fixture", "kind"), [f for f in LOOK_ALIKES if f[1] != "article"])
def test_a_look_alike_with_policy_confidence_says_what_it_is(fixture: str, kind: str) -> None:
    verdict = detect_policy(read(fixture))
    assert verdict.confidence >= POLICY_THRESHOLD
    assert verdict.reason == NOT_A_POLICY_REASONS[kind]


def test_a_third_person_policy_is_no_article() -> None:
    policy = (
        "Privacy Policy of Saltmarsh Hosting\n\n"
        "Saltmarsh Hosting collects the name, e-mail address and billing details of its customers. "
        "Saltmarsh Hosting uses this information to run the hosting service and to send invoices. "
        "Saltmarsh Hosting will not disclose customer information to third parties except to comply with "
        "a court order. Log files are retained for 30 days and then deleted. Customers may ask for a copy "
        "of their data, or for its deletion, by writing to privacy@saltmarsh.example. Cookies are used "
        "only to keep customers signed in. Saltmarsh Hosting protects data with encryption and restricts "
        "access to its staff. Changes to this policy are announced by e-mail. The service is not meant for "
        "children under 16. Questions about this policy can be sent to the address above.\n"
    )
    assert _look_alike(policy) is None
    assert detect_policy(policy).is_policy
