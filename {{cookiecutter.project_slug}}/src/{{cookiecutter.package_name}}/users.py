"""User accounts: the model and the ``flask users`` commands. No default accounts exist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import ColumnElement, ScalarSelect, String, func, select, update
from sqlalchemy.orm import Mapped, aliased, mapped_column

from .db import Model, Timestamp, db, one_row_written, unique_write
from .passwords import hash_password, policy_errors

ROLES = ("user", "admin")
#: ``app.extensions`` key: ``{section: callable(user_id) -> JSON-ready data}``, the parts of an
#: account's data that modules other than this one keep (its API tokens, its second factor, its AI
#: history). The data export (security/privacy.py) reads every section; a module that an option
#: removed registers none.
ACCOUNT_DATA = "account_data"


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """``moment`` with its zone: SQLite drops it, and every timestamp here is written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class User(Model):
    """An account. The Flask-Login properties are plain attributes, so no import is needed."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="user")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, server_default=func.now())
    password_changed_at: Mapped[datetime | None] = mapped_column(Timestamp, default=None)

    if TYPE_CHECKING:  # declared here only: an annotation in the class would ask SQLAlchemy to map it
        login_session_id: str | None
    #: Set by the login layer to the id of the server-side session this request belongs to.
    login_session_id = None  # not a column

    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def get_id(self) -> str | None:
        """Flask-Login stores this in the session: the server-side session id, not the user id."""
        return self.login_session_id


def normalise_email(email: str) -> str:
    """Trim and lowercase an e-mail address so one person has one account."""
    return email.strip().lower()


def looks_like_address(email: str) -> bool:
    """The forms' only check of an address (something@something): the mail sent to it proves the rest."""
    return "@" in email[1:-1]


def find_by_email(email: str) -> User | None:
    """The user with ``email``, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, password: str, role: str = "user") -> User:
    """Create and return a user; raises ``ValueError`` with the reasons when refused."""
    errors = policy_errors(password, email)
    if role not in ROLES:
        errors.append(f"Role must be one of {', '.join(ROLES)}.")
    if find_by_email(email):
        errors.append("An account with this e-mail already exists.")
    if errors:
        raise ValueError(" ".join(errors))
    user = User(email=normalise_email(email), password_hash=hash_password(password), role=role)
    with unique_write(lambda: find_by_email(email)) as race:
        db.session.add(user)
        db.session.commit()
    if race.lost:  # created by another process since the check above
        raise ValueError("An account with this e-mail already exists.")
    return user


def set_password(user: User, password: str, replacing: str, address: str | None = None) -> bool:
    """Store ``password`` (already checked against the policy) as ``user``'s, and when it changed,
    only while the stored hash is still ``replacing`` (the one the request checked) and, given an
    ``address``, while the account's address is still that one (a reset link's, bound to it).

    One conditional UPDATE: of requests that checked the same hash at once (a reset link used
    twice, two password changes, a change and a reset), the first changes it and the others get
    ``False``, their transaction rolled back and nothing changed."""
    return _swap_hash(user, replacing, hash_password(password), address, password_changed_at=utcnow())


def rehash_password(user: User, password: str, verified: str) -> str | None:
    """``password``, just verified against the hash ``verified``, stored again under the current
    hashing parameters; the new hash, or None when the password changed since it was verified
    (nothing is written: a login with the old password must not undo a change or a reset)."""
    new_hash = hash_password(password)
    return new_hash if _swap_hash(user, verified, new_hash) else None


def _swap_hash(user: User, old: str, new: str, address: str | None = None, **values: Any) -> bool:
    still = update(User).where(User.id == user.id, User.password_hash == old)
    if address is not None:
        still = still.where(User.email == address)
    return one_row_written(still.values(password_hash=new, **values))


def lock_accounts(*criteria: ColumnElement[bool]) -> None:
    """Hold the accounts matching ``criteria`` until the transaction ends, taken in id order.

    On PostgreSQL (``SELECT ... FOR UPDATE``) another request that locks any of them waits for this
    one to end, then reads what it left; taken in one order, two requests wait for each other
    instead of deadlocking. SQLite renders no lock and needs none: it runs one write at a time, so
    a conditional UPDATE or DELETE reads what the write before it committed."""
    db.session.execute(select(User.id).where(*criteria).order_by(User.id).with_for_update())


def other_active_admins(user_id: int) -> ScalarSelect[int]:
    """The number of active administrators besides ``user_id``, as a subquery of a write: the check
    and the write in one statement, so no other request's write falls between them."""
    admin = aliased(User)
    others = select(func.count()).select_from(admin)
    return others.where(admin.role == "admin", admin.active.is_(True), admin.id != user_id).scalar_subquery()


users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--admin", is_flag=True, help="Give the account the admin role.")
@click.password_option(help="Prompted for, never shown.")
def create_command(email: str, admin: bool, password: str) -> None:
    """Create an account (the first admin is created this way: there are no default accounts)."""
    try:
        user = create_user(email, password, role="admin" if admin else "user")
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


def add_account_data(app: Flask, section: str, export: Callable[[int], Any]) -> None:
    """Add ``section`` to the data a user can export (see ``ACCOUNT_DATA``)."""
    app.extensions.setdefault(ACCOUNT_DATA, {})[section] = export


def init_app(app: Flask) -> None:
    """Register the ``flask users`` commands."""
    app.cli.add_command(users_cli)
