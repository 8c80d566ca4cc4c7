"""API tokens for machine clients: random, prefixed, stored hashed, scoped, expiring, revocable.

A token is ``<prefix>_<43 url-safe characters>`` (256 bits from ``secrets``); the prefix lets
secret scanners spot leaked tokens. Only its SHA-256 is stored: a slow hash is not needed for a
random 256-bit secret, and a fast one keeps every API call cheap. Tokens are accepted only in
``Authorization: Bearer``; a token in the query string (which ends up in logs and Referer
headers) is refused (checklist 27).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, wraps
from typing import Any

import click
from flask import Flask, Response, current_app, g, request
from flask.cli import AppGroup
from sqlalchemy import ForeignKey, Select, String, bindparam, select, update
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, Unauthorized

from ..db import Model, Timestamp, affected_rows, db
from ..events import emit, security_event
from ..pages import error_response
from ..users import User, add_account_data, aware, find_by_email, utcnow

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "API_TOKEN_PREFIX": "sfa",
    "API_TOKEN_SCOPES": ["ai:predict", "ai:chat"],
    "API_TOKEN_DEFAULT_TTL": timedelta(days=30),
    "API_TOKEN_MAX_TTL": timedelta(days=365),
}
# --8<-- [end:defaults]

#: Extension key: a callable returning the user logged in by the browser session, or None.
SESSION_USER_LOADER = "session_user_loader"
#: Extension key: the rate limiter's memory of full windows (``ratelimit.KnownRefusals``), asked
#: before the database lookup so that a token flooding past its limit costs no query.
KNOWN_REFUSALS = "rate_limit_known_refusals"
QUERY_TOKEN_NAMES = ("access_token", "token", "api_key", "apikey")


class ApiToken(Model):
    """A hashed API token belonging to one user."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))  # prefix + first characters, for lists
    scopes: Mapped[str] = mapped_column(String(255))  # space-separated
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(Timestamp)
    revoked_at: Mapped[datetime | None] = mapped_column(Timestamp, default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(Timestamp, default=None)

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    def is_usable(self, now: datetime) -> bool:
        return self.revoked_at is None and aware(self.expires_at) > now


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    user_id: int, name: str, scopes: Iterable[str], ttl: timedelta | None = None
) -> tuple[ApiToken, str]:
    """Create a token; return the row and the plaintext, which is shown once and never stored."""
    config = current_app.config
    scopes = sorted(set(scopes))
    unknown = set(scopes) - set(config["API_TOKEN_SCOPES"])
    if not scopes or unknown:
        raise ValueError(f"Scopes must be among {', '.join(config['API_TOKEN_SCOPES'])}.")
    ttl = config["API_TOKEN_DEFAULT_TTL"] if ttl is None else ttl  # a zero lifetime is refused below
    if ttl <= timedelta(0) or ttl > config["API_TOKEN_MAX_TTL"]:
        raise ValueError(f"Lifetime must be positive and at most {config['API_TOKEN_MAX_TTL'].days} days.")
    plaintext = f"{config['API_TOKEN_PREFIX']}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user_id=user_id,
        name=name[:100],
        token_hash=digest(plaintext),
        hint=plaintext[: len(config["API_TOKEN_PREFIX"]) + 5],
        scopes=" ".join(scopes),
        expires_at=utcnow() + ttl,
    )
    db.session.add(token)
    db.session.commit()
    emit("token_create", "success", user_id, token_id=token.id, scopes=token.scopes)
    return token, plaintext


def tokens_of(user_id: int) -> list[ApiToken]:
    """A user's tokens, newest first (never another user's)."""
    query = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id.desc())
    return list(db.session.scalars(query))


def revoke_token(token_id: int, user_id: int | None) -> bool:
    """Revoke a token; with ``user_id`` only if it belongs to that user (object-level check)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or (user_id is not None and token.user_id != user_id):
        return False
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
        emit("token_revoke", "success", token.user_id, token_id=token.id)
    return True


def revoke_all(user_id: int) -> int:
    """Revoke every live token of a user (after a password change, say); return how many.
    One UPDATE: a token inserted while it runs is either revoked by it or not yet there."""
    live = update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    revoked = affected_rows(live.values(revoked_at=utcnow()))
    db.session.commit()
    return revoked


def _refuse(exc: HTTPException) -> Response:
    response = error_response(exc)
    if exc.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@dataclass(frozen=True)
class TokenGrant:
    """What the bearer token of this request grants (``g.api_token``): read from one row."""

    id: int
    user_id: int
    scope_set: frozenset[str]


@cache
def _token_lookup() -> Select[int, int, str, datetime, datetime | None]:
    """A usable token's grant by hash, owner active, in one round trip: built once, run per API call
    as a Core select of five columns (no ORM object is built on the token path)."""
    columns = (ApiToken.id, ApiToken.user_id, ApiToken.scopes, ApiToken.expires_at, ApiToken.last_used_at)
    query = select(*columns).join(User, User.id == ApiToken.user_id)
    return query.where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.revoked_at.is_(None),
        User.active.is_(True),
    )


def _authenticate() -> Response | None:
    # request.args parses the query string; most API calls have none, so look at it first.
    if (
        request.query_string
        and request.path.startswith("/api/")
        and any(name in request.args for name in QUERY_TOKEN_NAMES)
    ):
        emit("token_auth", "refused", reason="token in query string")
        return _refuse(BadRequest("Send API tokens in the Authorization header, never in the URL."))
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    g.api_token_digest = token_hash = digest(header[7:].strip())
    known_refusals = current_app.extensions.get(KNOWN_REFUSALS)
    if known_refusals is not None:  # raises 429 while this token's window is known to be full
        known_refusals.refuse_known(f"digest:{token_hash}")
    # On the session's own connection (same transaction, engine events and instrumentation):
    # a Core select has no ORM work to do, and skipping the session's ORM execution path halves
    # the lookup's CPU time (bench/micro.py).
    row = db.session.connection().execute(_token_lookup(), {"token_hash": token_hash}).first()
    now = utcnow()
    if row is None or aware(row[3]) <= now:
        emit("token_auth", "failure")
        return _refuse(Unauthorized("The API token is invalid, expired or revoked."))
    token_id, user_id, scopes, _, last_used_at = row
    if last_used_at is None or now - aware(last_used_at) > timedelta(minutes=1):
        db.session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
        db.session.commit()
    g.api_token = TokenGrant(token_id, user_id, frozenset(scopes.split()))
    g.api_token_id = token_id
    g.user_id = user_id
    return None


def current_api_user() -> User | None:
    """The user behind this request: by bearer token, else by browser session."""
    if g.get("api_token") is not None:
        return db.session.get(User, g.api_token.user_id)
    loader: Callable[[], User | None] | None = current_app.extensions.get(SESSION_USER_LOADER)
    return loader() if loader else None


def api_auth(scope: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Require a bearer token holding ``scope``, or a logged-in browser session (CSRF-checked)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            token = g.get("api_token")
            if token is not None:  # its owner was found active when the token was checked
                if scope not in token.scope_set:
                    return _refuse(Forbidden(f"This token lacks the {scope!r} scope."))
                g.user_id = token.user_id
                return view(*args, **kwargs)
            user = current_api_user()
            if user is None:
                return _refuse(Unauthorized("Log in or send an API token."))
            g.user_id = user.id
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _revoke_on_password_change(sender: Flask, **event: Any) -> None:
    """A changed password revokes every token; a reset does when it says so
    (``PASSWORD_RESET_REVOKES_TOKENS``, read by the reset that emits the event)."""
    if event["outcome"] != "success":
        return
    if event["event"] == "password_change" or (
        event["event"] == "password_reset" and event["details"].get("revoke_tokens")
    ):
        revoke_all(event["user_id"])


tokens_cli = AppGroup("tokens", help="Manage API tokens.")


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", default="cli", help="A label to recognise the token by.")
@click.option("--scope", "scopes", multiple=True, default=["ai:predict"], show_default=True)
@click.option("--days", type=int, default=None, help="Lifetime in days (default: API_TOKEN_DEFAULT_TTL).")
def create_command(email: str, name: str, scopes: tuple[str, ...], days: int | None) -> None:
    """Create a token for EMAIL and print it once."""
    user = find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    try:
        token, plaintext = create_token(user.id, name, scopes, timedelta(days=days) if days else None)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Token {token.id} ({token.scopes}, expires {token.expires_at:%Y-%m-%d}). Shown once:")
    click.echo(plaintext)


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Revoke token TOKEN_ID."""
    if not revoke_token(token_id, user_id=None):
        raise click.ClickException(f"No token {token_id}.")
    click.echo(f"Token {token_id} revoked.")


@tokens_cli.command("list")
@click.argument("email")
def list_command(email: str) -> None:
    """List EMAIL's tokens (hints only: tokens are stored hashed)."""
    user = find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    for t in tokens_of(user.id):
        state = "revoked" if t.revoked_at else f"expires {t.expires_at:%Y-%m-%d}"
        click.echo(f"{t.id}\t{t.hint}…\t{t.name}\t{t.scopes}\t{state}")


def _export(user_id: int) -> list[dict[str, Any]]:
    """The account's tokens for its data export: what the tokens page shows, never a hash."""
    return [
        {
            "name": token.name,
            "hint": token.hint,
            "scopes": token.scopes.split(),
            "created_at": aware(token.created_at).isoformat(),
            "expires_at": aware(token.expires_at).isoformat(),
            "last_used_at": aware(token.last_used_at).isoformat() if token.last_used_at else None,
            "revoked_at": aware(token.revoked_at).isoformat() if token.revoked_at else None,
        }
        for token in tokens_of(user_id)
    ]


def init_app(app: Flask) -> None:
    """Authenticate bearer tokens before any view and register ``flask tokens``."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.before_request(_authenticate)
    security_event.connect(_revoke_on_password_change, sender=app, weak=False)
    add_account_data(app, "api_tokens", _export)
    app.cli.add_command(tokens_cli)
