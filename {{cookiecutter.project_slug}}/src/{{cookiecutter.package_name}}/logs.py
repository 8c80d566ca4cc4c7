"""Logging: JSON lines or plain text, with request id, user id and client IP on every record.

Every request gets an id (a well-formed incoming ``X-Request-ID`` or a fresh one), echoed in the
response and shown on error pages, and one access record (method, path, status, latency; for the
repeated refusals of the IP filter and the rate limiter, one per client every
``LOG_REFUSALS_EVERY`` seconds with a count). Times
are UTC (ISO 8601 with ``Z``). A redaction filter removes credentials before any handler sees a
record, and control characters are escaped so user input cannot forge log lines. Every security
event is logged too: failures and refusals at WARNING.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypedDict, Unpack

from cachetools import LRUCache
from flask import Flask, Response, current_app, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

from .config import parse_keys
from .events import security_event
from .security import checks
from .security.checks import Finding

LOGGER_NAME = __package__ or __name__
FORMATS = ("json", "text")
REQUEST_ID_HEADER = "X-Request-ID"
REFUSALS = "log_refusals"  # app.extensions: the RefusalSampler
ACCESS_LOG = logging.getLogger(f"{LOGGER_NAME}.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
# C0 and C1 controls, DEL, line/paragraph separators and bidi overrides (which reorder what a
# reader sees on screen).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
REDACTED = "[REDACTED]"


@dataclass(frozen=True)
class Credential:
    """The shape of one kind of credential, for every redaction in the app.

    ``pattern`` starts with a literal or a character class: a leading look-behind or ``\\b`` would
    stop Python's regex engine from skipping ahead (~50 us per KB per pattern in the AI pipeline).
    A match that starts right after a letter or digit is part of a longer word, not a credential,
    unless the shape may occur ``anywhere``. A group named ``keep`` (a header's or a field's name)
    stays in front of the marker. ``hints``: lower-case substrings, one of which every match holds
    (a cheap test before the pattern runs). ``any_case`` patterns are written in lower case and
    match in any case.
    """

    pattern: str
    hints: tuple[str, ...]
    any_case: bool = False
    anywhere: bool = False


# --8<-- [start:redaction]
# Field names whose values are never logged, whatever their content ("token_id" is fine).
SENSITIVE_KEYS = re.compile(
    r"pass|secret|token|cookie|authori[sz]ation|api[_-]?key|csrf|credential|private", re.I
)
SAFE_KEY_SUFFIXES = ("_id", "_ids", "_hint", "_count", "_scopes", "_name", "_type", "_prefix", "_ended")
# Credentials that may hide inside free text (messages, prompts, headers, exceptions): the one
# table of their shapes. The log filter below and the AI guardrails (ai/guardrails.py, which adds
# e-mail addresses and card numbers) both build their patterns from it.
CREDENTIALS: tuple[Credential, ...] = (
    # Header lines: the name stays, the value goes.
    Credential(
        r"(?P<keep>(?:set-cookie|cookie|proxy-authorization|authorization)\s*:\s*)[^\r\n]+",
        ("cookie", "authori"),
        any_case=True,
    ),
    # Bearer and basic credentials: a digit, a base64 symbol or 16 characters tell them from words
    # ("a basic question.").
    Credential(
        r"(?P<keep>(?:bearer|basic)\s+)(?=[a-z._-]*[0-9~+/=]|[a-z0-9._~+/=-]{16})[a-z0-9._~+/=-]{8,}",
        ("bearer", "basic"),
        any_case=True,
    ),
    Credential(
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)",
        ("-----begin",),
        anywhere=True,
    ),
    Credential(r"(?P<keep>://)[^/\s:@]+:[^/\s@]+(?=@)", ("://",), anywhere=True),  # user:password@ in URLs
    # password=..., "api_key": "...", token: ... in forms, query strings, JSON and prose ("dbpassword=").
    Credential(
        r"(?P<keep>(?:password|passwd|pwd|secret|api[\s_-]?key|(?:access|refresh|csrf)[\s_-]?token|token)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\"'\s,&;}]+",
        ("pass", "pwd", "secret", "key", "token"),
        any_case=True,
        anywhere=True,
    ),
    Credential(r"sk-[A-Za-z0-9_-]{16,}", ("sk-",)),  # OpenAI-style provider keys
    Credential(r"(?:AKIA|ASIA)[0-9A-Z]{16}\b", ("akia", "asia")),  # AWS access key ids
    Credential(r"AIza[0-9A-Za-z_-]{35}", ("aiza",)),  # Google API keys
    Credential(r"xox[abposr]-[A-Za-z0-9-]{10,}", ("xox",)),  # Slack tokens
    Credential(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", ("eyj",)),  # JWTs
    Credential(r"(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}", ("_live_", "_test_")),  # Stripe keys
    Credential(r"[a-z]{2,8}_[A-Za-z0-9_-]{32,}", ("_",)),  # prefixed tokens: sfa_..., ghp_..., hf_...
    Credential(r"[A-Za-z0-9_-]{43}=(?![A-Za-z0-9_=-])", ("=",)),  # Fernet keys
)


def _log_form(shape: Credential) -> tuple[re.Pattern[str], str]:
    """``shape`` as the log filter applies it with ``re.sub``: the rule against a start inside a
    word as a look-behind, and a replacement that keeps the ``keep`` group."""
    lead = "" if shape.anywhere else r"(?<![^\W_])"  # not after a letter or digit
    pattern = re.compile(lead + shape.pattern, re.IGNORECASE if shape.any_case else 0)
    return pattern, (r"\g<keep>" if "keep" in pattern.groupindex else "") + REDACTED


SECRET_PATTERNS = tuple(_log_form(shape) for shape in CREDENTIALS)
# One cheap search that every pattern above needs to match first (most log text has none).
_HINT = re.compile("|".join(re.escape(hint) for shape in CREDENTIALS for hint in shape.hints), re.IGNORECASE)
# Settings whose string values are secrets: their exact values are redacted wherever they appear.
SECRET_SETTINGS = re.compile(r"SECRET|PASSWORD|(?:^|_)KEYS?$|API_KEY|CREDENTIAL|PRIVATE")
# --8<-- [end:redaction]
MIN_SECRET_LENGTH = 12  # shorter setting values are not secrets worth a literal search


class Redaction(TypedDict, total=False):
    """What ``redact`` passes down to ``redact_text`` besides the built-in patterns."""

    extra: Iterable[re.Pattern[str]]
    literals: Iterable[str]


def redact_text(text: str, extra: Iterable[re.Pattern[str]] = (), literals: Iterable[str] = ()) -> str:
    """Replace credentials found in ``text`` with a marker."""
    for literal in literals:
        text = text.replace(literal, REDACTED)
    for pattern in extra:
        text = pattern.sub(REDACTED, text)
    if _HINT.search(text):
        for pattern, replacement in SECRET_PATTERNS:
            text = pattern.sub(replacement, text)
    return text


@functools.lru_cache(maxsize=1024)
def is_sensitive_key(key: str) -> bool:
    """True for field names such as ``password`` or ``csrf_token`` (not ``token_id``)."""
    return bool(SENSITIVE_KEYS.search(key)) and not key.lower().endswith(SAFE_KEY_SUFFIXES)


def redact(value: Any, key: str = "", **how: Unpack[Redaction]) -> Any:
    """``value`` with secrets removed: by field name, then by content, recursively."""
    if key and is_sensitive_key(key):
        return REDACTED
    if isinstance(value, str):
        return redact_text(value, **how)
    if isinstance(value, Mapping):
        return {k: redact(v, str(k), **how) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [redact(v, **how) for v in value]
    return value


def escape_control(text: str) -> str:
    """Escape CR, LF and other control characters so one record stays one line."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class RedactionFilter(logging.Filter):
    """Strip credentials from the message, its arguments, exceptions and ``extra`` fields.

    Besides the fixed patterns it removes the app's own secrets (the exact values of the settings
    named like secrets: ``SECRET_KEY``, ``*_KEYS``, ``*_API_KEY``...) and API tokens with the
    configured prefix.
    """

    _standard = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

    def __init__(self, config: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self._config = config or {}
        self._secret_keys: list[str] = []
        self._seen = -1
        self._values: tuple[Any, ...] | None = None
        self._found: list[str] = []
        self._prefix: tuple[str, re.Pattern[str]] | None = None

    def _literals(self) -> list[str]:
        if len(self._config) != self._seen:  # settings added since: look again
            self._seen = len(self._config)
            self._secret_keys = [k for k in self._config if SECRET_SETTINGS.search(str(k))]
        values = tuple(self._config.get(key) for key in self._secret_keys)
        if values == self._values:
            return self._found
        found: list[str] = []
        for value in values:
            if isinstance(value, str | list | tuple):
                found += [v for v in parse_keys(value) if len(v) >= MIN_SECRET_LENGTH]
        self._values, self._found = values, sorted(found, key=len, reverse=True)
        return self._found

    def _token_patterns(self) -> list[re.Pattern[str]]:
        prefix = self._config.get("API_TOKEN_PREFIX")
        if not prefix:
            return []
        if self._prefix is None or self._prefix[0] != prefix:
            self._prefix = (prefix, re.compile(re.escape(prefix) + r"_[A-Za-z0-9_-]{16,}"))
        return [self._prefix[1]]

    def filter(self, record: logging.LogRecord) -> bool:
        how: Redaction = {"extra": self._token_patterns(), "literals": self._literals()}
        record.msg = redact_text(record.getMessage(), **how)
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text, **how)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info, **how)
        for key in set(vars(record)) - self._standard:
            value = getattr(record, key)
            if value is None or isinstance(value, int | float):  # numbers hold no secrets
                if is_sensitive_key(key) and value is not None:
                    setattr(record, key, REDACTED)
                continue
            setattr(record, key, redact(value, key, **how))
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


def utc_time(record: logging.LogRecord) -> str:
    """The record's creation time in UTC, ISO 8601 with milliseconds and ``Z``."""
    return datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class UtcJsonFormatter(JsonFormatter):
    """One JSON object per line; JSON string escaping keeps control characters inert."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return utc_time(record)


CONTEXT_FIELDS = ("request_id", "user_id", "client_ip")


class TextFormatter(logging.Formatter):
    """Plain text, one line per record: the context, the message, then ``key=value`` extras."""

    _standard = RedactionFilter._standard | set(CONTEXT_FIELDS) | {"taskName"}

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return utc_time(record)

    @staticmethod
    def _value(value: Any) -> str:
        if isinstance(value, str) and value and not re.search(r"[\s\"=]", value):
            return value
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [f"{k}={self._value(v)}" for k, v in vars(record).items() if k not in self._standard]
        return escape_control(" ".join([line, *extras]))


def _formatter(kind: str) -> logging.Formatter:
    if kind == "json":
        return UtcJsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}{user_id}{client_ip}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    return TextFormatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s user=%(user_id)s ip=%(client_ip)s] %(message)s"
    )


def _start_request() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _identify_session_user() -> None:
    """Resolve the browser session's user when the view did not, so access records name it."""
    loader = current_app.extensions.get("session_user_loader")
    if g.get("user_id") is not None or loader is None or request.endpoint == "static":
        return
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies:
        return
    try:
        user = loader()
    except Exception:  # a broken session must not break logging; the view already answered
        return
    if user is not None:
        g.user_id = user.id


class RefusalSampler:
    """One access record per client and window for repeated refusals, counting the rest.

    A flood from a denied or blocked address, or from a client whose rate-limit window is known
    to be full, is refused before any other work; writing one redacted JSON record per refusal
    would then be most of what the flood costs (and fill the disk). The block, and the first
    breach of each window, is a security event, logged and audited; the refusals are summed.
    A control marks such a refusal with ``g.sampled_refusal``, the client it counts under.
    """

    MAX_CLIENTS = 10_000  # a flood from many addresses: the least recently refused are forgotten

    def __init__(self, every: float) -> None:
        self.every = every
        # client -> [window end, refusals left out]. Least recently used out, not expiring: the
        # count left out is reported with the client's next record, however late it comes.
        self._windows: LRUCache[str, list[float]] = LRUCache(self.MAX_CLIENTS)
        self._lock = threading.Lock()  # gthread workers share it; cachetools caches are not thread-safe

    def admit(self, client: str) -> int | None:
        """None to leave this refusal out, else how many were left out since the last record."""
        if not self.every:
            return 0
        now = time.monotonic()
        with self._lock:
            window = self._windows.get(client)
            if window is not None and now < window[0]:
                window[1] += 1
                return None
            self._windows[client] = [now + self.every, 0]
            return 0 if window is None else int(window[1])


def _finish_request(response: Response) -> Response:
    if "request_id" not in g:
        g.request_id = uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = g.request_id
    fields: dict[str, Any] = {}
    refused = g.get("sampled_refusal")  # set by the IP filter and the rate limiter's memory
    if refused is not None:
        left_out = current_app.extensions[REFUSALS].admit(refused)
        if left_out is None:
            return response
        fields["refusals_not_logged"] = left_out
    _identify_session_user()
    started = g.get("request_started")
    latency_ms = round((time.perf_counter() - started) * 1000, 2) if started else None
    ACCESS_LOG.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "latency_ms": latency_ms,
            **fields,
        },
    )
    return response


def _log_security_event(sender: Flask, **event: Any) -> None:
    level = logging.INFO if event["outcome"] == "success" else logging.WARNING
    logging.getLogger(f"{LOGGER_NAME}.security").log(
        level,
        "security event",
        extra={
            "event": event["event"],
            "outcome": event["outcome"],
            "event_user_id": event["user_id"],
            "details": event["details"],
        },
    )


def _level(value: object) -> int:
    if isinstance(value, int):
        return value
    return logging.getLevelNamesMapping().get(str(value).upper(), logging.INFO)


# --8<-- [start:checks]
def logging_checks(app: Flask) -> Iterable[Finding]:
    """Log level suited to production (checklist 36)."""
    level = _level(app.config["LOG_LEVEL"])
    if level < logging.INFO:
        yield Finding(
            "SFA-L001",
            "warning",
            "LOG_LEVEL is DEBUG: libraries may log request bodies and internals.",
            "Set FLASK_LOG_LEVEL=INFO.",
        )
    if level > logging.INFO:
        yield Finding(
            "SFA-L002",
            "warning",
            "LOG_LEVEL is above INFO: successful logins and other security events are not logged.",
            "Set FLASK_LOG_LEVEL=INFO.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Install the formatter and filters on the package logger and trace each request."""
    kind = app.config["LOG_FORMAT"]
    if kind not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {kind!r}.")
    every = app.config["LOG_REFUSALS_EVERY"]
    if isinstance(every, bool) or not isinstance(every, int | float) or every < 0:
        raise ValueError(f"LOG_REFUSALS_EVERY must be a number of seconds (0 or more), not {every!r}.")
    app.extensions[REFUSALS] = RefusalSampler(float(every))
    logger = app.logger  # named after the package: LOGGER_NAME
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_formatter(kind))
    handler.addFilter(RedactionFilter(app.config))
    handler.addFilter(ContextFilter())
    logger.addHandler(handler)
    logger.setLevel(_level(app.config["LOG_LEVEL"]))
    logger.propagate = False  # filters sit on this handler; tests read its stream (stderr)
    app.before_request(_start_request)
    app.after_request(_finish_request)
    security_event.connect(_log_security_event, sender=app, weak=False)
    checks.register(app, logging_checks)
