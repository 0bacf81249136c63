"""POST /api/v1/score as a function: validate, look in the cache, score, cache, record the site.

Redis failing here never fails the request: the report is computed anyway and returned with
``cached: false`` (flask-caching's "fail soft" habit); a warning goes to the log.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import unicodedata
from datetime import UTC, datetime
from typing import Any

from flask import current_app

import scoring
from api.domains import site_for_url
from api.errors import InputError, StoreUnavailable, TextTooLarge
from api.urls import UrlError, parse_web_url

log = logging.getLogger(__name__)

_LINE_END = re.compile(r"\r\n?")
_TRAILING_SPACE = re.compile(r"[ \t\f\v]+\n")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Control characters never appear in a URL a browser reports (they are percent-encoded).
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
URL_SCHEMES = ("http", "https")


def normalize_text(text: str) -> str:
    """The text that is hashed and scored: NFC, ``\\n`` line ends, no trailing spaces, no edge blanks.

    Conservative on purpose: two captures of the same policy that differ only in line endings or
    trailing blanks share one report, while evidence offsets still index nearly the submitted text.
    """
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", _LINE_END.sub("\n", text))
    return _TRAILING_SPACE.sub("\n", text).strip()


#: What :func:`report_id` returns: 64 lowercase hex characters (report routes refuse anything else).
REPORT_ID = re.compile(r"[0-9a-f]{64}")


def report_id(normalized: str) -> str:
    """The report id: sha256 hex of the normalized text."""
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def utc_now() -> tuple[str, float]:
    """Now as ISO 8601 UTC (``...Z``) and as epoch seconds."""
    moment = datetime.now(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"), moment.timestamp()


def validate_text(text: Any, max_bytes: int) -> None:
    """InputError unless ``text`` is a non-blank string; TextTooLarge over ``max_bytes`` UTF-8 bytes."""
    if not isinstance(text, str):
        raise InputError("text", "Not a valid string.")
    if not text.strip():
        raise InputError("text", "Must not be empty or only whitespace.")
    # Cheap bound first: a UTF-8 character is at most 4 bytes.
    if len(text) * 4 > max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise TextTooLarge(size, max_bytes)


def validate_url(url: Any, max_length: int) -> None:
    """InputError unless ``url`` is None or an http(s) URL with a host, at most ``max_length`` long.

    Parsed as browsers parse it (api.urls, WHATWG rules): ``\\`` ends the host, and a user name or
    password (``user@host``) is refused outright.
    """
    if url is None:
        return
    if not isinstance(url, str):
        raise InputError("url", "Not a valid string.")
    if len(url) > max_length:
        raise InputError("url", f"Longer than {max_length} characters.")
    if _URL_CONTROL.search(url):
        raise InputError("url", "Must not contain control characters.")
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in URL_SCHEMES or not rest or rest[0] in "/?#":
        raise InputError("url", "Must be an http or https URL.")
    try:
        parse_web_url(url)
    except UrlError as error:
        raise InputError("url", str(error)) from None


def validate_title(title: Any, max_length: int) -> None:
    """InputError unless ``title`` is None or a string of at most ``max_length`` characters."""
    if title is None:
        return
    if not isinstance(title, str):
        raise InputError("title", "Not a valid string.")
    if len(title) > max_length:
        raise InputError("title", f"Longer than {max_length} characters.")


def scorer_version() -> str:
    """The running scorer's version: part of every cache key (read per call: tests and reloads change it)."""
    return str(scoring.SCORER_VERSION)


#: What warm_up scores: one short policy (about 100 words, ~15 ms) that takes the whole path of a
#: real request: judged a policy (80+ words), graded, with findings for the detectors. Detectors
#: compile some patterns on first use, which the library's warm_up (readability dictionaries) does
#: not cover; measured 35 ms on the first request without it.
WARM_UP_POLICY = (
    "Privacy Policy\n\nThis privacy policy explains how Warm-up Example Ltd collects, uses and shares "
    "your personal information. We collect your name, email address and IP address when you register "
    "or use our website, and we use cookies to remember your preferences. We may share personal "
    "information with our partners and disclose it to law enforcement whenever we believe it is "
    "necessary to protect our rights. You can opt out of marketing emails at any time. We may retain "
    "your data in backups after you delete your account. Contact us at privacy@warm-up.example with "
    "any questions about this policy."
)


def warm_up() -> None:
    """Load the scorer's dictionaries and build its pattern tables now, not on the first request.

    Logs one INFO line with the time of each part (bench/api.py waits for "scorer warmed up").
    """
    started = time.perf_counter()
    scoring.warm_up()
    loaded = time.perf_counter()
    scoring.score_policy(WARM_UP_POLICY, url="https://warm-up.example/privacy")
    done = time.perf_counter()
    log.info(
        "scorer warmed up in %.2f s (dictionaries %.2f s, sample policy %.3f s)",
        done - started,
        loaded - started,
        done - loaded,
    )


def report_for(store: Any, normalized: str, url: str | None = None) -> tuple[dict[str, Any], bool]:
    """``(report, cached)`` for normalized text: the stored one for this scorer version, else scored now.

    Shared by POST /api/v1/score and the verification worker. A Redis failure only costs the cache
    (logged); ``scoring.ScoringInputError`` is the caller's to turn into its own error.
    """
    version = scorer_version()
    rid = report_id(normalized)
    try:
        cached = store.cached_report(rid, version)
    except StoreUnavailable:
        log.debug("Redis unavailable: scoring %s without the cache", rid[:12])  # api.redis_outage logs it
        cached = None
    if cached is not None:
        return cached, True
    scored = scoring.score_policy(normalized, url=url)
    report = {**scored.to_dict(), "id": rid, "scorer_version": version}
    try:
        store.put_report(report, text=normalized)
    except StoreUnavailable:
        log.debug("Redis unavailable: report %s not cached", rid[:12])
    return report, False


def score_text(text: Any, url: Any = None, title: Any = None) -> dict[str, Any]:
    """The POST /api/v1/score response body for ``text`` (InputError / TextTooLarge for bad input).

    The answer is the report of exactly this text. It never grades a site: a url naming a site
    queues a verification (api.verify.requests), in which a worker fetches the url itself. A policy
    text is noted on the site as "reported by a visitor, not verified"; any other text is not noted.
    """
    config = current_app.config
    validate_text(text, config["MAX_TEXT_BYTES"])
    validate_url(url, config["MAX_URL_LENGTH"])
    validate_title(title, config["MAX_TITLE_LENGTH"])
    services = current_app.extensions["policygrade"]
    normalized = normalize_text(text)
    site = site_for_url(url)
    now, now_epoch = utc_now()
    try:
        report, cached = report_for(services.store, normalized, url=url)
    except scoring.ScoringInputError as error:
        raise InputError("text", str(error)) from None
    verification: dict[str, Any] = {"status": "not_requested", "site": site, "job_id": None}
    # None: this text updates no site. False: it should have (visitor record, verification request)
    # but Redis could not store it, so the client knows to send it again (issue 10, defect 3).
    site_recorded: bool | None = None
    if site and url and report.get("is_policy"):
        from api.verify.requests import request_verification

        verification = request_verification(services, site, url, report["id"], now, now_epoch)
        site_recorded = verification["status"] != "unavailable"
    return {
        **report,
        "url": url,
        "site": site,
        # A lone surrogate cannot be encoded as UTF-8 (so it cannot be stored, logged or sent as I-JSON);
        # a browser extension cutting a title at 500 UTF-16 units can split a pair and send one. The
        # title is only echoed, so it is cleaned like the text rather than refused.
        "title": _LONE_SURROGATE.sub("\ufffd", title) if title is not None else None,
        "cached": cached,
        "scored_at": now,
        "verification": verification,
        "site_recorded": site_recorded,
    }
