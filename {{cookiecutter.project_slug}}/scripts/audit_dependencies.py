"""Audit the project's pinned dependencies for known vulnerabilities, and fail closed.

``make audit``, the pre-commit hook and CI all run this file. It audits the hashed lock files
given on the command line (never the environment it runs in) with ``pip-audit --strict``, so a
dependency that could not be checked fails the audit instead of passing it. When the advisory
service cannot be reached at all, the failure says so in one line rather than as a traceback or
as a dependency "not found".

Usage: python scripts/audit_dependencies.py [LOCK ...]   (default: requirements*.lock)
"""

from __future__ import annotations

import subprocess  # nosec B404 - runs pip-audit from this interpreter, with list arguments
import sys
import urllib.error
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DEFAULT_LOCKS = ("requirements.lock", "requirements-dev.lock")
# pip-audit's default service: the vulnerabilities of one release, from PyPI's JSON API.
ADVISORY_URL = "https://pypi.org/pypi/{name}/{version}/json"
PROBE_TIMEOUT = 15  # seconds


def audit_command(locks: list[str]) -> list[str]:
    """The pip-audit command line: strict, hashed pins only, no resolver, no installs."""
    command = [sys.executable, "-m", "pip_audit", "--strict", "--disable-pip", "--progress-spinner", "off"]
    for lock in locks:
        command += ["--requirement", lock]
    return command


def advisory_service_problem() -> str | None:
    """Ask the advisory service about a release that surely exists; describe why it did not answer."""
    try:
        release = version("pip-audit")
    except PackageNotFoundError:
        return "pip-audit is not installed"
    url = ADVISORY_URL.format(name="pip-audit", version=release)
    try:
        # A fixed https URL; urllib (unlike http.client) honours HTTPS_PROXY like pip-audit does.
        with urllib.request.urlopen(url, timeout=PROBE_TIMEOUT) as response:  # noqa: S310  # nosec B310
            response.read(1)
    except urllib.error.HTTPError as exc:
        return f"{url} answered HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return f"{url} is unreachable: {getattr(exc, 'reason', exc)}"
    return None


def main(argv: list[str]) -> int:
    """Run the audit; on failure, add a one-line diagnosis when the service itself is down."""
    locks = argv or [lock for lock in DEFAULT_LOCKS if Path(lock).exists()]
    missing = [lock for lock in locks if not Path(lock).is_file()]
    if not locks or missing:
        print(f"audit: no such lock file: {', '.join(missing) or 'requirements*.lock'} (run `make lock`)")
        return 2
    status = subprocess.run(audit_command(locks), check=False).returncode  # noqa: S603  # nosec B603
    if status != 0 and (problem := advisory_service_problem()):
        print(
            f"audit: FAILED: cannot reach the advisory service ({problem}). Under --strict an "
            "unchecked dependency is a failure, never 'no known vulnerabilities'.",
            file=sys.stderr,
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
