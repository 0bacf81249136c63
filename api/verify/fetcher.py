"""The verification fetch: one GET of a policy url, through the SSRF guard, with hard limits.

Limits (issue 9, OWASP API7): http and https only; every hop's host resolved once by api.verify.guard
and the connection made to that address (TLS still checks the certificate against the host name);
at most MAX_REDIRECTS redirects, each hop checked again; TOTAL_TIMEOUT seconds for the whole fetch,
enforced by a watchdog that closes the socket (a server that drips bytes cannot stretch it);
MAX_BODY_BYTES; HTML or plain text only; no cookies, no credentials, no compression (so the body cap
is the bytes received); a User-Agent that says who we are.

Why http.client and not requests or urllib3: pinning the connection to an address checked in
advance needs control of connect(), which http.client gives in five lines.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field

from api.urls import UrlError, WebUrl, parse_web_url
from api.verify.guard import FetchBlocked, Guard, Target

MAX_REDIRECTS = 5
TOTAL_TIMEOUT = 10.0
MAX_BODY_BYTES = 5 * 1024 * 1024
USER_AGENT = "policygrade-verifier/1.0 (fetches a privacy policy once to grade it; at most daily per site)"
#: Content types worth extracting text from (anything else, e.g. PDF or images, is refused unread).
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that produced no usable page; ``kind`` is a stable word for the site's last check."""

    def __init__(self, kind: str, message: str, status: int | None = None, url: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.url = url


@dataclass(frozen=True)
class FetchResult:
    """A fetched page: where it ended up after redirects, its status, type and body."""

    requested_url: str
    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    redirects: tuple[str, ...] = field(default=())


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address, whatever the host name resolves to now."""

    def __init__(self, url: WebUrl, target: Target, timeout: float) -> None:
        super().__init__(url.host, url.port, timeout=timeout)
        self._target = target
        #: The TCP socket, kept for the watchdog (http.client drops ``sock`` once a response is read).
        self.opened: socket.socket | None = None

    def connect(self) -> None:
        """Connect to the guard's address (never resolve the name again)."""
        self.sock = self.opened = socket.create_connection(
            (self._target.address, self._target.port), self.timeout
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is still checked against the url's host name."""

    def __init__(self, url: WebUrl, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(url.host, url.port, timeout=timeout, context=context)
        self._target = target
        self._tls = context
        self.opened: socket.socket | None = None

    def connect(self) -> None:
        """TCP to the guard's address, then TLS with SNI and verification for the host name."""
        raw = self.opened = socket.create_connection((self._target.address, self._target.port), self.timeout)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


class _Watchdog:
    """Closes a connection when the fetch's deadline passes, interrupting any blocked read."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True

    def _fire(self) -> None:
        self.fired = True
        sock = getattr(self._connection, "opened", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _media_type(header: str | None) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` -> ("text/html", "utf-8")."""
    parts = [part.strip() for part in (header or "").split(";")]
    charset = None
    for part in parts[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return parts[0].lower(), charset


class Fetcher:
    """Fetches policy urls under the guard's rules and this module's limits."""

    def __init__(
        self,
        guard: Guard,
        *,
        total_timeout: float = TOTAL_TIMEOUT,
        max_redirects: int = MAX_REDIRECTS,
        max_bytes: int = MAX_BODY_BYTES,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.guard = guard
        self.total_timeout = total_timeout
        self.max_redirects = max_redirects
        self.max_bytes = max_bytes
        self.tls_context = tls_context or ssl.create_default_context()

    def fetch(self, raw_url: str) -> FetchResult:
        """GET ``raw_url``, following up to max_redirects checked redirects; FetchError otherwise."""
        deadline = time.monotonic() + self.total_timeout
        try:
            url = parse_web_url(raw_url)
        except UrlError as error:
            raise FetchError("blocked", str(error), url=raw_url) from None
        hops: list[str] = []
        while True:
            try:
                target = self.guard.target(url.host, url.port)
            except FetchBlocked as error:
                raise FetchError("blocked", str(error), url=url.href) from None
            status, location, content_type, body = self._get(url, target, deadline)
            if status in REDIRECT_STATUSES and location:
                if len(hops) >= self.max_redirects:
                    raise FetchError(
                        "too_many_redirects", f"more than {self.max_redirects} redirects", status, url.href
                    )
                hops.append(url.href)
                try:
                    url = parse_web_url(location, base=url.href)
                except UrlError as error:
                    raise FetchError(
                        "blocked", f"redirect to a refused url: {error}", status, url.href
                    ) from None
                continue
            media, charset = _media_type(content_type)
            if not 200 <= status < 300:
                raise FetchError("http_error", f"HTTP {status}", status, url.href)
            assert body is not None  # a 2xx of an allowed type was read by _get
            return FetchResult(raw_url, url.href, status, media, charset, body, tuple(hops))

    def _connection(self, url: WebUrl, target: Target, timeout: float) -> http.client.HTTPConnection:
        if url.scheme == "https":
            return _PinnedHTTPSConnection(url, target, timeout, self.tls_context)
        return _PinnedHTTPConnection(url, target, timeout)

    def _get(
        self, url: WebUrl, target: Target, deadline: float
    ) -> tuple[int, str | None, str | None, bytes | None]:
        """One request: (status, Location, Content-Type, body); the body is read only for 2xx text."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError("timeout", f"no answer within {self.total_timeout:g} s", url=url.href)
        connection = self._connection(url, target, remaining)
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }
        try:
            with _Watchdog(connection, remaining) as watchdog:
                try:
                    connection.request("GET", url.path_and_query, headers=headers)
                    response = connection.getresponse()
                    status = response.status
                    location = response.getheader("Location")
                    content_type = response.getheader("Content-Type")
                    if status in REDIRECT_STATUSES or not 200 <= status < 300:
                        return status, location, content_type, None
                    media, _ = _media_type(content_type)
                    if media not in TEXT_TYPES:
                        raise FetchError(
                            "not_html",
                            f"content type {media or 'missing'} is not HTML or text",
                            status,
                            url.href,
                        )
                    body = self._read_body(response, url)
                    if watchdog.fired:  # the shutdown looks like a normal end of the body
                        raise OSError("deadline passed")
                    return status, location, content_type, body
                except (OSError, http.client.HTTPException) as error:
                    if watchdog.fired or time.monotonic() >= deadline:
                        raise FetchError(
                            "timeout", f"no full answer within {self.total_timeout:g} s", url=url.href
                        ) from None
                    if isinstance(error, ssl.SSLError | ssl.CertificateError):
                        raise FetchError("tls_error", f"TLS: {error}", url=url.href) from None
                    raise FetchError("network", f"{type(error).__name__}: {error}", url=url.href) from None
        finally:
            connection.close()

    def _read_body(self, response: http.client.HTTPResponse, url: WebUrl) -> bytes:
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                "too_large",
                f"body of {int(declared):,} bytes is over {self.max_bytes:,}",
                response.status,
                url.href,
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            # read1: at most one socket read per call, so the watchdog, not the server, sets the pace.
            chunk = response.read1(_CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    "too_large", f"body over {self.max_bytes:,} bytes", response.status, url.href
                )
            chunks.append(chunk)
