"""Account mail: delivery over verified TLS to a real SMTP server, the security notices, the checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import PASSWORD, Account, assert_reported, deploy_check, form_post, make_app
from {{ cookiecutter.package_name }}.security.mail import postman, send
from {{ cookiecutter.package_name }}.users import create_user
from smtp import body, smtp_server


def over(tls: str) -> dict[str, bool]:
    """The settings that speak ``tls`` ("starttls" on 587, "implicit" on 465) to the server."""
    return {"MAIL_USE_TLS": True} if tls == "starttls" else {"MAIL_USE_SSL": True, "MAIL_USE_TLS": False}


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_mail_goes_out_over_tls_to_a_server_whose_certificate_is_trusted(tmp_path: Path, tls: str) -> None:
    with smtp_server(tmp_path, tls=tls) as inbox:
        app = make_app(**inbox.settings(**over(tls), MAIL_CA_FILE=str(inbox.certificate)))
        with app.test_request_context():
            send("alice@example.com", "hello", "reset", link="https://localhost/x", minutes=30)
        assert postman(app).drain()
        [(recipients, message)] = inbox.wait(1)
    assert recipients == ["alice@example.com"]
    assert message["Subject"].endswith(": hello") and "https://localhost/x" in body(message)


@pytest.mark.parametrize("tls", ["starttls", "implicit"])
def test_a_server_with_an_untrusted_certificate_gets_no_mail(
    tmp_path: Path, tls: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A machine in the middle presenting its own certificate: nothing is sent to it (Python's
    ``starttls()`` without a context, as Flask-Mailman's SMTP backend calls it, would send)."""
    with smtp_server(tmp_path, tls=tls) as inbox:
        app = make_app(**inbox.settings(**over(tls)))
        with app.test_request_context():
            send("alice@example.com", "reset", "reset", link="https://localhost/secret-link", minutes=30)
            assert not postman(app).drain()
        assert inbox.messages == []
    logs = capsys.readouterr().err
    assert "mail not delivered" in logs and "SSLCertVerificationError" in logs
    assert "secret-link" not in logs


def test_an_unreachable_server_loses_the_message_not_the_request() -> None:
    """SMTP down: the reset request is answered as usual (the mail is logged as not delivered)."""
    app = make_app(MAIL_BACKEND="{{ cookiecutter.package_name }}.security.mail", MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    client = app.test_client()
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
    response = form_post(client, "/auth/forgot", {"email": "alice@example.com"})
    assert response.status_code == 302
    assert not postman(app).drain()


def outbox(app: Flask) -> list[tuple[list[str], str, str]]:
    postman(app).drain()
    # Flask-Mailman's "locmem" backend keeps what it sent on the app's mail state, once it sent any.
    return [(m.to, m.subject, m.body) for m in getattr(app.extensions["mailman"], "outbox", [])]


def login(client: FlaskClient, email: str = "alice@example.com", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return form_post(client, "/auth/login", {"email": email, "password": password})


def test_a_password_change_mails_a_notice_to_the_owner(
    app: Flask, client: FlaskClient, user: Account
) -> None:
    login(client)
    new = PASSWORD + " again"
    response = form_post(client, "/auth/password", {"current_password": PASSWORD, "new_password": new})
    assert response.status_code == 302
    [(to, subject, text)] = outbox(app)
    assert to == [user.email] and subject.endswith("your password was changed")
    assert "https://localhost/auth/forgot" in text


def test_a_new_api_token_mails_a_notice(app: Flask, client: FlaskClient, user: Account) -> None:
    login(client)
    form_post(client, "/account/tokens", {"name": "ci", "scopes": "ai:predict", "days": "30"})
    assert [s for _, s, _ in outbox(app)] == [f"{app.config['APP_TITLE']}: a new API token was created"]


def test_registering_a_taken_address_tells_its_owner_and_not_the_registrant(
    app: Flask, client: FlaskClient, user: Account
) -> None:
    new = form_post(client, "/auth/register", {"email": "bob@example.com", "password": PASSWORD})
    taken = form_post(client, "/auth/register", {"email": user.email.upper(), "password": PASSWORD})
    assert new.headers["Location"] == taken.headers["Location"]
    [(new_to, confirm, _), (to, subject, text)] = outbox(app)
    assert new_to == ["bob@example.com"] and "confirm your address" in confirm  # the new account's link
    assert to == [user.email] and "someone tried to register with your address" in subject
    assert "already has one" in text


def test_a_failed_login_mails_nothing(app: Flask, client: FlaskClient, user: Account) -> None:
    login(client, password="wrong password here")
    assert outbox(app) == []


@pytest.mark.parametrize(
    ("finding", "override"),
    [
        ("SFA-M001", {"PUBLIC_URL": "https://"}),
        ("SFA-M001", {"PUBLIC_URL": "http://app.test"}),
        ("SFA-M002", {"MAIL_BACKEND": "file"}),
        ("SFA-M005", {"MAIL_BACKEND": "smtp"}),
        ("SFA-M003", {"MAIL_SERVER": None}),
        ("SFA-M003", {"MAIL_DEFAULT_SENDER": "not an address"}),
        ("SFA-M004", {"MAIL_USE_TLS": False, "MAIL_USE_SSL": False}),
    ],
)
def test_deploy_checks_refuse_mail_that_cannot_reach_users_safely(
    finding: str, override: dict[str, object]
) -> None:
    assert_reported(finding, **override)


def test_mail_to_a_local_relay_may_skip_tls() -> None:
    _, found = deploy_check(MAIL_SERVER="127.0.0.1", MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    assert "SFA-M004" not in found


def test_the_development_outbox_is_a_folder_the_cli_reads(tmp_path: Path) -> None:
    app = make_app(MAIL_BACKEND="file", MAIL_FILE_PATH=str(tmp_path / "outbox"))
    runner = app.test_cli_runner()
    assert "No messages" in runner.invoke(args=["mail", "outbox"]).output
    with app.test_request_context():
        send("alice@example.com", "reset your password", "reset", link="https://localhost/r", minutes=30)
    assert postman(app).drain()
    shown = runner.invoke(args=["mail", "outbox"]).output
    assert "reset your password" in shown and "https://localhost/r" in shown


def test_flask_mail_test_reports_a_failure_in_one_line(tmp_path: Path) -> None:
    app = make_app(MAIL_BACKEND="{{ cookiecutter.package_name }}.security.mail", MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    result = app.test_cli_runner().invoke(args=["mail", "test", "alice@example.com"])
    assert result.exit_code == 1 and "Not sent: ConnectionRefusedError" in result.output


def test_flask_mail_test_sends_through_the_configured_server(tmp_path: Path) -> None:
    with smtp_server(tmp_path) as inbox:
        app = make_app(**inbox.settings())
        result = app.test_cli_runner().invoke(args=["mail", "test", "ops@example.com"])
        assert result.exit_code == 0, result.output
        assert [recipients for recipients, _ in inbox.wait(1)] == [["ops@example.com"]]
