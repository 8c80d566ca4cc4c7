"""The account's life by mail in a real Chromium: register, read the confirmation link from the
mail the SMTP server received, confirm, log in; then a forgotten password, the reset link, a new
password, and the old session refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from browser import chromium, serving, watched_page
from conftest import PASSWORD, make_app
from {{ cookiecutter.package_name }}.security.mail import postman
from {{ cookiecutter.package_name }}.security.recovery import SENT
from smtp import Inbox, links, smtp_server

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a brand new passphrase for alice"


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Flask, str, Inbox]]:
    """The app on loopback, sending its mail to a real SMTP server; nobody has an account yet."""
    with smtp_server(tmp_path) as inbox:
        app = make_app(
            **inbox.settings(
                SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'app.db'}",
                TRUSTED_HOSTS=["localhost"],
                FORCE_HTTPS=False,  # plain HTTP on loopback: Chromium treats localhost as secure
            )
        )
        with serving(app) as base:
            app.config["PUBLIC_URL"] = base  # the links in mail point at this server
            yield app, base, inbox


def submit(tab: Any) -> None:
    with tab.expect_navigation():
        tab.click("main form.stack button[type=submit]")


def log_in(tab: Any, base: str, password: str) -> None:
    tab.goto(f"{base}/auth/login")
    tab.fill("input[name=email]", "alice@example.com")
    tab.fill("input[name=password]", password)
    submit(tab)


REFUSED = "Failed to load resource: the server responded with a status of 403 (FORBIDDEN)"


def mailed(app: Flask, inbox: Inbox, path: str) -> str:
    """The link to ``path`` in the newest mail to Alice."""
    assert postman(app).drain()
    [link] = [url for url in links(inbox.to("alice@example.com")[-1]) if f"{path}?token=" in url]
    return link


def test_register_confirm_log_in_then_reset_by_mail_and_the_old_session_refused(
    browser: Any, site: tuple[Flask, str, Inbox]
) -> None:
    app, base, inbox = site
    with watched_page(browser) as (old, old_problems), watched_page(browser) as (tab, problems):
        old.goto(f"{base}/auth/register")
        old.fill("input[name=email]", "alice@example.com")
        old.fill("input[name=password]", PASSWORD)
        submit(old)
        assert old.url == f"{base}/auth/login" and "Check your mail" in old.inner_text("main")
        log_in(old, base, PASSWORD)
        assert "Confirm your address first" in old.inner_text("main")  # no session yet
        assert old_problems == [f"console error: {REFUSED}"]  # the login's 403, as expected
        old_problems.clear()
        old.goto(mailed(app, inbox, "/auth/confirm"))
        assert old.url == f"{base}/auth/confirm"  # the token left the address bar at once
        submit(old)
        assert "Your address is confirmed" in old.inner_text("main")
        log_in(old, base, PASSWORD)  # a session that the reset must end (a thief's, say)
        assert old.goto(f"{base}/auth/password").url == f"{base}/auth/password"

        tab.goto(f"{base}/auth/login")
        with tab.expect_navigation():
            tab.click("text=Forgot your password?")
        tab.fill("input[name=email]", "alice@example.com")
        submit(tab)
        assert tab.url == f"{base}/auth/login" and SENT in tab.inner_text("main")

        tab.goto(mailed(app, inbox, "/auth/reset"))
        assert tab.url == f"{base}/auth/reset"  # the token left the address bar at once
        tab.fill("input[name=new_password]", NEW_PASSWORD)
        submit(tab)
        assert tab.url == f"{base}/auth/login"
        assert "Your password has been reset" in tab.inner_text("main")

        old.goto(f"{base}/auth/password")
        assert old.url.startswith(f"{base}/auth/login")  # the old session was refused
        log_in(tab, base, NEW_PASSWORD)
        assert tab.url == f"{base}/"
        assert tab.locator("header >> text=alice@example.com").count() == 1
        assert problems == [] and old_problems == []
