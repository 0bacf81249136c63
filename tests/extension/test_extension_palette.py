"""One grade palette: the toolbar badge and popup (extension/lib/badge.js), the embeddable SVG badge
(api/pages/badge.py) and the report pages (api/pages/static/pages.css) use the same colours."""

from __future__ import annotations

import re
from pathlib import Path

from api.pages.badge import GRADE_COLORS

REPO = Path(__file__).resolve().parents[2]


def _extension_palette() -> dict[str, str]:
    source = (REPO / "extension" / "lib" / "badge.js").read_text()
    block = source[source.index("export const GRADE_COLORS") :]
    block = block[: block.index("});")]
    pairs = re.findall(r"([A-E]): \{ background: '(#[0-9a-fA-F]{6})'", block)
    return {grade: color.lower() for grade, color in pairs}


def _pages_palette() -> dict[str, str]:
    css = (REPO / "api" / "pages" / "static" / "pages.css").read_text()
    return {grade: color.lower() for grade, color in re.findall(r"--grade-([A-E]):\s*(#[0-9a-fA-F]{6})", css)}


def test_toolbar_popup_svg_badge_and_pages_share_one_palette() -> None:
    """Each grade letter has the same colour in all three places."""
    extension = _extension_palette()
    assert sorted(extension) == list("ABCDE")
    assert extension == {grade: color.lower() for grade, color in GRADE_COLORS.items()}
    assert extension == _pages_palette()
