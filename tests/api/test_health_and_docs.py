"""/healthz, the OpenAPI document, and CORS for the browser extension."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.redis


def test_healthz_ok_with_redis(client: Any) -> None:
    body = client.get("/healthz").get_json()
    assert (body["status"], body["redis"]) == ("ok", "ok")


def test_openapi_documents_every_endpoint_and_the_error_envelope(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.get_json()
    assert set(doc["paths"]) >= {
        "/api/v1/score",
        "/api/v1/reports/{report_id}",
        "/api/v1/sites",
        "/api/v1/sites/{site}",
        "/api/v1/sites/prefix/{prefix}",
        "/healthz",
    }
    score = doc["paths"]["/api/v1/score"]["post"]
    assert "text" in doc["components"]["schemas"]["ScoreRequest"]["properties"]
    assert {"200", "413", "415", "422", "429"} <= set(score["responses"])
    assert set(doc["components"]["schemas"]["Error"]["properties"]) == {"code", "status", "message", "errors"}


def test_bench_endpoint_only_when_configured(client: Any, make_app: Any) -> None:
    assert client.get("/bench/constant").status_code == 404
    bench = make_app(BENCH_ENDPOINT=True).test_client()
    assert bench.get("/bench/constant").get_json()["status"] == "ok"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop", True),
        ("moz-extension://2b0d3a55-9a1e-4f6b-8d4c-1f2e3d4c5b6a", True),
        ("https://configured.example", True),
        ("https://evil.example", False),
        ("chrome-extension://abc/../evil", False),
        ("http://chrome-extension.evil.example", False),
    ],
)
def test_cors_allows_extensions_and_configured_origins(make_app: Any, origin: str, allowed: bool) -> None:
    client = make_app(CORS_ORIGINS="https://configured.example, https://other.example").test_client()
    preflight = client.options(
        "/api/v1/score",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"},
    )
    got = preflight.headers.get("Access-Control-Allow-Origin")
    assert (got == origin) is allowed
    simple = client.get("/api/v1/sites", headers={"Origin": origin})
    assert (simple.headers.get("Access-Control-Allow-Origin") == origin) is allowed
