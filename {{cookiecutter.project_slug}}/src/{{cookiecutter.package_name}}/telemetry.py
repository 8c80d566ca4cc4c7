"""Traces over OTLP and error reports to Sentry: both off unless configured, both redacted.

Tracing starts when ``OTEL_EXPORTER_OTLP_ENDPOINT`` or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`` is
set (and ``OTEL_SDK_DISABLED`` is not ``true``); the SDK reads every other ``OTEL_*`` variable
itself (headers, timeout, sampler, batch schedule, resource). Each app has its own
TracerProvider: the global one is never set. Error reports go to Sentry when ``SENTRY_DSN``
(setting or environment variable) is set.

Nothing leaves the process before the log redaction (logs.RedactionFilter) has run over it: the
same patterns, the app's own secret values and its API token prefix. Spans are redacted by the
exporter (a SpanProcessor sees spans it may no longer change, and the Flask instrumentor sets its
attributes after its request hook runs), Sentry events and breadcrumbs by ``before_send`` and
``before_breadcrumb``. Query strings are cut from URLs; headers and bodies are never recorded.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, has_app_context
from opentelemetry import trace
from opentelemetry.sdk.trace import Event, ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import Link, Span, SpanKind, Status
from opentelemetry.util.types import Attributes

from .logs import LOGGER_NAME, RedactionFilter

EXTENSION = "telemetry"
# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Sentry's DSN (FLASK_SENTRY_DSN; SENTRY_DSN, the SDK's own variable, when this is empty).
    "SENTRY_DSN": "",
    "SENTRY_SAMPLE_RATE": 1.0,  # share of error events sent
}
# --8<-- [end:defaults]
# Span attributes that hold a URL or its query: the query goes (it may carry tokens or prompts).
URL_ATTRIBUTES = frozenset({"http.url", "url.full", "http.target"})
DROPPED_ATTRIBUTES = frozenset({"url.query"})
# SQLAlchemy's error messages quote the statement's parameters (a password hash, a prompt...).
SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(|$))", re.DOTALL)

Scrub = Callable[[Any], Any]


def scrubber(config: Mapping[str, Any]) -> Scrub:
    """Redaction of any value exactly as the logs apply it, for this app's settings."""
    # The log filter itself, not a copy of its rules: logs, spans and events cannot disagree.
    log_filter = RedactionFilter(config)

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            value = SQL_PARAMETERS.sub("[parameters: [REDACTED]]", value)
        record = logging.makeLogRecord({"value": value})
        log_filter.filter(record)
        return getattr(record, "value")  # noqa: B009 - set by makeLogRecord, unknown to the type

    return scrub


def without_query(url: str) -> str:
    """``url`` (or a path) without its query string and fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


@dataclass
class Telemetry:
    """What telemetry this app switched on (``app.extensions["telemetry"]``)."""

    scrub: Scrub
    tracer_provider: TracerProvider | None = None  # when tracing is on: force_flush() in tests
    sentry: bool = False
    _tracers: dict[tuple[str, str | None, str | None], trace.Tracer] = field(default_factory=dict)

    def tracer(self, name: str, version: str | None, schema_url: str | None) -> trace.Tracer:
        """This app's tracer for one instrumentation library."""
        key = (name, version, schema_url)
        if key not in self._tracers:
            assert self.tracer_provider is not None  # noqa: S101 - only called when tracing is on
            self._tracers[key] = self.tracer_provider.get_tracer(name, version, schema_url=schema_url)
        return self._tracers[key]


class RedactingExporter(SpanExporter):
    """Export spans rebuilt with redacted names, attributes, events, links and status.

    An exporter, not a SpanProcessor: ``on_end`` receives ended, read-only spans, and the
    exporter is the last point every span passes, whichever library made it. The spans are
    rebuilt through ReadableSpan's public constructor.
    """

    def __init__(self, exporter: SpanExporter, scrub: Scrub) -> None:
        self.exporter = exporter
        self.scrub = scrub

    def attributes(self, attributes: Attributes) -> dict[str, Any]:
        """``attributes`` without query strings, secret-named keys or secret-shaped values."""
        kept: dict[str, Any] = {}
        for key, value in (attributes or {}).items():
            if key in DROPPED_ATTRIBUTES:
                continue
            if key in URL_ATTRIBUTES and isinstance(value, str):
                value = without_query(value)
            kept[key] = value
        redacted: dict[str, Any] = self.scrub(kept)
        return redacted

    def redacted(self, span: ReadableSpan) -> ReadableSpan:
        """A copy of ``span`` that may leave the process."""
        status = span.status
        if status.description:
            status = Status(status.status_code, str(self.scrub(status.description)))
        return ReadableSpan(
            name=str(self.scrub(span.name)),
            context=span.context,
            parent=span.parent,
            resource=span.resource,
            attributes=self.attributes(span.attributes),
            events=[Event(e.name, self.attributes(e.attributes), e.timestamp) for e in span.events],
            links=[Link(link.context, self.attributes(link.attributes)) for link in span.links],
            kind=span.kind,
            status=status,
            start_time=span.start_time,
            end_time=span.end_time,
            instrumentation_scope=span.instrumentation_scope,
        )

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return self.exporter.export([self.redacted(span) for span in spans])

    def shutdown(self) -> None:
        self.exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.exporter.force_flush(timeout_millis)


TracerLookup = Callable[[str, str | None, str | None], trace.Tracer | None]


class AppTracer(trace.Tracer):
    """A library's tracer that starts each span with the current app's tracer (none outside
    an app with tracing on), so that one process-wide instrumentation serves each app apart."""

    def __init__(self, lookup: TracerLookup, name: str, version: str | None, schema_url: str | None) -> None:
        self.lookup = lookup
        self.scope = (name, version, schema_url)

    def target(self) -> trace.Tracer:
        return self.lookup(*self.scope) or trace.NoOpTracer()

    def start_span(
        self,
        name: str,
        context: Any = None,
        kind: SpanKind = SpanKind.INTERNAL,
        attributes: Attributes = None,
        links: Any = None,
        start_time: int | None = None,
        record_exception: bool = True,
        set_status_on_exception: bool = True,
    ) -> Span:
        return self.target().start_span(
            name, context, kind, attributes, links, start_time, record_exception, set_status_on_exception
        )

    @contextmanager
    def start_as_current_span(  # type: ignore[override]
        self,
        name: str,
        context: Any = None,
        kind: SpanKind = SpanKind.INTERNAL,
        attributes: Attributes = None,
        links: Any = None,
        start_time: int | None = None,
        record_exception: bool = True,
        set_status_on_exception: bool = True,
        end_on_exit: bool = True,
    ) -> Iterator[Span]:
        with self.target().start_as_current_span(
            name,
            context,
            kind,
            attributes,
            links,
            start_time,
            record_exception,
            set_status_on_exception,
            end_on_exit,
        ) as span:
            yield span


class AppTracerProvider(trace.TracerProvider):
    """Hands out AppTracers: what the process-wide instrumentors are given."""

    def __init__(self, lookup: TracerLookup) -> None:
        self.lookup = lookup

    def get_tracer(
        self,
        instrumenting_module_name: str,
        instrumenting_library_version: str | None = None,
        schema_url: str | None = None,
        attributes: Attributes = None,
    ) -> trace.Tracer:
        return AppTracer(self.lookup, instrumenting_module_name, instrumenting_library_version, schema_url)


def tracing_configured(environ: Mapping[str, str]) -> bool:
    """True when the standard variables ask for traces over OTLP."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    return bool(
        environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
    )


def _build_tracing(app: Flask, state: Telemetry) -> None:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.flask import FlaskInstrumentor
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create({SERVICE_NAME: os.environ.get("OTEL_SERVICE_NAME") or LOGGER_NAME})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(RedactingExporter(OTLPSpanExporter(), state.scrub)))
    state.tracer_provider = provider
    # enable_commenter=False: no route or controller names appended to SQL sent to the database.
    FlaskInstrumentor.instrument_app(  # type: ignore[no-untyped-call]  # the package has no annotations
        app, tracer_provider=provider, enable_commenter=False
    )
    _instrument_libraries()


def _instrument_libraries() -> None:
    """SQLAlchemy, httpx and Redis, once per process, each span recorded by the current app's
    provider (see AppTracerProvider): their instrumentors patch classes, not instances."""
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    provider = AppTracerProvider(_current_tracer)
    instrumentors: list[tuple[Any, dict[str, Any]]] = [
        # Statements only: parameters are never recorded, and no comment is added to the SQL.
        # skip_dep_check: 0.66b1 declares "sqlalchemy < 2.1" though the event API it uses is
        # unchanged in 2.1 (tests/test_telemetry.py checks that the statement spans arrive).
        (SQLAlchemyInstrumentor(), {"enable_commenter": False, "skip_dep_check": True}),
        (HTTPXClientInstrumentor(), {}),  # no headers recorded (OTEL_..._CAPTURE_HEADERS unset)
    ]
    try:
        from opentelemetry.instrumentation.redis import RedisInstrumentor
    except ImportError:  # a project without Redis has neither the client nor its instrumentation
        pass
    else:
        instrumentors.append((RedisInstrumentor(), {}))
    for instrumentor, options in instrumentors:
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider, **options)


def _current_tracer(name: str, version: str | None, schema_url: str | None) -> trace.Tracer | None:
    """The current app's tracer, or None outside an app with tracing on."""
    state: Telemetry | None = current_app.extensions.get(EXTENSION) if has_app_context() else None
    if state is None or state.tracer_provider is None:
        return None
    return state.tracer(name, version, schema_url)


def _event_scrubber(fallback: Scrub) -> Scrub:
    """The current app's redaction, else that of the app that started Sentry."""

    def scrub(value: Any) -> Any:
        state = current_app.extensions.get(EXTENSION) if has_app_context() else None
        return (state.scrub if state is not None else fallback)(value)

    return scrub


class ErrorReport(logging.Filter):
    """Report the app logger's errors to Sentry, with their exception.

    The error pages handle every exception (pages.py), so Flask never signals one as unhandled:
    the ``logger.exception`` call of the 500 page is where an error is known. A logger filter
    runs before the log handler's redaction turns ``exc_info`` into text, so the report keeps
    the exception's type and frames; before_send redacts it. Sentry's logging integration is
    told to ignore this logger, or each error would be reported twice.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        import sentry_sdk

        if record.levelno >= logging.ERROR:
            if record.exc_info and record.exc_info[1] is not None:
                sentry_sdk.capture_exception(record.exc_info[1])
            else:
                sentry_sdk.capture_message(record.getMessage(), level="error")
        return True


def _build_sentry(app: Flask, state: Telemetry, dsn: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.logging import ignore_logger

    if not any(isinstance(f, ErrorReport) for f in app.logger.filters):  # one logger per process
        app.logger.addFilter(ErrorReport())
    ignore_logger(app.logger.name)

    client = sentry_sdk.get_client()
    if client.is_active() and client.dsn:
        # Sentry's client is one per process (sentry_sdk.init replaces it for every app): a second
        # app shares the first one's DSN, and its events get its own redaction (_event_scrubber).
        if client.dsn != dsn:
            app.logger.warning("Sentry already reports to another DSN in this process; keeping it.")
        state.sentry = True
        return
    scrub = _event_scrubber(state.scrub)

    def before_send(event: Any, hint: Any) -> Any:
        request = event.get("request")
        if isinstance(request, dict):
            request.pop("query_string", None)  # may carry tokens or prompts
            request.pop("data", None)  # bodies are never sent (max_request_body_size too)
            if isinstance(request.get("url"), str):
                request["url"] = without_query(request["url"])
        return scrub(event)

    def before_breadcrumb(crumb: Any, hint: Any) -> Any:
        return scrub(crumb)

    sentry_sdk.init(
        dsn=dsn,
        environment=app.config["PROFILE"],
        sample_rate=float(app.config["SENTRY_SAMPLE_RATE"]),
        # What the integrations collect, each category off: no user or IP address, no cookies,
        # headers beyond Sentry's denylist, bodies, query strings, AI inputs or outputs, SQL
        # parameters or local variables (a password, a prompt). before_send redacts the rest.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "denylist"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "gen_ai": {"inputs": False, "outputs": False},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
    )
    state.sentry = True


def init_app(app: Flask) -> None:
    """Switch on traces and error reports when configured; otherwise do nothing at all."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    tracing = tracing_configured(os.environ)
    dsn = app.config["SENTRY_DSN"] or os.environ.get("SENTRY_DSN", "")
    if not tracing and not dsn:
        return
    state = Telemetry(scrub=scrubber(app.config))
    app.extensions[EXTENSION] = state
    if tracing:
        _build_tracing(app, state)
    if dsn:
        _build_sentry(app, state, dsn)
