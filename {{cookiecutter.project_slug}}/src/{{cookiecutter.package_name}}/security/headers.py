"""Security headers: Flask-Talisman with a strict nonce-based CSP, plus COOP, CORP and COEP.

Talisman 1.1 cannot emit the Cross-Origin-* headers, so they are added beside its own. Talisman
only adds the nonce to directives written out in the policy, so ``script-src`` and ``style-src``
are always spelled out below; ``default-src 'none'`` then denies every kind of load that no
directive names (frames, workers, media, manifests).

Each app gets its own ``Talisman`` object, configured through Talisman's public options only and
kept in ``app.extensions["talisman"]`` (its ``@talisman(...)`` decorator gives a view its own
options). Talisman rebuilds the headers from its settings on every request; an earlier version
precomputed them by overriding Talisman's private methods, which a Talisman release could break
without our pinned tests noticing, and one module-level instance let a second app overwrite the
first one's policy. The cost of Talisman's own path is measured in ``bench/micro.py``.

The HTTPS redirect and HSTS belong to ``transport.py`` (present in every variant), because
Talisman would trust a client's own ``X-Forwarded-Proto`` header.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response
from flask_talisman import Talisman

from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "CONTENT_SECURITY_POLICY": {
        "default-src": "'none'",
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
    # Cross-origin isolation: subresources from other origins load only if they opt in (CORP).
    "CROSS_ORIGIN_EMBEDDER_POLICY": "require-corp",
}
# --8<-- [end:defaults]

UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "data:", "https:", "http:", "*")


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
    if (
        c["CROSS_ORIGIN_OPENER_POLICY"] != "same-origin"
        or c["CROSS_ORIGIN_RESOURCE_POLICY"] not in ("same-origin", "same-site")
        or c["CROSS_ORIGIN_EMBEDDER_POLICY"] not in ("require-corp", "credentialless")
    ):
        yield Finding(
            "SFA-H005",
            "warning",
            "COOP, CORP or COEP is relaxed.",
            "Use same-origin (COOP, CORP) and require-corp (COEP) unless you embed cross-origin.",
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


def cross_origin_headers(headers: list[tuple[str, str]]) -> Callable[[Response], Response]:
    """An ``after_request`` hook adding COOP, CORP and COEP where a view did not set its own."""

    def add(response: Response) -> Response:
        present = {name.lower() for name in response.headers.keys()}  # noqa: SIM118 (Headers iterates pairs)
        for name, value in headers:
            if name.lower() not in present:
                response.headers.add(name, value)
        return response

    return add


def init_app(app: Flask) -> None:
    """Bind this app's own Talisman with the configured policy; add COOP, CORP and COEP."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    c = app.config
    talisman = Talisman(
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
    app.after_request(
        cross_origin_headers(
            [
                ("Cross-Origin-Opener-Policy", c["CROSS_ORIGIN_OPENER_POLICY"]),
                ("Cross-Origin-Resource-Policy", c["CROSS_ORIGIN_RESOURCE_POLICY"]),
                ("Cross-Origin-Embedder-Policy", c["CROSS_ORIGIN_EMBEDDER_POLICY"]),
            ]
        )
    )
    app.extensions["talisman"] = talisman
    checks.register(app, header_checks)
