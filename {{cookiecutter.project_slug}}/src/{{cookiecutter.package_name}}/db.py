"""Database: SQLAlchemy models share one metadata; Flask-Migrate owns the schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

import click
from flask import Flask, current_app, has_app_context
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CursorResult, DateTime, ExceptionContext, Table, Text, UpdateBase, event
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

MIGRATIONS = Path(__file__).parent / "migrations"


class Base(DeclarativeBase):
    """Declarative base shared by every model."""

    if TYPE_CHECKING:
        # Each model maps one Table (SQLAlchemy types it as any FROM clause), so Core statements
        # such as ``Model.__table__.update()`` are written against it.
        __table__: ClassVar[Table]


#: Column type for every timestamp: timezone-aware, always written in UTC.
Timestamp = DateTime(timezone=True)


#: Extension key under which an encryption control binds its cipher (see ``Sensitive``).
CIPHER = "data_cipher"


class CipherError(RuntimeError):
    """A sensitive value cannot be decrypted: it was altered, or its key is gone.

    Raised instead of ever returning garbage; it lives here so that code reading sensitive
    columns can catch it without importing the (optional) encryption control.
    """


class Cipher(Protocol):
    """What ``Sensitive`` columns need from an encryption control."""

    def encrypt(self, plaintext: str) -> str: ...

    def decrypt(self, ciphertext: str) -> str:
        """Return the plaintext, or raise ``CipherError``."""
        ...


def _cipher() -> Cipher | None:
    return current_app.extensions.get(CIPHER) if has_app_context() else None


class Sensitive(TypeDecorator[str]):
    """Text that is encrypted at rest whenever an encryption control has bound a cipher.

    Models mark columns sensitive (TOTP secrets, stored prompts and answers) without knowing
    whether encryption is enabled; the column holds ciphertext in the raw database when it is.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        cipher = _cipher()
        return cipher.encrypt(value) if cipher is not None and value is not None else value

    def process_result_value(self, value: Any, dialect: Any) -> str | None:
        cipher = _cipher()
        return cipher.decrypt(value) if cipher is not None and value is not None else value


class SensitiveJSON(Sensitive):
    """A JSON document (dict, list, str, number) encrypted at rest like ``Sensitive``.

    Changes inside a stored dict are not tracked: assign a new value to save a change.
    """

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return super().process_bind_param(json.dumps(value, separators=(",", ":")), dialect)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        text = super().process_result_value(value, dialect)
        return None if text is None else json.loads(text)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()

# Every model subclasses ``Model``: Flask-SQLAlchemy's ``db.Model``, built from ``Base`` when ``db`` is
# made. A type checker cannot follow a base class that is an attribute (python/mypy#8603), so to it
# the models derive from ``Base``, whose typed declarative API ``db.Model`` carries unchanged.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


@click.command("init-db")
def init_db_command() -> None:
    """Create any missing tables (development shortcut; production uses `flask db upgrade`)."""
    db.create_all()
    click.echo("Database tables created.")


def _write_ahead_log(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite in WAL mode: readers never wait for a writer and a writer never waits for readers,
    so several workers on one file database stop timing out on "database is locked" under load.
    Commits stay fully synchronous (the audit chain must survive a power cut)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _foreign_keys(dbapi_connection: Any, connection_record: Any) -> None:
    """SQLite enforces foreign keys only when asked, on each connection: without this, deleting
    an account would leave its sessions, tokens and history behind (``ON DELETE CASCADE``), where
    PostgreSQL deletes them."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _failed_ping_replaces_the_connection(context: ExceptionContext) -> None:
    """A pool pre-ping that fails for any reason found a connection that cannot be used: have the
    pool replace it (and the pool's older connections) rather than raise.

    SQLAlchemy only reconnects when the error is recognised as a disconnect. Its psycopg ping
    restores ``autocommit`` in a ``finally``; when the server has just ended the connection, that
    raises "can't change 'autocommit' now: connection in transaction status ACTIVE", which hides
    the disconnect, and the checkout raised a ``ProgrammingError`` (a 500) instead of
    reconnecting. CI met it once, right after ``pg_terminate_backend``.
    """
    if context.is_pre_ping:
        context.is_disconnect = True


def affected_rows(statement: UpdateBase) -> int:
    """Run an UPDATE or DELETE in the session and return how many rows it matched.

    ``Session.execute`` is typed to return a ``Result``; for these statements it is a
    ``CursorResult``, the kind of result that has a ``rowcount``.
    """
    result = db.session.execute(statement)
    return cast("CursorResult[*tuple[Any, ...]]", result).rowcount


def one_row_written(statement: UpdateBase) -> bool:
    """Run a conditional UPDATE or DELETE meant for one row and commit it; when its condition no
    longer held (another request wrote first), roll back and return False."""
    if affected_rows(statement) != 1:
        db.session.rollback()
        return False
    db.session.commit()
    return True


T = TypeVar("T")


@dataclass
class Race(Generic[T]):
    """What :func:`unique_write` saw: ``found`` is the other process's row when it won."""

    found: T | None = None

    @property
    def lost(self) -> bool:
        return self.found is not None


@contextmanager
def unique_write(taken: Callable[[], T | None]) -> Iterator[Race[T]]:
    """Writes a unique key guards, made after a check that the key was free. When another process
    wrote the same key between the check and these writes (a form sent twice, two workers), the
    block's ``IntegrityError`` is rolled back and reported as ``race.lost``, with ``taken()``'s row
    in ``race.found``: the caller answers as if its check had found it, never with a 500. An
    integrity error ``taken()`` does not explain is raised."""
    race: Race[T] = Race()
    try:
        yield race
    except IntegrityError:
        db.session.rollback()
        race.found = taken()
        if race.found is None:
            raise


def end_session(exc: BaseException | None = None) -> None:
    """Close the request's session before Flask-SQLAlchemy's own teardown (which then has nothing
    left to do). Closing rolls back; on a connection the database dropped (a restart) that raises,
    and a raise here would turn an answered request into a 500: log it and discard the session.
    Idempotent: a listener that must write after the request's transaction (the audit trail on
    SQLite) may end the session early."""
    try:
        db.session.remove()
    except SQLAlchemyError as error:
        current_app.logger.warning("database session discarded: %s", type(error).__name__)
        db.session.registry.clear()


def init_app(app: Flask) -> None:
    """Bind SQLAlchemy, Flask-Migrate and the ``init-db`` command to ``app``."""
    # A statement's parameters (a password hash, a token digest, an e-mail address) never appear
    # in an error message, a log line or a traceback; a setting may still say otherwise.
    options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
    options.setdefault("hide_parameters", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    app.teardown_appcontext(end_session)  # registered after Flask-SQLAlchemy's: runs before it
    with app.app_context():
        engine = db.engine
        event.listen(engine, "handle_error", _failed_ping_replaces_the_connection)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _foreign_keys)
            if engine.url.database not in (None, "", ":memory:"):
                event.listen(engine, "connect", _write_ahead_log)
    migrate.init_app(app, db, directory=str(MIGRATIONS))  # migrations/env.py renders Sensitive as Text
    app.cli.add_command(init_db_command)
