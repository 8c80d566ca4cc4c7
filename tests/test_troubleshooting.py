"""docs/how-to/troubleshooting.md quotes the generated app exactly and covers every deploy check.

Every line of a ``text`` code block on the page is something a user sees: a status line, a header,
a page's text, a JSON body, a command's output, a field of a log record. Each must occur in a
project baked with the default answers, verbatim in its ``src/`` or in what the project produces
when tests/troubleshooting_scenarios.py replays the page's situations (one subprocess). On the
page, ``…`` stands for a part that varies (a request id, a port, a count, a hash) and matches any
run of characters within one line.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, bake

pytestmark = pytest.mark.xdist_group("troubleshooting")

PAGE = ROOT / "docs" / "how-to" / "troubleshooting.md"
SCENARIOS = Path(__file__).with_name("troubleshooting_scenarios.py")
QUOTE = re.compile(r"^```text[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
# A row of the page's table of deploy checks: the id (maybe a link), then its severity.
CHECK_ROW = re.compile(r"^\|\s*\[?`(SFA-[A-Z][0-9]{3})`\]?(?:\([^)]*\))?\s*\|\s*(\w+)\s*\|", re.MULTILINE)


def quoted_lines(markdown: str) -> list[str]:
    """The non-blank lines of the page's ``text`` blocks, stripped, in order."""
    return [line.strip() for block in QUOTE.findall(markdown) for line in block.splitlines() if line.strip()]


def pattern(line: str) -> re.Pattern[str]:
    """A quoted line as a search pattern: literal, but ``…`` matches anything within one line."""
    return re.compile(r"[^\n]*?".join(re.escape(part) for part in line.split("…")))


def findings(package: Path) -> dict[str, str]:
    """{check id: severity} of every ``Finding(...)`` call in the package, read with ast."""
    found = {}
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Finding":
                check, severity = (arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant))
                found[check] = severity
    return found


@pytest.fixture(scope="module")
def baked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(project, package, everything the page may quote: the src/ files and the scenarios' output)."""
    project = bake(tmp_path_factory.mktemp("troubleshooting-bake"))
    package = next(p for p in (project / "src").iterdir() if (p / "__init__.py").is_file())
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(project / "src"), str(project / "tests")])
    result = subprocess.run(
        [sys.executable, "-P", str(SCENARIOS), str(project)],  # -P: the bake's conftest, not ours
        cwd=tmp_path_factory.mktemp("troubleshooting-run"),  # no .env here
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"the scenarios failed:\n{result.stderr[-4000:]}"
    sources = [
        path.read_text(encoding="utf-8")
        for path in sorted((project / "src").rglob("*"))
        if path.suffix in {".py", ".html"}
    ]
    return project, package, "\n".join([result.stdout, result.stderr, *sources])


def test_the_page_quotes_in_text_blocks() -> None:
    lines = quoted_lines(PAGE.read_text(encoding="utf-8"))
    assert len(lines) > 60, f"only {len(lines)} quoted lines found: the scan itself is broken"


def test_every_quoted_line_is_what_the_app_says(baked: tuple[Path, Path, str]) -> None:
    _project, _package, said = baked
    lines = quoted_lines(PAGE.read_text(encoding="utf-8"))
    missing = [line for line in dict.fromkeys(lines) if not pattern(line).search(said)]
    assert not missing, (
        f"{len(missing)} of {len(lines)} lines quoted by {PAGE.relative_to(ROOT)} are neither in the "
        "baked src/ nor produced by tests/troubleshooting_scenarios.py:\n" + "\n".join(missing)
    )


def test_every_deploy_check_has_a_row_with_its_severity(baked: tuple[Path, Path, str]) -> None:
    _project, package, _said = baked
    produced = findings(package)
    assert len(produced) > 50, "the Finding scan is broken"
    listed = dict(CHECK_ROW.findall(PAGE.read_text(encoding="utf-8")))
    assert sorted(set(produced) - set(listed)) == [], "deploy checks missing from the page's table"
    assert sorted(set(listed) - set(produced)) == [], "the page's table lists checks the app lacks"
    wrong = {check: (listed[check], code) for check, code in produced.items() if listed[check] != code}
    assert wrong == {}, f"(page, code) severities differ: {wrong}"
