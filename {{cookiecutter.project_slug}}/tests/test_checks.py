"""``flask security check --deploy``: passes on a correct production app, names each broken setting."""

from __future__ import annotations

import json

import pytest

from conftest import production_settings
from {{ cookiecutter.package_name }} import create_app


def check(**overrides: object):  # type: ignore[no-untyped-def]
    # Built as "testing" so the factory does not refuse it; checked as production.
    app = create_app(production_settings(**({"PROFILE": "testing", "TESTING": False} | overrides)))
    app.config["PROFILE"] = "production"
    return app.test_cli_runner().invoke(args=["security", "check", "--deploy", "--format", "json"])


def test_correct_production_settings_pass() -> None:
    result = check()
    assert result.exit_code == 0, result.output
    assert [f for f in json.loads(result.output) if f["severity"] == "error"] == []


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"SECRET_KEY": "too-short"}, "SFA-C001"),
        ({"SECRET_KEY_FALLBACKS": ["old"]}, "SFA-C002"),
        ({"TESTING": True}, "SFA-C004"),
        ({"TRUSTED_HOSTS": []}, "SFA-C005"),
        ({"MAX_CONTENT_LENGTH": 100 * 1024 * 1024}, "SFA-C006"),
        ({"PASSWORD_HASH_FAST": True}, "SFA-C007"),
        ({"FORCE_HTTPS": False}, "SFA-C008"),
        ({"SESSION_COOKIE_HTTPONLY": False}, "SFA-C009"),
        ({"SESSION_COOKIE_SAMESITE": "None"}, "SFA-C010"),
        ({"SESSION_COOKIE_NAME": "session"}, "SFA-C011"),
    ],
)
def test_each_broken_setting_is_reported(override: dict, finding: str) -> None:
    result = check(**override)
    ids = {f["id"] for f in json.loads(result.output)}
    assert finding in ids
    severity = {f["id"]: f["severity"] for f in json.loads(result.output)}[finding]
    assert (result.exit_code != 0) == (severity == "error")


def test_debug_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")  # the flask command sets DEBUG from FLASK_DEBUG
    assert "SFA-C003" in {f["id"] for f in json.loads(check().output)}


def test_text_output_names_id_and_fix() -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False, TRUSTED_HOSTS=[]))
    result = app.test_cli_runner().invoke(args=["security", "check", "--deploy"])
    assert result.exit_code == 1
    assert "SFA-C005 [error]" in result.output and "Fix:" in result.output


def test_without_deploy_only_basic_checks_run() -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False, TRUSTED_HOSTS=[]))
    result = app.test_cli_runner().invoke(args=["security", "check"])
    assert result.exit_code == 0
