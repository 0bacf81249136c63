"""GET / and POST /: what the service is, the paste form, and the report of pasted text."""

from __future__ import annotations

import re

import pytest
from conftest import POLICY
from markupsafe import escape

from api.pages import views
from api.pages.views import PASTE_MAX_CHARS


def test_home_explains_service_and_has_form(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = response.data.decode()
    assert '<h1 id="intro-heading">Privacy policies, graded A to E</h1>' in page
    assert '<form method="post" action="/" class="paste-form">' in page
    assert '<textarea id="text" name="text"' in page and f'maxlength="{PASTE_MAX_CHARS}"' in page
    assert 'href="/docs"' in page and 'href="/sites"' in page
    assert "<script" not in page


def test_post_scores_pasted_policy_and_shows_report(client, scorer) -> None:
    response = client.post("/", data={"text": POLICY, "url": ""})
    assert response.status_code == 200
    page = response.data.decode()
    assert "<h1>Your policy</h1>" in page
    assert 'class="grade grade--large grade-' in page
    assert "How hard is it to read?" in page
    # The same text scored through the API gives the same grade (one scoring code path).
    api = client.post("/api/v1/score", json={"text": POLICY}).get_json()
    if api["grade"]:
        assert f'grade-{api["grade"]}"' in page
    assert f'href="/reports/{api["id"]}"' in page
    # Quotes found by the scorer are highlighted, each inside its sentences of context.
    for risk in api["risks"]:
        for evidence in risk["evidence"]:
            first_words = " ".join(evidence["quote"].split()[:4])
            assert re.search(r"<mark>" + re.escape(first_words), page), first_words


def test_post_with_url_links_to_site_page(client, scorer) -> None:
    response = client.post("/", data={"text": POLICY, "url": "https://www.birchwood.example/privacy"})
    assert response.status_code == 200
    page = response.data.decode()
    api = client.post("/api/v1/score", json={"text": POLICY}).get_json()
    if api["is_policy"]:
        assert 'href="/sites/birchwood.example"' in page
        assert client.get("/sites/birchwood.example").status_code == 200


def test_second_post_says_it_was_cached(client, scorer) -> None:
    client.post("/", data={"text": POLICY})
    page = client.post("/", data={"text": POLICY}).data.decode()
    assert "This exact text was graded before" in page


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": ""}, 422, "Paste the text of a privacy policy into the box."),
        ({"text": "   \n\t "}, 422, "Paste the text of a privacy policy into the box."),
        ({}, 422, "Paste the text of a privacy policy into the box."),
        (
            {"text": POLICY, "url": "ftp://example.com/p"},
            422,
            "The address must start with http:// or https://",
        ),
        (
            {"text": POLICY, "url": "javascript:alert(1)"},
            422,
            "The address must start with http:// or https://",
        ),
        ({"text": "x" * (PASTE_MAX_CHARS + 1)}, 413, f"Paste at most {PASTE_MAX_CHARS:,} characters."),
    ],
)
def test_bad_input_gets_a_friendly_message(client, scorer, data: dict, status: int, message: str) -> None:
    response = client.post("/", data=data)
    assert response.status_code == status
    page = response.data.decode()
    assert 'role="alert"' in page and message in page
    assert '<form method="post"' in page  # the form is shown again to fix the input
    if data.get("url"):
        assert "Birchwood Books" in page  # the pasted text is kept


def test_form_body_over_the_limit_is_a_friendly_413(client, monkeypatch) -> None:
    monkeypatch.setattr(views, "PASTE_MAX_FORM_BYTES", 1000)
    response = client.post("/", data={"text": "é" * 2000})
    assert response.status_code == 413
    assert "That text is too long" in response.data.decode()


def test_non_form_body_is_handled(client) -> None:
    response = client.post("/", data=b"\x00\xff garbage", content_type="application/octet-stream")
    assert response.status_code == 422
    assert "Paste the text" in response.data.decode()


def test_text_that_is_not_a_policy_is_not_graded(client, scorer) -> None:
    text = "Buy two pizzas, get one free! Offer valid until Sunday at all participating stores."
    response = client.post("/", data={"text": text})
    assert response.status_code == 200
    page = response.data.decode()
    reason = client.post("/api/v1/score", json={"text": text}).get_json()["grade_reason"]
    assert f'<p class="notice">{escape(reason)}</p>' in page
    assert "<h1>Your text</h1>" in page
    assert 'class="grade grade--large grade-none"' in page
    assert 'class="risks"' not in page  # no list of "not found" risks for a pizza advert


def test_home_grade_explanation_matches_the_scorer(client, scorer) -> None:
    """The numbers the home page quotes are the scorer's own weights and bands."""
    from scoring import _grading

    page = client.get("/").data.decode()
    penalties = _grading.SEVERITY_PENALTY
    assert f"high {penalties['high']}, medium {penalties['medium']}, low {penalties['low']}" in page
    bands = dict((grade, low) for low, grade in _grading.GRADE_BANDS)
    assert f"A from {bands['A']}, B from {bands['B']}, C from {bands['C']}, D from {bands['D']}" in page
    assert f"up to {max(p for _, p, _ in _grading.READABILITY_PENALTY)} more" in page
