"""The how-to guides that build on a generated project, followed to the letter on a default bake.

Each page is the single source of truth for its steps, written in fenced blocks that this module
reads in page order (the convention the pages state in their "How this page is tested" note):

- a block with ``title="<path>"`` creates that file with exactly the block's text;
- a ``diff`` block with ``title="<path>"`` edits an existing file: lines starting with a space are
  unchanged context, ``-`` lines are removed, ``+`` lines added; the context and removed lines
  must appear once, in that order, in the file;
- a ``bash`` block is a step: its commands run in the project folder with this environment's
  tools on ``PATH`` (``flask``, ``python``, ``ruff``, ``mypy``), and must succeed;
- any other block (``text``, ``console``, untitled ``python``) is shown, never run.

A page that continues another (``CONTINUES``) gets that page's files first. Every page must end by
running its own test file with pytest, ``ruff check`` and ``mypy``, so a step that no longer fits
the generated project fails here. The bake is made, and mypy's cache warmed, once per module.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BIN, ROOT, bake, once_per_run

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("howtos")]

HOWTO = ROOT / "docs" / "how-to"
# page -> the page whose files it builds on
CONTINUES = {
    "protect-a-route.md": None,
    "add-a-rate-limit.md": "protect-a-route.md",
    "add-an-encrypted-column.md": None,
    "add-an-audit-event.md": "protect-a-route.md",
    "add-an-ai-provider.md": None,
}
FENCE = re.compile(r"^(`{3,})([^\n`]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
TITLE = re.compile(r'\btitle="([^"]+)"')


@dataclass(frozen=True)
class Block:
    """One fenced block of a page: its language, title (a path, or None) and text."""

    page: str
    line: int
    language: str
    title: str | None
    text: str

    @property
    def where(self) -> str:
        return f"docs/how-to/{self.page}:{self.line}"


def blocks(page: str) -> list[Block]:
    """The page's top-level fenced blocks, in order."""
    source = (HOWTO / page).read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(source):
        info = m.group(2).strip()
        title = TITLE.search(info)
        found.append(
            Block(
                page,
                source.count("\n", 0, m.start()) + 1,
                info.split()[0] if info else "",
                title.group(1) if title else None,
                m.group(3),
            )
        )
    return found


def edit(block: Block, path: Path) -> None:
    """Apply a ``diff`` block to the file it names."""
    old, new = [], []
    for line in block.text.splitlines():
        mark, rest = line[:1], line[1:]
        if mark not in {"", " ", "-", "+"}:
            raise AssertionError(f"{block.where}: a diff line starts with {mark!r}, not ' ', '-' or '+'")
        if mark in {"", " ", "-"}:
            old.append(rest)
        if mark in {"", " ", "+"}:
            new.append(rest)
    assert path.is_file(), f"{block.where}: {block.title} does not exist in the project"
    source = "\n" + path.read_text(encoding="utf-8")
    before, after = "\n" + "\n".join(old) + "\n", "\n" + "\n".join(new) + "\n"
    count = source.count(before)
    assert count == 1, f"{block.where}: the lines this diff changes appear {count} times in {block.title}"
    path.write_text(source.replace(before, after)[1:], encoding="utf-8")


def apply(block: Block, project: Path) -> None:
    """Write or edit the file a titled block names."""
    assert block.title, block.where
    path = project / block.title
    if block.language == "diff":
        edit(block, path)
        return
    assert not path.exists(), f"{block.where}: {block.title} exists; change it with a diff block"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(block.text, encoding="utf-8")


def environment(project: Path) -> dict[str, str]:
    """This environment's tools first on PATH, the project importable, no FLASK_* of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    env["PYTHONPATH"] = str(project / "src")  # a reader's `make install` installs it instead
    return env


def follow(page: str, project: Path) -> list[str]:
    """Apply every titled block of ``page`` and run its bash blocks, in order; return the commands."""
    commands = []
    for block in blocks(page):
        if block.title:
            apply(block, project)
        elif block.language == "bash":
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", block.text],
                cwd=project,
                env=environment(project),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            output = f"{result.stdout}\n{result.stderr}"[-6000:]
            assert result.returncode == 0, f"{block.where}: the step failed:\n{block.text}\n{output}"
            commands += [line.strip() for line in block.text.splitlines() if line.strip()]
    return commands


@pytest.fixture(scope="module")
def baked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A default bake, its mypy cache warm (each copy then checks only what its guide changed).

    Made once per run for every test process, under a file lock (the guides' tests may run in
    both xdist workers); each test works on its own copy."""
    with once_per_run(tmp_path_factory, "howto-bake") as shared:
        checked = shared / "mypy-passed"
        if not checked.exists():
            shutil.rmtree(shared, ignore_errors=True)
            project = bake(shared)
            result = subprocess.run(
                [str(BIN / "mypy")],
                cwd=project,
                env=environment(project),
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, f"the default bake fails mypy before any guide:\n{result.stdout}"
            checked.write_text(str(project))
        return Path(checked.read_text())


@pytest.mark.parametrize("page", list(CONTINUES))
def test_guide(page: str, baked: Path, tmp_path: Path) -> None:
    project = tmp_path / baked.name
    shutil.copytree(baked, project, symlinks=True)  # copy2 keeps mtimes: mypy's cache stays valid
    if CONTINUES[page]:
        for block in blocks(CONTINUES[page]):
            if block.title:
                apply(block, project)
    titled = [b for b in blocks(page) if b.title]
    tests = [b.title for b in titled if b.title.startswith("tests/") and b.language != "diff"]
    assert tests, f"docs/how-to/{page} writes no test file under tests/"
    assert titled[-1].title == tests[-1], f"docs/how-to/{page}: the test file is not the last file"
    commands = follow(page, project)
    ran = " ".join(commands)
    for name in tests:
        assert any("pytest" in c and name in c for c in commands), f"{page} never runs {name}"
    for tool in ("ruff check", "ruff format --check", "mypy"):
        assert tool in ran, f"docs/how-to/{page} does not run `{tool}` after its changes"
