"""The feature manifest (``_features`` in cookiecutter.json) against everything that reads it.

The pre-gen hook takes its combination rules from it, the post-gen hook its pruning tables, the
bake tests their markers and dependency checks, and the options page its tables. These tests check
that each entry is true of the template: its paths exist, its settings are the defaults of its own
files and are documented, its dependencies are pinned, its page exists.
"""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import OPTIONS, ROOT, TEMPLATE, load_hook

PRE = load_hook("pre_gen_project")
POST = load_hook("post_gen_project")
FEATURES: dict[str, dict[str, Any]] = OPTIONS["_features"]
PACKAGE = TEMPLATE / "src" / "{{cookiecutter.package_name}}"
KNOWN_KEYS = {
    "effect",
    "docs",
    "note",
    "requires",
    "excludes",
    "paths",
    "yaml_blocks",
    "yaml_blocks_when_on",
    "dependencies",
    "settings",
    "markers",
}
DEFAULTS_KEY = re.compile(r'^    "([A-Z][A-Z0-9_]+)":', re.MULTILINE)


def options_hook() -> Any:
    spec = importlib.util.spec_from_file_location("options_hook", ROOT / "docs" / "_hooks" / "options.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_condition(condition: str) -> bool:
    """A condition names an option of cookiecutter.json and one of its values."""
    option, value = PRE.parse_condition(condition)
    default = OPTIONS.get(option)
    if option.startswith("_") or default is None:
        return False
    if isinstance(default, bool):
        return value in {"true", "false"}
    return isinstance(default, list) and value in default


def python_files(feature: str) -> list[Path]:
    """The Python files among a feature's paths (folders searched)."""
    files: list[Path] = []
    for path in FEATURES[feature].get("paths", ()):
        target = TEMPLATE / path.format(pkg="src/{{cookiecutter.package_name}}")
        if target.is_dir():
            files += sorted(target.rglob("*.py"))
        elif target.suffix == ".py":
            files.append(target)
    return files


@pytest.mark.parametrize("feature", FEATURES)
def test_entry_names_real_options_and_known_keys(feature: str) -> None:
    entry = FEATURES[feature]
    assert real_condition(feature), feature
    assert set(entry) <= KNOWN_KEYS, set(entry) - KNOWN_KEYS
    for other in [*entry.get("requires", {}), *entry.get("excludes", {})]:
        assert real_condition(other), f"{feature}: {other}"
    assert entry["effect"].strip()


@pytest.mark.parametrize("feature", FEATURES)
def test_docs_page_exists(feature: str) -> None:
    assert (ROOT / "docs" / FEATURES[feature]["docs"]).is_file()


@pytest.mark.parametrize("feature", [f for f in FEATURES if FEATURES[f].get("settings")])
def test_settings_are_the_defaults_of_the_feature_files_and_documented(feature: str) -> None:
    """Each listed setting is read by the feature's own files, and each default they declare is listed."""
    sources = [path.read_text("utf-8") for path in python_files(feature)]
    declared = {key for text in sources for key in DEFAULTS_KEY.findall(text)}
    listed = set(FEATURES[feature]["settings"])
    # A file shared by two features (the lockout) declares settings listed under one of them.
    others = {s for f, e in FEATURES.items() if f != feature for s in e.get("settings", ())}
    unread = [name for name in listed if not any(f'"{name}"' in text for text in sources)]
    assert not unread, f"listed but not read by {feature}'s files: {unread}"
    assert declared - others <= listed, f"defaults not listed: {sorted(declared - others - listed)}"
    page = (ROOT / "docs" / "reference" / "settings.md").read_text("utf-8")
    undocumented = [name for name in listed if f"| `{name}` |" not in page]
    assert not undocumented, f"missing from docs/reference/settings.md: {undocumented}"


def test_every_feature_module_default_has_one_owner() -> None:
    owners: dict[str, list[str]] = {}
    for feature, entry in FEATURES.items():
        for name in entry.get("settings", ()):
            owners.setdefault(name, []).append(feature)
    assert {name: f for name, f in owners.items() if len(f) > 1} == {}


@pytest.mark.parametrize("feature", [f for f in FEATURES if FEATURES[f].get("dependencies")])
def test_dependencies_are_pinned_in_the_template(feature: str) -> None:
    pyproject = (TEMPLATE / "pyproject.toml").read_text("utf-8")
    for name in FEATURES[feature]["dependencies"]:
        assert re.search(rf'"{re.escape(name)}(\[[a-z,]+\])?==', pyproject), name


def test_the_hooks_take_their_tables_from_the_manifest() -> None:
    requires = {(f, need) for f, e in FEATURES.items() for need in e.get("requires", {})}
    assert {(condition, need) for condition, need, _ in PRE.COMBINATION_RULES} == requires
    removed = {(POST.switched_off(f), path) for f, e in FEATURES.items() for path in e.get("paths", ())}
    assert {(c, p) for c, paths in POST.REMOVE_PATHS for p in paths} == removed
    blocks = sum(
        len(e.get(key, {})) for e in FEATURES.values() for key in ("yaml_blocks", "yaml_blocks_when_on")
    )
    assert len(POST.REMOVE_BLOCKS) == blocks


@pytest.mark.parametrize("name", ["as_text", "parse_condition", "condition_holds", "load_features"])
def test_the_two_hooks_share_the_same_helpers(name: str) -> None:
    assert inspect.getsource(getattr(PRE, name)) == inspect.getsource(getattr(POST, name))


def test_a_rendered_context_without_the_manifest_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert PRE.load_features(json.dumps({"use_login": True})) == {}
    assert PRE.load_features(json.dumps({"_features": {"use_x": {}}})) == {"use_x": {}}
    monkeypatch.setattr(PRE, "FEATURES", {})
    [error] = PRE.validate({})
    assert "_features" in error


def test_switched_off_and_negated_conditions() -> None:
    assert POST.switched_off("use_login") == "use_login=false"
    assert POST.switched_off("database=postgresql") == "database!=postgresql"
    assert POST.condition_holds({"database": "sqlite"}, "database!=postgresql")
    assert not POST.condition_holds({"database": "postgresql"}, "database!=postgresql")


def test_an_exclusion_rule_is_refused_with_both_options() -> None:
    rules = (("use_docker", "database=postgresql", "a reason"),)
    answers = {"use_docker": True, "database": "postgresql"}
    assert PRE.exclusion_errors(answers, rules) == [
        "use_docker=true excludes database=postgresql (a reason); change one of the two."
    ]
    assert PRE.exclusion_errors({**answers, "database": "sqlite"}, rules) == []


def test_the_options_page_renders_the_manifest() -> None:
    hook = options_hook()
    summary = hook.render_summary(OPTIONS)
    rules = hook.render_rules(OPTIONS)
    options = [k for k in OPTIONS if not k.startswith("_")]
    assert [line.split("|")[1].strip() for line in summary.splitlines()[2:]] == [f"`{o}`" for o in options]
    for feature, entry in FEATURES.items():
        assert f"(../{entry['docs']})" in summary, feature
        assert entry["effect"] in summary, feature
        for why in entry.get("requires", {}).values():
            assert why in rules
    page = (ROOT / "docs" / "reference" / "options.md").read_text("utf-8")
    assert hook.SUMMARY in page and hook.RULES in page
