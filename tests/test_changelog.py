"""docs/changelog.md keeps the Keep a Changelog layout, and its latest release is the version a bake records.

``_template_version`` in cookiecutter.json names the latest release; the post-gen hook saves it in
the generated project's ``.cookiecutter.json``, so a project says which release it was baked with.
"""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import OPTIONS, ROOT, bake

CHANGELOG = ROOT / "docs" / "changelog.md"
VERSION = re.compile(r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>\d{4}-\d{2}-\d{2})$", re.MULTILINE)
SECTION = re.compile(r"^### (.+)$", re.MULTILINE)
# Keep a Changelog 1.1.0's kinds of change.
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def releases() -> list[tuple[tuple[int, ...], date]]:
    """(version, date) of each released version, in the order the changelog lists them."""
    return [
        (tuple(int(part) for part in m["version"].split(".")), date.fromisoformat(m["date"]))
        for m in VERSION.finditer(CHANGELOG.read_text(encoding="utf-8"))
    ]


def test_unreleased_comes_first_then_releases_newest_first() -> None:
    text = CHANGELOG.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[0] == "[Unreleased]", "the first section is [Unreleased]"
    found = releases()
    assert len(headings) == len(found) + 1, f"a release heading is not '## [X.Y.Z] - YYYY-MM-DD': {headings}"
    assert found == sorted(found, reverse=True), "releases are listed newest first, dates too"


def test_sections_are_kinds_of_change() -> None:
    kinds = set(SECTION.findall(CHANGELOG.read_text(encoding="utf-8")))
    assert kinds <= KINDS, f"not a Keep a Changelog section: {sorted(kinds - KINDS)}"


def test_latest_release_is_the_template_version() -> None:
    latest = ".".join(map(str, releases()[0][0]))
    assert OPTIONS["_template_version"] == latest, (
        f"cookiecutter.json's _template_version is {OPTIONS['_template_version']}, the changelog's "
        f"latest release is {latest}: set one to the other when releasing"
    )


def test_a_bake_records_the_template_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = bake(tmp_path)
    saved = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert saved["_template_version"] == OPTIONS["_template_version"]
