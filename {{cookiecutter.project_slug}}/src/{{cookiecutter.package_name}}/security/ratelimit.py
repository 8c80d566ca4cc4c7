"""Rate limiting with Flask-Limiter: named limits per route class, keyed by token, user or address.

**Key.** The API token's id (``g.api_token_id``, set by the token layer, bound before), else the
user's id (``g.user_id``, loading the browser session if nobody has yet), else the client's
address as ``ProxyFix`` left it: IPv4 exactly, IPv6 by /64 network, the smallest block one
subscriber is given. A token or an account cannot escape its limit by changing address, and an
anonymous client cannot reset its own by changing a header (``TRUSTED_PROXY_HOPS``).

**Route classes.** Every request belongs to one class. The costly state changes (POST, PUT,
PATCH, DELETE) of login, registration, MFA, token creation and the AI API belong to named
classes; everything else is ``DEFAULT``. A class's limit is the setting ``RATELIMIT_<CLASS>``; a
named class is one bucket across all of its endpoints (so a second login route shares the
first's budget), ``DEFAULT`` is one bucket per endpoint. Requests are classified when they
arrive, so endpoints registered after this module (an AI blueprint, MFA) are covered too: by
``RATELIMIT_ROUTE_CLASSES`` (endpoint names, endpoint prefixes such as ``"mfa."``, or URL rule
prefixes such as ``"/api/v1/"``; the longest match wins), or by adding
``app.extensions["rate_limit_classes"][endpoint] = "AI"`` in the module's own ``init_app``.

**Strategy: moving window.** Each key keeps the times of its last N hits, and a hit is allowed
when the oldest of them left the window. It is exact: a burst of N + k gets exactly N, at any
moment. A fixed window (one counter per minute) lets 2N through across a window boundary,
which for a login limit doubles the guesses an attacker gets; the sliding-window counter is
cheaper but approximate. The moving window costs one list of at most N timestamps per key and,
per request in Redis, one Lua script call (``limits``' public storage API).

**Headers.** A 429 always carries ``Retry-After`` and ``X-RateLimit-Limit``, ``-Remaining`` and
``-Reset``, read from the window when the limit is breached. Served responses carry the
X-RateLimit headers only with ``RATELIMIT_HEADERS_ENABLED``: Flask-Limiter then reads the window
back on every request, a second storage round trip that most clients never look at.

**Storage.** ``RATELIMIT_STORAGE_URI``: ``memory://`` counts per process (development, one
worker), ``redis://`` or ``rediss://`` (TLS) is shared by every worker and instance. Production
refuses ``memory://`` with several workers (SFA-R001). The same ``limits`` storage object holds
lockout counters and IP blocks: it is published as ``app.extensions["rate_limit_storage"]``.

**When the storage is unreachable** (never a 500): Flask-Limiter falls back to per-process
in-memory counters, so most routes stay served and still bounded per process (fail open); the
classes in ``RATELIMIT_FAIL_CLOSED`` (login, registration, MFA and token creation by default)
answer 429 with ``Retry-After`` until the storage is back (fail closed), because an attacker who
can knock Redis over must not get unlimited password or code guesses across workers. The
storage is retried with exponential back-off (1, 2, 4... up to 32 seconds).

**A flood of refusals is refused from memory.** A worker remembers each window it saw refused
until that window frees a slot (``KnownRefusals``): exact, since a moving window's entries can only
be added to before then. The rest of the flood is answered 429 without the storage call,
Flask-Limiter's own work or, for an API token, the token's database lookup, and gets one access
record per client every ``LOG_REFUSALS_EVERY`` seconds.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import logging
import math
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from cachetools import TLRUCache
from flask import Flask, Response, current_app, g, request
from flask_limiter import Limit, Limiter, RequestLimit
from limits import parse_many
from limits.storage import Storage, storage_from_string
from werkzeug.exceptions import TooManyRequests

from ..events import emit, unproxied
from ..pages import add_readiness_check
from . import checks
from .checks import Finding
from .proxy import client_ip, network_of
from .tokens import KNOWN_REFUSALS

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "RATELIMIT_ENABLED": True,
    # memory:// is per process; redis://host:6379/0 or rediss:// (TLS) is shared (SFA-R001).
    "RATELIMIT_STORAGE_URI": "{{ 'redis://127.0.0.1:6379/0' if cookiecutter.rate_limit_storage == 'redis' else 'memory://' }}",
    # Passed to the storage (redis.Redis for redis://): short timeouts so that an unreachable
    # Redis costs milliseconds, and a key prefix so that apps can share one Redis.
    "RATELIMIT_STORAGE_OPTIONS": {
        "key_prefix": "{{ cookiecutter.package_name }}",
        "socket_connect_timeout": 0.5,
        "socket_timeout": 0.5,
    },
    "RATELIMIT_STRATEGY": "moving-window",  # exact; see the module docstring
    # X-RateLimit-Limit/-Remaining/-Reset on every limited response too, not only on a 429: one
    # more storage read per request (a 429 always carries them and Retry-After).
    "RATELIMIT_HEADERS_ENABLED": False,
    # One limit per route class, in the notation of `limits` ("10 per minute;100 per day").
    # An empty string switches a class off (reported by SFA-R006 for LOGIN, REGISTER, MFA).
    "RATELIMIT_DEFAULT": "300 per minute",  # per client and endpoint
    "RATELIMIT_LOGIN": "10 per minute;100 per day",  # per client (address, until logged in)
    "RATELIMIT_REGISTER": "5 per hour;20 per day",
    "RATELIMIT_MFA": "5 per minute;30 per hour",
    "RATELIMIT_TOKENS": "10 per hour",
    "RATELIMIT_AI": "20 per minute;500 per day",  # per token or user
    # Which requests belong to which class: an endpoint ("auth.login"), an endpoint prefix
    # ending in "." ("mfa."), or a URL rule prefix starting with "/" ("/api/v1/").
    "RATELIMIT_ROUTE_CLASSES": {
        "auth.login": "LOGIN",
        "auth.register": "REGISTER",
        "mfa.": "MFA",
        "/auth/mfa/": "MFA",
        "tokens.": "TOKENS",
        "/account/tokens": "TOKENS",
        "ai.": "AI",
        "/ai/": "AI",
        "/api/v1/": "AI",
    },
    # Named classes count these methods; other methods of their routes count as DEFAULT.
    "RATELIMIT_CLASS_METHODS": ["POST", "PUT", "PATCH", "DELETE"],
    "RATELIMIT_EXEMPT": ["pages.healthz", "static"],  # load balancers poll the health check
    # Networks whose readiness probes (GET /readyz) are never limited; from anywhere else the
    # readiness check counts as DEFAULT, so that it cannot be used to hammer the database.
    "RATELIMIT_PROBES": ["127.0.0.1/32", "::1/128"],
    # Classes refused with 429 while the storage is unreachable; the others fail open.
    "RATELIMIT_FAIL_CLOSED": ["LOGIN", "REGISTER", "MFA", "TOKENS"],
    "RATELIMIT_FAIL_CLOSED_RETRY_AFTER": 10,  # seconds, sent as Retry-After
}
# In the test suite counters stay in the process, so that suites running side by side
# never share them, unless a test names a storage.
TESTING_DEFAULTS: dict[str, Any] = {"RATELIMIT_STORAGE_URI": "memory://"}
# --8<-- [end:defaults]

#: ``app.extensions`` keys: the Limiter, the shared ``limits`` storage, and the registry in
#: which modules put their endpoints into a class (``{"ai.chat": "AI"}``).
EXTENSION = "rate_limiter"
STORAGE = "rate_limit_storage"
ROUTE_CLASSES = "rate_limit_classes"
PATTERN_MEMO = "rate_limit_pattern_classes"
PROBES = "rate_limit_probes"  # the parsed RATELIMIT_PROBES networks
PROBE_ENDPOINT = "pages.readyz"
BREACHES = "rate_limit_breaches"  # the OncePerWindow of breaches this worker has announced
DEFAULT = "DEFAULT"
EXEMPT = "EXEMPT"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "")

log = logging.getLogger(__name__)


class StorageUnavailable(TooManyRequests):
    """429 for a fail-closed class while the limiter's storage cannot be reached (Werkzeug's
    ``retry_after`` sends the Retry-After header)."""

    description = "This action is paused while rate limiting is unavailable. Please try again shortly."


class RateLimited(TooManyRequests):
    """429 for a request whose window this worker knows to be full (see ``KnownRefusals``); its
    headers are added by ``_final_headers``, as for a breach Flask-Limiter saw."""

    def __init__(self) -> None:
        super().__init__(_breach_message())


# --8<-- [start:known]
class KnownRefusals:
    """The full windows this worker has seen, so that the rest of a flood is refused from memory.

    A moving window that refuses a request stays full until its oldest entry leaves it (the
    window's start plus the limit's period), and before then no worker or instance can remove
    an entry, only add one. Until then the storage refuses every request with the same key and
    scope, so a worker that remembers the refusal can answer 429 without asking: exact, not an
    approximation. Per refused request of a flood that saves the storage round trip,
    Flask-Limiter's own work and, for an API token, the token's database lookup (the token layer
    asks here first, by the digest of the token presented). Only the shared storage's refusals
    are remembered, not those of the in-process fallback, and only while the class's limit
    setting is unchanged. Hand-written: Flask-Limiter asks its storage on every request.
    """

    MAX_KEYS = 10_000  # a flood of distinct keys: the least recently used are forgotten first

    def __init__(self) -> None:
        # (scope, fingerprint) -> (when the window frees a slot, the limit's amount, its setting);
        # each entry expires then (a ``time.time()``, as ``limits`` reports it).
        self._until: TLRUCache[tuple[str, str], tuple[float, int, str]] = TLRUCache(
            self.MAX_KEYS, _until_reset, timer=time.time
        )
        self._lock = threading.Lock()  # gthread workers share it; cachetools caches are not thread-safe
        self._last_reset = 0.0  # the latest reset remembered, read without the lock

    def __len__(self) -> int:
        with self._lock:
            return len(self._until)

    @staticmethod
    def _key(fingerprint: str) -> tuple[str, str]:
        return (_class_scope(request.endpoint or ""), fingerprint)

    def remember(self, fingerprint: str, reset: float, amount: int) -> None:
        """Record that this request's window refuses until ``reset`` (a ``time.time()``)."""
        key, setting = self._key(fingerprint), _class_limit()
        with self._lock:
            known = self._until.get(key)
            if known is None or known[0] < reset:
                self._until[key] = (reset, amount, setting)
                self._last_reset = max(self._last_reset, reset)

    def refuse_known(self, fingerprint: str | None = None) -> None:
        """Raise 429 when this request's window is known to be full; ``fingerprint`` by default
        is the client's (``request_fingerprint``)."""
        if time.time() >= self._last_reset:  # nothing refused lately: most requests stop here
            return
        if route_class() == EXEMPT:
            return
        fingerprint = fingerprint or request_fingerprint()
        key, setting = self._key(fingerprint), _class_limit()
        with self._lock:
            known = self._until.get(key)
            if known is not None and known[2] != setting:  # a changed limit: ask the storage
                self._until.pop(key, None)
                known = None
        if known is None:
            return
        reset, amount, _ = known
        g.rate_limit_retry_after = max(1, math.ceil(reset - time.time()))
        g.sampled_refusal = f"rate limit {key[0]} {fingerprint}"
        g.rate_limit_headers = refusal_headers(amount, reset)
        raise RateLimited()


def refusal_headers(amount: int, reset: float) -> list[tuple[str, str]]:
    """The X-RateLimit headers of a 429 for a limit of ``amount`` whose window frees a slot at
    ``reset`` (a ``time.time()``)."""
    return [
        ("X-RateLimit-Limit", str(amount)),
        ("X-RateLimit-Remaining", "0"),
        ("X-RateLimit-Reset", str(int(reset + 1))),  # rounded as Flask-Limiter does
    ]


def _until_reset(key: tuple[str, str], known: tuple[float, int, str], now: float) -> float:
    return known[0]  # a remembered window is forgotten when it frees a slot


# --8<-- [end:known]


class OncePerWindow:
    """The windows this worker has seen, each until it ends: to act once per key and window (the
    first breach of a limit, the first refusal of a spent budget) however long a flood goes on."""

    MAX_KEYS = 10_000  # a flood of distinct keys: the least recently used are forgotten first

    def __init__(self) -> None:
        # key -> when its window ends (a time.monotonic()); forgotten then.
        self._ends: TLRUCache[str, float] = TLRUCache(self.MAX_KEYS, ends_at_value, timer=time.monotonic)
        self._lock = threading.Lock()  # gthread workers share it; cachetools caches are not thread-safe

    def first(self, key: str, seconds: float) -> bool:
        """True when ``key`` starts a window of ``seconds`` now, False within one already seen."""
        with self._lock:
            if key in self._ends:
                return False
            self._ends[key] = time.monotonic() + seconds
            return True


def ends_at_value(key: object, ends: float, now: float) -> float:
    """The time-to-use of a ``TLRUCache`` whose values are the times their entries end."""
    return ends


# --8<-- [start:key]
def client_address() -> str:
    """The client as the limiter sees it: the IPv4 address, or the IPv6 /64 network."""
    address = client_ip()
    return network_of(address) if address is not None else (request.remote_addr or "unknown")


def client_key() -> str:
    """Rate-limit key: the API token, else the user, else the client address."""
    token_id = g.get("api_token_id")
    if token_id is not None:
        return f"token:{token_id}"
    if g.get("user_id") is None:
        loader = current_app.extensions.get("session_user_loader")
        user = loader() if loader else None  # the session is loaded lazily: ask for it now
        if user is not None and g.get("user_id") is None:
            g.user_id = user.id
    user_id = g.get("user_id")
    if user_id is not None:
        return f"user:{user_id}"
    return f"ip:{client_address()}"


def request_fingerprint() -> str:
    """The client as the memory of refusals knows it: the presented token's digest (known before
    its database lookup), else the limiter's key."""
    presented = g.get("api_token_digest")
    return f"digest:{presented}" if presented else client_key()


# --8<-- [end:key]


def valid_limit(value: object) -> bool:
    """Whether ``value`` is a limit in the notation of ``limits`` (or "" for none)."""
    return isinstance(value, str) and _parses(value)


@functools.cache
def _parses(value: str) -> bool:
    try:
        return not value or bool(parse_many(value))
    except ValueError:
        return False


def _matches(pattern: str, endpoint: str, rule: str) -> bool:
    if pattern.startswith("/"):
        base = pattern.rstrip("/")
        return rule == base or rule.startswith(base + "/")
    return endpoint.startswith(pattern) if pattern.endswith(".") else endpoint == pattern


def _pattern_class(app: Flask, endpoint: str, rule: str) -> str:
    """The class ``RATELIMIT_ROUTE_CLASSES`` gives an endpoint (read at start: remembered)."""
    memo: dict[tuple[str, str], str] = app.extensions[PATTERN_MEMO]
    found = memo.get((endpoint, rule))
    if found is None:
        patterns = app.config["RATELIMIT_ROUTE_CLASSES"]
        matching = sorted((p for p in patterns if _matches(p, endpoint, rule)), key=len, reverse=True)
        found = memo[(endpoint, rule)] = patterns[matching[0]] if matching else DEFAULT
    return found


def route_class() -> str:
    """The class of the current request (cached on ``g``): a named class, DEFAULT or EXEMPT."""
    found: str | None = g.get("rate_limit_class")
    if found is not None:
        return found
    app = unproxied(current_app)
    req = unproxied(request)
    config = app.config
    endpoint = req.endpoint or ""
    probe = endpoint == PROBE_ENDPOINT and _from_probe(app)
    if not endpoint or endpoint in config["RATELIMIT_EXEMPT"] or probe:
        found = EXEMPT
    else:
        found = app.extensions[ROUTE_CLASSES].get(endpoint)
        if found is None:
            found = _pattern_class(app, endpoint, req.url_rule.rule if req.url_rule else req.path)
        if found not in (DEFAULT, EXEMPT) and req.method not in config["RATELIMIT_CLASS_METHODS"]:
            found = DEFAULT
        if found != EXEMPT and not valid_limit(config.get(f"RATELIMIT_{found}")):
            log.error("class %s of %s has no valid RATELIMIT_%s; using DEFAULT", found, endpoint, found)
            found = DEFAULT
    g.rate_limit_class = found
    return found


def _from_probe(app: Flask) -> bool:
    """Whether the client is in ``RATELIMIT_PROBES`` (the load balancer's or orchestrator's)."""
    address = client_ip()
    return address is not None and any(address in network for network in app.extensions[PROBES])


def _class_limit() -> str:
    cls = route_class()
    return "" if cls == EXEMPT else str(current_app.config[f"RATELIMIT_{cls}"])


def _class_scope(endpoint: str) -> str:
    cls = route_class()
    return f"{DEFAULT}:{endpoint}" if cls == DEFAULT else cls


def _breach_message() -> str:
    return "Too many requests. Wait for the number of seconds in Retry-After, then try again."


def _on_breach(limit: RequestLimit) -> None:
    """Announce the first breach of each limit window, not every refused request of a flood.

    The storage decides which process saw the first breach; a process remembers the windows it
    already knows about, so a flood costs no extra storage call per refused request.
    """
    app = unproxied(current_app)
    reset = limit.window[0]  # one storage read, on a breach only (a flood's rest is known below)
    g.rate_limit_retry_after = max(1, math.ceil(reset - time.time()))
    g.rate_limit_headers = refusal_headers(limit.limit.amount, reset)
    if not storage_degraded(app):  # the shared storage's refusal: the same for every worker
        app.extensions[KNOWN_REFUSALS].remember(request_fingerprint(), reset, limit.limit.amount)
    expiry = int(limit.limit.get_expiry())
    if not app.extensions[BREACHES].first(limit.key, expiry):
        return
    marker = "ratelimit:breach:" + hashlib.sha256(limit.key.encode()).hexdigest()[:32]
    try:
        first = limit.limiter.storage.incr(marker, expiry) == 1
    except Exception as exc:  # the storage failed between the check and here: do not fail
        log.warning("rate limit storage failed while recording a breach (%s)", exc)
        return
    if first:
        emit(
            "rate_limit",
            "exceeded",
            g.get("user_id"),
            key=client_key(),
            route_class=route_class(),
            limit=str(limit.limit),
        )


def _exempt() -> bool:
    return route_class() == EXEMPT


def storage_degraded(app: Flask) -> bool:
    """True while Flask-Limiter counts in its per-process fallback because the storage failed."""
    limiter: Limiter | None = app.extensions.get(EXTENSION)
    if limiter is None or not (limiter.enabled and limiter.initialized):
        return False
    return limiter.limiter.storage is not limiter.storage


def shared_storage(app: Flask) -> Storage:
    """The ``limits`` storage that limits, lockouts and IP blocks share."""
    shared: Storage = app.extensions[STORAGE]
    return shared


def _storage_answers(app: Flask) -> None:
    """For ``/readyz``: raise while the shared storage does not answer."""
    if not shared_storage(app).check():
        raise ConnectionError(
            f"the rate-limit storage {safe_uri(app.config['RATELIMIT_STORAGE_URI'])} does not answer"
        )


def fails_closed(app: Flask, cls: str) -> bool:
    """Whether requests of ``cls`` are refused while the storage is unreachable."""
    return cls in app.config["RATELIMIT_FAIL_CLOSED"]


def _refuse_known() -> None:
    if "api_token_digest" not in g:  # the token layer already asked, before its lookup
        current_app.extensions[KNOWN_REFUSALS].refuse_known()


def _refuse_when_degraded() -> None:
    app = unproxied(current_app)
    degraded = storage_degraded(app)
    state = app.extensions.setdefault("rate_limit_state", {"degraded": False})
    if degraded != state["degraded"]:  # announce each change once per process
        state["degraded"] = degraded
        log.warning("rate limit storage %s", "unreachable: failing over" if degraded else "recovered")
        emit("rate_limit_storage", "unavailable" if degraded else "recovered")
    if degraded and fails_closed(app, route_class()):
        g.rate_limit_retry_after = int(app.config["RATELIMIT_FAIL_CLOSED_RETRY_AFTER"])
        raise StorageUnavailable(retry_after=g.rate_limit_retry_after)


def _own_retry_after(response: Response) -> Response:
    # Runs before Flask-Limiter's header hook: remember the Retry-After the app itself set (a
    # temporary block, a database outage), which that hook would overwrite with the window's reset.
    g.own_retry_after = response.headers.get("Retry-After")
    return response


def _final_headers(response: Response) -> Response:
    # Runs after Flask-Limiter's header hook (after_request hooks run last-registered first).
    # With RATELIMIT_HEADERS_ENABLED that hook sends Retry-After on every limited response; keep
    # it on 429s, restore the app's own value elsewhere, and let a fail-closed refusal say when to
    # retry rather than when the fallback window ends. A breached limit's 429 gets the
    # X-RateLimit headers read at the breach, unless the hook already sent them.
    if response.status_code == 429:
        for name, value in g.get("rate_limit_headers", ()):
            response.headers.setdefault(name, value)
    own = g.pop("own_retry_after", None)
    if g.get("rate_limit_retry_after"):
        response.headers["Retry-After"] = str(g.rate_limit_retry_after)
    elif own is not None:
        response.headers["Retry-After"] = own
    elif response.status_code != 429:
        response.headers.pop("Retry-After", None)
    return response


def _validate(config: Any) -> None:
    """Fail at start-up, naming the setting, rather than at the first request."""
    classes = (
        set(config["RATELIMIT_ROUTE_CLASSES"].values()) | set(config["RATELIMIT_FAIL_CLOSED"]) | {DEFAULT}
    )
    for cls in sorted(classes):
        key = f"RATELIMIT_{cls}"
        if key not in config:
            raise ValueError(
                f"{key} is missing: RATELIMIT_ROUTE_CLASSES or RATELIMIT_FAIL_CLOSED name class {cls}."
            )
        if not valid_limit(config[key]):
            raise ValueError(
                f"{key} = {config[key]!r} is not a rate limit such as '10 per minute;100 per day'."
            )


def _probe_networks(value: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    try:
        return tuple(ipaddress.ip_network(str(network), strict=False) for network in value)
    except ValueError as exc:
        raise ValueError(f"RATELIMIT_PROBES: {exc} (a list of networks such as '10.0.0.0/8')") from exc


def safe_uri(uri: str) -> str:
    """The storage URI without its password, for messages and logs."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = f"{parts.username or ''}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


# --8<-- [start:checks]
def ratelimit_checks(app: Flask) -> Iterable[Finding]:
    """Storage shared by every worker, reachable and encrypted; limits on; auth fails closed."""
    c = app.config
    uri = str(c["RATELIMIT_STORAGE_URI"])
    parts = urlsplit(uri)
    if not c["RATELIMIT_ENABLED"]:
        yield Finding(
            "SFA-R004",
            "error",
            "RATELIMIT_ENABLED is off: nothing bounds requests.",
            "Unset FLASK_RATELIMIT_ENABLED.",
        )
    workers = checks.worker_count()
    if parts.scheme == "memory" and workers > 1:
        yield Finding(
            "SFA-R001",
            "error",
            f"RATELIMIT_STORAGE_URI is memory:// but {workers} worker processes will serve the app: "
            f"each counts on its own, so clients get {workers}x every limit and lockouts do not hold.",
            "Set FLASK_RATELIMIT_STORAGE_URI=redis://host:6379/0 (or rediss://), or run one worker "
            "with WEB_CONCURRENCY=1.",
        )
    elif parts.scheme != "memory" and not app.extensions[STORAGE].check():
        yield Finding(
            "SFA-R002",
            "warning",
            f"The rate-limit storage {safe_uri(uri)} does not answer: until it does, "
            f"{', '.join(c['RATELIMIT_FAIL_CLOSED'])} requests get 429, the others are limited per process.",
            "Start the storage, or fix FLASK_RATELIMIT_STORAGE_URI.",
        )
    if parts.scheme == "redis" and (parts.hostname or "") not in LOCAL_HOSTS:
        yield Finding(
            "SFA-R003",
            "warning",
            f"The rate-limit storage {safe_uri(uri)} is reached over the network without TLS.",
            "Use rediss:// (TLS) unless the network between the app and Redis is private.",
        )
    for cls in ("LOGIN", "MFA"):
        if cls not in c["RATELIMIT_FAIL_CLOSED"]:
            yield Finding(
                "SFA-R005",
                "warning",
                f"{cls} fails open: while the storage is down, guesses are limited per process only.",
                f"Add {cls} to RATELIMIT_FAIL_CLOSED.",
            )
    for cls in ("LOGIN", "REGISTER", "MFA"):
        if not c.get(f"RATELIMIT_{cls}"):
            yield Finding(
                "SFA-R006",
                "warning",
                f"RATELIMIT_{cls} is empty: that class is not limited.",
                f"Set RATELIMIT_{cls}, for example '{DEFAULTS[f'RATELIMIT_{cls}']}'.",
            )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Bind a Limiter whose one default limit follows the request's route class."""
    if app.config["PROFILE"] == "testing":
        for key, value in TESTING_DEFAULTS.items():
            app.config.setdefault(key, value)
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    _validate(app.config)
    app.extensions[PROBES] = _probe_networks(app.config["RATELIMIT_PROBES"])
    app.extensions.setdefault(ROUTE_CLASSES, {})
    app.extensions[PATTERN_MEMO] = {}
    by_class = Limit(_class_limit, scope=_class_scope, shared=True, error_message=_breach_message)
    limiter = Limiter(
        client_key,
        default_limits=[by_class],
        on_breach=_on_breach,
        # The storage-failure policy: count per process instead (fail open), never raise;
        # _refuse_when_degraded then closes the classes of RATELIMIT_FAIL_CLOSED.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
    )
    limiter.request_filter(_exempt)
    app.after_request(_final_headers)  # registered first, so it runs after Flask-Limiter's
    app.extensions[KNOWN_REFUSALS] = KnownRefusals()
    app.extensions[BREACHES] = OncePerWindow()
    if app.config["RATELIMIT_ENABLED"]:
        app.before_request(_refuse_known)  # registered first, so it runs before Flask-Limiter's
    limiter.init_app(app)
    app.after_request(_own_retry_after)  # registered after Flask-Limiter's, so it runs before
    app.extensions[EXTENSION] = limiter
    if limiter.enabled:
        app.extensions[STORAGE] = limiter.storage
        app.before_request(_refuse_when_degraded)  # after Flask-Limiter's own check
    else:  # limits off, but lockouts and blocks still need their counters
        app.extensions[STORAGE] = storage_from_string(
            app.config["RATELIMIT_STORAGE_URI"], **app.config["RATELIMIT_STORAGE_OPTIONS"]
        )
    checks.register(app, ratelimit_checks)
    add_readiness_check(app, "rate_limit_storage", functools.partial(_storage_answers, app))
