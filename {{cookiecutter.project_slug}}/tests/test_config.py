"""Configuration: profiles, environment loading, and production's refusal of unsafe settings."""

from __future__ import annotations

import json

import pytest

from conftest import production_settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError


def test_correct_production_settings_start() -> None:
    app = create_app(production_settings())
    assert app.config["PROFILE"] == "production"
    assert not app.debug


@pytest.mark.parametrize(
    ("override", "setting"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "a" * 30 + "b" * 30}, "SECRET_KEY"),  # long but only 2 distinct characters
        ({"SECRET_KEY": "change-me-" + "x1y2z3" * 10}, "SECRET_KEY"),  # a placeholder
        ({"SECRET_KEY_FALLBACKS": ["old"]}, "SECRET_KEY_FALLBACKS"),
        ({"DEBUG": True}, "DEBUG"),
        ({"TESTING": True}, "TESTING"),
        ({"TRUSTED_HOSTS": None}, "TRUSTED_HOSTS"),
        ({"MAX_CONTENT_LENGTH": None}, "MAX_CONTENT_LENGTH"),
        ({"PASSWORD_HASH_FAST": True}, "PASSWORD_HASH_FAST"),
        ({"FORCE_HTTPS": False}, "FORCE_HTTPS"),
        ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE"),
    ],
)
def test_production_refuses_unsafe_setting(override: dict, setting: str) -> None:
    with pytest.raises(UnsafeConfigurationError, match=setting):
        create_app(production_settings(**override))


def test_environment_is_read_with_the_flask_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_TRUSTED_HOSTS", json.dumps(["app.example.com"]))
    monkeypatch.setenv("FLASK_MAX_CONTENT_LENGTH", "2048")
    # explicit overrides win over the environment; drop one to see the environment
    overrides = production_settings()
    del overrides["TRUSTED_HOSTS"]
    app = create_app(overrides)
    assert app.config["TRUSTED_HOSTS"] == ["app.example.com"]
    assert app.config["MAX_CONTENT_LENGTH"] == 2048


def test_unknown_profile_is_refused() -> None:
    with pytest.raises(RuntimeError, match="PROFILE"):
        create_app({"PROFILE": "staging"})


def test_profile_defaults_to_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLASK_PROFILE", raising=False)
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    with pytest.raises(UnsafeConfigurationError):
        create_app({"SECRET_KEY": None})
