"""api.verify.fetcher against local servers: SSRF forms never connect, every redirect hop is checked,
and the time, size, type and redirect limits hold."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from api.verify.fetcher import USER_AGENT, Fetcher, FetchError
from api.verify.guard import Guard, parse_host_map


class CountingListener:
    """A TCP listener that only counts the connections it accepts (the proof that nothing connected)."""

    def __init__(self, family: int, address: str) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.count += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[CountingListener]:
    counting = CountingListener(socket.AF_INET, "127.0.0.1")
    yield counting
    counting.close()


def ssrf_forms(port: int) -> list[str]:
    """Spellings of this machine that a naive check lets through (all reach 127.0.0.1:port)."""
    return [
        f"http://127.0.0.1:{port}/",
        f"http://127.1:{port}/",
        f"http://0x7f000001:{port}/",
        f"http://2130706433:{port}/",
        f"http://0177.0.0.1:{port}/",
        f"http://0x7f.1:{port}/",
        f"http://localhost:{port}/",
        f"http://LOCALHOST.:{port}/",
        f"http://0.0.0.0:{port}/",
        f"http://[::ffff:127.0.0.1]:{port}/",
        f"http://[::ffff:7f00:1]:{port}/",
        f"https://127.0.0.1:{port}/",
        f"http://evil.example\\@127.0.0.1:{port}/",
    ]


def test_the_ssrf_forms_never_connect(listener: CountingListener) -> None:
    # Proof the listener counts: a plain connection is seen.
    socket.create_connection(("127.0.0.1", listener.port), timeout=1).close()
    deadline = time.monotonic() + 2
    while listener.count < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.count == 1
    fetcher = Fetcher(Guard({}))
    for url in ssrf_forms(listener.port):
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
        assert caught.value.kind == "blocked", url
    time.sleep(0.2)
    assert listener.count == 1, "a refused url reached the listener"


def test_ipv6_loopback_never_connects() -> None:
    try:
        counting = CountingListener(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    try:
        with pytest.raises(FetchError, match="loopback"):
            Fetcher(Guard({})).fetch(f"http://[::1]:{counting.port}/")
        time.sleep(0.2)
        assert counting.count == 0
    finally:
        counting.close()


def test_a_redirect_to_any_private_form_is_refused_before_connecting(
    site_server: Any, listener: CountingListener
) -> None:
    fetcher = Fetcher(Guard(parse_host_map(site_server.host_map("www.shop-test.example"))))
    for n, target in enumerate(ssrf_forms(listener.port)):
        site_server.redirect(f"/r{n}", target)
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"http://www.shop-test.example/r{n}")
        assert caught.value.kind == "blocked", target
    time.sleep(0.2)
    assert listener.count == 0


@pytest.fixture
def fetcher(site_server: Any) -> Fetcher:
    return Fetcher(
        Guard(parse_host_map(site_server.host_map("www.shop-test.example", "cdn.shop-test.example")))
    )


def test_a_page_is_fetched_with_its_final_url_status_and_type(site_server: Any, fetcher: Fetcher) -> None:
    site_server.html("/privacy", "<p>Hello</p>")
    site_server.redirect("/a", "http://cdn.shop-test.example/b", 301)
    site_server.redirect("/b", "/privacy", 308)
    page = fetcher.fetch("http://www.shop-test.example/a")
    assert (page.url, page.status, page.content_type, page.charset) == (
        "http://cdn.shop-test.example/privacy",
        200,
        "text/html",
        "utf-8",
    )
    assert page.body == b"<p>Hello</p>"
    assert page.redirects == ("http://www.shop-test.example/a", "http://cdn.shop-test.example/b")
    assert site_server.requests[0]["headers"]["User-Agent"] == USER_AGENT


def test_at_most_five_redirects(site_server: Any, fetcher: Fetcher) -> None:
    for n in range(6):
        site_server.redirect(f"/{n}", f"/{n + 1}")
    site_server.html("/6", "<p>end</p>")
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("http://www.shop-test.example/0")
    assert caught.value.kind == "too_many_redirects"
    site_server.redirect("/0", "/1")
    assert fetcher.fetch("http://www.shop-test.example/1").url.endswith("/6")  # exactly five: fine


@pytest.mark.parametrize(
    ("route", "kind"),
    [
        ((200, {"Content-Type": "application/pdf"}, b"%PDF"), "not_html"),
        ((200, {"Content-Type": "image/svg+xml"}, b"<svg/>"), "not_html"),
        ((200, {}, b"no type at all"), "not_html"),
        ((404, {"Content-Type": "text/html"}, b"gone"), "http_error"),
        ((302, {"Location": "ftp://www.shop-test.example/p"}, b""), "blocked"),
        ((302, {"Location": "http://user:pw@www.shop-test.example/p"}, b""), "blocked"),
        ((302, {"Location": "http://unmapped.invalid/p"}, b""), "blocked"),
    ],
)
def test_refused_answers(site_server: Any, fetcher: Fetcher, route: Any, kind: str) -> None:
    site_server.routes["/p"] = route
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("http://www.shop-test.example/p")
    assert caught.value.kind == kind


def test_bodies_over_the_cap_are_refused_declared_or_not(site_server: Any) -> None:
    fetcher = Fetcher(Guard(parse_host_map(site_server.host_map("www.shop-test.example"))), max_bytes=1000)
    site_server.routes["/declared"] = (200, {"Content-Type": "text/html"}, b"x" * 1001)

    def undeclared(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        for _ in range(20):
            handler.wfile.write(b"y" * 100)

    site_server.routes["/streamed"] = undeclared
    site_server.routes["/fits"] = (200, {"Content-Type": "text/plain"}, b"z" * 1000)
    for path in ("/declared", "/streamed"):
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(f"http://www.shop-test.example{path}")
        assert caught.value.kind == "too_large", path
    assert len(fetcher.fetch("http://www.shop-test.example/fits").body) == 1000


def test_a_server_that_drips_bytes_cannot_stretch_the_total_timeout(site_server: Any) -> None:
    fetcher = Fetcher(Guard(parse_host_map(site_server.host_map("www.shop-test.example"))), total_timeout=1.0)

    def drip(handler: Any) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(40):  # 40 bytes over 4 s: each read is quick, the whole is not
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    site_server.routes["/slow"] = drip
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.fetch("http://www.shop-test.example/slow")
    assert caught.value.kind == "timeout"
    assert time.monotonic() - started < 2.0
