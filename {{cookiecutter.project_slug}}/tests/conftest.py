"""Fixtures: an app on in-memory SQLite, an HTTPS test client, a CLI runner and login helpers."""

from __future__ import annotations

import base64
import contextlib
import datetime
import functools
import hmac
import importlib.util
import ipaddress
import json
import os
import re
import secrets
import socket
import struct
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.events import security_event
from {{ cookiecutter.package_name }}.users import create_user

PASSWORD = "correct horse battery staple"
BASE_URL = "https://localhost"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# The test process is one worker: deploy checks that count workers must see that (gunicorn
# tests pass their own count). Set here, not by the caller's shell, so runs are repeatable.
os.environ["WEB_CONCURRENCY"] = "1"
# Never read the developer's .env: python-dotenv would copy it into os.environ for the rest of the
# run, and every later app would pick up its settings (a Redis URL, say) whatever the test asked.
os.environ["FLASK_SKIP_DOTENV"] = "1"


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
        # Attack tests earn many refusals from one address: the refusal budget is tested on its own.
        "RATELIMIT_REFUSALS": "100000 per minute",
        # Each app its own audit outbox (records waiting to be appended), never the instance folder's.
        "AUDIT_OUTBOX": str(Path(tempfile.gettempdir()) / f"audit-outbox-{secrets.token_hex(8)}.jsonl"),
        # A development or production profile keeps its Redis storage URI (when the project has
        # one): a key prefix of its own keeps this app's counters and blocks from every other
        # test's, and from earlier runs'.
        "RATELIMIT_STORAGE_OPTIONS": {
            "key_prefix": f"test-{secrets.token_hex(8)}",
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
        },
    } | overrides


def production_settings(**overrides: Any) -> dict[str, Any]:
    """Settings that a correctly configured production deployment would have.

    Keys of optional controls (encryption, audit) are harmless when a control is absent.
    """
    production = {
        "PROFILE": "production",
        "TESTING": False,
        "PASSWORD_HASH_FAST": False,
        "TRUSTED_HOSTS": ["localhost"],
        "DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),
        # The AI deploy checks want a pinned model and a provider key (values only checked for form).
        "AI_MODEL_SHA256": "0" * 64,
        "AI_OPENAI_API_KEY": "test-provider-key",
        # Account mail: the SMTP backend (an empty MAIL_BACKEND, as when unset in production) and a
        # relay, checked for form only; nothing is sent.
        "MAIL_BACKEND": "",
        "MAIL_SERVER": "smtp.localhost",
    }
    return settings() | production | overrides


def deploy_check(**overrides: Any) -> tuple[int, dict[str, str]]:
    """Run ``flask security check --deploy`` on production settings changed by ``overrides``.

    Returns the exit code and ``{finding id: severity}``. The app is built as "testing" so that
    the factory does not refuse it, then checked as production.
    """
    app = create_app(production_settings(**({"PROFILE": "testing", "TESTING": False} | overrides)))
    app.config["PROFILE"] = "production"
    result = app.test_cli_runner().invoke(args=["security", "check", "--deploy", "--format", "json"])
    return result.exit_code, {f["id"]: f["severity"] for f in json.loads(result.stdout)}


def assert_reported(finding: str, **overrides: Any) -> None:
    """The deploy check names ``finding`` for ``overrides``, and exits 1 exactly for errors."""
    code, found = deploy_check(**overrides)
    assert finding in found, f"{finding} not reported for {overrides}: {sorted(found)}"
    assert found[finding] in {"error", "warning"}, f"{finding} has severity {found[finding]!r}"
    assert (code != 0) == any(severity == "error" for severity in found.values())
    baseline_code, baseline = _baseline()
    assert finding not in baseline and baseline_code == 0, f"{finding} reported on correct settings"


@functools.cache
def _baseline() -> tuple[int, dict[str, str]]:
    return deploy_check()


class _Memory(dict[str, bytes]):
    """The smallest client ``jinja2.MemcachedBytecodeCache`` takes: ``get``, and ``set``."""

    def set(self, key: str, value: bytes, timeout: int | None = None) -> None:
        self[key] = value


# Each app made for a test compiles its templates anew (a new Jinja environment, with its own
# template cache): the same templates, hundreds of times a run. Jinja's public bytecode cache,
# keyed on each template's name and source, lets the apps of one test process share the
# compiled code (7 % of the quick suite's CPU time). Production builds one app and is unchanged.
TEMPLATE_CODE = jinja2.MemcachedBytecodeCache(_Memory())


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
    app.jinja_env.bytecode_cache = TEMPLATE_CODE
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


@contextlib.contextmanager
def listening(target: Any, identifier: str, listener: Callable[..., Any]) -> Iterator[None]:
    """SQLAlchemy's ``event.listen`` for the length of a block, removed however it ends: how the
    race tests let another process win at an exact moment (a flush, a rollback)."""
    event.listen(target, identifier, listener)
    try:
        yield
    finally:
        event.remove(target, identifier, listener)


@contextlib.contextmanager
def meanwhile(
    app: Flask, statement: str, action: Callable[[], Any], *, may_wait: float | None = None
) -> Iterator[list[Any]]:
    """Run ``action`` (another worker's request, on another app over the same database) once, just
    before ``app`` executes its first SQL statement that starts with ``statement``; the list yielded
    then holds what ``action`` returned. How the race tests put a write of the other worker exactly
    between this request's check and its write.

    With ``may_wait``, ``action`` runs in a thread and this request goes on after that many seconds
    even when it has not finished: on PostgreSQL it may be waiting for rows this request locked.
    The block's end waits for it and raises what it raised."""
    done: list[Any] = []
    threads: list[threading.Thread] = []
    failed: list[BaseException] = []

    def in_thread() -> None:
        try:
            done[0] = action()
        except BaseException as exc:  # re-raised in the test's thread
            failed.append(exc)

    def run_first(_connection: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if done or not sql.lstrip().upper().startswith(statement.upper()):
            return
        done.append(None)
        if may_wait is None:
            done[0] = action()
            return
        threads.append(threading.Thread(target=in_thread))
        threads[0].start()
        threads[0].join(may_wait)

    with app.app_context():
        engine = db.engine
    with listening(engine, "before_cursor_execute", run_first):
        yield done
        for thread in threads:
            thread.join(60)
            assert not thread.is_alive(), "the other request did not finish"
        if failed:
            raise failed[0]


def shared_database(request: pytest.FixtureRequest, tmp_path: Path, database: str) -> str:
    """A database two workers of one deployment share: a SQLite file ("sqlite file"), or a fresh
    PostgreSQL database ("postgresql", the ``postgres_url`` fixture)."""
    if database == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'app.db'}"


def two_workers(database_url: str, **overrides: Any) -> tuple[Flask, Flask]:
    """Two apps over one database with one secret key: two workers of one deployment."""
    shared = {"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": secrets.token_hex(), **overrides}
    return make_app(**shared), make_app(**shared)


def csrf_from(html: str) -> str:
    """The CSRF token of the first form in ``html`` ("" when CSRF is not enabled)."""
    match = _CSRF.search(html)
    return match.group(1) if match else ""


def form_post(client: FlaskClient, page: str, data: dict[str, str], action: str | None = None) -> Any:
    """GET ``page``, then POST ``data`` plus its CSRF token to ``action`` (default: the page)."""
    token = csrf_from(client.get(page).get_data(as_text=True))
    return client.post(action or page, data={**data, "csrf_token": token})


_TOTP_KEY = re.compile(r'data-key="([A-Z2-7]+)"')


def totp(secret: str, at: float) -> str:
    """An RFC 6238 code (SHA-1, 6 digits, 30 s), as an authenticator app computes it."""
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", int(at // 30)), "sha1").digest()
    offset = digest[-1] & 0x0F
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def complete_second_factor(client: FlaskClient, page: str = "/admin/") -> None:
    """If the app sends this session to set up a second factor before ``page`` (an admin page
    with MFA), enrol one as a person would: read the key, type the current code."""
    response = client.get(page)
    if response.status_code != 302 or "/auth/mfa/setup" not in response.headers["Location"]:
        return
    setup = urlsplit(response.headers["Location"]).path
    html = client.get(setup).get_data(as_text=True)
    secret = _TOTP_KEY.search(html).group(1)  # type: ignore[union-attr]
    data = {"code": totp(secret, time.time()), "csrf_token": csrf_from(html)}
    assert client.post(setup, data=data).status_code == 200


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, and its key, made with ``cryptography``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key_path.chmod(0o600)
    return cert_path, key_path


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


def confirm_address(app: Flask, email: str) -> bool:
    """Where the app confirms addresses (the account-mail option), confirm ``email`` as its owner
    does: open the link it mailed there and press the page's button. ``False`` when the app
    confirms none (tests/test_verification.py attacks the link itself)."""
    if "verification.confirm" not in app.view_functions:
        return False
    app.extensions["mail_postman"].drain()  # the app's own mail thread
    sent = [m for m in getattr(app.extensions["mailman"], "outbox", []) if email in m.to]  # "locmem"
    found = re.search(r"https?://[^/\s]+(/auth/confirm\?token=\S+)", sent[-1].body)
    assert found is not None, f"no confirmation link was mailed to {email}"
    client = HttpsClient(app, app.response_class)  # whatever client class the app was given
    opened = client.get(found.group(1))
    page = client.get(opened.headers["Location"]).get_data(as_text=True)
    assert client.post("/auth/confirm", data={"csrf_token": csrf_from(page)}).status_code == 303
    return True


def require_service(reason: str) -> None:
    """Skip with ``reason``, or fail when REQUIRE_SERVICES=1 (CI must exercise real services)."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://localhost/postgres")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL server, dropped afterwards (parallel runs do not collide)."""
    if importlib.util.find_spec("psycopg") is None:
        # A project choice, not a missing service: REQUIRE_SERVICES does not turn this into a failure.
        pytest.skip("the PostgreSQL driver is not installed (pip install -e '.[postgresql]')")
    try:
        engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            name = f"test_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # driver missing or server down
        require_service(f"PostgreSQL not reachable at {ADMIN_URL}: {exc.__class__.__name__}")
    try:
        yield make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_server_url() -> str:
    """The test Redis server's URL; skips (or fails under REQUIRE_SERVICES=1) when it is down.

    Tests share it with other suites running at the same time: use random key prefixes and
    never flush a database.
    """
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            answer = conn.recv(64)
    except OSError:
        answer = b""
    if not answer.startswith(b"+PONG"):
        require_service(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


def redis_storage(url: str) -> dict[str, Any]:
    """Limiter settings for the shared Redis at ``url``, under a key prefix of this test's own."""
    return {
        "RATELIMIT_STORAGE_URI": url,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"test-{uuid.uuid4().hex}", "socket_timeout": 1},
    }


@pytest.fixture
def redis_url() -> str:
    """:func:`redis_server_url` as a fixture."""
    return redis_server_url()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def events() -> Iterator[list[dict[str, Any]]]:
    """Every security event emitted while the test runs, in order (any app)."""
    seen: list[dict[str, Any]] = []

    def record(sender: Flask, **event: Any) -> None:
        seen.append(event)

    security_event.connect(record, weak=False)
    yield seen
    security_event.disconnect(record)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move ``time.time()`` forward without sleeping: ``clock(2)`` makes two seconds pass.

    Expiring counters and blocks in the in-process storage read ``time.time()``, so tests of
    expiry need no ``sleep``. (Redis keeps its own clock: tests against it still wait.)
    """
    return _moved_forward(monkeypatch, "time")


@pytest.fixture
def monotonic_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move ``time.monotonic()`` forward without sleeping (windows kept per worker read it)."""
    return _moved_forward(monkeypatch, "monotonic")


def _moved_forward(monkeypatch: pytest.MonkeyPatch, name: str) -> Callable[[float], None]:
    offset = [0.0]
    real = getattr(time, name)
    monkeypatch.setattr(time, name, lambda: real() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


@dataclass(frozen=True)
class TrainedModel:
    """Where the session's local models live and the hashes to pin them with."""

    directory: str
    sha256: str  # the support router
    guard_sha256: str  # the injection detector

    @property
    def settings(self) -> dict[str, Any]:
        """Settings that load both models, pinned."""
        return {
            "AI_MODEL_DIR": self.directory,
            "AI_MODEL_SHA256": self.sha256,
            "AI_GUARD_MODEL_SHA256": self.guard_sha256,
        }


@pytest.fixture(scope="session")
def ai_model(tmp_path_factory: pytest.TempPathFactory) -> TrainedModel:
    """The local AI models (the support router and the injection detector), trained once per test
    session (a few seconds) into a temporary folder."""
    pytest.importorskip("sklearn", reason="the local AI models need the `local` extra")
    from {{ cookiecutter.package_name }}.ai import detector
    from {{ cookiecutter.package_name }}.ai.local import ArtifactPaths, train

    directory = tmp_path_factory.mktemp("ai-model")
    manifest = train(ArtifactPaths(directory, "support-router"), evaluate_first=False)
    guard = detector.train(ArtifactPaths(directory, "injection-detector"))
    return TrainedModel(str(directory), manifest["sha256"], guard["sha256"])


@pytest.fixture
def fake_openai():  # type: ignore[no-untyped-def]
    """A local OpenAI-compatible server (see fake_openai.py), stopped after the test."""
    from fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    yield server
    server.stop()
