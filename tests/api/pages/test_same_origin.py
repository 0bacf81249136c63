"""api.pages.same_origin: the paste form refuses cross-site posts, accepts its own (issue 10, defect 5)."""

from __future__ import annotations

import pytest
from conftest import POLICY

FORM = {"text": POLICY, "url": ""}


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {"Sec-Fetch-Site": "none"},  # typed or bookmarked by the visitor
        {"Origin": "http://localhost"},  # an older browser: Origin only
        {"Origin": "https://grades.example"},  # PUBLIC_URL's host (a TLS proxy in front)
        {},  # curl or a script: no other site can make a visitor send this
    ],
    ids=["fetch metadata same-origin", "fetch metadata none", "own origin", "public url", "no headers"],
)
def test_the_forms_own_posts_are_graded(make_app, headers) -> None:
    client = make_app(PUBLIC_URL="https://grades.example").test_client()
    response = client.post("/", data=FORM, headers=headers)
    assert response.status_code == 200, response.data[:300]
    assert b"Birchwood" in response.data or b"grade" in response.data.lower()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://other.localhost"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "null"},
        # Fetch metadata wins: an attacker cannot set it, and it says cross-site.
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
    ],
)
def test_cross_site_posts_are_refused_with_403_and_nothing_is_stored(client, redis_client, headers) -> None:
    response = client.post(
        "/", data={"text": POLICY, "url": "https://www.birchwood.example/privacy"}, headers=headers
    )
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert b"only works on this site" in response.data
    assert redis_client.keys("pg:report:*") == []
    assert redis_client.keys("pg:site:*") == []


def test_the_home_page_form_posts_to_its_own_origin(client) -> None:
    # What a browser does with the form: same-origin post, with the Origin it came from.
    page = client.get("/").data.decode()
    assert 'method="post"' in page.lower()
    response = client.post(
        "/", data=FORM, headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 200
