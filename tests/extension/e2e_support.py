"""Real parts for the extension's browser tests: the API, a recording proxy in front of it, the test
site over HTTP and TLS, and Debian's Chromium with the unpacked extension.

The site (tests/extension/site/) is served on 127.0.0.1 and visited under made-up host names
(``www.brightwater.test``; Chromium's --host-resolver-rules), so the API (Python publicsuffixlist)
and the extension (extension/lib/psl.js) file each under its own site (an unknown TLD falls under the
PSL's implicit "*" rule). User-content look-alikes are visited as https://docs.google.com:<port>/...
and https://github.com:<port>/... on a local TLS server with a throw-away certificate.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION = REPO / "extension"
SITE = Path(__file__).resolve().parent / "site"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
#: WCAG 2.x contrast check of every visible text element (see the file for the method).
CONTRAST_JS = (Path(__file__).resolve().parent / "contrast.js").read_text()

#: Paths that answer with a redirect, as real sites do for old or short policy addresses.
REDIRECTS = {
    "/quayside/go/privacy-notice": "/quayside/legal/document.html",
}
#: Sections of the generated long policy: each is written here, in the first person, and the
#: page repeats the set for every product line so that it runs past 200,000 characters.
LONG_SECTIONS = (
    "When you use {product}, we collect your account name, your billing contact, the IP addresses "
    "you connect from, and the times and sizes of your uploads, so that we can bill your usage and "
    "detect abuse. The administrators of your organisation can see these records.",
    "If you write to support about {product}, our staff in Tromsø and Łódź read your ticket; we keep "
    "tickets for two years and then delete them, unless you close your account sooner, in which case "
    "we remove your tickets within 60 days.",
    "We do not sell the personal data we collect through {product}. The sub-processors that host or "
    "monitor {product} receive only the data they need, and our contracts bind them to protect it.",
    "You can export every file you store in {product} at any time, and you can opt out of our product "
    "e-mails about {product} in your account settings or with the link at the end of each message.",
)
LONG_PRODUCTS = tuple(
    f"{name} {tier}"
    for name in (
        "Archive",
        "Relay",
        "Vault",
        "Mirror",
        "Ledger",
        "Beacon",
        "Harbor",
        "Quarry",
        "Lantern",
        "Orbit",
        "Atlas",
        "Fjord",
        "Glacier",
        "Meadow",
        "Summit",
        "Tundra",
        "Aurora",
        "Compass",
        "Drift",
        "Ember",
    )
    for tier in (
        "Basic",
        "Team",
        "Business",
        "Enterprise",
        "Edu",
        "Gov",
        "Nonprofit",
        "Developer",
        "Edge",
        "Max",
        "Lite",
    )
)


#: Every host name the tests visit on the HTTP test site (the API's worker fetches them too).
TEST_HOSTS = (
    "policygrade.test",
    "shop.policygrade.test",
    "www.policygrade.test",
    "www.brightwater.test",
    "firefox.brightwater.test",
    "www.fernhill.test",
    "app.lumen.test",
    "www.nordlicht.test",
    "www.meridian.test",
    "www.pebble.test",
    "www.kranich.test",
    "www.quayside.test",
    "www.osprey.test",
    "www.dailyledger.test",
)


def fetch_host_map(port: int, hosts: tuple[str, ...] = TEST_HOSTS) -> str:
    """FETCH_HOST_MAP for the API: each test host connects to the local site server."""
    return ",".join(f"{host}=127.0.0.1:{port}" for host in hosts)


def long_policy_html() -> str:
    """The >200k-character privacy statement: my own sections, one block per product line."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Privacy Statement | Nordlicht Cloud</title></head><body><main>",
        "<h1>Privacy Statement</h1>",
        '<p>This Privacy Statement explains how Nordlicht Cloud AS ("we") collects, uses, shares and '
        "retains your personal data for each of our products. We may disclose your personal data to law "
        "enforcement whenever we believe disclosure is appropriate to protect our rights or property. "
        "We may keep copies of a deleted account's data in our backup archives indefinitely. Contact us "
        "at privacy@nordlicht-cloud.example.</p>",
    ]
    for product in LONG_PRODUCTS:
        parts.append(f"<h2>{product}</h2>")
        parts.extend(f"<p>{section.format(product=product)}</p>" for section in LONG_SECTIONS)
    parts.append("</main></body></html>")
    return "\n".join(parts)


def chromium_args(host_rules: str, *extra: str) -> list[str]:
    """Headless Debian Chromium with the unpacked extension, test host names mapped by ``host_rules``,
    and no HTTPS upgrade of the .test hosts (they have no TLS)."""
    return [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        f"--disable-extensions-except={EXTENSION}",
        f"--load-extension={EXTENSION}",
        f"--host-resolver-rules={host_rules}",
        "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
        *extra,
    ]


def free_port() -> int:
    """A free loopback port (bind 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str, timeout: float = 5) -> Any:
    """GET a JSON document from a loopback server."""
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
        return json.loads(response.read())


def get_status(url: str, timeout: float = 5) -> int:
    """The HTTP status of a GET (404 included)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def missing(message: str) -> None:
    """Fail under CI (the browser is part of the suite there); skip on a developer machine."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def running_api(data_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """`policygrade serve` on a free port with its own embedded Redis; SIGTERM afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(POLICYGRADE_DATA_DIR=str(data_dir), LOG_LEVEL="WARNING", **(extra_env or {}))
    log_path = data_dir / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"policygrade serve exited with {process.returncode}:\n{log_path.read_text()[-3000:]}"
                )
            with contextlib.suppress(OSError, ValueError):
                if get_json(f"{base}/healthz", timeout=2).get("redis") == "ok":
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"policygrade serve did not become healthy:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.25)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RecordingProxy(ThreadingHTTPServer):
    """Forwards every request to the API and records it, so a test can say what was (not) sent."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    def posts(self) -> list[dict[str, Any]]:
        """The JSON bodies of every POST /api/v1/score so far."""
        with self.lock:
            return [
                r["json"] for r in self.requests if r["method"] == "POST" and r["path"] == "/api/v1/score"
            ]


class _ProxyHandler(BaseHTTPRequestHandler):
    server: RecordingProxy

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        parsed: Any = None
        with contextlib.suppress(ValueError):
            parsed = json.loads(body) if body else None
        with self.server.lock:
            self.server.requests.append({"method": self.command, "path": self.path, "json": parsed})
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")
        }
        request = urllib.request.Request(
            self.server.upstream + self.path, data=body, method=self.command, headers=headers
        )
        try:
            response = urllib.request.urlopen(request, timeout=60)  # noqa: S310 (loopback only)
        except urllib.error.HTTPError as error:
            response = error
        data = response.read()
        self.send_response(response.status)
        for key, value in response.headers.items():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_OPTIONS = _forward  # noqa: N815 (stdlib naming)


class SiteServer(ThreadingHTTPServer):
    """The test site: static files, REDIRECTS, the generated long policy, and a switchable policy
    version for the change-alert site (``versions["/osprey/privacy.html"] = "osprey/privacy-v2.html"``)."""

    def __init__(self, directory: Path = SITE) -> None:
        self.versions: dict[str, str] = {}
        super().__init__(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(directory)))


class _SiteHandler(SimpleHTTPRequestHandler):
    server: SiteServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        path = self.path.split("?", 1)[0]
        if path == "/favicon.ico":  # no icon, and no 404 in the page's console either
            self.send_response(204)
            self.end_headers()
            return
        if path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/longform/privacy-statement.html":
            self._send(long_policy_html().encode("utf-8"))
            return
        if path in self.server.versions:
            self._send((SITE / self.server.versions[path]).read_bytes())
            return
        # User-content look-alikes keep their hosts' real URL shapes (no .html added).
        lookalike = SITE / "lookalike" / (path.lstrip("/") + ".html")
        if not (SITE / path.lstrip("/")).exists() and lookalike.is_file():
            self._send(lookalike.read_bytes())
            return
        super().do_GET()


@contextlib.contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Runs a server in a thread until the block ends."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def self_signed_context(directory: Path, hosts: tuple[str, ...]) -> Any:
    """An ssl server context with a throw-away certificate for `hosts` (openssl CLI)."""
    import ssl

    key, cert = directory / "key.pem", directory / "cert.pem"
    san = ",".join(f"DNS:{h}" for h in hosts)
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={hosts[0]}",
            "-addext",
            f"subjectAltName={san}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def tab_state(sw: Any, url: str, timeout: float = 60, *, final: bool = True) -> dict[str, Any]:
    """The extension's stored state of the tab showing `url`, once it is final (not loading/scoring)."""
    deadline = time.monotonic() + timeout
    state: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        states = sw.evaluate(
            "async () => Object.entries(await chrome.storage.session.get(null))"
            ".filter(([key]) => key.startsWith('tab:')).map(([, state]) => state)"
        )
        state = next((s for s in states if isinstance(s, dict) and s.get("url") == url), None)
        if state and (not final or state.get("status") not in ("looking_up", "scoring")):
            return state
        time.sleep(0.25)
    pytest.fail(f"no final tab state for {url}; last seen: {json.dumps(state)[:2000]}")


def badge(sw: Any, tab_id: int) -> dict[str, str]:
    """The toolbar badge of a tab: text, tooltip and colour."""
    return sw.evaluate(
        """async (tabId) => ({
            text: await chrome.action.getBadgeText({tabId}),
            title: await chrome.action.getTitle({tabId}),
            color: (await chrome.action.getBadgeBackgroundColor({tabId})),
        })""",
        tab_id,
    )


def watch_errors(page: Any) -> list[str]:
    """Collects the page's console errors and uncaught exceptions."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def open_popup(browser: Any, sw: Any, tab_id: int, height: int = 600) -> tuple[Any, list[str]]:
    """The popup page for a tab, opened in a tab of its own (?tab=<id>), with its error list."""
    popup = browser.new_page()
    errors = watch_errors(popup)
    popup.set_viewport_size({"width": 400, "height": height})
    extension_id = sw.url.split("/")[2]
    popup.goto(f"chrome-extension://{extension_id}/popup/popup.html?tab={tab_id}")
    return popup, errors
