"""Logging: JSON lines or plain text, with request id, user id and client IP on every record.

Every request gets an id (a well-formed incoming ``X-Request-ID`` or a fresh one), echoed in the
response and shown on error pages. A redaction filter removes credentials before any handler
sees a record, and control characters are escaped so user input cannot forge log lines.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

from .events import security_event

LOGGER_NAME = __package__ or __name__
REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
# Field names whose values are never logged, whatever their content.
SENSITIVE_KEYS = re.compile(r"pass|secret|token|cookie|authorization|api[_-]?key|csrf", re.I)
# Credentials that may hide inside free text (messages, prompts, headers).
SECRET_PATTERNS = (
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    re.compile(r"\b[a-z]{2,8}_[A-Za-z0-9_-]{32,}\b"),  # prefixed API tokens such as "sfa_..."
    re.compile(r"(?i)(password|passwd|secret|api[_-]?key|token)=[^\s&]+"),
)
REDACTED = "[REDACTED]"


def redact_text(text: str) -> str:
    """Replace credentials found in ``text`` with a marker."""
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def escape_control(text: str) -> str:
    """Escape CR, LF and other control characters so one record stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _clean(value: Any, key: str = "") -> Any:
    if key and SENSITIVE_KEYS.search(key):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {k: _clean(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


class RedactionFilter(logging.Filter):
    """Strip credentials from the message, its arguments and any ``extra`` fields."""

    _standard = set(vars(logging.makeLogRecord({})))

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_text(record.getMessage())
        record.args = None
        for key in set(vars(record)) - self._standard:
            setattr(record, key, _clean(getattr(record, key), key))
        return True


class ContextFilter(logging.Filter):
    """Add request id, user id and client IP (after ProxyFix) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context():
            record.request_id = g.get("request_id")
            record.user_id = g.get("user_id")
            record.client_ip = request.remote_addr
        else:
            record.request_id = record.user_id = record.client_ip = None
        return True


class TextFormatter(logging.Formatter):
    """Plain text, one line per record, control characters escaped."""

    def format(self, record: logging.LogRecord) -> str:
        return escape_control(super().format(record))


def _formatter(kind: str) -> logging.Formatter:
    if kind == "json":
        # JSON string encoding escapes control characters by itself.
        return JsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}{user_id}{client_ip}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            datefmt="%Y-%m-%dT%H:%M:%S%z",
            timestamp=False,
        )
    return TextFormatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s ip=%(client_ip)s] %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S%z",
    )


def _start_request() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    started = g.get("request_started")
    latency_ms = round((time.perf_counter() - started) * 1000, 2) if started else None
    logging.getLogger(f"{LOGGER_NAME}.access").info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "latency_ms": latency_ms,
        },
    )
    return response


def _log_security_event(sender: Flask, **event: Any) -> None:
    logging.getLogger(f"{LOGGER_NAME}.security").info(
        "security event",
        extra={
            "event": event["event"],
            "outcome": event["outcome"],
            "event_user_id": event["user_id"],
            "details": event["details"],
        },
    )


def init_app(app: Flask) -> None:
    """Install the formatter and filters on the package logger and trace each request."""
    logger = app.logger  # named after the package: LOGGER_NAME
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_formatter(app.config["LOG_FORMAT"]))
    handler.addFilter(RedactionFilter())
    handler.addFilter(ContextFilter())
    logger.addHandler(handler)
    logger.setLevel(app.config["LOG_LEVEL"])
    logger.propagate = False  # filters sit on this handler; tests read its stream (stderr)
    app.before_request(_start_request)
    app.after_request(_finish_request)
    security_event.connect(_log_security_event, sender=app, weak=False)
