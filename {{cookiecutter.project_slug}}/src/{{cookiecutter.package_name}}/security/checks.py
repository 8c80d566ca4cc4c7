"""``flask security check [--deploy]``: the Flask counterpart of Django's ``check --deploy``.

Each check is a function ``(app) -> iterable of Finding`` registered with :func:`register`.
Controls register their own checks in their ``init_app``; the core settings are checked here.
Finding ids are stable: documentation, tests and users' CI scripts rely on them.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

EXTENSION = "security_checks"
# A key that starts with or contains one of these was typed by a person, not generated.
PLACEHOLDER_PREFIXES = ("change", "dev-", "secret-", "your-", "example", "placeholder", "test-")
PLACEHOLDER_WORDS = ("changeme", "change-me", "insecure", "notsecret", "not-secret")
# gunicorn.conf.py's worker count when WEB_CONCURRENCY is unset.
DEFAULT_WORKERS = 2


@dataclass(frozen=True)
class Finding:
    """One problem: a stable id, ``error`` or ``warning``, what is wrong and how to fix it."""

    id: str
    severity: str
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.id} [{self.severity}] {self.message} Fix: {self.hint}"


Check = Callable[[Flask], Iterable[Finding]]


def register(app: Flask, check: Check, deploy: bool = True) -> None:
    """Add ``check``; deploy checks run only with ``--deploy`` and at production start."""
    app.extensions.setdefault(EXTENSION, []).append((check, deploy))


def run(app: Flask, deploy: bool) -> list[Finding]:
    """Run the registered checks and return their findings, errors first."""
    findings = [
        finding
        for check, is_deploy in app.extensions.get(EXTENSION, [])
        if deploy or not is_deploy
        for finding in check(app)
    ]
    return sorted(findings, key=lambda f: (f.severity != "error", f.id))


def secret_is_weak(value: object) -> bool:
    """Django's rule (W009): at least 50 characters, 5 distinct, and no placeholder."""
    if not isinstance(value, str | bytes):
        return True
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    lowered = text.lower()
    return (
        len(text) < 50
        or len(set(text)) < 5
        or lowered.startswith(PLACEHOLDER_PREFIXES)
        or any(word in lowered for word in PLACEHOLDER_WORDS)
    )


def worker_count() -> int:
    """How many processes will serve the app, as gunicorn will count them.

    ``WEB_CONCURRENCY`` first (gunicorn.conf.py reads it), then ``-w``/``--workers`` in
    ``GUNICORN_CMD_ARGS`` or on gunicorn's own command line, else gunicorn.conf.py's default.
    Checks that depend on it (per-process storage) therefore fail safe when nothing is said.
    """
    if value := os.environ.get("WEB_CONCURRENCY", "").strip():
        return int(value)
    args = shlex.split(os.environ.get("GUNICORN_CMD_ARGS", ""))
    if os.path.basename(sys.argv[0]) == "gunicorn":
        args += sys.argv[1:]
    workers = DEFAULT_WORKERS
    for index, arg in enumerate(args):
        if arg in ("-w", "--workers") and index + 1 < len(args):
            workers = int(args[index + 1])
        elif arg.startswith("--workers="):
            workers = int(arg.partition("=")[2])
        elif arg.startswith("-w") and arg[2:].isdigit():
            workers = int(arg[2:])
    return workers


# --8<-- [start:core_checks]
def core_checks(app: Flask) -> Iterable[Finding]:
    """Secret key, debug, hosts, body size and cookie flags (checklist 1-4, 14)."""
    c = app.config
    yield from _key_and_mode_checks(c)
    yield from _request_bound_checks(c)
    yield from _transport_and_cookie_checks(c)
    yield from _control_presence_checks(app)


def _key_and_mode_checks(c: Any) -> Iterable[Finding]:
    if secret_is_weak(c["SECRET_KEY"]):
        yield Finding(
            "SFA-C001",
            "error",
            "SECRET_KEY is missing, short or low-entropy.",
            "Set FLASK_SECRET_KEY to `python -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
        )
    if any(secret_is_weak(k) for k in c["SECRET_KEY_FALLBACKS"]):
        yield Finding(
            "SFA-C002",
            "error",
            "A SECRET_KEY_FALLBACKS entry is short or low-entropy.",
            "Remove it or replace it with a strong key.",
        )
    if c["DEBUG"]:
        yield Finding(
            "SFA-C003", "error", "DEBUG is on: the Werkzeug debugger runs code.", "Unset FLASK_DEBUG."
        )
    if c["TESTING"]:
        yield Finding(
            "SFA-C004", "error", "TESTING is on: errors propagate and checks relax.", "Unset FLASK_TESTING."
        )


def _request_bound_checks(c: Any) -> Iterable[Finding]:
    if not c["TRUSTED_HOSTS"]:
        yield Finding(
            "SFA-C005",
            "error",
            "TRUSTED_HOSTS is empty: any Host header is accepted.",
            "Set FLASK_TRUSTED_HOSTS='[\"app.example.com\"]'.",
        )
    if not c["MAX_CONTENT_LENGTH"] or c["MAX_CONTENT_LENGTH"] > 16 * 1024 * 1024:
        yield Finding(
            "SFA-C006",
            "error",
            "MAX_CONTENT_LENGTH is unset or above 16 MiB.",
            "Set FLASK_MAX_CONTENT_LENGTH to the largest body you expect.",
        )
    if not c["MAX_FORM_MEMORY_SIZE"] or not c["MAX_FORM_PARTS"]:
        yield Finding(
            "SFA-C021",
            "error",
            "MAX_FORM_MEMORY_SIZE or MAX_FORM_PARTS is unset: form parsing is unbounded.",
            "Set FLASK_MAX_FORM_MEMORY_SIZE and FLASK_MAX_FORM_PARTS (defaults: 65536 and 100).",
        )


def _transport_and_cookie_checks(c: Any) -> Iterable[Finding]:
    if c["PASSWORD_HASH_FAST"]:
        yield Finding(
            "SFA-C007",
            "error",
            "PASSWORD_HASH_FAST weakens password hashing.",
            "Unset FLASK_PASSWORD_HASH_FAST (it is for the test suite only).",
        )
    if not c["FORCE_HTTPS"]:
        yield Finding(
            "SFA-C008",
            "error",
            "FORCE_HTTPS is off: plain HTTP is served.",
            "Unset FLASK_FORCE_HTTPS; terminate TLS at the app or a trusted proxy.",
        )
    if not (c["SESSION_COOKIE_SECURE"] and c["SESSION_COOKIE_HTTPONLY"]):
        yield Finding(
            "SFA-C009",
            "error",
            "The session cookie lacks Secure or HttpOnly.",
            "Set SESSION_COOKIE_SECURE and SESSION_COOKIE_HTTPONLY to true.",
        )
    if c["SESSION_COOKIE_SAMESITE"] not in ("Lax", "Strict"):
        yield Finding(
            "SFA-C010",
            "error",
            "SESSION_COOKIE_SAMESITE is not Lax or Strict.",
            "Set SESSION_COOKIE_SAMESITE to Lax.",
        )
    if not str(c["SESSION_COOKIE_NAME"]).startswith("__Host-") or c["SESSION_COOKIE_DOMAIN"]:
        yield Finding(
            "SFA-C011",
            "warning",
            "The session cookie is not __Host- prefixed.",
            "Name it __Host-session with Path=/ and no Domain.",
        )


def _control_presence_checks(app: Flask) -> Iterable[Finding]:
    if "csrf" not in app.extensions:
        yield Finding(
            "SFA-C012",
            "warning",
            "CSRF protection is not active.",
            "Enable the use_csrf template option.",
        )
    if "talisman" not in app.extensions:
        yield Finding(
            "SFA-C013",
            "warning",
            "Security headers (Talisman) are not active.",
            "Enable the use_talisman option.",
        )


# --8<-- [end:core_checks]


security_cli = AppGroup("security", help="Security tools.")


@security_cli.command("check")
@click.option("--deploy", is_flag=True, help="Also run the production (deployment) checks.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@with_appcontext
def check_command(deploy: bool, fmt: str) -> None:
    """Check the settings; exit 1 when any finding is an error."""
    findings = run(current_app, deploy=deploy)
    if fmt == "json":
        click.echo(json.dumps([asdict(f) for f in findings], indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        errors = sum(f.severity == "error" for f in findings)
        click.echo(f"{len(findings)} finding(s), {errors} error(s).")
    if any(f.severity == "error" for f in findings):
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    """Register the core checks and the ``flask security`` commands."""
    register(app, core_checks)
    app.cli.add_command(security_cli)
