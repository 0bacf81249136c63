"""API benchmark: gunicorn (2 workers) on 127.0.0.1, report reads vs a constant endpoint, cold scoring.

Run: ``.venv/bin/python bench/api.py [--duration 2] [--rounds 5] [--json]`` (about 90 s in all)

Measures, against one gunicorn started with the repository's settings (api.gunicorn_conf, embedded
Redis in a temporary data directory, BENCH_ENDPOINT on):

(a) GET /api/v1/reports/<id> of a cached report, and (b) GET /bench/constant (a bare Flask endpoint
    returning a constant dict): requests/s, p50 and p99, same load-generator settings, alternating
    a/b for ``--rounds`` rounds (target: a >= 80% of b); then (a) against (b'), a bare Flask app
    (bench/bare_app.py) returning the same bytes under the same gunicorn settings and worker count
    (issue 9's comparison, target >= 0.80); then (a') the same on a second server with the per-worker
    report memo off (REPORT_MEMO_BYTES=0), so every read is a Redis GET;
(c) POST /api/v1/score of a 2,500-word policy that is not cached: p50 over ``--cold`` distinct texts;
(d) the first uncached POST after start against that warm p50 (target: first <= 2x warm).

Load generator: Debian's ``wrk`` when installed (``apt-get install wrk``), else a Python one (threads,
one connection per request like wrk against gunicorn's sync workers). Loopback only; each case is
bounded by ``--duration`` seconds (at most 20).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
MAX_CASE_SECONDS = 20

# Written for this benchmark (not corpus text): ~180 words repeated with numbered sections.
_POLICY_HEAD = """Privacy Policy

This policy explains how Benchco collects, uses and shares personal information when you use our
website and apps. We collect your name, email address, payment details, device identifiers, IP
address and the pages you visit. We use cookies to remember your preferences and to measure traffic.

We may disclose your personal information to law enforcement or other third parties if we believe
disclosure is necessary to comply with the law or to protect our rights, or as part of a merger or
sale of assets. If you do not agree with this policy, please do not use our services. We may retain
your information in backups after you delete your account.
"""


def policy_text(words: int, variant: int) -> str:
    """A policy of about ``words`` words; ``variant`` makes the text (and so its cache key) unique."""
    parts = [_POLICY_HEAD, f"\nReference {variant}.\n"]
    count = sum(len(p.split()) for p in parts)
    section = 0
    while count < words:
        section += 1
        paragraph = (
            f"\nSection {section}. Use of information\nWe use account information to provide the service, "
            "to keep it secure, to answer support requests and to send service messages. We share it "
            "with processors who act on our instructions under written contracts, and we review these "
            "contracts every year. You can ask us for a copy of your data at any time.\n"
        )
        parts.append(paragraph)
        count += len(paragraph.split())
    return "".join(parts)


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def request(port: int, method: str, path: str, body: Any = None) -> tuple[int, bytes, float]:
    """One HTTP request on a new connection: status, body, seconds taken."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        payload = response.read()
    finally:
        conn.close()
    return response.status, payload, time.perf_counter() - started


class Server:
    """gunicorn with api.gunicorn_conf, 2 workers, embedded Redis in a temporary directory."""

    def __init__(
        self, workers: int, extra_env: dict[str, str] | None = None, app: str = "api:create_app()"
    ) -> None:
        self.port = free_port()
        self.tmp = Path(tempfile.mkdtemp(prefix="pg-bench-"))
        self.log = self.tmp / "gunicorn.log"
        env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PORT"}}
        env.update(
            POLICYGRADE_DATA_DIR=str(self.tmp / "var"),
            BENCH_ENDPOINT="1",
            RATE_LIMIT="1000000 per minute",  # the limiter still runs; it must not refuse the bench
            READ_RATE_LIMIT="100000000 per minute",
            LOG_LEVEL="INFO",
        )
        env.update(extra_env or {})
        self.workers = workers
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:api.gunicorn_conf",
             "--workers", str(workers), "--bind", f"{HOST}:{self.port}", app],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,  # access log: same cost in every case, not kept
            stderr=self.log.open("wb"),
        )

    def wait_ready(self, timeout: float = 90) -> None:
        """Until every worker has built the app and warmed the scorer up (its log says so)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.log.read_text(errors="replace")
            if log.count("scorer warmed up") + log.count("scorer warm-up failed") >= self.workers:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise SystemExit("gunicorn did not start:\n" + self.log.read_text(errors="replace"))

    def stop(self) -> None:
        """SIGTERM (stops the embedded Redis too) and remove the temporary directory."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


_WRK_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _wrk_seconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _WRK_UNITS[match.group(2)]


def load_wrk(port: int, path: str, duration: int, connections: int) -> dict[str, float]:
    """wrk -t1 -cN -dS --latency: requests/s, p50, p99 (seconds) and non-2xx count."""
    out = subprocess.run(
        # One wrk thread: the client must not starve the two workers of the machine's 2 cores.
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", f"http://{HOST}:{port}{path}"],
        capture_output=True, text=True, timeout=duration + 30, check=True,
    ).stdout
    p50 = re.search(r"^\s*50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if not (p50 and p99 and rps):
        raise RuntimeError("could not read wrk output:\n" + out)
    return {
        "rps": float(rps.group(1)),
        "p50_ms": _wrk_seconds(p50.group(1)) * 1000,
        "p99_ms": _wrk_seconds(p99.group(1)) * 1000,
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def load_python(port: int, path: str, duration: int, connections: int) -> dict[str, float]:
    """The same measurement with Python threads (slower client: compare ratios, not absolutes)."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def worker() -> None:
        mine: list[float] = []
        bad = 0
        while time.monotonic() < deadline:
            status, _, seconds = request(port, "GET", path)
            mine.append(seconds)
            bad += status >= 300
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "errors": float(errors[0]),
    }


def first_request_ms(args: argparse.Namespace, variant: int) -> float:
    """Start a fresh server, time its first request (an uncached 2,500-word policy), stop it."""
    server = Server(args.workers)
    try:
        server.wait_ready()
        status, body, seconds = request(
            server.port, "POST", "/api/v1/score", {"text": policy_text(2500, 10_000 + variant)}
        )
        assert status == 200, body[:300]
    finally:
        server.stop()
    return seconds * 1000


def compare(load: Any, port: int, path: str, args: argparse.Namespace, duration: int) -> list[dict[str, Any]]:
    """Alternate ``path`` and /bench/constant in short rounds so machine noise hits both alike."""
    rounds = []
    for _ in range(args.rounds):
        reports = load(port, path, duration, args.connections)
        constant = load(port, "/bench/constant", duration, args.connections)
        rounds.append({"report": reports, "constant": constant, "ratio": reports["rps"] / constant["rps"]})
    return rounds


def compare_bare(
    load: Any, server: Server, path: str, body: bytes, args: argparse.Namespace, duration: int
) -> list[dict[str, Any]]:
    """The report read against a bare Flask app serving the same bytes, same gunicorn settings."""
    bytes_file = server.tmp / "report.json"
    bytes_file.write_bytes(body)
    # REDIS_URL set: api.gunicorn_conf's hook then starts no embedded Redis for the bare app.
    env = {"BARE_BYTES_FILE": str(bytes_file), "REDIS_URL": "redis://127.0.0.1:1/0"}
    bare = Server(args.workers, env, app="bench.bare_app:create_app()")
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if request(bare.port, "GET", path)[1] == body:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("bare app did not start:\n" + bare.log.read_text(errors="replace"))
            time.sleep(0.1)
        rounds = []
        for _ in range(args.rounds):
            reports = load(server.port, path, duration, args.connections)
            plain = load(bare.port, path, duration, args.connections)
            rounds.append({"report": reports, "constant": plain, "ratio": reports["rps"] / plain["rps"]})
        return rounds
    finally:
        bare.stop()


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start the servers, run every case, stop them; the figures as a dict."""
    # Two servers each run the constant case, so each run is capped to keep every case <= 20 s.
    duration = max(1, min(args.duration, MAX_CASE_SECONDS // max(1, 2 * args.rounds)))
    load = load_wrk if shutil.which("wrk") and not args.python_client else load_python
    server = Server(args.workers)
    try:
        server.wait_ready()
        # (d) first request after start: an uncached 2,500-word policy, before anything else.
        status, body, first = request(server.port, "POST", "/api/v1/score", {"text": policy_text(2500, 0)})
        assert status == 200, body[:300]
        report_id = json.loads(body)["id"]
        # (c) cold POST: distinct texts so every one is a cache miss.
        cold = []
        for n in range(1, args.cold + 1):
            status, body, seconds = request(
                server.port, "POST", "/api/v1/score",
                {"text": policy_text(2500, n), "url": f"https://www.site{n}.example/privacy"},
            )
            assert status == 200 and json.loads(body)["cached"] is False, body[:300]
            cold.append(seconds)
        report_path = f"/api/v1/reports/{report_id}"
        status, report_bytes, _ = request(server.port, "GET", report_path)
        assert status == 200
        memo_rounds = compare(load, server.port, report_path, args, duration)
        bare_rounds = compare_bare(load, server, report_path, report_bytes, args, duration)
    finally:
        server.stop()
    # The same with the per-worker report memo off: every read is a Redis GET.
    server = Server(args.workers, {"REPORT_MEMO_BYTES": "0"})
    try:
        server.wait_ready()
        status, body, _ = request(server.port, "POST", "/api/v1/score", {"text": policy_text(2500, 0)})
        assert status == 200, body[:300]
        redis_rounds = compare(load, server.port, report_path, args, duration)
    finally:
        server.stop()
    # More fresh starts: one first request is a single noisy sample on a shared machine.
    firsts = [first * 1000] + [first_request_ms(args, n) for n in range(1, args.starts)]
    warm_p50 = statistics.median(cold) * 1000
    return {
        "load_generator": load.__name__.removeprefix("load_"),
        "workers": args.workers,
        "connections": args.connections,
        "seconds_per_run": duration,
        "report_with_memo": memo_rounds,
        "report_redis_every_time": redis_rounds,
        "ratio_median": statistics.median(r["ratio"] for r in memo_rounds),
        "report_vs_bare_flask": bare_rounds,
        "ratio_median_bare_flask": statistics.median(r["ratio"] for r in bare_rounds),
        "ratio_median_redis_every_time": statistics.median(r["ratio"] for r in redis_rounds),
        "cold_score_words": len(policy_text(2500, 1).split()),
        "cold_score_p50_ms": warm_p50,
        "cold_score_samples": len(cold),
        "first_request_ms": firsts,
        "first_over_warm": statistics.median(firsts) / warm_p50,
    }


def _rows(label: str, rounds: list[dict[str, Any]]) -> list[str]:
    lines = []
    for n, round_ in enumerate(rounds, 1):
        for name, key in ((label, "report"), ("(b) GET /bench/constant", "constant")):
            row = round_[key]
            lines.append(
                f"{name + f' #{n}':<40}{row['rps']:>9.0f}{row['p50_ms']:>9.2f}{row['p99_ms']:>9.2f}"
                f"{row['errors']:>8.0f}"
            )
    return lines


def format_results(result: dict[str, Any]) -> str:
    """Plain-text table of the figures with the targets."""
    ratio = result["ratio_median"]
    lines = [
        f"gunicorn {result['workers']} workers, {result['load_generator']}, "
        f"{result['connections']} connections, {result['seconds_per_run']} s per run",
        f"{'case':<40}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'non-2xx':>8}",
        *_rows("(a) GET /api/v1/reports/<id>", result["report_with_memo"]),
        *_rows("(a') same, REPORT_MEMO_BYTES=0", result["report_redis_every_time"]),
        f"(a)/(b) requests/s, median of rounds: {ratio:.0%} "
        f"(target >= 80%: {'met' if ratio >= 0.8 else 'MISSED'})",
        f"(a) against a bare Flask app returning the same bytes (same gunicorn settings), median: "
        f"{result['ratio_median_bare_flask']:.2f} (target >= 0.80: "
        f"{'met' if result['ratio_median_bare_flask'] >= 0.8 else 'MISSED'})",
        f"(a')/(b) with a Redis GET on every read: {result['ratio_median_redis_every_time']:.0%}",
        f"cold POST /api/v1/score, {result['cold_score_words']} words: "
        f"p50 {result['cold_score_p50_ms']:.0f} ms over {result['cold_score_samples']} distinct texts",
        "first request after start (ms, one per fresh start): "
        + ", ".join(f"{ms:.0f}" for ms in result["first_request_ms"]),
        f"median first / warm p50 = {result['first_over_warm']:.2f}x "
        f"(target <= 2x: {'met' if result['first_over_warm'] <= 2 else 'MISSED'})",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=2, help="seconds per load run")
    parser.add_argument("--rounds", type=int, default=5, help="a/b rounds per server (each case <= 20 s)")
    # Two sync workers serve two requests at a time; 4 connections keep both busy without piling
    # more runnable processes onto a 2-core machine.
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cold", type=int, default=15, help="distinct texts for the cold POST p50")
    parser.add_argument("--starts", type=int, default=3, help="fresh starts timing the first request")
    parser.add_argument("--python-client", action="store_true", help="use the Python load generator")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = parser.parse_args(argv)
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else format_results(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
