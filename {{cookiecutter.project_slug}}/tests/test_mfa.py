"""MFA (checklist 24-26): TOTP window and replay, lockout, recovery codes, policy, admin gate."""

from __future__ import annotations

import base64
import re
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, func, select, text

from conftest import (
    PASSWORD,
    Account,
    csrf_from,
    deploy_check,
    form_post,
    listening,
    make_app,
    meanwhile,
    shared_database,
    two_workers,
)
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.events import security_event
from {{ cookiecutter.package_name }}.security.login import LoginSession
from {{ cookiecutter.package_name }}.security.mfa import (
    CLOCK,
    RECOVERY_ALPHABET,
    RecoveryCode,
    TotpCredential,
    check_code,
    new_recovery_codes,
)
from {{ cookiecutter.package_name }}.users import User, create_user

KEY = re.compile(r'id="totp-key"[^>]*data-key="([A-Z2-7]+)"')
RECOVERY = re.compile(r"<li><code>([a-z0-9-]+)</code></li>")
START = 1_700_000_000.0  # a fixed instant, 20 s into a 30 s time step


class Clock:
    """A frozen clock the MFA module reads through ``app.extensions["mfa_clock"]``."""

    def __init__(self, t: float = START) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture
def clock(app: Flask) -> Clock:
    app.extensions[CLOCK] = clock = Clock()
    return clock


@pytest.fixture
def events(app: Flask) -> Iterator[list[tuple[str, str]]]:
    seen: list[tuple[str, str]] = []

    def record(sender: Flask, **event: Any) -> None:
        seen.append((event["event"], event["outcome"]))

    security_event.connect(record, sender=app)
    yield seen
    security_event.disconnect(record, sender=app)


def code(secret: str, at: float) -> str:
    return pyotp.TOTP(secret).at(at)


def login(client: FlaskClient, email: str = "alice@example.com", password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return form_post(client, "/auth/login", {"email": email, "password": password, **extra})


def verify(client: FlaskClient, value: str):  # type: ignore[no-untyped-def]
    return form_post(client, "/auth/mfa/verify", {"code": value})


def authenticated(client: FlaskClient) -> bool:
    return client.get("/auth/password").status_code == 200


def enrol(client: FlaskClient, clock: Clock) -> tuple[str, list[str]]:
    """From a logged-in session: scan (read the key), confirm with a code, keep the recovery codes."""
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    secret = KEY.search(page).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/auth/mfa/setup", data={"code": code(secret, clock()), "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    codes = RECOVERY.findall(response.get_data(as_text=True))
    assert len(codes) == 10
    return secret, codes


@pytest.fixture
def enrolled(app: Flask, client: FlaskClient, user: Account, clock: Clock) -> tuple[str, list[str]]:
    """Alice, enrolled, logged out; the clock is one step past her enrolment code."""
    login(client)
    secret, codes = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    clock.advance(30)
    return secret, codes


# --- enrolment ------------------------------------------------------------------------------


def test_the_enrolled_secret_is_ciphertext_in_the_database(
    app: Flask, enrolled: tuple[str, list[str]], user: Account
) -> None:
    """Independent of the crypto module's own test: the secret a user enrolled through the real
    flow is not in the raw table, and only the app's key turns the stored value back into it."""
    secret, _ = enrolled
    with app.app_context():
        stored = db.session.execute(
            text("SELECT secret FROM mfa_totp WHERE user_id = :id"), {"id": user.id}
        ).scalar()
        cipher = app.extensions.get("data_cipher")
        if cipher is None:
            pytest.skip("this project does not encrypt columns (use_encryption is off)")
        assert secret not in stored and stored.startswith("gAAAAA")
        assert cipher.decrypt(stored) == secret


def test_enrolment_page_has_an_inline_svg_qr_code_and_the_key(
    app: Flask, client: FlaskClient, user: Account, clock: Clock
) -> None:
    login(client)
    response = client.get("/auth/mfa/setup")
    page = response.get_data(as_text=True)
    svg = page[page.index("<svg") : page.index("</svg>")]
    # Nothing the strict CSP would block: no inline style, no data: URI, no script.
    assert "style" not in svg and "data:" not in page and "<script>" not in page
    with app.app_context():
        secret = db.session.get(TotpCredential, user.id).secret
    assert KEY.search(page).group(1) == secret  # type: ignore[union-attr]
    assert len(secret) == 32  # 160 bits, as RFC 4226 recommends
    csp = response.headers.get("Content-Security-Policy")
    if csp is not None:
        assert "unsafe-inline" not in csp
    # A reload keeps the same secret, so a scan in progress stays valid.
    assert KEY.search(client.get("/auth/mfa/setup").get_data(as_text=True)).group(1) == secret  # type: ignore[union-attr]


def test_the_set_up_page_loaded_twice_at_once_shows_one_key(tmp_path: Path) -> None:
    """Two loads of the set-up page race (a prefetch and a click): both find no credential, and the
    second insert breaks the one-per-user key. The loser shows the key the winner stored (it was
    a 500)."""
    # Two workers of one deployment: one database, the same keys (the secret may be an encrypted
    # column; the key is harmless where it is not).
    shared = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.db'}",
        "SECRET_KEY": secrets.token_hex(32),
        "DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    }
    app, other = make_app(**shared), make_app(**shared)
    with app.app_context():
        user_id = create_user("alice@example.com", PASSWORD).id
    client = app.test_client()
    assert login(client).status_code == 302
    stored: list[str] = []

    def the_other_load_wins(session: Any, *_: Any) -> None:
        """When this load is about to store its new credential, the other load stores one first."""
        if not stored and any(isinstance(new, TotpCredential) for new in session.new):
            stored.append(pyotp.random_base32())
            with other.app_context():
                db.session.add(TotpCredential(user_id=user_id, secret=stored[0]))
                db.session.commit()

    with listening(db.session, "before_flush", the_other_load_wins):
        page = client.get("/auth/mfa/setup")
    assert stored, "the race did not happen"
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    assert KEY.search(page.get_data(as_text=True)).group(1) == stored[0]  # type: ignore[union-attr]


def test_the_confirmation_sent_twice_at_once_enrols_once_with_the_codes_shown(tmp_path: Path) -> None:
    """The enrolment's confirmation sent twice (a double click, two workers): both requests find no
    device enrolled and the same valid code. The other one enrols first and shows its recovery
    codes; this one is told the device is already on. It used to enrol again and replace the
    stored codes with a second set, so the codes on the page the user kept did not work."""
    shared = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.db'}",
        "SECRET_KEY": secrets.token_hex(32),
        "DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    }
    app, other = make_app(**shared), make_app(**shared)
    app.extensions[CLOCK] = other.extensions[CLOCK] = Clock()
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
        engine = db.engine
    client, second = app.test_client(), other.test_client()
    assert login(client).status_code == 302 and login(second).status_code == 302
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    secret = KEY.search(page).group(1)  # type: ignore[union-attr]
    other_page = second.get("/auth/mfa/setup").get_data(as_text=True)
    first: list[Any] = []

    def the_other_submission_wins(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        """When this request is about to write the device's confirmation, the other one enrols."""
        if not first and statement.lstrip().upper().startswith("UPDATE MFA_TOTP"):
            sent = {"code": code(secret, START), "csrf_token": csrf_from(other_page)}
            first.append(second.post("/auth/mfa/setup", data=sent))

    sent = {"code": code(secret, START), "csrf_token": csrf_from(page)}
    with listening(engine, "before_cursor_execute", the_other_submission_wins):
        late = client.post("/auth/mfa/setup", data=sent)
    assert first and first[0].status_code == 200, "the race did not happen"
    assert late.status_code == 302 and late.headers["Location"].endswith("/auth/mfa/")
    shown = RECOVERY.findall(first[0].get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(RecoveryCode)) == len(shown) == 10
    fresh = app.test_client()
    assert login(fresh).status_code == 302
    assert verify(fresh, shown[0]).status_code == 302  # a code the page showed works


def test_enrolment_needs_a_valid_code(app: Flask, client: FlaskClient, user: Account, clock: Clock) -> None:
    login(client)
    page = client.get("/auth/mfa/setup").get_data(as_text=True)
    secret = KEY.search(page).group(1)  # type: ignore[union-attr]
    wrong = code(secret, clock() + 300)
    response = client.post("/auth/mfa/setup", data={"code": wrong, "csrf_token": csrf_from(page)})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(TotpCredential, user.id).confirmed_at is None


def test_enrolment_requires_login(client: FlaskClient) -> None:
    assert client.get("/auth/mfa/setup").status_code == 302


def test_enrolment_ends_sessions_opened_with_the_password_alone(
    app: Flask, user: Account, clock: Clock
) -> None:
    laptop, stolen = app.test_client(), app.test_client()
    login(laptop)
    login(stolen)  # e.g. an attacker who had the password
    enrol(laptop, clock)
    assert authenticated(laptop)
    assert not authenticated(stolen)


def test_secret_is_stored_through_the_sensitive_column(
    app: Flask, client: FlaskClient, user: Account, clock: Clock
) -> None:
    class Reversing:  # stands in for the encryption control when it is not generated
        def encrypt(self, plaintext: str) -> str:
            return "enc:" + plaintext[::-1]

        def decrypt(self, ciphertext: str) -> str:
            assert ciphertext.startswith("enc:")
            return ciphertext[4:][::-1]

    app.extensions.setdefault("data_cipher", Reversing())
    login(client)
    secret = KEY.search(client.get("/auth/mfa/setup").get_data(as_text=True)).group(1)  # type: ignore[union-attr]
    with app.app_context():
        raw = db.session.execute(text("SELECT secret FROM mfa_totp")).scalar_one()
        assert db.session.get(TotpCredential, user.id).secret == secret
    assert secret not in raw


# --- the second step at login ---------------------------------------------------------------


def test_password_alone_does_not_log_in_an_enrolled_user(
    client: FlaskClient, enrolled: tuple[str, list[str]]
) -> None:
    response = login(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/auth/mfa/verify")
    assert not authenticated(client)
    assert client.get("/account/tokens").status_code == 302


def test_code_completes_the_login_and_keeps_next(
    client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    form_post(
        client, "/auth/login?next=/account/tokens", {"email": "alice@example.com", "password": PASSWORD}
    )
    response = verify(client, code(secret, clock()))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/tokens")
    assert authenticated(client)


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example", "/\\evil.example"])
def test_next_cannot_leave_the_site_through_the_second_step(
    client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock, target: str
) -> None:
    secret, _ = enrolled
    form_post(client, f"/auth/login?next={target}", {"email": "alice@example.com", "password": PASSWORD})
    page = client.get(f"/auth/mfa/verify?next={target}").get_data(as_text=True)
    response = client.post(
        f"/auth/mfa/verify?next={target}", data={"code": code(secret, clock()), "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] in ("/", "https://localhost/")


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(-60, False), (-30, True), (0, True), (30, True), (60, False)],
)
def test_window_is_one_step_either_side(
    client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock, offset: int, accepted: bool
) -> None:
    secret, _ = enrolled
    clock.advance(120)  # clear of the enrolment step, so only the window decides
    login(client)
    response = verify(client, code(secret, clock() + offset))
    assert (response.status_code == 302) is accepted
    assert authenticated(client) is accepted


def test_replayed_code_is_refused(
    app: Flask, client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    used = code(secret, clock())
    login(client)
    assert verify(client, used).status_code == 302
    form_post(client, "/", {}, action="/auth/logout")
    attacker = app.test_client()
    login(attacker)
    assert verify(attacker, used).status_code == 401  # same code, still inside its window
    assert not authenticated(attacker)
    assert verify(attacker, code(secret, clock() - 30)).status_code == 401  # an older step, too
    clock.advance(30)
    assert verify(attacker, code(secret, clock())).status_code == 302  # the next step works


def test_enrolment_code_cannot_be_replayed_at_login(
    app: Flask, client: FlaskClient, user: Account, clock: Clock
) -> None:
    login(client)
    secret, _ = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    login(client)
    assert verify(client, code(secret, clock())).status_code == 401


def enrolled_without_limiter(clock: Clock) -> tuple[Flask, FlaskClient, str]:
    """Alice enrolled and logged out, on an app whose limiter is off (as without use_rate_limiting:
    the per-account counter alone holds); the app, her client and her TOTP secret."""
    app = make_app(RATELIMIT_ENABLED=False)
    app.extensions[CLOCK] = clock
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
    client = app.test_client()
    login(client)
    secret, _ = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    clock.advance(30)
    return app, client, secret


def test_wrong_codes_lock_the_second_factor(clock: Clock) -> None:
    app, client, secret = enrolled_without_limiter(clock)
    login(client)
    wrong = "000000" if code(secret, clock()) != "000000" else "111111"
    for _ in range(app.config["MFA_MAX_ATTEMPTS"]):
        assert verify(client, wrong).status_code == 401
    # Locked: even the right code is refused, so the lock is not an oracle.
    assert verify(client, code(secret, clock())).status_code == 429
    assert not authenticated(client)
    clock.advance(app.config["MFA_LOCKOUT"].total_seconds() + 1)
    login(client)  # the pending login expired meanwhile
    assert verify(client, code(secret, clock())).status_code == 302


@pytest.mark.parametrize("database", ["sqlite file", "postgresql"])
def test_codes_in_flight_when_the_second_factor_locks_get_no_extra_tries(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    """Two wrong codes at once, on two workers, after four: both used to pass the lock check before
    either had failed, so six codes were checked against a limit of five. Each attempt is now
    counted before its code is checked, in the same statement as the lock check: the one over the
    limit is refused as locked."""
    keys = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    url = shared_database(request, tmp_path, database)
    one, two = two_workers(url, RATELIMIT_ENABLED=False, DATA_ENCRYPTION_KEYS=keys)
    clock = Clock()
    one.extensions[CLOCK] = two.extensions[CLOCK] = clock
    with one.app_context():
        create_user("alice@example.com", PASSWORD)
    client, other = one.test_client(), two.test_client()
    login(client)
    secret, _ = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    clock.advance(30)
    assert login(client).status_code == 302 and login(other).status_code == 302
    wrong = "000000" if code(secret, clock()) != "000000" else "111111"
    assert [verify(client, wrong).status_code for _ in range(4)] == [401] * 4
    with meanwhile(one, "UPDATE mfa_totp", lambda: verify(other, wrong)) as others:
        late = verify(client, wrong)
    assert others and others[0] is not None, "the race did not happen"
    assert sorted([others[0].status_code, late.status_code]) == [401, 429]
    assert verify(other, code(secret, clock())).status_code == 429  # locked: the right code too
    for app in (one, two):
        with app.app_context():
            db.engine.dispose()


def test_a_count_left_spent_by_requests_that_died_locks_and_then_expires(clock: Clock) -> None:
    """Attempts are counted before their code is checked: if their requests die before answering
    (a worker killed), the count stays spent with no lock. The next attempt turns it into an
    ordinary lock, which expires, instead of refusing every code for good."""
    app, client, secret = enrolled_without_limiter(clock)
    with app.app_context():
        db.session.execute(text("UPDATE mfa_totp SET failures = :n"), {"n": app.config["MFA_MAX_ATTEMPTS"]})
        db.session.commit()
    login(client)
    assert verify(client, code(secret, clock())).status_code == 429
    clock.advance(app.config["MFA_LOCKOUT"].total_seconds() + 1)
    login(client)
    assert verify(client, code(secret, clock())).status_code == 302


def test_pending_login_expires(client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock) -> None:
    secret, _ = enrolled
    login(client)
    token = csrf_from(client.get("/auth/mfa/verify").get_data(as_text=True))
    clock.advance(client.application.config["MFA_PENDING_TIMEOUT"].total_seconds() + 1)
    response = client.post("/auth/mfa/verify", data={"code": code(secret, clock()), "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/auth/login")
    assert not authenticated(client)


def test_pending_login_dies_with_a_password_change(
    app: Flask, client: FlaskClient, user: Account, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    login(client)
    with app.app_context():
        from {{ cookiecutter.package_name }}.passwords import hash_password

        db.session.get(User, user.id).password_hash = hash_password("a different passphrase")
        db.session.commit()
    verify(client, code(secret, clock()))
    assert not authenticated(client)


def test_remember_me_keeps_both_factors(
    app: Flask, client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    login(client, remember="on")
    verify(client, code(secret, clock()))
    remembered = app.test_client()
    cookie = client.get_cookie(app.config["REMEMBER_COOKIE_NAME"])
    remembered.set_cookie(cookie.key, cookie.value, domain="localhost")
    assert authenticated(remembered)


# --- recovery codes -------------------------------------------------------------------------


def test_recovery_codes_are_random_and_stored_hashed(app: Flask, enrolled: tuple[str, list[str]]) -> None:
    _, codes = enrolled
    assert len(set(codes)) == 10
    for value in codes:
        raw = value.replace("-", "")
        assert len(raw) == 24 and set(raw) <= set(RECOVERY_ALPHABET)  # 24 x 5 = 120 bits
    with app.app_context():
        stored = str(db.session.execute(text("SELECT * FROM mfa_recovery_codes")).all())
    for value in codes:
        assert value not in stored and value.replace("-", "") not in stored


def test_recovery_code_works_once(
    app: Flask,
    client: FlaskClient,
    enrolled: tuple[str, list[str]],
    events: list[tuple[str, str]],
) -> None:
    _, codes = enrolled
    login(client)
    used_one = verify(client, codes[0].upper().replace("-", " "))  # forgiving input
    assert used_one.status_code == 302
    notice = client.get(used_one.headers["Location"]).get_data(as_text=True)
    assert f"You used a recovery code; {len(codes) - 1} left." in notice  # shown after the login
    assert ("mfa_recovery_used", "success") in events
    form_post(client, "/", {}, action="/auth/logout")
    login(client)
    assert verify(client, codes[0]).status_code == 401
    with app.app_context():
        used = db.session.scalars(select(RecoveryCode).where(RecoveryCode.used_at.is_not(None))).all()
    assert len(used) == 1


def test_regenerating_recovery_codes_needs_password_and_totp(
    client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, old = enrolled
    login(client)
    verify(client, code(secret, clock()))
    clock.advance(30)
    refused = form_post(
        client, "/auth/mfa/", {"password": PASSWORD, "code": old[1]}, action="/auth/mfa/recovery-codes"
    )
    assert refused.status_code == 401  # a recovery code cannot mint new ones
    response = form_post(
        client,
        "/auth/mfa/",
        {"password": PASSWORD, "code": code(secret, clock())},
        action="/auth/mfa/recovery-codes",
    )
    assert response.status_code == 200
    new = RECOVERY.findall(response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    form_post(client, "/", {}, action="/auth/logout")
    login(client)
    assert verify(client, old[2]).status_code == 401  # the old set is gone
    assert verify(client, new[0]).status_code == 302


# --- disabling ------------------------------------------------------------------------------


@pytest.mark.parametrize("wrong", ["password", "code"])
def test_disabling_needs_fresh_password_and_code(
    app: Flask, client: FlaskClient, user: Account, enrolled: tuple[str, list[str]], clock: Clock, wrong: str
) -> None:
    secret, _ = enrolled
    login(client)
    verify(client, code(secret, clock()))
    clock.advance(30)
    data = {"password": PASSWORD, "code": code(secret, clock())}
    data[wrong] = "000000" if wrong == "code" else "not the password"
    response = form_post(client, "/auth/mfa/", data, action="/auth/mfa/disable")
    assert response.status_code == 401
    with app.app_context():
        assert db.session.get(TotpCredential, user.id).confirmed_at is not None


def test_disable_then_re_enrol(
    app: Flask,
    client: FlaskClient,
    enrolled: tuple[str, list[str]],
    clock: Clock,
    events: list[tuple[str, str]],
) -> None:
    secret, _ = enrolled
    login(client)
    verify(client, code(secret, clock()))
    clock.advance(30)
    data = {"password": PASSWORD, "code": code(secret, clock())}
    assert form_post(client, "/auth/mfa/", data, action="/auth/mfa/disable").status_code == 302
    assert ("mfa_disable", "success") in events
    with app.app_context():
        assert db.session.scalar(select(RecoveryCode)) is None
    new_secret, _ = enrol(client, clock)
    assert new_secret != secret


def test_cli_reset_removes_the_second_factor(
    app: Flask, client: FlaskClient, enrolled: tuple[str, list[str]]
) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mfa", "reset", "alice@example.com"])
    assert result.exit_code == 0, result.output
    assert login(client).headers["Location"] in ("/", "https://localhost/")  # password alone again
    assert runner.invoke(args=["mfa", "reset", "alice@example.com"]).exit_code != 0
    assert runner.invoke(args=["mfa", "reset", "nobody@example.com"]).exit_code != 0


# --- policy and the admin area --------------------------------------------------------------


def make_admin(app: Flask, email: str = "root@example.com") -> None:
    with app.app_context():
        create_user(email, PASSWORD, role="admin")


def test_admin_without_mfa_is_sent_to_enrolment(app: Flask, client: FlaskClient, clock: Clock) -> None:
    make_admin(app)
    response = login(client, "root@example.com")
    assert response.status_code == 302  # the password step succeeds ...
    for path in ("/admin/", "/account/tokens", "/"):
        gated = client.get(path)  # ... but nothing else until a second factor exists
        assert gated.status_code == 302
        assert "/auth/mfa/setup" in gated.headers["Location"]
    assert client.get("/auth/mfa/setup").status_code == 200
    enrol(client, clock)
    assert client.get("/admin/").status_code == 200


def test_admin_gate_answers_json_clients_with_403(app: Flask, client: FlaskClient) -> None:
    make_admin(app)
    login(client, "root@example.com")
    response = client.get("/admin/", headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.json["status"] == 403


@pytest.mark.parametrize(("policy", "gated"), [("all", True), ("admins", False), ("optional", False)])
def test_policy_decides_for_ordinary_users(policy: str, gated: bool) -> None:
    app = make_app(MFA_REQUIRED=policy)
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
    client = app.test_client()
    login(client)
    response = client.get("/account/tokens")
    assert (response.status_code == 302) is gated
    if gated:
        assert "/auth/mfa/setup" in response.headers["Location"]


def test_every_admin_page_needs_mfa_even_when_optional(clock: Clock) -> None:
    app = make_app(MFA_REQUIRED="optional")
    app.extensions[CLOCK] = clock
    make_admin(app)
    pages = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin") and "GET" in (rule.methods or ()) and not rule.arguments
    ]
    assert "/admin/" in pages  # and the audit trail's page, when that option is on
    client = app.test_client()
    login(client, "root@example.com")
    assert client.get("/account/tokens").status_code == 200  # optional elsewhere
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/auth/mfa/setup" in response.headers["Location"], page
    enrol(client, clock)
    for page in pages:
        assert client.get(page).status_code == 200, page


def test_admin_with_mfa_logs_in_with_both_factors(app: Flask, clock: Clock) -> None:
    make_admin(app)
    client = app.test_client()
    login(client, "root@example.com")
    secret, _ = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    clock.advance(30)
    form_post(client, "/auth/login?next=/admin/", {"email": "root@example.com", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302  # pending: not logged in yet
    response = verify(client, code(secret, clock()))
    assert response.headers["Location"].endswith("/admin/")
    assert client.get("/admin/").status_code == 200


def test_password_session_of_an_enrolled_user_must_step_up(
    app: Flask, client: FlaskClient, enrolled: tuple[str, list[str]], clock: Clock
) -> None:
    secret, _ = enrolled
    login(client)
    verify(client, code(secret, clock()))
    with app.app_context():  # e.g. a session opened by some path that skipped the second step
        db.session.get(LoginSession, db.session.scalars(select(LoginSession.id_hash)).one()).assurance = 1
        db.session.commit()
    response = client.get("/account/tokens")
    assert response.status_code == 302 and "/auth/mfa/verify" in response.headers["Location"]
    clock.advance(30)
    assert verify(client, code(secret, clock())).status_code == 302
    assert client.get("/account/tokens").status_code == 200


@pytest.mark.parametrize("with_mfa", [True, False])
def test_a_signed_in_page_reads_session_user_and_second_factor_in_one_select(
    app: Flask, client: FlaskClient, user: Account, clock: Clock, with_mfa: bool
) -> None:
    login(client)
    if with_mfa:
        enrol(client, clock)
    seen: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda _c, _k, sql, *_: seen.append(sql))
    assert client.get("/").status_code == 200
    reads = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    touching = [sql for sql in reads if "login_sessions" in sql or "mfa_totp" in sql]
    assert len(touching) == 1, touching  # the gate asked the lookup's row, not the database again
    assert "mfa_totp" in touching[0] and "login_sessions" in touching[0]


def test_password_change_keeps_the_second_factor(app: Flask, clock: Clock) -> None:
    make_admin(app)
    client = app.test_client()
    login(client, "root@example.com")
    enrol(client, clock)
    data = {"current_password": PASSWORD, "new_password": "another long passphrase"}
    assert form_post(client, "/auth/password", data).status_code == 302
    assert client.get("/admin/").status_code == 200


# --- events, settings and checks ------------------------------------------------------------


def test_mfa_events_are_emitted(
    client: FlaskClient, user: Account, clock: Clock, events: list[tuple[str, str]]
) -> None:
    login(client)
    secret, _ = enrol(client, clock)
    form_post(client, "/", {}, action="/auth/logout")
    login(client)
    verify(client, "000000" if code(secret, clock()) != "000000" else "111111")
    clock.advance(30)
    verify(client, code(secret, clock()))
    for expected in [
        ("mfa_enrol", "success"),
        ("login", "pending"),
        ("mfa_verify", "failure"),
        ("mfa_verify", "success"),
        ("login", "success"),
    ]:
        assert expected in events


def test_invalid_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="MFA_REQUIRED"):
        make_app(MFA_REQUIRED="sometimes")


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"MFA_REQUIRED": "optional"}, "SFA-A003"),
        ({"MFA_TOTP_WINDOW": 3}, "SFA-A004"),
        ({"MFA_MAX_ATTEMPTS": 50}, "SFA-A005"),
    ],
)
def test_each_weak_mfa_setting_is_reported(override: dict[str, Any], finding: str) -> None:
    def ids(**settings: Any) -> set[str]:
        return set(deploy_check(**settings)[1])

    assert finding not in ids()
    assert finding in ids(**override)


# --- the replay guard under concurrency, on the real PostgreSQL server ---------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("kind", ["totp", "recovery_code"])
def test_concurrent_uses_of_one_code_on_postgresql(postgres_url: str, kind: str) -> None:
    """Eight requests race with the same code: the conditional UPDATE lets exactly one through."""
    app = make_app(SQLALCHEMY_DATABASE_URI=postgres_url)
    app.extensions[CLOCK] = clock = Clock()
    with app.app_context():
        user_id = create_user("race@example.com", PASSWORD).id
        db.session.add(TotpCredential(user_id=user_id, secret=pyotp.random_base32()))
        db.session.commit()
        cred = db.session.get(TotpCredential, user_id)
        cred.confirmed_at = cred.created_at
        db.session.commit()
        value = code(cred.secret, clock()) if kind == "totp" else new_recovery_codes(user_id)[0]
    barrier = threading.Barrier(8)
    verdicts: list[str | None] = []

    def attempt() -> None:
        with app.app_context():
            cred = db.session.get(TotpCredential, user_id)
            barrier.wait()
            verdicts.append(check_code(cred, value, "login").method)
            db.session.remove()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(verdicts, key=str) == [None] * 7 + [kind]
    with app.app_context():
        db.engine.dispose()
