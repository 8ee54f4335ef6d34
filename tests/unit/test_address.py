"""The address shown in the QR code."""

from __future__ import annotations

import ipaddress
import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.server.address import LOOPBACK, candidate_addresses, is_ip_literal, lan_address

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("host", ["127.0.0.1", "192.168.1.20", "10.0.0.1", "::1", "[::1]", "fe80::1", "[2001:db8::1]"])
def test_ip_literals(host: str) -> None:
    assert is_ip_literal(host)


@pytest.mark.parametrize("host", ["", "localhost", "example.com", "192.168.1", "192.168.1.256", "1.2.3.4.5",
                                  "evil.192.168.1.1.nip.io", "[]", "::g"])
def test_names_are_not_ip_literals(host: str) -> None:
    assert not is_ip_literal(host)


def test_lan_address_is_an_ipv4_address() -> None:
    address = lan_address()
    assert isinstance(address, str)
    parsed = ipaddress.IPv4Address(address)
    assert address == LOOPBACK or (parsed.is_private and not parsed.is_loopback)
    assert address == (candidate_addresses() or [LOOPBACK])[0]


def test_candidates_are_private_ipv4_addresses() -> None:
    for address in candidate_addresses():
        parsed = ipaddress.IPv4Address(address)
        assert parsed.is_private and not parsed.is_loopback and not parsed.is_link_local


PROBE = """
import json, sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
from facilitator.server.address import lan_address
address = lan_address()
print(json.dumps({"address": address, "events": events}))
"""


def test_lan_address_sends_no_traffic() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=60)
    result = json.loads(done.stdout)
    ipaddress.IPv4Address(result["address"])
    assert result["events"] == []  # not even a socket was opened


def test_the_no_traffic_probe_sees_a_socket() -> None:
    code = PROBE.replace("address = lan_address()", "import socket; socket.socket().close(); address = '127.0.0.1'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=60)
    assert json.loads(done.stdout)["events"]


def test_meeting_room_networks_come_before_bridges_and_documentation_ranges() -> None:
    from ipaddress import IPv4Address

    from facilitator.server.address import _rank

    found = ["192.0.2.2", "172.17.0.1", "10.1.2.3", "192.168.43.10", "100.64.0.5"]
    ranked = sorted(found, key=lambda a: _rank(IPv4Address(a)))
    assert ranked == ["192.168.43.10", "10.1.2.3", "172.17.0.1", "100.64.0.5", "192.0.2.2"]
