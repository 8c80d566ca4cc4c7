"""Logging (checklist 36, 37): structured records with context, no secrets, no forged lines.

The app's handler writes to the ``sys.stderr`` of the moment the app is created, so each test
creates its app after pytest's ``capsys`` has replaced it, and reads every line the app logged.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask, current_app, request

from conftest import PASSWORD, assert_reported, csrf_from, form_post, make_app
from {{ cookiecutter.package_name }} import logs
from {{ cookiecutter.package_name }}.events import emit
from {{ cookiecutter.package_name }}.security.tokens import api_auth, create_token
from {{ cookiecutter.package_name }}.users import create_user

FORMATS = ("json", "text")
UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
TEXT_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ \[")
PROVIDER_KEY = "sk-proj-" + "A1b2C3d4E5f6G7h8I9j0" * 2
FORGED = "2030-01-01T00:00:00.000Z INFO forged [x] admin logged in"
# Credential-shaped fixtures, assembled at run time so that the project's secret scanner (which
# checks the tests for real credential formats) does not take them for leaked credentials.
AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE"
GITHUB_TOKEN = "ghp" + "_" + "abcdefghijklmnopqrstuvwxyz" + "0123456789AB"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjMifQ" + ".c2lnbmF0dXJlc2ln"
DB_URL = "postgresql://app" + ":s3cr3t-pw@" + "db.internal/app"
PRIVATE_KEY = "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END " + "PRIVATE KEY-----"


def log_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def json_records(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log_lines(capsys)]


def with_probe(app: Flask) -> Flask:
    """A token-protected API route standing in for the AI API (built in parallel; when
    ``POST /api/v1/predict`` lands, call it here too). It logs carelessly, as real code might."""

    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict[str, Any]:
        current_app.logger.info("probe body %s", request.get_data(as_text=True))
        current_app.logger.info("probe headers", extra={"headers": dict(request.headers)})
        return {"ok": True}

    return app


def has_login(app: Flask) -> bool:
    return "auth.login" in app.view_functions


# --- what every record carries -------------------------------------------------------------------


def test_json_records_have_utc_time_level_logger_and_request_context(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_app(LOG_FORMAT="json")
    response = app.test_client().get("/healthz", headers={"X-Request-ID": "req-0123456789"})
    assert response.headers["X-Request-ID"] == "req-0123456789"
    [access] = [r for r in json_records(capsys) if r["logger"].endswith(".access")]
    assert UTC_TIME.match(access["time"])
    logged = datetime.strptime(access["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - logged) < timedelta(minutes=1)  # UTC, not local time
    assert access["level"] == "INFO"
    assert access["request_id"] == "req-0123456789"
    assert access["client_ip"] == "127.0.0.1"
    assert "user_id" in access
    assert (access["method"], access["path"], access["status"]) == ("GET", "/healthz", 200)
    assert isinstance(access["latency_ms"], float) and access["latency_ms"] >= 0


def test_text_records_carry_the_same_fields(capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(LOG_FORMAT="text")
    app.test_client().get("/missing", headers={"X-Request-ID": "req-0123456789"})
    [line] = [line for line in log_lines(capsys) if ".access " in line]
    assert TEXT_LINE.match(line)
    for part in (
        "INFO",
        "[req-0123456789 user=None ip=127.0.0.1]",
        "method=GET",
        "path=/missing",
        "status=404",
    ):
        assert part in line
    assert re.search(r"latency_ms=\d+\.\d+", line)


def test_access_records_name_the_logged_in_user(capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(LOG_FORMAT="json")
    if not has_login(app):
        pytest.skip("this variant has no browser login (use_login=false)")
    with app.app_context():
        user_id = create_user("alice@example.com", PASSWORD).id
    client = app.test_client()
    form_post(client, "/auth/login", {"email": "alice@example.com", "password": PASSWORD})
    capsys.readouterr()
    client.get("/healthz")  # a view that never looks at the user
    [access] = [r for r in json_records(capsys) if r["logger"].endswith(".access")]
    assert access["user_id"] == user_id


def test_security_events_are_logged_failures_as_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(LOG_FORMAT="json")
    with app.test_request_context(
        "/", headers={"X-Request-ID": "req-0123456789"}, environ_base={"REMOTE_ADDR": "127.0.0.1"}
    ):
        app.preprocess_request()
        emit("login", "failure", 7, email="alice@example.com")
        emit("login", "success", 7)
    failure, success = [r for r in json_records(capsys) if r["logger"].endswith(".security")]
    assert (failure["level"], failure["event"], failure["outcome"]) == ("WARNING", "login", "failure")
    assert failure["event_user_id"] == 7 and failure["details"] == {"email": "alice@example.com"}
    assert failure["request_id"] == "req-0123456789" and failure["client_ip"] == "127.0.0.1"
    assert success["level"] == "INFO"


def test_unknown_log_format_is_refused() -> None:
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        make_app(LOG_FORMAT="xml")


# --- no secrets (checklist 37) -------------------------------------------------------------------


# --8<-- [start:no_secrets]
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_password_token_cookie_or_csrf_value_reaches_the_logs(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = with_probe(make_app(LOG_FORMAT=fmt))
    client = app.test_client()
    wrong = "wrong horse battery staple"
    secrets_seen: list[str] = [PASSWORD, wrong, PROVIDER_KEY, app.config["SECRET_KEY"]]
    with app.app_context():
        user_id = create_user("alice@example.com", PASSWORD).id
        _, token = create_token(user_id, "logs test", ["ai:predict"])
    secrets_seen += [token, token.split("_", 1)[1]]

    if has_login(app):
        page = client.get("/auth/login").get_data(as_text=True)
        secrets_seen.append(csrf_from(page))
        assert (
            form_post(client, "/auth/login", {"email": "alice@example.com", "password": wrong}).status_code
            == 401
        )
        login = form_post(
            client, "/auth/login", {"email": "alice@example.com", "password": PASSWORD, "remember": "on"}
        )
        assert login.status_code == 302
        for name in (app.config["SESSION_COOKIE_NAME"], app.config.get("REMEMBER_COOKIE_NAME")):
            cookie = client.get_cookie(name) if name else None
            if cookie:
                secrets_seen.append(cookie.value)
        form_post(client, "/auth/password", {"current_password": wrong, "new_password": wrong + "!"})

    api = app.test_client()  # a machine client: bearer token, no cookies
    body = {"prompt": f"summarise; my key is {PROVIDER_KEY}", "password": PASSWORD}
    assert api.post("/api/v1/probe", json=body, headers={"Authorization": f"Bearer {token}"}).json == {
        "ok": True
    }
    assert api.post(f"/api/v1/probe?access_token={token}", json={}).status_code == 400
    if has_login(app):
        form_post(client, "/", {}, action="/auth/logout")

    output = capsys.readouterr().err
    requests = 2 + (9 if has_login(app) else 0)  # every request above, one access record each
    assert output.count('"request"' if fmt == "json" else " request ") == requests, "the flow was logged"
    assert "security event" in output and "token_create" in output
    leaked = [secret for secret in secrets_seen if secret and secret in output]
    assert not leaked, f"secrets in the logs: {[s[:6] + '...' for s in leaked]}"


# --8<-- [end:no_secrets]


# --- no forged lines (checklist 37) --------------------------------------------------------------

EVIL = f"mallory@example.com\n{FORGED}\r\n\x1b[2J\u2028{FORGED}\u202e"


@pytest.mark.parametrize("fmt", FORMATS)
def test_newlines_in_user_input_cannot_forge_a_log_line(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(LOG_FORMAT=fmt)
    client = app.test_client()
    expected = 0
    if has_login(app):
        form_post(client, "/auth/login", {"email": EVIL, "password": "whatever it is"})
        expected += 3  # GET and POST access records, the failed-login event
    client.get("/x%0A" + FORGED.replace(" ", "%20"))
    expected += 1
    with app.test_request_context("/"):
        current_app.logger.warning("user said %s", EVIL)
    expected += 1

    lines = log_lines(capsys)
    assert len(lines) >= expected
    for line in lines:
        assert not line.startswith("2030-01-01"), line
        assert "\x1b" not in line and "\u2028" not in line and "\u202e" not in line
        if fmt == "json":
            json.loads(line)  # every line is one whole record
        else:
            assert TEXT_LINE.match(line), line
    assert FORGED in "\n".join(lines)  # the text is there, escaped, inside a genuine record


# --- the redaction filter itself -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abcdef0123456789abcdef", "abcdef0123456789abcdef"),
        ("Authorization: Basic YWxpY2U6c2VjcmV0cGFzcw==", "YWxpY2U6c2VjcmV0cGFzcw=="),
        ("Cookie: __Host-session=eyJfZnJlc2giOmZhbHNlfQ.aBcD.sig; theme=dark", "eyJfZnJlc2giOmZhbHNlfQ"),
        ("set-cookie: __Host-remember=1|abc; Secure", "1|abc"),
        ("calling with bearer sfa_0123456789abcdefghijklmnopqrstuvwxyzABCDEF", "sfa_0123456789abcdef"),
        ("token sfa_0123456789abcdefghijklmnopqrstuvwxyz-_ABCDE- at end", "sfa_0123456789abcdef"),
        ("key sk-proj-abcdefghijklmnopqrstuvwxyz0123", "sk-proj-abcdefghijkl"),
        (f"aws {AWS_KEY_ID}", AWS_KEY_ID),
        ("google AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdef"),
        (f"github {GITHUB_TOKEN}", GITHUB_TOKEN[:20]),
        (f"jwt {JWT}", "eyJzdWIiOiIxMjMifQ"),
        (f"db {DB_URL}", "s3cr3t-pw"),
        ("form password=hunter2hunter2&email=a@b.c", "hunter2hunter2"),
        ('json {"password": "hunter2hunter2", "email": "a@b.c"}', "hunter2hunter2"),
        ("url /reset?token=Zq9xResetValue&x=1", "Zq9xResetValue"),
        (
            "fernet key Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg=",
            "Zm9vYmFyYmF6cXV4cXV1eGZvb2JhcmJhenF1eHF1dXg=",
        ),
        (PRIVATE_KEY, "MIIEvQIBADANBg"),
    ],
)
def test_secrets_in_free_text_are_redacted(text: str, secret: str) -> None:
    redacted = logs.redact_text(text)
    assert secret not in redacted
    assert logs.REDACTED in redacted


@pytest.mark.parametrize(
    "text", ["login failure for alice@example.com", "token_id=42 revoked", "GET /healthz 200"]
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert logs.redact_text(text) == text


def test_sensitive_fields_are_redacted_by_name_not_ids() -> None:
    cleaned = logs.redact(
        {
            "password": "x",
            "csrf_token": "y",
            "Cookie": "z",
            "api_key": "k",
            "token_id": 42,
            "nested": {"secret": 1},
        }
    )
    assert cleaned == {
        "password": "[REDACTED]",
        "csrf_token": "[REDACTED]",
        "Cookie": "[REDACTED]",
        "api_key": "[REDACTED]",
        "token_id": 42,
        "nested": {"secret": "[REDACTED]"},
    }


def test_the_apps_own_secrets_and_token_prefix_are_redacted(capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(API_TOKEN_PREFIX="ACME", LOG_FORMAT="json")
    custom_token = "ACME_" + "x" * 40
    with app.app_context():
        try:
            raise RuntimeError(f"bad config {app.config['SECRET_KEY']} while using {custom_token}")
        except RuntimeError:
            current_app.logger.exception("startup problem")
    output = capsys.readouterr().err
    assert "startup problem" in output and "RuntimeError" in output
    assert app.config["SECRET_KEY"] not in output and custom_token not in output


def test_redaction_filter_cleans_extra_fields_and_arguments() -> None:
    record = logging.makeLogRecord(
        {"msg": "login %s", "args": ("password=hunter2hunter2",), "headers": {"Authorization": "Bearer abc"}}
    )
    logs.RedactionFilter().filter(record)
    assert "hunter2" not in record.getMessage()
    assert record.headers == {"Authorization": "[REDACTED]"}


# --- deploy checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "finding"),
    [({"LOG_LEVEL": "DEBUG"}, "SFA-L001"), ({"LOG_LEVEL": "ERROR"}, "SFA-L002")],
)
def test_each_broken_logging_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)
