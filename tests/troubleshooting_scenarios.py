"""Replay the troubleshooting page's situations on a baked project and print what a user sees.

Run by tests/test_troubleshooting.py as ``python -P troubleshooting_scenarios.py PROJECT`` with the
baked project's ``src`` and ``tests`` on ``PYTHONPATH`` (``-P``: the baked project's ``conftest``,
not the template's, supplies production settings and form helpers). Each situation prints the
status line, the headers that tell refusals apart, and the body as a person reads it (JSON as
sent, HTML as the text of its ``<main>``); the app's log records go to stderr. Services that are
"down" are closed ports on loopback, and SQLite's write lock is held by a second connection, so
nothing here needs a server.
"""

from __future__ import annotations

import base64
import importlib
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import conftest  # the baked project's tests/conftest.py
from conftest import PASSWORD, csrf_from, form_post, totp
from flask import Flask

HEADERS = ("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining")
INLINE_TAGS = re.compile(r"</?(?:code|strong|em|a|span|abbr)\b[^>]*>")
TAG = re.compile(r"<[^>]+>")
TOTP_KEY = re.compile(r'data-key="([A-Z2-7]+)"')
RECOVERY_CODE = re.compile(r"<code>([a-z0-9]{4}(?:-[a-z0-9]{4})+)</code>")
EMAIL = "you@example.com"
MODEL: dict[str, str] = {}  # AI_MODEL_DIR and AI_MODEL_SHA256 of a model trained once (main)


def show(title: str, response: Any) -> None:
    """Print a response as curl -i and a browser would show it."""
    print(f"=== {title}")
    print(f"HTTP/1.1 {response.status}")
    for name in HEADERS:
        if name in response.headers:
            print(f"{name}: {response.headers[name]}")
    body = response.get_data(as_text=True)
    if response.mimetype == "application/json":
        print(body.strip())
        return
    main = re.search(r"<main>(.*?)</main>", body, re.DOTALL)
    text = TAG.sub("\n", INLINE_TAGS.sub("", main.group(1) if main else body))
    for line in text.splitlines():
        if line.strip():
            print(" ".join(line.split()))


def cli(app: Flask, *args: str) -> None:
    """Print what ``flask ARGS`` prints (an error as Click shows it)."""
    result = app.test_cli_runner().invoke(args=list(args))
    print(f"=== flask {' '.join(args)}")
    print(result.output.rstrip())


def closed_port() -> int:
    """A loopback port nothing listens on: a service that is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production(**overrides: Any) -> Flask:
    """A correctly configured production app (with ``overrides``) and its tables."""
    app = conftest.create_app(conftest.production_settings(**(MODEL | overrides)))
    app.test_client_class = conftest.HttpsClient
    with app.app_context():
        conftest.db.create_all()
    return app


def add_user(app: Flask, email: str = EMAIL) -> None:
    with app.app_context():
        conftest.create_user(email, PASSWORD)


def csrf() -> None:
    app = production()
    client = app.test_client()
    login = {"email": EMAIL, "password": "wrong password"}
    show("no token", client.post("/auth/login", data=login))
    show("no token, JSON", client.post("/auth/login", data=login, headers={"Accept": "application/json"}))
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    show("no session", app.test_client().post("/auth/login", data={**login, "csrf_token": token}))
    other = app.test_client()
    other.get("/auth/login")
    show("another session's token", other.post("/auth/login", data={**login, "csrf_token": token}))
    show(
        "no Referer", client.post("/auth/login", data={**login, "csrf_token": token}, headers={"Referer": ""})
    )
    foreign = {"Referer": "https://other.invalid/"}
    show("foreign Referer", client.post("/auth/login", data={**login, "csrf_token": token}, headers=foreign))
    real = time.time
    time.time = lambda: real() + 7200  # two hours later: past WTF_CSRF_TIME_LIMIT
    try:
        show("expired", client.post("/auth/login", data={**login, "csrf_token": token}))
    finally:
        time.time = real


def rate_limit() -> None:
    client = production().test_client()
    for n in range(6):
        form = {"email": f"new{n}@example.com", "password": PASSWORD, "confirm": PASSWORD}
        response = form_post(client, "/auth/register", form)
    show("sixth registration in an hour", response)
    token = csrf_from(client.get("/auth/register").get_data(as_text=True))
    json_client = {"headers": {"Accept": "application/json"}}
    show("and as JSON", client.post("/auth/register", data={"csrf_token": token}, **json_client))


def refusal_budget() -> None:
    client = production(RATELIMIT_REFUSALS="30 per minute;300 per day").test_client()
    wrong = {"Authorization": "Bearer wrong-token"}
    for _ in range(32):
        response = client.post("/api/v1/predict", json={"text": "hello"}, headers=wrong)
    show("32nd wrong token", response)
    show("then any page", client.get("/"))


def lockout() -> None:
    app = production()
    add_user(app)
    client = app.test_client()
    for _ in range(6):
        response = form_post(client, "/auth/login", {"email": EMAIL, "password": "wrong password"})
    show("sixth wrong password", response)
    show("the right password too", form_post(client, "/auth/login", {"email": EMAIL, "password": PASSWORD}))
    cli(app, "security", "unlock", EMAIL)


def block() -> None:
    app = production()
    client = app.test_client()
    for n in range(11):
        response = form_post(client, "/auth/login", {"email": f"nobody{n}@example.com", "password": "x"})
    show("eleventh failed login", response)
    show("and as JSON", client.get("/", headers={"Accept": "application/json"}))
    cli(app, "security", "unblock", "127.0.0.1")


def mfa() -> None:
    app = production()
    add_user(app)
    client = app.test_client()
    form_post(client, "/auth/login", {"email": EMAIL, "password": PASSWORD})
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    secret = TOTP_KEY.search(page).group(1)  # type: ignore[union-attr]
    form = {"code": totp(secret, time.time()), "csrf_token": csrf_from(page)}
    codes = RECOVERY_CODE.findall(client.post("/auth/mfa/setup", data=form).get_data(as_text=True))
    phone_lost = app.test_client()
    form_post(phone_lost, "/auth/login", {"email": EMAIL, "password": PASSWORD})
    show("a wrong code", form_post(phone_lost, "/auth/mfa/verify", {"code": "000000"}))
    response = form_post(phone_lost, "/auth/mfa/verify", {"code": codes[0]})
    print(f"=== a recovery code\nHTTP/1.1 {response.status}")
    show("the two-factor page", phone_lost.get("/auth/mfa/"))
    cli(app, "mfa", "reset", EMAIL)
    cli(app, "mfa", "reset", EMAIL)
    cli(app, "mfa", "reset", "nobody@example.com")


def unconfirmed() -> None:
    app = production()  # its mail goes nowhere (no relay here), which the answers do not wait for
    client = app.test_client()
    form_post(client, "/auth/register", {"email": "new@example.com", "password": PASSWORD})
    show(
        "a correct password before the address is confirmed",
        form_post(client, "/auth/login", {"email": "new@example.com", "password": PASSWORD}),
    )
    show("a new link", form_post(client, "/auth/confirm/resend", {"email": "new@example.com"}))


def redis_down() -> None:
    app = production(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port()}/0")
    client = app.test_client()
    show("a page", client.get("/"))
    show("a login", form_post(client, "/auth/login", {"email": EMAIL, "password": PASSWORD}))
    show("readiness", client.get("/readyz"))
    cli(app, "security", "check", "--deploy")


def postgresql_down() -> None:
    url = f"postgresql+psycopg://app:app@127.0.0.1:{closed_port()}/app"
    app = conftest.create_app(conftest.production_settings(**MODEL, SQLALCHEMY_DATABASE_URI=url))
    app.test_client_class = conftest.HttpsClient
    client = app.test_client()
    show("a login", form_post(client, "/auth/login", {"email": EMAIL, "password": PASSWORD}))
    api = app.test_client()  # no cookie: a bearer call meets no CSRF check
    show(
        "an API call", api.post("/api/v1/predict", json={"text": "hi"}, headers={"Authorization": "Bearer x"})
    )
    show("liveness", client.get("/healthz"))
    show("readiness", client.get("/readyz"))


def sqlite_locked() -> None:
    folder = Path(tempfile.mkdtemp())
    app = production(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/app.db",
        # A short busy timeout: the same error as the default 5 s, sooner.
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True, "connect_args": {"timeout": 0.2}},
        AUDIT_OUTBOX=str(folder / "audit-outbox.jsonl"),
    )
    client = app.test_client()
    page = client.get("/auth/register").get_data(as_text=True)
    holder = sqlite3.connect(folder / "app.db")
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    form = {"email": EMAIL, "password": PASSWORD, "confirm": PASSWORD, "csrf_token": csrf_from(page)}
    show("a registration", client.post("/auth/register", data=form))
    show("a refusal to audit", app.test_client().post("/auth/login", data={"email": EMAIL}))
    result = app.test_cli_runner().invoke(
        args=["users", "create", "other@example.com", "--password", PASSWORD]
    )
    print("=== flask users create")
    print(f"{type(result.exception).__module__}.{type(result.exception).__name__}: {result.exception}")
    holder.rollback()
    holder.close()
    print(f"journal_mode={sqlite3.connect(folder / 'app.db').execute('PRAGMA journal_mode').fetchone()[0]}")
    cli(app, "audit", "verify")
    cli(app, "audit", "drain")


def readiness() -> None:
    show("all parts ready", production().test_client().get("/readyz"))
    missing = {"AI_MODEL_DIR": tempfile.mkdtemp(), "AI_MODEL_SHA256": "0" * 64}
    app = production(**missing)
    show("no model trained", app.test_client().get("/readyz"))
    cli(app, "security", "check", "--deploy")


def start_refused(project: Path) -> None:
    """Start the app as gunicorn's worker would, and run the deploy check, in a clean environment."""
    package = next(p.name for p in (project / "src").iterdir() if (p / "__init__.py").is_file())
    folder = tempfile.mkdtemp()  # no .env here
    env = {
        "PATH": os.environ["PATH"],
        "HOME": folder,
        "PYTHONPATH": str(project / "src"),
        "FLASK_APP": package,
    }
    start = [sys.executable, "-c", f"from {package} import create_app; create_app()"]
    check = [sys.executable, "-m", "flask", "security", "check", "--deploy"]
    keys = {
        "FLASK_SECRET_KEY": secrets.token_urlsafe(64),
        "FLASK_TRUSTED_HOSTS": '["app.example.com"]',
        "FLASK_DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "FLASK_AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),
        "FLASK_MAIL_SERVER": "smtp.app.example.com",
        "WEB_CONCURRENCY": "1",
        "FLASK_AI_MODEL_DIR": str(Path(folder) / "model"),
    }
    # An artifact that is not the pinned one (its content does not matter to the hash check).
    (Path(folder) / "model").mkdir()
    (Path(folder) / "model" / "support-router.skops").write_bytes(b"replaced")
    for title, command, extra in (
        ("production, nothing set", start, {}),
        ("flask security check --deploy, nothing set", check, {}),
        ("production, keys set, model not pinned", start, keys),
        ("production, pinned to another artifact", start, keys | {"FLASK_AI_MODEL_SHA256": "0" * 64}),
    ):
        result = subprocess.run(
            command, cwd=folder, env=env | extra, capture_output=True, text=True, timeout=120, check=False
        )
        print(f"=== {title} (exit {result.returncode})")
        print(result.stdout.rstrip())
        print(result.stderr.rstrip())


def train_model() -> None:
    """Train the local model once, so that the apps below serve it pinned, as production does."""
    local = importlib.import_module(f"{conftest.create_app.__module__}.ai.local")
    folder = tempfile.mkdtemp()
    manifest = local.train(local.ArtifactPaths(Path(folder), "support-router"), evaluate_first=False)
    MODEL.update(AI_MODEL_DIR=folder, AI_MODEL_SHA256=manifest["sha256"])


def main() -> None:
    project = Path(sys.argv[1])
    train_model()
    for situation in (
        csrf,
        rate_limit,
        refusal_budget,
        lockout,
        block,
        mfa,
        unconfirmed,
        redis_down,
        postgresql_down,
        sqlite_locked,
        readiness,
    ):
        situation()
    start_refused(project)


if __name__ == "__main__":
    main()
