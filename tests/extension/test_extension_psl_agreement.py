"""The extension and the API must file a page under the same site, or prefix look-ups miss."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from api.domains import site_for_url

REPO = Path(__file__).resolve().parents[2]

# Page URLs covering every kind of PSL rule plus the hosts the end-to-end test uses.
URLS = [
    "https://www.example.co.uk/privacy",
    "https://example.com/",
    "https://WWW.Example.COM./a",
    "https://foo.github.io/privacy",
    "https://a.b.c.kawasaki.jp/",
    "https://city.kawasaki.jp/",
    "https://www.city.kawasaki.jp/",
    "http://shop.policygrade.test:8123/privacy.html",
    "http://www.policygrade.test/about.html",
    "http://localhost:3000/",
    "http://a.b.localhost/",
    "http://127.0.0.1:8000/",
    "http://[::1]:8000/",
    "https://xn--85x722f.xn--55qx5d.cn/",
    "https://bücher.example.de/datenschutz",
    "https://co.uk/",
    "https://s3.amazonaws.com/bucket/policy.html",
    "https://my.blogspot.co.uk/",
]

SCRIPT = """
import { siteOfUrl } from './extension/lib/psl.js';
const urls = JSON.parse(process.argv[1]);
console.log(JSON.stringify(urls.map((u) => siteOfUrl(u))));
"""


@pytest.fixture(scope="module")
def extension_sites(node: str) -> dict[str, str | None]:
    """siteOfUrl for every URL, computed by the extension's own module under node."""
    result = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, json.dumps(URLS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(zip(URLS, json.loads(result.stdout), strict=True))


@pytest.mark.parametrize("url", URLS)
def test_extension_and_api_agree_on_the_site(url: str, extension_sites: dict[str, str | None]) -> None:
    """Same registrable domain on both sides (the API's publicsuffixlist vs extension/lib/psl.js)."""
    assert extension_sites[url] == site_for_url(url)


def test_www_example_co_uk_is_example_co_uk(extension_sites: dict[str, str | None]) -> None:
    """The issue's own example."""
    assert extension_sites["https://www.example.co.uk/privacy"] == "example.co.uk"
