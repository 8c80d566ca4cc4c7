"""Encryption in transit (checklist 8): HTTP is redirected to HTTPS on the same host, HSTS, TLS."""

from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from flask import Flask

from conftest import (
    assert_reported,
    deploy_check,
    free_port,
    make_app,
    production_settings,
    self_signed_certificate,
)
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError

ROOT = Path(__file__).resolve().parent.parent


def production_app(**overrides: object) -> Flask:
    return create_app(production_settings(**overrides))


def test_plain_http_is_redirected_to_https_on_the_same_host() -> None:
    client = production_app().test_client()
    response = client.get("/healthz?probe=1", base_url="http://localhost")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://localhost/healthz?probe=1"
    assert "Strict-Transport-Security" not in response.headers  # meaningless over plain HTTP
    # A form post or API call keeps its method (308), and is redirected before any view runs.
    post = client.post("/auth/login", data={"email": "a@example.com"}, base_url="http://localhost")
    assert post.status_code == 308 and post.headers["Location"] == "https://localhost/auth/login"


def test_a_clients_own_x_forwarded_proto_does_not_skip_the_redirect() -> None:
    # No proxy is trusted (TRUSTED_PROXY_HOPS=0), so the header is the client's word only.
    response = (
        production_app()
        .test_client()
        .get("/healthz", base_url="http://localhost", headers={"X-Forwarded-Proto": "https"})
    )
    assert response.status_code == 301
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_tls_terminating_proxy_its_scheme_counts() -> None:
    client = production_app(TRUSTED_PROXY_HOPS=1).test_client()
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    served = client.get("/healthz", base_url="http://localhost", headers=forwarded)
    assert served.status_code == 200
    assert "max-age=" in served.headers["Strict-Transport-Security"]
    plain = client.get(
        "/healthz", base_url="http://localhost", headers={**forwarded, "X-Forwarded-Proto": "http"}
    )
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://localhost/")


def test_the_redirect_changes_only_the_scheme() -> None:
    # A URL in the query string stays as it was: only the request's own scheme is replaced.
    client = production_app().test_client()
    response = client.get("/healthz?next=http://localhost/x", base_url="http://localhost")
    assert response.headers["Location"] == "https://localhost/healthz?next=http://localhost/x"


def test_no_redirect_to_a_forged_host() -> None:
    response = production_app().test_client().get("/healthz", base_url="http://evil.example")
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_hsts_follows_the_settings() -> None:
    app = make_app(HSTS_MAX_AGE=63072000, HSTS_PRELOAD=True)
    header = app.test_client().get("/healthz").headers["Strict-Transport-Security"]
    assert header == "max-age=63072000; includeSubDomains; preload"


@pytest.mark.parametrize(("max_age", "header"), [(0, None), (1, "max-age=1; includeSubDomains")])
def test_hsts_max_age_zero_sends_none(max_age: int, header: str | None) -> None:
    response = make_app(HSTS_MAX_AGE=max_age).test_client().get("/healthz")
    assert response.headers.get("Strict-Transport-Security") == header


def test_a_one_year_hsts_is_enough_and_a_shorter_one_stops_production() -> None:
    code, found = deploy_check(HSTS_MAX_AGE=31536000)
    assert code == 0 and "SFA-H001" not in found
    with pytest.raises(UnsafeConfigurationError, match="SFA-H001"):
        production_app(HSTS_MAX_AGE=31536000 - 1)


def test_hsts_on_errors_too() -> None:
    app = make_app()
    response = app.test_client().get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_development_serves_plain_http_without_hsts() -> None:
    app = make_app(PROFILE="development")
    response = app.test_client().get("/healthz", base_url="http://localhost")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"HSTS_MAX_AGE": 3600}, "SFA-H001"),
        ({"HSTS_INCLUDE_SUBDOMAINS": False}, "SFA-H001"),
        ({"FORCE_HTTPS": False}, "SFA-C008"),
    ],
)
def test_each_broken_transport_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)


# --- gunicorn serving TLS itself ----------------------------------------------------------------


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"gunicorn exited with {process.returncode}:\n{output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not start listening")


@pytest.mark.live
def test_gunicorn_serves_tls_with_the_given_certificate(tmp_path: Path) -> None:
    cert, key = self_signed_certificate(tmp_path)
    port = free_port()
    settings = production_settings(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'live.db'}")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "GUNICORN_"))},
        # As an operator would set them: strings as they are, everything else as JSON.
        **{f"FLASK_{k}": v if isinstance(v, str) else json.dumps(v) for k, v in settings.items()},
        "FLASK_SKIP_DOTENV": "1",
        "PYTHONPATH": str(ROOT / "src"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_CERTFILE": str(cert),
        "GUNICORN_KEYFILE": str(key),
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, server)
        context = ssl.create_default_context(cafile=str(cert))  # verifies chain and host name
        connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=10)
        connection.request("GET", "/healthz")
        assert connection.sock.version() in ("TLSv1.2", "TLSv1.3")
        response = connection.getresponse()
        assert response.status == 200, response.read()
        assert int(response.getheader("Strict-Transport-Security").split("=")[1].split(";")[0]) >= 31536000
        # Checklist 5: the Server header names no version (gunicorn sends its bare name).
        assert not any(ch.isdigit() for ch in response.getheader("Server", "")), response.getheader("Server")
        connection.close()
        # The TLS port does not answer plain HTTP.
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=3)
        with pytest.raises((http.client.HTTPException, OSError)):
            plain.request("GET", "/healthz", headers={"Host": "localhost"})
            plain.getresponse().read()
    finally:
        server.terminate()
        server.wait(timeout=15)
