"""Fixtures: an app on in-memory SQLite, an HTTPS test client, a CLI runner and login helpers."""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.users import create_user

PASSWORD = "correct horse battery staple"
BASE_URL = "https://localhost"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def settings(**overrides: Any) -> dict[str, Any]:
    """Test settings: a strong random key, in-memory SQLite, fast hashing, no trained model
    (tests that need one pass ``AI_MODEL_DIR=ai_model.directory``)."""
    return {
        "TESTING": True,
        "PROFILE": "testing",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
        "PASSWORD_HASH_FAST": True,
        "AI_MODEL_DIR": str(Path(tempfile.gettempdir()) / f"no-model-{secrets.token_hex(8)}"),
    } | overrides


def production_settings(**overrides: Any) -> dict[str, Any]:
    """Settings that a correctly configured production deployment would have."""
    production = {
        "PROFILE": "production",
        "TESTING": False,
        "PASSWORD_HASH_FAST": False,
        "TRUSTED_HOSTS": ["localhost"],
        # The AI deploy checks want a pinned model and a provider key (values only checked for form).
        "AI_MODEL_SHA256": "0" * 64,
        "AI_OPENAI_API_KEY": "test-provider-key",
    }
    return settings() | production | overrides


class HttpsClient(FlaskClient):
    """A test client that speaks HTTPS to ``localhost`` and sends a same-origin Referer."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if (args and isinstance(args[0], str)) or "path" in kwargs:
            kwargs.setdefault("base_url", BASE_URL)
        headers = dict(kwargs.pop("headers", None) or {})
        headers.setdefault("Referer", f"{BASE_URL}/")
        return super().open(*args, headers=headers, **kwargs)


def make_app(**overrides: Any) -> Flask:
    """Create an app with test settings and its tables."""
    app = create_app(settings(**overrides))
    app.test_client_class = HttpsClient
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def app() -> Flask:
    """The app, with no context pushed: each request gets its own, as in production
    (a shared app context would also share ``g`` and Flask-Login's cached user)."""
    return make_app()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


def csrf_from(html: str) -> str:
    """The CSRF token of the first form in ``html`` ("" when CSRF is not enabled)."""
    match = _CSRF.search(html)
    return match.group(1) if match else ""


def form_post(client: FlaskClient, page: str, data: dict[str, str], action: str | None = None) -> Any:
    """GET ``page``, then POST ``data`` plus its CSRF token to ``action`` (default: the page)."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(action or page, data={**data, "csrf_token": token})


@dataclass(frozen=True)
class Account:
    """What tests need to know about a user, usable outside an app context."""

    id: int
    email: str


@pytest.fixture
def user(app: Flask) -> Account:
    with app.app_context():
        created = create_user("alice@example.com", PASSWORD)
        return Account(created.id, created.email)


def require_service(reason: str) -> None:
    """Skip with ``reason``, or fail when REQUIRE_SERVICES=1 (CI must exercise real services)."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@dataclass(frozen=True)
class TrainedModel:
    """Where the session's local model lives and the hash to pin it with."""

    directory: str
    sha256: str


@pytest.fixture(scope="session")
def ai_model(tmp_path_factory: pytest.TempPathFactory) -> TrainedModel:
    """The local AI model, trained once per test session (about a second) into a temporary folder."""
    pytest.importorskip("sklearn", reason="the local AI provider needs the `local` extra")
    from {{ cookiecutter.package_name }}.ai.local import ArtifactPaths, train

    directory = tmp_path_factory.mktemp("ai-model")
    manifest = train(ArtifactPaths(directory, "support-router"), evaluate_first=False)
    return TrainedModel(str(directory), manifest["sha256"])


@pytest.fixture
def fake_openai():  # type: ignore[no-untyped-def]
    """A local OpenAI-compatible server (see fake_openai.py), stopped after the test."""
    from fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()
