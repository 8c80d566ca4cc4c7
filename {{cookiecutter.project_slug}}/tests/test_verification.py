"""Proof of an address, attacked: registration links (reused, expired, tampered, cross-user,
pre-fetched, from a forged Host), a pre-registered address taken back by its owner, the resend's
limits, and the change of address (re-authentication, notices, reused and stale links)."""

from __future__ import annotations

import secrets
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from conftest import PASSWORD, csrf_from, form_post, make_app, meanwhile
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.mail import postman
from {{ cookiecutter.package_name }}.security.recovery import make_token
from {{ cookiecutter.package_name }}.security.verification import INVALID, RESENT, pending
from {{ cookiecutter.package_name }}.users import User, create_user, find_by_email
from smtp import Inbox, body, local, login, mailed_link, signed_in, smtp_server

NEW_PASSWORD = "a brand new passphrase for carol"


@pytest.fixture
def inbox(tmp_path: Path) -> Iterator[Inbox]:
    with smtp_server(tmp_path) as server:
        yield server


def mailing(inbox: Inbox, **overrides: Any) -> Flask:
    """An app sending through ``inbox``'s server, with Alice's confirmed account (made by the CLI)."""
    app = make_app(**inbox.settings(PUBLIC_URL="https://app.test", **overrides))
    with app.app_context():
        create_user("alice@example.com", PASSWORD)
    return app


@pytest.fixture
def app(inbox: Inbox) -> Flask:
    return mailing(inbox)


def register(
    client: FlaskClient, email: str = "carol@example.com", password: str = PASSWORD, **kw: Any
) -> Any:
    return form_post(client, "/auth/register", {"email": email, "password": password}, **kw)


def confirm_link(app: Flask, inbox: Inbox, email: str = "carol@example.com") -> str:
    return mailed_link(app, inbox, email, "/auth/confirm")


def follow(client: FlaskClient, link: str, path: str) -> Any:
    """Open a mailed link, then press the page's button, as its owner does."""
    opened = client.get(local(link))
    if opened.status_code != 303:
        return opened
    assert opened.headers["Location"] == path  # the token left the URL
    page = client.get(path).get_data(as_text=True)
    return client.post(path, data={"csrf_token": csrf_from(page)})


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def test_a_new_account_cannot_log_in_until_its_address_is_confirmed(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    answer = register(client)
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/auth/login")
    refused = login(client, "carol@example.com")
    assert refused.status_code == 403 and "Confirm your address first" in refused.get_data(as_text=True)
    assert not signed_in(client)
    link = confirm_link(app, inbox)
    assert link.startswith("https://app.test/auth/confirm?token=")
    done = follow(client, link, "/auth/confirm")
    assert done.status_code == 303 and done.headers["Location"].endswith("/auth/login")
    assert not signed_in(client)  # a link never signs in
    assert login(client, "carol@example.com").status_code == 302 and signed_in(client)


def test_opening_the_link_confirms_nothing_until_the_button_is_pressed(
    app: Flask, client: FlaskClient, inbox: Inbox
) -> None:
    """A mail scanner that pre-fetches the link (a GET, following redirects) confirms nothing:
    otherwise whoever registered somebody else's address would have it confirmed by their scanner."""
    register(client)
    scanner = app.test_client()
    opened = scanner.get(local(confirm_link(app, inbox)), follow_redirects=True)
    assert opened.status_code == 200
    with app.app_context():
        user = find_by_email("carol@example.com")
        assert user is not None and pending(user.id) is not None
    assert login(client, "carol@example.com").status_code == 403


def test_a_confirmation_link_works_once(app: Flask, client: FlaskClient, inbox: Inbox) -> None:
    register(client)
    link = confirm_link(app, inbox)
    assert follow(client, link, "/auth/confirm").status_code == 303
    again = app.test_client().get(local(link))
    assert again.status_code == 400 and INVALID in again.get_data(as_text=True)


def test_an_expired_confirmation_link_is_refused(
    app: Flask, client: FlaskClient, inbox: Inbox, clock: Callable[[float], None]
) -> None:
    register(client)
    link = confirm_link(app, inbox)
    clock(24 * 3600 + 1)
    assert client.get(local(link)).status_code == 400
    assert login(client, "carol@example.com").status_code == 403


@pytest.mark.parametrize("position", [5, -5])
def test_a_tampered_confirmation_link_is_refused(
    app: Flask, client: FlaskClient, inbox: Inbox, position: int
) -> None:
    register(client)
    token = token_of(confirm_link(app, inbox))
    flipped = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]
    assert client.get(f"/auth/confirm?token={flipped}").status_code == 400


def test_one_accounts_link_cannot_confirm_another(app: Flask, client: FlaskClient, inbox: Inbox) -> None:
    """Dave registers his own address and puts the id of Carol's account (also pending) in his
    token's payload: the signature is his, so it confirms nothing."""
    register(client)
    register(app.test_client(), "dave@example.com")
    token = token_of(confirm_link(app, inbox, "dave@example.com"))
    with app.app_context():
        carol = find_by_email("carol@example.com")
        assert carol is not None
    forged = URLSafeTimedSerializer("x").dump_payload(carol.id).decode().split(".")[0]
    assert client.get(f"/auth/confirm?token={forged}.{token.split('.', 1)[1]}").status_code == 400
    assert login(client, "carol@example.com").status_code == 403


def test_the_confirmation_link_ignores_a_forged_host(inbox: Inbox) -> None:
    app = mailing(inbox, TRUSTED_HOSTS=["localhost", "evil.test"])
    client = app.test_client()
    page = client.get("/auth/register", base_url="https://evil.test")
    client.post(
        "/auth/register",
        base_url="https://evil.test",
        headers={"X-Forwarded-Host": "evil.test", "Referer": "https://evil.test/auth/register"},
        data={
            "email": "carol@example.com",
            "password": PASSWORD,
            "csrf_token": csrf_from(page.get_data(as_text=True)),
        },
    )
    link = confirm_link(app, inbox)
    assert link.startswith("https://app.test/") and "evil" not in link


def test_registering_a_taken_address_answers_the_same_and_mails_its_owner_no_link(
    app: Flask, inbox: Inbox
) -> None:
    new, taken = register(app.test_client()), register(app.test_client(), "alice@example.com")
    assert (new.status_code, new.headers["Location"]) == (taken.status_code, taken.headers["Location"])
    assert postman(app).drain()
    [notice] = inbox.to("alice@example.com")
    assert "someone tried to register" in notice["Subject"] and "/auth/confirm" not in body(notice)


def test_new_and_taken_addresses_register_in_the_same_time(inbox: Inbox) -> None:
    """Medians of 30 registrations each, interleaved: a taken address is hashed like a new one,
    and both mails go out on the background thread. A new account writes two rows that a taken
    address does not (1-2 ms here); the bound catches what would tell them apart by far, such
    as a mail sent during the request (25 ms to a server on loopback). (Limits off.)"""
    app = mailing(inbox, RATELIMIT_ENABLED=False)
    client = app.test_client()
    token = csrf_from(client.get("/auth/register").get_data(as_text=True))
    count = iter(range(1000))

    def timed(email: str) -> float:
        started = time.perf_counter()
        response = client.post(
            "/auth/register", data={"email": email, "password": PASSWORD, "csrf_token": token}
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 302
        return elapsed

    for _ in range(5):  # warm both paths
        timed(f"new{next(count)}@example.com"), timed("alice@example.com")
    new, taken = [], []
    for _ in range(30):
        new.append(timed(f"new{next(count)}@example.com"))
        taken.append(timed("alice@example.com"))
    gap_ms = abs(statistics.median(new) - statistics.median(taken)) * 1000
    print(f"medians of 30: new {statistics.median(new) * 1000:.2f} ms, taken "
          f"{statistics.median(taken) * 1000:.2f} ms")  # fmt: skip
    assert gap_ms < 10, f"medians differ by {gap_ms:.2f} ms"
    assert postman(app).drain()


def test_the_owner_takes_back_an_address_someone_registered_first(app: Flask, inbox: Inbox) -> None:
    """Account pre-hijacking: Mallory registers Carol's address with his password. Carol cannot
    confirm what she did not register, but a password reset proves her mailbox: it confirms the
    address, and Mallory's password no longer opens anything."""
    mallory = app.test_client()
    register(mallory, password="mallory's own passphrase")
    assert login(mallory, "carol@example.com", "mallory's own passphrase").status_code == 403
    carol = app.test_client()
    form_post(carol, "/auth/forgot", {"email": "carol@example.com"})
    reset = mailed_link(app, inbox, "carol@example.com", "/auth/reset")
    opened = carol.get(local(reset))
    page = carol.get(opened.headers["Location"]).get_data(as_text=True)
    carol.post("/auth/reset", data={"new_password": NEW_PASSWORD, "csrf_token": csrf_from(page)})
    assert login(mallory, "carol@example.com", "mallory's own passphrase").status_code == 401
    assert login(carol, "carol@example.com", NEW_PASSWORD).status_code == 302 and signed_in(carol)


def test_a_new_link_answers_the_same_for_every_address_and_goes_only_to_a_pending_one(
    app: Flask, inbox: Inbox
) -> None:
    register(app.test_client())
    assert postman(app).drain()
    before = len(inbox.messages)
    clients = [app.test_client() for _ in range(3)]
    answers = [
        form_post(client, "/auth/confirm/resend", {"email": email})
        for client, email in zip(
            clients, ("carol@example.com", "alice@example.com", "nobody@example.com"), strict=True
        )
    ]
    assert len({(a.status_code, a.headers["Location"]) for a in answers}) == 1
    assert all(RESENT in client.get("/auth/login").get_data(as_text=True) for client in clients)
    assert postman(app).drain()
    assert [to for to, _ in inbox.messages[before:]] == [["carol@example.com"]]
    # The newest link works (the first is still valid too: both are bound to the same pending row).
    assert follow(app.test_client(), confirm_link(app, inbox), "/auth/confirm").status_code == 303


def test_new_links_are_limited_per_address(inbox: Inbox) -> None:
    app = mailing(inbox, EMAIL_CONFIRM_PER_ADDRESS="2 per hour")
    if "rate_limit_storage" not in app.extensions:
        pytest.skip("this project has no rate limiter: only the per-client limit of the proxy remains")
    register(app.test_client())
    for _ in range(4):  # a new client each time: the per-client limit is not what stops them
        assert (
            form_post(app.test_client(), "/auth/confirm/resend", {"email": "carol@example.com"}).status_code
            == 302
        )
    assert postman(app).drain()
    assert len(inbox.to("carol@example.com")) == 3  # the registration's link, then 2 per hour


def change(client: FlaskClient, new: str, password: str = PASSWORD) -> Any:
    return form_post(client, "/account/email", {"email": new, "current_password": password})


def test_a_change_of_address_needs_the_password_then_the_new_mailbox(app: Flask, inbox: Inbox) -> None:
    client = app.test_client()
    login(client)
    assert change(client, "alice@new.test", "not the password at all").status_code == 401
    assert postman(app).drain() and inbox.messages == []
    assert change(client, "alice@new.test").status_code == 303
    link = mailed_link(app, inbox, "alice@new.test", "/account/email/confirm")
    [notice] = inbox.to("alice@example.com")
    assert "alice@new.test" in notice["Subject"]  # the old address hears of it at once
    assert login(app.test_client(), "alice@new.test").status_code == 401  # nothing changed yet
    done = follow(app.test_client(), link, "/account/email/confirm")  # any browser: the link is the proof
    assert done.status_code == 303
    assert login(app.test_client(), "alice@new.test").status_code == 302
    assert login(app.test_client(), "alice@example.com").status_code == 401
    assert postman(app).drain()
    assert "changed to alice@new.test" in inbox.to("alice@example.com")[-1]["Subject"]
    assert follow(app.test_client(), link, "/account/email/confirm").status_code == 400  # once


def test_a_change_to_a_taken_address_answers_the_same_and_sends_it_no_link(app: Flask, inbox: Inbox) -> None:
    with app.app_context():
        create_user("bob@example.com", PASSWORD)
    client = app.test_client()
    login(client)
    free, taken = change(client, "alice@new.test"), change(client, "BOB@example.com")
    assert (free.status_code, free.headers["Location"]) == (taken.status_code, taken.headers["Location"])
    assert postman(app).drain()
    [to_bob] = inbox.to("bob@example.com")
    assert "someone tried to use your address" in to_bob["Subject"] and "/account/email" not in body(to_bob)


def test_a_change_link_for_an_address_taken_since_is_refused(app: Flask, inbox: Inbox) -> None:
    client = app.test_client()
    login(client)
    change(client, "shared@new.test")
    link = mailed_link(app, inbox, "shared@new.test", "/account/email/confirm")
    with app.app_context():
        create_user("shared@new.test", PASSWORD)
    assert follow(app.test_client(), link, "/account/email/confirm").status_code == 409
    with app.app_context():
        assert db.session.get(User, 1).email == "alice@example.com"  # type: ignore[union-attr]


def test_a_change_raced_by_a_registration_of_the_address_is_refused(inbox: Inbox, tmp_path: Path) -> None:
    """The address is free when the button is pressed, and registered by someone else before the
    change is written: the unique constraint refuses it, and the answer is the 409 of an address
    taken since (it was a 500)."""
    uri = f"sqlite:///{tmp_path / 'race.db'}"
    app, other = mailing(inbox, SQLALCHEMY_DATABASE_URI=uri), make_app(SQLALCHEMY_DATABASE_URI=uri)
    client = app.test_client()
    login(client)
    change(client, "shared@new.test")
    link = mailed_link(app, inbox, "shared@new.test", "/account/email/confirm")
    browser = app.test_client()
    assert browser.get(local(link)).status_code == 303
    page = browser.get("/account/email/confirm").get_data(as_text=True)

    def registered_meanwhile() -> None:
        """When the change of address is about to be written, another account takes the address."""
        with other.app_context():
            create_user("shared@new.test", PASSWORD)

    with meanwhile(app, "UPDATE users", registered_meanwhile) as taken:
        done = browser.post("/account/email/confirm", data={"csrf_token": csrf_from(page)})
    assert taken, "the race did not happen"
    assert done.status_code == 409, done.get_data(as_text=True)[:500]
    with app.app_context():
        assert db.session.get(User, 1).email == "alice@example.com"  # type: ignore[union-attr]
        assert find_by_email("shared@new.test").id != 1  # type: ignore[union-attr]


def change_opened_on_one_of_two_workers(
    inbox: Inbox, tmp_path: Path, new: str
) -> tuple[Flask, Flask, FlaskClient, str]:
    """Two workers over one database with Alice's account; on the first, a session that asked to
    change her address to ``new`` and opened the mailed link: both apps, that session's client and
    the CSRF token of its confirmation page."""
    shared = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'race.db'}",
        "SECRET_KEY": secrets.token_hex(),
    }
    app = mailing(inbox, **shared)
    other = make_app(**inbox.settings(PUBLIC_URL="https://app.test", **shared))
    client = app.test_client()
    login(client)
    change(client, new)
    link = mailed_link(app, inbox, new, "/account/email/confirm")
    assert client.get(local(link)).status_code == 303
    return app, other, client, csrf_from(client.get("/account/email/confirm").get_data(as_text=True))


def test_a_change_whose_link_a_reset_voids_meanwhile_is_refused(inbox: Inbox, tmp_path: Path) -> None:
    """A change of address asked from a stolen session, its link confirmed at the moment the owner
    resets the password (which voids every change link): the link was checked before the reset
    and the address written after it, so the change went through. The write now requires the
    address and the password hash the link is bound to."""
    app, owner, thief, csrf = change_opened_on_one_of_two_workers(inbox, tmp_path, "mallory@new.test")
    with meanwhile(app, "UPDATE users", lambda: reset_password(owner)) as reset:
        late = thief.post("/account/email/confirm", data={"csrf_token": csrf})
    assert reset and reset[0].status_code == 303, "the race did not happen"
    assert late.status_code == 400
    with app.app_context():
        assert db.session.get(User, 1).email == "alice@example.com"  # type: ignore[union-attr]


def test_a_reset_link_used_while_a_change_of_address_is_confirmed_is_refused(
    inbox: Inbox, tmp_path: Path
) -> None:
    """The other way round: a reset link mailed to the old address (a mailbox the owner is moving
    away from) used at the moment the owner confirms the new address. The link was checked against
    the old address before the change and the password written after it, so the reset went
    through. The write now requires the address the link was sent to."""
    app, other, owner, csrf = change_opened_on_one_of_two_workers(inbox, tmp_path, "alice@new.test")
    with app.app_context():
        token = make_token(db.session.get(User, 1))  # type: ignore[arg-type]
    old_mailbox = other.test_client()
    assert old_mailbox.get(f"/auth/reset?token={token}").status_code == 303
    page = old_mailbox.get("/auth/reset").get_data(as_text=True)

    def the_owner_confirms() -> Any:
        return owner.post("/account/email/confirm", data={"csrf_token": csrf})

    # Before the reset's first write (the reset proves the address: its pending confirmation goes).
    with meanwhile(other, "DELETE", the_owner_confirms) as confirmed:
        data = {"new_password": "the old mailbox's passphrase", "csrf_token": csrf_from(page)}
        late = old_mailbox.post("/auth/reset", data=data)
    assert confirmed and confirmed[0].status_code == 303, "the race did not happen"
    assert late.status_code == 400
    with app.app_context():
        assert db.session.get(User, 1).email == "alice@new.test"  # type: ignore[union-attr]
    assert login(app.test_client(), "alice@new.test").status_code == 302  # the password is unchanged


def reset_password(app: Flask) -> Any:
    """Alice's whole password reset on ``app``, through a link made for her."""
    with app.app_context():
        token = make_token(db.session.get(User, 1))  # type: ignore[arg-type]
    client = app.test_client()
    assert client.get(f"/auth/reset?token={token}").status_code == 303
    page = client.get("/auth/reset").get_data(as_text=True)
    data = {"new_password": "the owner's new passphrase", "csrf_token": csrf_from(page)}
    return client.post("/auth/reset", data=data)


def test_a_password_change_voids_a_pending_change_of_address(app: Flask, inbox: Inbox) -> None:
    client = app.test_client()
    login(client)
    change(client, "alice@new.test")
    link = mailed_link(app, inbox, "alice@new.test", "/account/email/confirm")
    form_post(client, "/auth/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert app.test_client().get(local(link)).status_code == 400


def test_a_change_of_address_voids_reset_links_sent_to_the_old_one(app: Flask, inbox: Inbox) -> None:
    form_post(app.test_client(), "/auth/forgot", {"email": "alice@example.com"})
    reset = mailed_link(app, inbox, "alice@example.com", "/auth/reset")
    client = app.test_client()
    login(client)
    change(client, "alice@new.test")
    follow(
        app.test_client(),
        mailed_link(app, inbox, "alice@new.test", "/account/email/confirm"),
        "/account/email/confirm",
    )
    assert app.test_client().get(local(reset)).status_code == 400


def test_a_change_link_names_one_account_only(app: Flask, inbox: Inbox) -> None:
    """Bob's change link with Alice's id in its payload: the signature is Bob's, nothing changes."""
    with app.app_context():
        create_user("bob@example.com", PASSWORD)
    bob = app.test_client()
    login(bob, "bob@example.com")
    change(bob, "bob@new.test")
    token = token_of(mailed_link(app, inbox, "bob@new.test", "/account/email/confirm"))
    forged = URLSafeTimedSerializer("x").dump_payload([1, "bob@new.test"]).decode().split(".")[0]
    assert bob.get(f"/account/email/confirm?token={forged}.{token.split('.', 1)[1]}").status_code == 400
    with app.app_context():
        assert db.session.get(User, 1).email == "alice@example.com"  # type: ignore[union-attr]


def test_the_command_line_lists_confirms_and_prunes_unconfirmed_addresses(app: Flask, inbox: Inbox) -> None:
    register(app.test_client())  # Carol, today
    register(app.test_client(), "stale@example.com")
    with app.app_context():
        stale = find_by_email("stale@example.com")
        assert stale is not None
        row = pending(stale.id)
        assert row is not None
        row.created_at = row.created_at - timedelta(hours=25)  # registered before the links expire
        db.session.commit()
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["addresses", "list"])
    assert "stale@example.com" in listed.output and "2 address(es)" in listed.output
    pruned = runner.invoke(args=["addresses", "prune"])
    assert pruned.exit_code == 0 and "Deleted 1 account(s)" in pruned.output
    with app.app_context():
        assert find_by_email("stale@example.com") is None and find_by_email("carol@example.com") is not None
    assert runner.invoke(args=["addresses", "confirm", "nobody@example.com"]).exit_code == 1
    assert (
        runner.invoke(args=["addresses", "confirm", "alice@example.com"]).exit_code == 1
    )  # confirmed already
    confirmed = runner.invoke(args=["addresses", "confirm", "Carol@Example.com"])
    assert confirmed.exit_code == 0 and "Confirmed carol@example.com" in confirmed.output
    assert login(app.test_client(), "carol@example.com").status_code == 302
    assert "0 address(es)" in runner.invoke(args=["addresses", "list"]).output
    assert postman(app).drain()
