"""IP filtering: CIDR deny and allow lists, an allow-list for admin routes, and temporary blocks.

It runs first among the request hooks of the controls (in ``PIPELINE``, right after
``ProxyFix`` rewrote the address), so a refused client reaches no view, session or database. The refusal
is a 403 rendered by ``pages.error_response`` (JSON or HTML), and it still carries every
security header, since those are added after any response.

The address is ``request.remote_addr`` as ``ProxyFix`` left it: with ``TRUSTED_PROXY_HOPS = 0``
the TCP peer, with N the address the outermost trusted proxy saw. A forged
``X-Forwarded-For`` therefore changes nothing. IPv4-mapped IPv6 addresses (``::ffff:10.0.0.1``)
are judged as the IPv4 address they carry, so ``10.0.0.0/8`` cannot be dodged that way.

Decisions, in order: ``IPFILTER_DENY``; ``IPFILTER_ALLOW`` when it is not empty; for URL rules
under ``IPFILTER_ADMIN_PREFIXES``, ``IPFILTER_ADMIN_ALLOW``; then temporary blocks. Blocks are
set by the activity monitor or ``flask security block``, and are kept in the shared storage
with an expiry, so every worker and instance honours them and they lift by themselves. An IPv6
block covers the client's /64 network. If that storage is unreachable, blocks are not
enforced (fail open) while the lists still are; it is retried every second.

With Redis, each worker keeps a copy of every block, loaded when it starts and kept current by
Redis pub/sub (``BlockFeed``): a block or an early lift reaches every worker within the message's
delivery, and a request costs no storage read. While a worker's feed is not connected (at start,
after Redis restarts, or with ``IPFILTER_BLOCK_FEED`` off) it reads the storage per request
instead, and a worker that finds a block remembers it until it ends, asking again only every
``IPFILTER_BLOCK_RECHECK`` seconds: a blocked flood is then refused without a storage call per
request, and a block lifted early reaches the workers that already refused that client within
that time. Without the feed a worker never remembers the absence of a block.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeGuard, TypeVar, cast

import click
from cachetools import TLRUCache
from flask import Flask, current_app, g, request
from flask.cli import with_appcontext
from limits.storage import RedisClusterStorage, RedisStorage, Storage, storage_from_string
from redis import Redis
from werkzeug.exceptions import Forbidden

from ..events import emit, unproxied
from . import checks
from .checks import Finding
from .proxy import Address, client_ip, network_of

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "IPFILTER_DENY": [],  # CIDRs refused everywhere, e.g. ["203.0.113.0/24", "2001:db8::/32"]
    "IPFILTER_ALLOW": [],  # when not empty, every other network is refused
    # URL rules under these prefixes are admin routes, open only to IPFILTER_ADMIN_ALLOW
    # (None: no separate restriction). The default is loopback and private networks.
    "IPFILTER_ADMIN_PREFIXES": ["/admin"],
    "IPFILTER_ADMIN_ALLOW": [
        "127.0.0.0/8",
        "::1/128",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    ],
    # Where temporary blocks live when rate limiting is off; otherwise in its storage.
    "IPFILTER_STORAGE_URI": "memory://",
    # With Redis: each worker keeps a copy of every block, kept current by pub/sub, and reads
    # nothing per request (see BlockFeed). Off: one storage read per request.
    "IPFILTER_BLOCK_FEED": True,
    # Without the feed: seconds a worker trusts a block it found before asking the storage again
    # (an early lift reaches other workers within this time).
    "IPFILTER_BLOCK_RECHECK": 5,
}
# --8<-- [end:defaults]

EXTENSION = "ip_filter"
STORAGE_RETRY = 1.0  # seconds to wait before asking an unreachable storage again
MAX_RECHECK = 300  # seconds: longer, and an early unblock would hardly be one
MAX_KNOWN_BLOCKS = 10_000  # a flood from many networks: the least recently refused are forgotten

log = logging.getLogger(__name__)
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
T = TypeVar("T")


@dataclass
class Policy:
    """The parsed lists, and the storage of the blocks with its retry state."""

    deny: tuple[Network, ...]
    allow: tuple[Network, ...]
    admin_allow: tuple[Network, ...] | None
    admin_prefixes: tuple[str, ...]
    storage_uri: str
    storage: Storage | None = None
    down_until: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    recheck: float = 5.0
    #: Blocks this worker found: network -> when the block ends (a ``time.time()``), each trusted
    #: until then or for ``recheck`` seconds, whichever is sooner (guarded by ``lock``).
    known_blocks: TLRUCache[str, float] = field(init=False)
    feed_enabled: bool = True
    feed: BlockFeed | None = None

    def __post_init__(self) -> None:
        self.known_blocks = TLRUCache(MAX_KNOWN_BLOCKS, self._trusted_until, timer=time.monotonic)

    def _trusted_until(self, network: str, ends: float, now: float) -> float:
        # The recheck is counted on the monotonic clock (``now``), the block's end on the wall clock.
        return now + min(self.recheck, ends - time.time())


# --8<-- [start:feed]
class BlockFeed:
    """This worker's copy of every temporary block, kept current by Redis pub/sub.

    Asking the storage whether the client is blocked was one Redis round trip on every request,
    the largest part of a refusal's cost and about a tenth of a served request's
    (``bench/micro.py``). Blocks change rarely and are set only through ``block`` and ``unblock``,
    which publish each change on a channel. A thread per worker subscribes to it, loads every
    block with its expiry after each (re)subscription (so nothing published before, or while the
    connection was down, is missed), and applies the changes; it pings every ``PING_EVERY``
    seconds and starts over when an answer is late. While it is not in step (``in_step``), the
    filter reads the storage per request as before. Hand-written: limits has no notion of
    watching keys, and redis-py's client-side caching needs Redis 7.4.
    """

    PING_EVERY = 5.0  # seconds; a connection silent for three times this is replaced
    RETRY_MAX = 30.0  # seconds between attempts to reconnect, at most

    def __init__(self, storage: RedisStorage) -> None:
        self.storage = storage
        self.channel = storage.prefixed_key("ipfilter:blocks")
        self.pattern = storage.prefixed_key("ipfilter:block:*")
        self.client_name = f"{self.channel}:{uuid.uuid4().hex[:12]}".replace(" ", "_")
        self.blocks: dict[str, float] = {}  # network -> when its block ends (time.time())
        self.in_step = False
        self._pid: int | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the thread, once per process (a forked worker starts its own)."""
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self.in_step, self.blocks = os.getpid(), False, {}
            name = "ipfilter-block-feed"
            threading.Thread(target=_follow, args=(weakref.ref(self),), name=name, daemon=True).start()

    def client(self) -> Redis:
        """The storage's Redis client (limits types it as the few commands it sends itself)."""
        return cast(Redis, self.storage.get_connection())

    def subscriber(self) -> Redis:
        """A client of its own for the subscription, named ``client_name`` in ``CLIENT LIST``."""
        pool = self.client().connection_pool
        kwargs = {**pool.connection_kwargs, "client_name": self.client_name}
        return Redis(connection_pool=type(pool)(connection_class=pool.connection_class, **kwargs))

    def ends(self, network: str) -> float:
        """When the network's block ends (0.0: not blocked)."""
        return self.blocks.get(network, 0.0)

    def publish(self, change: str, network: str, seconds: int = 0) -> None:
        """Tell every worker of a block or a lift; this one knows at once."""
        message = f"{change} {network} {seconds}"
        self.apply(message.encode())
        self.client().publish(self.channel, message)

    def load(self) -> None:
        """Replace the copy with every block in the storage and its time left."""
        connection = self.client()
        keys = list(connection.scan_iter(match=self.pattern, count=1000))
        prefix = len(self.pattern) - 1
        now = time.time()
        pipe = connection.pipeline(transaction=False)
        for key in keys:
            pipe.pttl(key)
        left = pipe.execute()
        self.blocks = {
            key.decode()[prefix:]: now + ms / 1000 for key, ms in zip(keys, left, strict=True) if ms > 0
        }

    def apply(self, data: bytes) -> None:
        change, network, seconds = data.decode().split(" ")
        if change == "block":
            self.blocks[network] = time.time() + int(seconds)
        else:
            self.blocks.pop(network, None)
        if len(self.blocks) > 10_000:  # forget the ended ones rather than grow
            now = time.time()
            self.blocks = {n: end for n, end in self.blocks.items() if end > now}


def _follow(ref: weakref.ReferenceType[BlockFeed]) -> None:  # noqa: C901 (one reconnect loop: subscribe, load, follow, ping, back off; split, its state would be passed around)
    """The feed's thread: follow the channel until the feed (its app) is gone."""
    delay = 0.5
    while (feed := ref()) is not None:
        pubsub = feed.subscriber().pubsub()  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
        try:
            pubsub.subscribe(feed.channel)
            del feed  # hold no reference while waiting: an app that is dropped ends its thread
            answered = time.monotonic()
            pinged = answered
            while (feed := ref()) is not None:
                message = pubsub.get_message(timeout=1.0)
                now = time.monotonic()
                kind = message["type"] if message else None
                if kind == "subscribe":  # (re)subscribed: whatever happened meanwhile is in the storage
                    feed.load()
                    feed.in_step, delay = True, 0.5
                elif kind == "message":
                    feed.apply(message["data"])
                if message is not None:
                    answered = now
                if now - answered > 3 * BlockFeed.PING_EVERY:
                    raise TimeoutError("the block feed's connection went silent")
                if now - pinged > BlockFeed.PING_EVERY:
                    pubsub.ping()
                    pinged = now
                del feed
        except Exception as exc:  # any failure: read the storage per request until back in step
            if (feed := ref()) is not None:
                if feed.in_step:  # say so once per interruption, not at every retry
                    log.warning("IP block feed interrupted (%s): reading blocks per request", exc)
                feed.in_step = False
                del feed
        finally:
            pubsub.close()
        time.sleep(delay)
        delay = min(delay * 2, BlockFeed.RETRY_MAX)


# --8<-- [end:feed]


class Blocked(Forbidden):
    """403 for a temporarily blocked client, with the time left as Retry-After."""

    def __init__(self, seconds: int) -> None:
        super().__init__("Requests from your address are blocked for a while after unusual activity.")
        self.seconds = seconds

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [*super().get_headers(*args, **kwargs), ("Retry-After", str(self.seconds))]


def parse_networks(setting: str, values: Iterable[str]) -> tuple[Network, ...]:
    """Parse a list of CIDRs, or fail naming the setting and the bad entry."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"{setting} holds {value!r}, which is not an IP network: {exc}") from exc
    return tuple(networks)


def _within(address: Address, networks: Iterable[Network]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def _policy(app: Flask) -> Policy:
    policy: Policy = app.extensions[EXTENSION]
    return policy


def storage(app: Flask) -> Storage:
    """The storage of the blocks: the rate limiter's when it has one, else our own."""
    policy = _policy(app)
    if policy.storage is None:
        with policy.lock:
            if policy.storage is None:
                shared: Storage | None = app.extensions.get("rate_limit_storage")
                if shared is None:  # (an asyncio storage would take an "async+" URI: not one of ours)
                    shared = cast(Storage, storage_from_string(policy.storage_uri))
                policy.storage = shared
    return policy.storage


def guarded(app: Flask, action: Callable[[Storage], T], default: T) -> T:
    """Run ``action`` on the storage; if it fails, answer ``default`` and rest it a second."""
    policy = _policy(app)
    if time.monotonic() < policy.down_until:
        return default
    try:
        return action(storage(app))
    except Exception as exc:
        policy.down_until = time.monotonic() + STORAGE_RETRY
        log.warning("IP block storage unreachable (%s); blocks not enforced for %ss", exc, STORAGE_RETRY)
        return default


def _watchable(found: Storage) -> TypeGuard[RedisStorage]:
    """Whether a block feed can follow the storage: one channel needs one server, so Redis but not
    a Redis Cluster."""
    return isinstance(found, RedisStorage) and not isinstance(found, RedisClusterStorage)


def feed(app: Flask) -> BlockFeed | None:
    """The block feed of this app's storage, started; None without Redis or with it off."""
    policy = _policy(app)
    if policy.feed is None and policy.feed_enabled:
        found = storage(app)
        with policy.lock:
            if policy.feed is None and _watchable(found):
                policy.feed = BlockFeed(found)
            policy.feed_enabled = policy.feed is not None
    if policy.feed is not None:
        policy.feed.start()
    return policy.feed


# --8<-- [start:blocks]
def block(app: Flask, address: Address, seconds: int) -> bool:
    """Block the client's address (IPv6: its /64) for ``seconds``; False if it already was."""
    network = network_of(address)
    first = guarded(app, lambda s: s.incr(f"ipfilter:block:{network}", int(seconds)) == 1, False)
    watched = feed(app)
    if first and watched is not None:
        guarded(app, lambda s: watched.publish("block", network, int(seconds)), None)
    return first


def unblock(app: Flask, address: Address) -> None:
    """Lift a temporary block: at once with the feed, else within ``IPFILTER_BLOCK_RECHECK``."""
    network = network_of(address)
    policy = _policy(app)
    with policy.lock:
        policy.known_blocks.pop(network, None)
    guarded(app, lambda s: s.clear(f"ipfilter:block:{network}"), None)
    watched = feed(app)
    if watched is not None:
        guarded(app, lambda s: watched.publish("unblock", network), None)


def blocked_for(app: Flask, address: Address) -> int:
    """Seconds left on the client's temporary block (0 when there is none)."""
    network, policy, now = network_of(address), _policy(app), time.time()
    watched = feed(app)
    if watched is not None and watched.in_step:  # the feed's copy: no storage read
        ends = watched.ends(network)
        return max(1, math.ceil(ends - now)) if ends > now else 0
    with policy.lock:
        known = policy.known_blocks.get(network)
    if known is not None and now < known:
        return max(1, math.ceil(known - now))
    key = f"ipfilter:block:{network}"
    ends = guarded(app, lambda s: s.get_expiry(key) if s.get(key) else 0.0, 0.0)
    if ends <= now:
        return 0
    with policy.lock:
        policy.known_blocks[network] = ends
    return max(1, math.ceil(ends - now))


# --8<-- [end:blocks]


def _is_admin_route(prefixes: tuple[str, ...]) -> bool:
    # The matched URL rule, not the raw path: "/Admin" or "//admin" reach no admin view.
    rule = request.url_rule.rule if request.url_rule else request.path
    return any(rule == p.rstrip("/") or rule.startswith(p.rstrip("/") + "/") for p in prefixes)


# --8<-- [start:filter]
def _filter() -> None:
    app = unproxied(current_app)
    policy = _policy(app)
    address = client_ip()
    refusal = None
    if address is None:
        if policy.allow or policy.deny:  # cannot tell: refuse rather than guess
            refusal = "Requests from an unknown address are not allowed."
    elif _within(address, policy.deny) or (policy.allow and not _within(address, policy.allow)):
        refusal = "Requests from your network are not allowed."
    elif (
        policy.admin_allow is not None
        and _is_admin_route(policy.admin_prefixes)
        and not _within(address, policy.admin_allow)
    ):
        refusal = "This page is only available from the administrators' networks."
    if refusal:
        _mark_refused()
        raise Forbidden(refusal)
    seconds = blocked_for(app, address) if address is not None else 0
    if seconds:
        _mark_refused()
        raise Blocked(seconds)


def _mark_refused() -> None:
    g.ip_filtered = True  # the activity monitor does not count its own blocks' refusals
    g.sampled_refusal = f"ip {request.remote_addr or ''}"  # one access record per client and window


# --8<-- [end:filter]


def _address_argument(value: str) -> Address:
    try:
        address = ipaddress.ip_address(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not an IP address.") from exc
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@click.command("block")
@click.argument("address")
@click.option("--minutes", type=click.IntRange(1), default=60, show_default=True)
@with_appcontext
def block_command(address: str, minutes: int) -> None:
    """Block ADDRESS (IPv6: its /64 network) for a while, on every worker."""
    ip = _address_argument(address)
    block(current_app, ip, minutes * 60)
    emit("ip_block", "blocked", ip=network_of(ip), reason="manual", seconds=minutes * 60)
    click.echo(f"Blocked {network_of(ip)} for {minutes} minute(s).")


@click.command("unblock")
@click.argument("address")
@with_appcontext
def unblock_command(address: str) -> None:
    """Lift the temporary block of ADDRESS."""
    ip = _address_argument(address)
    unblock(current_app, ip)
    emit("ip_block", "lifted", ip=network_of(ip))
    click.echo(f"Unblocked {network_of(ip)}.")


def ipfilter_checks(app: Flask) -> Iterable[Finding]:
    """Admin routes restricted; blocks shared by every worker."""
    if app.config["IPFILTER_ADMIN_ALLOW"] is None:
        yield Finding(
            "SFA-I001",
            "warning",
            "IPFILTER_ADMIN_ALLOW is null: admin routes answer any network.",
            "List the administrators' networks in FLASK_IPFILTER_ADMIN_ALLOW.",
        )
    shared = "rate_limit_storage" in app.extensions
    workers = checks.worker_count()
    if not shared and app.config["IPFILTER_STORAGE_URI"].startswith("memory:") and workers > 1:
        # An error, like the limiter's SFA-R001: a client blocked in one worker is served by the others.
        yield Finding(
            "SFA-I002",
            "error",
            f"Temporary IP blocks are kept per process, and {workers} workers will serve the app: "
            "a block applies only in the worker that set it.",
            "Set FLASK_IPFILTER_STORAGE_URI=redis://host:6379/0, or enable rate limiting with Redis.",
        )


def init_app(app: Flask) -> None:
    """Parse the lists (a bad CIDR fails here, naming its setting) and filter every request."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    c = app.config
    admin = c["IPFILTER_ADMIN_ALLOW"]
    recheck = c["IPFILTER_BLOCK_RECHECK"]
    if isinstance(recheck, bool) or not isinstance(recheck, int | float) or not 0 <= recheck <= MAX_RECHECK:
        raise ValueError(f"IPFILTER_BLOCK_RECHECK must be 0 to {MAX_RECHECK} seconds, not {recheck!r}.")
    app.extensions[EXTENSION] = Policy(
        deny=parse_networks("IPFILTER_DENY", c["IPFILTER_DENY"]),
        allow=parse_networks("IPFILTER_ALLOW", c["IPFILTER_ALLOW"]),
        admin_allow=None if admin is None else parse_networks("IPFILTER_ADMIN_ALLOW", admin),
        admin_prefixes=tuple(c["IPFILTER_ADMIN_PREFIXES"]),
        storage_uri=str(c["IPFILTER_STORAGE_URI"]),
        recheck=float(recheck),
        feed_enabled=bool(c["IPFILTER_BLOCK_FEED"]),
    )
    app.before_request(_filter)
    checks.security_cli.add_command(block_command)
    checks.security_cli.add_command(unblock_command)
    checks.register(app, ipfilter_checks)
