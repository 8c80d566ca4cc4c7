"""IP filtering (checklist 32, 34): CIDR lists, admin allow-list, spoofed addresses, temporary blocks."""

from __future__ import annotations

import ipaddress
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from conftest import deploy_check, free_port, make_app, redis_storage
from {{ cookiecutter.package_name }}.security.ipfilter import BlockFeed, block, blocked_for, feed, storage, unblock

SECURITY_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options")


def filtered_app(**overrides: Any) -> tuple[Flask, list[str]]:
    """An app whose probe views record that they ran."""
    app = make_app(**overrides)
    ran: list[str] = []

    @app.get("/probe")
    def probe() -> str:
        ran.append("probe")
        return "ok"

    @app.get("/admin/settings")
    def admin_settings() -> str:
        ran.append("admin")
        return "admin"

    @app.get("/administrators-guide")
    def guide() -> str:
        return "public"

    return app, ran


def get(app: Flask, path: str, address: str, **kwargs: Any) -> Any:
    return app.test_client().get(path, environ_base={"REMOTE_ADDR": address}, **kwargs)


@pytest.mark.parametrize(
    ("address", "denied"),
    [
        ("203.0.113.9", True),
        ("203.0.114.9", False),
        ("2001:db8:bad::1", True),
        ("2001:db8:600d::1", False),
        ("::ffff:203.0.113.9", True),  # IPv4-mapped IPv6 does not dodge an IPv4 deny
    ],
)
def test_a_denied_network_gets_403_before_any_view(address: str, denied: bool) -> None:
    app, ran = filtered_app(IPFILTER_DENY=["203.0.113.0/24", "2001:db8:bad::/48"])
    response = get(app, "/probe", address)
    assert response.status_code == (403 if denied else 200)
    assert ran == ([] if denied else ["probe"])


def test_the_refusal_is_a_full_error_page_with_security_headers() -> None:
    app, _ = filtered_app(IPFILTER_DENY=["203.0.113.0/24"])
    page = get(app, "/probe", "203.0.113.9", headers={"Accept": "text/html"})
    assert page.mimetype == "text/html" and page.headers["X-Request-ID"] in page.get_data(as_text=True)
    if "talisman" in app.extensions:
        assert all(name in page.headers for name in SECURITY_HEADERS)
    api = get(app, "/api/v1/anything", "203.0.113.9")
    assert api.status_code == 403 and api.json["status"] == 403


def test_an_allow_list_refuses_everyone_else() -> None:
    app, ran = filtered_app(IPFILTER_ALLOW=["198.51.100.0/24", "2001:db8::/32"])
    assert get(app, "/probe", "198.51.100.20").status_code == 200
    assert get(app, "/probe", "2001:db8::20").status_code == 200
    assert get(app, "/probe", "192.0.2.1").status_code == 403
    assert get(app, "/healthz", "192.0.2.1").status_code == 403
    assert ran == ["probe", "probe"]


@pytest.mark.parametrize(
    ("address", "path", "status"),
    [
        ("198.51.100.7", "/admin/settings", 403),  # the internet
        ("10.1.2.3", "/admin/settings", 200),  # a private network
        ("::1", "/admin/settings", 200),
        ("198.51.100.7", "/probe", 200),  # other routes are open
        ("198.51.100.7", "/administrators-guide", 200),  # a prefix is a path segment
    ],
)
def test_admin_routes_answer_only_the_admin_allow_list(address: str, path: str, status: int) -> None:
    app, _ = filtered_app()
    assert get(app, path, address).status_code == status


def test_the_admin_allow_list_can_be_narrowed_or_lifted() -> None:
    narrow, _ = filtered_app(IPFILTER_ADMIN_ALLOW=["192.0.2.10/32"])
    assert get(narrow, "/admin/settings", "192.0.2.10").status_code == 200
    assert get(narrow, "/admin/settings", "10.1.2.3").status_code == 403
    lifted, _ = filtered_app(IPFILTER_ADMIN_ALLOW=None)
    assert get(lifted, "/admin/settings", "198.51.100.7").status_code == 200


@pytest.mark.parametrize("path", ["//admin/settings", "/Admin/settings", "/admin/./settings"])
def test_path_tricks_do_not_reach_admin_views(path: str) -> None:
    app, ran = filtered_app()
    response = get(app, path, "198.51.100.7")
    assert "admin" not in ran
    assert response.status_code in (308, 403, 404)


# --- spoofed X-Forwarded-For (checklist 32) ---------------------------------------------------


def test_without_trusted_proxies_forwarded_for_is_ignored() -> None:
    app, _ = filtered_app(IPFILTER_DENY=["203.0.113.0/24"], TRUSTED_PROXY_HOPS=0)
    spoof = {"X-Forwarded-For": "10.0.0.1"}
    assert get(app, "/probe", "203.0.113.9", headers=spoof).status_code == 403
    assert get(app, "/admin/settings", "198.51.100.7", headers=spoof).status_code == 403
    framed = {"X-Forwarded-For": "203.0.113.9"}  # nor can anyone be framed as a denied client
    assert get(app, "/probe", "198.51.100.7", headers=framed).status_code == 200


def test_with_one_trusted_proxy_only_the_address_it_saw_counts() -> None:
    app, _ = filtered_app(IPFILTER_DENY=["203.0.113.0/24"], TRUSTED_PROXY_HOPS=1)
    proxy = "10.0.0.2"  # the TCP peer is our proxy; it appends the address it saw

    def via_proxy(path: str, chain: str) -> int:
        return int(get(app, path, proxy, headers={"X-Forwarded-For": chain}).status_code)

    assert via_proxy("/probe", "10.9.9.9, 203.0.113.9") == 403  # forged left part ignored
    assert via_proxy("/probe", "203.0.113.9, 198.51.100.7") == 200
    assert via_proxy("/admin/settings", "10.1.2.3, 198.51.100.7") == 403  # no admin by forgery
    assert via_proxy("/admin/settings", "10.1.2.3") == 200


# --- temporary blocks ----------------------------------------------------------------------------


def test_a_temporary_block_refuses_then_expires(clock: Callable[[float], None]) -> None:
    app, _ = filtered_app()
    with app.app_context():
        assert block(app, ipaddress.ip_address("198.51.100.66"), 1) is True
    refused = get(app, "/probe", "198.51.100.66")
    assert refused.status_code == 403
    assert refused.headers["Retry-After"] == "1"
    assert get(app, "/probe", "198.51.100.67").status_code == 200
    clock(1.1)
    assert get(app, "/probe", "198.51.100.66").status_code == 200


def test_an_ipv6_block_covers_the_clients_64() -> None:
    app, _ = filtered_app()
    block(app, ipaddress.ip_address("2001:db8:1:2::5"), 60)
    assert get(app, "/probe", "2001:db8:1:2:aaaa::1").status_code == 403
    assert get(app, "/probe", "2001:db8:1:3::5").status_code == 200


def test_block_and_unblock_commands() -> None:
    app, _ = filtered_app()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["security", "block", "198.51.100.99", "--minutes", "5"])
    assert result.exit_code == 0, result.output
    assert get(app, "/probe", "198.51.100.99").status_code == 403
    assert 290 < blocked_for(app, ipaddress.ip_address("198.51.100.99")) <= 300
    assert runner.invoke(args=["security", "unblock", "198.51.100.99"]).exit_code == 0
    assert get(app, "/probe", "198.51.100.99").status_code == 200
    assert runner.invoke(args=["security", "block", "not-an-ip"]).exit_code != 0


def test_unreachable_block_storage_fails_open_but_lists_still_hold() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    app, _ = filtered_app(
        IPFILTER_DENY=["203.0.113.0/24"], IPFILTER_STORAGE_URI=dead, RATELIMIT_STORAGE_URI=dead
    )
    assert get(app, "/probe", "198.51.100.7").status_code == 200
    assert get(app, "/probe", "203.0.113.9").status_code == 403


def fed(redis_url: str) -> dict[str, Any]:
    """Settings of workers sharing blocks through Redis, under a key prefix of the test's own."""
    return {
        **redis_storage(redis_url),
        "IPFILTER_STORAGE_URI": f"{redis_url}?socket_timeout=1",  # used when rate limiting is off
    }


def eventually(check: Callable[[], bool], within: float = 5.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.01)


def in_step(app: Flask) -> BlockFeed:
    """The app's block feed, once it has loaded the blocks."""
    watched = feed(app)
    assert watched is not None
    eventually(lambda: watched.in_step)
    return watched


def salted() -> str:
    salt = uuid.uuid4().hex  # an address no other suite sharing this Redis will use
    return f"2001:db8:{salt[:4]}:{salt[4:8]}::1"


def count_reads(monkeypatch: pytest.MonkeyPatch, app: Flask) -> list[str]:
    reads: list[str] = []
    store = storage(app)
    real_get = store.get
    monkeypatch.setattr(store, "get", lambda key: reads.append(key) or real_get(key))
    return reads


@pytest.mark.redis
def test_blocks_hold_in_every_process_sharing_redis(redis_url: str) -> None:
    shared = fed(redis_url)
    (one, _), (two, _) = filtered_app(**shared), filtered_app(**shared)
    client = salted()
    block(one, ipaddress.ip_address(client), 5)
    assert get(two, "/probe", client).status_code == 403
    two.test_cli_runner().invoke(args=["security", "unblock", client])
    eventually(lambda: get(one, "/probe", client).status_code == 200)  # as the lift is delivered


@pytest.mark.redis
def test_a_worker_trusts_a_block_it_found_until_the_recheck(
    redis_url: str, monkeypatch: pytest.MonkeyPatch, monotonic_clock: Callable[[float], None]
) -> None:
    """Without the feed, a blocked flood is refused without a storage call per request; a block
    lifted by another worker stops being enforced here within IPFILTER_BLOCK_RECHECK, never later."""
    shared = fed(redis_url) | {"IPFILTER_BLOCK_RECHECK": 60, "IPFILTER_BLOCK_FEED": False}
    (one, _), (two, _) = filtered_app(**shared), filtered_app(**shared)
    client = salted()
    block(one, ipaddress.ip_address(client), 30)
    assert get(two, "/probe", client).status_code == 403  # found in the storage, remembered
    reads = count_reads(monkeypatch, two)
    assert [get(two, "/probe", client).status_code for _ in range(5)] == [403] * 5
    assert reads == []
    unblock(one, ipaddress.ip_address(client))
    assert get(one, "/probe", client).status_code == 200  # at once where it was lifted
    monotonic_clock(61)
    assert get(two, "/probe", client).status_code == 200
    assert len(reads) == 1


@pytest.mark.redis
def test_with_redis_every_worker_follows_the_blocks_and_reads_nothing_per_request(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = fed(redis_url)
    (one, _), (two, _) = filtered_app(**shared), filtered_app(**shared)
    client, other = salted(), salted()
    in_step(one), in_step(two)
    reads = count_reads(monkeypatch, two)
    assert get(two, "/probe", client).status_code == 200
    block(one, ipaddress.ip_address(client), 30)
    eventually(lambda: get(two, "/probe", client).status_code == 403)  # delivered, not polled
    assert get(two, "/probe", other).status_code == 200  # another network is not blocked
    unblock(one, ipaddress.ip_address(client))  # an early lift: no IPFILTER_BLOCK_RECHECK wait
    eventually(lambda: get(two, "/probe", client).status_code == 200)
    assert reads == []


@pytest.mark.redis
def test_a_worker_starting_later_loads_the_blocks_already_set(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = fed(redis_url)
    one, _ = filtered_app(**shared)
    client = salted()
    block(one, ipaddress.ip_address(client), 30)
    two, _ = filtered_app(**shared)
    in_step(two)
    reads = count_reads(monkeypatch, two)
    refused = get(two, "/probe", client)
    assert refused.status_code == 403 and 0 < int(refused.headers["Retry-After"]) <= 30
    assert reads == []


@pytest.mark.redis
def test_a_worker_whose_feed_is_cut_reads_per_request_then_follows_again(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = fed(redis_url)
    (one, _), (two, _) = filtered_app(**shared), filtered_app(**shared)
    watched = in_step(two)
    redis = storage(two).get_connection()
    ids = [c["id"] for c in redis.client_list(_type="pubsub") if c["name"] == watched.client_name]
    assert len(ids) == 1
    client = salted()
    reads = count_reads(monkeypatch, two)
    redis.execute_command("CLIENT", "KILL", "ID", ids[0])
    eventually(lambda: not watched.in_step or bool(reads))
    block(one, ipaddress.ip_address(client), 30)  # published while this worker is not listening
    assert get(two, "/probe", client).status_code == 403  # read from the storage, or reloaded
    eventually(lambda: watched.in_step, within=10)  # subscribed again, every block reloaded
    reads.clear()
    assert get(two, "/probe", client).status_code == 403
    assert reads == []


# --- logs under a flood ------------------------------------------------------------------------


def access_records(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    lines = capsys.readouterr().err.splitlines()
    return [r for r in map(json.loads, lines) if r["logger"].endswith(".access")]


def test_a_refused_flood_is_logged_once_per_window_with_a_count(
    capsys: pytest.CaptureFixture[str], monotonic_clock: Callable[[float], None]
) -> None:
    app, _ = filtered_app(IPFILTER_DENY=["198.51.100.0/24"], LOG_FORMAT="json", LOG_REFUSALS_EVERY=60)
    capsys.readouterr()
    assert {get(app, "/probe", "198.51.100.5").status_code for _ in range(20)} == {403}
    assert get(app, "/probe", "198.51.100.6").status_code == 403  # another client: its own record
    assert [get(app, "/probe", "192.0.2.1").status_code for _ in range(3)] == [200] * 3
    records = access_records(capsys)
    assert [(r["client_ip"], r["status"]) for r in records] == [
        ("198.51.100.5", 403),
        ("198.51.100.6", 403),
        *[("192.0.2.1", 200)] * 3,  # served requests: every one
    ]
    assert records[0]["refusals_not_logged"] == 0
    monotonic_clock(61)
    assert get(app, "/probe", "198.51.100.5").status_code == 403
    [later] = access_records(capsys)
    assert later["refusals_not_logged"] == 19


def test_every_refusal_is_logged_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    app, _ = filtered_app(IPFILTER_DENY=["198.51.100.0/24"], LOG_FORMAT="json", LOG_REFUSALS_EVERY=0)
    capsys.readouterr()
    for _ in range(5):
        get(app, "/probe", "198.51.100.5")
    assert len(access_records(capsys)) == 5


@pytest.mark.parametrize(
    ("override", "setting"),
    [
        ({"IPFILTER_DENY": ["203.0.113.0/33"]}, "IPFILTER_DENY"),
        ({"IPFILTER_ALLOW": ["not a network"]}, "IPFILTER_ALLOW"),
        ({"IPFILTER_ADMIN_ALLOW": ["10.0.0.0/8", "10.0.0.300"]}, "IPFILTER_ADMIN_ALLOW"),
        ({"IPFILTER_BLOCK_RECHECK": -1}, "IPFILTER_BLOCK_RECHECK"),
        ({"IPFILTER_BLOCK_RECHECK": "5"}, "IPFILTER_BLOCK_RECHECK"),
        ({"LOG_REFUSALS_EVERY": -1}, "LOG_REFUSALS_EVERY"),
    ],
)
def test_a_bad_network_fails_at_start_naming_the_setting(override: dict, setting: str) -> None:
    with pytest.raises(ValueError, match=setting):
        make_app(**override)


def check_ids(monkeypatch: pytest.MonkeyPatch, workers: str, **overrides: Any) -> dict[str, str]:
    monkeypatch.setenv("WEB_CONCURRENCY", workers)
    return deploy_check(**overrides)[1]


def test_an_open_admin_area_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "SFA-I001" not in check_ids(monkeypatch, "1")
    assert check_ids(monkeypatch, "1", IPFILTER_ADMIN_ALLOW=None)["SFA-I001"] == "warning"


def test_per_process_blocks_with_several_workers_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    found = check_ids(monkeypatch, "4")
    if any(f.startswith("SFA-R") for f in found):  # the rate limiter owns the shared storage
        assert "SFA-I002" not in found and found["SFA-R001"] == "error"  # one storage, one finding
    else:
        assert found["SFA-I002"] == "error"  # production refuses to start, as with SFA-R001
        assert "SFA-I002" not in check_ids(monkeypatch, "4", IPFILTER_STORAGE_URI="redis://127.0.0.1:1/0")
