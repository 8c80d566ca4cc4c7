"""Encryption in transit: plain HTTP is redirected to HTTPS, and HTTPS responses carry HSTS.

This module is in every variant, with or without the headers control. It trusts the scheme only as
``ProxyFix`` established it (``TRUSTED_PROXY_HOPS``): behind a proxy that terminates TLS, the
proxy's ``X-Forwarded-Proto`` counts; without one, a client's own ``X-Forwarded-Proto: https``
changes nothing. (Flask-Talisman's redirect and HSTS trust that header from anyone, so the
headers control leaves both to this module.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, redirect, request
from werkzeug.wrappers import Response as BaseResponse  # what flask.redirect is typed to return

from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Strict-Transport-Security on HTTPS responses while FORCE_HTTPS is on (checklist 8).
    "HSTS_MAX_AGE": 31536000 * 2,  # two years
    "HSTS_INCLUDE_SUBDOMAINS": True,
    "HSTS_PRELOAD": False,  # opt in once every subdomain serves HTTPS
}
# --8<-- [end:defaults]

ONE_YEAR = 31536000
SAFE_METHODS = frozenset({"GET", "HEAD"})


def hsts_value(config: Any) -> str:
    """The Strict-Transport-Security header the settings describe."""
    value = f"max-age={int(config['HSTS_MAX_AGE'])}"
    if config["HSTS_INCLUDE_SUBDOMAINS"]:
        value += "; includeSubDomains"
    if config["HSTS_PRELOAD"]:
        value += "; preload"
    return value


def _redirect_to_https() -> BaseResponse | None:
    if request.is_secure:
        return None
    # 301 for reads; 308 keeps the method and body of a form post or API call.
    code = 301 if request.method in SAFE_METHODS else 308
    # request.url checks the Host against TRUSTED_HOSTS first: no redirect to a forged host.
    return redirect(request.url.replace("http://", "https://", 1), code=code)


def _add_hsts(value: str) -> Callable[[Response], Response]:
    def add(response: Response) -> Response:
        if request.is_secure:  # browsers ignore HSTS received over plain HTTP (RFC 6797)
            response.headers.setdefault("Strict-Transport-Security", value)
        return response

    return add


# --8<-- [start:checks]
def transport_checks(app: Flask) -> Iterable[Finding]:
    """HSTS long enough and covering subdomains (checklist 8; FORCE_HTTPS is SFA-C008)."""
    c = app.config
    if int(c["HSTS_MAX_AGE"]) < ONE_YEAR or not c["HSTS_INCLUDE_SUBDOMAINS"]:
        yield Finding(
            "SFA-H001",
            "error",
            "HSTS is shorter than a year or omits subdomains.",
            "Set HSTS_MAX_AGE >= 31536000 and HSTS_INCLUDE_SUBDOMAINS.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """With ``FORCE_HTTPS``, redirect plain HTTP to HTTPS and add HSTS to HTTPS responses."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    if app.config["FORCE_HTTPS"]:
        app.before_request(_redirect_to_https)
        if int(app.config["HSTS_MAX_AGE"]) > 0:
            app.after_request(_add_hsts(hsts_value(app.config)))
    checks.register(app, transport_checks)
