"""The HTTP API page: its OpenAPI copy is what a default bake serves, and it renders all of it."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from conftest import ROOT, bake

pytestmark = pytest.mark.xdist_group("http_api_doc")

SNAPSHOT = ROOT / "docs" / "reference" / "openapi.json"
PAGE = ROOT / "docs" / "reference" / "http-api.md"
HOOK = "docs/_hooks/http_api.py"
METHODS = ("get", "post", "put", "patch", "delete")


def load_module(path: Path) -> ModuleType:
    """Import a script or docs hook by its path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    """The hook as mkdocs.yml registers it (a missing entry would leave the page empty, silently)."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    hooks = load_config(str(ROOT / "mkdocs.yml"))["hooks"]
    assert HOOK in hooks, f"mkdocs.yml does not list {HOOK} under hooks:"
    module: ModuleType = hooks[HOOK]
    return module


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return document


@pytest.mark.slow
def test_snapshot_is_what_a_default_bake_serves(
    tmp_path_factory: pytest.TempPathFactory, committed: dict[str, Any]
) -> None:
    script = load_module(ROOT / "scripts" / "openapi_snapshot.py")
    served = script.served(bake(tmp_path_factory.mktemp("openapi-bake")))
    assert committed == served, (
        f"{SNAPSHOT.relative_to(ROOT)} differs from GET /api/v1/openapi.json of a default bake: "
        "run `.venv/bin/python scripts/openapi_snapshot.py` and commit the result"
    )
    assert SNAPSHOT.read_text(encoding="utf-8") == script.dumps(served), "not in the script's format"


def test_page_renders_every_operation_and_status(hook: ModuleType, committed: dict[str, Any]) -> None:
    page = SimpleNamespace(file=SimpleNamespace(src_uri="reference/http-api.md"))
    markdown = hook.on_page_markdown(PAGE.read_text(encoding="utf-8"), page, None, None)
    assert hook.PLACEHOLDER not in markdown
    operations = [
        (path, method, item[method])
        for path, item in committed["paths"].items()
        for method in METHODS
        if method in item
    ]
    assert len(operations) >= 7
    for path, method, operation in operations:
        heading = f"\n### `{method.upper()} {path}` {{#op-{operation['operationId']}}}\n"
        assert heading in markdown, f"no section for {method.upper()} {path}"
        section = markdown.split(heading, 1)[1].split("\n### ", 1)[0]
        for status in operation["responses"]:
            shown = "any other" if status == "default" else f"`{status}`"
            assert f"| {shown} | " in section, f"{method.upper()} {path}: status {status} not rendered"
        for parameter in operation.get("parameters", []):
            assert f"| `{parameter['name']}` | {parameter['in']} |" in section
    for name, schema in committed["components"]["schemas"].items():
        assert f"### `{name}` {{#schema-{name}}}" in markdown, f"schema {name} not rendered"
        for field in schema.get("properties", {}):
            assert f"| `{field}` | " in markdown, f"field {name}.{field} not rendered"
