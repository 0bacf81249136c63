"""api.memo.BytesLRU: size-bounded, least recently used evicted first."""

from __future__ import annotations

from api.memo import BytesLRU


def test_get_returns_what_was_put() -> None:
    memo = BytesLRU(1000)
    memo.put("a", b"12345")
    assert memo.get("a") == b"12345"
    assert memo.get("b") is None


def test_least_recently_used_is_evicted_first() -> None:
    memo = BytesLRU(400)
    for key in "abcd":
        memo.put(key, b"x" * 100)
    memo.get("a")  # now b is the oldest
    memo.put("e", b"x" * 100)
    assert memo.get("b") is None
    assert [memo.get(k) is not None for k in "acde"] == [True, True, True, True]
    assert memo.size <= 400


def test_replacing_a_key_keeps_the_size_right() -> None:
    memo = BytesLRU(1000)
    memo.put("a", b"x" * 100)
    memo.put("a", b"y" * 50)
    assert (memo.size, len(memo), memo.get("a")) == (50, 1, b"y" * 50)


def test_values_over_a_quarter_of_the_budget_are_not_kept() -> None:
    memo = BytesLRU(1000)
    memo.put("big", b"x" * 251)
    memo.put("fits", b"x" * 250)
    assert (memo.get("big"), memo.get("fits")) == (None, b"x" * 250)


def test_zero_budget_turns_it_off() -> None:
    memo = BytesLRU(0)
    memo.put("a", b"")
    assert memo.get("a") is None
