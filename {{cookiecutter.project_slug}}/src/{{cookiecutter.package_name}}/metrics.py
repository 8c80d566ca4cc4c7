"""Prometheus metrics: requests, latency, security events, audit appends, AI calls, deploy checks.

Served at ``GET /metrics`` in Prometheus' text format, to the networks in ``METRICS_ALLOW``
(loopback by default) or to a scraper presenting ``Authorization: Metrics <METRICS_TOKEN>`` (in
Prometheus: ``authorization: {type: Metrics, credentials_file: ...}``; not ``Bearer``, which is the
API tokens' scheme); anyone else gets a plain 404, as if there were no such page.

Under gunicorn every worker counts in its own process; ``gunicorn.conf.py`` sets
``PROMETHEUS_MULTIPROC_DIR`` before the workers start, so prometheus-client keeps each worker's
values in a file there and a scrape adds them up (its multiprocess mode), and ``child_exit`` tells
it when a worker ends. Each app has its own registry (two apps in one process do not share
counters); the deploy-check gauge is computed at each scrape, never stored.

Security events need no code of their own here: every ``events.emit`` is counted by its event and
outcome (``app_security_events_total``), so a refusal that is a security event (CSRF, failed
login, bad token, lockout, block, guardrail) shows up on a dashboard the moment it is emitted.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from .events import security_event
from .security.proxy import client_ip

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "METRICS_ENABLED": True,
    # Networks that may scrape /metrics; everyone else needs METRICS_TOKEN (or gets a 404).
    "METRICS_ALLOW": ["127.0.0.1/32", "::1/128"],
    # A token for scrapers outside METRICS_ALLOW, sent as `Authorization: Metrics <token>`; from the
    # environment only (FLASK_METRICS_TOKEN).
    "METRICS_TOKEN": None,
}
# --8<-- [end:defaults]

#: ``app.extensions`` key: this app's ``Metrics``.
EXTENSION = "metrics"
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"
SCHEME = "Metrics"  # the Authorization scheme of METRICS_TOKEN

bp = Blueprint("metrics", __name__)


@dataclass
class Metrics:
    """One app's metrics, registered in its own registry."""

    registry: CollectorRegistry
    allow: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    requests: Counter
    latency: Histogram
    security_events: Counter
    audit_appends: Counter
    ai_calls: Counter
    ai_tokens: Counter
    ai_latency: Histogram
    ai_guardrail_refusals: Counter

    @classmethod
    def build(cls, allow: Iterable[str]) -> Metrics:
        registry = CollectorRegistry(auto_describe=True)
        try:
            networks = tuple(ipaddress.ip_network(str(n), strict=False) for n in allow)
        except ValueError as exc:
            raise ValueError(f"METRICS_ALLOW: {exc} (a list of networks such as '10.0.0.0/8')") from exc
        return cls(
            registry=registry,
            allow=networks,
            requests=Counter(
                "app_http_requests",
                "HTTP requests answered, by endpoint, method and status.",
                ["endpoint", "method", "status"],
                registry=registry,
            ),
            latency=Histogram(
                "app_http_request_duration_seconds",
                "Time from the first request hook to the response, by endpoint.",
                ["endpoint"],
                registry=registry,
            ),
            security_events=Counter(
                "app_security_events",
                "Security events emitted by the controls, by event and outcome.",
                ["event", "outcome"],
                registry=registry,
            ),
            audit_appends=Counter(
                "app_audit_appends",
                "Audit records: appended to the chain, queued in the outbox, or failed (503).",
                ["result"],
                registry=registry,
            ),
            ai_calls=Counter(
                "app_ai_calls",
                "AI provider calls, by provider, endpoint and outcome.",
                ["provider", "endpoint", "outcome"],
                registry=registry,
            ),
            ai_tokens=Counter(
                "app_ai_tokens",
                "Tokens the AI providers counted, by provider and direction (input or output).",
                ["provider", "direction"],
                registry=registry,
            ),
            ai_latency=Histogram(
                "app_ai_call_duration_seconds",
                "AI provider call time, by provider.",
                ["provider"],
                registry=registry,
            ),
            ai_guardrail_refusals=Counter(
                "app_ai_guardrail_refusals",
                "AI calls the guardrails refused or withheld, by stage (input, output) and by the "
                "layer that decided (caps, rules, model, scanner, canary).",
                ["stage", "layer"],
                registry=registry,
            ),
        )


class DeployCheckCollector(Collector):
    """``app_deploy_check_findings{severity}``: what ``flask security check --deploy`` finds now."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[Metric]:
        from .security import checks

        gauge = GaugeMetricFamily(
            "app_deploy_check_findings",
            "Findings of the deploy-time security check, by severity (errors stop production).",
            labels=["severity"],
        )
        found = checks.run(self.app, deploy=True)
        for severity in ("error", "warning"):
            gauge.add_metric([severity], sum(1 for f in found if f.severity == severity))
        yield gauge


def of(app: Flask) -> Metrics | None:
    """The app's metrics, or None when ``METRICS_ENABLED`` is off."""
    found: Metrics | None = app.extensions.get(EXTENSION)
    return found


def audit_record(app: Flask, result: str) -> None:
    """Count an audit record: ``appended``, ``queued`` (in the outbox) or ``failed``."""
    metrics = of(app)
    if metrics is not None:
        metrics.audit_appends.labels(result).inc()


def ai_call(
    app: Flask,
    provider: str,
    endpoint: str,
    outcome: str,
    tokens: tuple[int, int] = (0, 0),
    seconds: float = 0.0,
) -> None:
    """Count one AI provider call; ``tokens`` are (input, output) as the provider counted them."""
    metrics = of(app)
    if metrics is None:
        return
    metrics.ai_calls.labels(provider, endpoint, outcome).inc()
    if outcome == "ok":
        metrics.ai_tokens.labels(provider, "input").inc(tokens[0])
        metrics.ai_tokens.labels(provider, "output").inc(tokens[1])
        metrics.ai_latency.labels(provider).observe(seconds)


def _start() -> None:
    g.metrics_started = time.perf_counter()


def _record(response: Response) -> Response:
    metrics = of(current_app)
    if metrics is not None:
        endpoint = request.endpoint or "none"  # unrouted paths share one label: bounded cardinality
        metrics.requests.labels(endpoint, request.method, str(response.status_code)).inc()
        started = g.get("metrics_started")
        if started is not None:
            metrics.latency.labels(endpoint).observe(time.perf_counter() - started)
    return response


def _count_event(
    sender: Flask, event: str = "", outcome: str = "", details: dict[str, Any] | None = None, **_: Any
) -> None:
    metrics = of(sender)
    if metrics is not None:
        metrics.security_events.labels(event, outcome).inc()
        if event == "guardrail_block" and details is not None:
            stage, layer = str(details.get("stage", "-")), str(details.get("layer", "-"))
            metrics.ai_guardrail_refusals.labels(stage, layer).inc()


def _scraper_allowed(metrics: Metrics) -> bool:
    token = current_app.config["METRICS_TOKEN"]
    scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == SCHEME.lower():
        return hmac.compare_digest(presented.strip().encode(), str(token).encode())
    address = client_ip()
    return address is not None and any(address in network for network in metrics.allow)


@bp.get("/metrics")
def scrape() -> Response:
    """The metrics of every worker (multiprocess mode) or of this process, for allowed scrapers."""
    metrics = of(current_app)
    if metrics is None or not _scraper_allowed(metrics):
        abort(404)
    directory = os.environ.get(MULTIPROCESS_DIR)
    if directory:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]  # untyped upstream
    else:
        registry = metrics.registry
    output = generate_latest(registry) + generate_latest(_deploy_registry(current_app))
    return Response(output, mimetype=CONTENT_TYPE_LATEST.split(";")[0], headers={"Cache-Control": "no-store"})


def _deploy_registry(app: Flask) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DeployCheckCollector(app))
    return registry


def init_app(app: Flask) -> None:
    """Bind this app's metrics, count every request and security event, serve ``/metrics``."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp)
    if not app.config["METRICS_ENABLED"]:
        return
    app.extensions[EXTENSION] = Metrics.build(app.config["METRICS_ALLOW"])
    app.before_request(_start)
    app.after_request(_record)
    security_event.connect(_count_event, sender=app, weak=False)
