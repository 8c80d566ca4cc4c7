"""The API token page (checklist 22, 27): own tokens only, shown once, POST + CSRF, 404 for others'."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from sqlalchemy import text

from conftest import PASSWORD, Account, form_post, make_app, meanwhile
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.tokens import ApiToken, api_auth, create_token, tokens_of
from {{ cookiecutter.package_name }}.users import create_user

NEW_TOKEN = re.compile(r'<code id="new-token"[^>]*>([^<]+)</code>')


@pytest.fixture
def alice(app: Flask, user: Account) -> FlaskClient:
    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict[str, Any]:
        return {"user_id": g.user_id}

    client = app.test_client()
    form_post(client, "/auth/login", {"email": user.email, "password": PASSWORD})
    return client


@pytest.fixture
def mallory_token(app: Flask) -> tuple[int, str]:
    with app.app_context():
        mallory = create_user("mallory@example.com", PASSWORD)
        token, plaintext = create_token(mallory.id, "mallory's script", ["ai:predict"])
        return token.id, plaintext


def new_token(client: FlaskClient, **fields: Any) -> Any:
    data = {"name": "laptop", "scopes": ["ai:predict"], "days": "30"} | fields
    return form_post(client, "/account/tokens", data)


def probe(app: Flask, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return int(app.test_client().post("/api/v1/probe", json={}, headers=headers).status_code)


def test_page_needs_login(client: FlaskClient) -> None:
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_created_token_is_shown_once_and_works(app: Flask, alice: FlaskClient, user: Account) -> None:
    response = new_token(alice)
    assert response.status_code == 201
    plaintext = NEW_TOKEN.search(response.get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    assert plaintext.startswith(app.config["API_TOKEN_PREFIX"] + "_")
    assert response.headers["Cache-Control"] == "no-store"
    assert probe(app, plaintext) == 200
    listing = alice.get("/account/tokens").get_data(as_text=True)
    assert plaintext not in listing and "laptop" in listing and "ai:predict" in listing
    with app.app_context():
        raw = str(db.session.execute(text("SELECT * FROM api_tokens")).all())
        assert plaintext not in raw and plaintext.split("_", 1)[1] not in raw
        token = tokens_of(user.id)[0]
        assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 30


@pytest.mark.parametrize(
    "fields",
    [{"scopes": []}, {"scopes": ["admin:all"]}, {"days": "4000"}, {"days": "0"}, {"days": "soon"}],
)
def test_bad_requests_are_refused(app: Flask, alice: FlaskClient, user: Account, fields: dict) -> None:
    assert new_token(alice, **fields).status_code == 422
    with app.app_context():
        assert tokens_of(user.id) == []


def test_list_shows_only_your_tokens(alice: FlaskClient, mallory_token: tuple[int, str]) -> None:
    new_token(alice)
    page = alice.get("/account/tokens").get_data(as_text=True)
    assert "mallory&#39;s script" not in page and "mallory's script" not in page


def test_revoking_your_token(app: Flask, alice: FlaskClient, user: Account) -> None:
    plaintext = NEW_TOKEN.search(new_token(alice).get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    with app.app_context():
        token_id = tokens_of(user.id)[0].id
    assert (
        form_post(alice, "/account/tokens", {}, action=f"/account/tokens/{token_id}/revoke").status_code
        == 302
    )
    assert probe(app, plaintext) == 401
    assert "revoked" in alice.get("/account/tokens").get_data(as_text=True)


def test_another_users_token_is_not_found(
    app: Flask, alice: FlaskClient, mallory_token: tuple[int, str]
) -> None:
    token_id, plaintext = mallory_token
    response = form_post(alice, "/account/tokens", {}, action=f"/account/tokens/{token_id}/revoke")
    assert response.status_code == 404
    missing = form_post(alice, "/account/tokens", {}, action="/account/tokens/9999/revoke")
    assert missing.status_code == 404  # same answer: ids reveal nothing
    assert probe(app, plaintext) == 200
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is None


def test_changes_are_post_only_and_csrf_checked(
    app: Flask, alice: FlaskClient, user: Account, mallory_token: tuple[int, str]
) -> None:
    assert alice.get("/account/tokens/1/revoke").status_code == 405
    if "csrf" in app.extensions:
        response = alice.post("/account/tokens", data={"name": "x", "scopes": ["ai:predict"], "days": "7"})
        assert response.status_code == 400
        with app.app_context():
            assert tokens_of(user.id) == []


def test_password_change_revokes_your_tokens(app: Flask, alice: FlaskClient) -> None:
    plaintext = NEW_TOKEN.search(new_token(alice).get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    data = {"current_password": PASSWORD, "new_password": "a brand new passphrase"}
    assert form_post(alice, "/auth/password", data).status_code == 302
    assert probe(app, plaintext) == 401


def test_revoking_is_never_held_back_by_the_token_creation_limit() -> None:
    app = make_app(RATELIMIT_TOKENS="1 per hour")
    with app.app_context():
        user_id = create_user("bob@example.com", PASSWORD).id
    client = app.test_client()
    form_post(client, "/auth/login", {"email": "bob@example.com", "password": PASSWORD})
    assert new_token(client).status_code == 201
    with app.app_context():
        token_id = tokens_of(user_id)[0].id
    response = form_post(client, "/account/tokens", {}, action=f"/account/tokens/{token_id}/revoke")
    assert response.status_code == 302


def test_a_token_made_in_a_session_that_a_password_change_ends_meanwhile_dies_with_it(tmp_path: Path) -> None:
    """The session was checked; the owner's password change in another worker then ended it and
    revoked every token; then this token was written, and it outlived the change (a thief's
    session minting itself a way back in). The session is now asked again after the insert."""
    shared = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.db'}",
        "SECRET_KEY": secrets.token_hex(),
    }
    app, other = make_app(**shared), make_app(**shared)
    with other.app_context():
        create_user("alice@example.com", PASSWORD)
    thief, owner = app.test_client(), other.test_client()
    for client in (thief, owner):
        assert (
            form_post(client, "/auth/login", {"email": "alice@example.com", "password": PASSWORD}).status_code
            == 302
        )
    new_password = {"current_password": PASSWORD, "new_password": "the owner's new passphrase"}
    with meanwhile(
        app, "INSERT INTO api_tokens", lambda: form_post(owner, "/auth/password", new_password)
    ) as change:
        made = new_token(thief)
    assert change and change[0].status_code == 302, "the race did not happen"
    assert made.status_code == 401 and not NEW_TOKEN.search(made.get_data(as_text=True))
    with app.app_context():
        assert [token.revoked_at is not None for token in tokens_of(1)] == [True]
