"""One site's JSON (GET /api/v1/sites/<site>, the site page) from its record, report and history."""

from __future__ import annotations

from typing import Any

from api.history import HISTORY_KEEP


def verification_of(record: dict[str, Any]) -> dict[str, Any] | None:
    """Where and when the service fetched the text that grades the site; None when never verified."""
    if not record.get("report_id"):
        return None
    return {
        "url": record.get("url"),
        "requested_url": record.get("requested_url"),
        "http_status": record.get("http_status"),
        "fetched_at": record.get("fetched_at"),
        "verified_at": record.get("verified_at"),
        "text_hash": record.get("report_id"),
        "scorer_version": record.get("scorer_version"),
    }


def visitor_report_of(record: dict[str, Any]) -> dict[str, Any] | None:
    """The latest text a visitor sent for the site: listed, never graded."""
    if not record.get("submitted_report_id"):
        return None
    verified_id = record.get("report_id")
    return {
        "report_id": record["submitted_report_id"],
        "url": record.get("submitted_url"),
        "submitted_at": record.get("submitted_at"),
        # A differing text is a changed policy, an extraction difference, or a forgery: shown, not judged.
        "matches_verified": None if not verified_id else record["submitted_report_id"] == verified_id,
    }


def last_check_of(record: dict[str, Any]) -> dict[str, Any] | None:
    """The latest verification attempt, successful or not."""
    if not record.get("checked_at"):
        return None
    return {
        "checked_at": record.get("checked_at"),
        "status": record.get("check_status"),
        "error": record.get("check_error"),
        "url": record.get("check_url"),
    }


def site_document(data: dict[str, Any]) -> dict[str, Any]:
    """``SiteStore.get_site``'s answer as the API's site object (grade, url and title only when verified)."""
    record = data["record"]
    verified = bool(record.get("report_id"))
    current = data.get("current") if verified else None
    return {
        "site": record["site"],
        "verified": verified,
        "grade": record.get("grade") if verified else None,
        "score": record.get("score") if verified else None,
        "url": record.get("url") if verified else None,
        "title": record.get("title") if verified else None,
        "first_seen": record.get("first_seen"),
        "updated_at": record.get("updated_at"),
        "verification": verification_of(record),
        "visitor_report": visitor_report_of(record),
        "last_check": last_check_of(record),
        "verification_pending": bool(data.get("pending")),
        "current": current,
        "history": data.get("history") or [],
        "history_kept": HISTORY_KEEP,
        "history_dropped": record.get("history_dropped") or 0,
    }
