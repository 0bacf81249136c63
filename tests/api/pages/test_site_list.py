"""GET /sites: table of graded sites with search, sorting and pagination (links only, no JS)."""

from __future__ import annotations

import re

import pytest
from conftest import POLICY, make_report

from api.pages import views


def rows(page: str) -> list[tuple[str, str, str]]:
    """(site, grade, score) of each table row."""
    body = page[page.index("<tbody>") : page.index("</tbody>")].replace("<wbr>", "")
    return re.findall(
        r'<th scope="row"><a href="/sites/[^"]+">([^<]+)</a></th>\s*'
        r'<td><span class="pill grade-\w+">([^<]+)</span></td>\s*<td>([^<]+)</td>',
        body,
    )


@pytest.fixture
def three_sites(seed) -> None:
    # (site, grade, score, updated epoch): updated order differs from grade and score order.
    for site, grade, score, epoch in [
        ("alpha.example", "C", 60, 3.0),
        ("bravo.example", "A", 91, 1.0),
        ("charlie.example", "E", 12, 2.0),
    ]:
        text = POLICY + site
        seed(site, make_report(text, grade=grade, score=score), epoch=epoch)


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("updated", ["alpha.example", "charlie.example", "bravo.example"]),
        ("grade", ["bravo.example", "alpha.example", "charlie.example"]),
        ("score", ["bravo.example", "alpha.example", "charlie.example"]),
        ("site", ["alpha.example", "bravo.example", "charlie.example"]),
        ("nonsense", ["alpha.example", "charlie.example", "bravo.example"]),  # falls back to updated
    ],
)
def test_sorting(client, three_sites, sort: str, order: list[str]) -> None:
    response = client.get("/sites", query_string={"sort": sort})
    assert response.status_code == 200
    assert [row[0] for row in rows(response.data.decode())] == order


def test_row_content_and_sort_links(client, three_sites) -> None:
    page = client.get("/sites?sort=grade").data.decode()
    assert ("bravo.example", "A", "91") in rows(page)
    assert 'aria-sort="ascending"' in page
    for key in ("grade", "score", "updated", "site"):
        assert f'href="/sites?sort={key}"' in page
    assert "3 sites; showing 1–3, sorted by grade." in page


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("alpha", ["alpha.example"]),
        ("ALPHA", ["alpha.example"]),
        ("https://www.charlie.example/privacy", ["charlie.example"]),  # a pasted URL works too
        ("www.", ["alpha.example", "charlie.example", "bravo.example"]),  # "www." alone: every site
        # Names match from their start (a lexicographic index, so a page costs the same at any size).
        (".example", []),
        ("zulu", []),
    ],
)
def test_search(client, three_sites, query: str, found: list[str]) -> None:
    page = client.get("/sites", query_string={"q": query}).data.decode()
    if found:
        assert [row[0] for row in rows(page)] == found
    else:
        assert "No graded site matches" in page and "<tbody>" not in page


def test_search_keeps_sort_and_query_in_links(client, three_sites) -> None:
    page = client.get("/sites", query_string={"q": "alpha", "sort": "score"}).data.decode()
    assert 'href="/sites?q=alpha&amp;sort=grade"' in page
    assert '<input type="hidden" name="sort" value="score">' in page


def test_empty_list(client) -> None:
    page = client.get("/sites").data.decode()
    assert "No site has been graded yet." in page


def test_pagination(client, seed, monkeypatch) -> None:
    monkeypatch.setattr(views, "SITES_PER_PAGE", 2)
    for index in range(5):
        seed(f"site{index}.example", make_report(POLICY + str(index)), epoch=float(index))
    first = client.get("/sites").data.decode()
    assert [row[0] for row in rows(first)] == ["site4.example", "site3.example"]
    assert "Page 1 of 3" in first and 'rel="next" href="/sites?sort=updated&amp;page=2"' in first
    assert 'rel="prev"' not in first
    last = client.get("/sites?page=3").data.decode()
    assert [row[0] for row in rows(last)] == ["site0.example"]
    assert 'rel="prev" href="/sites?sort=updated&amp;page=2"' in last and 'rel="next"' not in last
    # Past the end or junk page numbers: the last page / the first page, not an error.
    assert [row[0] for row in rows(client.get("/sites?page=99").data.decode())] == ["site0.example"]
    assert [row[0] for row in rows(client.get("/sites?page=abc").data.decode())][0] == "site4.example"
    assert client.get("/sites?page=-3").status_code == 200
