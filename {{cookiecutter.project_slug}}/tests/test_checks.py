"""``flask security check --deploy``: passes on a correct production app, names each broken setting."""

from __future__ import annotations

import json

import pytest

from conftest import TrainedModel, assert_reported, deploy_check, production_settings
from {{ cookiecutter.package_name }} import create_app


def test_correct_production_settings_pass(ai_model: TrainedModel) -> None:
    # A correct deployment has trained its model and pinned the artifact's hash.
    code, found = deploy_check(**ai_model.settings)
    assert code == 0, found
    # Only the warnings that a control was left out of this variant by a template option
    # (CSRF, headers, or MFA for the admin area).
    assert set(found) <= {"SFA-C012", "SFA-C013", "SFA-A006"}, found


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
        ({"SESSION_COOKIE_DOMAIN": "example.com"}, "SFA-C011"),
        ({"TRUSTED_PROXY_HOPS": 5}, "SFA-C014"),
        ({"MAX_FORM_MEMORY_SIZE": None}, "SFA-C021"),
        ({"MAX_FORM_PARTS": 0}, "SFA-C021"),
    ],
)
def test_each_broken_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)


def test_debug_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")  # the flask command sets DEBUG from FLASK_DEBUG
    code, found = deploy_check()
    assert found.get("SFA-C003") == "error" and code == 1


@pytest.mark.parametrize(("extension", "finding"), [("csrf", "SFA-C012"), ("talisman", "SFA-C013")])
def test_a_missing_control_is_reported(extension: str, finding: str) -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False))
    app.config["PROFILE"] = "production"
    app.extensions.pop(extension, None)  # as when the template option removed the control
    result = app.test_cli_runner().invoke(args=["security", "check", "--deploy", "--format", "json"])
    assert finding in {f["id"] for f in json.loads(result.stdout)}


def test_text_output_names_id_and_fix() -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False, TRUSTED_HOSTS=[]))
    result = app.test_cli_runner().invoke(args=["security", "check", "--deploy"])
    assert result.exit_code == 1
    assert "SFA-C005 [error]" in result.output and "Fix:" in result.output


def test_without_deploy_only_basic_checks_run() -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False, TRUSTED_HOSTS=[]))
    result = app.test_cli_runner().invoke(args=["security", "check"])
    assert result.exit_code == 0
