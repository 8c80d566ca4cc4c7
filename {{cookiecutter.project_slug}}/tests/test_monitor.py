"""Activity monitoring (checklist 34): bursts of failures from one client block it for a while."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, abort

from conftest import deploy_check, make_app
from {{ cookiecutter.package_name }}.events import emit

ATTACKER, BYSTANDER = "203.0.113.66", "198.51.100.5"


def monitored_app(**overrides: Any) -> Flask:
    settings = {"MONITOR_THRESHOLDS": {"login_failure": 3, "rate_limited": 4, "client_error": 5}}
    app = make_app(**(settings | overrides))

    @app.get("/limited")
    def limited() -> str:
        abort(429)

    @app.get("/failed-login")
    def failed_login() -> str:  # what the login view announces on a wrong password
        emit("login", "failure", None, email="victim@example.com")
        return "nope", 401

    return app


def get(app: Flask, path: str, address: str = ATTACKER, **kwargs: Any) -> Any:
    return app.test_client().get(path, environ_base={"REMOTE_ADDR": address}, **kwargs)


def hit(app: Flask, path: str, address: str = ATTACKER, **kwargs: Any) -> int:
    return int(get(app, path, address, **kwargs).status_code)


@pytest.mark.parametrize(
    ("path", "threshold", "signal"),
    [("/.env", 5, "client_error"), ("/limited", 4, "rate_limited"), ("/failed-login", 3, "login_failure")],
)
def test_a_burst_blocks_the_client_and_raises_an_event(
    events: list[dict[str, Any]], path: str, threshold: int, signal: str
) -> None:
    app = monitored_app()
    for _ in range(threshold - 1):
        hit(app, path)
    assert hit(app, "/") == 200  # just below the threshold
    hit(app, path)
    assert hit(app, "/") == 403
    assert hit(app, "/", BYSTANDER) == 200
    (blocked,) = [e for e in events if e["event"] == "ip_block"]
    assert blocked["outcome"] == "blocked"
    assert blocked["details"] == {"ip": ATTACKER, "reason": signal, "count": threshold, "seconds": 900}


def test_the_block_answers_with_retry_after_and_lifts_by_itself(clock: Callable[[float], None]) -> None:
    app = monitored_app(MONITOR_BLOCK_SECONDS=1)
    for _ in range(5):
        hit(app, "/nope")
    response = get(app, "/")
    assert response.status_code == 403 and response.headers["Retry-After"] == "1"
    clock(1.1)
    assert hit(app, "/") == 200


def test_refusals_of_a_blocked_client_are_not_counted_again(events: list[dict[str, Any]]) -> None:
    app = monitored_app()
    for _ in range(20):
        hit(app, "/nope")
    assert len([e for e in events if e["event"] == "ip_block"]) == 1


def test_clients_in_the_never_block_list_are_never_blocked() -> None:
    app = monitored_app(MONITOR_NEVER_BLOCK=["203.0.113.0/24"])
    for _ in range(10):
        hit(app, "/nope")
    assert hit(app, "/") == 200


def test_a_zero_threshold_switches_a_signal_off() -> None:
    app = monitored_app(MONITOR_THRESHOLDS={"client_error": 0, "rate_limited": 2})
    for _ in range(10):
        hit(app, "/nope")
    assert hit(app, "/") == 200


@pytest.mark.parametrize("hops", [0, 1])
def test_a_forged_forwarded_for_cannot_get_someone_else_blocked(hops: int) -> None:
    app = monitored_app(TRUSTED_PROXY_HOPS=hops)
    real = f"10.9.9.9, {ATTACKER}" if hops else ""  # with a proxy: it appends the real address
    forged = f"{BYSTANDER}, {real}".rstrip(", ")
    peer = "10.0.0.2" if hops else ATTACKER
    for _ in range(5):
        hit(app, "/nope", peer, headers={"X-Forwarded-For": forged})
    assert hit(app, "/", BYSTANDER) == 200
    assert hit(app, "/", peer, headers={"X-Forwarded-For": forged}) == 403


def test_an_ipv6_burst_blocks_the_64() -> None:
    app = monitored_app()
    for i in range(5):
        hit(app, "/nope", f"2001:db8:5:6::{i + 1}")  # rotating addresses inside one /64
    assert hit(app, "/", "2001:db8:5:6::99") == 403
    assert hit(app, "/", "2001:db8:5:7::1") == 200


def test_a_silent_monitor_is_reported() -> None:
    assert deploy_check(MONITOR_THRESHOLDS={"client_error": 0})[1].get("SFA-I003") == "warning"
