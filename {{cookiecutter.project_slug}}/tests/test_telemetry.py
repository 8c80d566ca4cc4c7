"""Traces (OTLP) and error reports (Sentry) reach local receivers with no secret in them, and
nothing is switched on without configuration."""

from __future__ import annotations

import gzip
import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sentry_sdk
from flask import Flask
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from ai_support import bearer, chat_body, issue_token, openai_settings
from conftest import PASSWORD, csrf_from, make_app
from fake_openai import FakeOpenAI
from {{ cookiecutter.package_name }}.telemetry import EXTENSION, tracing_configured
from {{ cookiecutter.package_name }}.users import create_user

TELEMETRY_ENV = (
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_SDK_DISABLED",
    "SENTRY_DSN",
)
SPAN_KIND_SERVER = 2


class Receiver:
    """A local HTTP server that keeps the (decompressed) body of every POST it receives."""

    def __init__(self) -> None:
        self.bodies: list[tuple[str, bytes]] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                encoding = self.headers.get("Content-Encoding", "")
                assert encoding in {"", "gzip"}, f"cannot read {encoding!r}"
                received.append((self.path, gzip.decompress(body) if encoding == "gzip" else body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    for name in TELEMETRY_ENV:
        monkeypatch.delenv(name, raising=False)
    server = Receiver()
    yield server
    server.stop()


def assert_absent(secrets_: dict[str, str], bodies: list[tuple[str, bytes]]) -> None:
    for path, body in bodies:
        for what, value in secrets_.items():
            assert value and value.encode() not in body, f"the {what} left the process in {path}"


@pytest.fixture
def traced_app(
    receiver: Receiver, fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", f"http://127.0.0.1:{receiver.port}/v1/traces")
    app = make_app(**openai_settings(fake_openai.base_url))
    yield app
    app.extensions[EXTENSION].tracer_provider.shutdown()
    # The libraries' instrumentation is process-wide: later tests in this worker get none.
    SQLAlchemyInstrumentor().uninstrument()
    HTTPXClientInstrumentor().uninstrument()
    try:
        from opentelemetry.instrumentation.redis import RedisInstrumentor
    except ImportError:
        pass
    else:
        RedisInstrumentor().uninstrument()


def spans_of(receiver: Receiver) -> list[tuple[str, Any]]:
    """(instrumentation scope, span) for every span the receiver decoded."""
    found = []
    for path, body in receiver.bodies:
        assert path == "/v1/traces"
        request = ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            for scope_spans in resource_spans.scope_spans:
                found += [(scope_spans.scope.name, span) for span in scope_spans.spans]
    return found


def attributes(span: Any) -> dict[str, Any]:
    return {a.key: getattr(a.value, a.value.WhichOneof("value") or "string_value") for a in span.attributes}


def test_a_request_trace_reaches_the_collector_without_secrets(traced_app: Flask, receiver: Receiver) -> None:
    app = traced_app
    with app.app_context():
        user_id = create_user("alice@example.com", PASSWORD).id
    api_token = issue_token(app, user_id)
    query_secret = secrets.token_urlsafe(24)
    prompt = f"Please write to carol.{secrets.token_hex(4)}@example.org about my refund, it is late."
    client = app.test_client()
    found = {"password": PASSWORD, "API token": api_token, "query token": query_secret, "prompt": prompt}
    if "auth.login" in app.view_functions:  # the login form, with its CSRF token and cookie
        csrf = csrf_from(client.get("/auth/login").get_data(as_text=True))
        client.post(
            "/auth/login", data={"email": "alice@example.com", "password": PASSWORD, "csrf_token": csrf}
        )
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        assert cookie is not None
        found |= {"session cookie": cookie.value} | ({"CSRF token": csrf} if csrf else {})
    assert client.get(f"/?token={query_secret}").status_code == 200
    api = app.test_client(use_cookies=False)  # a token, no session: no CSRF token needed
    response = api.post("/api/v1/chat", json=chat_body(prompt), headers=bearer(api_token))
    assert response.status_code == 200, response.json
    app.extensions[EXTENSION].tracer_provider.force_flush()

    spans = spans_of(receiver)
    servers = [attributes(s) for _, s in spans if s.kind == SPAN_KIND_SERVER]
    chat = [a for a in servers if a.get("http.route") == "/api/v1/chat"]
    assert chat and chat[0]["http.status_code"] == 200 and chat[0]["http.method"] == "POST"
    home = [a for a in servers if a.get("http.route") == "/"]
    assert home and home[0]["http.target"] == "/"  # the query string is gone
    assert any(scope.endswith("sqlalchemy") and "db.statement" in attributes(s) for scope, s in spans)
    assert any(scope.endswith("httpx") for scope, _ in spans)  # the call to the AI provider
    assert_absent(found, receiver.bodies)


@pytest.fixture
def sentry_dsn(receiver: Receiver) -> Iterator[str]:
    yield f"http://public@127.0.0.1:{receiver.port}/1"
    # Sentry's client is one per process: close it and leave the process without one.
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_an_error_report_reaches_sentry_without_secrets(sentry_dsn: str, receiver: Receiver) -> None:
    app = make_app(SENTRY_DSN=sentry_dsn, PROPAGATE_EXCEPTIONS=False)
    found = {name: secrets.token_hex(16) for name in ("local", "message", "header", "cookie", "api key")}

    @app.get("/boom")
    def boom() -> str:
        password = found["local"]
        raise RuntimeError(f"upstream refused api_key={found['message']} for {len(password)}")

    client = app.test_client()
    client.set_cookie("remember_token", found["cookie"], domain="localhost")
    headers = {"X-Upstream-Token": found["header"], "X-Api-Key": found["api key"]}
    assert client.get("/boom?token=x", headers=headers).status_code == 500
    sentry_sdk.flush(timeout=5)

    events = [
        json.loads(line)
        for path, body in receiver.bodies
        if path == "/api/1/envelope/"
        for line in body.splitlines()[1:]
        if line.startswith(b"{")
    ]
    errors = [e for e in events if "exception" in e]
    assert errors, f"no error event among {len(events)} envelope items"
    assert len(errors) == 1 and errors[0]["exception"]["values"][-1]["type"] == "RuntimeError"
    assert "[REDACTED]" in errors[0]["exception"]["values"][-1]["value"]
    assert_absent(found, receiver.bodies)


@pytest.mark.parametrize(
    ("environ", "on"),
    [
        ({}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, True),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "True"}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "false"}, True),
        ({"OTEL_SERVICE_NAME": "app"}, False),
    ],
)
def test_tracing_follows_the_standard_variables(environ: dict[str, str], on: bool) -> None:
    assert tracing_configured(environ) is on


def test_nothing_is_switched_on_by_default(receiver: Receiver) -> None:
    app = make_app()
    assert EXTENSION not in app.extensions  # no tracer provider, no instrumentation
    assert not sentry_sdk.get_client().is_active()
    assert app.test_client().get("/").status_code == 200
    assert receiver.bodies == []
