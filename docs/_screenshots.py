"""Take the screenshots of the generated app shown on the docs site (docs/assets/screenshots/).

Bakes the template with the default answers, serves the project with Flask's development server
on loopback (development profile, its own SQLite database), and drives Debian's /usr/bin/chromium
with Playwright (never a downloaded browser): registers a user, then photographs each screen below
that the baked project has. A screen whose route answers 404 (its feature is absent) is skipped
with a message, so the script runs at any stage of the template.

    python docs/_screenshots.py            # writes docs/assets/screenshots/*.png
    python docs/_screenshots.py --out DIR  # elsewhere, e.g. to compare before committing

The PNGs are kept small: a 960x640 viewport at device scale 1, page area only.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]  # fmt: skip
EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple 2026"
# (file name, path, needs a logged-in user)
SHOTS = [
    ("login", "/auth/login", False),
    ("mfa-enrolment", "/auth/mfa/setup", True),
    ("ai-playground", "/ai/playground", True),
]


def bake(output: Path) -> Path:
    """Bake the defaults with the real hooks; return the project folder."""
    from cookiecutter.main import cookiecutter

    context = {"init_git": False, "use_pre_commit": False}
    return Path(cookiecutter(str(ROOT), no_input=True, output_dir=str(output), extra_context=context))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(project: Path, port: int) -> subprocess.Popen[bytes]:
    """Start the baked app; return the server process once it answers /healthz."""
    package = next(p.name for p in (project / "src").iterdir() if (p / "__init__.py").is_file())
    env = {
        **os.environ,
        "PYTHONPATH": str(project / "src"),
        "FLASK_APP": f"{package}.wsgi:app",
        "FLASK_PROFILE": "development",
        "FLASK_RATELIMIT_STORAGE_URI": "memory://",
    }
    flask = [sys.executable, "-m", "flask"]
    subprocess.run([*flask, "init-db"], cwd=project, env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*flask, "run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the baked app did not answer /healthz within 30 s")


def shoot(base: str, out: Path) -> list[str]:
    """Register, log in and photograph each screen; return the names skipped, with the reason."""
    from playwright.sync_api import sync_playwright

    skipped = []
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 960, "height": 640}, device_scale_factor=1)
        page.goto(base + "/auth/register")
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit], form input[type=submit]").first.click()
        logged_in = False
        for name, path, needs_login in SHOTS:
            if needs_login and not logged_in:
                page.goto(base + "/auth/login")
                page.fill("input[name=email]", EMAIL)
                page.fill("input[name=password]", PASSWORD)
                page.locator("form button[type=submit], form input[type=submit]").first.click()
                page.wait_for_load_state()
                logged_in = True
            response = page.goto(base + path)
            if response is None or response.status == 404:
                skipped.append(f"{name}: {path} is not in this template yet")
                continue
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            print(f"wrote {out / f'{name}.png'} ({(out / f'{name}.png').stat().st_size // 1024} KiB)")
        browser.close()
    return skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docs-shots-") as tmp:
        project = bake(Path(tmp))
        port = free_port()
        server = serve(project, port)
        try:
            skipped = shoot(f"http://127.0.0.1:{port}", args.out)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for line in skipped:
        print(f"skipped {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
