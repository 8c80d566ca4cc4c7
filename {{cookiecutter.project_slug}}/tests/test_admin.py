"""The admin area (checklist 22, 23, 26): role-gated, second factor when MFA exists, audited actions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient

from conftest import (
    PASSWORD,
    Account,
    complete_second_factor,
    form_post,
    meanwhile,
    production_settings,
    shared_database,
    two_workers,
)
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.events import security_event
from {{ cookiecutter.package_name }}.security.tokens import api_auth, create_token
from {{ cookiecutter.package_name }}.users import User, create_user


def login(client: FlaskClient, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return form_post(client, "/auth/login", {"email": email, "password": password})


def logged_in(client: FlaskClient) -> bool:
    return client.get("/auth/password").status_code == 200


@pytest.fixture
def admin(app: Flask) -> FlaskClient:
    with app.app_context():
        create_user("root@example.com", PASSWORD, role="admin")
    client = app.test_client()
    login(client, "root@example.com")
    complete_second_factor(client)
    return client


@pytest.fixture
def events(app: Flask) -> Iterator[list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []

    def record(sender: Flask, **event: Any) -> None:
        seen.append(event)

    security_event.connect(record, sender=app)
    yield seen
    security_event.disconnect(record, sender=app)


def act(admin: FlaskClient, action: str) -> Any:
    return form_post(admin, "/admin/", {}, action=action)


def test_anonymous_visitors_are_sent_to_login(client: FlaskClient) -> None:
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert client.post("/admin/users/1/disable").status_code in (302, 400)  # never performed


def test_ordinary_users_are_refused(client: FlaskClient, user: Account, events: list[dict[str, Any]]) -> None:
    login(client, user.email)
    assert client.get("/admin/").status_code == 403
    assert act(client, f"/admin/users/{user.id}/sessions/revoke").status_code == 403
    assert {"event": "admin_action", "outcome": "refused"}.items() <= events[-1].items()


def test_admin_sees_every_user(admin: FlaskClient, user: Account) -> None:
    page = admin.get("/admin/").get_data(as_text=True)
    assert user.email in page and "root@example.com" in page


@pytest.fixture
def probe(app: Flask) -> None:
    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict[str, Any]:
        return {"user_id": g.user_id}


def test_disabling_ends_sessions_revokes_tokens_and_blocks_login(
    app: Flask, probe: None, admin: FlaskClient, user: Account, events: list[dict[str, Any]]
) -> None:
    victim = app.test_client()
    login(victim, user.email)
    with app.app_context():
        _, token = create_token(user.id, "script", ["ai:predict"])
    api = app.test_client()
    assert api.post("/api/v1/probe", json={}, headers={"Authorization": f"Bearer {token}"}).status_code == 200

    assert act(admin, f"/admin/users/{user.id}/disable").status_code == 302
    assert not logged_in(victim)
    assert api.post("/api/v1/probe", json={}, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert login(app.test_client(), user.email).status_code == 401
    event = next(e for e in events if e["event"] == "admin_action")
    assert event["details"]["action"] == "disable_user"
    assert event["details"]["target_user_id"] == user.id
    assert event["details"]["sessions_ended"] == 1 and event["details"]["tokens_revoked"] == 1

    assert act(admin, f"/admin/users/{user.id}/enable").status_code == 302
    assert login(app.test_client(), user.email).status_code == 302


def test_revoking_sessions_logs_the_user_out(
    app: Flask, admin: FlaskClient, user: Account, events: list[dict[str, Any]]
) -> None:
    victim = app.test_client()
    login(victim, user.email)
    assert act(admin, f"/admin/users/{user.id}/sessions/revoke").status_code == 302
    assert not logged_in(victim)
    assert events[-1]["details"]["action"] == "revoke_sessions"


def test_admin_cannot_disable_themselves(app: Flask, admin: FlaskClient) -> None:
    with app.app_context():
        me = db.session.scalar(db.select(User).where(User.email == "root@example.com"))
        my_id = me.id
    act(admin, f"/admin/users/{my_id}/disable")
    with app.app_context():
        assert db.session.get(User, my_id).active
    act(admin, f"/admin/users/{my_id}/sessions/revoke")
    assert admin.get("/admin/").status_code == 200  # the current session is kept


@pytest.mark.parametrize("database", ["sqlite file", "postgresql"])
def test_two_administrators_disabling_each_other_at_once_leave_one_active(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    """Two workers: the other administrator disables this one between this one's checks and its
    write (on PostgreSQL it waits for this request's locks instead). One action is done, the other
    refused with a 409, and an active administrator is left to enter the admin area."""
    first, second = two_workers(shared_database(request, tmp_path, database))
    with first.app_context():
        root_id = create_user("root@example.com", PASSWORD, role="admin").id
        deputy_id = create_user("deputy@example.com", PASSWORD, role="admin").id
    root, deputy = first.test_client(), second.test_client()
    for client, email in ((root, "root@example.com"), (deputy, "deputy@example.com")):
        login(client, email)
        complete_second_factor(client)

    def the_deputy_disables_root() -> Any:
        return act(deputy, f"/admin/users/{root_id}/disable")

    with meanwhile(first, "UPDATE users", the_deputy_disables_root, may_wait=2) as other:
        late = act(root, f"/admin/users/{deputy_id}/disable")
    assert other and other[0] is not None, "the race did not happen"
    assert sorted([other[0].status_code, late.status_code]) == [302, 409]
    with first.app_context():
        active = db.session.scalars(db.select(User.email).where(User.role == "admin", User.active)).all()
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()
    assert len(active) == 1


def test_unknown_user_is_404(admin: FlaskClient) -> None:
    assert act(admin, "/admin/users/9999/disable").status_code == 404


def test_actions_are_post_only_and_csrf_checked(app: Flask, admin: FlaskClient, user: Account) -> None:
    assert admin.get(f"/admin/users/{user.id}/disable").status_code == 405
    if "csrf" in app.extensions:
        assert admin.post(f"/admin/users/{user.id}/disable").status_code == 400
        with app.app_context():
            assert db.session.get(User, user.id).active


def test_admin_without_second_factor_is_reported() -> None:
    def ids(gate: bool) -> set[str]:
        app = create_app(production_settings(PROFILE="testing", TESTING=False))
        app.config["PROFILE"] = "production"
        if not gate:
            app.extensions.pop("second_factor_gate", None)
        result = app.test_cli_runner().invoke(args=["security", "check", "--deploy", "--format", "json"])
        return {f["id"] for f in json.loads(result.stdout)}

    assert "SFA-A006" in ids(gate=False)
    gated = "second_factor_gate" in create_app(production_settings(PROFILE="testing")).extensions
    assert ("SFA-A006" in ids(gate=True)) is not gated
