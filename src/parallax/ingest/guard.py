"""Which addresses a user-given URL may reach (the SSRF guard), separate from fetching.

An address is fetched only when it is globally reachable. ``ipaddress``'s ``is_global`` already
refuses loopback, RFC 1918, link-local (cloud metadata 169.254.169.254), carrier-grade NAT
100.64.0.0/10 (metadata 100.100.100.200 on some clouds), 192.0.0.0/24, documentation and
benchmark ranges, ULA and Teredo; on top of it we refuse multicast and the ranges some Python
versions count as global (192.0.0.9/.10, 2002::/16's own /16, 64:ff9b:1::/48), and unwrap IPv6
forms that carry an IPv4 address inside (IPv4-mapped ``::ffff:a.b.c.d``, IPv4-translated
``::ffff:0:a.b.c.d``, IPv4-compatible ``::a.b.c.d``, 6to4 ``2002:AABB:CCDD::``, NAT64
``64:ff9b::a.b.c.d``), so ``2002:7f00:1::`` is judged as 127.0.0.1.

``allow_private_addresses`` lists what may be reached anyway, entry by entry (decision: a list,
not a switch, so trusting one intranet host never opens 127.0.0.1 or the metadata address):

- a network or address (``"10.20.0.0/16"``, ``"10.20.0.7"``, ``"fd00::/8"``) allows every address
  in it, whatever its kind;
- a host name (``"wiki.corp.example"``, or ``"*.corp.example"`` for its subdomains) allows that
  host's private and carrier-grade NAT addresses, but not loopback, link-local, unspecified or
  multicast ones: those need their network listed explicitly.

Every hop (first request and each redirect) is judged on its own host, so a trusted host that
redirects to 127.0.0.1 is refused at that hop.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# refused even where a Python version's is_global says otherwise
_ALWAYS_REFUSED: tuple[tuple[IPNetwork, str], ...] = tuple(
    (ipaddress.ip_network(net), label) for net, label in (
        ("0.0.0.0/8", "unspecified"), ("100.64.0.0/10", "carrier-grade NAT"),
        ("192.0.0.0/24", "IETF protocol assignments"), ("198.18.0.0/15", "benchmarking"),
        ("240.0.0.0/4", "reserved"), ("64:ff9b:1::/48", "local NAT64"),
        ("2001::/23", "IETF protocol assignments (Teredo and others)"),
        ("2002::/16", "6to4 without a public IPv4 inside"), ("fc00::/7", "unique local"),
        ("fec0::/10", "site-local"),
    ))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
_COMPATIBLE = ipaddress.ip_network("::/96")
_HOST_ALLOWABLE = {"private", "carrier-grade NAT", "unique local", "site-local"}


def embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, str] | None:
    """The IPv4 address an IPv6 form carries, and the form's name."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped, "IPv4-mapped"
    if address.sixtofour is not None:
        return address.sixtofour, "6to4"
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64:
        return low, "NAT64"
    if address in _TRANSLATED:
        return low, "IPv4-translated"
    if address in _COMPATIBLE and int(address) > 1:
        return low, "IPv4-compatible"
    return None


def kind_of(address: IPAddress) -> str | None:
    """What makes an address internal ("loopback", "link-local (cloud metadata)", ...), or None
    when it is public."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None:
            kind = kind_of(inner[0])
            return f"{kind} {inner[0]} inside {inner[1]}" if kind else None
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local (cloud metadata)"
    if address.is_multicast:
        return "multicast"
    for network, label in _ALWAYS_REFUSED:
        if address.version == network.version and address in network:
            return label
    if address.is_private:
        return "private"
    if address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "special-purpose"
    return None


@dataclass(slots=True)
class Allowed:
    """The parsed ``allow_private_addresses`` list."""

    networks: list[IPNetwork] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    suffixes: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, entries: Iterable[object]) -> Allowed:
        """Raise ValueError naming the entry that is neither a network nor a host name."""
        allowed = cls()
        for entry in entries:
            text = str(entry).strip().lower().rstrip(".")
            try:
                allowed.networks.append(ipaddress.ip_network(text, strict=False))
                continue
            except ValueError:
                pass
            name = text.removeprefix("*.")
            if not name or not all(part and len(part) < 64 and all(
                    c.isalnum() or c == "-" for c in part) for part in name.split(".")):
                raise ValueError(f"allow_private_addresses entry {entry!r} is neither an "
                                 "address, a network (10.0.0.0/8) nor a host name")
            if text.startswith("*."):
                allowed.suffixes.append("." + name)
            else:
                allowed.hosts.add(name)
        return allowed

    def permits(self, host: str, address: IPAddress, kind: str) -> bool:
        if any(address.version == n.version and address in n for n in self.networks):
            return True
        host = host.lower().rstrip(".")
        named = host in self.hosts or any(host.endswith(s) for s in self.suffixes)
        return named and kind in _HOST_ALLOWABLE


def refusal(host: str, addresses: Iterable[IPAddress], allowed: Allowed) -> str | None:
    """Why ``host`` must not be fetched (the first internal address it resolves to that the
    allow-list does not cover), or None."""
    for address in addresses:
        kind = kind_of(address)
        if kind is not None and not allowed.permits(host, address, kind):
            return f"{host} resolves to {kind} address {address}"
    return None
