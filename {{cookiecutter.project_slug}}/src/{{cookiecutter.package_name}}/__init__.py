"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import ai, config, db, inputs, logs, metrics, pages, security, telemetry, users


# --8<-- [start:create_app]
def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: one ``init_app`` per concern, in the order requests meet them."""
    app = Flask(__name__, instance_relative_config=True)
    inputs.init_app(app)  # integers in URLs bounded, before any route exists
    config.init_app(app, test_config)  # defaults, profile, FLASK_* environment
    logs.init_app(app)  # structured logs, request ids, access records
    metrics.init_app(app)  # Prometheus counters of requests, security events, audit, AI; /metrics
    telemetry.init_app(app)  # OTLP traces and Sentry error reports, redacted; off unless configured
    db.init_app(app)  # SQLAlchemy and migrations
    users.init_app(app)  # accounts and `flask users`
    security.init_app(app)  # every control in security/, in a fixed order
    ai.init_app(app)  # providers, guardrails, /api/v1 and the playground
    pages.init_app(app)  # home, health check, error pages
    security.refuse_unsafe_start(app)  # production stops here on unsafe settings
    return app


# --8<-- [end:create_app]
