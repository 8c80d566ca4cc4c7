"""The same models and flows on the real PostgreSQL server (the ``postgresql`` option)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from conftest import PASSWORD, make_app, require_service
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.users import User, create_user, find_by_email

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://localhost/postgres")
pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the server, dropped afterwards (parallel runs do not collide)."""
    try:
        engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            name = f"test_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # driver missing or server down
        require_service(f"PostgreSQL not reachable at {ADMIN_URL}: {exc.__class__.__name__}")
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def test_models_and_accounts_on_postgresql(postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        user = create_user("pg@example.com", PASSWORD)
        assert find_by_email("PG@example.com").id == user.id
        assert db.session.get(User, user.id).created_at.tzinfo is not None
        db.session.remove()
        db.engine.dispose()


def test_health_check_on_postgresql(postgres_url: str) -> None:
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    assert app.test_client().get("/healthz").json == {"status": "ok"}
    with app.app_context():
        db.engine.dispose()
