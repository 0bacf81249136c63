"""api.verify.guard: which addresses the verification fetch may reach (pure logic, no connections)."""

from __future__ import annotations

import ipaddress

import pytest

from api.verify.guard import FetchBlocked, Guard, parse_host_map, refusal


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.255.255.254",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "224.0.0.1",
        "239.255.255.250",  # multicast
        "240.0.0.1",
        "255.255.255.255",  # reserved, broadcast
        "198.18.0.1",
        "192.0.0.8",
        "192.0.2.1",  # benchmarking, IETF, documentation
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",  # IPv4-mapped
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2001:db8::1",  # documentation
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "64:ff9b::5db8:d70e"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


def test_literal_addresses_are_judged_without_resolving() -> None:
    guard = Guard({})
    with pytest.raises(FetchBlocked, match="loopback"):
        guard.target("127.0.0.1", 80)
    assert guard.target("1.1.1.1", 443).address == "1.1.1.1"


def test_the_host_map_wins_even_for_private_addresses() -> None:
    guard = Guard(parse_host_map("www.shop-test.com=127.0.0.1:8765, docs.test=[::1]:9000"))
    assert (guard.target("www.shop-test.com", 443).address, guard.target("www.shop-test.com", 443).port) == (
        "127.0.0.1",
        8765,
    )
    assert guard.target("docs.test", 80).address == "::1"
    with pytest.raises(FetchBlocked):
        guard.target("127.0.0.1", 8765)  # only the mapped names, not their addresses


def test_allow_private_lets_loopback_through() -> None:
    assert Guard({}, allow_private=True).target("127.0.0.1", 80).address == "127.0.0.1"


def test_localhost_resolves_to_loopback_and_is_refused() -> None:
    with pytest.raises(FetchBlocked, match="loopback"):
        Guard({}).target("localhost", 80)


@pytest.mark.parametrize("raw", ["nohost", "a=b", "a=127.0.0.1", "a=127.0.0.1:x", "a=not-an-ip:80"])
def test_a_malformed_host_map_is_an_error(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_host_map(raw)


def test_settings_have_exactly_the_documented_names() -> None:
    guard = Guard.from_config({"FETCH_HOST_MAP": "a.test=127.0.0.1:1", "FETCH_ALLOW_PRIVATE": True})
    assert guard.host_map == {"a.test": ("127.0.0.1", 1)} and guard.allow_private is True
    assert Guard.from_config({}).allow_private is False
