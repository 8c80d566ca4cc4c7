"""Rate limiting (checklist 31-33): bursts, keys, spoofed addresses, route classes, storage failure."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from conftest import (
    PASSWORD,
    deploy_check,
    form_post,
    free_port,
    make_app,
    production_settings,
    redis_storage,
)
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError, checks
from {{ cookiecutter.package_name }}.security.ratelimit import shared_storage
from {{ cookiecutter.package_name }}.security.tokens import api_auth, create_token

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
)


def statuses(client: FlaskClient, path: str, count: int, method: str = "GET", **kwargs: Any) -> list[int]:
    return [client.open(path, method=method, **kwargs).status_code for _ in range(count)]


def from_address(address: str, **extra: Any) -> dict[str, Any]:
    return {"environ_base": {"REMOTE_ADDR": address}, **extra}


def dead_redis() -> str:
    return f"redis://127.0.0.1:{free_port()}/0"


# --- bursts and the 429 answer -------------------------------------------------------------


def test_burst_past_the_limit_gets_exactly_the_limit() -> None:
    client = make_app(RATELIMIT_DEFAULT="5 per minute").test_client()
    assert statuses(client, "/", 8) == [200] * 5 + [429] * 3


def test_429_carries_retry_after_rate_limit_and_security_headers() -> None:
    app = make_app(RATELIMIT_DEFAULT="1 per minute")
    client = app.test_client()
    client.get("/")
    refused = client.get("/", headers={"Accept": "text/html"})
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Limit"] == "1"
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert int(refused.headers["X-RateLimit-Reset"]) > 0
    assert refused.headers["Cache-Control"] == "no-store"
    assert refused.headers["X-Request-ID"] in refused.get_data(as_text=True)
    assert refused.mimetype == "text/html"
    if "talisman" in app.extensions:  # the headers control may be switched off by option
        for name in SECURITY_HEADERS:
            assert name in refused.headers, name
        assert "nonce-" in refused.headers["Content-Security-Policy"]


def test_429_is_json_for_api_clients() -> None:
    client = make_app(RATELIMIT_DEFAULT="1 per minute").test_client()
    client.get("/")
    refused = client.get("/", headers={"Accept": "application/json"})
    assert refused.status_code == 429
    assert refused.json["status"] == 429 and refused.json["request_id"]
    assert "Retry-After" in refused.json["message"]


def test_served_responses_carry_limits_only_when_asked_and_never_retry_after() -> None:
    # By default only a 429 says where the window stands (one storage call per served request).
    response = make_app(RATELIMIT_DEFAULT="5 per minute").test_client().get("/")
    assert response.status_code == 200
    assert not [name for name, _ in response.headers.items() if name.startswith(("X-RateLimit", "Retry"))]
    app = make_app(RATELIMIT_DEFAULT="5 per minute", RATELIMIT_HEADERS_ENABLED=True)
    response = app.test_client().get("/")
    assert response.headers["X-RateLimit-Remaining"] == "4"
    assert "Retry-After" not in response.headers


def test_429_headers_are_the_same_with_and_without_headers_on_served_responses() -> None:
    seen = []
    for enabled in (False, True):
        client = make_app(RATELIMIT_DEFAULT="2 per minute", RATELIMIT_HEADERS_ENABLED=enabled).test_client()
        answers = [client.get("/") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 429, 429]
        for refused in answers[2:]:  # the breach (read from the storage) and a known refusal
            assert refused.headers["X-RateLimit-Limit"] == "2"
            assert refused.headers["X-RateLimit-Remaining"] == "0"
            assert 0 < int(refused.headers["Retry-After"]) <= 60
            assert int(refused.headers["X-RateLimit-Reset"]) >= int(time.time())
        names = [name for name, _ in answers[2].headers.items()]
        seen.append(sorted(name for name in names if name.startswith(("X-RateLimit", "Retry"))))
    assert seen[0] == seen[1]


def test_other_errors_carry_no_retry_after_but_keep_their_own() -> None:
    app = make_app(RATELIMIT_DEFAULT="5 per minute", RATELIMIT_HEADERS_ENABLED=True)

    @app.get("/busy")
    def busy() -> tuple[str, int, dict[str, str]]:
        return "busy", 503, {"Retry-After": "2"}

    @app.get("/denied")
    def denied() -> tuple[str, int]:
        return "denied", 403

    client = app.test_client()
    refused = client.get("/denied")
    assert refused.status_code == 403 and "Retry-After" not in refused.headers  # waiting will not help
    assert refused.headers["X-RateLimit-Remaining"] == "4"  # it was still counted
    assert client.get("/busy").headers["Retry-After"] == "2"  # the app's own value, not the window's


def test_health_check_and_static_files_are_exempt() -> None:
    client = make_app(RATELIMIT_DEFAULT="1 per minute").test_client()
    assert statuses(client, "/healthz", 5) == [200] * 5
    assert set(statuses(client, "/static/app.css", 5)) == {200}


def test_disabled_limiter_limits_nothing_but_keeps_the_shared_storage() -> None:
    app = make_app(RATELIMIT_ENABLED=False, RATELIMIT_DEFAULT="1 per minute")
    assert statuses(app.test_client(), "/", 3) == [200] * 3
    with app.app_context():
        assert shared_storage(app).incr("probe", 10) == 1


# --- keys: token, then user, then address --------------------------------------------------


@pytest.fixture
def api_app() -> Flask:
    app = make_app(RATELIMIT_AI="2 per minute")

    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict:
        return {}

    return app


def tokens_for(app: Flask, email: str, count: int = 1) -> list[str]:
    from {{ cookiecutter.package_name }}.users import create_user

    with app.app_context():
        owner = create_user(email, PASSWORD)
        return [create_token(owner.id, f"t{i}", ["ai:predict"])[1] for i in range(count)]


def test_each_api_token_has_its_own_budget(api_app: Flask) -> None:
    first, second = tokens_for(api_app, "a@example.com", 2)  # one owner, two machines
    client = api_app.test_client()

    def call(token: str) -> int:
        return client.post("/api/v1/probe", headers={"Authorization": f"Bearer {token}"}).status_code

    assert [call(first) for _ in range(3)] == [200, 200, 429]
    assert call(second) == 200  # same owner, same address, another token


def test_a_token_cannot_escape_its_limit_by_changing_address(api_app: Flask) -> None:
    (token,) = tokens_for(api_app, "a@example.com")
    client = api_app.test_client()
    codes = [
        client.post(
            "/api/v1/probe", headers={"Authorization": f"Bearer {token}"}, **from_address(ip)
        ).status_code
        for ip in ("198.51.100.1", "198.51.100.2", "2001:db8::1")
    ]
    assert codes == [200, 200, 429]


def test_a_user_cannot_escape_its_limit_by_changing_address() -> None:
    from {{ cookiecutter.package_name }}.users import create_user

    app = make_app(RATELIMIT_DEFAULT="3 per minute")
    if "session_user_loader" not in app.extensions:
        pytest.skip("no browser login in this variant (use_login=false)")
    with app.app_context():
        create_user("carol@example.com", PASSWORD)
    client = app.test_client()
    assert (
        form_post(client, "/auth/login", {"email": "carol@example.com", "password": PASSWORD}).status_code
        == 302
    )
    codes = [client.get("/auth/password", **from_address(f"198.51.100.{i}")).status_code for i in range(1, 5)]
    assert codes == [200, 200, 200, 429]
    # an anonymous visitor at one of those addresses has a budget of its own
    assert app.test_client().get("/auth/password", **from_address("198.51.100.1")).status_code == 302


@pytest.mark.parametrize(
    ("first", "second", "shared"),
    [
        ("198.51.100.7", "198.51.100.8", False),
        ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", True),  # one /64: one subscriber
        ("2001:db8:1:2::1", "2001:db8:1:3::1", False),
        ("198.51.100.7", "::ffff:198.51.100.7", True),  # IPv4-mapped IPv6 is the same client
    ],
)
def test_anonymous_clients_are_keyed_by_address(first: str, second: str, shared: bool) -> None:
    client = make_app(RATELIMIT_DEFAULT="2 per minute").test_client()
    assert statuses(client, "/", 2, **from_address(first)) == [200, 200]
    assert client.get("/", **from_address(second)).status_code == (429 if shared else 200)


# --- client address behind proxies (checklist 32) ------------------------------------------


@pytest.mark.parametrize("hops", [0, 1])
def test_spoofed_forwarded_for_does_not_reset_the_limit(hops: int) -> None:
    client = make_app(RATELIMIT_DEFAULT="3 per minute", TRUSTED_PROXY_HOPS=hops).test_client()
    proxy_saw = "203.0.113.50"  # with one hop, the address our proxy appends
    codes = []
    for i in range(6):
        forged = f"10.0.0.{i}, 192.0.2.{i}"  # the client writes whatever it likes
        header = f"{forged}, {proxy_saw}" if hops else forged
        codes.append(client.get("/", headers={"X-Forwarded-For": header}).status_code)
    assert codes == [200] * 3 + [429] * 3


def test_with_one_trusted_hop_the_proxy_seen_address_is_the_key() -> None:
    client = make_app(RATELIMIT_DEFAULT="1 per minute", TRUSTED_PROXY_HOPS=1).test_client()
    assert client.get("/", headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-For": "1.1.1.1, 203.0.113.1"}).status_code == 429


# --- route classes ---------------------------------------------------------------------------


def classed_app(**overrides: Any) -> Flask:
    """An app with endpoints registered after the limiter, as an AI blueprint would be.

    They live under /api/ so that cookieless calls meet no CSRF check.
    """
    app = make_app(**overrides)
    for rule, endpoint in [
        ("/api/v1/one", "api_one"),
        ("/api/v1/two", "api_two"),
        ("/api/export/a", "export_a"),
        ("/api/export/b", "export_b"),
        ("/api/plain", "plain"),
    ]:
        app.add_url_rule(rule, endpoint, lambda: "", methods=["GET", "POST"])
    return app


def test_a_named_class_is_one_budget_across_its_endpoints() -> None:
    client = classed_app(RATELIMIT_AI="3 per minute").test_client()
    paths = ["/api/v1/one", "/api/v1/two", "/api/v1/one", "/api/v1/two"]
    assert [client.post(p).status_code for p in paths] == [200, 200, 200, 429]


def test_named_classes_count_state_changes_only() -> None:
    client = classed_app(RATELIMIT_AI="1 per minute").test_client()
    assert statuses(client, "/api/v1/one", 3) == [200] * 3  # GET falls under DEFAULT
    assert statuses(client, "/api/v1/one", 2, method="POST") == [200, 429]


def test_the_default_is_one_budget_per_endpoint() -> None:
    client = classed_app(RATELIMIT_DEFAULT="1 per minute").test_client()
    assert client.post("/api/plain").status_code == 200
    assert client.post("/api/export/a").status_code == 200
    assert client.post("/api/plain").status_code == 429


def test_modules_register_their_endpoints_in_a_class() -> None:
    app = classed_app(RATELIMIT_EXPORT="2 per minute")
    app.extensions["rate_limit_classes"].update({"export_a": "EXPORT", "export_b": "EXPORT"})
    client = app.test_client()
    codes = [client.post(p).status_code for p in ("/api/export/a", "/api/export/b", "/api/export/a")]
    assert codes == [200, 200, 429]


def test_the_longest_pattern_wins() -> None:
    patterns = {"/api/v1/": "AI", "/api/v1/two": "EXPORT"}
    app = classed_app(
        RATELIMIT_AI="5 per minute", RATELIMIT_EXPORT="1 per minute", RATELIMIT_ROUTE_CLASSES=patterns
    )
    client = app.test_client()
    assert statuses(client, "/api/v1/two", 2, method="POST") == [200, 429]
    assert client.post("/api/v1/one").status_code == 200


@pytest.mark.parametrize("cls", ["NO_SUCH_CLASS", "ROUTE_CLASSES", "ENABLED"])
def test_a_class_without_a_valid_setting_falls_back_to_the_default(cls: str) -> None:
    app = classed_app(RATELIMIT_DEFAULT="1 per minute")
    app.extensions["rate_limit_classes"]["export_a"] = cls
    assert statuses(app.test_client(), "/api/export/a", 2, method="POST") == [200, 429]
    assert app.test_client().post("/api/v1/one").status_code == 200  # the storage was never blamed


@pytest.mark.parametrize(
    ("override", "setting"),
    [
        ({"RATELIMIT_LOGIN": "ten per minute"}, "RATELIMIT_LOGIN"),
        ({"RATELIMIT_DEFAULT": "5 per fortnight"}, "RATELIMIT_DEFAULT"),
        ({"RATELIMIT_ROUTE_CLASSES": {"x.": "MISSING"}}, "RATELIMIT_MISSING"),
        ({"RATELIMIT_FAIL_CLOSED": ["ABSENT"]}, "RATELIMIT_ABSENT"),
    ],
)
def test_bad_settings_fail_at_start_naming_the_setting(override: dict, setting: str) -> None:
    with pytest.raises(ValueError, match=setting):
        make_app(**override)


# --- a flood of refusals, refused from memory ------------------------------------------------


def spy(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> list[object]:
    """Record each call of ``target.name``, which still runs."""
    calls: list[object] = []
    real = getattr(target, name)
    monkeypatch.setattr(target, name, lambda *a, **k: calls.append(a) or real(*a, **k))
    return calls


def statements(app: Flask) -> list[str]:
    """Every SQL statement the app's engine runs from now on (SQLAlchemy's public events)."""
    from sqlalchemy import event

    from {{ cookiecutter.package_name }}.db import db

    seen: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda _c, _k, sql, *_: seen.append(sql))
    return seen


def token_lookups(executed: list[str]) -> list[str]:
    return [sql for sql in executed if "FROM api_tokens" in sql]


@pytest.mark.parametrize("storage", ["memory", pytest.param("redis", marks=pytest.mark.redis)])
def test_a_token_refused_again_costs_no_storage_call_and_no_lookup_until_its_window_frees(
    storage: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    clock: Callable[[float], None],
) -> None:
    settings: dict[str, Any] = {"RATELIMIT_AI": "2 per minute"}
    if storage == "redis":
        settings |= {
            **redis_storage(request.getfixturevalue("redis_url")),
        }
    app = make_app(**settings)

    @app.post("/api/v1/probe")
    @api_auth("ai:predict")
    def probe() -> dict:
        return {}

    (token,) = tokens_for(app, "flood@example.com")
    client = app.test_client()

    def call() -> Any:
        return client.post("/api/v1/probe", headers={"Authorization": f"Bearer {token}"})

    assert [call().status_code for _ in range(3)] == [200, 200, 429]  # the storage refused
    counted = spy(monkeypatch, shared_storage(app), "acquire_entry")
    executed = statements(app)
    again = [call() for _ in range(5)]
    assert {r.status_code for r in again} == {429}
    assert counted == [] and token_lookups(executed) == []
    for refused in again:  # the same answer as the storage's refusal
        assert 0 < int(refused.headers["Retry-After"]) <= 60
        assert refused.headers["X-RateLimit-Limit"] == "2"
        assert refused.headers["X-RateLimit-Remaining"] == "0"
        assert "Retry-After" in refused.json["message"]
    clock(61)  # the oldest entry leaves the window: the storage decides again, and serves
    assert call().status_code == 200
    assert len(counted) == 1 and len(token_lookups(executed)) == 1


def test_a_changed_limit_setting_is_asked_of_the_storage_again(api_app: Flask) -> None:
    (token,) = tokens_for(api_app, "a@example.com")
    client = api_app.test_client()

    def call() -> int:
        return client.post("/api/v1/probe", headers={"Authorization": f"Bearer {token}"}).status_code

    assert [call() for _ in range(4)] == [200, 200, 429, 429]
    api_app.config["RATELIMIT_AI"] = "3 per minute"  # a new limit counts in a window of its own
    assert [call() for _ in range(4)] == [200, 200, 200, 429]


def test_an_anonymous_client_refused_again_costs_no_storage_call(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(RATELIMIT_DEFAULT="1 per minute")
    client = app.test_client()
    assert statuses(client, "/", 2, **from_address("198.51.100.7")) == [200, 429]
    counted = spy(monkeypatch, shared_storage(app), "acquire_entry")
    assert statuses(client, "/", 3, **from_address("198.51.100.7")) == [429] * 3
    assert counted == []
    assert statuses(client, "/", 1, **from_address("198.51.100.8")) == [200]  # another client
    assert len(counted) == 1


def test_refusals_of_the_in_process_fallback_are_not_remembered() -> None:
    app = classed_app(RATELIMIT_STORAGE_URI=dead_redis(), RATELIMIT_DEFAULT="1 per minute")
    assert statuses(app.test_client(), "/", 3) == [200, 429, 429]
    assert len(app.extensions["rate_limit_known_refusals"]) == 0


def test_a_flood_of_known_refusals_is_logged_once_per_window_with_a_count(
    capsys: pytest.CaptureFixture[str], monotonic_clock: Callable[[float], None]
) -> None:
    app = make_app(RATELIMIT_DEFAULT="1 per minute", LOG_FORMAT="json", LOG_REFUSALS_EVERY=10)
    client = app.test_client()
    capsys.readouterr()
    assert statuses(client, "/", 12) == [200] + [429] * 11
    lines = capsys.readouterr().err.splitlines()
    records = [r for r in map(json.loads, lines) if r["logger"].endswith(".access")]
    # served, the storage's refusal, then the first refusal from memory: 9 more left out
    outcomes = [(r["status"], r.get("refusals_not_logged")) for r in records]
    assert outcomes == [(200, None), (429, None), (429, 0)]
    monotonic_clock(11)
    assert statuses(client, "/", 1) == [429]
    [later] = [json.loads(line) for line in capsys.readouterr().err.splitlines() if ".access" in line]
    assert later["refusals_not_logged"] == 9


# --- events ------------------------------------------------------------------------------------


def test_a_breach_is_announced_once_per_window(events: list[dict[str, Any]]) -> None:
    client = make_app(RATELIMIT_DEFAULT="1 per minute").test_client()
    statuses(client, "/", 5, **from_address("198.51.100.9"))
    breaches = [e for e in events if e["event"] == "rate_limit"]
    assert len(breaches) == 1
    assert breaches[0]["outcome"] == "exceeded"
    assert breaches[0]["details"]["key"] == "ip:198.51.100.9"


# --- storage failure policy (checklist 33) -----------------------------------------------------


def test_unreachable_storage_fails_open_for_ordinary_routes_with_per_process_limits(
    events: list[dict[str, Any]],
) -> None:
    client = classed_app(RATELIMIT_STORAGE_URI=dead_redis(), RATELIMIT_DEFAULT="3 per minute").test_client()
    assert statuses(client, "/", 5) == [200] * 3 + [429] * 2  # still bounded, by this process
    assert [e["outcome"] for e in events if e["event"] == "rate_limit_storage"] == ["unavailable"]


def test_unreachable_storage_fails_closed_for_sensitive_classes() -> None:
    app = classed_app(
        RATELIMIT_STORAGE_URI=dead_redis(), RATELIMIT_FAIL_CLOSED=["AI"], RATELIMIT_FAIL_CLOSED_RETRY_AFTER=7
    )
    client = app.test_client()
    refused = client.post("/api/v1/one")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "7"
    assert "unavailable" in refused.json["message"]
    assert client.post("/api/plain").status_code == 200  # DEFAULT is not fail-closed


def test_login_registration_mfa_and_tokens_fail_closed_by_default() -> None:
    app = classed_app(RATELIMIT_STORAGE_URI=dead_redis())
    app.extensions["rate_limit_classes"].update({"export_a": "LOGIN", "export_b": "TOKENS"})
    client = app.test_client()
    assert client.post("/api/export/a").status_code == 429
    assert client.post("/api/export/b").status_code == 429
    assert client.post("/api/v1/one").status_code == 200  # AI fails open, per process


def test_a_storage_failure_never_becomes_a_500() -> None:
    app = classed_app(RATELIMIT_STORAGE_URI=dead_redis(), RATELIMIT_FAIL_CLOSED=["AI"])
    client = app.test_client()
    codes = {client.open(p, method=m).status_code for p, m in [("/api/plain", "POST"), ("/", "GET")] * 5}
    codes |= {client.post("/api/v1/one").status_code, client.get("/healthz").status_code}
    assert max(codes) < 500, codes


@pytest.mark.redis
def test_limits_hold_across_processes_sharing_redis(redis_url: str) -> None:
    shared = {
        **redis_storage(redis_url),
        "RATELIMIT_DEFAULT": "4 per minute",
    }
    one, two = make_app(**shared).test_client(), make_app(**shared).test_client()
    codes = [c.get("/").status_code for c in (one, two, one, two, one, two)]
    assert codes == [200] * 4 + [429] * 2


@pytest.mark.redis
def test_redis_counts_through_limits_own_storage_and_headers_agree(redis_url: str) -> None:
    """The storage is ``limits``' own Redis storage (its scheme registry untouched), and the
    X-RateLimit headers say what Redis holds."""
    from limits.storage import RedisStorage, storage_from_string

    options = {"key_prefix": f"test-{uuid.uuid4().hex}", "socket_timeout": 1}
    app = make_app(
        RATELIMIT_STORAGE_URI=redis_url,
        RATELIMIT_STORAGE_OPTIONS=options,
        RATELIMIT_DEFAULT="3 per minute",
        RATELIMIT_HEADERS_ENABLED=True,
    )
    storage = shared_storage(app)
    assert type(storage) is RedisStorage
    assert type(storage_from_string(redis_url, **options)) is RedisStorage
    client = app.test_client()
    answers = [client.get("/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert 0 < int(answers[3].headers["Retry-After"]) <= 60
    redis = storage.get_connection()
    (window,) = [k for k in redis.scan_iter(f"{storage.key_prefix}:*") if redis.type(k) == b"list"]
    start, count = storage.get_moving_window(window.decode().split(":", 1)[1], 3, 60)
    assert count == 3 and start <= time.time()


@pytest.mark.redis
def test_storage_recovers_after_an_outage(
    redis_url: str, monkeypatch: pytest.MonkeyPatch, clock: Callable[[float], None]
) -> None:
    prefix = f"test-{uuid.uuid4().hex}"
    app = classed_app(
        RATELIMIT_STORAGE_URI=redis_url,
        RATELIMIT_STORAGE_OPTIONS={"key_prefix": prefix, "socket_timeout": 1},
        RATELIMIT_FAIL_CLOSED=["AI"],
    )
    client = app.test_client()
    storage = shared_storage(app)

    def broken(*args: Any, **kwargs: Any) -> bool:
        raise ConnectionError("Redis went away")

    with monkeypatch.context() as outage:
        outage.setattr(storage, "acquire_entry", broken)
        outage.setattr(storage, "check", lambda: False)
        assert client.post("/api/v1/one").status_code == 429  # fail closed
        assert client.post("/api/plain").status_code == 200  # fail open
    clock(1.1)  # Flask-Limiter asks the storage again after 1, 2, 4... seconds
    assert client.post("/api/v1/one").status_code == 200
    assert any(storage.get_connection().scan_iter(f"{prefix}:*"))  # counted in Redis again
    storage.get_connection().delete(*storage.get_connection().scan_iter(f"{prefix}:*"))


# --- deploy checks ---------------------------------------------------------------------------


def findings(**overrides: Any) -> dict[str, str]:
    return deploy_check(**overrides)[1]


def test_one_worker_with_memory_storage_passes() -> None:
    assert not {k for k in findings() if k.startswith("SFA-R")}


@pytest.mark.parametrize(
    ("env", "override", "finding", "severity"),
    [
        ({"WEB_CONCURRENCY": "4"}, {}, "SFA-R001", "error"),
        ({"WEB_CONCURRENCY": "", "GUNICORN_CMD_ARGS": "--workers 3"}, {}, "SFA-R001", "error"),
        ({"WEB_CONCURRENCY": ""}, {}, "SFA-R001", "error"),  # unknown: gunicorn.conf.py says 2
        ({}, {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"}, "SFA-R002", "warning"),
        ({}, {"RATELIMIT_STORAGE_URI": "redis://127.0.0.2:1/0"}, "SFA-R003", "warning"),
        ({}, {"RATELIMIT_ENABLED": False}, "SFA-R004", "error"),
        ({}, {"RATELIMIT_FAIL_CLOSED": ["REGISTER"]}, "SFA-R005", "warning"),
        ({}, {"RATELIMIT_LOGIN": ""}, "SFA-R006", "warning"),
    ],
)
def test_each_unsafe_setting_is_reported(
    monkeypatch: pytest.MonkeyPatch, env: dict, override: dict, finding: str, severity: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert findings(**override).get(finding) == severity


def test_production_refuses_memory_storage_with_several_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(UnsafeConfigurationError, match="RATELIMIT_STORAGE_URI"):
        create_app(production_settings(RATELIMIT_STORAGE_URI="memory://"))


def test_findings_hide_the_storage_password() -> None:
    app = create_app(production_settings(PROFILE="testing", TESTING=False))
    app.config["RATELIMIT_STORAGE_URI"] = "redis://user:hunter2@10.9.8.7:6380/0"  # pragma: allowlist secret
    app.extensions["rate_limit_storage"].check = lambda: False  # no need to wait for a timeout
    text = "\n".join(str(f) for f in checks.run(app, deploy=True))
    assert "SFA-R003" in text and "hunter2" not in text and "***" in text


@pytest.mark.parametrize(
    ("env", "argv", "expected"),
    [
        ({"WEB_CONCURRENCY": "3"}, ["pytest"], 3),
        ({"GUNICORN_CMD_ARGS": "-w 5 --bind 0:8000"}, ["pytest"], 5),
        ({}, ["/venv/bin/gunicorn", "-c", "gunicorn.conf.py", "--workers=6"], 6),
        ({}, ["/venv/bin/gunicorn", "-w4"], 4),
        ({}, ["/venv/bin/gunicorn"], checks.DEFAULT_WORKERS),
    ],
)
def test_worker_count(monkeypatch: pytest.MonkeyPatch, env: dict, argv: list, expected: int) -> None:
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.argv", argv)
    assert checks.worker_count() == expected


def test_a_limited_view_error_is_still_a_plain_error() -> None:
    app = make_app(RATELIMIT_DEFAULT="5 per minute", RATELIMIT_HEADERS_ENABLED=True)

    @app.get("/teapot")
    def teapot() -> str:
        abort(418)

    response = app.test_client().get("/teapot")
    assert response.status_code == 418
    assert response.headers["X-RateLimit-Remaining"] == "4"
