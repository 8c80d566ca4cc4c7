"""The control matrix (docs/control-matrix.yml): complete, and every file and test it names exists."""

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "docs" / "control-matrix.yml"
PROJECT = ROOT / "{{cookiecutter.project_slug}}"
PACKAGE = "src/{{cookiecutter.package_name}}"
CHECKLIST_SIZE = 48
ROW_KEYS = {"checklist", "area", "threat", "refs", "control", "settings", "files", "tests"}
JINJA_VALUE = re.compile(r"\{\{.*?\}\}")
REFERENCE = re.compile(r"^(ASVS V\d+(\.\d+)*( \(4\.0\.3\))?|LLM(0[1-9]|10)|.+)$")


def load() -> dict:
    return yaml.safe_load(MATRIX.read_text(encoding="utf-8"))


def project_path(path: str) -> Path:
    return PROJECT / path.replace("{pkg}", PACKAGE)


@cache
def defined_tests(path: Path) -> frozenset[str]:
    """Names of the test functions (module level or in classes) of a test file, read with ast."""
    # Template files may hold Jinja values (`from {{ cookiecutter.package_name }} import ...`):
    # an identifier stands in for them, as cookiecutter would put one there.
    tree = ast.parse(JINJA_VALUE.sub("templated", path.read_text(encoding="utf-8")))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
    )


def missing_references(row: dict) -> list[str]:
    """The files and tests a row names that do not exist."""
    missing = [f"file {f}" for f in row["files"] if not project_path(f).exists()]
    targets = [(project_path(t.split("::")[0]), t) for t in row.get("tests") or []]
    targets += [(ROOT / t.split("::")[0], f"template {t}") for t in row.get("template_tests") or []]
    for path, name in targets:
        file, _, function = name.split(" ")[-1].partition("::")
        if not function:
            missing.append(f"{name}: no ::test_function")
        elif not path.is_file():
            missing.append(f"{name}: no file {file}")
        elif function not in defined_tests(path):
            missing.append(f"{name}: no function {function} in {file}")
    return missing


def rows() -> list[dict]:
    return load()["rows"]


def row_id(row: dict) -> str:
    return "item-" + "-".join(str(n) for n in row["checklist"])


def test_the_checklist_copy_has_every_item_once() -> None:
    checklist = load()["checklist"]
    assert sorted(int(n) for n in checklist) == list(range(1, CHECKLIST_SIZE + 1))
    assert all(isinstance(title, str) and title.strip() for title in checklist.values())


def test_the_copy_matches_the_shared_checklist_when_it_is_there() -> None:
    shared = ROOT.parent / "shared" / "SECURITY-CHECKLIST.md"
    if not shared.is_file():
        pytest.skip("../shared/SECURITY-CHECKLIST.md is not beside the repository (the YAML holds a copy)")
    numbers = {int(m) for m in re.findall(r"^(\d+)\. ", shared.read_text(encoding="utf-8"), re.MULTILINE)}
    assert numbers == set(range(1, CHECKLIST_SIZE + 1)), "the shared checklist changed: update the YAML copy"


def test_every_checklist_item_has_a_row_or_a_reason() -> None:
    matrix = load()
    not_applicable = {int(n): reason for n, reason in (matrix.get("not_applicable") or {}).items()}
    assert all(isinstance(r, str) and len(r) > 10 for r in not_applicable.values()), "give each a reason"
    covered = {int(n) for row in matrix["rows"] for n in row["checklist"]}
    assert not covered & set(not_applicable), "an item is both covered and not applicable"
    uncovered = set(range(1, CHECKLIST_SIZE + 1)) - covered - set(not_applicable)
    assert not uncovered, f"checklist items with neither a row nor a reason: {sorted(uncovered)}"
    assert covered <= set(range(1, CHECKLIST_SIZE + 1)), "a row names an item the checklist lacks"


@pytest.mark.parametrize("row", rows(), ids=row_id)
def test_each_row_is_complete(row: dict) -> None:
    assert set(row) >= ROW_KEYS, f"missing keys: {sorted(ROW_KEYS - set(row))}"
    assert row["files"], "name the file that implements the control"
    assert row["tests"] or row.get("template_tests"), "name the test that proves the control"
    assert all(REFERENCE.match(ref) for ref in row["refs"])
    options = {k for k in yaml.safe_load((ROOT / "cookiecutter.json").read_text()) if not k.startswith("_")}
    assert row.get("option") is None or row["option"] in options, f"unknown option {row.get('option')}"


@pytest.mark.parametrize("row", rows(), ids=row_id)
def test_every_file_and_test_named_exists(row: dict) -> None:
    missing = missing_references(row)
    if row.get("pending"):
        assert missing, f"everything this row names exists now: remove its `pending: {row['pending']}`"
        pytest.skip(f"pending: {row['pending']} ({len(missing)} references still missing)")
    assert not missing, "the matrix names what does not exist:\n" + "\n".join(missing)


def test_the_checker_sees_a_missing_test() -> None:
    row = {"files": ["{pkg}/config.py"], "tests": ["tests/test_config.py::test_nothing"]}
    assert missing_references(row) == [
        "tests/test_config.py::test_nothing: no function test_nothing in tests/test_config.py"
    ]
    assert missing_references({"files": ["{pkg}/nothing.py"], "tests": []}) == ["file {pkg}/nothing.py"]


def test_the_page_is_rendered_from_the_yaml() -> None:
    spec = importlib.util.spec_from_file_location(
        "control_matrix", ROOT / "docs" / "_hooks" / "control_matrix.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = (ROOT / "docs" / "reference" / "control-matrix.md").read_text(encoding="utf-8")
    assert hook.PLACEHOLDER in page, "the page must hold the placeholder, not a hand-copied table"
    rendered = hook.render(load(), "https://example.invalid/repo")
    assert "**missing**" not in rendered
    for row in rows():
        assert row["threat"].replace("|", "\\|") in rendered


def test_each_area_is_a_section_with_its_own_table() -> None:
    """One heading (so a table-of-contents entry) and one table per area, each a few screens at most."""
    spec = importlib.util.spec_from_file_location(
        "control_matrix", ROOT / "docs" / "_hooks" / "control_matrix.py"
    )
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    grouped = hook.areas(rows())
    rendered = hook.render(load())
    headings = re.findall(r"^## (.+)$", rendered, re.MULTILINE)
    assert headings == [*grouped, "Checklist coverage"]
    assert rendered.count("| # | Threat and control |") == len(grouped)
    # Rows of one area sit together in the YAML, so the file reads in the page's order.
    areas_in_order = [row["area"] for row in rows()]
    assert areas_in_order == sorted(areas_in_order, key=list(grouped).index)
    assert all(1 <= len(area_rows) <= 8 for area_rows in grouped.values()), "split an area of over 8 rows"
