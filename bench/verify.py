"""Verification jobs/s: N sites served by a local web server, fetched, extracted, scored and recorded.

Run: ``.venv/bin/python bench/verify.py [--sites 200] [--workers 1 2]``

Each site (www.siteN.bench, mapped to a loopback server by FETCH_HOST_MAP) serves a distinct ~600-word
policy as HTML, so nothing is a cache hit. The jobs are queued as POST /api/v1/score would queue them;
then W ``policygrade worker --burst`` processes run them (each forks one work horse per job, as in
production). Prints jobs/s from the first worker start to the last exit (includes each worker's
~1 s start and scorer warm-up, so small runs understate the steady rate).
"""

from __future__ import annotations

import argparse
import http.server
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis  # noqa: E402
from rq import Queue  # noqa: E402

from api.store import SiteStore  # noqa: E402
from api.verify import VERIFY_QUEUE  # noqa: E402
from api.verify.requests import PENDING_TTL, enqueue_verification  # noqa: E402
from bench._redis import private_redis  # noqa: E402
from bench._workers import drain  # noqa: E402
from bench.api import policy_text  # noqa: E402


def page(n: int) -> bytes:
    paragraphs = "".join(f"<p>{para}</p>" for para in policy_text(600, n).split("\n") if para.strip())
    return (
        f"<html><head><title>Privacy</title></head><body><nav>Home Shop</nav><main>{paragraphs}</main>"
        "<footer>Bench Ltd</footer></body></html>"
    ).encode()


def serve() -> http.server.ThreadingHTTPServer:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            n = int(self.headers["Host"].split(".")[1].removeprefix("site"))
            body = page(n)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    server = serve()
    port = server.server_address[1]
    host_map = ",".join(f"www.site{n}.bench=127.0.0.1:{port}" for n in range(args.sites))
    with private_redis() as url:
        client = redis.Redis.from_url(url)
        store = SiteStore(client)
        for workers in args.workers:
            client.flushall()
            queue = Queue(VERIFY_QUEUE, connection=client)
            for n in range(args.sites):
                site = f"site{n}.bench"
                store.claim_verification(site, f"verify-{n}", PENDING_TTL)
                enqueue_verification(queue, site, f"http://www.{site}/privacy", None, f"verify-{n}")
            seconds = drain(url, workers, {"FETCH_HOST_MAP": host_map})
            verified = sum(1 for n in range(args.sites) if client.hget(f"pg:site:site{n}.bench", "report_id"))
            print(
                f"{workers} worker(s): {verified}/{args.sites} sites verified in {seconds:.1f} s = "
                f"{verified / seconds:.1f} jobs/s"
            )
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
