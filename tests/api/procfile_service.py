"""Run the Procfile's ``web:`` command (a real gunicorn) on 127.0.0.1 and a free port, for process tests."""

from __future__ import annotations

import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def procfile_web_command(port: int) -> list[str]:
    """The Procfile's web line as argv, bound to 127.0.0.1 (tests never listen on 0.0.0.0)."""
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    argv = shlex.split(line.removeprefix("web:").replace("$PORT", str(port)))
    argv = [arg.replace("0.0.0.0:", "127.0.0.1:") for arg in argv]
    argv[0] = str(BIN / argv[0])  # the venv's gunicorn
    return argv


def get_json(url: str, timeout: float = 5, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def post_json(url: str, body: dict[str, Any], timeout: float = 30) -> tuple[int, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def children(pid: int) -> list[int]:
    """Direct children of ``pid``, started by any of its threads (Linux /proc lists them per thread)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs and is not a zombie."""
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


class GunicornService:
    """The Procfile's gunicorn in ``workdir`` with ``env``; waits for /healthz."""

    def __init__(self, workdir: Path, env: dict[str, str], startup: float = 60) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"gunicorn-{self.port}.log"
        self.process = subprocess.Popen(
            procfile_web_command(self.port),
            cwd=ROOT,
            env={**os.environ, "LOG_LEVEL": "INFO", "WARM_UP": "0", **env},
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + startup
        while True:
            try:
                if get_json(self.base + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("gunicorn did not come up:\n" + self.log.read_text())
            time.sleep(0.2)

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()
