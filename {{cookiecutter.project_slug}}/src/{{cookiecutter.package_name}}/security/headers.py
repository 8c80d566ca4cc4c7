"""Security headers: Flask-Talisman with a strict nonce-based CSP, plus COOP, CORP and COEP.

Talisman 1.1 cannot emit the Cross-Origin-* headers, so they are added beside its own. Talisman
only adds the nonce to directives written out in the policy, so ``script-src`` and ``style-src``
are always spelled out below; ``default-src 'none'`` then denies every kind of load that no
directive names (frames, workers, media, manifests).

Talisman rebuilds every header from its settings on every request (looking the view's options up
four times and re-serialising the CSP). :class:`PrecomputedTalisman` keeps Talisman and its
settings but serialises the headers once, with Talisman's own code, at start-up; per request only
the nonce is drawn and joined into the CSP. Views decorated with ``@talisman(...)`` (per-view
options) are served by Talisman's original code path, unchanged.

The HTTPS redirect and HSTS belong to ``transport.py`` (present in every variant), because
Talisman would trust a client's own ``X-Forwarded-Proto`` header.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import flask
from flask import Flask, Response, request
from flask_talisman import Talisman
from flask_talisman.talisman import NONCE_LENGTH, get_random_string

from . import checks
from .checks import Finding

ORDER = 20

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

_NONCE_MARK = "\x00nonce\x00"  # cannot occur in a policy: headers refuse control characters


# --8<-- [start:precomputed]
class PrecomputedTalisman(Talisman):
    """Talisman whose headers are serialised once, by Talisman itself, instead of per request."""

    def init_app(self, app: Flask, **options: Any) -> None:
        super().init_app(app, **options)
        self.cross_origin: list[tuple[str, str]] = []  # set by this module's init_app
        self._per_view: dict[str | None, bool] = {}
        # Talisman forces the session cookie Secure on every request; once is enough.
        if self.session_cookie_secure and not app.debug:
            app.config["SESSION_COOKIE_SECURE"] = True
        self._nonce = bool(self.content_security_policy and self.content_security_policy_nonce_in)
        marked = self._serialise(app, nonce=_NONCE_MARK)
        self._csp_name = next((n for n in marked if n.startswith("Content-Security-Policy")), None)
        self._csp_parts = marked.pop(self._csp_name).split(_NONCE_MARK) if self._csp_name else []
        # Without a nonce (a request answered before the nonce was drawn), as Talisman would.
        self._csp_plain = self._serialise(app, nonce=None).get(self._csp_name or "", "")
        self._hsts = marked.pop("Strict-Transport-Security", None)
        self._static = list(marked.items())

    def _serialise(self, app: Flask, nonce: str | None) -> dict[str, str]:
        """The headers Talisman itself sets on a secure response (with ``nonce``, if any)."""
        with app.test_request_context(base_url="https://localhost"):
            if nonce is not None:
                flask.request.csp_nonce = nonce  # type: ignore[attr-defined]
            probe = Response()
            probe.headers.clear()
            super()._set_response_headers(probe)
            return dict(probe.headers.items())

    def _has_view_options(self) -> bool:
        endpoint = request.endpoint
        known = self._per_view.get(endpoint)
        if known is None:
            view = self.app.view_functions.get(endpoint)  # type: ignore[arg-type]
            known = self._per_view[endpoint] = hasattr(view, "talisman_view_options")
        return known

    @staticmethod
    def _secure() -> bool:
        # Talisman's own test, kept as is: TLS here, or a proxy saying it terminated TLS.
        return request.is_secure or request.headers.get("X-Forwarded-Proto", "http") == "https"

    def _force_https(self) -> Response | None:  # type: ignore[override]
        if self._has_view_options():
            return super()._force_https()  # type: ignore[no-any-return]
        if (
            self.force_https
            and not self.app.debug
            and not self._secure()
            and request.url.startswith("http://")
        ):
            url = request.url.replace("http://", "https://", 1)
            return flask.redirect(url, code=301 if self.force_https_permanent else 302)  # type: ignore[return-value]
        return None

    def _make_nonce(self) -> None:
        if self._has_view_options():
            super()._make_nonce()
        elif self._nonce and not getattr(request, "csp_nonce", None):
            request.csp_nonce = get_random_string(NONCE_LENGTH)  # type: ignore[attr-defined]

    def _set_response_headers(self, response: Response) -> Response:
        headers = response.headers
        present = {name.lower() for name in headers.keys()}  # noqa: SIM118 (Headers iterates pairs)
        if self._has_view_options():
            super()._set_response_headers(response)
        else:
            # Talisman overwrites its headers; appending is the same when none is set yet (the
            # usual case) and skips a scan of the header list per header.
            nonce = getattr(request, "csp_nonce", None)
            own = [*self._static]
            if self._csp_name:
                own.append((self._csp_name, nonce.join(self._csp_parts) if nonce else self._csp_plain))
            if self._hsts and self._secure():
                own.append(("Strict-Transport-Security", self._hsts))
            for name, value in own:
                if name.lower() in present:
                    headers[name] = value
                else:
                    headers.add(name, value)
        for name, value in self.cross_origin:  # a view may set its own
            if name.lower() not in present:
                headers.add(name, value)
        return response


# --8<-- [end:precomputed]

talisman = PrecomputedTalisman()


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


def init_app(app: Flask) -> None:
    """Bind Talisman with the configured policy and add COOP, CORP and COEP to every response."""
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
    talisman.cross_origin = [
        ("Cross-Origin-Opener-Policy", c["CROSS_ORIGIN_OPENER_POLICY"]),
        ("Cross-Origin-Resource-Policy", c["CROSS_ORIGIN_RESOURCE_POLICY"]),
        ("Cross-Origin-Embedder-Policy", c["CROSS_ORIGIN_EMBEDDER_POLICY"]),
    ]
    app.extensions["talisman"] = talisman
    checks.register(app, header_checks)
