"""Refusal accounting: every refusal is charged to the client's budget, checked before any
expensive or serialised work (a database lookup, a CSRF check, an audit record)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from conftest import PASSWORD, csrf_from, deploy_check, make_app, redis_storage
from {{ cookiecutter.package_name }}.db import db

BUDGET = "30 per minute;300 per day"


def budget_app(**overrides: Any) -> Flask:
    return make_app(**({"RATELIMIT_REFUSALS": BUDGET} | overrides))


def statements(app: Flask) -> list[str]:
    """Every SQL statement the app's engine runs from now on."""
    seen: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda _c, _k, sql, *_: seen.append(sql))
    return seen


def first_refusal_of_abuse(codes: list[int]) -> int:
    """The 1-based position of the first 429 (or 403 from a block), or 0."""
    return next((i for i, code in enumerate(codes, 1) if code in (403, 429)), 0)


def test_wrong_bearer_tokens_spend_the_budget_and_then_cost_no_database_work() -> None:
    app = budget_app()

    @app.post("/api/v1/probe")
    def probe() -> dict:
        from {{ cookiecutter.package_name }}.security.tokens import api_auth

        return api_auth("ai:predict")(lambda: {})()

    client = app.test_client()
    executed = statements(app)
    codes = [
        client.post("/api/v1/probe", headers={"Authorization": f"Bearer wrong-{i}"}).status_code
        for i in range(200)
    ]
    assert codes[:30] == [401] * 30
    assert first_refusal_of_abuse(codes) == 31
    assert set(codes[30:]) <= {429, 403}  # 403: the activity monitor blocked the address
    lookups = [sql for sql in executed if "FROM api_tokens" in sql]
    assert len(lookups) == 30  # the 170 over budget never reached the token layer
    refused = client.post("/api/v1/probe", headers={"Authorization": "Bearer wrong"})
    assert refused.json["status"] in (403, 429) and int(refused.headers["Retry-After"]) > 0


def test_csrf_less_login_posts_spend_the_budget() -> None:
    if "csrf" not in make_app().extensions:
        pytest.skip("this project has no CSRF protection (use_csrf is off)")
    app = budget_app()
    path = "/auth/login" if "auth.login" in app.view_functions else "/"
    client = app.test_client()
    codes = [
        client.post(path, data={"email": "a@example.com", "password": "x"}).status_code for _ in range(50)
    ]
    assert codes[0] == 400 and 0 < first_refusal_of_abuse(codes) < 50


def test_wrong_password_posts_are_refused_before_the_fiftieth() -> None:
    app = budget_app()
    if "auth.login" not in app.view_functions:
        pytest.skip("this project has no browser login (use_login is off)")
    from {{ cookiecutter.package_name }}.users import create_user

    with app.app_context():
        create_user("victim@example.com", PASSWORD)
    client = app.test_client()
    token = csrf_from(client.get("/auth/login").get_data(as_text=True))
    codes = [
        client.post(
            "/auth/login", data={"email": "victim@example.com", "password": f"guess {i}", "csrf_token": token}
        ).status_code
        for i in range(50)
    ]
    assert 0 < first_refusal_of_abuse(codes) < 50


def test_an_address_over_budget_is_refused_everything_but_the_health_check(
    clock: Callable[[float], None],
) -> None:
    app = budget_app(RATELIMIT_REFUSALS="3 per minute")
    client = app.test_client()
    assert [client.get("/missing").status_code for _ in range(4)] == [404, 404, 404, 429]
    assert client.get("/").status_code == 429  # a page it could read before
    assert client.get("/healthz").status_code == 200  # probes are exempt
    other = app.test_client().get("/", environ_base={"REMOTE_ADDR": "198.51.100.4"})
    assert other.status_code == 200  # per client
    clock(61)  # the window frees a slot
    assert client.get("/").status_code == 200


def test_the_first_refusal_of_a_window_is_announced_once(events: list[dict[str, Any]]) -> None:
    app = budget_app(RATELIMIT_REFUSALS="2 per minute")
    client = app.test_client()
    for _ in range(6):
        client.get("/missing")
    announced = [e for e in events if e["event"] == "refusal_budget"]
    assert len(announced) == 1 and announced[0]["outcome"] == "exceeded"


def test_served_requests_cost_no_storage_call(monkeypatch: pytest.MonkeyPatch) -> None:
    """The budget is asked of this worker's memory: a served request reads nothing of it."""
    from {{ cookiecutter.package_name }}.security.ratelimit import shared_storage

    app = budget_app()
    storage = shared_storage(app)
    keys: list[str] = []
    for name in ("acquire_entry", "get_moving_window", "get"):
        real = getattr(storage, name)
        monkeypatch.setattr(
            storage, name, lambda key, *a, _real=real, **k: keys.append(key) or _real(key, *a, **k)
        )
    client = app.test_client()
    for _ in range(5):
        assert client.get("/").status_code == 200
    assert not [key for key in keys if "refusals" in key]
    client.get("/missing")
    assert [key for key in keys if "refusals" in key]  # a refusal is charged


@pytest.mark.redis
def test_the_budget_holds_across_workers_sharing_redis(redis_url: str) -> None:
    shared = {
        **redis_storage(redis_url),
        "RATELIMIT_REFUSALS": "4 per minute",
    }
    one, two = budget_app(**shared).test_client(), budget_app(**shared).test_client()
    codes = [c.get("/missing").status_code for c in (one, two, one, two, one, two, one, two)]
    # Four refusals fill the shared window; the worker that filled it refuses at once, the other
    # learns it from its own next charge: one refusal more than the budget, then only 429s.
    assert codes == [404] * 5 + [429] * 3


def test_an_empty_budget_is_reported() -> None:
    assert "SFA-R007" in deploy_check(RATELIMIT_REFUSALS="")[1]
    assert "SFA-R007" not in deploy_check(RATELIMIT_REFUSALS=BUDGET)[1]


def test_a_bad_budget_fails_at_start_naming_the_setting() -> None:
    with pytest.raises(ValueError, match="RATELIMIT_REFUSALS"):
        make_app(RATELIMIT_REFUSALS="thirty a minute")
