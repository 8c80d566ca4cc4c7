"""Security events: one signal that controls emit and the log and audit trail listen to.

Emitters (login, CSRF, limiter...) never import the listeners, so a control removed by a template
option leaves no dangling import behind.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from blinker import Namespace
from flask import current_app
from werkzeug.local import LocalProxy

_signals = Namespace()

#: Sent as ``security_event.send(app, event=..., outcome=..., user_id=..., details={...})``.
security_event = _signals.signal("security-event")

T = TypeVar("T")


def unproxied(proxy: T) -> T:
    """The object behind a Flask context proxy such as ``current_app`` or ``request``: the sender
    of a signal, a cache key, or many attribute reads without a proxy lookup each.

    Flask types each proxy as the object it stands for; it is a werkzeug ``LocalProxy``.
    """
    return cast("LocalProxy[T]", proxy)._get_current_object()


def emit(event: str, outcome: str, user_id: int | None = None, **details: Any) -> None:
    """Announce a security event such as ``login`` / ``failure`` to every listener."""
    security_event.send(
        unproxied(current_app),
        event=event,
        outcome=outcome,
        user_id=user_id,
        details=details,
    )
