"""The embedded Redis (REDIS_URL unset): data on disk survives an app restart; one server per data dir."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from policy_texts import POLICY_V1

from api.embedded import EmbeddedRedis, EmbeddedRedisError

pytestmark = pytest.mark.redis


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def test_site_reports_survive_an_app_restart(make_app: Any, scorer: Any, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = make_app(REDIS_URL=None, POLICYGRADE_DATA_DIR=str(data_dir))
    services = first.extensions["policygrade"]
    first_pid = services.embedded.pid
    assert services.redis_url.startswith("unix://")
    report = first.test_client().post(
        "/api/v1/score", json={"text": POLICY_V1, "url": "https://www.examplify.co.uk/privacy"}
    ).get_json()
    services.close()
    assert not _alive(first_pid), "closing the app must stop its embedded redis-server"

    second = make_app(REDIS_URL=None, POLICYGRADE_DATA_DIR=str(data_dir))
    assert second.extensions["policygrade"].embedded.pid != first_pid  # a fresh server, read from disk
    site = second.test_client().get("/api/v1/sites/examplify.co.uk")
    assert site.status_code == 200
    # The POST noted the visitor's text on the site (a verification fetch, not the POST, grades it).
    assert site.get_json()["visitor_report"]["report_id"] == report["id"]
    assert second.test_client().post("/api/v1/score", json={"text": POLICY_V1}).get_json()["cached"] is True


def test_data_files_live_in_the_data_dir(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "var")
    try:
        server.start()
        assert (tmp_path / "var" / "redis.conf").exists()
        assert server.socket_path.exists()
    finally:
        server.stop()
    assert {"policygrade.aof", "policygrade.rdb"} & {p.name for p in (tmp_path / "var").iterdir()}
    assert not server.socket_path.exists()


def test_a_second_server_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    first = EmbeddedRedis(tmp_path)
    first.start()
    try:
        with pytest.raises(EmbeddedRedisError, match="already answers"):
            EmbeddedRedis(tmp_path).start()
        assert first.pid is not None and _alive(first.pid)
    finally:
        first.stop()


def test_a_stale_socket_file_is_not_mistaken_for_a_server(tmp_path: Path) -> None:
    (tmp_path / "redis.sock").write_text("left over by a crash")
    server = EmbeddedRedis(tmp_path)
    try:
        assert server.start().startswith("unix://")
    finally:
        server.stop()


def test_long_data_dir_paths_get_a_short_socket(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    server = EmbeddedRedis(deep)
    try:
        server.start()
        assert len(str(server.socket_path)) < 100
        assert (deep / "redis.conf").exists()
    finally:
        server.stop()
    assert not server.socket_path.parent.exists()


def test_the_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    (data_dir / "policygrade.rdb").write_bytes(b"")  # left by an older version, world-readable
    (data_dir / "policygrade.rdb").chmod(0o644)
    server = EmbeddedRedis(data_dir)
    try:
        server.start()
        import redis

        client = redis.Redis.from_url(server.url)
        client.set("pg:probe", "x")
        client.save()  # writes the rdb file
        client.close()
    finally:
        server.stop()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    modes = {path.name: path.stat().st_mode & 0o777 for path in data_dir.rglob("*") if not path.is_socket()}
    assert {"policygrade.rdb", "redis.conf", "redis.log"} <= set(modes), modes
    assert {name: mode for name, mode in modes.items() if mode & 0o077} == {}, modes


def test_start_waits_for_a_large_data_set_as_long_as_redis_says_it_is_loading(tmp_path: Path) -> None:
    """The wait follows Redis's own loading status, not a fixed bound: here 0.2 s without an answer
    is allowed, and loading takes longer than that."""
    import time

    import redis

    server = EmbeddedRedis(tmp_path)
    server.start()
    client = redis.Redis.from_url(server.url, socket_timeout=60)
    client.execute_command("DEBUG", "POPULATE", 1_500_000, "pg:bulk", 64)
    client.bgrewriteaof()
    while client.info("persistence")["aof_rewrite_in_progress"]:
        time.sleep(0.1)
    client.close()
    server.stop()

    started = time.monotonic()
    server = EmbeddedRedis(tmp_path)
    try:
        server.start(timeout=0.2)
        took = time.monotonic() - started
        client = redis.Redis.from_url(server.url)
        assert client.dbsize() == 1_500_000
        client.close()
    finally:
        server.stop()
    assert took > 0.2, f"loading took {took:.2f} s: too small a data set to test the wait"
