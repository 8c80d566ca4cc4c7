"""The generated project installs from its own pyproject.toml and passes `make test` on each
supported Python: the real path a user takes, with nothing borrowed from the template's venv."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CARRIED_FLIPS, OPTIONS, bake, interpreter, run


def quiet(output: str) -> str:
    """``output`` without pip's one-line warnings (a machine's unreachable indexes print hundreds)."""
    return "\n".join(line for line in output.splitlines() if not line.startswith("WARNING: "))


@pytest.mark.slow
@pytest.mark.parametrize("version", OPTIONS["python_version"])
def test_make_test_in_a_fresh_virtualenv(tmp_path: Path, version: str) -> None:
    python = interpreter(version)
    if python is None:
        if os.environ.get("REQUIRE_SERVICES") == "1" and version == "3.11":
            pytest.fail("Python 3.11 is required")
        pytest.skip(f"Python {version} is not installed here")
    project = bake(tmp_path, python_version=version, **CARRIED_FLIPS.get(version, {}))
    if version == OPTIONS["python_version"][0]:  # the default: the whole `make test`
        result = run(["make", "test", f"PYTHON={python}"], project, timeout=1200)
    else:
        # The other versions install the same way and run every test but the few that start
        # servers or browsers (13 of about 900, half the suite's time); those run on the default.
        # Each carries a group of flipped options (CARRIED_FLIPS): this run is also their suite.
        # 3.12 installs with pip alone (INSTALLER=pip), the others with uv (the default).
        installer = "pip" if version == "3.12" else "uv"
        result = run(["make", "install", f"PYTHON={python}", f"INSTALLER={installer}"], project, timeout=1200)
        if result.returncode == 0:
            quick = [".venv/bin/python", "-m", "pytest", "-q", "-m", "not live and not browser and not slow"]
            result = run(quick, project, timeout=1200)
    assert result.returncode == 0, quiet(result.stdout)[-5000:] + quiet(result.stderr)[-3000:]
    assert "passed" in result.stdout
