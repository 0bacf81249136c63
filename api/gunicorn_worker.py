"""The gunicorn worker class: gthread, plus a deadline on reading a request's head.

Why (issue 10, defect 2): with 2 sync workers facing the network, two connections that never finish
their headers stopped the whole service, since a sync worker serves one connection at a time and
waits for it. gthread keeps idle keep-alive connections in a poller (no thread held) and gives each
worker a bounded pool of threads, but a thread that has started reading a request head still waits
for it forever: gunicorn has no header timeout. This worker adds two:

- HEAD_TIMEOUT: the request line and headers must arrive within this many seconds in total (a
  client dribbling one byte at a time gets no more than a client sending none);
- BODY_READ_TIMEOUT: after the head, each read of the body may wait this long.

A read past its deadline counts as the client hanging up (gunicorn closes the connection quietly),
so a stalled client costs one thread for at most HEAD_TIMEOUT seconds.
"""

from __future__ import annotations

import errno
import time
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

#: Seconds for the whole request head (nginx's client_header_timeout is 60 s; our heads are small).
HEAD_TIMEOUT = 10.0
#: Seconds one read of a request body may wait (a 2 MB text over a slow link still arrives).
BODY_READ_TIMEOUT = 30.0


class _DeadlineReader:
    """What gunicorn's parser reads from: the socket's ``recv`` with the connection's deadlines."""

    def __init__(self, conn: TimedConn) -> None:
        self.conn = conn
        self.sock = conn.sock
        #: A tighter timeout gunicorn itself asked for (draining an unread body), or None.
        self.cap: float | None = None

    def recv(self, size: int) -> bytes:
        deadline = self.conn.head_deadline
        timeout = BODY_READ_TIMEOUT if deadline is None else deadline - time.monotonic()
        if self.cap is not None:
            timeout = min(timeout, self.cap)
        if timeout <= 0:
            self.conn.stalled = True
            return b""
        self.sock.settimeout(timeout)
        try:
            return bytes(self.sock.recv(size))
        except TimeoutError:
            # As if the client had closed: gunicorn drops the connection, logging at debug level.
            self.conn.stalled = True
            return b""

    def gettimeout(self) -> float | None:
        return self.cap

    def settimeout(self, timeout: float | None) -> None:
        self.cap = timeout


class TimedConn(TConn):
    """A gthread connection whose parser reads through :class:`_DeadlineReader`."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.head_deadline: float | None = None
        #: Set when a read ran past its deadline.
        self.stalled = False

    def init(self) -> None:
        super().init()
        unreader: Any = getattr(self.parser, "unreader", None)
        # HTTP/1 parsers read a socket through their unreader (HTTP/2 ones are not used here).
        if hasattr(unreader, "sock") and not isinstance(unreader.sock, _DeadlineReader):
            unreader.sock = _DeadlineReader(self)


    def close(self, graceful: bool = False) -> None:
        """Close; a stalled client gets no graceful close. gunicorn's graceful close lingers up to 2 s
        on the worker's main thread for the peer to hang up, which a stalled client never does:
        measured, 8 of them froze a worker's accept loop for 16 s."""
        super().close(graceful=graceful and not self.stalled)


class TimedThreadWorker(ThreadWorker):
    """gthread with :class:`TimedConn` connections and the head deadline set per request."""

    def accept(self, listener: Any) -> None:
        """gthread's accept, making a :class:`TimedConn` (the only change)."""
        try:
            client_sock, client_addr = listener.accept()
            self.nr_conns += 1
            client_sock.setblocking(True)
            self.enqueue_req(TimedConn(self.cfg, client_sock, client_addr, listener.getsockname()))
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise

    def handle(self, conn: Any) -> Any:
        """Each request on the connection (the first, or the next on a kept-alive one) gets the deadline."""
        if isinstance(conn, TimedConn):
            conn.head_deadline = time.monotonic() + HEAD_TIMEOUT
        return super().handle(conn)

    def handle_request(self, req: Any, conn: Any) -> Any:
        """The head is in: body reads get their own per-read timeout."""
        if isinstance(conn, TimedConn):
            conn.head_deadline = None
        return super().handle_request(req, conn)
