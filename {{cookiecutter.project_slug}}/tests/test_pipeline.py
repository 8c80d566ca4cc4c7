"""The security pipeline's order is one list, ``security.PIPELINE``, and the app follows it.

A control module missing from the list would never be bound (its protection silently absent); a
request hook registered out of order would let a later control act before an earlier one (the
limiter keying on an address before ``ProxyFix`` settled it, a view's write before the refusal
budget refused).
"""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask

from {{ cookiecutter.package_name }} import security


def test_every_control_module_is_in_the_pipeline_once() -> None:
    present = {
        info.name
        for info in pkgutil.iter_modules(security.__path__)
        if hasattr(importlib.import_module(f"{security.__name__}.{info.name}"), "init_app")
    }
    assert len(set(security.PIPELINE)) == len(security.PIPELINE)
    assert present - {"checks"} <= set(security.PIPELINE)  # checks binds last, after the pipeline
    assert "checks" not in security.PIPELINE


def test_the_controls_bound_are_the_present_ones_in_pipeline_order() -> None:
    names = [module.__name__.rpartition(".")[2] for module in security.controls()]
    assert names == [name for name in security.PIPELINE if name in names]
    on_disk = {info.name for info in pkgutil.iter_modules(security.__path__)}
    assert set(names) == on_disk & set(security.PIPELINE)  # an absent control is skipped, not an error


def test_request_hooks_run_in_pipeline_order(app: Flask) -> None:
    position = {f"{security.__name__}.{name}": index for index, name in enumerate(security.PIPELINE)}
    hooks = [f.__module__ for f in app.before_request_funcs.get(None, []) if f.__module__ in position]
    assert hooks, "no control registered a request hook"
    assert [position[module] for module in hooks] == sorted(position[module] for module in hooks)
