"""The SVG badge: valid XML, right text and colour per grade, readable contrast, escaped text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from api.pages.badge import (
    GRADE_COLORS,
    LABEL_COLOR,
    UNGRADED_COLOR,
    badge_color,
    badge_etag,
    badge_width,
    render_badge,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{SVG}text")]


def value_fill(root: ET.Element) -> str:
    """Fill of the right-hand rectangle (the one with an x offset)."""
    rects = [rect for rect in root.iter(f"{SVG}rect") if rect.get("x")]
    assert len(rects) == 1
    return rects[0].get("fill", "")


@pytest.mark.parametrize(
    ("grade", "value", "color"),
    [
        ("A", "A", "#1a7f37"),
        ("B", "B", "#4d7c0f"),
        ("C", "C", "#8a6100"),
        ("D", "D", "#b34700"),
        ("E", "E", "#c0202a"),
        (None, "not graded", UNGRADED_COLOR),
        ("F", "not graded", UNGRADED_COLOR),  # not a grade the scorer gives
        ("a", "not graded", UNGRADED_COLOR),  # grades are upper case; no guessing
        ("", "not graded", UNGRADED_COLOR),
    ],
)
def test_badge_text_and_color_per_grade(grade: str | None, value: str, color: str) -> None:
    root = parse(render_badge(grade))
    assert root.tag == f"{SVG}svg"
    # Each text is drawn twice (shadow, then text), as shields does.
    assert texts(root) == ["privacy policy", "privacy policy", value, value]
    assert value_fill(root) == color
    assert root.find(f"{SVG}title").text == f"privacy policy: {value}"
    assert root.get("aria-label") == f"privacy policy: {value}"
    assert badge_color(grade) == color


def test_custom_message_for_ungraded_badge_only() -> None:
    assert texts(parse(render_badge(None, "unavailable")))[2] == "unavailable"
    assert texts(parse(render_badge("B", "unavailable")))[2] == "B"


def test_hostile_message_is_escaped() -> None:
    svg = render_badge(None, '<script>alert(1)</script> & "x"')
    root = parse(svg)  # would raise on unescaped markup
    assert texts(root)[2] == '<script>alert(1)</script> & "x"'
    assert root.find(f"{SVG}script") is None
    assert "<script>" not in svg


def test_width_matches_svg_and_grows_with_text() -> None:
    for grade in (*GRADE_COLORS, None):
        assert parse(render_badge(grade)).get("width") == str(badge_width(grade))
    assert badge_width(None) > badge_width("C")


def test_etag_changes_with_grade() -> None:
    tags = {badge_etag(render_badge(grade)) for grade in (*GRADE_COLORS, None)}
    assert len(tags) == len(GRADE_COLORS) + 1
    assert badge_etag(render_badge("A")) == badge_etag(render_badge("A"))


def _luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance."""
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("color", [*GRADE_COLORS.values(), UNGRADED_COLOR, LABEL_COLOR])
def test_white_text_has_aa_contrast(color: str) -> None:
    ratio = (1.0 + 0.05) / (_luminance(color) + 0.05)
    assert ratio >= 4.5, f"{color}: {ratio:.2f}"
