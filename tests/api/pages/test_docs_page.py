"""GET /docs: the app's own OpenAPI document rendered as HTML on the server (offline, no JS)."""

from __future__ import annotations

import re


def test_docs_lists_every_operation_of_the_openapi_document(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    response = client.get("/docs")
    assert response.status_code == 200
    page = response.data.decode()
    for path, item in spec["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                assert (
                    f'<span class="method method--{method}">{method.upper()}</span> <code>{path}</code>'
                    in page
                )
    for name in spec.get("components", {}).get("schemas", {}):
        assert f'<h3 id="schema-{re.sub(r"[^A-Za-z0-9]", "-", name)}-h">{name}</h3>' in page


def test_docs_show_score_request_fields_and_error_format(client) -> None:
    page = client.get("/docs").data.decode()
    assert '<a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a>' in page
    assert "<code>text</code>" in page and "<code>url</code>" in page
    assert "&#34;code&#34;: 422" in page  # the error envelope example
    assert "429 rate limited" in page


def test_docs_load_nothing_from_elsewhere(client) -> None:
    page = client.get("/docs").data.decode()
    assert "<script" not in page
    # Only our stylesheet; no CDN, no absolute http(s) asset URLs.
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/pages/pages.css"]
    assert not re.search(r'(?:src|href)="https?://', page)
