"""Login abuse (checklist 19, 20): per-account lockout with back-off and per-address throttling,
both decided before any password is hashed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import (
    PASSWORD,
    csrf_from,
    deploy_check,
    form_post,
    free_port,
    make_app,
    meanwhile,
    redis_storage,
)
from {{ cookiecutter.package_name }}.security import login as login_module
from {{ cookiecutter.package_name }}.users import create_user

WRONG = "not the right password at all"
# The per-address login limit is tested on its own, and the activity monitor (when present)
# would block this one client after ten failures: here neither may get in the way.
GENEROUS = {"RATELIMIT_LOGIN": "1000 per minute", "MONITOR_THRESHOLDS": {}}


def lockout_app(**overrides: Any) -> Flask:
    app = make_app(**(GENEROUS | overrides))
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
    return app


def attempt(client: FlaskClient, password: str, email: str = "alice@example.com", address: str = "") -> Any:
    if not address:
        return form_post(client, "/auth/login", {"email": email, "password": password})
    where = {"environ_base": {"REMOTE_ADDR": address}}
    token = csrf_from(client.get("/auth/login", **where).get_data(as_text=True))
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/auth/login", data=data, **where)


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every password verification the login view performs."""
    calls: list[str] = []
    real = login_module.verify_password

    def counting(stored: str | None, password: str) -> bool:
        calls.append(password)
        return real(stored, password)

    monkeypatch.setattr(login_module, "verify_password", counting)
    return calls


def test_the_right_password_is_refused_during_a_lockout(hashes: list[str]) -> None:
    client = lockout_app().test_client()
    assert [attempt(client, WRONG).status_code for _ in range(5)] == [401] * 5
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed attempts" in refused.get_data(as_text=True)
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert len(hashes) == 5  # the refused attempt never reached the password hash
    assert attempt(client, PASSWORD).status_code == 429


def test_the_lock_is_per_account_not_per_client() -> None:
    app = lockout_app()
    with app.app_context():
        create_user("bob@example.com", PASSWORD)
    for i in range(5):  # five clients, one guess each
        attempt(app.test_client(), WRONG, address=f"198.51.100.{i}")
    assert attempt(app.test_client(), PASSWORD).status_code == 429
    assert attempt(app.test_client(), PASSWORD, email="bob@example.com").status_code == 302


def test_unknown_addresses_lock_the_same_way() -> None:
    """A lockout must not reveal which addresses have accounts (checklist 19)."""
    client = lockout_app().test_client()
    pages = {}
    for email in ("alice@example.com", "nobody@example.com"):
        for _ in range(5):
            attempt(client, WRONG, email=email)
        refused = attempt(client, WRONG, email=email)
        pages[email] = (refused.status_code, refused.get_data(as_text=True).replace(email, "E"))
    strip = __import__("re").compile(r'value="[^"]*"|nonce="[^"]*"|content="[^"]*"|<code>[^<]*</code>')
    known, unknown = (pages[e] for e in ("alice@example.com", "nobody@example.com"))
    assert known[0] == unknown[0] == 429
    assert strip.sub("", known[1]) == strip.sub("", unknown[1])


def test_success_forgets_earlier_failures() -> None:
    client = lockout_app().test_client()
    for _ in range(4):
        attempt(client, WRONG)
    assert attempt(client, PASSWORD).status_code == 302
    fresh = client.application.test_client()
    assert [attempt(fresh, WRONG).status_code for _ in range(4)] == [401] * 4
    assert attempt(fresh, PASSWORD).status_code == 302


def test_lockouts_expire_and_back_off(events: list[dict[str, Any]], clock: Callable[[float], None]) -> None:
    app = lockout_app(LOCKOUT_BASE_SECONDS=1, LOCKOUT_THRESHOLD=2)
    client = app.test_client()
    attempt(client, WRONG), attempt(client, WRONG)
    assert attempt(client, PASSWORD).status_code == 429
    clock(1.1)  # the lock has expired: attempts reach the password check again
    assert [attempt(client, WRONG).status_code for _ in range(2)] == [401, 401]
    assert attempt(client, PASSWORD).status_code == 429  # locked again, for twice as long
    locks = [e for e in events if e["event"] == "lockout" and e["outcome"] == "locked"]
    assert [e["details"]["seconds"] for e in locks] == [1, 2]
    assert locks[0]["user_id"] is not None and locks[0]["details"]["failures"] == 2


def test_back_off_is_capped(events: list[dict[str, Any]], clock: Callable[[float], None]) -> None:
    client = lockout_app(LOCKOUT_THRESHOLD=1, LOCKOUT_BASE_SECONDS=1, LOCKOUT_MAX_SECONDS=1).test_client()
    attempt(client, WRONG)
    clock(1.1)
    attempt(client, WRONG)
    locks = [e["details"] for e in events if e["event"] == "lockout"]
    assert [(d["level"], d["seconds"]) for d in locks] == [(1, 1), (2, 1)]


def test_the_address_throttle_stops_a_spray_before_hashing(hashes: list[str]) -> None:
    """One client trying many accounts meets the LOGIN limit, whatever the accounts."""
    client = lockout_app(RATELIMIT_LOGIN="3 per minute").test_client()
    codes = [attempt(client, WRONG, email=f"user{i}@example.com").status_code for i in range(6)]
    assert codes == [401] * 3 + [429] * 3
    assert len(hashes) == 3


def test_the_lockout_is_logged_as_a_security_event(events: list[dict[str, Any]]) -> None:
    client = lockout_app().test_client()
    for _ in range(5):
        attempt(client, WRONG)
    (event,) = [e for e in events if e["event"] == "lockout"]
    assert event["outcome"] == "locked"
    assert event["details"]["email"] == "alice@example.com"
    assert [e["outcome"] for e in events if e["event"] == "login"][-1] == "failure"


def test_unlock_command_lifts_the_lock() -> None:
    app = lockout_app()
    client = app.test_client()
    for _ in range(5):
        attempt(client, WRONG)
    result = app.test_cli_runner().invoke(args=["security", "unlock", "Alice@Example.com"])
    assert result.exit_code == 0, result.output
    assert attempt(client, PASSWORD).status_code == 302


def test_an_unreachable_storage_refuses_logins_by_default(hashes: list[str]) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    client = lockout_app(RATELIMIT_STORAGE_URI=dead).test_client()
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert hashes == []


def test_with_login_failing_open_an_unreachable_storage_lets_logins_through() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    client = lockout_app(RATELIMIT_STORAGE_URI=dead, RATELIMIT_FAIL_CLOSED=["MFA"]).test_client()
    assert attempt(client, WRONG).status_code == 401
    assert attempt(client, PASSWORD).status_code == 302


@pytest.mark.redis
def test_a_lockout_holds_in_every_process_sharing_redis(redis_url: str) -> None:
    shared = {
        **redis_storage(redis_url),
        "SQLALCHEMY_DATABASE_URI": "sqlite://",
    }
    one, two = lockout_app(**shared), lockout_app(**shared)
    for _ in range(5):
        attempt(one.test_client(), WRONG)
    assert attempt(two.test_client(), PASSWORD).status_code == 429
    with two.app_context():
        from {{ cookiecutter.package_name }}.security.lockout import clear

        clear("alice@example.com", levels=True)


@pytest.mark.redis
def test_guesses_in_flight_when_the_lock_falls_get_no_extra_tries(redis_url: str, hashes: list[str]) -> None:
    """Two guesses at once, on two workers, after four failures: both used to pass the gate before
    either had failed, so six passwords were checked against a threshold of five (one more per
    guess in flight). Each attempt now takes its place in the count at the gate: the one over the
    threshold is refused before its hash, and the lock then holds against the right password."""
    shared = {**redis_storage(redis_url), "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    one, two = lockout_app(**shared), lockout_app(**shared)
    assert [attempt(one.test_client(), WRONG).status_code for _ in range(4)] == [401] * 4

    def the_other_guess() -> Any:
        return attempt(two.test_client(), "another wrong guess")

    # The other guess arrives while this one, past the gate, looks up the account.
    with meanwhile(one, "SELECT users", the_other_guess) as other:
        late = attempt(one.test_client(), WRONG)
    assert other and other[0] is not None, "the race did not happen"
    assert sorted([other[0].status_code, late.status_code]) == [401, 429]
    assert len(hashes) == 5
    assert attempt(two.test_client(), PASSWORD).status_code == 429
    with two.app_context():
        from {{ cookiecutter.package_name }}.security.lockout import clear

        clear("alice@example.com", levels=True)


@pytest.mark.parametrize(
    ("override", "finding", "severity"),
    [({"LOCKOUT_THRESHOLD": 0}, "SFA-R009", "error"), ({"LOCKOUT_THRESHOLD": 50}, "SFA-R008", "warning")],
)
def test_lax_lockout_settings_are_reported(override: dict, finding: str, severity: str) -> None:
    assert deploy_check(**override)[1].get(finding) == severity


def test_threshold_zero_switches_lockout_off() -> None:
    client = lockout_app(LOCKOUT_THRESHOLD=0).test_client()
    for _ in range(8):
        attempt(client, WRONG)
    assert attempt(client, PASSWORD).status_code == 302
