"""A project made with ``cruft create`` from the latest release updates to the current commit.

What docs/how-to/update-with-cruft.md tells a user to run, run on this repository as the template
(its local path, never the network): ``cruft create <template> --checkout <commit> --skip .env
--skip .git`` with the default answers (``--no-input``); the project's own git (the post-gen hook's
first commit, then the user's commit of ``.cruft.json`` and an edit); ``cruft check`` (out of
date); ``cruft update --skip-apply-ask --allow-untracked-files`` to the template's HEAD; ``cruft
check`` again (up to date); the project's quick tests. The old commit is the last commit the
changelog names for its latest release; the files compared are those the template changed between
the two commits (git diff), not a fixed list.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from conftest import BIN, ROOT, load_hook, run

CHANGELOG = ROOT / "docs" / "changelog.md"
PAGE = ROOT / "docs" / "how-to" / "update-with-cruft.md"
# The commands the page gives and this test runs (create also takes --checkout and --no-input).
SKIP = ["--skip", ".env", "--skip", ".git"]
UPDATE = ["update", "--skip-apply-ask", "--allow-untracked-files"]
LAST_COMMIT = re.compile(r"The last commit of this release is `([0-9a-f]{7,40})`")
TEMPLATE_DIR = "{{cookiecutter.project_slug}}"
PACKAGE_DIR = "{{cookiecutter.package_name}}"
JINJA = ("{{", "{%", "{#")
USER_LINE = "Our own note, added after generating: it must survive every update."
UNTRACKED = "notes-in-progress.txt"
# The project's quick tests run after the update: its settings, and the pages every variant has.
QUICK_TESTS = ["tests/test_config.py", "tests/test_pages.py"]
# Files the post-gen hook rewrites after rendering (locks pruned, YAML blocks removed): their
# rendered content is not the template's, so they are not compared byte for byte.
POST_GEN = load_hook("post_gen_project")
REWRITTEN = set(POST_GEN.LOCKS) | {path for _condition, path, _starts in POST_GEN.REMOVE_BLOCKS}
# The project's own commits; the post-gen hook commits with the answers' author, not this one.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Cruft Test",
    "GIT_AUTHOR_EMAIL": "cruft-test@example.com",
    "GIT_COMMITTER_NAME": "Cruft Test",
    "GIT_COMMITTER_EMAIL": "cruft-test@example.com",
}


def git(*args: str, cwd: Path = ROOT) -> str:
    """Run git; return its stripped output, failing the test with git's message otherwise."""
    result = run(["git", *args], cwd, **GIT_IDENTITY)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}{result.stdout}"
    return result.stdout.strip()


def cruft(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "cruft"), *args], cwd, **env)


def released_commit() -> str:
    """The last commit of the changelog's latest release (the first one it names)."""
    match = LAST_COMMIT.search(CHANGELOG.read_text(encoding="utf-8"))
    assert match, f"{CHANGELOG.name} names no release's last commit ('{LAST_COMMIT.pattern}')"
    return match[1]


def require_history(commit: str) -> str:
    """The full hash of ``commit``; skip (fail under REQUIRE_SERVICES=1) when the clone lacks it."""
    reason = None
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        reason = "the template is not a git repository here"
    elif git("rev-parse", "--is-shallow-repository") == "true":
        reason = f"shallow clone: the history may lack {commit} (clone the template with full history)"
    elif run(["git", "cat-file", "-e", f"{commit}^{{commit}}"], ROOT).returncode != 0:
        reason = f"the history lacks the release commit {commit}"
    if reason is not None:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
        pytest.skip(reason)
    return git("rev-parse", f"{commit}^{{commit}}")


def project_path(template_path: str, package: str) -> str | None:
    """Where a file of the template lands in a project, or None if its path holds other Jinja."""
    relative = template_path.removeprefix(f"{TEMPLATE_DIR}/").replace(PACKAGE_DIR, package)
    return None if any(mark in relative for mark in JINJA) else relative


def changed_files(old: str, new: str, package: str) -> dict[str, tuple[str, str]]:
    """Files the template modified between the commits whose rendering is the file itself (no Jinja,
    not rewritten by the post-gen hook): project path -> (old content, new content)."""
    names = git("diff", "--name-only", "--diff-filter=M", old, new, "--", TEMPLATE_DIR).splitlines()
    changed = {}
    for name in sorted(names):
        relative = project_path(name, package)
        if relative is None or relative in REWRITTEN or relative == "README.md":
            continue
        contents = (git("show", f"{old}:{name}"), git("show", f"{new}:{name}"))
        if not any(mark in text for text in contents for mark in JINJA):
            changed[relative] = contents
    return changed


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()  # as `git show` prints it, stripped


def installed_cruft() -> str:
    try:
        return version("cruft")
    except PackageNotFoundError:
        pytest.fail("cruft is not installed: pip install --group dev (pyproject.toml pins it)")


def test_page_gives_the_commands_and_version_this_test_runs() -> None:
    page = PAGE.read_text(encoding="utf-8")
    commands = [
        f"pip install cruft=={installed_cruft()}",
        f"cruft create path/to/cookiecutter-secure-flask-ai {' '.join(SKIP)}",
        "cruft check",
        f"cruft {' '.join(UPDATE)}",
        "--checkout <commit or tag>",
    ]
    assert [command for command in commands if command not in page] == []


@pytest.mark.slow
def test_cruft_update_from_the_latest_release_to_head(tmp_path: Path) -> None:
    installed_cruft()
    old = require_history(released_commit())
    head = git("rev-parse", "HEAD")
    assert old != head and git("merge-base", "--is-ancestor", old, head) == "", f"{old} is not before HEAD"
    # cookiecutter's user config (default answers, replay and clone folders) stays out of the test.
    config = tmp_path / "cookiecutterrc.yaml"
    folders = f"cookiecutters_dir: {tmp_path / 'cookiecutters'}\nreplay_dir: {tmp_path / 'replay'}\n"
    config.write_text(folders, encoding="utf-8")
    env = {"COOKIECUTTER_CONFIG": str(config)}

    # Generate from the release, as the page says: the project's git is the post-gen hook's.
    created = cruft(["create", str(ROOT), *SKIP, "--checkout", old, "--no-input"], tmp_path, env)
    assert created.returncode == 0, created.stdout + created.stderr
    [project] = [found.parent for found in tmp_path.glob("*/.cruft.json")]
    state = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    answers = state["context"]["cookiecutter"]
    assert (state["template"], state["commit"], state["skip"]) == (str(ROOT), old, [".env", ".git"])
    assert git("rev-list", "--count", "HEAD", cwd=project) == "1", "the post-gen hook's first commit"

    changed = changed_files(old, head, answers["package_name"])
    compared = {path: texts for path, texts in changed.items() if read(project / path) == texts[0].strip()}
    assert compared, f"no file the template changed between {old[:7]} and HEAD could be compared: {changed}"
    compared = dict(list(compared.items())[:2])

    # The user's own work: a committed edit and .cruft.json, and an untracked file.
    readme = project / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + f"\n{USER_LINE}\n", encoding="utf-8")
    git("add", "README.md", ".cruft.json", cwd=project)
    git("commit", "-q", "--no-verify", "-m", "Link to the template with cruft; our README note", cwd=project)
    (project / UNTRACKED).write_text("half-written\n", encoding="utf-8")
    secrets = (project / ".env").read_text(encoding="utf-8")
    first_commit = git("rev-list", "--max-parents=0", "HEAD", cwd=project)

    checked = cruft(["check"], project, env)
    assert checked.returncode == 1 and "out of date" in checked.stdout, checked.stdout + checked.stderr

    updated = cruft(UPDATE, project, env)
    assert updated.returncode == 0 and "has been updated" in updated.stdout, updated.stdout + updated.stderr

    state = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    assert state["commit"] == head, ".cruft.json records the template's HEAD"
    saved = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    released = json.loads(git("show", f"{head}:cookiecutter.json"))["_template_version"]
    assert saved["_template_version"] == released, ".cookiecutter.json records the template's release"
    for path, (before, after) in compared.items():
        assert read(project / path) == after.strip(), f"{path} has the template's new content"
        assert before.strip() != after.strip()
    assert read(readme).endswith(USER_LINE), "the user's README line survives"
    assert (project / UNTRACKED).read_text(encoding="utf-8") == "half-written\n"
    assert (project / ".env").read_text(encoding="utf-8") == secrets, "skipped: the secrets stay"
    assert git("rev-list", "--max-parents=0", "HEAD", cwd=project) == first_commit, "skipped: the same git"
    assert sorted(project.rglob("*.rej")) == [], "every hunk applied"
    markers = run(["git", "grep", "-n", "-E", "^(<<<<<<<|>>>>>>>) "], project)
    assert markers.returncode == 1, f"conflict markers:\n{markers.stdout}"

    checked = cruft(["check"], project, env)
    assert checked.returncode == 0 and "up to date" in checked.stdout, checked.stdout + checked.stderr

    tests = run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *QUICK_TESTS], project)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
