"""Proof of an address: confirmation at registration, and a change of address.

Registration creates the account with its address *unconfirmed* (a row in
``unconfirmed_addresses``, written in the registration's own transaction) and mails a link to
that address. Until the link is confirmed, a correct password gets a "confirm your address" page
(403) with a button for a new link, never a session: whoever registers somebody else's address
cannot use the account, and its owner can take it over by resetting the password (a reset proves
the mailbox, so it confirms the address too). Accounts made with ``flask users create``, and every
account that existed before this option, are confirmed: they have no row.

The registration answer stays the same for a new and a taken address; the owner of a taken one
gets a notice instead (security/mail.py). A new link is limited per client (the RECOVERY class)
and per address (``EMAIL_CONFIRM_PER_ADDRESS``), with one answer for every address.

A change of address asks for the current password, mails a link to the new address and a notice
to the old one; the change happens when the new address's link is confirmed, and the old address
is told again. Links are ``mail.SignedLink``: signed, expiring, opened in two steps (a mail
scanner's visit confirms nothing) and single-use through their binding (the pending row, or the
current address).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import click
from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.cli import AppGroup
from flask_login import current_user
from sqlalchemy import ForeignKey, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.wrappers import Response

from ..db import Model, Timestamp, affected_rows, db, unique_write
from ..events import emit, security_event, unproxied
from ..passwords import verify_password
from ..users import User, aware, find_by_email, looks_like_address, normalise_email, utcnow
from .login import ACCOUNT_GATES, NEW_ACCOUNT, REGISTERED, login_required
from .mail import SignedLink, limit_per_client, link, per_address_allowed, send
from .recovery import RESET_PROVES_ADDRESS

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # How long a link that confirms an address works (at registration, or for a new address).
    "EMAIL_CONFIRM_TIMEOUT": timedelta(hours=24),
    # New confirmation links per address, counted in the rate limiter's storage.
    "EMAIL_CONFIRM_PER_ADDRESS": "3 per hour;10 per day",
}
# --8<-- [end:defaults]

REGISTERED_MESSAGE = (
    "Check your mail: if this address was new, we have sent it a link to confirm it. Confirm it, then log in."
)
RESENT = "If an account with this address awaits confirmation, we have sent it a new link."
INVALID = "This link is invalid, used or expired."
#: Registration links: bound to the address and to the pending row's time, so confirming spends them.
CONFIRM = SignedLink("email-confirm", "EMAIL_CONFIRM_TIMEOUT")
#: Change-of-address links: bound to the current address and password hash, so the change spends them.
CHANGE = SignedLink("email-change", "EMAIL_CONFIRM_TIMEOUT")

bp = Blueprint("verification", __name__)
log = logging.getLogger(__name__)


class UnconfirmedAddress(Model):
    """An account whose address has not been proved yet (registered through the form)."""

    __tablename__ = "unconfirmed_addresses"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)


def pending(user_id: int) -> UnconfirmedAddress | None:
    """The account's pending confirmation, ``None`` once its address is confirmed."""
    return db.session.get(UnconfirmedAddress, user_id)


def confirm(user: User) -> None:
    """Mark ``user``'s address proved (the caller commits)."""
    db.session.execute(delete(UnconfirmedAddress).where(UnconfirmedAddress.user_id == user.id))


def _confirm_binding(user: User, row: UnconfirmedAddress) -> str:
    return f"{user.email}\x00{aware(row.created_at).timestamp():.0f}"


def _send_confirmation(user: User, row: UnconfirmedAddress) -> None:
    hours = int(current_app.config["EMAIL_CONFIRM_TIMEOUT"].total_seconds() // 3600)
    token = CONFIRM.make(user.id, _confirm_binding(user, row))
    send(
        user.email,
        "confirm your address",
        "confirm",
        link=link("verification.confirm", token=token),
        hours=hours,
    )


def _unconfirmed_user(token: str) -> User | None:
    claimed = CONFIRM.claimed(token)
    if not isinstance(claimed, int) or isinstance(claimed, bool):
        return None
    user = db.session.get(User, claimed)
    row = pending(claimed) if user is not None else None
    if user is None or row is None or not user.active:
        return None
    return user if CONFIRM.verified(token, _confirm_binding(user, row)) == user.id else None


def _new_account(user: User) -> None:
    """Registration: the account starts unconfirmed, in the transaction that creates it."""
    db.session.add(UnconfirmedAddress(user_id=user.id, created_at=utcnow()))


def _on_register(sender: Flask, **event: Any) -> None:
    """Once the account exists, mail its link. A failure is logged and the user asks for a new
    link; the account stays unconfirmed either way."""
    if (event["event"], event["outcome"]) != ("register", "success"):
        return
    try:
        user = db.session.get(User, event["user_id"])
        row = pending(user.id) if user is not None else None
        if user is not None and row is not None:
            _send_confirmation(user, row)
    except Exception:  # a bug or an outage must not turn a completed registration into a 500
        log.exception("confirmation link not sent")


def _refuse_unconfirmed(user: User) -> Response | None:
    """Login: a correct password for an unconfirmed address gets the page to confirm it, no session."""
    if pending(user.id) is None:
        return None
    emit("login", "refused", user.id, reason="address not confirmed")
    return make_response(render_template("verification/unconfirmed.html", email=user.email), 403)


def _invalid(event: str | None) -> tuple[str, int]:
    """The answer to a link that is not (or no longer) valid; ``event`` names the security event
    when a token was presented (a page opened without one is no event)."""
    if event is not None:
        emit(event, "invalid_token")
    return render_template("verification/invalid.html", message=INVALID), 400


@bp.get("/auth/confirm", endpoint="confirm")
def confirm_page() -> Any:
    """Open a confirmation link: the token moves into the session, then a button confirms."""
    opened = CONFIRM.open("verification.confirm", _unconfirmed_user)
    if opened.redirect is not None:
        return opened.redirect
    if opened.found is None:
        return _invalid("email_confirm" if opened.presented else None)
    return render_template("verification/confirm.html", email=opened.found.email)


@bp.post("/auth/confirm")
def confirm_post() -> Any:
    """Confirm the address: the account can log in (nobody is signed in by a link)."""
    user = CONFIRM.held(_unconfirmed_user)
    if user is None:
        return _invalid("email_confirm")
    confirm(user)
    db.session.commit()
    CONFIRM.forget()
    emit("email_confirm", "success", user.id)
    flash("Your address is confirmed: log in to continue.")
    return redirect(url_for("auth.login"), 303)


@bp.route("/auth/confirm/resend", methods=["GET", "POST"])
def resend() -> Any:
    """A new confirmation link; every address gets the same answer."""
    if request.method == "GET":
        return render_template("verification/resend.html")
    app = unproxied(current_app)
    email = normalise_email(request.form.get("email", ""))
    if not looks_like_address(email):
        return render_template("verification/resend.html", errors=["Enter a valid e-mail address."]), 422
    user = find_by_email(email)
    row = pending(user.id) if user is not None else None
    if user is not None and row is not None:
        if per_address_allowed(app, "email-confirm", email, app.config["EMAIL_CONFIRM_PER_ADDRESS"]):
            _send_confirmation(user, row)
            emit("email_confirm", "resent", user.id)
        else:
            emit("email_confirm", "refused", user.id, reason="per-address limit")
    flash(RESENT)
    return redirect(url_for("auth.login"))


def _change_binding(user: User) -> str:
    return f"{user.email}\x00{user.password_hash}"


def _changing(token: str) -> tuple[User, str] | None:
    """The account and new address a genuine, unspent change link names."""
    claimed = CHANGE.claimed(token)
    if not (isinstance(claimed, list) and len(claimed) == 2 and isinstance(claimed[0], int)):
        return None
    user = db.session.get(User, claimed[0])
    if user is None or not user.active:
        return None
    verified = CHANGE.verified(token, _change_binding(user))
    return (user, str(verified[1])) if verified == claimed else None


@bp.route("/account/email", methods=["GET", "POST"])
@login_required
def change() -> Any:
    """Ask to change the address: the current password, then a link to the new address."""
    if request.method == "GET":
        return render_template("verification/change.html")
    user: User = current_user._get_current_object()
    new = normalise_email(request.form.get("email", ""))
    if not verify_password(user.password_hash, request.form.get("current_password", "")):
        emit("email_change", "failure", user.id)
        return render_template(
            "verification/change.html", errors=["The current password is wrong."], email=new
        ), 401
    if not looks_like_address(new) or new == user.email:
        error = "Enter a valid e-mail address." if new != user.email else "This is already your address."
        return render_template("verification/change.html", errors=[error], email=new), 422
    owner = find_by_email(new)
    hours = int(current_app.config["EMAIL_CONFIRM_TIMEOUT"].total_seconds() // 3600)
    forgot = link("recovery.forgot")
    if owner is not None:  # same answer; the address's owner is told, the asker learns nothing
        notice = "someone tried to use your address"
        send(owner.email, notice, "notice", event="email_taken", notice=notice, forgot=forgot)
        emit("email_change", "duplicate", user.id)
    else:
        token = CHANGE.make([user.id, new], _change_binding(user))
        send(
            new,
            "confirm your new address",
            "change",
            link=link("verification.change_page", token=token),
            hours=hours,
            old=user.email,
        )
        notice = f"a change of your address to {new} was requested"
        send(user.email, notice, "notice", event="email_change", notice=notice, forgot=forgot)
        emit("email_change", "requested", user.id)
    flash(f"We have sent a link to {new}: your address changes when you open it and confirm.")
    return redirect(url_for("verification.change"), 303)


@bp.get("/account/email/confirm")
def change_page() -> Any:
    """Open a change-of-address link (no login needed: the link proves the new mailbox)."""
    opened = CHANGE.open("verification.change_page", _changing)
    if opened.redirect is not None:
        return opened.redirect
    if opened.found is None:
        return _invalid("email_change" if opened.presented else None)
    user, new = opened.found
    return render_template("verification/change_confirm.html", email=new, old=user.email)


def _address_taken(user_id: int) -> tuple[str, int]:
    CHANGE.forget()
    emit("email_change", "refused", user_id, reason="address taken")
    message = "This address now belongs to another account."
    return render_template("verification/invalid.html", message=message), 409


@bp.post("/account/email/confirm")
def change_post() -> Any:
    """Change the address; the old one is told. A link for an address taken since is refused."""
    found = CHANGE.held(_changing)
    if found is None:
        return _invalid("email_change")
    user, new = found
    if find_by_email(new) is not None:
        return _address_taken(user.id)
    old, checked = user.email, user.password_hash  # what the link is bound to, as just verified
    moved = 0
    with unique_write(lambda: find_by_email(new)) as race:
        # Only while the account still has the address and password the link is bound to: a reset
        # or a change of password committed since the check voids the link, as it would before.
        bound = update(User).where(User.id == user.id, User.email == old, User.password_hash == checked)
        moved = affected_rows(bound.values(email=new))
        if moved:
            confirm(user)
            db.session.commit()
    if race.lost:  # registered by someone else since the check above: the same answer
        return _address_taken(user.id)
    if not moved:
        db.session.rollback()
        CHANGE.forget()
        return _invalid("email_change")
    CHANGE.forget()
    notice = f"your address was changed to {new}"
    send(old, notice, "notice", event="email_change", notice=notice, forgot=link("recovery.forgot"))
    emit("email_change", "success", user.id)
    flash(f"Your address is now {new}.")
    return redirect(url_for("pages.home"), 303)


addresses_cli = AppGroup("addresses", help="Addresses awaiting confirmation.")


def _unconfirmed_since(cutoff: datetime | None = None) -> list[tuple[User, UnconfirmedAddress]]:
    query = select(User, UnconfirmedAddress).join(UnconfirmedAddress, UnconfirmedAddress.user_id == User.id)
    if cutoff is not None:
        query = query.where(UnconfirmedAddress.created_at < cutoff)
    return [(row[0], row[1]) for row in db.session.execute(query.order_by(UnconfirmedAddress.created_at))]


@addresses_cli.command("list")
def list_command() -> None:
    """The accounts whose address is not confirmed yet, oldest first."""
    rows = _unconfirmed_since()
    for user, row in rows:
        click.echo(f"{user.email}  registered {aware(row.created_at):%Y-%m-%d %H:%M} UTC")
    click.echo(f"{len(rows)} address(es) awaiting confirmation.")


@addresses_cli.command("confirm")
@click.argument("email")
def confirm_command(email: str) -> None:
    """Confirm EMAIL's address yourself, after checking by another channel that it is theirs."""
    user = find_by_email(email)
    if user is None or pending(user.id) is None:
        raise click.ClickException(f"No account awaits confirmation at {normalise_email(email)}.")
    confirm(user)
    db.session.commit()
    emit("email_confirm", "success", user.id, by="cli")
    click.echo(f"Confirmed {user.email}: the account can log in.")


@addresses_cli.command("prune")
@click.option(
    "--older-than",
    "hours",
    type=click.IntRange(min=1),
    default=None,
    help="Hours since registration (default: EMAIL_CONFIRM_TIMEOUT, when every link has expired).",
)
def prune_command(hours: int | None) -> None:
    """Delete the accounts whose address was never confirmed: an address someone registered
    without owning it is free again for its owner."""
    age = timedelta(hours=hours) if hours else current_app.config["EMAIL_CONFIRM_TIMEOUT"]
    stale = _unconfirmed_since(utcnow() - age)
    for user, _ in stale:
        db.session.execute(delete(User).where(User.id == user.id))  # the database cascades the rest
        emit("account_delete", "success", user.id, by="cli", reason="address never confirmed")
    db.session.commit()
    click.echo(f"Deleted {len(stale)} account(s) whose address was not confirmed within {age}.")


def init_app(app: Flask) -> None:
    """Confirmation at registration (a login gate and a registration hook) and the change pages."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    if isinstance(app.config["EMAIL_CONFIRM_TIMEOUT"], int | float):  # seconds from the environment
        app.config["EMAIL_CONFIRM_TIMEOUT"] = timedelta(seconds=app.config["EMAIL_CONFIRM_TIMEOUT"])
    app.extensions.setdefault(NEW_ACCOUNT, []).append(_new_account)
    security_event.connect(_on_register, sender=app, weak=False)
    app.extensions.setdefault(ACCOUNT_GATES, []).append(_refuse_unconfirmed)
    app.extensions.setdefault(RESET_PROVES_ADDRESS, []).append(confirm)
    app.extensions[REGISTERED] = REGISTERED_MESSAGE
    limit_per_client(app, "verification.resend", "verification.change")
    app.register_blueprint(bp)
    app.cli.add_command(addresses_cli)
