"""Security events: one signal that controls emit and the log and audit trail listen to.

Emitters (login, CSRF, limiter...) never import the listeners, so a control removed by a template
option leaves no dangling import behind.
"""

from __future__ import annotations

from typing import Any

from blinker import Namespace
from flask import current_app

_signals = Namespace()

#: Sent as ``security_event.send(app, event=..., outcome=..., user_id=..., details={...})``.
security_event = _signals.signal("security-event")


def emit(event: str, outcome: str, user_id: int | None = None, **details: Any) -> None:
    """Announce a security event such as ``login`` / ``failure`` to every listener."""
    security_event.send(
        current_app._get_current_object(),  # type: ignore[attr-defined]
        event=event,
        outcome=outcome,
        user_id=user_id,
        details=details,
    )
