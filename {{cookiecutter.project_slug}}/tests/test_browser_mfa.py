"""MFA in a real Chromium (checklist 7, 24, 26): enrol, log in with both factors, no CSP violation.

The app is served by a real WSGI server on loopback and driven by Playwright through the system
Chromium (``$CHROMIUM``, ``/usr/bin/chromium`` or a Chromium/Chrome on ``PATH``; no
``playwright install`` needed). The ``__Host-`` cookies are ``Secure``: Chromium treats loopback
origins (``http://localhost``, ``http://127.0.0.1``) as secure contexts and keeps such cookies
there (checked with Chromium 156), so plain HTTP on loopback is enough; other hosts need HTTPS.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from flask import Flask
from werkzeug.serving import make_server

from conftest import PASSWORD, require_service, settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.security.mfa import CLOCK
from {{ cookiecutter.package_name }}.users import create_user

pytestmark = pytest.mark.browser

# $CHROMIUM, else Debian's /usr/bin/chromium, else any Chromium or Chrome on PATH (CI runners).
CANDIDATES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (path for path in ["/usr/bin/chromium", *map(shutil.which, CANDIDATES)] if path and Path(path).is_file()),
    "/usr/bin/chromium",
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Collects every CSP violation the page reports, through a binding that survives navigations.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => window.reportViolation(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""


class Clock:
    """The server's MFA clock: the test moves it one time step between codes instead of waiting."""

    def __init__(self) -> None:
        self.t = 1_700_000_010.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if importlib.util.find_spec("playwright") is None:
        require_service("playwright is not installed: pip install playwright (no browser download needed)")
    if not Path(CHROMIUM).is_file():
        require_service("no Chromium or Chrome found: install one (apt-get install chromium) or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://localhost:{httpd.server_port}", clock
    httpd.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh browser context and page; the list collects console messages and CSP violations."""
    context = browser.new_context()
    problems: list[str] = []
    context.expose_binding("reportViolation", lambda source, text: problems.append(f"CSP: {text}"))
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    tab.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield tab, problems
    context.close()


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
