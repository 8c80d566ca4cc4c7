"""Shared helpers for the template's tests: load the hooks as modules, bake variants, verify them."""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "{{cookiecutter.project_slug}}"
OPTIONS: dict[str, Any] = json.loads((ROOT / "cookiecutter.json").read_text())
BIN = Path(sys.executable).parent


def load_hook(name: str) -> ModuleType:
    """Import ``hooks/<name>.py`` unrendered (its Jinja sits in one string)."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def defaults() -> dict[str, Any]:
    """The answers ``--no-input`` gives: first choice of each list, booleans as they are."""
    return {
        key: value[0] if isinstance(value, list) else value
        for key, value in OPTIONS.items()
        if not key.startswith("_")
    }


def bake(output: Path, **answers: Any) -> Path:
    """Bake the template with the real hooks; return the project folder."""
    from cookiecutter.main import cookiecutter

    context = {"init_git": False, "use_pre_commit": False} | answers
    return Path(cookiecutter(str(ROOT), no_input=True, output_dir=str(output), extra_context=context))


# The install test bakes each non-default Python with a group of options flipped, and runs that
# bake's suite there: the Python version changes no file of src/ or tests/, so the same run is both
# "the suite passes on Python 3.x" and "the suite passes with these options flipped", and
# test_bake's variants of those flips are only linted and collected (their suites would run
# again what this run covers). Each flipped option's quick suite so runs once, with every other
# feature on but its group's; the groups keep the features that lean on each other apart (the IP
# filter counts in the rate limiter's storage, MFA's secret is an encrypted column, CSRF and MFA
# guard the login), so each runs without the other and the other without it. A flip whose
# carrier interpreter is not installed runs its suite in test_bake, alone.
CARRIED_FLIPS: dict[str, dict[str, Any]] = {
    "3.12": {"use_talisman": False, "use_csrf": False, "use_encryption": False, "use_rate_limiting": False},
    "3.13": {
        "ai_provider": "openai",
        "use_ip_filter": False,
        "use_audit_log": False,
        "use_mfa": False,
        "use_account_email": False,
    },
}


def interpreter(version: str) -> str | None:
    """A ``python<version>`` executable: on PATH, or in pyenv's versions folder."""
    found = shutil.which(f"python{version}")
    if found and run([found, "--version"], Path.cwd()).returncode == 0:
        return found
    candidates = sorted(glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}*/bin/python{version}")))
    return candidates[-1] if candidates else None


def run_directory(factory: Any) -> Path:
    """A directory of this test run that every xdist worker shares (pytest's base temporary
    directory, or under xdist its parent, which holds each worker's): for work done once per run."""
    base = Path(factory.getbasetemp())
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def once_per_run(factory: Any, name: str) -> Iterator[Path]:
    """``run_directory(factory) / name``, held under a file lock: the caller checks whether the
    work kept there is done and, if not, does it, once for every test process of the run
    (pytest-xdist's documented recipe for session-wide work)."""
    shared = run_directory(factory) / name
    with FileLock(f"{shared}.lock"):
        yield shared


def run(args: list[str], cwd: Path, timeout: int = 600, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a tool from this environment in ``cwd``; its output is kept for the assertion message."""
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **env},
        check=False,
    )


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    """Print the header-grade tables (``record_property("header_grade", ...)``), xdist or not."""
    reports = [r for key in ("passed", "failed") for r in terminalreporter.stats.get(key, [])]
    properties = [prop for r in reports for prop in getattr(r, "user_properties", [])]
    tables = [value for name, value in properties if name == "header_grade"]
    if tables:
        terminalreporter.section("Header grade (MDN HTTP Observatory scoring, algorithm v6)")
        for table in tables:
            terminalreporter.write_line(table)


# The longest tests first (install on each Python, the microbenchmark, then every other slow one),
# so that xdist's two workers do not end with one long test running alone: collection order
# otherwise puts test_install near the end. A stable sort: the order within each rank is kept.
# Modules whose module-scoped fixture is costly (a bake served over TLS, a site built, a model
# trained) each form an xdist_group (`pytestmark`), so that one worker sets it up, not both.
LONGEST_FIRST = ("tests/test_install.py::", "tests/test_bench.py::test_the_microbenchmark")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    def rank(item: Any) -> int:
        for position, prefix in enumerate(LONGEST_FIRST):
            if item.nodeid.startswith(prefix):
                return position
        return len(LONGEST_FIRST) + (0 if item.get_closest_marker("slow") else 1)

    items.sort(key=rank)


def pytest_collection_finish(session: Any) -> None:
    """Stop a `--dist loadgroup` run whose groups were lost: pytest-xdist tags each grouped test's
    node id with ``@group`` in the worker, and a pytest release that ignores the tag (9.2, see
    pyproject.toml) turns every group back into tests spread over both workers, silently."""
    if not getattr(session.config.option, "loadgroup", False):  # set by pytest-xdist in its workers
        return
    lost = [i.nodeid for i in session.items if i.get_closest_marker("xdist_group") and "@" not in i.nodeid]
    if lost:
        message = (
            f"--dist loadgroup lost the xdist_group of {len(lost)} tests ({lost[0]}...): "
            "this pytest and pytest-xdist do not group; see the pytest pin in pyproject.toml"
        )
        print(message, file=sys.stderr, flush=True)
        pytest.exit(message, returncode=pytest.ExitCode.USAGE_ERROR)
