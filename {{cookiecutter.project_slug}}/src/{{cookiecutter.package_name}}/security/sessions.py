"""Responses that may carry personal data are never stored by browsers or shared caches."""

from __future__ import annotations

from flask import Flask, Response, request

ORDER = 10


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
    """Mark dynamic responses ``Cache-Control: no-store``."""
    app.after_request(_no_store)
