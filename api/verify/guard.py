"""The SSRF guard (OWASP API7): which addresses the verification fetch may connect to, resolved once.

A host name is resolved here, once, and the fetch connects to the address this returns: a DNS answer
that changes between the check and the connection (DNS rebinding) cannot move the fetch. Every
redirect hop comes through here again.

Refused, IPv4 and IPv6 alike: loopback, private (RFC 1918, unique-local fc00::/7), link-local
(169.254/16 incl. cloud metadata, fe80::/10), multicast, reserved and unspecified ranges, carrier-grade
NAT (100.64/10), and IPv4 hidden inside IPv6 (::ffff:127.0.0.1, 6to4, NAT64) judged by the IPv4 inside.
Browsers' spellings of IPv4 (``127.1``, ``0x7f000001``) are canonicalised by api.urls before this.

Two settings, for tests and local use only:

    FETCH_HOST_MAP="www.shop-test.com=127.0.0.1:8765,docs.test=[::1]:9000"   connect these host
        names to these addresses (allowed even when private: the operator chose them)
    FETCH_ALLOW_PRIVATE=1   allow private and loopback addresses for every host (off by default)
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Ranges refused on top of what ``ipaddress`` flags (is_private covers RFC 1918, fc00::/7 and more).
EXTRA_BLOCKED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "100.64.0.0/10",  # carrier-grade NAT (RFC 6598): not public, not flagged private by Python
        "192.0.0.0/24",  # IETF protocol assignments
        "198.18.0.0/15",  # benchmarking (RFC 2544)
        "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215)
    )
)


class FetchBlocked(Exception):
    """The guard refused a url or address (the message says why; shown as the check's error)."""


@dataclass(frozen=True)
class Target:
    """Where to connect for one hop: the checked address, and whether the host map chose it."""

    address: str
    port: int
    mapped: bool = False


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64 well-known prefix), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress) -> str | None:
    """Why ``ip`` may not be fetched from, or None when it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return refusal(inner)
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (ip.is_private, "private"),
        (any(ip in net for net in EXTRA_BLOCKED if net.version == ip.version), "reserved"),
        (not ip.is_global, "not a public address"),
    )
    for hit, why in checks:
        if hit:
            return f"{ip} is a {why} address" if why != "not a public address" else f"{ip} is {why}"
    return None


def parse_host_map(raw: str | None) -> dict[str, tuple[str, int]]:
    """``FETCH_HOST_MAP`` -> {host: (address, port)}; a malformed entry is an error at start, not a guess."""
    mapping: dict[str, tuple[str, int]] = {}
    for item in (raw or "").split(","):
        item = item.strip()
        if not item:
            continue
        host, sep, target = item.partition("=")
        address, colon, port = target.strip().rpartition(":")
        if not sep or not colon or not port.isdigit():
            raise ValueError(f"FETCH_HOST_MAP entry {item!r} is not host=address:port")
        address = address.strip("[]")
        ipaddress.ip_address(address)  # ValueError for anything that is not an IP address
        mapping[host.strip().lower().rstrip(".")] = (address, int(port))
    return mapping


@dataclass(frozen=True)
class Guard:
    """The fetch policy: the host map and whether private addresses are allowed."""

    host_map: Mapping[str, tuple[str, int]]
    allow_private: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Guard:
        """FETCH_HOST_MAP and FETCH_ALLOW_PRIVATE from the service settings (api.config: env names)."""
        return cls(parse_host_map(config.get("FETCH_HOST_MAP")), bool(config.get("FETCH_ALLOW_PRIVATE")))

    def target(self, host: str, port: int) -> Target:
        """Resolve ``host`` once and return the one address to connect to; FetchBlocked if refused."""
        if host in self.host_map:
            address, mapped_port = self.host_map[host]
            return Target(address, mapped_port, mapped=True)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        candidates = [literal] if literal is not None else self._resolve(host, port)
        reasons = []
        for ip in candidates:
            why = None if self.allow_private else refusal(ip)
            if why is None:
                return Target(str(ip), port)
            reasons.append(why)
        raise FetchBlocked(f"{host}: {reasons[0]}" if reasons else f"{host} has no address")

    @staticmethod
    def _resolve(host: str, port: int) -> list[IPAddress]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise FetchBlocked(f"{host} does not resolve ({error})") from None
        seen: list[IPAddress] = []
        for _family, _type, _proto, _name, sockaddr in infos:
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
            if ip not in seen:
                seen.append(ip)
        return seen
