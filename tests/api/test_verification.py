"""Verification end to end: POST names a url, a real RQ worker fetches it from a local web server
(FETCH_HOST_MAP), and only that fetched text grades the site."""

from __future__ import annotations

import time
from typing import Any

import pytest
from policy_texts import NOT_A_POLICY, POLICY_V1, POLICY_V2, as_html

from scoring import score_policy

pytestmark = pytest.mark.redis

#: A glowing "policy" a stranger might post for someone else's site (written for this test).
FORGED = """Privacy Policy

Birch & Co never sells, rents or shares your personal information with anyone, for any reason.
We collect only your e-mail address, and only to send the newsletter you asked for. You can opt out
of every e-mail with one click, and you can delete your account at any time: when you do, we erase
your data from our systems and from our backups within seven days. We do not use advertising
cookies. We do not keep logs. We will tell you before anything in this policy changes, and you may
write to privacy@birch.example with any question; a person answers within two working days. We never
disclose data to third parties, and we ask your consent before any new use of your information.
"""


@pytest.fixture
def shop(site_server: Any, worker_env: Any, make_app: Any) -> Any:
    """www.shop-test.example served by the local server; the app and the worker both map it there."""
    host_map = site_server.host_map("www.shop-test.example", "shop-test.example", "www.other-test.example")
    worker_env(FETCH_HOST_MAP=host_map)
    site_server.html("/privacy", as_html(POLICY_V1))
    return make_app(FETCH_HOST_MAP=host_map).test_client()


def post(client: Any, text: str, url: str = "https://www.shop-test.example/privacy") -> dict[str, Any]:
    response = client.post("/api/v1/score", json={"text": text, "url": url.replace("https://", "http://")})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def site(client: Any, name: str = "shop-test.example") -> dict[str, Any]:
    response = client.get(f"/api/v1/sites/{name}")
    assert response.status_code == 200
    return response.get_json()


def test_a_forged_text_never_grades_the_site_and_the_fetched_text_does(shop: Any, run_jobs: Any) -> None:
    answer = post(shop, FORGED)
    assert answer["grade"] in ("A", "B")  # the submitter still gets the report of what it sent
    assert answer["verification"]["status"] == "queued"
    before = site(shop)
    assert (before["verified"], before["grade"], before["current"]) == (False, None, None)
    assert before["visitor_report"]["report_id"] == answer["id"]
    assert before["verification_pending"] is True
    assert "not graded" in shop.get("/sites/shop-test.example/badge.svg").data.decode()

    assert run_jobs() == 1

    after = site(shop)
    assert after["verified"] is True
    assert after["current"]["id"] != answer["id"]
    # POLICY_V1's own grade (a bad policy), not the forgery's A or B
    assert after["grade"] == after["current"]["grade"] == score_policy(POLICY_V1).grade
    assert after["grade"] in ("D", "E")
    assert after["verification"]["url"] == "http://www.shop-test.example/privacy"
    assert after["verification"]["http_status"] == 200
    assert after["verification"]["text_hash"] == after["current"]["id"]
    assert after["visitor_report"]["matches_verified"] is False  # shown on the page: they differ
    assert after["title"] == "Privacy Policy"
    assert after["verification_pending"] is False
    expected = score_policy(POLICY_V1).grade
    assert f"privacy policy: {expected}" in shop.get("/sites/shop-test.example/badge.svg").data.decode()
    bucket = shop.get(f"/api/v1/sites/prefix/{_hash('shop-test.example')[:4]}").get_json()["sites"]
    assert [(s["site"], s["grade"]) for s in bucket] == [("shop-test.example", expected)]


def _hash(name: str) -> str:
    from api.domains import site_hash

    return site_hash(name)


def test_the_fetch_identifies_itself_and_sends_no_cookies(shop: Any, site_server: Any, run_jobs: Any) -> None:
    post(shop, POLICY_V1)
    run_jobs()
    (request,) = site_server.requests
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["user-agent"].startswith("policygrade-verifier/")
    assert headers["host"] == "www.shop-test.example"
    assert "cookie" not in headers and "authorization" not in headers


def test_two_sites_sharing_a_text_show_their_own_urls(shop: Any, site_server: Any, run_jobs: Any) -> None:
    site_server.html("/legal", as_html(POLICY_V1))
    post(shop, POLICY_V1, "https://www.shop-test.example/privacy")
    post(shop, POLICY_V1, "https://www.other-test.example/legal")
    run_jobs()
    one, two = site(shop), site(shop, "other-test.example")
    assert one["current"]["id"] == two["current"]["id"]
    assert one["url"] == "http://www.shop-test.example/privacy"
    assert two["url"] == "http://www.other-test.example/legal"
    assert "www.other-test.example" not in shop.get("/sites/shop-test.example").data.decode()


def test_a_redirect_within_the_site_is_followed_and_recorded(
    shop: Any, site_server: Any, run_jobs: Any
) -> None:
    site_server.redirect("/p", "/privacy", 301)
    post(shop, POLICY_V1, "https://www.shop-test.example/p")
    run_jobs()
    verification = site(shop)["verification"]
    assert verification["requested_url"] == "http://www.shop-test.example/p"
    assert verification["url"] == "http://www.shop-test.example/privacy"


def test_a_failed_fetch_keeps_the_last_verified_report(
    shop: Any, site_server: Any, run_jobs: Any, redis_client: Any
) -> None:
    post(shop, POLICY_V1)
    run_jobs()
    verified = site(shop)
    failures = {
        "http_error": (503, {"Content-Type": "text/html"}, b"down for maintenance"),
        "not_html": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
        "no_text": (
            200,
            {"Content-Type": "text/html"},
            b"<html><body><div id=app></div><script>x()</script>",
        ),
        "not_a_policy": (200, {"Content-Type": "text/plain"}, NOT_A_POLICY.encode()),
    }
    for status, route in failures.items():
        site_server.routes["/privacy"] = route
        redis_client.hset("pg:site:shop-test.example", "checked_epoch", "1")  # the last check was long ago
        post(shop, POLICY_V2)
        run_jobs()
        now = site(shop)
        assert now["last_check"]["status"] == status
        assert (now["grade"], now["current"]["id"], now["verified"]) == (
            verified["grade"],
            verified["current"]["id"],
            True,
        )
        assert now["verification"] == verified["verification"]


def test_a_text_that_is_not_a_policy_records_no_site(shop: Any, site_server: Any, run_jobs: Any) -> None:
    answer = post(shop, NOT_A_POLICY, "https://www.other-test.example/menu")
    assert answer["verification"]["status"] == "not_requested"
    assert run_jobs() == 0
    assert shop.get("/api/v1/sites/other-test.example").status_code == 404
    # A verified fetch of a page that is not a policy records nothing either.
    site_server.routes["/menu"] = (200, {"Content-Type": "text/plain"}, NOT_A_POLICY.encode())
    from api.verify.jobs import verify_site

    assert verify_site("other-test.example", "http://www.other-test.example/menu")["status"] == "not_a_policy"
    assert shop.get("/api/v1/sites/other-test.example").status_code == 404


def test_one_pending_job_per_site_and_no_refetch_within_the_interval(
    shop: Any, run_jobs: Any, redis_client: Any
) -> None:
    store = shop.application.extensions["policygrade"].store
    assert post(shop, POLICY_V1)["verification"]["status"] == "queued"
    assert post(shop, POLICY_V1)["verification"]["status"] == "pending"
    assert post(shop, POLICY_V2)["verification"]["status"] == "pending"
    assert run_jobs() == 1
    # The text the server extracted, hash for hash (a browser's capture of the page rarely is).
    verified_text = store.get_text(site(shop)["current"]["id"])
    # Verified just now: the same text is not fetched again for VERIFY_INTERVAL...
    assert post(shop, verified_text)["verification"]["status"] == "recent"
    # ...and a different text (a changed policy, another extraction, a forgery) at most once an hour.
    assert post(shop, POLICY_V2)["verification"]["status"] == "recent"
    hour_ago = time.time() - 3601
    redis_client.hset("pg:site:shop-test.example", "checked_epoch", repr(hour_ago))
    assert post(shop, verified_text)["verification"]["status"] == "recent"  # same as verified: 24 h
    assert post(shop, POLICY_V2)["verification"]["status"] == "queued"
    assert run_jobs() == 1
    day_ago = time.time() - 24 * 3600 - 1
    redis_client.hset("pg:site:shop-test.example", "checked_epoch", repr(day_ago))
    assert post(shop, verified_text)["verification"]["status"] == "queued"


def test_a_redirect_to_another_site_is_not_its_grade(shop: Any, site_server: Any, run_jobs: Any) -> None:
    site_server.html("/legal", as_html(POLICY_V2))
    site_server.redirect("/privacy", "http://www.other-test.example/legal")
    post(shop, POLICY_V1)
    run_jobs()
    record = site(shop)
    assert (record["verified"], record["last_check"]["status"]) == (False, "off_site_redirect")


def test_the_site_page_says_how_the_grade_was_verified(shop: Any, run_jobs: Any) -> None:
    post(shop, FORGED)
    unverified = shop.get("/sites/shop-test.example").data.decode()
    assert "Not verified" in unverified and "Reported by a visitor, not verified" in unverified
    assert 'class="grade grade--large grade-' not in unverified or "grade-none" in unverified
    run_jobs()
    page = shop.get("/sites/shop-test.example").data.decode()
    assert "Verified by fetching" in page and "http://www.shop-test.example/privacy" in page
    assert "differs from the verified text" in page
