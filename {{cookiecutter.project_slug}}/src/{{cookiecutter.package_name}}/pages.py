"""Pages every variant has: home, liveness and readiness checks, and error responses without tracebacks."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, Response, current_app, g, jsonify, render_template, request
from flask.globals import request_ctx
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import Conflict, HTTPException, InternalServerError, ServiceUnavailable

from .db import db

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    """The landing page."""
    return render_template("index.html")


@bp.get("/healthz")
def healthz() -> tuple[Response, int]:
    """Liveness and database reachability for load balancers; no auth, no session."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready"; the reason goes to the log only
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok"), 200


#: ``app.extensions`` key: the parts ``/readyz`` checks besides the database, name -> a callable
#: that raises when its part cannot serve (controls add theirs with ``add_readiness_check``).
READINESS = "readiness_checks"


def add_readiness_check(app: Flask, name: str, check: Callable[[], object]) -> None:
    """Make ``/readyz`` answer 503, naming ``name``, while ``check()`` raises."""
    app.extensions.setdefault(READINESS, {})[name] = check


def _database() -> None:
    db.session.execute(text("SELECT 1"))


@bp.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Readiness for load balancers and orchestrators: the database and every registered part
    (the limiter's storage, the local model). 503 names the failing parts, never why: the reason
    goes to the log only. Unlimited only for ``RATELIMIT_PROBES`` (the rate limiter's exemption)."""
    checks: dict[str, Callable[[], object]] = {
        "database": _database,
        **current_app.extensions.get(READINESS, {}),
    }
    failing = []
    for name, check in checks.items():
        try:
            check()
        except Exception:  # any error means "not ready"; the traceback is for the operator's log
            current_app.logger.exception("readiness check failed: %s", name)
            failing.append(name)
    if failing:
        return jsonify(status="unavailable", failing=failing), 503
    return jsonify(status="ready", checked=list(checks)), 200


def wants_json() -> bool:
    """API paths and clients that prefer JSON get JSON errors; browsers get HTML."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_response(exc: HTTPException) -> Response:
    """Render ``exc`` as JSON or HTML, with the request id and no internals."""
    code = exc.code or 500
    body = {
        "error": exc.name,
        "message": exc.description,
        "status": code,
        "request_id": g.get("request_id"),
    }
    response = None
    if not (wants_json() or request_ctx.url_adapter is None):  # no URL building for a refused Host
        try:
            response = Response(render_template("error.html", **body), mimetype="text/html")
        except Exception:  # an error page must never become a 500 of its own: answer JSON
            current_app.logger.exception("error page could not be rendered")
    if response is None:
        response = jsonify(body)
    response.status_code = code
    # Keep headers the exception carries (Allow on 405, Retry-After on 429, ...).
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _internal_error(exc: Exception) -> Response:
    current_app.logger.exception("unhandled error")
    return error_response(InternalServerError())


# --8<-- [start:database_unavailable]
#: Seconds a client is told to wait while the database cannot be reached.
DATABASE_RETRY_AFTER = 5


def _database_unavailable(exc: OperationalError) -> Response:
    """The database is down or restarting: 503 with Retry-After, not a 500 (nothing is broken
    in the request; the same request will succeed once the pool reconnects)."""
    g.database_unavailable = True  # nothing else in this request asks the database again
    try:
        db.session.rollback()  # the connection is gone: do not reuse the transaction
    except SQLAlchemyError:  # the rollback itself can fail on a dead connection; it is discarded
        db.session.remove()
    current_app.logger.error("database unreachable: %s", type(exc.orig).__name__)
    return error_response(
        ServiceUnavailable("The service is briefly unavailable.", retry_after=DATABASE_RETRY_AFTER)
    )


# --8<-- [end:database_unavailable]


def _changed_meanwhile(exc: StaleDataError) -> Response:
    """A row this request read, then wrote, was deleted or changed by another request in between
    (an account or a session removed meanwhile): 409 with its transaction rolled back, not a 500."""
    db.session.rollback()
    current_app.logger.warning("a row changed under this request: %s", exc)
    return error_response(Conflict("What this page changes was changed or removed meanwhile. Reload it."))


def init_app(app: Flask) -> None:
    """Register the pages and the error handlers."""
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, error_response)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(StaleDataError, _changed_meanwhile)
    app.register_error_handler(Exception, _internal_error)
