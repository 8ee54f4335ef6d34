"""Which address to put in the QR code: the machine's LAN address, found without sending any traffic."""

from __future__ import annotations

import ipaddress

import ifaddr

LOOPBACK = "127.0.0.1"


def candidate_addresses() -> list[str]:
    """Private IPv4 addresses of this machine's interfaces, best first (Wi-Fi/hotspot ranges before others)."""
    found: list[ipaddress.IPv4Address] = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue  # IPv6 entries are tuples
            try:
                addr = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            if addr.is_private and not addr.is_loopback and not addr.is_link_local:
                found.append(addr)

    return [str(a) for a in sorted(set(found), key=_rank)]


_HOTSPOTS = [ipaddress.IPv4Network(n) for n in ("192.168.0.0/16", "172.20.10.0/24")]
_LANS = [ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12")]
_BRIDGES = [ipaddress.IPv4Network("172.17.0.0/16")]


def _rank(addr: ipaddress.IPv4Address) -> tuple[int, int]:
    """192.168/16 and 172.20.10/24 (phone hotspots) are the usual meeting-room networks; then the other
    RFC 1918 ranges; container bridges after those; last, other "private" ranges Python knows (documentation
    and benchmark networks, carrier-grade NAT), which a phone in the room is unlikely to reach."""
    if any(addr in net for net in _HOTSPOTS):
        return (0, int(addr))
    if any(addr in net for net in _BRIDGES):
        return (2, int(addr))
    if any(addr in net for net in _LANS):
        return (1, int(addr))
    return (3, int(addr))


def lan_address() -> str:
    """The best LAN address for phones to reach, or 127.0.0.1 when there is none."""
    candidates = candidate_addresses()
    return candidates[0] if candidates else LOOPBACK


def is_ip_literal(host: str) -> bool:
    """Whether ``host`` is an IPv4 or IPv6 address (not a name)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
