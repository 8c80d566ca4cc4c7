"""Login, sessions and accounts (checklist 14-21, 23): attack-style tests."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from conftest import (
    PASSWORD,
    Account,
    assert_reported,
    confirm_address,
    csrf_from,
    form_post,
    listening,
    make_app,
    meanwhile,
)
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.login import LoginSession, safe_next
from {{ cookiecutter.package_name }}.users import User, create_user


def login(client: FlaskClient, email: str = "alice@example.com", password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return form_post(client, "/auth/login", {"email": email, "password": password, **extra})


def logged_in(client: FlaskClient) -> bool:
    return client.get("/auth/password").status_code == 200


def test_register_then_login(client: FlaskClient, app: Flask) -> None:
    response = form_post(client, "/auth/register", {"email": "Bob@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    first = login(client, "bob@example.com")
    if confirm_address(app, "bob@example.com"):  # account mail: no session before the address is proved
        assert first.status_code == 403 and not logged_in(client)
        first = login(client, "bob@example.com")
    assert first.status_code == 302
    assert logged_in(client)


def test_register_existing_email_looks_like_success(client: FlaskClient, user: Account) -> None:
    new = form_post(client, "/auth/register", {"email": "new@example.com", "password": PASSWORD})
    existing = form_post(client, "/auth/register", {"email": user.email, "password": PASSWORD + "x"})
    assert (new.status_code, new.headers["Location"]) == (existing.status_code, existing.headers["Location"])
    with client.application.app_context():
        count = select(db.func.count()).select_from(User).where(User.email == user.email)
        assert db.session.scalar(count) == 1


def test_one_address_registered_twice_at_once_gets_one_account_and_no_error(tmp_path: Path) -> None:
    """Two submissions of one new address race: both find it free, and the second insert breaks the
    unique constraint. The loser gets the answer of a taken address (it was a 500, which also told
    that the address had just been registered)."""
    uri = f"sqlite:///{tmp_path / 'race.db'}"
    first, second = make_app(SQLALCHEMY_DATABASE_URI=uri), make_app(SQLALCHEMY_DATABASE_URI=uri)
    form = {"email": "race@example.com", "password": PASSWORD}
    client = first.test_client()
    token = csrf_from(client.get("/auth/register").get_data(as_text=True))
    winner: list[Any] = []

    def the_other_submission_wins(session: Any, *_: Any) -> None:
        """At the first app's flush of the new account, the second app registers the address."""
        if not winner and any(isinstance(new, User) for new in session.new):
            winner.append(None)
            winner[0] = form_post(second.test_client(), "/auth/register", form)

    with listening(db.session, "before_flush", the_other_submission_wins):
        loser = client.post("/auth/register", data={**form, "csrf_token": token})
    assert winner and winner[0].status_code == 302, "the race did not happen"
    assert (loser.status_code, loser.headers["Location"]) == (302, winner[0].headers["Location"])
    with first.app_context():
        count = select(db.func.count()).select_from(User).where(User.email == "race@example.com")
        assert db.session.scalar(count) == 1


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short", "at least"),
        ("password1234", "too common"),
        ("alice@example.com", "e-mail"),
    ],
)
def test_password_policy_refuses(client: FlaskClient, password: str, reason: str) -> None:
    email = "alice@example.com"
    response = form_post(client, "/auth/register", {"email": email, "password": password})
    assert response.status_code == 422
    assert reason in response.get_data(as_text=True)


def test_long_passwords_are_neither_refused_nor_truncated(client: FlaskClient, app: Flask) -> None:
    long = "x7!" * 40  # 120 characters, no composition rules
    form_post(client, "/auth/register", {"email": "long@example.com", "password": long})
    confirm_address(app, "long@example.com")
    assert login(client, "long@example.com", long[:-1]).status_code == 401  # no truncation
    assert login(client, "long@example.com", long).status_code == 302


def test_hash_is_argon2id(app: Flask, user: Account) -> None:
    with app.app_context():
        stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_no_user_enumeration(client: FlaskClient, user: Account) -> None:
    unknown = login(client, "nobody@example.com", "wrong password here")
    wrong = login(client, user.email, "wrong password here")
    assert unknown.status_code == wrong.status_code == 401

    def text(r) -> str:  # type: ignore[no-untyped-def]
        return r.get_data(as_text=True).replace("nobody@example.com", "E").replace(user.email, "E")

    strip = __import__("re").compile(r'value="[^"]*"|nonce="[^"]*"|content="[^"]*"')
    assert strip.sub("", text(unknown)) == strip.sub("", text(wrong))


def test_session_content_rotates_at_login(client: FlaskClient, user: Account) -> None:
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker before login"
    login(client)
    with client.session_transaction() as sess:
        assert "planted" not in sess


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:evil.example",
        "/%09/evil.example",
        " //evil.example",
    ],
)
def test_next_cannot_leave_the_site(client: FlaskClient, user: Account, target: str) -> None:
    token_page = client.get("/auth/login")
    assert token_page.status_code == 200
    response = form_post(client, f"/auth/login?next={target}", {"email": user.email, "password": PASSWORD})
    location = response.headers["Location"]
    assert location in ("/", "https://localhost/"), location


def test_next_inside_the_site_is_followed(client: FlaskClient, user: Account) -> None:
    response = form_post(
        client, "/auth/login?next=/auth/password", {"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"].endswith("/auth/password")
    assert safe_next("/a/b?c=d") == "/a/b?c=d"


def test_logout_is_post_only(client: FlaskClient, user: Account) -> None:
    login(client)
    assert client.get("/auth/logout").status_code == 405
    assert logged_in(client)


def test_cookie_copied_before_logout_no_longer_works(app: Flask, client: FlaskClient, user: Account) -> None:
    login(client)
    stolen = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    form_post(client, "/", {}, action="/auth/logout")
    assert not logged_in(client)
    attacker = app.test_client()
    attacker.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen, domain="localhost")
    assert not logged_in(attacker)


def test_logout_revokes_the_server_side_session_and_the_remember_cookie(app: Flask, user: Account) -> None:
    """Independent of the copied-cookie test above: the server-side row is gone, and a
    remember-me cookie copied before logout does not log anyone back in."""
    client = app.test_client()
    login(client, remember="on")
    remember = client.get_cookie(app.config["REMEMBER_COOKIE_NAME"]).value
    with app.app_context():
        assert db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).all()
    form_post(client, "/", {}, action="/auth/logout")
    with app.app_context():
        assert db.session.scalars(select(LoginSession).where(LoginSession.user_id == user.id)).all() == []
    thief = app.test_client()
    thief.set_cookie(app.config["REMEMBER_COOKIE_NAME"], remember, domain="localhost")
    assert not logged_in(thief)


def test_password_change_ends_other_sessions(app: Flask, user: Account) -> None:
    laptop, phone = app.test_client(), app.test_client()
    login(laptop)
    login(phone, remember="on")
    remember_cookie = phone.get_cookie(app.config["REMEMBER_COOKIE_NAME"]).value
    response = form_post(
        laptop, "/auth/password", {"current_password": PASSWORD, "new_password": "a brand new passphrase"}
    )
    assert response.status_code == 302
    assert logged_in(laptop)
    assert not logged_in(phone)
    thief = app.test_client()
    thief.set_cookie(app.config["REMEMBER_COOKIE_NAME"], remember_cookie, domain="localhost")
    assert not logged_in(thief)


def test_password_change_needs_the_current_password(client: FlaskClient, user: Account) -> None:
    login(client)
    response = form_post(
        client, "/auth/password", {"current_password": "wrong", "new_password": "whatever long enough"}
    )
    assert response.status_code == 401


# Two workers at once: another app on the same database file acts just before this one writes.

NEW_PASSWORD = "a brand new passphrase"


def two_workers(tmp_path: Path, **settings: Any) -> tuple[Flask, Flask]:
    """Two apps of one deployment (one database file, one key; ``settings`` for the first) and
    Alice's account."""
    shared = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.db'}",
        "SECRET_KEY": secrets.token_hex(),
    }
    one, other = make_app(**shared, **settings), make_app(**shared)
    with other.app_context():
        create_user("alice@example.com", PASSWORD)
    return one, other


def change_password(client: FlaskClient, new: str) -> Any:
    return form_post(client, "/auth/password", {"current_password": PASSWORD, "new_password": new})


def signed_in_elsewhere(app: Flask) -> FlaskClient:
    phone = app.test_client()
    assert login(phone).status_code == 302
    return phone


def test_a_login_with_the_old_password_does_not_undo_a_change_made_meanwhile(tmp_path: Path) -> None:
    """The login checked the old password and, its hash made with older parameters, stores it
    again under the current ones; the change commits in between. It was written back over the
    change, so the old password worked again."""
    laptop, other = two_workers(tmp_path, PASSWORD_HASH_FAST=False)  # newer hashing parameters
    phone = signed_in_elsewhere(other)
    with meanwhile(laptop, "UPDATE users", lambda: change_password(phone, NEW_PASSWORD)) as change:
        late = login(laptop.test_client())
    assert change and change[0].status_code == 302, "the race did not happen"
    assert late.status_code == 401
    assert login(other.test_client(), password=NEW_PASSWORD).status_code == 302
    assert login(other.test_client()).status_code == 401


def test_a_login_checked_before_a_change_made_meanwhile_opens_no_session(tmp_path: Path) -> None:
    """A change ends every session of the account; a login with the old password that checked it
    just before the change, and wrote its session just after, kept that session."""
    laptop, other = two_workers(tmp_path)
    phone = signed_in_elsewhere(other)
    attacker = laptop.test_client()
    with meanwhile(
        laptop, "INSERT INTO login_sessions", lambda: change_password(phone, NEW_PASSWORD)
    ) as change:
        late = login(attacker)
    assert change and change[0].status_code == 302, "the race did not happen"
    assert late.status_code == 401
    assert not logged_in(attacker)


def test_two_password_changes_at_once_do_not_both_report_success(tmp_path: Path) -> None:
    """Two windows change the password at once: both checked the current one. Both were told
    "Password changed" and the first's new password silently did not work."""
    laptop, other = two_workers(tmp_path)
    first, phone = signed_in_elsewhere(laptop), signed_in_elsewhere(other)
    with meanwhile(
        laptop, "UPDATE users", lambda: change_password(phone, "the phone's new passphrase")
    ) as change:
        late = change_password(first, "the laptop's new passphrase")
    assert change and change[0].status_code == 302, "the race did not happen"
    assert late.status_code == 409 and "changed meanwhile" in late.get_data(as_text=True)
    assert login(other.test_client(), password="the phone's new passphrase").status_code == 302


def test_a_request_whose_session_ends_meanwhile_is_logged_out_not_a_500(tmp_path: Path) -> None:
    """The request found its session, then refreshes its last-seen time; a password change in
    another worker deleted the row in between. The update of a vanished row was a 500."""
    laptop, other = two_workers(tmp_path, SESSION_TOUCH_INTERVAL=timedelta(0))
    browser, phone = signed_in_elsewhere(laptop), signed_in_elsewhere(other)
    with meanwhile(laptop, "UPDATE login_sessions", lambda: change_password(phone, NEW_PASSWORD)) as change:
        answer = browser.get("/auth/password")
    assert change and change[0].status_code == 302, "the race did not happen"
    assert answer.status_code == 302 and "/auth/login" in answer.headers["Location"]


def test_session_cookie_flags(app: Flask, client: FlaskClient, user: Account) -> None:
    response = login(client, remember="on")
    cookies = response.headers.getlist("Set-Cookie")
    for name in (app.config["SESSION_COOKIE_NAME"], app.config["REMEMBER_COOKIE_NAME"]):
        header = next(c for c in cookies if c.startswith(name + "="))
        assert name.startswith("__Host-")
        lowered = header.lower()
        assert "; secure" in lowered and "; httponly" in lowered and "samesite=lax" in lowered
        assert "path=/" in lowered and "domain=" not in lowered
    remember = next(c for c in cookies if c.startswith(app.config["REMEMBER_COOKIE_NAME"]))
    assert "Max-Age=1209600" in remember or "expires" in remember.lower()


def test_idle_timeout(app: Flask, client: FlaskClient, user: Account) -> None:
    login(client)
    with app.app_context():
        record = db.session.scalars(select(LoginSession)).one()
        record.last_seen -= app.config["SESSION_IDLE_TIMEOUT"] + timedelta(seconds=1)
        db.session.commit()
    assert not logged_in(client)


def test_absolute_timeout(app: Flask, client: FlaskClient, user: Account) -> None:
    login(client)
    with app.app_context():
        record = db.session.scalars(select(LoginSession)).one()
        record.created_at -= app.config["SESSION_ABSOLUTE_TIMEOUT"] + timedelta(seconds=1)
        db.session.commit()
    assert not logged_in(client)


def test_disabled_user_cannot_log_in(app: Flask, client: FlaskClient, user: Account) -> None:
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert login(client).status_code == 401


def test_unauthenticated_api_gets_json_401(app: Flask) -> None:
    from flask_login import login_required

    @app.get("/api/v1/private")
    @login_required
    def private() -> dict:
        return {}

    response = app.test_client().get("/api/v1/private")
    assert response.status_code == 401
    assert response.json["status"] == 401


def test_no_default_accounts() -> None:
    app = make_app()
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_first_admin_is_created_by_the_cli(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "root@example.com", "--admin"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "root@example.com")).role == "admin"
    weak = runner.invoke(args=["users", "create", "weak@example.com"], input="password\npassword\n")
    assert weak.exit_code != 0 and "at least" in weak.output


def test_create_user_refuses_duplicates(app: Flask, user: Account) -> None:
    with app.app_context(), pytest.raises(ValueError, match="already exists"):
        create_user(user.email.upper(), PASSWORD)


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"REMEMBER_COOKIE_SECURE": False}, "SFA-C015"),
        ({"REMEMBER_COOKIE_HTTPONLY": False}, "SFA-C015"),
        ({"REMEMBER_COOKIE_SAMESITE": None}, "SFA-C016"),
        ({"REMEMBER_COOKIE_NAME": "remember_token"}, "SFA-C017"),
        ({"REMEMBER_COOKIE_DOMAIN": "example.com"}, "SFA-C017"),
        ({"REMEMBER_COOKIE_DURATION": timedelta(days=365)}, "SFA-C018"),
    ],
)
def test_each_broken_remember_cookie_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)
