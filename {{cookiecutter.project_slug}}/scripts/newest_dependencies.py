"""Print the project's direct dependencies without their pins, for `make test-newest`.

The lock is what the project runs; this is what Dependabot will propose next. Installing the newest
release of every direct dependency (runtime, the PostgreSQL driver and the dev tools) and running
the suite shows, before the pull request arrives, whether an upgrade breaks the app: the app uses
other packages through their public APIs only (tests/test_public_apis.py), so it should not.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)")


def unpinned(requirement: str) -> str:
    """``name[extras]`` plus the environment marker, without the version."""
    match = NAME.match(requirement)
    if match is None:
        raise SystemExit(f"cannot read the requirement {requirement!r}")
    _, _, marker = requirement.partition(";")
    return match[1] + (f"; {marker.strip()}" if marker.strip() else "")


def main() -> int:
    meta = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(meta["dependencies"])
    for extra in meta.get("optional-dependencies", {}).values():
        requirements += extra
    for line in sorted({unpinned(r) for r in requirements}):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
