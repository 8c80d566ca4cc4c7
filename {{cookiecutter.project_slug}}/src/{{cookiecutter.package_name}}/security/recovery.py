"""Password reset by e-mail: a signed, expiring, single-use link that never signs anyone in.

The threats, and what answers each (the account-recovery page says more):

- *Enumeration.* Asking for a link answers the same page, status and redirect for a known and an
  unknown address, in the same time: the message is built either way and sent by a background
  thread (``mail.Postman``), so a known address costs the request no SMTP round trip.
- *A stolen or replayed link.* The token is signed with ``SECRET_KEY`` (itsdangerous, as Flask's
  session is), expires after ``PASSWORD_RESET_TIMEOUT``, and its key is derived from the account's
  current password hash and address: the reset changes the hash, so the link works once, and any
  other password change (or a change of address) voids every link sent before it.
- *Link leakage.* The token travels in the query string, which the access log and the traces
  never record; the first GET moves it into the session and redirects to a URL without it, so it
  is not in the address bar, the history or a Referer. Mail scanners that pre-fetch links only
  perform that GET: the link is spent by the POST of a new password, never by a visit.
- *Reset poisoning.* The link is built from ``PUBLIC_URL``, never from the request's Host.
- *Bypassing the second factor.* A reset never signs in: the user logs in afterwards, through
  the second factor when the account has one. Every session of the account ends, and (by
  ``PASSWORD_RESET_REVOKES_TOKENS``) every API token.
- *Flooding a mailbox.* Requests are limited per client (the RECOVERY rate-limit class) and per
  address (``PASSWORD_RESET_PER_ADDRESS``, counted in the rate limiter's shared storage); an
  address over its limit gets the same answer and no mail.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for

from ..db import db
from ..events import emit, unproxied
from ..passwords import policy_errors
from ..users import User, find_by_email, looks_like_address, normalise_email, set_password
from .login import end_sessions
from .mail import SignedLink, limit_per_client, link, per_address_allowed, send

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "PASSWORD_RESET_TIMEOUT": timedelta(minutes=30),  # how long a reset link works
    "PASSWORD_RESET_REVOKES_TOKENS": True,  # a reset also revokes the account's API tokens
    # Reset mails per address, counted in the rate limiter's storage (every worker and instance).
    "PASSWORD_RESET_PER_ADDRESS": "3 per hour;10 per day",  # pragma: allowlist secret
}
# --8<-- [end:defaults]

SENT = "If an account uses this address, we have sent it a link to choose a new password."
INVALID = "This password-reset link is invalid, used or expired. Ask for a new one."
#: Reset links: bound to the account's address and password hash, so the reset spends them.
RESET = SignedLink("password-reset", "PASSWORD_RESET_TIMEOUT")
#: Callables ``(user) -> None`` run in the reset's transaction: the reset proved the mailbox
#: (security/verification.py confirms a pending address with it).
RESET_PROVES_ADDRESS = "password_reset_proves_address"

bp = Blueprint("recovery", __name__, url_prefix="/auth")
log = logging.getLogger(__name__)


def _binding(user: User) -> str:
    return f"{user.email}\x00{user.password_hash}"


def make_token(user: User) -> str:
    """A reset token for ``user``: valid until their password or address changes, or it expires."""
    return RESET.make(user.id, _binding(user))


def user_for(token: str) -> User | None:
    """The active user a valid, unexpired, unspent ``token`` belongs to; ``None`` for any other."""
    claimed = RESET.claimed(token)  # the id, to find the key to verify with
    if not isinstance(claimed, int) or isinstance(claimed, bool):
        return None
    user = db.session.get(User, claimed)
    if user is None or not user.active:
        return None
    return user if RESET.verified(token, _binding(user)) == user.id else None


@bp.route("/forgot", methods=["GET", "POST"])
def forgot() -> Any:
    """Ask for a reset link. Known and unknown addresses get the same answer in the same time."""
    if request.method == "GET":
        return render_template("recovery/forgot.html")
    app = unproxied(current_app)
    email = normalise_email(request.form.get("email", ""))
    if not looks_like_address(email):
        return render_template(
            "recovery/forgot.html", errors=["Enter a valid e-mail address."], email=email
        ), 422
    user = find_by_email(email)
    # Built for every address, so that a known one costs the request no more than an unknown one.
    token = make_token(user) if user is not None else RESET.make(0, "")
    reset_link = link("recovery.reset", token=token)
    if user is None:
        emit("password_reset", "unknown", email=email)
    elif not user.active:
        emit("password_reset", "refused", user.id, reason="account disabled")
    elif not per_address_allowed(app, "password-reset", email, app.config["PASSWORD_RESET_PER_ADDRESS"]):
        emit("password_reset", "refused", user.id, reason="per-address limit")
    else:
        timeout = int(app.config["PASSWORD_RESET_TIMEOUT"].total_seconds() // 60)
        send(user.email, "reset your password", "reset", link=reset_link, minutes=timeout)
        emit("password_reset", "requested", user.id)
    flash(SENT)
    return redirect(url_for("auth.login"))


def _invalid(presented: bool) -> tuple[str, int]:
    if presented:  # a link that is not (or no longer) valid; a bare page is no event
        emit("password_reset", "invalid_token")
    return render_template("recovery/invalid.html", message=INVALID), 400


@bp.get("/reset")
def reset() -> Any:
    """Open a reset link: the token moves into the session, the browser to a URL without it."""
    opened = RESET.open("recovery.reset", user_for)
    if opened.redirect is not None:
        return opened.redirect
    if opened.found is None:
        return _invalid(opened.presented)
    return render_template("recovery/reset.html", email=opened.found.email)


@bp.post("/reset")
def choose_password() -> Any:
    """Set the new password: the link is spent, every session ends, and nobody is signed in."""
    user = RESET.held(user_for)
    if user is None:
        return _invalid(presented=True)
    new = request.form.get("new_password", "")
    errors = policy_errors(new, user.email)
    if errors:
        return render_template("recovery/reset.html", errors=errors, email=user.email), 422
    for proved in current_app.extensions.get(RESET_PROVES_ADDRESS, []):
        proved(user)
    # The link is spent by the first reset that changes the hash it is bound to; another use of it
    # that passed the check at the same time (two processes) finds the hash changed and fails, as
    # does a use racing a change of address (the link is bound to the address it was sent to).
    # set_password commits, or rolls back.
    if not set_password(user, new, replacing=user.password_hash, address=user.email):
        return _invalid(presented=True)
    ended = end_sessions(user.id)
    session.clear()  # the link, and whatever session this browser had
    revoke = bool(current_app.config["PASSWORD_RESET_REVOKES_TOKENS"])
    emit("password_reset", "success", user.id, sessions_ended=ended, revoke_tokens=revoke)
    flash("Your password has been reset and every session has ended. Log in with the new password.")
    return redirect(url_for("auth.login"), 303)


def init_app(app: Flask) -> None:
    """Register the reset pages and, with rate limiting, their RECOVERY class."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    if isinstance(app.config["PASSWORD_RESET_TIMEOUT"], int | float):  # seconds from the environment
        app.config["PASSWORD_RESET_TIMEOUT"] = timedelta(seconds=app.config["PASSWORD_RESET_TIMEOUT"])
    limit_per_client(app, "recovery.forgot")
    app.register_blueprint(bp)
