"""CSRF: Flask-WTF tokens on every state-changing request that a browser could forge.

A request is exempt only when it is authenticated purely by ``Authorization: Bearer`` and carries
no session or remember-me cookie: without ambient credentials there is nothing to forge
(Flask-Security's rule; flask-wtf issues #111 and #361). An API call with no cookie at all is
not checked either, so that it meets the API's own 401 rather than a CSRF error; browser forms
stay checked even without a cookie (login CSRF). Everything else is checked, including API calls
made by the playground with the session cookie.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, current_app, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from ..events import emit
from ..pages import error_response
from . import checks
from .checks import Finding

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

csrf = CSRFProtect()


def bearer_only() -> bool:
    """True when the request holds a bearer token and no cookie that authenticates."""
    if not request.headers.get("Authorization", "").lower().startswith("bearer "):
        return False
    cookies = (current_app.config["SESSION_COOKIE_NAME"], current_app.config.get("REMEMBER_COOKIE_NAME"))
    return not any(name and name in request.cookies for name in cookies)


def _cookieless_api_call() -> bool:
    return request.path.startswith("/api/") and not request.cookies


def _protect() -> None:
    if request.method in UNSAFE_METHODS and not (bearer_only() or _cookieless_api_call()):
        csrf.protect()


def _refuse(exc: CSRFError) -> Response:
    emit("csrf", "failure", reason=exc.description)
    return error_response(exc)


# --8<-- [start:checks]
def csrf_checks(app: Flask) -> Iterable[Finding]:
    """CSRF protection bound but switched off by a setting (checklist 28)."""
    if not app.config.get("WTF_CSRF_ENABLED", True):
        yield Finding(
            "SFA-C019",
            "error",
            "WTF_CSRF_ENABLED is off: forms and cookie-authenticated API calls can be forged.",
            "Unset FLASK_WTF_CSRF_ENABLED.",
        )
    if not app.config["WTF_CSRF_SSL_STRICT"]:
        yield Finding(
            "SFA-C020",
            "warning",
            "WTF_CSRF_SSL_STRICT is off: HTTPS requests are not checked for a same-origin Referer.",
            "Unset FLASK_WTF_CSRF_SSL_STRICT.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Check tokens ourselves (``WTF_CSRF_CHECK_DEFAULT`` off) to apply the bearer rule."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.config.setdefault("WTF_CSRF_SSL_STRICT", True)  # Referer must match on HTTPS
    csrf.init_app(app)
    app.before_request(_protect)
    app.register_error_handler(CSRFError, _refuse)
    checks.register(app, csrf_checks)
