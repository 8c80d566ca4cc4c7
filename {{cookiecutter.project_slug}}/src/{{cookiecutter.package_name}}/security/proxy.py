"""Client IP behind reverse proxies: trust exactly ``TRUSTED_PROXY_HOPS`` hops, no more.

With 0 hops (the default) ``X-Forwarded-*`` headers are ignored, so a client cannot choose the
address that the IP filter, the rate limiter and the logs see. With N hops, werkzeug's
``ProxyFix`` takes the Nth address from the right of ``X-Forwarded-For``: the one the
outermost trusted proxy saw, which a client cannot forge.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

ORDER = 0  # before anything reads request.remote_addr


def init_app(app: Flask) -> None:
    """Wrap the WSGI app in ``ProxyFix`` when proxies are trusted."""
    hops = int(app.config["TRUSTED_PROXY_HOPS"])
    if hops < 0:
        raise ValueError("TRUSTED_PROXY_HOPS must be 0 or a positive number of proxies.")
    if hops:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )
