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

from collections.abc import Iterable

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import checks
from .checks import Finding

ORDER = 0  # before anything reads request.remote_addr

#: More trusted hops than this is unusual (CDN, load balancer, ingress); too many lets a client
#: choose its own address by prepending to X-Forwarded-For.
USUAL_MAX_HOPS = 3


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
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
    checks.register(app, proxy_checks)
