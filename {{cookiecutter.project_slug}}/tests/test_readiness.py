"""``/readyz``: 200 only when every part the app serves with can serve; 503 names the failing part,
never why. ``/healthz`` stays the cheap liveness answer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask

from conftest import TrainedModel, make_app, settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.pages import READINESS


def ready(app: Flask) -> tuple[int, dict[str, object]]:
    response = app.test_client().get("/readyz")
    return response.status_code, json.loads(response.get_data(as_text=True))


def model_settings(app: Flask, ai_model: TrainedModel | None) -> dict[str, object]:
    """A pinned, trained model when the app serves the local model, else nothing to add."""
    if ai_model is None or "model" not in app.extensions.get(READINESS, {}):
        return {}
    return {"AI_MODEL_DIR": ai_model.directory, "AI_MODEL_SHA256": ai_model.sha256}


def test_ready_when_every_part_answers(request: pytest.FixtureRequest) -> None:
    probe = make_app()
    # The trained model only where the app serves the local one (the fixture needs scikit-learn).
    ai_model = request.getfixturevalue("ai_model") if "model" in probe.extensions.get(READINESS, {}) else None
    status, body = ready(make_app(**model_settings(probe, ai_model)))
    assert status == 200 and body["status"] == "ready"
    assert "database" in body["checked"]  # type: ignore[operator]


def test_a_database_that_cannot_be_reached_is_named(tmp_path: Path) -> None:
    # SQLite cannot open a file in a folder that does not exist: every query fails, as when the
    # database server is down (no tables are made: creating the app connects to nothing).
    broken = create_app(settings(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'missing' / 'app.db'}"))
    status, body = ready(broken)
    assert status == 503 and "database" in body["failing"]  # type: ignore[operator]
    text = json.dumps(body)
    assert "sqlite" not in text.lower() and "Traceback" not in text  # the reason stays in the log
    assert broken.test_client().get("/healthz").status_code == 503


def test_a_local_model_that_cannot_load_is_named(tmp_path: Path) -> None:
    app = make_app(AI_MODEL_DIR=str(tmp_path / "no-model"))
    if "model" not in app.extensions.get(READINESS, {}):
        return  # this project's AI endpoints do not serve the local model
    status, body = ready(app)
    assert status == 503 and body["failing"] == ["model"]
    assert app.test_client().get("/healthz").status_code == 200  # alive, just not ready


def test_a_rate_limit_storage_that_does_not_answer_is_named() -> None:
    app = make_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0")  # nothing listens on port 1
    if "rate_limit_storage" not in app.extensions.get(READINESS, {}):
        return  # this project has no rate limiter
    status, body = ready(app)
    assert status == 503 and "rate_limit_storage" in body["failing"]  # type: ignore[operator]
    assert "127.0.0.1:1" not in json.dumps(body)


def test_only_the_configured_probes_poll_without_limit() -> None:
    app = make_app(RATELIMIT_DEFAULT="2 per minute", RATELIMIT_PROBES=["10.0.0.0/8"])
    if "rate_limit_storage" not in app.extensions.get(READINESS, {}):
        return  # this project has no rate limiter
    client = app.test_client()
    probe = [client.get("/readyz", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code for _ in range(5)]
    assert 429 not in probe
    outsider = [
        client.get("/readyz", environ_base={"REMOTE_ADDR": "203.0.113.5"}).status_code for _ in range(3)
    ]
    assert outsider[-1] == 429 and 429 not in outsider[:2]
