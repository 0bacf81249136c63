"""GET /api/v1/sites, /sites/<site> and the k-anonymity /sites/prefix/<4 hex> on a real Redis."""

from __future__ import annotations

from typing import Any

import pytest
from policy_texts import POLICY_V1, POLICY_V2

from api.domains import site_hash

pytestmark = pytest.mark.redis


def detected(report: dict[str, Any]) -> set[str]:
    return {risk["id"] for risk in report["risks"] if risk["detected"]}


@pytest.fixture
def client(make_app: Any, site_server: Any, worker_env: Any) -> Any:
    """An app that verifies every POST (VERIFY_INTERVAL 0), its worker fetching from ``site_server``."""
    worker_env(VERIFY_INTERVAL="0")
    return make_app(VERIFY_INTERVAL=0).test_client()


@pytest.fixture
def score(site_server: Any, worker_env: Any, run_jobs: Any) -> Any:
    """``score(client, text, url)``: POST ``text`` naming ``url``, which serves that same text (plain text,
    so the fetched text hashes like the posted one), and let a real RQ worker verify it."""
    hosts: set[str] = set()

    def post_and_verify(client: Any, text: str, url: str) -> dict[str, Any]:
        url = url.replace("https://", "http://")  # the local stand-in speaks plain HTTP
        host, _, path = url.removeprefix("http://").partition("/")
        hosts.add(host)
        worker_env(FETCH_HOST_MAP=site_server.host_map(*hosts), VERIFY_INTERVAL="0")
        site_server.routes["/" + path] = (200, {"Content-Type": "text/plain; charset=utf-8"}, text.encode())
        response = client.post("/api/v1/score", json={"text": text, "url": url})
        assert response.status_code == 200
        assert response.get_json()["verification"]["status"] == "queued"
        assert run_jobs() == 1
        return response.get_json()

    return post_and_verify


def test_history_across_two_policy_versions(client: Any, scorer: Any, score: Any) -> None:
    v1 = score(client, POLICY_V1, "https://www.examplify.co.uk/privacy")
    score(client, POLICY_V1, "https://examplify.co.uk/legal/privacy")  # same version seen again
    v2 = score(client, POLICY_V2, "https://www.examplify.co.uk/privacy")
    # The two texts were written to differ in risks; if the scorer disagrees this test cannot check much.
    assert detected(v1) != detected(v2), "fixture policies should differ in detected risks"

    site = client.get("/api/v1/sites/examplify.co.uk").get_json()
    assert site["site"] == "examplify.co.uk"
    assert site["current"]["id"] == v2["id"]
    assert site["current"]["grade"] == v2["grade"]
    newest, oldest = site["history"]
    assert (newest["id"], oldest["id"]) == (v2["id"], v1["id"])
    assert newest["changes"] == {
        "added": sorted(detected(v2) - detected(v1), key=scorer.RISK_IDS.index),
        "removed": sorted(detected(v1) - detected(v2), key=scorer.RISK_IDS.index),
        "grade_from": v1["grade"],
        "grade_to": v2["grade"],
    }
    assert oldest["first_seen"] <= oldest["last_seen"] <= newest["first_seen"]
    assert oldest["last_seen"] > oldest["first_seen"]  # the second sighting moved last_seen
    assert (newest["grade"], newest["score"]) == (v2["grade"], v2["score"])


@pytest.mark.parametrize(
    "lookup", ["examplify.co.uk", "www.examplify.co.uk", "shop.eu.examplify.co.uk", "WWW.EXAMPLIFY.CO.UK"]
)
def test_subdomains_map_to_the_registrable_domain(client: Any, scorer: Any, score: Any, lookup: str) -> None:
    v1 = score(client, POLICY_V1, "https://www.examplify.co.uk/privacy")
    response = client.get(f"/api/v1/sites/{lookup}")
    assert response.status_code == 200
    assert response.get_json()["current"]["id"] == v1["id"]


def test_different_registrable_domains_are_different_sites(client: Any, scorer: Any, score: Any) -> None:
    score(client, POLICY_V1, "https://www.examplify.co.uk/privacy")
    assert client.get("/api/v1/sites/other.co.uk").status_code == 404
    assert client.get("/api/v1/sites/examplify.com").status_code == 404


def test_site_list(client: Any, scorer: Any, score: Any) -> None:
    score(client, POLICY_V1, "https://www.first.example/privacy")
    v2 = score(client, POLICY_V2, "https://second.example/privacy")
    body = client.get("/api/v1/sites?limit=1").get_json()
    assert (body["total"], body["limit"], body["offset"]) == (2, 1, 0)
    (item,) = body["items"]
    assert item["site"] == "second.example"
    assert (item["grade"], item["score"], item["url"]) == (v2["grade"], v2["score"], v2["url"])
    assert item["updated_at"]
    page2 = client.get("/api/v1/sites?limit=1&offset=1").get_json()
    assert [i["site"] for i in page2["items"]] == ["first.example"]


def test_prefix_returns_the_bucket_and_nothing_else(client: Any, scorer: Any, score: Any) -> None:
    v1 = score(client, POLICY_V1, "https://www.examplify.co.uk/privacy")
    score(client, POLICY_V2, "https://another.example/privacy")
    full = site_hash("examplify.co.uk")
    body = client.get(f"/api/v1/sites/prefix/{full[:4]}").get_json()
    assert body["prefix"] == full[:4]
    assert [s["site"] for s in body["sites"]] == ["examplify.co.uk"]
    (entry,) = body["sites"]
    assert entry == {
        "site": "examplify.co.uk",
        "site_hash": full,
        "grade": v1["grade"],
        "score": v1["score"],
        "report_id": v1["id"],
        "updated_at": entry["updated_at"],
    }
    # Upper-case hex names the same bucket; a bucket no known site falls in is empty.
    assert client.get(f"/api/v1/sites/prefix/{full[:4].upper()}").get_json()["sites"] == body["sites"]
    other = next(p for p in ("0000", "ffff", "abcd") if p not in (full[:4], site_hash("another.example")[:4]))
    assert client.get(f"/api/v1/sites/prefix/{other}").get_json() == {"prefix": other, "sites": []}


def test_reports_endpoint_returns_the_stored_report(client: Any, scorer: Any, score: Any) -> None:
    v1 = score(client, POLICY_V1, "https://www.examplify.co.uk/privacy")
    response = client.get(f"/api/v1/reports/{v1['id']}")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    # The stored report is what scoring computed: the POST answer less this request's url, site, title,
    # time and cache flag (those belong to the answer and, once verified, to the site record).
    answer_only = ("url", "site", "title", "cached", "scored_at", "verification", "site_recorded")
    assert body == {k: v for k, v in v1.items() if k not in answer_only}
