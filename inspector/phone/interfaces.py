"""The laptop's network interfaces, read from the operating system's interface list.

The phone page must be served on one chosen interface (the branch Wi-Fi, or a phone
hotspot the laptop joined), never on every interface at once. The addresses come from
the interface table (``psutil.net_if_addrs``); nothing is sent on the network to find
them, so listing works offline and leaves no trace on the LAN.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass

import psutil

from inspector.errors import ValidationError
from inspector.text import phone as T
from inspector.text.parts import CliOnly

log = logging.getLogger(__name__)

BIND = CliOnly("--bind ")  # the option named in the terminal only


@dataclass(frozen=True, slots=True)
class Interface:
    """One IPv4 address of one network interface that is up."""

    name: str
    address: str

    @property
    def loopback(self) -> bool:
        return ipaddress.IPv4Address(self.address).is_loopback

    @property
    def private(self) -> bool:
        """A LAN address (192.168/16, 10/8, 172.16/12): what a branch Wi-Fi or hotspot gives."""
        ip = ipaddress.IPv4Address(self.address)
        return ip.is_private and not ip.is_loopback and not ip.is_link_local

    def label(self) -> str:
        return f"{self.address} ({self.name})"


def list_interfaces() -> list[Interface]:
    """IPv4 addresses of the interfaces that are up: LAN ones first, loopback last."""
    try:
        addrs = psutil.net_if_addrs()
        stats = psutil.net_if_stats()
    except OSError as e:  # pragma: no cover - the OS refused to list its interfaces
        log.warning("cannot list network interfaces: %s", e)
        return []
    out: list[Interface] = []
    for name, entries in addrs.items():
        st = stats.get(name)
        if st is not None and not st.isup:
            continue
        for a in entries:
            if a.family == socket.AF_INET and a.address:
                out.append(Interface(name=name, address=a.address))

    def rank(i: Interface) -> tuple[int, str, str]:
        if i.loopback:
            return (3, i.name, i.address)
        if i.private and not is_virtual(i.name):
            return (0, i.name, i.address)
        return (1 if i.private else 2, i.name, i.address)

    return sorted(set(out), key=rank)


#: Name parts of virtual adapters (containers, VMs, VPNs): listed after Wi-Fi and Ethernet,
#: since a phone can never reach the laptop through them.
_VIRTUAL = (
    "docker",
    "veth",
    "br-",
    "virbr",
    "vmnet",
    "vbox",
    "virtualbox",
    "vmware",
    "vethernet",
    "hyper-v",
    "wsl",
    "tun",
    "tap",
    "utun",
    "wg",
    "tailscale",
    "zt",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "flannel",
)


def is_virtual(name: str) -> bool:
    low = name.lower()
    return any(low.startswith(v) or f"({v}" in low or f" {v}" in low for v in _VIRTUAL)


def resolve_bind(bind: str | None, interfaces: list[Interface] | None = None) -> str:
    """The IPv4 address to listen on for ``--bind`` (an address or an interface name).

    Without ``bind``: the first LAN address. A wildcard (0.0.0.0) is refused: the page
    would then be reachable from every network the laptop is on.
    """
    found = list_interfaces() if interfaces is None else interfaces
    known: object = ", ".join(i.label() for i in found) or T.NO_INTERFACES
    if bind is None or not bind.strip():
        lan = [i for i in found if not i.loopback]
        if not lan:
            raise ValidationError(T.NO_INTERFACE, known=known)
        return lan[0].address
    text = bind.strip()
    by_name = [i for i in found if i.name == text]
    if by_name:
        return by_name[0].address
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        raise ValidationError(T.BIND_UNKNOWN, option=BIND, text=repr(text), known=known) from None
    if ip.version != 4:
        raise ValidationError(T.BIND_V6, option=BIND, text=text)
    if ip.is_unspecified:
        raise ValidationError(T.BIND_ALL, option=BIND, text=text, known=known)
    if ip.is_loopback:
        return text  # this machine only (tests, or a browser on the laptop itself)
    if text not in {i.address for i in found}:
        raise ValidationError(T.BIND_NOT_HERE, option=BIND, text=text, known=known)
    return text
