"""A user's own data, attacked: export and deletion without the password, without CSRF, by the
last administrator; what the export holds (and never holds); what deletion leaves behind."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text

from conftest import (
    PASSWORD,
    complete_second_factor,
    form_post,
    make_app,
    meanwhile,
    shared_database,
    two_workers,
)
from {{ cookiecutter.package_name }}.ai import history
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.login import LoginSession
from {{ cookiecutter.package_name }}.security.mail import postman
from {{ cookiecutter.package_name }}.security.tokens import ApiToken, create_token
from {{ cookiecutter.package_name }}.users import User, create_user
from smtp import login, signed_in

HAS_AUDIT = importlib.util.find_spec("{{ cookiecutter.package_name }}.security.audit") is not None


@pytest.fixture
def alice(app: Flask) -> tuple[FlaskClient, str]:
    """Alice, signed in, with an API token and one AI call in her history; her token's plaintext."""
    with app.app_context():
        user = create_user("alice@example.com", PASSWORD)
        _, plaintext = create_token(user.id, "script", ["ai:predict"])
        history.record(
            user.id, 30, endpoint="chat", provider="local", model="m", input="my question", output="an answer"
        )
        db.session.commit()
    client = app.test_client()
    assert login(client).status_code == 302
    return client, plaintext


def export(client: FlaskClient, password: str = PASSWORD) -> Any:
    return form_post(client, "/account/data", {"current_password": password}, action="/account/data/export")


def delete(client: FlaskClient, password: str = PASSWORD, confirm: str = "alice@example.com") -> Any:
    return form_post(
        client,
        "/account/data",
        {"current_password": password, "confirm": confirm},
        action="/account/data/delete",
    )


def test_the_export_holds_the_account_and_never_a_secret(app: Flask, alice: tuple[FlaskClient, str]) -> None:
    client, plaintext = alice
    response = export(client)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="account-data.json"'
    assert "no-store" in response.headers["Cache-Control"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "alice@example.com" and data["account"]["email_confirmed"] is True
    assert len(data["sessions"]) == 1
    [token] = data["api_tokens"]
    assert token["name"] == "script" and token["scopes"] == ["ai:predict"]
    [call] = data["ai_history"]
    assert (call["input"], call["output"]) == ("my question", "an answer")
    if "mfa.setup" in app.view_functions:  # the MFA option
        assert data["two_step_verification"]["totp_enabled"] is False
    raw = response.get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(User, 1)
        token_hash = db.session.scalar(select(ApiToken.token_hash))
    assert stored is not None and stored.password_hash not in raw
    assert plaintext not in raw and str(token_hash) not in raw


@pytest.mark.parametrize("action", ["export", "delete"])
def test_both_need_the_password(app: Flask, alice: tuple[FlaskClient, str], action: str) -> None:
    client, _ = alice
    refused = (export if action == "export" else delete)(client, "not the password at all")
    assert refused.status_code == 401 and "application/json" not in refused.content_type
    with app.app_context():
        assert db.session.get(User, 1) is not None


@pytest.mark.parametrize("action", ["export", "delete"])
def test_both_refuse_a_cross_site_request(app: Flask, alice: tuple[FlaskClient, str], action: str) -> None:
    """A forged form from another site, with the victim's cookie and even their password: no token."""
    if "csrf" not in app.extensions:  # Flask-WTF's extension
        pytest.skip("this project has no CSRF protection (use_csrf is off)")
    client, _ = alice
    forged = client.post(
        f"/account/data/{action}",
        data={"current_password": PASSWORD, "confirm": "alice@example.com"},
        headers={"Origin": "https://evil.test"},
    )
    assert forged.status_code == 400
    with app.app_context():
        assert db.session.get(User, 1) is not None


def test_deletion_needs_the_address_typed_out(app: Flask, alice: tuple[FlaskClient, str]) -> None:
    client, _ = alice
    assert delete(client, confirm="yes").status_code == 422
    assert signed_in(client)


def test_deletion_removes_everything_that_hangs_on_the_account(
    app: Flask, alice: tuple[FlaskClient, str]
) -> None:
    client, plaintext = alice
    stolen = app.test_client()  # another session of Alice's (or a copy of her cookie)
    login(stolen)
    done = delete(client)
    assert done.status_code == 303
    assert not signed_in(client) and not signed_in(stolen)
    api = app.test_client().get("/api/v1/history", headers={"Authorization": f"Bearer {plaintext}"})
    assert api.status_code == 401
    with app.app_context():
        for table in ("users", "login_sessions", "api_tokens", "ai_calls"):
            count = db.session.scalar(select(func.count()).select_from(text(table)))
            assert count == 0, f"{table} keeps {count} rows of a deleted account"
    assert postman(app).drain()  # the locmem backend keeps what it sent on the app's mail state
    [last] = app.extensions["mailman"].outbox[-1:]
    assert last.to == ["alice@example.com"] and last.subject.endswith("your account was deleted")


def test_the_address_can_register_again_after_deletion(app: Flask, alice: tuple[FlaskClient, str]) -> None:
    client, _ = alice
    delete(client)
    again = form_post(
        app.test_client(), "/auth/register", {"email": "alice@example.com", "password": PASSWORD}
    )
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_the_last_administrator_cannot_delete_their_account(app: Flask) -> None:
    with app.app_context():
        create_user("root@example.com", PASSWORD, role="admin")
    client = app.test_client()
    login(client, "root@example.com")
    complete_second_factor(client, "/account/data")  # with MFA, admins enrol before any page
    refused = delete(client, confirm="root@example.com")
    assert refused.status_code == 409 and "last administrator" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


@pytest.mark.parametrize("database", ["sqlite file", "postgresql"])
def test_two_administrators_deleting_themselves_at_once_leave_one(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    """The last-administrator check raced by two workers: the other administrator deletes their
    account between this one's check and its delete (on PostgreSQL it waits for this request's
    locks instead). One is deleted, the other refused, and the admin area keeps an administrator."""
    first, second = two_workers(shared_database(request, tmp_path, database))
    with first.app_context():
        create_user("root@example.com", PASSWORD, role="admin")
        create_user("deputy@example.com", PASSWORD, role="admin")
    root, deputy = first.test_client(), second.test_client()
    for client, email in ((root, "root@example.com"), (deputy, "deputy@example.com")):
        login(client, email)
        complete_second_factor(client, "/account/data")

    def the_deputy_leaves() -> Any:
        return delete(deputy, confirm="deputy@example.com")

    with meanwhile(first, "DELETE FROM users", the_deputy_leaves, may_wait=2) as other:
        late = delete(root, confirm="root@example.com")
    assert other and other[0] is not None, "the race did not happen"
    assert sorted([other[0].status_code, late.status_code]) == [303, 409]
    with first.app_context():
        admins = db.session.scalars(select(User.email).where(User.role == "admin", User.active)).all()
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()
    assert len(admins) == 1


def test_the_deletion_sent_twice_at_once_deletes_once_and_notifies_once(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The form sent twice at once (a double click reaching two workers): the second request passes
    its checks while the first deletes. It finds the account gone and answers as deleted, without a
    second notice (nor a "last administrator" refusal)."""
    first, second = two_workers(shared_database(request, tmp_path, "sqlite file"))
    with first.app_context():
        create_user("alice@example.com", PASSWORD)
    late_tab, other_tab = first.test_client(), second.test_client()
    login(late_tab)
    login(other_tab)
    with meanwhile(first, "DELETE FROM users", lambda: delete(other_tab)) as other:
        late = delete(late_tab)
    assert other and other[0].status_code == 303, "the race did not happen"
    assert late.status_code == 303
    notices = []
    for app in (first, second):
        postman(app).drain()
        sent = getattr(app.extensions["mailman"], "outbox", [])  # the locmem backend makes it on a send
        notices += [message for message in sent if message.subject.endswith("account was deleted")]
    assert len(notices) == 1


@pytest.mark.skipif(not HAS_AUDIT, reason="this project has no audit trail (use_audit_log is off)")
def test_deletion_keeps_the_audit_chain_verifiable(app: Flask, alice: tuple[FlaskClient, str]) -> None:
    from {{ cookiecutter.package_name }}.security.audit import AuditEvent, verify_stored

    client, _ = alice
    delete(client)
    with app.app_context():
        verdict = verify_stored()
        assert verdict.ok and verdict.verified > 0
        kept = db.session.scalars(select(AuditEvent.event).where(AuditEvent.user_id == 1)).all()
    assert "account_delete" in kept and "login" in kept  # kept, under the id that no account has now


@pytest.mark.parametrize("database", ["sqlite file", "postgresql"])
def test_the_database_deletes_what_hangs_on_a_deleted_account(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    """On both databases (the suite's default is SQLite in memory): SQLite enforces foreign keys
    only on connections that ask (db.py asks); PostgreSQL always does."""
    app = make_app(SQLALCHEMY_DATABASE_URI=shared_database(request, tmp_path, database))
    with app.app_context():
        user = create_user("alice@example.com", PASSWORD)
        create_token(user.id, "script", ["ai:predict"])
        db.session.commit()
    client = app.test_client()
    login(client)
    assert delete(client).status_code == 303
    with app.app_context():
        for model in (User, LoginSession, ApiToken):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0, model.__tablename__
        db.engine.dispose()
