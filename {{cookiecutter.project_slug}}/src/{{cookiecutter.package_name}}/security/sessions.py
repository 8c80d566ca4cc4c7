"""Responses that may carry personal data are never stored by browsers or shared caches; the
session cookie's signer is built once per set of keys."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, unchanged, except that the signer is not rebuilt per request.

    Flask builds a new ``URLSafeTimedSerializer`` for every request (so that a changed
    ``SECRET_KEY`` takes effect at once); this keeps the one built for the current keys and builds
    another when ``SECRET_KEY`` or ``SECRET_KEY_FALLBACKS`` change (a rotation), which costs the
    same. It saves about 15-25 µs per request (``bench/micro.py``).
    """

    def __init__(self) -> None:
        self._signer: tuple[Any, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        signer = self._signer
        if signer is None or signer[0] != keys:
            signer = self._signer = (keys, super().get_signing_serializer(app))
        return signer[1]


def _no_store(response: Response) -> Response:
    # Static files keep their own caching; everything dynamic may be user-specific (ASVS V14.3.2).
    if request.endpoint != "static":
        headers = response.headers
        headers["Cache-Control"] = "no-store"
        vary = headers.get("Vary")
        if vary is None:  # the usual case: no need to parse and rebuild the header
            headers["Vary"] = "Cookie"
        elif "cookie" not in vary.lower():
            response.vary.add("Cookie")
    return response


def init_app(app: Flask) -> None:
    """Mark dynamic responses ``Cache-Control: no-store``; sign sessions with a kept signer."""
    app.session_interface = SessionInterface()
    app.after_request(_no_store)
