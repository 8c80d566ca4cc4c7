"""The app uses other packages through their public APIs only (checked on the source's syntax tree).

A Dependabot bump of Flask, the security extensions or SQLAlchemy must not break the app in a way
these tests would not show. So no module of the app:

- imports an underscore name or module of another package (``from somelib._impl import Thing``);
- reads an underscore attribute of another package's object (``request._cached_json``), except
  the few that are documented as public API (listed in ``DOCUMENTED``);
- overrides an underscore method or attribute of another package's class (checked on the imported
  classes), or calls one through ``super()``;
- assigns into another package's module (``somelib.REGISTRY["x"] = ...``), or registers a class
  into a library's global registry by declaring it (the rate-limit storage's ``STORAGE_SCHEME``).
"""

from __future__ import annotations

import ast
import importlib
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import {{ cookiecutter.package_name }}

PACKAGE = Path({{ cookiecutter.package_name }}.__file__).parent
#: Underscore attributes that their packages document as public.
DOCUMENTED = {
    "_get_current_object",  # werkzeug's LocalProxy; Flask's docs: "Notes On Proxies"
    "_replace",  # namedtuple / urllib.parse results (the underscore avoids field-name clashes)
    "_asdict",
    "_fields",
    "_make",
}
#: Class attributes through which declaring a subclass writes into a library's global registry.
REGISTERING = {"STORAGE_SCHEME"}  # limits: a subclass replaces the scheme for the whole process


METHODS = (types.FunctionType, staticmethod, classmethod, property)


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class Finder(ast.NodeVisitor):
    """Collects each use of another package's internals as "line: what"."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.modules: set[str] = set()  # names bound to imported modules (``import x.y as z``)
        self.imported: set[str] = set()  # names bound by ``from other import name``

    def report(self, node: ast.AST, what: str) -> None:
        self.found.append(f"{getattr(node, 'lineno', 0)}: {what}")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if any(private(part) for part in alias.name.split(".")):
                self.report(node, f"import {alias.name}")
            self.modules.add(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:  # our own package
            return
        if any(private(part) for part in (node.module or "").split(".")):
            self.report(node, f"from {node.module} import ...")
        for alias in node.names:
            if private(alias.name):
                self.report(node, f"from {node.module} import {alias.name}")
            self.imported.add(alias.asname or alias.name)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        # An underscore attribute of an imported name or module (``request._x``, ``flask.g._x``).
        if private(node.attr) and node.attr not in DOCUMENTED and self._foreign(node.value):
            self.report(node, f"reads .{node.attr}")
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if any(self._foreign(base) for base in node.bases):
            for item in node.body:
                targets = item.targets if isinstance(item, ast.Assign) else []
                if isinstance(item, ast.AnnAssign):
                    targets = [item.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id in REGISTERING:
                        self.report(item, f"{node.name} registers itself through {target.id}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and private(func.attr)
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
        ):
            self.report(node, f"super().{func.attr}()")
        self.generic_visit(node)

    def _assigns(self, targets: list[ast.expr], node: ast.AST) -> None:
        for target in targets:
            root = target
            while isinstance(root, ast.Attribute | ast.Subscript):
                root = root.value
            if root is not target and isinstance(root, ast.Name) and root.id in self.modules:
                self.report(node, f"assigns into module {root.id}")

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigns(node.targets, node)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._assigns([node.target], node)
        self.generic_visit(node)

    def _foreign(self, base: ast.expr) -> bool:
        if isinstance(base, ast.Name):
            return base.id in self.imported
        while isinstance(base, ast.Attribute):
            base = base.value
        return isinstance(base, ast.Name) and base.id in self.modules


def internals(source: str) -> list[str]:
    finder = Finder()
    finder.visit(ast.parse(source))
    return finder.found


def modules() -> Iterator[Path]:
    yield from sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def overridden(cls: type) -> list[str]:
    """The underscore methods ``cls`` redefines from a class of another package (attributes that a
    metaclass sets, such as ``_abc_impl``, are not the class author's)."""
    return [
        f"{cls.__qualname__}.{name} overrides {base.__module__}.{base.__qualname__}.{name}"
        for name, value in vars(cls).items()
        if private(name) and isinstance(value, METHODS)
        for base in cls.__mro__[1:]
        if not base.__module__.startswith(PACKAGE.name) and name in vars(base)
    ]


@pytest.mark.parametrize("path", list(modules()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_app_uses_public_apis_only(path: Path) -> None:
    assert internals(path.read_text(encoding="utf-8")) == []


# wsgi.py builds the production app when imported, and defines no class.
@pytest.mark.parametrize(
    "path", [p for p in modules() if p.name != "wsgi.py"], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_class_of_the_app_overrides_a_library_internal(path: Path) -> None:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    module = importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    classes = [c for c in vars(module).values() if isinstance(c, type) and c.__module__ == module.__name__]
    assert [line for cls in classes for line in overridden(cls)] == []


@pytest.mark.parametrize(
    "source",
    [
        "from somelib._impl import Thing",
        "import somelib._storage_scheme",
        "from somelib.sub import _private",
        "import flask\nflask.request._cached_json",
        "from somelib.storage import Storage\nclass S(Storage):\n    STORAGE_SCHEME = ['redis']",
        "import somelib.storage\nsomelib.storage.SCHEMES['redis'] = object",
        "from flask import Flask\nclass A(Flask):\n    def run(self):\n        super()._find_handler()",
    ],
)
def test_each_kind_of_internal_use_is_found(source: str) -> None:
    assert internals(source), source


def test_an_override_of_a_library_internal_is_found() -> None:
    import logging

    from flask import Flask

    class Overriding(Flask):
        def _find_error_handler(self, *args: Any) -> None: ...

    class OwnHelpers(logging.Filter):
        def _literals(self) -> list[str]:
            return []

    assert overridden(Overriding) and overridden(OwnHelpers) == []


def test_public_uses_are_not_reported() -> None:
    source = (
        "from flask import current_app\nfrom urllib.parse import urlsplit\n"
        "app = current_app._get_current_object()\nurlsplit('http://x')._replace(path='/')\n"
        "class Own:\n    def _helper(self):\n        return self._value\n"
    )
    assert internals(source) == []
