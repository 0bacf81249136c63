"""api.site_index: member scores that order the sorted sets, name-prefix bounds, search terms."""

from __future__ import annotations

import pytest

from api import site_index


def test_grade_order_is_a_to_e_then_higher_score_then_ungraded() -> None:
    values = [
        site_index.grade_value(g, s) for g, s in [("A", 95), ("A", 86), ("B", 84), ("E", 0), (None, None)]
    ]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert site_index.grade_value("Z", 50) == site_index.UNGRADED_GRADE_VALUE


def test_score_order_is_highest_first_then_ungraded() -> None:
    values = [site_index.score_value(s) for s in (100, 55, 0, None)]
    assert values == sorted(values)


@pytest.mark.parametrize(
    ("raw", "term"),
    [
        ("  Example.COM ", "example.com"),
        ("https://www.shop.example/p?q=1", "shop.example"),
        ("www.", ""),
        ("", ""),
    ],
)
def test_search_terms(raw: str, term: str) -> None:
    assert site_index.search_prefix(raw) == term


def test_prefix_bounds_cover_exactly_the_names_that_start_with_it() -> None:
    low, high = site_index.prefix_range("ab")
    inside = [b"ab", b"ab.example", b"abz-9.example"]
    outside = [b"aa.example", b"a", b"ac.example", b"b"]
    assert all(low[1:] <= name < high[1:] for name in inside)
    assert not any(low[1:] <= name < high[1:] for name in outside)
