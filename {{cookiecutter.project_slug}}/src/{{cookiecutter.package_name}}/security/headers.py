"""Security headers: Flask-Talisman with a strict nonce-based CSP, plus COOP and CORP.

Talisman 1.1 cannot emit Cross-Origin-Opener-Policy or Cross-Origin-Resource-Policy, so an
``after_request`` hook adds them. Talisman only adds the nonce to directives written out in the
policy, so ``script-src`` and ``style-src`` are always spelled out below. The HTTPS redirect and
HSTS belong to ``transport.py`` (present in every variant), because Talisman would trust a
client's own ``X-Forwarded-Proto`` header.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, Response
from flask_talisman import Talisman

from . import checks
from .checks import Finding

ORDER = 20

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "CONTENT_SECURITY_POLICY": {
        "default-src": "'self'",
        "script-src": "'self'",  # + the per-request nonce
        "style-src": "'self'",  # + the per-request nonce
        "img-src": "'self'",
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'none'",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
    },
    "CONTENT_SECURITY_POLICY_NONCE_IN": ["script-src", "style-src"],
    "CONTENT_TYPE_NOSNIFF": True,  # X-Content-Type-Options: nosniff
    "REFERRER_POLICY": "strict-origin-when-cross-origin",
    "PERMISSIONS_POLICY": {"camera": "()", "microphone": "()", "geolocation": "()", "payment": "()"},
    "CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "CROSS_ORIGIN_RESOURCE_POLICY": "same-origin",
}
# --8<-- [end:defaults]

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "data:", "https:", "http:", "*")

talisman = Talisman()


def _cross_origin_headers(app: Flask) -> Any:
    coop = app.config["CROSS_ORIGIN_OPENER_POLICY"]
    corp = app.config["CROSS_ORIGIN_RESOURCE_POLICY"]

    def add(response: Response) -> Response:
        response.headers.setdefault("Cross-Origin-Opener-Policy", coop)
        response.headers.setdefault("Cross-Origin-Resource-Policy", corp)
        return response

    return add


# --8<-- [start:checks]
def header_checks(app: Flask) -> Iterable[Finding]:
    """CSP quality, nosniff, Referrer-Policy, COOP/CORP (checklist 6-10; HSTS is in transport)."""
    c = app.config
    policy = c["CONTENT_SECURITY_POLICY"]
    script = f"{policy.get('script-src', '')} {policy.get('default-src', '')}".split()
    if not script or any(source in UNSAFE_SOURCES for source in script):
        yield Finding(
            "SFA-H002",
            "error",
            "script-src allows inline, eval, data: or any host (or is missing with default-src).",
            "Use nonces: remove 'unsafe-inline', 'unsafe-eval', data:, https: and *.",
        )
    required = {"object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'"}
    for directive, value in required.items():
        if policy.get(directive) != value:
            yield Finding(
                "SFA-H003",
                "error",
                f"CSP {directive} is not {value}.",
                f"Set CONTENT_SECURITY_POLICY['{directive}'] = \"{value}\".",
            )
    if c["REFERRER_POLICY"] not in ("strict-origin-when-cross-origin", "same-origin", "strict-origin"):
        yield Finding(
            "SFA-H004",
            "warning",
            "Referrer-Policy leaks URLs or breaks CSRF checks.",
            "Use strict-origin-when-cross-origin.",
        )
    if c["CROSS_ORIGIN_OPENER_POLICY"] != "same-origin" or c["CROSS_ORIGIN_RESOURCE_POLICY"] not in (
        "same-origin",
        "same-site",
    ):
        yield Finding(
            "SFA-H005",
            "warning",
            "COOP or CORP is relaxed.",
            "Use same-origin for both unless you embed cross-origin.",
        )
    if not c["CONTENT_TYPE_NOSNIFF"]:
        yield Finding(
            "SFA-H006",
            "error",
            "X-Content-Type-Options: nosniff is off: browsers may run uploads as scripts.",
            "Set CONTENT_TYPE_NOSNIFF to true.",
        )
    if policy.get("default-src") not in ("'self'", "'none'"):
        yield Finding(
            "SFA-H007",
            "error",
            "CSP default-src is missing or wider than 'self'.",
            "Set CONTENT_SECURITY_POLICY['default-src'] = \"'self'\" and list other sources per directive.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Bind Talisman with the configured policy and add COOP/CORP to every response."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    c = app.config
    talisman.init_app(
        app,
        # transport.py redirects and sends HSTS, trusting only ProxyFix's view of the scheme.
        force_https=False,
        strict_transport_security=False,
        frame_options="DENY",
        x_content_type_options=c["CONTENT_TYPE_NOSNIFF"],
        content_security_policy=c["CONTENT_SECURITY_POLICY"],
        content_security_policy_nonce_in=c["CONTENT_SECURITY_POLICY_NONCE_IN"],
        referrer_policy=c["REFERRER_POLICY"],
        permissions_policy=c["PERMISSIONS_POLICY"],
        # Cookie flags are owned by config.py; do not let Talisman rewrite them.
        session_cookie_secure=c["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=c["SESSION_COOKIE_HTTPONLY"],
        session_cookie_samesite=c["SESSION_COOKIE_SAMESITE"],
    )
    app.extensions["talisman"] = talisman
    app.after_request(_cross_origin_headers(app))
    checks.register(app, header_checks)
