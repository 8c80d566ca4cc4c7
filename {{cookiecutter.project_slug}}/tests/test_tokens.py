"""API tokens (checklist 22, 27): hashed, scoped, expiring, revocable, header-only, per-owner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from conftest import PASSWORD, Account, make_app, settings
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.tokens import api_auth, create_token, revoke_token, tokens_of
from {{ cookiecutter.package_name }}.users import create_user, utcnow


@pytest.fixture
def api(app: Flask) -> FlaskClient:
    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict:
        return {"user_id": g.user_id}

    return app.test_client()


def issue(app: Flask, user: Account, scopes=("ai:predict",), ttl=None) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    with app.app_context():
        token, plaintext = create_token(user.id, "test", scopes, ttl)
        return token.id, plaintext


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_is_long_prefixed_and_stored_hashed(app: Flask, user: Account) -> None:
    _, plaintext = issue(app, user)
    prefix, secret = plaintext.split("_", 1)
    assert prefix == app.config["API_TOKEN_PREFIX"]
    assert len(secret) >= 43  # 256 bits, base64url
    with app.app_context():
        raw = db.session.execute(text("SELECT * FROM api_tokens")).mappings().all()
    assert plaintext not in str(raw) and secret not in str(raw)


def test_valid_token_authenticates(api: FlaskClient, app: Flask, user: Account) -> None:
    _, plaintext = issue(app, user)
    response = api.post("/api/v1/probe", json={}, headers=bearer(plaintext))
    assert response.status_code == 200
    assert response.json == {"user_id": user.id}


def test_missing_or_forged_token_gets_401(api: FlaskClient, app: Flask, user: Account) -> None:
    assert api.post("/api/v1/probe", json={}).status_code == 401
    _, plaintext = issue(app, user)
    forged = plaintext[:-2] + ("AA" if not plaintext.endswith("AA") else "BB")
    response = api.post("/api/v1/probe", json={}, headers=bearer(forged))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_wrong_scope_gets_403(api: FlaskClient, app: Flask, user: Account) -> None:
    _, plaintext = issue(app, user, scopes=("ai:chat",))
    assert api.post("/api/v1/probe", json={}, headers=bearer(plaintext)).status_code == 403


def test_expired_token_gets_401(api: FlaskClient, app: Flask, user: Account) -> None:
    token_id, plaintext = issue(app, user)
    with app.app_context():
        from {{ cookiecutter.package_name }}.security.tokens import ApiToken

        db.session.get(ApiToken, token_id).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert api.post("/api/v1/probe", json={}, headers=bearer(plaintext)).status_code == 401


def test_a_token_stops_working_when_its_lifetime_ends(
    api: FlaskClient, app: Flask, user: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Independent of the edited-row test above: the token is issued with a lifetime and the
    clock the token layer reads moves past it; one second before the end it still works."""
    from {{ cookiecutter.package_name }}.security import tokens

    _, plaintext = issue(app, user, ttl=timedelta(days=1))
    real = tokens.utcnow
    for elapsed, status in ((timedelta(hours=23, minutes=59, seconds=59), 200), (timedelta(days=1), 401)):
        monkeypatch.setattr(tokens, "utcnow", lambda elapsed=elapsed: real() + elapsed)
        assert api.post("/api/v1/probe", json={}, headers=bearer(plaintext)).status_code == status


def test_revoked_token_gets_401(api: FlaskClient, app: Flask, user: Account) -> None:
    token_id, plaintext = issue(app, user)
    with app.app_context():
        assert revoke_token(token_id, user.id)
    assert api.post("/api/v1/probe", json={}, headers=bearer(plaintext)).status_code == 401


@pytest.mark.parametrize("name", ["access_token", "token", "api_key"])
def test_token_in_query_string_is_refused(api: FlaskClient, app: Flask, user: Account, name: str) -> None:
    _, plaintext = issue(app, user)
    response = api.post(f"/api/v1/probe?{name}={plaintext}", json={})
    assert response.status_code == 400
    response = api.post(f"/api/v1/probe?{name}={plaintext}", json={}, headers=bearer(plaintext))
    assert response.status_code == 400


def test_one_user_cannot_revoke_or_list_anothers_tokens(app: Flask, user: Account) -> None:
    token_id, _ = issue(app, user)
    with app.app_context():
        mallory = create_user("mallory@example.com", PASSWORD)
        assert revoke_token(token_id, mallory.id) is False
        assert tokens_of(mallory.id) == []
        assert [t.id for t in tokens_of(user.id)] == [token_id]
        from {{ cookiecutter.package_name }}.security.tokens import ApiToken

        assert db.session.get(ApiToken, token_id).revoked_at is None


@pytest.mark.parametrize(
    ("scopes", "ttl"),
    [
        ((), None),
        (("admin:all",), None),
        (("ai:predict",), timedelta(days=4000)),
        (("ai:predict",), -timedelta(1)),
        (("ai:predict",), timedelta(0)),
    ],
)
def test_bad_token_requests_are_refused(app: Flask, user: Account, scopes, ttl) -> None:  # type: ignore[no-untyped-def]
    with app.app_context(), pytest.raises(ValueError):
        create_token(user.id, "bad", scopes, ttl)


def test_last_use_is_recorded(api: FlaskClient, app: Flask, user: Account) -> None:
    _, plaintext = issue(app, user)
    api.post("/api/v1/probe", json={}, headers=bearer(plaintext))
    with app.app_context():
        assert tokens_of(user.id)[0].last_used_at is not None


def test_cli_creates_lists_and_revokes(app: Flask, user: Account) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(args=["tokens", "create", user.email, "--scope", "ai:chat", "--days", "7"])
    assert created.exit_code == 0, created.output
    plaintext = created.output.strip().splitlines()[-1]
    assert plaintext.startswith(app.config["API_TOKEN_PREFIX"] + "_")
    listed = runner.invoke(args=["tokens", "list", user.email])
    assert plaintext not in listed.output and "ai:chat" in listed.output
    token_id = listed.output.split("\t", 1)[0]
    assert runner.invoke(args=["tokens", "revoke", token_id]).exit_code == 0
    assert runner.invoke(args=["tokens", "revoke", "9999"]).exit_code != 0


@pytest.mark.postgres
def test_a_failed_token_lookup_on_postgresql_answers_503_then_recovers(postgres_url: str) -> None:
    """A database error during the token lookup reaches the app as SQLAlchemy's OperationalError
    (a 503, never a 500), the row's timestamps are read as SQLAlchemy reads them, and a
    connection that the server ended is replaced rather than reused."""
    engine_options = {"pool_pre_ping": True, "connect_args": {"options": "-c lock_timeout=200"}}
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url, SQLALCHEMY_ENGINE_OPTIONS=engine_options)
    with app.app_context():
        owner = create_user("pg@example.com", PASSWORD)
        _, plaintext = create_token(owner.id, "pg", ("ai:predict",), None)
        old, expired = create_token(owner.id, "old", ("ai:predict",), None)
        old.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()

    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict:
        return {"user_id": g.user_id}

    client = app.test_client()

    def call(token: str = plaintext) -> int:
        return client.post("/api/v1/probe", json={}, headers=bearer(token)).status_code

    assert (call(), call(expired)) == (200, 401)
    locker = create_engine(postgres_url)
    with locker.connect() as conn:  # holds the table until the rollback: the lookup times out
        conn.execute(text("LOCK TABLE api_tokens IN ACCESS EXCLUSIVE MODE"))
        refused = client.post("/api/v1/probe", json={}, headers=bearer(plaintext))
        conn.rollback()
    locker.dispose()
    assert refused.status_code == 503 and refused.is_json
    assert call() == 200
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # the server ends every other connection to this database
        ended = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
    admin.dispose()
    assert ended and call() == 200


def test_a_database_that_cannot_be_reached_answers_api_calls_503() -> None:
    """The token lookup checks a connection out of the pool itself; when the pool cannot connect
    (a database restarting) the driver's error must still be SQLAlchemy's OperationalError: the
    soak saw 500s here before it was translated."""
    from {{ cookiecutter.package_name }} import create_app

    app = create_app(settings(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent-dir/x.db"))

    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict:
        return {}

    response = app.test_client().post("/api/v1/probe", json={}, headers=bearer("sfa_" + "x" * 43))
    assert response.status_code == 503 and response.is_json
    assert int(response.headers["Retry-After"]) > 0
