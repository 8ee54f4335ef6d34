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

    def rank(addr: ipaddress.IPv4Address) -> tuple[int, int]:
        # 192.168/16 and 172.20.10/24 (phone hotspots) are the usual meeting-room networks; 10/8 and 172.16/12
        # are more often VPN, container or virtual-machine bridges.
        hotspot = addr in ipaddress.IPv4Network("192.168.0.0/16") or addr in ipaddress.IPv4Network(
            "172.20.10.0/24"
        )
        bridge = addr in ipaddress.IPv4Network("172.17.0.0/16")
        return (0 if hotspot else 2 if bridge else 1, int(addr))

    return [str(a) for a in sorted(set(found), key=rank)]


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
