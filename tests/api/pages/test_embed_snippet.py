"""The site page's embed snippet links to PUBLIC_URL, not to the request's Host (issue 10, defect 9)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import make_report


def snippet_of(page: bytes) -> str:
    found = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page.decode(), re.S)
    assert found is not None
    return html.unescape(found.group(1))


@pytest.mark.parametrize("host", ["evil.example", "localhost", "grades.example:8443"])
def test_public_url_is_used_whatever_the_host_header_says(make_app, seed, host) -> None:
    seed("birchwood.example", make_report())
    client = make_app(PUBLIC_URL="https://grades.example/").test_client()
    snippet = snippet_of(client.get("/sites/birchwood.example", headers={"Host": host}).data)
    assert snippet.startswith('<a href="https://grades.example/sites/birchwood.example">')
    assert '<img src="https://grades.example/sites/birchwood.example/badge.svg"' in snippet


def test_without_public_url_a_foreign_host_header_never_reaches_the_snippet(client, seed) -> None:
    seed("birchwood.example", make_report())
    snippet = snippet_of(client.get("/sites/birchwood.example", headers={"Host": "evil.example"}).data)
    assert "evil.example" not in snippet
    assert snippet.startswith(
        '<a href="/sites/birchwood.example"><img src="/sites/birchwood.example/badge.svg"'
    )


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_in_development_the_snippet_uses_the_local_host(client, seed, host) -> None:
    seed("birchwood.example", make_report())
    snippet = snippet_of(client.get("/sites/birchwood.example", headers={"Host": host}).data)
    assert snippet.startswith(f'<a href="http://{host}/sites/birchwood.example">')
