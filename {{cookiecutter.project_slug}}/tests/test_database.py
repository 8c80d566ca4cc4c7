"""Database: the models on a real PostgreSQL server (the ``postgresql`` option), and migrations."""

from __future__ import annotations

import pytest
from sqlalchemy import Text

from conftest import PASSWORD, make_app
from {{ cookiecutter.package_name }}.db import Sensitive, SensitiveJSON, db, render_item
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


@pytest.mark.parametrize("column_type", [Sensitive(), SensitiveJSON()])
def test_migrations_store_sensitive_columns_as_plain_text(column_type: Sensitive) -> None:
    # Migration scripts must not import application code: ciphertext is just text to the database.
    assert render_item("type", column_type, None) == "sa.Text()"
    assert render_item("type", Text(), None) is False
