"""The client's address, believing X-Forwarded-For only from the proxies in TRUSTED_PROXIES."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The address of whoever sent the request.

    REMOTE_ADDR, unless it is a trusted proxy: then X-Forwarded-For is read from the right
    (the hop nearest to us) and the first address that is not itself a trusted proxy is the
    client's. Addresses a client wrote into the header are to the left of it and never reached.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # garbage: stop at the last address a trusted proxy vouched for
        if not _trusted(hop, networks):
            return hop
        remote = hop
    return remote


def source_of(address: str) -> str:
    """The source an address is throttled as: an IPv4 address itself, an IPv6 address by its
    /64 (what one line or one machine is given: its 2^64 addresses are one source), an
    IPv4-mapped IPv6 address as the IPv4 address. Anything else is kept as it is."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)
