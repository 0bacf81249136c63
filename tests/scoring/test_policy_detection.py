"""Policy detection: whole policies beside things that are not policies, with the reason given."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring._policy_detection import (
    MIN_POLICY_WORDS,
    POLICY_THRESHOLD,
    TOPICS,
    WEIGHTS,
    detect_policy,
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
    assert verdict.reason == "Not graded: the text is empty."


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
