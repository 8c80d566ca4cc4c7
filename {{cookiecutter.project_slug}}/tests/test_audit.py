"""Audit trail (checklist 36, 38): every security event, hash-chained; tampering is detected."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text

from conftest import PASSWORD, assert_reported, form_post, make_app, production_settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.events import emit
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError, audit
from {{ cookiecutter.package_name }}.security.tokens import create_token
from {{ cookiecutter.package_name }}.users import create_user

KEY = secrets.token_urlsafe(32)


def audit_app(tmp_path: Path | None = None, **overrides: Any) -> Flask:
    """An app with a keyed chain; each refusal its own record unless a test asks for aggregates."""
    if tmp_path is not None:  # a file, so that several apps (and threads) share one database
        overrides.setdefault("SQLALCHEMY_DATABASE_URI", f"sqlite:///{tmp_path / 'audit.db'}")
    return make_app(**({"AUDIT_HMAC_KEYS": KEY, "AUDIT_AGGREGATE_WINDOW": 0} | overrides))


def emit_events(app: Flask, count: int = 5, event: str = "login") -> None:
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "203.0.113.5"}):
        app.preprocess_request()
        for i in range(count):
            emit(event, "failure", None, email=f"user{i}@example.com")


def stored(app: Flask) -> list[dict[str, Any]]:
    with app.app_context():
        return list(audit.stored_records())


def sql(app: Flask, statement: str, **params: Any) -> None:
    with app.app_context():
        db.session.execute(text(statement), params)
        db.session.commit()


def verify(app: Flask, *args: str) -> Any:
    return app.test_cli_runner().invoke(args=["audit", "verify", *args])


# --- what is recorded ----------------------------------------------------------------------------


def test_each_security_event_becomes_a_chained_record() -> None:
    app = audit_app()
    with app.test_request_context(
        "/", headers={"X-Request-ID": "req-0123456789"}, environ_base={"REMOTE_ADDR": "203.0.113.5"}
    ):
        app.preprocess_request()
        emit("login", "failure", 7, email="alice@example.com", password="must not be stored")
        emit("logout", "success", 7)
    first, second = stored(app)
    assert (first["seq"], first["event"], first["outcome"], first["user_id"]) == (1, "login", "failure", 7)
    assert first["client_ip"] == "203.0.113.5" and first["request_id"] == "req-0123456789"
    assert first["details"] == {"email": "alice@example.com", "password": "[REDACTED]"}
    assert first["time"].endswith("+00:00")
    assert first["key_id"] == audit.key_id(KEY) != audit.UNKEYED
    assert first["prev_hash"] == audit.GENESIS and second["prev_hash"] == first["hash"]
    assert first["hash"] == audit.digest(first, KEY)


def test_events_from_real_flows_are_recorded(app: Flask) -> None:
    with app.app_context():
        user_id = create_user("alice@example.com", PASSWORD).id
        create_token(user_id, "audit test", ["ai:predict"])
    client = app.test_client()
    expected = ["token_create"]
    if "auth.login" in app.view_functions:
        form_post(client, "/auth/login", {"email": "alice@example.com", "password": "not the password"})
        form_post(client, "/auth/login", {"email": "alice@example.com", "password": PASSWORD})
        expected += ["login", "login"]
    events = [(r["event"], r["outcome"]) for r in stored(app)]
    assert [e for e, _ in events] == expected
    assert verify(app).exit_code == 0


def test_verify_passes_on_an_intact_chain() -> None:
    app = audit_app()
    emit_events(app, 5)
    result = verify(app)
    assert result.exit_code == 0
    assert "OK: 5 record(s) verified." in result.output


def test_verify_passes_on_an_empty_chain() -> None:
    assert "OK: 0 record(s)" in verify(audit_app()).output


# --- tampering (checklist 38) -------------------------------------------------------------------


# --8<-- [start:edit]
def test_an_edited_record_is_detected_and_named() -> None:
    app = audit_app()
    emit_events(app, 5)
    sql(app, "UPDATE audit_events SET outcome = 'success' WHERE seq = 3")
    result = verify(app)
    assert result.exit_code == 1
    assert "BROKEN at record 3: record 3 does not match its hash: it was edited" in result.output
    assert "2 record(s) before it verified" in result.output


# --8<-- [end:edit]


def test_an_edit_with_a_recomputed_plain_hash_is_still_detected() -> None:
    app = audit_app()
    emit_events(app, 5)
    record = stored(app)[2] | {"outcome": "success"}
    forged = hashlib.sha256(audit.canonical(record)).hexdigest()  # no key: the attacker's best
    sql(app, "UPDATE audit_events SET outcome = 'success', hash = :h WHERE seq = 3", h=forged)
    assert "BROKEN at record 3" in verify(app).output


def test_an_edit_signed_with_a_guessed_key_is_detected() -> None:
    """Independent of the plain-hash test above: the attacker recomputes the record's HMAC with a
    key of their own and keeps the key id; without the real key the record does not verify."""
    app = audit_app()
    emit_events(app, 3)
    record = stored(app)[1]
    record["details"] = {"email": "someone-else@example.com"}
    forged = audit.digest(record, secrets.token_urlsafe(32))
    assert forged != audit.digest(record, KEY)
    sql(
        app,
        "UPDATE audit_events SET details = :details, hash = :hash WHERE seq = 2",
        details=json.dumps(record["details"]),
        hash=forged,
    )
    result = verify(app)
    assert result.exit_code == 1 and "record 2 does not match its hash" in result.output


def test_unkeyed_chains_only_detect_naive_edits() -> None:
    # Without AUDIT_HMAC_KEYS (development) a rewrite of one record and its hash shows only at the
    # next link, and a rewrite of everything after it would pass: production requires the key.
    app = audit_app(AUDIT_HMAC_KEYS=None)
    emit_events(app, 5)
    record = stored(app)[2] | {"outcome": "success"}
    sql(
        app,
        "UPDATE audit_events SET outcome = 'success', hash = :h WHERE seq = 3",
        h=audit.digest(record, None),
    )
    result = verify(app)
    assert "BROKEN at record 4: record 4 does not link to record 3" in result.output
    assert "record(s) are unkeyed" in result.output


# --8<-- [start:delete]
def test_a_deleted_record_is_detected() -> None:
    app = audit_app()
    emit_events(app, 5)
    sql(app, "DELETE FROM audit_events WHERE seq = 3")
    result = verify(app)
    assert result.exit_code == 1
    assert "BROKEN at record 3: record 3 is missing (deleted)" in result.output


# --8<-- [end:delete]


def test_deleting_the_newest_records_is_detected_by_the_chain_head() -> None:
    app = audit_app()
    emit_events(app, 5)
    sql(app, "DELETE FROM audit_events WHERE seq >= 4")
    result = verify(app)
    assert result.exit_code == 1
    assert "the chain head names record 5 but the last record is 3" in result.output


def test_truncation_with_a_forged_head_is_caught_by_an_anchor() -> None:
    app = audit_app()
    emit_events(app, 5)
    records = stored(app)
    sql(app, "DELETE FROM audit_events WHERE seq >= 4")
    sql(app, "UPDATE audit_chain_head SET seq = 3, hash = :h", h=records[2]["hash"])
    # The limit of any self-contained chain: a clean cut at the end, head included, verifies...
    assert verify(app).exit_code == 0
    # ...so compare with a link copied elsewhere: every append logs its seq and hash.
    result = verify(app, "--anchor", f"5:{records[4]['hash']}")
    assert result.exit_code == 1 and "record 5 of the anchor is gone" in result.output


def test_a_reordered_chain_is_detected() -> None:
    app = audit_app()
    emit_events(app, 3)
    sql(app, "UPDATE audit_events SET seq = seq + 10")
    sql(app, "UPDATE audit_events SET seq = 1 WHERE seq = 12")
    sql(app, "UPDATE audit_events SET seq = 2 WHERE seq = 11")
    sql(app, "UPDATE audit_events SET seq = 3 WHERE seq = 13")
    assert "BROKEN at record 1" in verify(app).output


def test_an_unkeyed_record_after_keyed_ones_is_a_downgrade(tmp_path: Path) -> None:
    keyed = audit_app(tmp_path)
    emit_events(keyed, 2)
    emit_events(audit_app(tmp_path, AUDIT_HMAC_KEYS=None), 1)  # forged without the key
    result = verify(keyed)
    assert result.exit_code == 1 and "record 3 is unkeyed after keyed records" in result.output


def test_a_chain_rewritten_without_the_key_fails_where_a_key_is_set(tmp_path: Path) -> None:
    emit_events(audit_app(tmp_path, AUDIT_HMAC_KEYS=None), 3)  # e.g. a table replaced wholesale
    keyed = audit_app(tmp_path)
    result = verify(keyed)
    assert result.exit_code == 1 and "record 1 is unkeyed although AUDIT_HMAC_KEYS is set" in result.output
    # A chain that really began before the key was set can be accepted explicitly.
    assert verify(keyed, "--allow-unkeyed").exit_code == 0


def test_verify_failure_is_itself_an_event() -> None:
    app = audit_app()
    emit_events(app, 2)
    sql(app, "UPDATE audit_events SET event = 'nothing' WHERE seq = 1")
    verify(app)
    assert stored(app)[-1]["event"] == "audit_verify"


# --- keys ----------------------------------------------------------------------------------------


def test_the_audit_key_can_be_rotated(tmp_path: Path) -> None:
    old_key, new_key = KEY, secrets.token_urlsafe(32)
    emit_events(audit_app(tmp_path, AUDIT_HMAC_KEYS=old_key), 2)
    rotated = audit_app(tmp_path, AUDIT_HMAC_KEYS=f"{new_key},{old_key}")
    emit_events(rotated, 2)
    assert [r["key_id"] for r in stored(rotated)] == [audit.key_id(old_key)] * 2 + [audit.key_id(new_key)] * 2
    assert verify(rotated).exit_code == 0
    without_old = audit_app(tmp_path, AUDIT_HMAC_KEYS=new_key)
    result = verify(without_old)
    assert result.exit_code == 1 and "record 1 is signed with an unknown key" in result.output


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"AUDIT_HMAC_KEYS": None}, "SFA-U001"),
        ({"AUDIT_HMAC_KEYS": "SECRET_KEY"}, "SFA-U002"),  # the app's SECRET_KEY, set below
        ({"AUDIT_HMAC_KEYS": "too-short"}, "SFA-U003"),
    ],
)
def test_each_broken_audit_setting_is_reported(override: dict, finding: str) -> None:
    if override["AUDIT_HMAC_KEYS"] == "SECRET_KEY":
        shared = secrets.token_urlsafe(64)
        override = {"SECRET_KEY": shared, "AUDIT_HMAC_KEYS": shared}
    assert_reported(finding, **override)


def test_production_refuses_to_start_without_an_audit_key() -> None:
    with pytest.raises(UnsafeConfigurationError, match="AUDIT_HMAC_KEYS"):
        create_app(production_settings(AUDIT_HMAC_KEYS=None))


# --- export --------------------------------------------------------------------------------------


def test_export_writes_json_lines_that_verify_offline(tmp_path: Path) -> None:
    app = audit_app()
    emit_events(app, 4)
    result = app.test_cli_runner().invoke(args=["audit", "export"])
    lines = result.output.splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert set(first) == {*audit.FIELDS, "hash"}
    export = tmp_path / "audit.jsonl"
    export.write_text(result.output, encoding="utf-8")
    assert verify(app, "--file", str(export)).exit_code == 0
    since = app.test_cli_runner().invoke(args=["audit", "export", "--since", "2"])
    assert [json.loads(line)["seq"] for line in since.output.splitlines()] == [3, 4]

    export.write_text(result.output + lines[1] + "\n", encoding="utf-8")  # a record replayed
    assert "record 2 appears twice or out of order" in verify(app, "--file", str(export)).output

    tampered = [json.loads(line) for line in lines]
    tampered[1]["details"]["email"] = "someone-else@example.com"
    export.write_text("".join(json.dumps(r) + "\n" for r in tampered), encoding="utf-8")
    check = verify(app, "--file", str(export))
    assert check.exit_code == 1 and "record 2 does not match its hash" in check.output


# --- concurrency: two workers appending at once must not fork the chain ----------------------------


def append_concurrently(app: Flask, workers: int, each: int) -> None:
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    def work(worker: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for i in range(each):
                    audit.append("load", "success", None, {"worker": worker, "i": i})
        except BaseException as exc:  # surface any thread's failure in the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def test_concurrent_appends_on_sqlite_keep_one_chain(tmp_path: Path) -> None:
    app = audit_app(tmp_path)
    append_concurrently(app, workers=4, each=10)
    records = stored(app)
    assert [r["seq"] for r in records] == list(range(1, 41))
    assert len({r["prev_hash"] for r in records}) == 40  # nobody linked to the same predecessor
    assert verify(app).exit_code == 0


@pytest.mark.postgres
def test_concurrent_appends_on_postgresql_keep_one_chain(postgres_url: str) -> None:
    app = audit_app(SQLALCHEMY_DATABASE_URI=postgres_url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 10})
    append_concurrently(app, workers=8, each=15)
    records = stored(app)
    assert [r["seq"] for r in records] == list(range(1, 121))
    assert len({r["prev_hash"] for r in records}) == 120
    result = verify(app)
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


def test_a_refused_append_waits_in_the_outbox_and_is_drained_in_order(tmp_path: Path) -> None:
    """The database refuses (its chain head is gone): the request goes on, the record waits in the
    fsynced outbox, and once the database takes appends again it is drained before the newer one."""
    app = audit_app(tmp_path)
    emit_events(app, 1, event="first")
    sql(app, "ALTER TABLE audit_chain_head RENAME TO head_away")
    emit_events(app, 2, event="while_down")  # no exception reaches the caller
    box = audit.outbox(app)
    assert box.pending() == 2 and stored(app)[-1]["event"] == "first"
    sql(app, "ALTER TABLE head_away RENAME TO audit_chain_head")
    emit_events(app, 1, event="after")
    assert [r["event"] for r in stored(app)] == ["first", "while_down", "while_down", "after"]
    assert box.pending() == 0 and verify(app).exit_code == 0
    times = [r["time"] for r in stored(app)]
    assert times == sorted(times)  # each keeps when it happened


def test_flask_audit_drain_appends_what_waits(tmp_path: Path) -> None:
    app = audit_app(tmp_path)
    sql(app, "ALTER TABLE audit_chain_head RENAME TO head_away")
    emit_events(app, 3)
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["audit", "drain"])
    assert refused.exit_code == 1 and "3 wait" in refused.output
    sql(app, "ALTER TABLE head_away RENAME TO audit_chain_head")
    assert "3 record(s) wait in the outbox" in verify(app).output
    drained = runner.invoke(args=["audit", "drain"])
    assert drained.exit_code == 0 and "Appended 3 record(s)" in drained.output
    assert len(stored(app)) == 3 and verify(app).exit_code == 0


def test_without_database_or_outbox_the_request_fails_closed(tmp_path: Path) -> None:
    """Neither place can keep the record: the action is refused (503), never done unrecorded."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the outbox's folder should be")
    app = audit_app(tmp_path, AUDIT_OUTBOX=str(blocked / "outbox.jsonl"))

    @app.get("/act")
    def act() -> str:
        emit("admin_action", "success", None, action="something that must be recorded")
        return "done"

    sql(app, "ALTER TABLE audit_chain_head RENAME TO head_away")
    response = app.test_client().get("/act", headers={"Accept": "application/json"})
    assert response.status_code == 503 and response.json["status"] == 503
    assert int(response.headers["Retry-After"]) > 0


def test_an_event_while_the_request_holds_sqlite_s_write_lock_is_recorded_without_waiting(
    tmp_path: Path,
) -> None:
    """A request that has written (not yet committed) and then emits: SQLite's write lock is its
    own, so an append on another connection would wait for itself until SQLite gives up (this held
    an append 15 s, then dropped it). The record is written to the outbox and appended as soon as
    the request's session has ended, committed or not."""
    import time

    from {{ cookiecutter.package_name }}.users import User

    app = audit_app(tmp_path)
    with app.app_context():
        create_user("writer@example.com", PASSWORD)

    @app.get("/write-then-refuse")
    def write_then_refuse() -> tuple[str, int]:
        db.session.execute(db.update(User).values(active=True))  # holds the write lock
        emit("guardrail_block", "refused", None, reasons=["test"])
        db.session.commit()
        return "refused", 422

    @app.get("/write-then-fail")
    def write_then_fail() -> str:
        db.session.execute(db.update(User).values(active=True))
        emit("guardrail_block", "refused", None, reasons=["rolled back"])
        raise RuntimeError("the request's own work is rolled back; the record is not")

    client = app.test_client()
    started = time.monotonic()
    assert client.get("/write-then-refuse").status_code == 422
    assert client.get("/write-then-fail", headers={"Accept": "application/json"}).status_code == 500
    assert time.monotonic() - started < 3
    assert [r["details"]["reasons"] for r in stored(app)] == [["test"], ["rolled back"]]
    assert audit.outbox(app).pending() == 0 and verify(app).exit_code == 0


def test_anonymous_refusals_are_aggregated_and_their_counts_survive(
    monotonic_clock: Callable[[float], None],
) -> None:
    """200 refusals of one kind from one client that is not logged in: one record for the first,
    one aggregate for the rest when the window ends; the counts sum to 200."""
    app = audit_app(AUDIT_AGGREGATE_WINDOW=60)
    emit_events(app, 200, event="token_auth")
    assert [r["event"] for r in stored(app)] == ["token_auth"]  # the first, at once
    monotonic_clock(61)  # the window ends; the next request's end records the aggregate
    with app.test_request_context("/"):
        app.preprocess_request()
    records = stored(app)
    assert len(records) == 2 and records[1]["details"]["aggregate"] is True
    assert records[1]["client_ip"] == "203.0.113.5" and records[1]["event"] == "token_auth"
    assert sum(r["details"].get("count", 1) for r in records) == 200
    assert records[1]["details"]["first"] <= records[1]["details"]["last"]
    assert verify(app).exit_code == 0


def test_refusals_of_logged_in_users_and_of_other_clients_are_kept_apart(
    monotonic_clock: Callable[[float], None],
) -> None:
    app = audit_app(AUDIT_AGGREGATE_WINDOW=60)
    emit_events(app, 3, event="csrf")
    with app.test_request_context("/", environ_base={"REMOTE_ADDR": "198.51.100.9"}):
        app.preprocess_request()
        emit("csrf", "failure", None)
    emit_events(app, 1, event="login")  # another kind: a window of its own
    with app.test_request_context("/"):
        emit("token_auth", "failure", 7)  # a known user: always its own record
        emit("token_auth", "failure", 7)
    assert [(r["event"], r["client_ip"]) for r in stored(app)] == [
        ("csrf", "203.0.113.5"),
        ("csrf", "198.51.100.9"),
        ("login", "203.0.113.5"),
        ("token_auth", None),
        ("token_auth", None),
    ]
    monotonic_clock(61)
    emit_events(app, 1, event="other")
    aggregate = [r for r in stored(app) if r["details"].get("aggregate")]
    assert [(r["event"], r["details"]["count"]) for r in aggregate] == [("csrf", 2)]


def test_open_aggregates_are_recorded_when_the_worker_stops() -> None:
    app = audit_app(AUDIT_AGGREGATE_WINDOW=60)
    emit_events(app, 5, event="token_auth")
    audit._flush_at_exit(weakref.ref(app))  # what atexit runs in a stopping worker
    assert sum(r["details"].get("count", 1) for r in stored(app)) == 5


# --- the admin page ------------------------------------------------------------------------------


def log_in(app: Flask, email: str, role: str = "user") -> Any:
    with app.app_context():
        create_user(email, PASSWORD, role=role)
    client = app.test_client()
    assert form_post(client, "/auth/login", {"email": email, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def page_app() -> Flask:
    """The audit page on its own: the second factor it also requires is tested below."""
    app = audit_app(MFA_REQUIRED="optional")
    if "auth.login" not in app.view_functions:
        pytest.skip("no browser login in this variant (use_login=false): nobody can be an admin")
    app.extensions.pop("second_factor_gate", None)
    return app


def test_audit_page_needs_the_second_factor_when_mfa_is_present() -> None:
    app = audit_app(MFA_REQUIRED="optional")
    if "second_factor_gate" not in app.extensions:
        pytest.skip("no MFA control in this variant (use_mfa=false): the admin role suffices")
    response = log_in(app, "root@example.com", role="admin").get("/admin/audit/")
    assert response.status_code in (302, 403)
    assert response.headers.get("Location", "/auth/mfa").startswith("/auth/mfa")


def test_audit_page_needs_a_login() -> None:
    app = audit_app()
    response = app.test_client().get("/admin/audit/")
    if "auth.login" in app.view_functions:
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == 401
    api = app.test_client().get("/admin/audit/", headers={"Accept": "application/json"})
    assert api.status_code == 401


def test_audit_page_refuses_non_admins(page_app: Flask) -> None:
    client = log_in(page_app, "bob@example.com")
    assert client.get("/admin/audit/").status_code == 403
    assert stored(page_app)[-1]["event"] == "admin_access"


def test_audit_page_refuses_api_tokens_even_an_admins(page_app: Flask) -> None:
    with page_app.app_context():
        admin = create_user("root@example.com", PASSWORD, role="admin")
        _, token = create_token(admin.id, "t", ["ai:predict"])
    response = page_app.test_client().get(
        "/admin/audit/", headers={"Authorization": f"Bearer {token}", "Accept": "application/json"}
    )
    assert response.status_code == 401


def test_audit_page_lists_recent_events_for_admins_inertly(page_app: Flask) -> None:
    with page_app.test_request_context("/"):
        emit("guardrail", "blocked", None, prompt="<script>alert(1)</script>")
    client = log_in(page_app, "root@example.com", role="admin")
    response = client.get("/admin/audit/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "guardrail" in html and "blocked" in html and "login" in html
    assert "<script>alert(1)" not in html  # details are data, never markup
    filtered = client.get("/admin/audit/?event=guardrail").get_data(as_text=True)
    assert "guardrail" in filtered and ">login<" not in filtered
    assert stored(page_app)[-1]["event"] == "audit_view"


def test_audit_page_pages_back(page_app: Flask) -> None:
    page_app.config["AUDIT_PAGE_SIZE"] = 3
    emit_events(page_app, 5, event="probe")
    client = log_in(page_app, "root@example.com", role="admin")
    first = client.get("/admin/audit/?event=probe").get_data(as_text=True)
    assert "Older events" in first
    older = client.get("/admin/audit/?event=probe&before=3").get_data(as_text=True)
    assert older.count(">probe<") == 2
