"""api.domains: registrable domains by the bundled Public Suffix List, offline."""

from __future__ import annotations

import hashlib

import pytest

from api.domains import normalize_site, registrable_domain, site_for_url, site_hash


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.co.uk/privacy", "example.co.uk"),
        ("https://example.com/legal/privacy#top", "example.com"),
        ("http://shop.blog.example.com.au/p", "example.com.au"),
        ("https://WWW.Example.ORG./Privacy", "example.org"),
        ("https://sub.example.net:8443/p", "example.net"),
        # WHATWG parsing, as a browser does: "\\" ends the host, so this opens evil.example.
        ("https://evil.example\\@google.com/privacy", "evil.example"),
        ("http://0x7f000001/p", "127.0.0.1"),  # browsers' IPv4 forms are canonicalised
        ("https://alice.github.io/privacy", "alice.github.io"),  # private-section suffix
        ("http://127.0.0.1:8080/privacy.html", "127.0.0.1"),
        ("http://localhost:5000/privacy", "localhost"),
        ("http://[::1]:8000/p", "::1"),
    ],
)
def test_urls_map_to_their_registrable_domain(url: str, site: str) -> None:
    assert site_for_url(url) == site


@pytest.mark.parametrize(
    "url",
    [
        None, "", "https://", "https://co.uk/privacy", "not a url", "http://[bad/",
        # userinfo is refused (a 422 at the API), so it names no site either
        "https://user:pw@sub.example.net:8443/p", "https://google.com@evil.example/",
    ],
)
def test_urls_without_a_registrable_domain_give_none(url: str | None) -> None:
    assert site_for_url(url) is None


@pytest.mark.parametrize(
    ("typed", "site"),
    [
        ("www.example.co.uk", "example.co.uk"),
        ("Example.co.uk", "example.co.uk"),
        ("https://news.example.com/x", "example.com"),
        ("example.com", "example.com"),
    ],
)
def test_normalize_site_accepts_hosts_and_urls(typed: str, site: str) -> None:
    assert normalize_site(typed) == site


@pytest.mark.parametrize("typed", ["co.uk", "", "a b.com", "x/y"])
def test_normalize_site_rejects_what_is_not_a_site(typed: str) -> None:
    assert normalize_site(typed) is None


def test_registrable_domain_is_idempotent() -> None:
    assert registrable_domain(registrable_domain("a.b.example.co.uk") or "") == "example.co.uk"


def test_site_hash_is_sha256_hex_of_the_name() -> None:
    assert site_hash("example.com") == hashlib.sha256(b"example.com").hexdigest()


@pytest.mark.parametrize(
    ("host", "site"),
    [
        # Internationalised names are kept in the ASCII form browsers report (location.hostname).
        ("www.bücher.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("\uff45xample.com", "example.com"),  # full-width letter folded, as a browser does
        ("cdn_edge.example.com", "example.com"),
        ("a" * 63 + ".com", "a" * 63 + ".com"),
    ],
)
def test_unicode_and_unusual_hosts(host: str, site: str) -> None:
    assert registrable_domain(host) == site
    assert registrable_domain(site) == site  # the stored form maps to itself


@pytest.mark.parametrize(
    "host",
    [
        "a" * 64 + ".com",  # label over 63
        "a." * 130 + "com",  # name over 253
        "x" * 100_000,
        "example..com",
        "-bad-.com",
        "a\x00b.com",
        "<script>.com",
        '"onerror=alert(1)',
        "javascript:alert(1)",
        "..",
        "\u202emoc.elpmaxe",  # right-to-left override
        "xn--.com",
    ],
)
def test_names_no_browser_could_visit_have_no_site(host: str) -> None:
    assert registrable_domain(host) is None
    assert normalize_site(host) is None


def test_urls_with_unicode_hosts_map_to_punycode_sites() -> None:
    assert site_for_url("https://www.bücher.example/datenschutz") == "xn--bcher-kva.example"
    assert site_for_url("https://www.xn--bcher-kva.example/datenschutz") == "xn--bcher-kva.example"
