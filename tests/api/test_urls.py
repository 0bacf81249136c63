"""api.urls: urls parsed as browsers parse them (WHATWG), so the site filed is the site a visitor opens."""

from __future__ import annotations

import ipaddress

import pytest

from api.urls import UrlError, parse_web_url


@pytest.mark.parametrize(
    ("raw", "host", "port", "path"),
    [
        ("https://www.example.com/privacy?x=1#top", "www.example.com", 443, "/privacy?x=1"),
        ("HTTP://Example.COM:8080", "example.com", 8080, "/"),
        # "\" is a path separator in http(s): a browser opens evil.example, so must we.
        ("https://evil.example\\@google.com/privacy", "evil.example", 443, "/@google.com/privacy"),
        ("https://Bücher.example/p", "xn--bcher-kva.example", 443, "/p"),  # punycode, as sent on the wire
        ("https://example.com./x", "example.com", 443, "/x"),  # the root dot names the same host
        ("http://[::1]:81/a", "::1", 81, "/a"),
    ],
)
def test_hosts_ports_and_request_paths(raw: str, host: str, port: int, path: str) -> None:
    url = parse_web_url(raw)
    assert (url.host, url.port, url.path_and_query) == (host, port, path)


@pytest.mark.parametrize(
    "raw",
    ["http://127.1/", "http://0x7f000001/", "http://2130706433/", "http://0177.0.0.1/", "http://127.0.0.1/"],
)
def test_every_ipv4_spelling_browsers_accept_is_canonical(raw: str) -> None:
    assert parse_web_url(raw).ip == ipaddress.ip_address("127.0.0.1")


def test_relative_locations_resolve_against_the_page() -> None:
    assert (
        parse_web_url("/legal/privacy", base="https://shop.example/a/b").href
        == "https://shop.example/legal/privacy"
    )
    assert parse_web_url("//other.example/p", base="http://shop.example/").host == "other.example"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("https://user:pw@example.com/", "user name or password"),
        ("https://google.com@evil.example/", "user name or password"),
        ("ftp://example.com/policy.txt", "http or https"),
        ("javascript:alert(1)", "http or https"),
        ("file:///etc/passwd", "http or https"),
        ("https://[::1/privacy", "Not a valid URL"),
        ("not a url", "Not a valid URL"),
        ("http://example.com:0/", "Port 0"),
    ],
)
def test_refused_urls_say_why(raw: str, why: str) -> None:
    with pytest.raises(UrlError, match=why):
        parse_web_url(raw)
