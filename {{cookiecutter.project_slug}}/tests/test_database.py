"""Database: the models on a real PostgreSQL server (the ``postgresql`` option), SQLite tuning."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from conftest import PASSWORD, make_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.users import User, create_user, find_by_email


@pytest.mark.postgres
def test_models_and_accounts_on_postgresql(postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        user = create_user("pg@example.com", PASSWORD)
        assert find_by_email("PG@example.com").id == user.id
        assert db.session.get(User, user.id).created_at.tzinfo is not None
        db.session.remove()
        db.engine.dispose()


@pytest.mark.postgres
def test_health_check_on_postgresql(postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    assert app.test_client().get("/healthz").json == {"status": "ok"}
    with app.app_context():
        db.engine.dispose()


@pytest.mark.postgres
def test_a_connection_the_pre_ping_cannot_use_is_replaced(postgres_url: str) -> None:
    """The pool's pre-ping fails on a connection that still has a command in flight (the driver
    refuses to switch its autocommit): the checkout must reconnect, not raise a 500."""
    options = {"pool_pre_ping": True, "pool_size": 1, "pool_reset_on_return": None}
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, SQLALCHEMY_ENGINE_OPTIONS=options)
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    with app.app_context():
        pooled = db.engine.raw_connection()
        pooled.dbapi_connection.pgconn.send_query(b"SELECT 1")  # sent, its result never read
        with pytest.raises(Exception, match="autocommit"):  # what the ping will meet
            pooled.dbapi_connection.autocommit = True
        pooled.close()  # back to the pool as it is (no reset on return)
    assert client.get("/healthz").status_code == 200


def test_a_sqlite_file_database_runs_in_write_ahead_log_mode(tmp_path: Path) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'app.db'}")
    with app.app_context():
        create_user("wal@example.com", PASSWORD)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        db.engine.dispose()


def test_a_failed_statement_never_shows_its_parameters() -> None:
    """An error names the statement, not its values: a password hash or token digest in a failed
    INSERT must not reach a traceback, a log line or a CLI's error output."""
    app = make_app()
    with app.app_context():
        with pytest.raises(SQLAlchemyError) as failed:
            statement = text("SELECT no_such_column FROM users WHERE email = :email")
            db.session.execute(statement, {"email": "s3cret-value"})
        db.session.rollback()
    assert "s3cret-value" not in str(failed.value)
    assert "hidden" in str(failed.value)  # SQLAlchemy says the parameters were hidden
