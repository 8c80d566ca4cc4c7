"""The built docs site in a real Chromium: pages render, diagrams draw, the console stays clean.

Builds the site with `mkdocs build --strict`, serves it on loopback and opens the home page, a
tutorial and the control matrix with Playwright driving Debian's /usr/bin/chromium (never a
downloaded browser). Each page must log no console error and raise no page error, and its Mermaid
diagrams must have turned into SVG. Screenshots go to build/docs-browser/ (git-ignored) for review.
Skips when Playwright or Chromium is absent, unless REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]  # fmt: skip
SHOTS = ROOT / "build" / "docs-browser"
# The pages the issue names (home, a tutorial, the control matrix), then every page with a diagram.
PAGES = {"home": "", "tutorial": "tutorials/getting-started/", "control-matrix": "reference/control-matrix/"}
PAGES |= {
    str(page.relative_to(ROOT / "docs").with_suffix("")).replace("/", "-"): (
        str(page.relative_to(ROOT / "docs").with_suffix("")) + "/"
    )
    for page in sorted((ROOT / "docs").rglob("*.md"))
    if "```mermaid" in page.read_text(encoding="utf-8") and page.name != "index.md"
}


def diagrams_in(path: str) -> int:
    """The number of Mermaid diagrams in the page's source."""
    source = ROOT / "docs" / (path.rstrip("/") + ".md" if path else "index.md")
    return source.read_text(encoding="utf-8").count("```mermaid")


pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("docs_browser")]


def require(condition: bool, reason: str) -> None:
    """Skip when a tool is missing, or fail when CI demands every tool (REQUIRE_SERVICES=1)."""
    if condition:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built strictly."""
    folder = tmp_path_factory.mktemp("docs-site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def site(site_folder: Path):
    """The built site, served on a random loopback port; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site_folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    require(sync_playwright is not None, "playwright is not installed")
    require(Path(CHROMIUM).is_file(), f"no Chromium at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("name", PAGES)
def test_site_pages_render_without_console_errors(site: str, browser, name: str) -> None:
    path = PAGES[name]
    diagrams = diagrams_in(path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    # Every request goes to the site's own origin: no fonts, scripts or repository widget from
    # another host (without TEMPLATE_REPO_URL the theme has no repository to ask GitHub about).
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    try:
        response = page.goto(site + path, wait_until="load")
        assert response is not None and response.status == 200
        assert page.locator("h1").first.is_visible()
        if diagrams:
            # Material swaps each <pre class="mermaid"> for a <div> holding the SVG in a closed
            # shadow root: a drawn diagram is a div with a height; a failed one stays a <pre>.
            page.wait_for_function(
                f"(() => {{ const d = [...document.querySelectorAll('.mermaid')];"
                f" return d.length >= {diagrams} && d.every(e => e.tagName === 'DIV'"
                f" && e.getBoundingClientRect().height > 10); }})()",
                timeout=15000,
            )
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    finally:
        page.close()
    assert not outside, f"the site requested third-party URLs: {outside}"
    assert not errors, "\n".join(errors)


def test_no_page_asks_any_host_but_its_own(site: str, site_folder: Path, browser) -> None:
    """Every page of the built site loaded in Chromium: each request it makes (styles, scripts,
    fonts, images, the search index) goes to the site's own origin. The pages of PAGES, the ones
    with diagrams (the slowest to load), are checked the same way by the test above."""
    built = sorted(path.relative_to(site_folder).as_posix() for path in site_folder.rglob("*.html"))
    assert len(built) > 50, f"only {len(built)} pages built"
    pages = [page for page in built if page.removesuffix("index.html") not in PAGES.values()]
    assert len(built) - len(pages) == len(PAGES), "a page of PAGES is not in the built site"
    outside: list[str] = []
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    try:
        for path in pages:
            response = tab.goto(site + path, wait_until="load")
            assert response is not None and response.status == 200, path
    finally:
        tab.close()
    print(f"\n{len(pages)} pages loaded here, {len(PAGES)} above; requests to other hosts: {len(outside)}")
    assert not outside, f"pages requested other hosts: {sorted(set(outside))[:20]}"
