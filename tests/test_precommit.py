"""pre-commit on a freshly generated project, with the hooks the post-gen hook installed.

Every hook passes on the fresh project except the dependency audit: the advisory service is not
reachable from this machine, and ``--strict`` must turn that into a failure that says so. Then
planted problems (a cloud key, a shell-injection call) each fail a real ``git commit``.

pre-commit installs each hook's virtualenv from PyPI on first use (a few minutes); they are
cached in build/pre-commit-home, so later runs take seconds.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BIN, ROOT, bake, run

# One worker: the hooks' environments install on first use, under pre-commit's lock, which the
# other worker would otherwise sit waiting for.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("precommit")]

PRE_COMMIT_HOME = ROOT / "build" / "pre-commit-home"
AUDIT_HOOK = "pip-audit (requirements*.lock)"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}
# Built at run time so that no scanner flags this file itself.
FAKE_AWS_KEY = "AKIA" + "Z7QXJ4" + "PLANTEDKEY"
UNKNOWN_PACKAGE = "no-such-package-sfa-test"


def hooks_env() -> dict[str, str]:
    return {"PRE_COMMIT_HOME": str(PRE_COMMIT_HOME), **GIT_IDENTITY}


def results(output: str) -> dict[str, str]:
    """Map each hook's name to Passed, Failed or Skipped, as pre-commit prints them."""
    line = re.compile(r"(?m)^(?P<name>\S.*?)\.{3,}(?:\([^)]*\))?(?P<status>Passed|Failed|Skipped)$")
    return {m["name"].strip(): m["status"] for m in line.finditer(output)}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The defaults with git and pre-commit, as `cookiecutter --no-input` makes them."""
    PRE_COMMIT_HOME.mkdir(parents=True, exist_ok=True)
    project = bake(tmp_path_factory.mktemp("precommit"), init_git=True, use_pre_commit=True)
    assert (project / ".git/hooks/pre-commit").exists(), "the post-gen hook did not install pre-commit"
    assert run(["git", "status", "--porcelain"], project).stdout == ""
    return project


@pytest.fixture
def clean(project: Path) -> Iterator[Path]:
    """The project, restored to its first commit after the test."""
    yield project
    run(["git", "reset", "-q", "--hard", "HEAD"], project)
    run(["git", "clean", "-q", "-fd"], project)


def test_every_hook_passes_on_a_fresh_project_but_the_unreachable_audit(project: Path) -> None:
    result = run([str(BIN / "pre-commit"), "run", "--all-files"], project, timeout=1800, **hooks_env())
    output = result.stdout + result.stderr
    statuses = results(output)
    assert len(statuses) >= 15, output[-3000:]
    failed = {name for name, status in statuses.items() if status == "Failed"}
    assert failed == {AUDIT_HOOK}, output[-4000:]
    # --strict turns "could not ask" into a failure, and the reason is spelled out.
    assert "cannot reach the advisory service" in output, output[-2000:]
    assert "no known vulnerabilities" not in output.replace("never 'no known vulnerabilities'", "")
    # No hook rewrote a file: the project is generated clean.
    assert run(["git", "status", "--porcelain"], project).stdout == ""


def commit(project: Path, relative: str, text: str) -> subprocess.CompletedProcess[str]:
    """Write a file and `git commit` it through the installed pre-commit hook."""
    path = project / relative
    path.write_text(text, encoding="utf-8")
    run(["git", "add", relative], project)
    return run(["git", "commit", "-m", f"add {relative}"], project, timeout=900, **hooks_env())


def test_a_planted_cloud_key_fails_the_commit(clean: Path) -> None:
    package = next((clean / "src").iterdir()).name
    code = f'"""Storage."""\n\nAWS_ACCESS_KEY_ID = "{FAKE_AWS_KEY}"\n'
    result = commit(clean, f"src/{package}/storage.py", code)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert results(output)["detect-secrets (secret scan)"] == "Failed", output
    assert "AWS Access Key" in output
    assert run(["git", "rev-list", "--count", "HEAD"], clean).stdout.strip() == "1"


def test_a_planted_key_in_the_tests_fails_the_commit_too(clean: Path) -> None:
    result = commit(clean, "tests/test_storage.py", f'KEY = "{FAKE_AWS_KEY}"\n')
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert results(output)["detect-secrets (secret scan, tests)"] == "Failed", output


def test_a_shell_injection_fails_the_commit(clean: Path) -> None:
    package = next((clean / "src").iterdir()).name
    code = (
        '"""Run a command."""\n\nimport subprocess\n\n\n'
        "def run(cmd: str) -> None:\n"
        '    """Run cmd."""\n'
        "    subprocess.run(cmd, shell=True, check=False)\n"
    )
    result = commit(clean, f"src/{package}/shell.py", code)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert results(output)["bandit (SAST)"] == "Failed", output
    assert "B602" in output  # subprocess call with shell=True
    assert run(["git", "rev-list", "--count", "HEAD"], clean).stdout.strip() == "1"


def test_the_audit_reads_the_projects_pins_not_its_own_environment(clean: Path) -> None:
    """Point the audit at a lock naming a package unknown to the index: the strict failure names
    that package, and none of the packages installed in the hook's own environment."""
    fake_hash = "0" * 64
    (clean / "requirements.lock").write_text(f"{UNKNOWN_PACKAGE}==1.0.0 \\\n    --hash=sha256:{fake_hash}\n")
    result = run(
        [str(BIN / "pre-commit"), "run", "pip-audit", "--files", "requirements.lock"],
        clean,
        timeout=900,
        **hooks_env(),
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert results(output)[AUDIT_HOOK] == "Failed"
    audited = re.findall(r"could not be audited: (\S+) \(", output)
    assert audited == [UNKNOWN_PACKAGE], output
    assert "cannot reach the advisory service" in output
