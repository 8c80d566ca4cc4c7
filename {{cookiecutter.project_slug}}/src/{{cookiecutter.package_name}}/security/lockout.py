"""Per-account lockout with exponential back-off, counted in the rate limiter's shared storage.

The per-address login limit stops one client; this stops many clients guessing one account.
``LOCKOUT_THRESHOLD`` failed logins for an e-mail address within ``LOCKOUT_WINDOW`` lock it
for ``LOCKOUT_BASE_SECONDS``; each further lockout within ``LOCKOUT_RESET`` doubles the time,
up to ``LOCKOUT_MAX_SECONDS``. The lock is a login gate: the login view asks it *before* the
password is hashed, so a locked account costs no argon2 work and a correct password is refused
like a wrong one (checklist 20). Addresses with no account are counted and locked alike, so a
lockout reveals nothing about which accounts exist (checklist 19).

An attempt takes its place in the count at the gate, before its password is checked, and is
forgiven once the password proves right: guesses sent at once (several workers, several
instances) cannot all pass the gate before any of them has failed, so no more than
``LOCKOUT_THRESHOLD`` guesses are ever checked; the ones over it are refused unhashed.

The counters live in the same ``limits`` storage as the rate limits (Redis in production), so
a lockout set through one worker or instance holds on every other. Keys hold a hash of the
address, never the address. While that storage is unreachable, logins follow the LOGIN class's
policy (``RATELIMIT_FAIL_CLOSED``): refused by default, because uncounted failures would let
guessing continue unchecked.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Iterable
from typing import Any

import click
from flask import Flask, Response, current_app, g
from flask.cli import with_appcontext

from ..db import db
from ..events import emit, security_event, unproxied
from ..users import User, normalise_email
from . import checks
from .checks import Finding
from .ratelimit import fails_closed, shared_storage, storage_degraded

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "LOCKOUT_THRESHOLD": 5,  # failed logins within the window that lock an account (0: never)
    "LOCKOUT_WINDOW": 900,  # seconds over which failures are counted
    "LOCKOUT_BASE_SECONDS": 60,  # first lockout; doubles with each lockout within LOCKOUT_RESET
    "LOCKOUT_MAX_SECONDS": 3600,
    "LOCKOUT_RESET": 86400,  # seconds after which the back-off level is forgotten
}
# --8<-- [end:defaults]

LOGIN_GATES = "login_gates"
UNAVAILABLE = "Signing in is paused for a moment. Please try again shortly."

log = logging.getLogger(__name__)


def _account(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()[:32]


def _keys(email: str) -> tuple[str, str, str]:
    account = _account(email)
    return f"lockout:failures:{account}", f"lockout:locked:{account}", f"lockout:level:{account}"


def locked_for(email: str) -> int:
    """Seconds the account stays locked (0 when it is not); raises when the storage fails."""
    storage = shared_storage(current_app)
    _, locked, _ = _keys(email)
    if not storage.get(locked):
        return 0
    return max(1, math.ceil(storage.get_expiry(locked) - time.time()))


def _counted(email: str) -> int:
    """Count this attempt as a failure until its password proves right; the seconds to refuse it
    for when the count is over the threshold already (guesses in flight will lock the account)."""
    config = current_app.config
    failures, _, _ = _keys(email)
    count = shared_storage(current_app).incr(failures, int(config["LOCKOUT_WINDOW"]))
    if count <= config["LOCKOUT_THRESHOLD"]:
        return 0
    return int(config["LOCKOUT_BASE_SECONDS"])


# --8<-- [start:gate]
def gate(email: str) -> str | None:
    """Login gate: a message refusing a locked account, or an attempt over the threshold (asked
    before any password hash)."""
    app = unproxied(current_app)
    if not app.config["LOCKOUT_THRESHOLD"]:
        return None
    if storage_degraded(app):
        return UNAVAILABLE if fails_closed(app, "LOGIN") else None
    try:
        seconds = locked_for(email) or _counted(email)
    except Exception as exc:
        log.warning("lockout storage unreachable (%s)", exc)
        return UNAVAILABLE if fails_closed(app, "LOGIN") else None
    if not seconds:
        return None
    g.lockout_retry_after = seconds
    minutes = math.ceil(seconds / 60)
    return f"Too many failed attempts. Try again in {minutes} minute{'s' if minutes > 1 else ''}."


# --8<-- [end:gate]


def record_failure(email: str, user_id: int | None) -> None:
    """A failed login (counted at the gate): lock the account when the count reaches the threshold."""
    config = current_app.config
    storage = shared_storage(current_app)
    failures, locked, level = _keys(email)
    count = storage.get(failures)
    if count < config["LOCKOUT_THRESHOLD"] or storage.get(locked):
        return
    times = storage.incr(level, int(config["LOCKOUT_RESET"]))
    seconds = min(int(config["LOCKOUT_BASE_SECONDS"]) * 2 ** (times - 1), int(config["LOCKOUT_MAX_SECONDS"]))
    storage.clear(locked)
    storage.incr(locked, seconds)
    storage.clear(failures)  # the next lockout needs a full set of new failures
    emit("lockout", "locked", user_id, email=email, failures=count, seconds=seconds, level=times)


def clear(email: str, levels: bool = False) -> None:
    """Forget the failures of an account (after a success), and with ``levels`` its lock too."""
    storage = shared_storage(current_app)
    failures, locked, level = _keys(email)
    storage.clear(failures)
    if levels:
        storage.clear(locked)
        storage.clear(level)


def _on_login_event(sender: Flask, **event: Any) -> None:
    if event["event"] != "login" or not sender.config["LOCKOUT_THRESHOLD"]:
        return
    # The password proved right: a success, a second factor asked for, or a refusal that names the
    # account (its address is not confirmed yet). The gate's refusals name no account.
    proved = event["outcome"] in ("success", "pending", "refused")
    try:
        if event["outcome"] == "failure" and event["details"].get("email"):
            record_failure(event["details"]["email"], event["user_id"])
        elif proved and event["user_id"] is not None:
            user = db.session.get(User, event["user_id"])
            if user is not None:
                clear(user.email)
    except Exception as exc:  # an unreachable storage must not turn a login answer into a 500
        log.warning("lockout storage unreachable (%s); login %s not counted", exc, event["outcome"])


def _retry_after(response: Response) -> Response:
    if response.status_code == 429 and g.get("lockout_retry_after"):
        response.headers.setdefault("Retry-After", str(g.lockout_retry_after))
    return response


@click.command("unlock")
@click.argument("email")
@with_appcontext
def unlock_command(email: str) -> None:
    """Lift the lockout of EMAIL and forget its failures and back-off level."""
    clear(email, levels=True)
    emit("lockout", "lifted", email=email)
    click.echo(f"Unlocked {normalise_email(email)}.")


def lockout_checks(app: Flask) -> Iterable[Finding]:
    """Lockout on, and not so lax that it stops nothing (checklist 20)."""
    threshold = app.config["LOCKOUT_THRESHOLD"]
    if not threshold:
        yield Finding(
            "SFA-R009",
            "error",
            "LOCKOUT_THRESHOLD is 0: accounts are never locked, however many guesses they get.",
            "Set FLASK_LOCKOUT_THRESHOLD to 5 (the default) or another small number.",
        )
    elif threshold > 20:
        yield Finding(
            "SFA-R008",
            "warning",
            f"LOCKOUT_THRESHOLD is {threshold}: many guesses per account before a lockout.",
            "Use 10 or fewer.",
        )


def init_app(app: Flask) -> None:
    """Add the lockout gate to the login view, count login outcomes, add ``flask security unlock``."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions.setdefault(LOGIN_GATES, []).append(gate)
    security_event.connect(_on_login_event, sender=app, weak=False)
    app.after_request(_retry_after)
    checks.security_cli.add_command(unlock_command)
    checks.register(app, lockout_checks)
