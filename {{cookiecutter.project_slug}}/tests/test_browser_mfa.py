"""MFA in a real Chromium (checklist 7, 24, 26): enrol, log in with both factors, no CSP violation.

The app is served by a real WSGI server on loopback and driven by Playwright through the system
Chromium (tests/browser.py says which, and why plain HTTP on loopback is enough).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from flask import Flask

from browser import chromium, serving, watched_page
from conftest import PASSWORD, confirm_address, settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.mfa import CLOCK
from {{ cookiecutter.package_name }}.users import create_user

pytestmark = pytest.mark.browser


class Clock:
    """The server's MFA clock: the test moves it one time step between codes instead of waiting."""

    def __init__(self) -> None:
        self.t = 1_700_000_010.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Flask, str, Clock]]:
    """The app on a real threaded server at http://localhost:<port>, with a file database."""
    app = create_app(
        settings(
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'app.db'}",
            TRUSTED_HOSTS=["localhost"],
            FORCE_HTTPS=False,
        )
    )
    app.extensions[CLOCK] = clock = Clock()
    with app.app_context():
        db.create_all()
    with serving(app) as base:
        yield app, base, clock


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh browser context and page; the list collects console messages and CSP violations."""
    with watched_page(browser) as watched:
        yield watched


def submit(tab: Any) -> None:
    with tab.expect_navigation():
        tab.click("main form.stack button[type=submit]")


def log_in(tab: Any, base: str, email: str, path: str = "/auth/login") -> None:
    tab.goto(base + path)
    tab.fill("input[name=email]", email)
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)


def enrol(tab: Any, clock: Clock) -> list[str]:
    """On the set-up page: read the key like a person typing it into an app, confirm a code."""
    key = tab.get_attribute("#totp-key", "data-key")
    assert tab.locator("figure.qr svg").count() == 1
    assert key.replace(" ", "") == tab.inner_text("#totp-key").replace(" ", "")
    tab.fill("input[name=code]", pyotp.TOTP(key).at(clock()))
    submit(tab)
    tab.wait_for_selector("#recovery-codes")
    clock.t += 30  # the next code comes from the next time step: each step is usable once
    return [str(key)]


def log_out(tab: Any) -> None:
    with tab.expect_navigation():
        tab.click("header form.inline button[type=submit]")
    assert tab.locator("header >> text=Log in").count() == 1


def second_step(tab: Any, key: str, clock: Clock) -> None:
    assert "/auth/mfa/verify" in tab.url  # the password alone logged nobody in
    tab.fill("input[name=code]", pyotp.TOTP(key).at(clock()))
    submit(tab)


def test_register_enrol_and_log_in_with_both_factors(
    server: tuple[Flask, str, Clock], page: tuple[Any, list[str]]
) -> None:
    app, base, clock = server
    tab, problems = page
    tab.goto(f"{base}/auth/register")
    tab.fill("input[name=email]", "carol@example.com")
    tab.fill("input[name=password]", PASSWORD)
    submit(tab)
    assert tab.url == f"{base}/auth/login"
    confirm_address(app, "carol@example.com")  # the mailed link, where the app confirms addresses
    log_in(tab, base, "carol@example.com")
    assert tab.url == f"{base}/"
    assert "__Host-session" not in tab.evaluate("document.cookie")  # HttpOnly
    tab.click("text=Two-factor")
    tab.click("text=Set up two-factor authentication")
    [key] = enrol(tab, clock)
    assert len(tab.locator("#recovery-codes li").all()) == 10
    log_out(tab)

    log_in(tab, base, "carol@example.com")
    second_step(tab, key, clock)
    assert tab.url == f"{base}/"
    tab.click("text=API tokens")
    tab.fill("input[name=name]", "browser test")
    submit(tab)
    token = tab.inner_text("#new-token")
    assert token.startswith(app.config["API_TOKEN_PREFIX"] + "_")
    assert problems == []


def test_admin_is_made_to_enrol_then_reaches_the_admin_area(
    server: tuple[Flask, str, Clock], page: tuple[Any, list[str]]
) -> None:
    app, base, clock = server
    tab, problems = page
    with app.app_context():
        create_user("root@example.com", PASSWORD, role="admin")  # as `flask users create --admin`
    log_in(tab, base, "root@example.com", "/auth/login?next=/admin/")
    assert re.search(r"/auth/mfa/setup\?next=/admin/$", tab.url)  # no admin page before enrolment
    [key] = enrol(tab, clock)
    with tab.expect_navigation():
        tab.click("text=I have saved them, continue")
    assert tab.url == f"{base}/admin/"
    log_out(tab)

    log_in(tab, base, "root@example.com", "/auth/login?next=/admin/")
    second_step(tab, key, clock)
    assert tab.url == f"{base}/admin/"
    assert "root@example.com" in tab.inner_text("table.list")
    assert problems == []


def test_the_violation_listener_sees_a_blocked_inline_style(
    server: tuple[Flask, str, Clock], page: tuple[Any, list[str]]
) -> None:
    _, base, _ = server
    tab, problems = page
    response = tab.goto(f"{base}/auth/login")
    if "content-security-policy" not in response.headers:
        pytest.skip("no Content-Security-Policy without use_talisman")
    with pytest.raises(Exception, match="style"):
        tab.add_style_tag(content="body { color: red }")  # inline, no nonce: the policy refuses it
    tab.wait_for_timeout(100)
    assert any(p.startswith("CSP: style-src") for p in problems), problems
