"""Client IP behind reverse proxies: trust exactly ``TRUSTED_PROXY_HOPS`` hops, no more.

With 0 hops (the default) ``X-Forwarded-*`` headers are ignored, so a client cannot choose the
address that the IP filter, the rate limiter and the logs see. With N hops, werkzeug's
``ProxyFix`` takes the Nth address from the right of ``X-Forwarded-For``: the one the
outermost trusted proxy saw, which a client cannot forge.

TLS terminated at the proxy: the proxy must set ``X-Forwarded-Proto`` (and overwrite any value
the client sent); with the hop count right, ``request.is_secure`` then tells the truth, so the
HTTPS redirect, HSTS and ``Secure`` cookies work behind it (see ``transport.py``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import checks
from .checks import Finding

#: More trusted hops than this is unusual (CDN, load balancer, ingress); too many lets a client
#: choose its own address by prepending to X-Forwarded-For.
USUAL_MAX_HOPS = 3


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
IPV6_NETWORK = 64  # one subscriber's share of IPv6: limit and block the network, not the address


def client_ip() -> Address | None:
    """The client's address after ProxyFix; IPv4-mapped IPv6 is unwrapped."""
    try:
        address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def network_of(address: Address) -> str:
    """One client, as the limiter counts it and a block covers it: the IPv4 address, or the IPv6
    /64 network."""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_NETWORK}", strict=False))
    return str(address)


def proxy_checks(app: Flask) -> Iterable[Finding]:
    """An implausible number of trusted proxies (checklist 32)."""
    if int(app.config["TRUSTED_PROXY_HOPS"]) > USUAL_MAX_HOPS:
        yield Finding(
            "SFA-C014",
            "warning",
            f"TRUSTED_PROXY_HOPS is above {USUAL_MAX_HOPS}: if it exceeds the real number of proxies, "
            "clients choose the address that the logs, the limiter and the IP filter see.",
            "Set FLASK_TRUSTED_PROXY_HOPS to the exact number of proxies that set X-Forwarded-For.",
        )


def init_app(app: Flask) -> None:
    """Wrap the WSGI app in ``ProxyFix`` when proxies are trusted."""
    hops = int(app.config["TRUSTED_PROXY_HOPS"])
    if hops < 0:
        raise ValueError("TRUSTED_PROXY_HOPS must be 0 or a positive number of proxies.")
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to add middleware
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
    checks.register(app, proxy_checks)
