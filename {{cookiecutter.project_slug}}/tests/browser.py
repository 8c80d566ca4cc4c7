"""Real Chromium for the browser tests, and the app served on loopback for it to visit.

Playwright drives the system Chromium (``$CHROMIUM``, ``/usr/bin/chromium`` or a Chromium/Chrome
on ``PATH``; no ``playwright install`` needed). The ``__Host-`` cookies are ``Secure``: Chromium
treats loopback origins (``http://localhost``, ``http://127.0.0.1``) as secure contexts and keeps
such cookies there (checked with Chromium 156), so plain HTTP on loopback is enough.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from conftest import require_service

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


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium; skipped (failed under REQUIRE_SERVICES=1) when it or Playwright is missing."""
    if importlib.util.find_spec("playwright") is None:
        require_service("playwright is not installed: pip install playwright (no browser download needed)")
    if not Path(CHROMIUM).is_file():
        require_service("no Chromium or Chrome found: install one (apt-get install chromium) or set CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` on a real threaded server on loopback; yields its base URL, ``http://localhost:<port>``."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=5)


@contextmanager
def watched_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A fresh browser context and page; the list collects console messages and CSP violations."""
    context = browser.new_context()
    problems: list[str] = []
    context.expose_binding("reportViolation", lambda source, text: problems.append(f"CSP: {text}"))
    context.add_init_script(CSP_LISTENER)
    tab = context.new_page()
    tab.on("console", lambda message: problems.append(f"console {message.type}: {message.text}"))
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        yield tab, problems
    finally:
        context.close()
