"""Configuration: every core default in one place, then the environment, then overrides.

Settings are read from ``FLASK_``-prefixed environment variables (a git-ignored ``.env`` in
development) with :meth:`flask.Config.from_prefixed_env`, which parses JSON values, so
``FLASK_TRUSTED_HOSTS='["app.example.com"]'`` becomes a list. Each optional control declares its
own namespaced defaults in its module (as Flask extensions do) and never re-defaults a core key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from dotenv import load_dotenv
from flask import Flask

PROFILES = ("development", "testing", "production")

# --8<-- [start:settings]
DEFAULTS: dict[str, Any] = {
    # Profile: "production" unless told otherwise, so a forgotten setting fails closed.
    "PROFILE": "production",
    "APP_TITLE": {{ cookiecutter.project_name | tojson }},
    "SECRET_KEY": None,  # required; >= 50 chars, from FLASK_SECRET_KEY
    "SECRET_KEY_FALLBACKS": [],  # old keys still accepted for signed data during rotation
    "DEBUG": False,
    "TESTING": False,
    "TRUSTED_HOSTS": None,  # e.g. ["app.example.com"]; required in production
    "PREFERRED_URL_SCHEME": "https",
    # Request bodies are bounded (checklist 4): bigger bodies get 413 before a view runs.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 64 * 1024,
    "MAX_FORM_PARTS": 100,
    # Database: SQLite by default, PostgreSQL (psycopg 3) by option or env.
    "SQLALCHEMY_DATABASE_URI": None,  # computed from DATABASE when unset
    "DATABASE": "{{ cookiecutter.database }}",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    # Session cookie (checklist 14): __Host- prefix means Secure, Path=/ and no Domain.
    "SESSION_COOKIE_NAME": "__Host-session",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_PATH": "/",
    "SESSION_COOKIE_DOMAIN": None,
    "SESSION_IDLE_TIMEOUT": timedelta(minutes=30),
    "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
    # Re-signing the cookie on every response would slide its expiry past the absolute timeout
    # and cost a signature per request; idle time is enforced server-side (login sessions).
    "SESSION_REFRESH_EACH_REQUEST": False,
    # Client IP: how many reverse proxies in front of the app set X-Forwarded-* (0 = none).
    "TRUSTED_PROXY_HOPS": 0,
    # Transport: redirect http -> https (and HSTS) outside development.
    "FORCE_HTTPS": True,
    # Logging: "json" lines or plain "text".
    "LOG_FORMAT": "{{ cookiecutter.log_format }}",
    "LOG_LEVEL": "INFO",
    # Requests the IP filter refuses (a denied network, a blocked client) get one access record
    # per client address and worker every this many seconds, which counts the ones left out, so
    # a flood cannot fill the logs (0: a record for every refusal).
    "LOG_REFUSALS_EVERY": 10,
    # Password policy (checklist 17): length only, no composition rules.
    "PASSWORD_MIN_LENGTH": 12,
    "PASSWORD_MAX_LENGTH": 1024,
    # Cheaper argon2 parameters for the test suite only; refused in production.
    "PASSWORD_HASH_FAST": False,
}

PROFILE_DEFAULTS: dict[str, dict[str, Any]] = {
    "development": {"FORCE_HTTPS": False, "TRUSTED_HOSTS": ["127.0.0.1", "localhost"]},
    "testing": {"TESTING": True, "TRUSTED_HOSTS": ["localhost"], "PASSWORD_HASH_FAST": True},
    "production": {},
}

DATABASE_URIS = {
    "sqlite": "sqlite:///{instance}/app.db",
    "postgresql": "postgresql+psycopg://localhost/{{ cookiecutter.package_name }}",
}
# --8<-- [end:settings]


def parse_keys(value: object) -> list[str]:
    """The keys in a list setting (``*_KEYS``): a comma-separated string or a list, blanks dropped."""
    if not value:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        return [str(items)]
    return [str(item).strip() for item in items if str(item).strip()]


def init_app(app: Flask, overrides: Mapping[str, Any] | None = None) -> None:
    """Load defaults, then the profile, then ``FLASK_*`` environment, then ``overrides``."""
    overrides = dict(overrides or {})
    if not overrides.get("TESTING") and not os.environ.get("FLASK_SKIP_DOTENV"):
        # python-dotenv never overrides variables already set in the real environment.
        load_dotenv(Path.cwd() / ".env")
    env_profile = os.environ.get("FLASK_PROFILE")
    profile = overrides.get("PROFILE") or env_profile or DEFAULTS["PROFILE"]
    if profile not in PROFILES:
        raise RuntimeError(f"PROFILE must be one of {', '.join(PROFILES)}, not {profile!r}.")
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(PROFILE_DEFAULTS[profile])
    app.config.from_prefixed_env("FLASK")
    app.config.from_mapping(overrides)
    app.config["PROFILE"] = profile
    for key in ("SESSION_IDLE_TIMEOUT", "SESSION_ABSOLUTE_TIMEOUT", "PERMANENT_SESSION_LIFETIME"):
        if isinstance(app.config[key], int | float):  # seconds from the environment
            app.config[key] = timedelta(seconds=app.config[key])
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        template = DATABASE_URIS[app.config["DATABASE"]]
        app.config["SQLALCHEMY_DATABASE_URI"] = template.format(instance=app.instance_path)
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
