"""Security controls: one module per control, each with ``ORDER`` and ``init_app(app)``.

``init_app`` binds every control module present in this package, lowest ``ORDER`` first, so the
order in which requests meet the controls is written in each module and a control removed by a
template option leaves no import behind. ``checks`` is always present and binds last.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from types import ModuleType

import click
from flask import Flask

from . import checks


def controls() -> list[ModuleType]:
    """The control modules of this package, in binding order."""
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return sorted((m for m in modules if hasattr(m, "ORDER")), key=lambda m: m.ORDER)


def init_app(app: Flask) -> None:
    """Bind each control, then the ``flask security`` commands."""
    for module in controls():
        module.init_app(app)
    checks.init_app(app)


class UnsafeConfigurationError(RuntimeError):
    """Raised when production settings fail a deploy check of severity ``error``."""


def refuse_unsafe_start(app: Flask) -> None:
    """Stop a production app whose settings fail a deploy check, naming each setting.

    Under the ``flask`` command line (other than ``flask run``) the findings are printed as a
    warning instead, so ``flask security check --deploy`` and ``flask keys generate`` can still
    run against the very configuration they are meant to diagnose and repair.
    """
    if app.config["PROFILE"] != "production":
        return
    errors = [f for f in checks.run(app, deploy=True) if f.severity == "error"]
    if not errors:
        return
    message = "Refusing to start in production:\n" + "\n".join(f"  {f}" for f in errors)
    if click.get_current_context(silent=True) is not None and "run" not in sys.argv[1:]:
        click.echo(f"WARNING: {message}", err=True)
        return
    raise UnsafeConfigurationError(message)
