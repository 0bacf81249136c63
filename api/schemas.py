"""Marshmallow schemas: request validation and the OpenAPI description of every response."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from api import scoring_service
from api.errors import InputError

#: Largest ``offset`` GET /api/v1/sites accepts.
MAX_SITE_OFFSET = 1_000_000_000


#: The url shape the OpenAPI document promises to accept: http(s), a DNS host name whose last label
#: starts with a letter (a numeric one is read as an IPv4 address), an optional port, then printable
#: ASCII. The service accepts more (IP addresses, Unicode hosts, IPv6); this is what it declares.
URL_PATTERN = (
    r"^[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?\.){0,4}"
    r"[A-Za-z][A-Za-z0-9]{0,20}(?::[1-9][0-9]{0,3})?(?:/[!-~]*)?$"
)


class StrictSchema(ma.Schema):
    """Unknown fields are an error (422 naming the field), not silently dropped."""

    class Meta:
        unknown = ma.RAISE


class ScoreRequestSchema(StrictSchema):
    """POST /api/v1/score body."""

    # The patterns and lengths are documentation (OpenAPI) of what the validators below and
    # api.scoring_service accept; the limits there come from the config (defaults shown here).
    text = fields.String(
        required=True,
        metadata={
            "description": "The policy text (plain text), at most MAX_TEXT_BYTES UTF-8 bytes (413 over).",
            "minLength": 1,
            "pattern": r"\S",  # not blank: Python's \s is str.strip()'s whitespace
        },
    )
    url = fields.String(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Page the text came from: an http(s) URL as a browser reports it (WHATWG "
            "parsing; no user name or password), at most MAX_URL_LENGTH (2048) characters.",
            "maxLength": 2048,
            "pattern": URL_PATTERN,
        },
    )
    title = fields.String(
        load_default=None,
        allow_none=True,
        metadata={"description": "Page title, at most MAX_TITLE_LENGTH (500) characters.", "maxLength": 500},
    )

    @ma.validates("text")
    def _text_not_blank(self, value: str, **_: Any) -> None:
        if not value.strip():
            raise ma.ValidationError("Must not be empty or only whitespace.")

    @ma.validates("url")
    def _http_url(self, value: str | None, **_: Any) -> None:
        # Length limits live in the app config, so the service function re-checks them; here the
        # form only, so that the OpenAPI document and the 422 come from the schema.
        if value is None:
            return
        try:
            scoring_service.validate_url(value, max_length=10**9)
        except InputError as error:
            raise ma.ValidationError(error.errors["json"]["url"]) from None


class EvidenceSchema(ma.Schema):
    """One quoted sentence proving a finding."""

    quote = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    explanation = fields.String()
    rule = fields.String()
    severity = fields.String(metadata={"description": "This quote's own severity (high | medium | low)"})
    context = fields.String(
        allow_none=True,
        metadata={"description": "The list lead-in or section heading the quote is read under"},
    )
    kind = fields.String(metadata={"description": "sentence | list_item | table_cell"})


class GoodPracticeSchema(ma.Schema):
    """A clause that does well on one risk, with its quote."""

    risk = fields.String()
    rule = fields.String()
    quote = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    explanation = fields.String()


class RiskSchema(ma.Schema):
    """One of the three risks, detected or not."""

    id = fields.String(metadata={"description": "broad_disclosure | no_opt_out | retention_after_deletion"})
    title = fields.String()
    detected = fields.Boolean()
    severity = fields.String(validate=validate.OneOf(["high", "medium", "low", "none"]))
    summary = fields.String()
    evidence = fields.List(fields.Nested(EvidenceSchema))
    how_to_improve = fields.String(
        metadata={"description": "What wording would lower the finding (empty if none)"}
    )


class ReadabilitySchema(ma.Schema):
    """Readability figures (textstat formulas)."""

    flesch_reading_ease = fields.Float()
    flesch_kincaid_grade = fields.Float()
    gunning_fog = fields.Float()
    smog_index = fields.Float()
    coleman_liau_index = fields.Float()
    automated_readability_index = fields.Float()
    dale_chall = fields.Float()
    word_count = fields.Integer()
    sentence_count = fields.Integer()
    reading_time_minutes = fields.Float()
    level = fields.String()


class ReportSchema(ma.Schema):
    """What scoring computed from one text (``PolicyReport.to_dict()``), its id and scorer version.

    Stored and served as is (GET /api/v1/reports/<id>): no url, title or dates, which belong to a
    site and its history. Fields the scorer adds later are kept and served too.
    """

    id = fields.String(metadata={"description": "sha256 hex of the normalized text"})
    is_policy = fields.Boolean()
    policy_confidence = fields.Float()
    score = fields.Integer(allow_none=True)
    grade = fields.String(allow_none=True, metadata={"description": "A (best) .. E; null if not a policy"})
    grade_reason = fields.String()
    readability = fields.Nested(ReadabilitySchema, allow_none=True)
    risks = fields.List(fields.Nested(RiskSchema))
    scorer_version = fields.String()
    good_practices = fields.List(fields.Nested(GoodPracticeSchema))


class VerificationRequestSchema(ma.Schema):
    """What POST /api/v1/score did about verifying the site its url names."""

    status = fields.String(
        metadata={
            "description": "queued (a worker will fetch the url) | pending (one is already queued) | "
            "recent (verified within VERIFY_INTERVAL) | not_requested (no url, or not a policy) | "
            "unavailable (Redis down: nothing queued)"
        }
    )
    site = fields.String(allow_none=True)
    job_id = fields.String(allow_none=True)


class ScoreAnswerSchema(ReportSchema):
    """POST /api/v1/score: the report of the text sent, plus this request's url, site and time.

    The text sent is never the site's grade: ``verification`` says whether the service queued its own
    fetch of ``url`` (see GET /api/v1/sites/<site>).
    """

    url = fields.String(allow_none=True)
    site = fields.String(allow_none=True, metadata={"description": "Registrable domain of url"})
    title = fields.String(allow_none=True)
    cached = fields.Boolean()
    scored_at = fields.String(metadata={"description": "ISO 8601 UTC time of this answer"})
    verification = fields.Nested(VerificationRequestSchema)
    site_recorded = fields.Boolean(
        allow_none=True,
        metadata={
            "description": "Whether this text was stored on its site (visitor report and verification "
            "request): false when Redis was unavailable (send it again later); null when it updates no "
            "site (no url, or not a policy)"
        },
    )


class ChangesSchema(ma.Schema):
    """What changed from the previous policy version of a site."""

    added = fields.List(fields.String())
    removed = fields.List(fields.String())
    grade_from = fields.String(allow_none=True)
    grade_to = fields.String(allow_none=True)


class HistoryEntrySchema(ma.Schema):
    """One verified policy version of a site (or, migrated from before verification, a visitor's)."""

    id = fields.String(metadata={"description": "Report id (text hash) of this version"})
    scorer_version = fields.String(allow_none=True)
    kind = fields.String(
        metadata={
            "description": "first | policy_change (the fetched text changed) | method_change (same text "
            "re-scored by a new scorer version: no alert) | visitor (from before verification; unverified)"
        }
    )
    grade = fields.String(allow_none=True)
    score = fields.Integer(allow_none=True)
    risks = fields.List(fields.String(), metadata={"description": "Detected risk ids"})
    first_seen = fields.String()
    last_seen = fields.String()
    url = fields.String(allow_none=True, metadata={"description": "Fetched url (after redirects)"})
    http_status = fields.Integer(allow_none=True)
    changes = fields.Nested(ChangesSchema)


class VerificationSchema(ma.Schema):
    """Provenance of a site's grade: the fetch this service made itself."""

    url = fields.String(allow_none=True, metadata={"description": "Fetched url, after redirects"})
    requested_url = fields.String(allow_none=True, metadata={"description": "The url the fetch started at"})
    http_status = fields.Integer(allow_none=True)
    fetched_at = fields.String(allow_none=True)
    verified_at = fields.String(allow_none=True)
    text_hash = fields.String(metadata={"description": "Report id of the extracted text"})
    scorer_version = fields.String()


class VisitorReportSchema(ma.Schema):
    """The latest text a visitor sent for the site: shown as "reported by a visitor, not verified"."""

    report_id = fields.String()
    url = fields.String(allow_none=True)
    submitted_at = fields.String(allow_none=True)
    matches_verified = fields.Boolean(
        allow_none=True, metadata={"description": "Same text hash as the verified report; null if none"}
    )


class CheckSchema(ma.Schema):
    """The latest verification attempt."""

    checked_at = fields.String()
    status = fields.String(
        metadata={
            "description": "verified | fetch_failed | not_a_policy | blocked (refused by the SSRF guard)"
        }
    )
    error = fields.String(allow_none=True)
    url = fields.String(allow_none=True)


class SiteSchema(ma.Schema):
    """A site: its verified grade and provenance, the latest visitor report, and its history."""

    site = fields.String()
    verified = fields.Boolean(metadata={"description": "Whether a fetch by this service graded the site"})
    grade = fields.String(allow_none=True)
    score = fields.Integer(allow_none=True)
    url = fields.String(allow_none=True, metadata={"description": "Verified policy url (after redirects)"})
    title = fields.String(allow_none=True)
    first_seen = fields.String()
    updated_at = fields.String()
    verification = fields.Nested(VerificationSchema, allow_none=True)
    visitor_report = fields.Nested(VisitorReportSchema, allow_none=True)
    last_check = fields.Nested(CheckSchema, allow_none=True)
    verification_pending = fields.Boolean()
    current = fields.Nested(ReportSchema, allow_none=True, metadata={"description": "The verified report"})
    history = fields.List(fields.Nested(HistoryEntrySchema))
    history_kept = fields.Integer(
        metadata={"description": "Newest versions always kept; older ones only where the grade changed"}
    )
    history_dropped = fields.Integer(metadata={"description": "Older versions dropped by that cap"})


class SiteSummarySchema(ma.Schema):
    """A site in the list."""

    site = fields.String()
    verified = fields.Boolean()
    grade = fields.String(allow_none=True)
    score = fields.Integer(allow_none=True)
    updated_at = fields.String()
    first_seen = fields.String()
    url = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    report_id = fields.String(allow_none=True)


class SiteListQuerySchema(ma.Schema):
    """GET /api/v1/sites query string."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    # Bounded: Redis reads offsets as signed 64-bit integers and refuses larger ones (that was a 503
    # "store unavailable" for ?offset=9223372036854775808); a billion is far past any real list.
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SITE_OFFSET))
    q = fields.String(
        load_default=None,
        validate=validate.Length(max=253),
        metadata={"description": "Keep sites whose name starts with this (scheme and www. ignored)"},
    )
    sort = fields.String(
        load_default="updated", validate=validate.OneOf(["updated", "grade", "score", "site"])
    )


class SiteListSchema(ma.Schema):
    """A page of sites."""

    items = fields.List(fields.Nested(SiteSummarySchema))
    total = fields.Integer()
    limit = fields.Integer()
    offset = fields.Integer()


class PrefixSiteSchema(ma.Schema):
    """A site in a k-anonymity bucket."""

    site = fields.String()
    site_hash = fields.String(metadata={"description": "Full sha256 hex of site"})
    grade = fields.String(allow_none=True)
    score = fields.Integer(allow_none=True)
    report_id = fields.String()
    updated_at = fields.String()


class PrefixSchema(ma.Schema):
    """All known sites whose sha256(site) hex starts with prefix."""

    prefix = fields.String()
    sites = fields.List(fields.Nested(PrefixSiteSchema))


class HealthSchema(ma.Schema):
    """Service health."""

    status = fields.String(validate=validate.OneOf(["ok", "degraded"]))
    redis = fields.String(validate=validate.OneOf(["ok", "unavailable"]))
    scorer_version = fields.String(allow_none=True)
