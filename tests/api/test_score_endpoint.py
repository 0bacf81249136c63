"""POST /api/v1/score end to end on a real Redis: response shape, cache miss then hit, rescoring."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import pytest
from policy_texts import NOT_A_POLICY, POLICY_V1

from api.scoring_service import normalize_text

pytestmark = pytest.mark.redis


@pytest.fixture
def score_calls(scorer: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts calls to the real score_policy (it still runs)."""
    calls: list[str] = []
    real = scorer.score_policy

    def counting(text: str, url: str | None = None) -> Any:
        calls.append(text)
        return real(text, url=url)

    monkeypatch.setattr(scorer, "score_policy", counting)
    return calls


def test_response_is_the_report_plus_where_and_when(client: Any, scorer: Any) -> None:
    response = client.post(
        "/api/v1/score",
        json={"text": POLICY_V1, "url": "https://www.examplify.co.uk/privacy", "title": "Privacy"},
    )
    assert response.status_code == 200
    body = response.get_json()
    expected = scorer.score_policy(normalize_text(POLICY_V1), url="https://www.examplify.co.uk/privacy")
    for key, value in expected.to_dict().items():
        assert body[key] == value, key
    assert body["id"] == hashlib.sha256(normalize_text(POLICY_V1).encode()).hexdigest()
    assert body["scorer_version"] == scorer.SCORER_VERSION
    assert body["url"] == "https://www.examplify.co.uk/privacy"
    assert body["site"] == "examplify.co.uk"
    assert body["title"] == "Privacy"
    assert body["cached"] is False
    assert datetime.fromisoformat(body["scored_at"]).utcoffset().total_seconds() == 0


def test_same_text_twice_is_served_from_the_cache(client: Any, score_calls: list[str]) -> None:
    first = client.post("/api/v1/score", json={"text": POLICY_V1})
    second = client.post("/api/v1/score", json={"text": POLICY_V1})
    assert (first.json["cached"], second.json["cached"]) == (False, True)
    assert len(score_calls) == 1
    assert second.json["id"] == first.json["id"]
    assert second.json["risks"] == first.json["risks"]
    # scored_at is the time of each answer: a stored report holds findings, not request dates.
    assert second.json["scored_at"] >= first.json["scored_at"]


def test_line_ending_and_edge_whitespace_variants_share_a_report(client: Any, score_calls: list[str]) -> None:
    first = client.post("/api/v1/score", json={"text": POLICY_V1})
    variant = "\n\n  " + POLICY_V1.replace("\n", "  \r\n") + "\n"
    second = client.post("/api/v1/score", json={"text": variant})
    assert second.json["id"] == first.json["id"]
    assert second.json["cached"] is True
    assert len(score_calls) == 1


def test_a_new_scorer_version_rescores(
    client: Any, scorer: Any, score_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.post("/api/v1/score", json={"text": POLICY_V1})
    monkeypatch.setattr(scorer, "SCORER_VERSION", scorer.SCORER_VERSION + "-next")
    second = client.post("/api/v1/score", json={"text": POLICY_V1})
    assert second.json["cached"] is False
    assert second.json["scorer_version"] == scorer.SCORER_VERSION
    assert len(score_calls) == 2
    third = client.post("/api/v1/score", json={"text": POLICY_V1})
    assert third.json["cached"] is True
    stored = client.get(f"/api/v1/reports/{first.json['id']}")
    assert stored.json["scorer_version"] == scorer.SCORER_VERSION


def test_cached_response_reports_this_requests_url_and_site(client: Any, scorer: Any) -> None:
    client.post("/api/v1/score", json={"text": POLICY_V1, "url": "https://one.example/privacy"})
    again = client.post("/api/v1/score", json={"text": POLICY_V1, "url": "https://www.two.example/p"})
    assert (again.json["cached"], again.json["site"], again.json["url"]) == (
        True,
        "two.example",
        "https://www.two.example/p",
    )
    without = client.post("/api/v1/score", json={"text": POLICY_V1})
    assert (without.json["site"], without.json["url"]) == (None, None)


def test_text_that_is_not_a_policy_gets_no_grade_and_no_site_record(client: Any, scorer: Any) -> None:
    response = client.post("/api/v1/score", json={"text": NOT_A_POLICY, "url": "https://pizza.example/"})
    assert response.status_code == 200
    assert response.json["is_policy"] is False
    assert response.json["grade"] is None
    assert response.json["grade_reason"]
    assert client.get("/api/v1/sites/pizza.example").status_code == 404


def test_scoring_a_policy_stores_its_normalized_text(app: Any, client: Any, scorer: Any) -> None:
    store = app.extensions["policygrade"].store
    raw = POLICY_V1.replace("\n", "\r\n") + "   \n"
    body = client.post("/api/v1/score", json={"text": raw}).get_json()
    assert body["is_policy"] is True
    # Exactly what was scored, so the evidence offsets index it.
    stored = store.get_text(body["id"])
    assert stored == normalize_text(raw)
    for risk in body["risks"]:
        for evidence in risk["evidence"]:
            assert stored[evidence["start"] : evidence["end"]] == evidence["quote"]
    # Text that is not a policy is scored and cached, but its text is not kept.
    other = client.post("/api/v1/score", json={"text": NOT_A_POLICY}).get_json()
    assert other["is_policy"] is False
    assert store.get_text(other["id"]) is None
