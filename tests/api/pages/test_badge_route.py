"""GET /sites/<site>/badge.svg: content type, grade, caching headers and conditional requests."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import POLICY, make_report

from api.pages.badge import GRADE_COLORS, UNGRADED_COLOR

SVG = "{http://www.w3.org/2000/svg}"


def badge_value(body: bytes) -> tuple[str, str]:
    root = ET.fromstring(body)
    value = [node.text for node in root.iter(f"{SVG}text")][-1]
    fill = [rect.get("fill") for rect in root.iter(f"{SVG}rect") if rect.get("x")][0]
    return value, fill


@pytest.mark.parametrize("grade", ["A", "B", "C", "D", "E"])
def test_badge_for_graded_site(client, seed, grade: str) -> None:
    seed("birchwood.example", make_report(grade=grade))
    response = client.get("/sites/birchwood.example/badge.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert badge_value(response.data) == (grade, GRADE_COLORS[grade])
    assert response.headers["ETag"]
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"


def test_badge_for_subdomain_uses_the_site(client, seed) -> None:
    seed("birchwood.example", make_report(grade="B"))
    response = client.get("/sites/www.birchwood.example/badge.svg")
    assert badge_value(response.data) == ("B", GRADE_COLORS["B"])


@pytest.mark.parametrize("site", ["unknown.example", "co.uk", "%3Cscript%3E"])
def test_unknown_site_gets_grey_not_graded_badge(client, site: str) -> None:
    response = client.get(f"/sites/{site}/badge.svg")
    assert response.status_code == 200
    assert badge_value(response.data) == ("not graded", UNGRADED_COLOR)
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_if_none_match_gives_304_until_the_grade_changes(client, seed) -> None:
    seed("birchwood.example", make_report(grade="C"))
    first = client.get("/sites/birchwood.example/badge.svg")
    etag = first.headers["ETag"]
    again = client.get("/sites/birchwood.example/badge.svg", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    seed("birchwood.example", make_report(POLICY + "Changed.", grade="E"), epoch=2.0)
    changed = client.get("/sites/birchwood.example/badge.svg", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert badge_value(changed.data) == ("E", GRADE_COLORS["E"])
    assert changed.headers["ETag"] != etag
