"""Fuzzing the live API from its own OpenAPI document (schemathesis, gunicorn on loopback).

At least 500 generated requests, valid and invalid, each with a valid token: no response may be
a 5xx, and every response must match the document (status, content type, body schema). Valid
requests must be accepted and invalid ones refused. 413 counts as both (the body cap is a
transport limit the document states but JSON Schema cannot), and the app runs with quotas and
the total token cap out of reach, since a schema cannot describe a daily allowance.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ai_support import bearer, issue_token
from conftest import PASSWORD, TrainedModel, make_app, require_service, settings
from {{ cookiecutter.package_name }}.users import create_user

pytestmark = [pytest.mark.live, pytest.mark.slow]
PROJECT = Path(__file__).resolve().parent.parent
CASES_PER_OPERATION = 120  # valid and invalid, over six operations: 500+ requests in all
EXTRA_ACCEPTED = ["413"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def live_api(
    tmp_path_factory: pytest.TempPathFactory, ai_model: TrainedModel
) -> Iterator[tuple[str, str, Path]]:
    """gunicorn serving the app from a fresh SQLite file; yields (base URL, API token)."""
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    if not os.path.exists(gunicorn):
        require_service("gunicorn is not installed")
    folder = tmp_path_factory.mktemp("fuzz")
    # The database goes to memory-backed storage when there is some: 600 commits on a slow disk
    # would measure the disk's fsync, not the API.
    memory = Path("/dev/shm")  # noqa: S108 - a private mkdtemp folder inside it
    database = Path(tempfile.mkdtemp(dir=memory)) if memory.is_dir() else folder
    uri = f"sqlite:///{database / 'app.db'}"
    app = make_app(SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        user_id = create_user("fuzz@example.com", PASSWORD).id
    token = issue_token(app, user_id)
    port = free_port()
    env = os.environ | {
        "FLASK_PROFILE": "development",
        "FLASK_SKIP_DOTENV": "1",
        "FLASK_SECRET_KEY": secrets.token_urlsafe(64),
        "FLASK_SQLALCHEMY_DATABASE_URI": uri,
        "FLASK_AI_PROVIDER": "local",
        "FLASK_AI_MODEL_DIR": ai_model.directory,
        "FLASK_AI_MODEL_SHA256": ai_model.sha256,
        "FLASK_AI_DAILY_REQUESTS": "10000000",
        "FLASK_AI_DAILY_TOKENS": "10000000000",
        "FLASK_AI_MAX_INPUT_TOKENS": "200000",
        "FLASK_AI_MAX_REQUEST_BYTES": str(1024 * 1024),
        "FLASK_RATELIMIT_ENABLED": "false",
        # Blocks (IP filter) still go to the storage: keep them under this run's own key prefix.
        "FLASK_RATELIMIT_STORAGE_OPTIONS": json.dumps(settings()["RATELIMIT_STORAGE_OPTIONS"]),
        "PYTHONPATH": str(PROJECT / "src"),
    }
    command = [
        gunicorn,
        "-c",
        str(PROJECT / "gunicorn.conf.py"),
        "-w",
        "1",
        "--threads",
        "4",
        "-b",
        f"127.0.0.1:{port}",
        # Fuzz the application, not gunicorn's request-line cap: over it gunicorn answers an
        # undocumented HTML 414 before the app sees the request.
        "--limit-request-line",
        "0",
    ]
    log = (folder / "gunicorn.log").open("w")  # a file, not a pipe: a full pipe would block the server
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60  # generous: CI machines run several suites at once
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail(f"gunicorn did not start:\n{(folder / 'gunicorn.log').read_text()[-2000:]}")
    # The first call loads scikit-learn and the model (seconds on a busy machine): not a fuzz case.
    warm = httpx.post(f"{url}/api/v1/predict", json={"text": "warm up"}, headers=bearer(token), timeout=60)
    assert warm.status_code == 200, warm.text
    yield url, token, folder / "gunicorn.log"
    process.terminate()
    process.wait(timeout=10)
    log.close()
    if database != folder:
        shutil.rmtree(database, ignore_errors=True)


def test_fuzz_the_api_from_its_openapi_document(live_api: tuple[str, str, Path]) -> None:
    try:
        import schemathesis
    except ImportError:
        require_service("schemathesis is not installed (it is a dev dependency: make install)")
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation import GenerationMode

    url, token, log = live_api
    schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json")
    # The token is sent with every request; the generator must not mutate the header it rides in.
    schema.config.generation.with_security_parameters = False
    checks = schema.config.checks
    checks.positive_data_acceptance.expected_statuses += EXTRA_ACCEPTED
    checks.negative_data_rejection.expected_statuses += EXTRA_ACCEPTED
    cases = {"count": 0}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=CASES_PER_OPERATION // 2,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: object) -> None:
                cases["count"] += 1
                case.call_and_validate(base_url=url, headers=bearer(token), timeout=30)  # type: ignore[attr-defined]

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (GET /quota has no parameters)
                assert mode == GenerationMode.NEGATIVE
            except BaseException:
                print("gunicorn log (last lines):\n" + "\n".join(log.read_text().splitlines()[-30:]))
                raise
    print(f"{cases['count']} generated requests")
    assert cases["count"] >= 500
