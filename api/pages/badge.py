"""Shields-style SVG badge ("privacy policy | C") as a pure function of the grade."""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

LABEL = "privacy policy"
NOT_GRADED = "not graded"

#: Badge colour per grade. Shields' palette (brightgreen .. red) is too light for white text, so
#: each is darkened until white text on it has a WCAG contrast ratio of at least 4.5:1
#: (tests/api/pages/test_badge.py checks the ratio).
GRADE_COLORS: dict[str, str] = {
    "A": "#1a7f37",  # green
    "B": "#4d7c0f",  # yellow-green
    "C": "#8a6100",  # amber
    "D": "#b34700",  # orange
    "E": "#c0202a",  # red
}
LABEL_COLOR = "#555555"  # shields' label grey
UNGRADED_COLOR = "#6e6e6e"  # grey: "not graded"

# Approximate advance widths of Verdana 11px (the font shields uses), in pixels. Shields measures
# real glyph widths; an estimate is enough because the text is centred with padding either side.
_NARROW = set("fijlrt .,:;!|'()[]")
_WIDE = set("mwMW@%")
_CAPS_WIDTH = 7.5
_DEFAULT_WIDTH = 6.6
_PADDING = 10  # 5 px either side, as shields does


def _text_width(text: str) -> int:
    """Estimated rendered width of ``text`` in Verdana 11px."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 3.9
        elif char in _WIDE:
            width += 10.7
        elif char.isupper() or char.isdigit():
            width += _CAPS_WIDTH
        else:
            width += _DEFAULT_WIDTH
    return round(width)


def badge_color(grade: str | None) -> str:
    """Fill colour of the value half for ``grade`` (grey for anything that is not A..E)."""
    return GRADE_COLORS.get(grade or "", UNGRADED_COLOR)


def badge_value(grade: str | None, message: str | None = None) -> str:
    """The right-hand text: the grade letter, ``message`` if given for an ungraded badge, or "not graded"."""
    if grade in GRADE_COLORS:
        return str(grade)
    return message or NOT_GRADED


def render_badge(grade: str | None, message: str | None = None) -> str:
    """The SVG for ``grade`` ("A".."E"); grey with "not graded" (or ``message``) for anything else."""
    value = badge_value(grade, message)
    color = badge_color(grade)
    label_width = _text_width(LABEL) + _PADDING
    value_width = _text_width(value) + _PADDING
    total = label_width + value_width
    # Text is escaped even though both strings come from constants: a grade is data from Redis.
    label_text = escape(LABEL)
    value_text = escape(value)
    title = escape(f"{LABEL}: {value}", {'"': "&quot;"})  # also used inside an attribute
    label_x = label_width / 2
    value_x = label_width + value_width / 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{title}">'
        f"<title>{title}</title>"
        '<linearGradient id="s" x2="0" y2="100%">'
        '<stop offset="0" stop-color="#bbb" stop-opacity=".1"/>'
        '<stop offset="1" stop-opacity=".1"/>'
        "</linearGradient>"
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        '<g clip-path="url(#r)">'
        f'<rect width="{label_width}" height="20" fill="{LABEL_COLOR}"/>'
        f'<rect x="{label_width}" width="{value_width}" height="20" fill="{color}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/>'
        "</g>"
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{label_x}" y="15" fill="#010101" fill-opacity=".3">{label_text}</text>'
        f'<text x="{label_x}" y="14">{label_text}</text>'
        f'<text x="{value_x}" y="15" fill="#010101" fill-opacity=".3">{value_text}</text>'
        f'<text x="{value_x}" y="14">{value_text}</text>'
        "</g>"
        "</svg>"
    )


def badge_etag(svg: str) -> str:
    """A strong ETag for a badge body (a hash of its bytes, so any change in grade changes it)."""
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()[:32]


def badge_width(grade: str | None, message: str | None = None) -> int:
    """Total pixel width of the badge (for the <img width> on the report page)."""
    return _text_width(LABEL) + _PADDING + _text_width(badge_value(grade, message)) + _PADDING
