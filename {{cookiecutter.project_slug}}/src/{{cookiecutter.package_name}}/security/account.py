"""The account page for API tokens: list, create (shown once) and revoke your own tokens.

Every query is scoped to the logged-in user: a token id that belongs to someone else answers 404,
exactly like one that does not exist, so ids reveal nothing (checklist 22). Each change is a POST
checked by CSRF; the plaintext token appears once, in the response to its creation, which the
``no-store`` policy keeps out of every cache.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..inputs import bounded_int
from ..users import utcnow
from . import tokens as token_store
from .login import login_required, session_still_open

#: Lifetimes offered on the form, in days (capped by API_TOKEN_MAX_TTL).
LIFETIMES = (7, 30, 90, 365)

bp = Blueprint("account", __name__, url_prefix="/account")


def _user_id() -> int:
    return int(current_user.id)


def _page(status: int = 200, **extra: Any) -> tuple[str, int]:
    config = current_app.config
    max_days = config["API_TOKEN_MAX_TTL"].days
    default_days = config["API_TOKEN_DEFAULT_TTL"].days
    context = {
        "tokens": token_store.tokens_of(_user_id()),
        "scopes": config["API_TOKEN_SCOPES"],
        "lifetimes": sorted({d for d in LIFETIMES if d <= max_days} | {default_days}),
        "default_days": default_days,
        "now": utcnow(),
    }
    return render_template("account/tokens.html", **(context | extra)), status


@bp.get("/tokens")
@login_required
def tokens() -> tuple[str, int]:
    """Your tokens: hint, scopes, expiry and last use; never the token itself."""
    return _page()


@bp.post("/tokens")
@login_required
def create_token() -> tuple[str, int]:
    """Create a token with the chosen scopes and lifetime, and show it this once."""
    name = request.form.get("name", "").strip() or "browser"
    scopes = request.form.getlist("scopes")
    days = request.form.get("days", 0, type=bounded_int(1, timedelta.max.days))
    if days < 1:  # absent, not a number, or past what a timedelta holds
        max_days = current_app.config["API_TOKEN_MAX_TTL"].days
        return _page(422, errors=[f"Choose a lifetime from 1 to {max_days} days."], name=name, chosen=scopes)
    try:
        token, plaintext = token_store.create_token(_user_id(), name, scopes, timedelta(days=days))
    except ValueError as exc:  # unknown scopes, none, or longer than API_TOKEN_MAX_TTL
        return _page(422, errors=[str(exc)], name=name, chosen=scopes)
    # A password change in another worker ends this session and revokes every token; one that
    # landed after its revocation and before this token's insert would miss it. Checked after
    # the insert, so whichever commits first, the token dies with the session.
    if not session_still_open():
        token_store.revoke_token(token.id, None)
        abort(401)
    return _page(201, created=plaintext, created_token=token)


@bp.post("/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int) -> Response:
    """Revoke one of your tokens; another user's token is "not found"."""
    if not token_store.revoke_token(token_id, _user_id()):
        abort(404)
    flash("Token revoked: it no longer authenticates.")
    return redirect(url_for("account.tokens"))


def init_app(app: Flask) -> None:
    """Register the ``/account`` pages."""
    app.register_blueprint(bp)
    # Only creating tokens is a scarce action; revoking a leaked one must never wait for a limit
    # (or fail closed while the limiter's storage is down). The rate limiter, when present,
    # reads this table of endpoint -> class.
    classes = app.extensions.setdefault("rate_limit_classes", {})
    classes["account.revoke_token"] = "DEFAULT"  # noqa: S105 - an endpoint name, not a secret
