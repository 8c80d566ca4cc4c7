"""Security controls: one module per control, each with ``init_app(app)``.

``PIPELINE`` below is the order in which requests meet the controls, written once. ``init_app``
binds each control of it that is present in this package, so a control removed by a template
option leaves no import behind. ``checks`` is always present and binds last.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType

import click
from flask import Flask

from . import checks

# --8<-- [start:pipeline]
# Binding order: request hooks run in this order on the way in (after_request hooks in reverse on
# the way out). tests/test_pipeline.py checks that every control module of the package is listed.
PIPELINE = (
    "proxy",  # ProxyFix: before anything reads request.remote_addr or the scheme
    "transport",  # HTTPS redirect and HSTS, right after ProxyFix settles the scheme
    "crypto",  # the column cipher, before any control can read or write a sensitive column
    "ipfilter",  # a denied network costs one lookup: before sessions, CSRF, login and any view
    "refusals",  # the abuse budget, before CSRF, token lookups and views can refuse (and write)
    "sessions",  # no-store on the way out
    "headers",  # CSP, HSTS and the rest on the way out, errors included
    "csrf",  # needs only the cookies, not the user
    "login",  # the session's user
    "mfa",  # reads the session's user; sends a half-signed-in session to the second factor
    "tokens",  # bearer tokens, before rate limiting keys on the token
    "ratelimit",  # once the caller is known: one budget per token or user, whatever its address
    "lockout",  # shares the limiter's storage
    "account",  # pages only; no request hooks
    "mail",  # account mail and the security notices (listens to events); no request hooks
    "recovery",  # password reset pages; after ratelimit, whose class table it adds to
    "verification",  # address confirmation and change; hooks into login and recovery, after both
    "privacy",  # data export and account deletion pages; no request hooks
    "monitor",  # watches the answers of every other control
    "admin",  # pages only; the guard is the blueprint's own
    "audit",  # only listens to events; after the controls that emit them
)
# --8<-- [end:pipeline]


def controls() -> list[ModuleType]:
    """The control modules of ``PIPELINE`` that this project has, in binding order."""
    names = (f"{__name__}.{name}" for name in PIPELINE)
    return [importlib.import_module(name) for name in names if importlib.util.find_spec(name) is not None]


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
