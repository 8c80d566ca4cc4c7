"""Activity monitoring: a burst of failures from one client blocks it for a while.

Three signals are counted per client (IPv4 address or IPv6 /64) over ``MONITOR_WINDOW``
seconds: failed logins (from the ``login`` security event), 429 answers, and other 4xx answers
(scanners probing for ``/.env`` or ``/wp-admin``, forged CSRF posts, bad tokens). When one of
them reaches its threshold in ``MONITOR_THRESHOLDS``, the client is blocked through the IP
filter for ``MONITOR_BLOCK_SECONDS`` and an ``ip_block`` security event is emitted (logged, and
audited when the audit trail is on). The counters and blocks live in the shared storage, so a
burst spread over several workers or instances is still one burst.

Behind a proxy, set ``TRUSTED_PROXY_HOPS``: with it at 0 every client has the proxy's address,
and a block would shut everyone out. List networks that must never be blocked (the proxy, a
monitoring service, the office) in ``MONITOR_NEVER_BLOCK``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Flask, Response, current_app, g

from ..events import emit, security_event, unproxied
from . import checks
from .checks import Finding
from .ipfilter import block, guarded, parse_networks
from .proxy import Address, client_ip, network_of

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "MONITOR_WINDOW": 60,  # seconds over which each signal is counted
    # Per client and window; 0 switches a signal off.
    "MONITOR_THRESHOLDS": {"login_failure": 10, "rate_limited": 30, "client_error": 100},
    "MONITOR_BLOCK_SECONDS": 900,
    "MONITOR_NEVER_BLOCK": [],  # CIDRs: your proxies, health checkers, office
}
# --8<-- [end:defaults]

EXTENSION = "activity_monitor"


def observe(app: Flask, signal: str, address: Address | None) -> bool:
    """Count one occurrence of ``signal``; block the client at the threshold. True if blocked."""
    threshold = int(app.config["MONITOR_THRESHOLDS"].get(signal, 0))
    never = app.extensions[EXTENSION]
    if (
        not threshold
        or address is None
        or any(address in net for net in never if net.version == address.version)
    ):
        return False
    key = f"monitor:{signal}:{network_of(address)}"
    count = guarded(app, lambda s: s.incr(key, int(app.config["MONITOR_WINDOW"])), 0)
    if count != threshold:  # exactly once per burst: later requests meet the block
        return False
    seconds = int(app.config["MONITOR_BLOCK_SECONDS"])
    if block(app, address, seconds):
        emit("ip_block", "blocked", ip=network_of(address), reason=signal, count=count, seconds=seconds)
    return True


def _watch_responses(response: Response) -> Response:
    if g.get("ip_filtered"):  # refused by the filter: already known, and cheap to refuse again
        return response
    status = response.status_code
    if status == 429:
        observe(unproxied(current_app), "rate_limited", client_ip())
    elif 400 <= status < 500:
        observe(unproxied(current_app), "client_error", client_ip())
    return response


def _watch_logins(sender: Flask, **event: Any) -> None:
    if event["event"] == "login" and event["outcome"] == "failure":
        observe(sender, "login_failure", client_ip())


def monitor_checks(app: Flask) -> Iterable[Finding]:
    """The monitor watches something."""
    if not any(app.config["MONITOR_THRESHOLDS"].values()):
        yield Finding(
            "SFA-I003",
            "warning",
            "Every MONITOR_THRESHOLDS entry is 0: bursts of failures never block anyone.",
            "Restore the default thresholds.",
        )


def init_app(app: Flask) -> None:
    """Watch every answer and every failed login."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions[EXTENSION] = parse_networks("MONITOR_NEVER_BLOCK", app.config["MONITOR_NEVER_BLOCK"])
    app.after_request(_watch_responses)
    security_event.connect(_watch_logins, sender=app, weak=False)
    checks.register(app, monitor_checks)
