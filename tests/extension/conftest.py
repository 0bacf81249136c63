"""Fixtures for the extension tests: paths, and the Node tools (node, npx web-ext) they need."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"


def require_tool(name: str) -> str:
    """Path of an executable; under CI a missing one fails loudly, locally the test is skipped."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (the extension tests need Node.js 20+ and npm: apt-get install npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def node() -> str:
    """The node executable."""
    return require_tool("node")


@pytest.fixture(scope="session")
def web_ext() -> str:
    """The web-ext CLI from node_modules (installed by `make test` from package.json)."""
    path = REPO / "node_modules" / ".bin" / "web-ext"
    if path.exists():
        return str(path)
    message = "node_modules/.bin/web-ext is missing: `npm install` in the repository root (make test does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# --- browser tests: one API, proxy, site and Chromium for the whole session ------------------------

from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import e2e_support as e2e  # noqa: E402

#: Hosts the browser maps to 127.0.0.1: the made-up test sites, and the user-content look-alikes.
TLS_HOSTS = ("docs.google.com", "github.com")


@pytest.fixture(scope="session")
def api_upstream(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Iterator[str]:
    """The real API (`policygrade serve` with its embedded Redis in a temporary directory, and so its
    own RQ worker, whose verification fetches reach the test site through FETCH_HOST_MAP).

    VERIFY_CHANGED_INTERVAL=0: a site whose policy changed is fetched again at once (in service, at
    most hourly), so the change-alert test need not wait an hour. READ_RATE_LIMIT is raised: the tests
    poll the API from 127.0.0.1 several times a second for a minute, beside the extension's own reads,
    and the read limit has tests of its own (tests/api).
    """
    env = {
        "FETCH_HOST_MAP": e2e.fetch_host_map(site_port),
        "VERIFY_CHANGED_INTERVAL": "0",
        "READ_RATE_LIMIT": "100000 per minute",
    }
    with e2e.running_api(tmp_path_factory.mktemp("policygrade-data"), env) as base:
        yield base


@pytest.fixture(scope="session")
def api_proxy(api_upstream: str) -> Iterator[e2e.RecordingProxy]:
    """A recording proxy in front of the API: the extension talks to it, tests read what it saw."""
    with e2e.serving(e2e.RecordingProxy(api_upstream)) as proxy:
        yield proxy  # type: ignore[misc]


@pytest.fixture(scope="session")
def api_base(api_proxy: e2e.RecordingProxy) -> str:
    """The API URL the extension is configured with (the proxy's)."""
    return f"http://127.0.0.1:{api_proxy.server_address[1]}"


@pytest.fixture(scope="session")
def site_server() -> Iterator[e2e.SiteServer]:
    """The test site over HTTP on a free loopback port."""
    with e2e.serving(e2e.SiteServer()) as server:
        yield server  # type: ignore[misc]


@pytest.fixture(scope="session")
def site_port(site_server: e2e.SiteServer) -> int:
    """The HTTP test site's port."""
    return int(site_server.server_address[1])


@pytest.fixture(scope="session")
def tls_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The same site over TLS (a throw-away certificate) for the HSTS-preloaded look-alike hosts."""
    if not shutil.which("openssl"):
        e2e.missing("openssl is needed for the local TLS server (apt-get install openssl)")
    server = e2e.SiteServer()
    context = e2e.self_signed_context(tmp_path_factory.mktemp("tls"), TLS_HOSTS)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with e2e.serving(server):
        yield int(server.server_address[1])


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A persistent Chromium context with the unpacked extension loaded (headless=new)."""
    if not e2e.CHROMIUM.exists():
        e2e.missing(
            "Debian's chromium is missing at /usr/bin/chromium (scripts/ensure-chromium.sh installs it)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        e2e.missing("the playwright Python package is not installed (pip install -e '.[test]')")
    user_data = tmp_path_factory.mktemp("chromium-profile")
    rules = ", ".join(["MAP *.test 127.0.0.1", *(f"MAP {host} 127.0.0.1" for host in TLS_HOSTS)])
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data),
            executable_path=str(e2e.CHROMIUM),
            headless=True,
            # the look-alike hosts' local TLS server has a self-signed certificate
            args=e2e.chromium_args(rules, "--ignore-certificate-errors"),
            viewport={"width": 1000, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="session")
def worker(browser: Any, api_base: str) -> Any:
    """The extension's service worker, pointed at the test API."""
    workers = [w for w in browser.service_workers if w.url.startswith("chrome-extension://")]
    sw = workers[0] if workers else browser.wait_for_event("serviceworker", timeout=30_000)
    sw.evaluate("(apiBase) => chrome.storage.local.set({settings: {apiBase, autoCapture: true}})", api_base)
    return sw
