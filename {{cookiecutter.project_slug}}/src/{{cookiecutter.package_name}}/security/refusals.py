"""Refusal accounting: every refusal a client earns is charged to its abuse budget, and the budget
is checked before any expensive or serialised work.

Without it, refusals escaped the limiter: CSRF and the token layer refuse before the
rate limiter counts, so a client decided how many 401s and 400s (each with its database
lookup and its audit record) it got, until the activity monitor blocked it after 100.

**Charged:** every 4xx answer except 429 (a wrong, expired or revoked token, a CSRF failure, a
failed login, a lockout, a bad host, a guardrail block, a validation error, a probe for another
user's object), per client: the IPv4 address or the IPv6 /64 network, as the limiter sees it.
Counted with ``limits``' moving window in the limiter's shared storage, so the budget holds across
workers and instances. ``RATELIMIT_REFUSALS`` sets it; an empty string switches it off, and so does
``RATELIMIT_ENABLED = False``.

**Checked:** right after the IP filter (see ``PIPELINE``), before sessions, CSRF, token lookups and views.
A client over budget gets 429 with ``Retry-After`` (when its window frees a slot), with no
database read or write, one ``refusal_budget`` security event per worker and window, and one
access record per ``LOG_REFUSALS_EVERY``. The check reads this worker's memory of spent budgets
only: a worker learns that a budget is spent when its own charge fills the window or finds it full,
which is exact for a moving window (its entries cannot leave before the window's oldest does), and
costs a request that is served no storage call at all. A worker that has not charged the client
lately learns it from that client's next refusal: across W workers a client gets at most W - 1
refusals more than its budget per window. A charge costs two storage calls (count, then look).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable
from typing import Any

from cachetools import TLRUCache
from flask import Flask, Response, current_app, g, request
from limits import RateLimitItem, parse_many
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from ..events import emit
from . import checks
from .checks import Finding
from .ratelimit import OncePerWindow, client_address, ends_at_value, shared_storage

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Refusals (4xx answers but 429) one client may earn before it is refused everything.
    "RATELIMIT_REFUSALS": "30 per minute;300 per day",
}
# --8<-- [end:defaults]

EXTENSION = "refusal_budget"
NAMESPACE = "refusals"


class BudgetSpent(TooManyRequests):
    """429 for a client whose refusal budget is spent (Werkzeug's ``retry_after`` sends the header)."""

    description = "Too many refused requests from your address. Wait for Retry-After, then try again."


class RefusalBudget:
    """The app's budget: its limits, the strategy on the shared storage, and this worker's memory
    of clients whose budget is spent (until when). A memory of our own because ``limits`` answers
    from its storage only, and the point is to spare served requests that call."""

    MAX_CLIENTS = 10_000  # a flood from many addresses: the least recently refused are forgotten

    def __init__(self, app: Flask) -> None:
        setting = str(app.config["RATELIMIT_REFUSALS"])
        self.limits: list[RateLimitItem] = list(parse_many(setting)) if setting else []
        self.strategy = MovingWindowRateLimiter(shared_storage(app))
        # client -> when its window frees a slot (a time.time(), as ``limits`` reports it), forgotten
        # then; a client forgotten early is asked of the storage again at its next refusal.
        self.spent: TLRUCache[str, float] = TLRUCache(self.MAX_CLIENTS, ends_at_value, timer=time.time)
        self.spent_until = 0.0  # the latest end of a spent window, read without the lock
        self.announced = OncePerWindow()  # the spent windows already announced
        self._lock = threading.Lock()  # gthread workers share it; cachetools caches are not thread-safe

    def retry_after(self, client: str) -> int | None:
        """Seconds until ``client`` may be refused again, or None while it has budget."""
        with self._lock:
            until = self.spent.get(client)
        return None if until is None else max(1, math.ceil(until - time.time()))

    def charge(self, client: str) -> None:
        """Count one refusal; remember the client once its budget is spent: when this charge
        fills a window (so the next refusal is already answered 429), or finds it full (another
        worker filled it)."""
        for item in self.limits:
            if self.strategy.hit(item, NAMESPACE, client) and self.strategy.test(item, NAMESPACE, client):
                continue
            reset = self.strategy.get_window_stats(item, NAMESPACE, client).reset_time
            with self._lock:
                self.spent[client] = max(reset, self.spent.get(client, 0.0))
                self.spent_until = max(self.spent_until, reset)
            return


def budget(app: Flask) -> RefusalBudget:
    """The app's budget, built at its first request (the limiter's storage binds after this layer)."""
    state: RefusalBudget | None = app.extensions.get(EXTENSION)
    if state is None:
        state = app.extensions[EXTENSION] = RefusalBudget(app)
    return state


def _refuse_over_budget() -> None:
    state = budget(current_app)
    if time.time() >= state.spent_until:  # nobody over budget: most requests stop here
        return
    if request.endpoint in current_app.config["RATELIMIT_EXEMPT"]:  # the health check, static files
        return
    client = client_address()
    seconds = state.retry_after(client)
    if seconds is None:
        return
    g.refusal_budget_spent = True
    g.rate_limit_retry_after = seconds  # kept through the limiter's own Retry-After handling
    g.sampled_refusal = f"refusal budget {client}"
    if state.announced.first(client, seconds):  # once per client and spent window (per worker)
        emit("refusal_budget", "exceeded", ip=client, retry_after=seconds)
    raise BudgetSpent(retry_after=seconds)


def _charge_refusals(response: Response) -> Response:
    status = response.status_code
    if (
        status < 400
        or status >= 500
        or status == 429
        or g.get("ip_filtered")
        or g.get("refusal_budget_spent")
    ):
        return response
    state = budget(current_app)
    if not state.limits:
        return response
    try:
        state.charge(client_address())
    except Exception as exc:  # the storage failed: the limiter's own policy covers the outage
        current_app.logger.warning("refusal budget: storage failed (%s)", type(exc).__name__)
    return response


# --8<-- [start:checks]
def refusal_checks(app: Flask) -> Iterable[Finding]:
    """Refusals are budgeted."""
    if not app.config["RATELIMIT_REFUSALS"]:
        yield Finding(
            "SFA-R007",
            "warning",
            "RATELIMIT_REFUSALS is empty: a client may collect refusals, and their work, without limit.",
            f"Set RATELIMIT_REFUSALS, for example '{DEFAULTS['RATELIMIT_REFUSALS']}'.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Check the budget before every other control; charge every refusal after the answer."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    setting = app.config["RATELIMIT_REFUSALS"]
    if not isinstance(setting, str) or (setting and not _parses(setting)):
        raise ValueError(f"RATELIMIT_REFUSALS = {setting!r} is not a rate limit such as '30 per minute'.")
    checks.register(app, refusal_checks)
    if not app.config.get("RATELIMIT_ENABLED", True):  # limits off (SFA-R004): the budget too
        return
    app.before_request(_refuse_over_budget)
    app.after_request(_charge_refusals)


def _parses(setting: str) -> bool:
    try:
        return bool(parse_many(setting))
    except ValueError:
        return False
