"""Audit trail: every security event, append-only and hash-chained, in the database.

Each record carries the hash of the record before it, and its own hash is an HMAC-SHA256 (keyed
with ``AUDIT_HMAC_KEYS``, kept outside the database) over a canonical JSON form of all its fields.
``flask audit verify`` walks the chain and names the first broken link: an edited record no longer
matches its hash, a deleted one leaves a gap in the sequence numbers, and records deleted at the
end no longer match the chain head. Without the key, someone with write access to the database
cannot forge a record that verifies.

Why the database: every worker and instance already shares it, and its transactions serialise
appends (a row lock on the chain head), so the chain never forks; a file per process would fork
and live on one machine only. The log stream carries every event as well, with each appended
record's sequence number and hash: shipped off the machine, it is the independent copy that
detects a truncated or wholesale-rewritten table (``flask audit verify --anchor SEQ:HASH``).

**Nothing is lost.** A record that cannot be appended at once goes to the *outbox*, a file in the
instance folder (``AUDIT_OUTBOX``), written and fsynced before the request goes on, and drained in
order into the chain before any newer record of this machine (and by ``flask audit drain``). Two
cases send a record there: the database refuses the append (down, or busy past its retries), and
on SQLite the request's own session holds the database's write lock (a write not yet committed):
an append on another connection would wait for this very request, which is what once held an
append for 15 s and then dropped it. Those records are drained as soon as the request's session
ends. Only when the outbox cannot be written either does the request fail closed: its answer
becomes a 503 whatever the view said (an action already committed stays done, and the log says so
at CRITICAL level).

**Bounded, and counted.** Refusals of one kind from one client that is not logged in (wrong
tokens, CSRF failures, failed logins...) get one record for the first of each
``AUDIT_AGGREGATE_WINDOW`` and one aggregate record with the count of the others when the window
ends, so the number of rows does not follow an attacker's request rate and the count survives.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import hmac
import json
import math
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from cachetools import TTLCache
from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.cli import AppGroup
from sqlalchemy import JSON, BigInteger, String, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import Forbidden, ServiceUnavailable, Unauthorized
from werkzeug.wrappers import Response as BaseResponse  # what flask.redirect is typed to return

from ..config import parse_keys
from ..db import Model, Timestamp, db, end_session
from ..events import emit, security_event, unproxied
from ..inputs import bounded_int
from ..logs import redact
from ..metrics import audit_record
from ..pages import error_response, wants_json
from ..users import aware, utcnow
from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # HMAC keys for the chain, newest first, comma-separated (or a JSON list): the first signs new
    # records, all verify. Required in production; without one (development, tests) records are
    # hashed with plain SHA-256, which anyone with database access can recompute.
    "AUDIT_HMAC_KEYS": None,
    "AUDIT_PAGE_SIZE": 50,  # events per page of /admin/audit
    # The file of records waiting to be appended (see the module docstring); default: the
    # instance folder's audit-outbox.jsonl. It must be on a persistent, writable disk.
    "AUDIT_OUTBOX": None,
    # Refusals of one kind from one client that is not logged in: the first of each window is
    # recorded on its own, the rest as one aggregate record with their count (0: each on its own).
    "AUDIT_AGGREGATE_WINDOW": 60,
}
# --8<-- [end:defaults]

GENESIS = "0" * 64  # the "previous hash" of the first record
OUTBOX_NAME = "audit-outbox.jsonl"
AGGREGATES = "audit_aggregates"
AGGREGATED_OUTCOMES = ("failure", "refused")
OUTBOX_RETRY_AFTER = 5  # seconds, when neither the database nor the outbox can take a record
UNKEYED = "sha256"  # key id of records hashed without a key
HEAD_ID = 1
ATTEMPTS = 3  # per append, for transient database errors
MIN_KEY_LENGTH = 32
#: The fields that are hashed, in the order they are exported.
FIELDS = (
    "seq",
    "time",
    "event",
    "outcome",
    "user_id",
    "actor_id",
    "client_ip",
    "request_id",
    "details",
    "key_id",
    "prev_hash",
)


class AuditEvent(Model):
    """One audit record. Rows are only ever inserted; ``seq`` numbers them without gaps."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp)
    event: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(default=None, index=True)  # no FK: outlives accounts
    actor_id: Mapped[int | None] = mapped_column(default=None)
    client_ip: Mapped[str | None] = mapped_column(String(45), default=None)
    request_id: Mapped[str | None] = mapped_column(String(128), default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    key_id: Mapped[str] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Model):
    """The chain head: one row with the last sequence number and hash; appends lock it."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


def key_id(key: str | None) -> str:
    """A short, non-reversible name for an HMAC key (``sha256`` for none)."""
    if key is None:
        return UNKEYED
    return hashlib.sha256(b"audit-hmac-key:" + key.encode()).hexdigest()[:12]


def known_keys(config: Mapping[str, Any]) -> dict[str, str | None]:
    """Key id -> key for every configured key, plus the unkeyed hash."""
    return {UNKEYED: None, **{key_id(k): k for k in parse_keys(config["AUDIT_HMAC_KEYS"])}}


def canonical(record: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: the fields as JSON, keys sorted, no spaces, UTF-8."""
    fields = {name: record[name] for name in FIELDS}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(record: Mapping[str, Any], key: str | None) -> str:
    """The record's hash: HMAC-SHA256 with ``key``, or plain SHA-256 without one."""
    payload = canonical(record)
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


def _iso(moment: datetime) -> str:
    return aware(moment).astimezone(UTC).isoformat(timespec="microseconds")


def as_record(row: AuditEvent) -> dict[str, Any]:
    """A stored row in its exported (and hashed) form."""
    return {
        "seq": row.seq,
        "time": _iso(row.created_at),
        "event": row.event,
        "outcome": row.outcome,
        "user_id": row.user_id,
        "actor_id": row.actor_id,
        "client_ip": row.client_ip,
        "request_id": row.request_id,
        "details": row.details,
        "key_id": row.key_id,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def _json_safe(details: Mapping[str, Any]) -> dict[str, Any]:
    # Exactly what the JSON column will return, so the hash covers what is stored.
    safe: dict[str, Any] = json.loads(json.dumps(redact(dict(details)), default=str))
    return safe


# --8<-- [start:append]
def append(
    event: str,
    outcome: str,
    user_id: int | None = None,
    details: Mapping[str, Any] | None = None,
    *,
    actor_id: int | None = None,
    client_ip: str | None = None,
    request_id: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """Append one record in its own transaction and return it (``at``: when the event happened,
    for a record drained from the outbox; default now).

    The first statement increments the chain head, which takes its row lock (PostgreSQL) or the
    database write lock (SQLite) until commit: a concurrent append waits, then reads the new head,
    so two workers can never link to the same predecessor.
    """
    signing_key = next(iter(parse_keys(current_app.config["AUDIT_HMAC_KEYS"])), None)
    head = AuditHead.__table__
    attempt = 0
    while True:
        attempt += 1
        try:
            with db.engine.begin() as conn:
                bumped = conn.execute(update(head).where(head.c.id == HEAD_ID).values(seq=head.c.seq + 1))
                if bumped.rowcount == 0:  # the first record ever; a racing first append retries
                    conn.execute(insert(head).values(id=HEAD_ID, seq=1, hash=GENESIS))
                seq, prev_hash = conn.execute(
                    select(head.c.seq, head.c.hash).where(head.c.id == HEAD_ID)
                ).one()
                record = {
                    "seq": seq,
                    "time": _iso(at or utcnow()),
                    "event": event[:64],
                    "outcome": outcome[:32],
                    "user_id": user_id,
                    "actor_id": actor_id,
                    "client_ip": client_ip,
                    "request_id": request_id,
                    "details": _json_safe(details or {}),
                    "key_id": key_id(signing_key),
                    "prev_hash": prev_hash,
                }
                record["hash"] = digest(record, signing_key)
                row = {k: v for k, v in record.items() if k != "time"}
                created = datetime.fromisoformat(record["time"])
                conn.execute(insert(AuditEvent.__table__).values(created_at=created, **row))
                conn.execute(update(head).where(head.c.id == HEAD_ID).values(hash=record["hash"]))
            return record
        except (IntegrityError, OperationalError):
            # A lost race for the first record, a serialisation failure under a stricter isolation
            # level, or a busy SQLite database: nothing was written, so try again.
            if attempt >= ATTEMPTS:
                raise


# --8<-- [end:append]


class Outbox:
    """Records waiting to be appended, one JSON object a line, oldest first.

    Two files and two locks, so that no lock is ever waited for in the wrong order. ``put`` takes
    the outbox file's ``flock`` only for its write (a request holding SQLite's write lock may put);
    a drainer takes the *draining* file's ``flock`` for the whole drain, moves the waiting lines
    into that file (fsynced) under a brief outbox lock, then appends them to the database without
    holding the outbox lock. Holding the drain lock, it waits for the database; a request holding
    the database's lock waits at most for a brief outbox write: no cycle. Lines left by a drainer
    that died are appended first by the next one (a record it appended before dying may then be
    appended twice, never lost). Hand-written: no maintained library offers an fsynced, locked,
    ordered spool this small.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.draining = path.with_name(path.name + ".draining")

    def put(self, entry: Mapping[str, Any]) -> None:
        """Add ``entry`` at the end, durably; raises ``OSError`` when the file cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            file.write(json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str) + "\n")
            file.flush()
            os.fsync(file.fileno())

    def waiting(self) -> bool:
        """Whether any record waits (cheap: two ``stat`` calls)."""
        return any(path.exists() and path.stat().st_size > 0 for path in (self.path, self.draining))

    def pending(self) -> int:
        """How many records wait."""
        count = 0
        for path in (self.draining, self.path):
            with contextlib.suppress(FileNotFoundError), path.open(encoding="utf-8") as file:
                count += sum(1 for line in file if line.strip())
        return count

    def drain(self) -> int:
        """Append the waiting records in order; return how many. A record the database refuses
        stops the drain (it and the later ones stay, in order) and its error is raised."""
        if not self.waiting():
            return 0
        done = 0
        with self.draining.open("a+", encoding="utf-8") as claimed:
            fcntl.flock(claimed, fcntl.LOCK_EX)  # one drainer at a time, in order
            while True:
                self._claim(claimed)
                claimed.seek(0)
                lines = [line for line in claimed.read().splitlines() if line.strip()]
                if not lines:
                    return done
                appended = 0
                try:
                    for line in lines:
                        entry = json.loads(line)
                        at = datetime.fromisoformat(entry.pop("time"))
                        append(**entry, at=at)
                        appended += 1
                finally:
                    claimed.seek(0)
                    claimed.truncate()
                    claimed.writelines(line + "\n" for line in lines[appended:])
                    claimed.flush()
                    os.fsync(claimed.fileno())
                    done += appended

    def _claim(self, claimed: Any) -> None:
        """Move the outbox's lines to the end of the draining file (both fsynced)."""
        with contextlib.suppress(FileNotFoundError), self.path.open("r+", encoding="utf-8") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            text = file.read()
            if not text.strip():
                return
            claimed.seek(0, os.SEEK_END)
            claimed.write(text if text.endswith("\n") else text + "\n")
            claimed.flush()
            os.fsync(claimed.fileno())
            file.seek(0)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())


def outbox(app: Flask | None = None) -> Outbox:
    """The app's outbox (``AUDIT_OUTBOX``, or the instance folder's)."""
    app = app or current_app
    configured = app.config["AUDIT_OUTBOX"]
    return Outbox(Path(configured) if configured else Path(app.instance_path) / OUTBOX_NAME)


def _session_holds_the_write_lock() -> bool:
    """Whether this context's session holds SQLite's write lock (a write not yet committed): an
    append on another connection would wait for this very request until SQLite gives up."""
    session = db.session()  # this context's Session (the scoped proxy does not offer the check)
    if not session.in_transaction():
        return False
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return False  # PostgreSQL locks rows: the chain head is not among the request's
    return bool(getattr(connection.connection.dbapi_connection, "in_transaction", False))


def _unrecorded(box: Outbox) -> None:
    """Neither the database nor the outbox took the record: the request's answer becomes a 503
    (``_fail_closed``), and outside a request the command fails."""
    current_app.logger.critical("audit: the outbox %s cannot be written", box.path, exc_info=True)
    audit_record(unproxied(current_app), "failed")
    if not has_request_context():
        raise RuntimeError(f"the audit trail cannot record this action: {box.path} cannot be written")
    g.audit_unrecorded = True


def _fail_closed(response: Response) -> Response:
    # An after_request hook, so that it also replaces answers made by error handlers (a CSRF
    # refusal emits from one): the client never gets a success for an unrecorded action.
    if not g.get("audit_unrecorded"):
        return response
    refusal = ServiceUnavailable(
        "The audit trail cannot record this action; try again shortly.", retry_after=OUTBOX_RETRY_AFTER
    )
    return error_response(refusal)


Window = tuple[str, str, str]  # (event, outcome, client)
Aggregate = tuple[Window, datetime, datetime, int]  # a window, its first and last refusal, the count


class OpenWindows(TTLCache[Window, list[Any]]):
    """Open aggregation windows: window -> [first, last, count of the refusals after the first].

    A window that the cache drops, because it ended (``expire``) or to make room (``popitem``,
    least recently refused first), goes to ``closed`` if it counted any refusal: the two public
    methods through which a ``TTLCache`` drops items are overridden to see them, as the cachetools
    documentation does for ``popitem``.
    """

    def __init__(self, maxsize: int, seconds: float) -> None:
        super().__init__(maxsize, seconds, timer=time.monotonic)
        self.closed: list[Aggregate] = []

    def expire(self, now: float | None = None) -> list[tuple[Window, list[Any]]]:
        ended = super().expire(now)
        self.closed += [(key, first, last, count) for key, (first, last, count) in ended if count]
        return ended

    def popitem(self) -> tuple[Window, list[Any]]:
        key, (first, last, count) = item = super().popitem()
        if count:
            self.closed.append((key, first, last, count))
        return item


class Aggregates:
    """Per worker: refusals of one kind, from one client that is not logged in, over a window.

    The first of a window is recorded on its own, at once; the others are counted and recorded as
    one aggregate record ("N more refusals of kind K from client C between T1 and T2") when the
    window ends, so the count survives and the write rate does not follow the attacker.
    """

    MAX_OPEN = 10_000  # distinct clients at once: past it, windows are closed early (counts kept)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.open = OpenWindows(self.MAX_OPEN, seconds)
        self.busy = False  # a window is open or waits to be recorded; read without the lock
        self._lock = threading.Lock()  # gthread workers share it; cachetools caches are not thread-safe

    def admit(self, key: Window, at: datetime) -> bool:
        """True when this refusal opens its window (record it), False when it is counted."""
        with self._lock:
            window = self.open.get(key)
            if window is not None:
                window[1] = at
                window[2] += 1
                return False
            self.open[key] = [at, at, 0]  # an ended window of the same key goes to ``closed`` first
            self.busy = True
            return True

    def due(self, everything: bool = False) -> list[Aggregate]:
        """Pop the windows that ended (all with ``everything``); those that counted any refusal."""
        with self._lock:
            self.open.expire(math.inf if everything else None)
            closed, self.open.closed = self.open.closed, []
            self.busy = len(self.open) > 0 or bool(self.open.closed)
        return closed


def _aggregates(app: Flask) -> Aggregates:
    aggregates: Aggregates = app.extensions[AGGREGATES]
    return aggregates


def _aggregated_key(event: Mapping[str, Any], fields: Mapping[str, Any]) -> Window | None:
    """The aggregation key of an unauthenticated refusal, or None for a record kept on its own."""
    if event["outcome"] not in AGGREGATED_OUTCOMES or event["user_id"] is not None:
        return None
    if fields.get("actor_id") is not None or not fields.get("client_ip"):
        return None
    return (event["event"], event["outcome"], str(fields["client_ip"]))


def _record_event(sender: Flask, **event: Any) -> None:
    at = utcnow()
    fields: dict[str, Any] = {
        "event": event["event"],
        "outcome": event["outcome"],
        "user_id": event["user_id"],
        "details": _json_safe(event["details"] or {}),
    }
    if has_request_context():
        fields |= {
            "actor_id": g.get("user_id"),
            "client_ip": request.remote_addr,
            "request_id": g.get("request_id"),
        }
    aggregates = _aggregates(sender)
    key = _aggregated_key(event, fields) if aggregates.seconds > 0 else None
    if key is not None and not aggregates.admit(key, at):
        return  # counted: recorded with its window's aggregate
    _flush_aggregates(sender)
    _keep(sender, fields, at)


def _flush_aggregates(app: Flask, everything: bool = False) -> None:
    for (event, outcome, client), first, last, count in _aggregates(app).due(everything):
        details = {"aggregate": True, "count": count, "first": _iso(first), "last": _iso(last)}
        fields = {
            "event": event,
            "outcome": outcome,
            "user_id": None,
            "details": details,
            "client_ip": client,
        }
        _keep(app, fields, last)


def _keep(app: Flask, fields: dict[str, Any], at: datetime) -> None:
    """Append one record, or keep it in the outbox (see the module docstring)."""
    box = outbox(app)
    try:
        if _session_holds_the_write_lock():
            box.put(fields | {"time": _iso(at)})
            audit_record(app, "queued")
            g.audit_deferred = True  # drained when this context's session has ended
            return
        box.drain()  # this machine's older records first
        record = append(**fields, at=at)
    except OSError:
        _unrecorded(box)
        return
    except Exception:  # the database refused: keep the record, in order, for the next drain
        current_app.logger.warning(
            "audit: %s/%s waits in the outbox (the database refused the append)",
            fields["event"],
            fields["outcome"],
            exc_info=True,
        )
        try:
            box.put(fields | {"time": _iso(at)})
            audit_record(app, "queued")
        except OSError:
            _unrecorded(box)
        return
    # An off-machine copy of each link: the anchor that detects a truncated or rewritten table.
    current_app.logger.info(
        "audit record appended", extra={"audit_seq": record["seq"], "audit_hash": record["hash"]}
    )
    audit_record(app, "appended")


def _after_context(exc: BaseException | None) -> None:
    """Record the aggregates whose window has ended (a flood that stopped is not left
    uncounted); then, if this context deferred records, end its session (releasing SQLite's
    write lock) and drain the outbox. A failed drain leaves them there for the next append."""
    app = unproxied(current_app)
    if _aggregates(app).busy:
        _flush_aggregates(app)
    if not g.pop("audit_deferred", False):
        return
    end_session(exc)
    try:
        outbox(app).drain()
    except Exception:
        current_app.logger.warning("audit: the outbox could not be drained yet", exc_info=True)


def _flush_at_exit(ref: weakref.ReferenceType[Flask]) -> None:
    """A worker that stops records the counts of its open windows."""
    app = ref()
    if app is None or not _aggregates(app).busy:
        return
    with app.app_context():
        try:
            _flush_aggregates(app, everything=True)
        except Exception:  # the database is gone at shutdown: the log keeps the counts
            app.logger.exception("audit: open aggregates could not be recorded at exit")


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification: how many records verified, and the first broken link."""

    verified: int
    broken_at: int | None = None
    problem: str | None = None
    unkeyed: int = 0

    @property
    def ok(self) -> bool:
        return self.problem is None


def _link_problem(record: Mapping[str, Any], expected: int, prev: str) -> tuple[int, str] | None:
    """Where and why ``record`` does not follow its predecessor (number and link), if it does not."""
    seq = record["seq"]
    if seq > expected:
        missing = f"{expected}" if seq == expected + 1 else f"{expected} to {seq - 1}"
        return expected, f"record {missing} is missing (deleted)"
    if seq < expected:
        return seq, f"record {seq} appears twice or out of order"
    if record["prev_hash"] != prev:
        return seq, f"record {seq} does not link to record {seq - 1}: one of them was edited or replaced"
    return None


def _key_problem(
    record: Mapping[str, Any], keys: Mapping[str, str | None], keyed_seen: bool, allow_unkeyed: bool
) -> str | None:
    """Why ``record``'s key id is not acceptable here, if it is not."""
    seq, key = record["seq"], record["key_id"]
    if key not in keys:
        return f"record {seq} is signed with an unknown key {key}"
    if key != UNKEYED or not any(v is not None for v in keys.values()):
        return None
    if keyed_seen:
        return f"record {seq} is unkeyed after keyed records (a downgrade)"
    if not allow_unkeyed:
        return (
            f"record {seq} is unkeyed although AUDIT_HMAC_KEYS is set "
            "(--allow-unkeyed if the chain began before the key)"
        )
    return None


def _end_problem(
    count: int, prev: str, head: tuple[int, str] | None, anchor: tuple[int, str] | None
) -> str | None:
    """Why the chain's end disagrees with its head or its anchor, if it does."""
    if head is not None and head != (count, prev):
        return (
            f"the chain head names record {head[0]} but the last record is {count}: "
            "records at the end were deleted"
        )
    if anchor and anchor[0] > count:
        return f"record {anchor[0]} of the anchor is gone: records were deleted"
    return None


def verify_chain(
    records: Iterable[Mapping[str, Any]],
    keys: Mapping[str, str | None],
    head: tuple[int, str] | None = None,
    anchor: tuple[int, str] | None = None,
    allow_unkeyed: bool = False,
) -> Verdict:
    """Walk ``records`` in sequence order and report the first broken link, if any.

    With keys configured, an unkeyed record fails unless ``allow_unkeyed`` (a chain that began
    before the key was set): otherwise a rewrite of the whole chain without the key would pass.
    """
    expected, prev, unkeyed, keyed_seen = 1, GENESIS, 0, False
    for record in records:
        seq = record["seq"]
        link = _link_problem(record, expected, prev)
        if link is not None:
            return Verdict(expected - 1, link[0], link[1], unkeyed)
        problem = _key_problem(record, keys, keyed_seen, allow_unkeyed)
        if problem is not None:
            return Verdict(expected - 1, seq, problem, unkeyed)
        if record["key_id"] == UNKEYED:
            unkeyed += 1
        else:
            keyed_seen = True
        if not hmac.compare_digest(digest(record, keys[record["key_id"]]), str(record["hash"])):
            return Verdict(expected - 1, seq, f"record {seq} does not match its hash: it was edited", unkeyed)
        if anchor and seq == anchor[0] and record["hash"] != anchor[1]:
            return Verdict(
                expected - 1, seq, f"record {seq} differs from the anchor: the chain was rewritten", unkeyed
            )
        prev, expected = str(record["hash"]), expected + 1
    count = expected - 1
    end = _end_problem(count, prev, head, anchor)
    return Verdict(count, unkeyed=unkeyed) if end is None else Verdict(count, count + 1, end, unkeyed)


def stored_records(since: int = 0, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """The stored records in sequence order, read in batches."""
    after = since
    while True:
        query = select(AuditEvent).where(AuditEvent.seq > after).order_by(AuditEvent.seq).limit(batch)
        rows = list(db.session.scalars(query))
        if not rows:
            return
        for row in rows:
            yield as_record(row)
        after = rows[-1].seq
        db.session.expunge_all()


def stored_head() -> tuple[int, str] | None:
    """The chain head as (seq, hash); None before the first record."""
    head = db.session.get(AuditHead, HEAD_ID)
    return (head.seq, head.hash) if head else None


def verify_stored(anchor: tuple[int, str] | None = None, allow_unkeyed: bool = False) -> Verdict:
    """Verify the records in the database against the configured keys and the chain head."""
    head = stored_head() or (0, GENESIS)
    return verify_chain(stored_records(), known_keys(current_app.config), head, anchor, allow_unkeyed)


# --8<-- [start:checks]
def audit_checks(app: Flask) -> Iterable[Finding]:
    """The chain is keyed with its own strong key (checklist 38)."""
    c = app.config
    keys = parse_keys(c["AUDIT_HMAC_KEYS"])
    if not keys:
        yield Finding(
            "SFA-U001",
            "error",
            "AUDIT_HMAC_KEYS is not set: anyone who can write to the database can rewrite the audit chain.",
            "Set FLASK_AUDIT_HMAC_KEYS to `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
        )
    others = {c["SECRET_KEY"], *c["SECRET_KEY_FALLBACKS"], *parse_keys(c.get("DATA_ENCRYPTION_KEYS"))}
    if any(key in others for key in keys):
        yield Finding(
            "SFA-U002",
            "error",
            "An audit key is also SECRET_KEY or a data encryption key.",
            "Give the audit chain a key of its own.",
        )
    if any(len(key) < MIN_KEY_LENGTH for key in keys):
        yield Finding(
            "SFA-U003",
            "error",
            f"An AUDIT_HMAC_KEYS entry is shorter than {MIN_KEY_LENGTH} characters.",
            "Use `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
        )


# --8<-- [end:checks]


audit_cli = AppGroup("audit", help="The audit trail.")


def _anchor(value: str | None) -> tuple[int, str] | None:
    if not value:
        return None
    seq, _, hash_ = value.partition(":")
    if not seq.isdigit() or len(hash_) != 64:
        raise click.BadParameter("expected SEQ:HASH, as logged with 'audit record appended'")
    return int(seq), hash_


@audit_cli.command("verify")
@click.option("--anchor", help="SEQ:HASH of a record copied elsewhere (the logs): detects truncation.")
@click.option(
    "--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Verify an export."
)
@click.option("--allow-unkeyed", is_flag=True, help="Accept unkeyed records before the first keyed one.")
def verify_command(anchor: str | None, path: Path | None, allow_unkeyed: bool) -> None:
    """Walk the chain; exit 1 and name the first broken link if any record was altered or removed."""
    pin = _anchor(anchor)
    if path is None:
        verdict = verify_stored(pin, allow_unkeyed)
    else:
        with path.open(encoding="utf-8") as lines:
            records = (json.loads(line) for line in lines if line.strip())
            verdict = verify_chain(records, known_keys(current_app.config), None, pin, allow_unkeyed)
    if verdict.unkeyed:
        click.echo(f"{verdict.unkeyed} record(s) are unkeyed (written without AUDIT_HMAC_KEYS).")
    if not verdict.ok:
        click.echo(f"BROKEN at record {verdict.broken_at}: {verdict.problem}", err=True)
        click.echo(f"{verdict.verified} record(s) before it verified.", err=True)
        if path is None:
            emit("audit_verify", "failure", broken_at=verdict.broken_at, problem=verdict.problem)
        raise SystemExit(1)
    click.echo(f"OK: {verdict.verified} record(s) verified.")
    waiting = outbox().pending()
    if waiting:
        click.echo(f"{waiting} record(s) wait in the outbox: run `flask audit drain`.")


@audit_cli.command("drain")
def drain_command() -> None:
    """Append the records waiting in the outbox, in order; exit 1 if some still wait."""
    box = outbox()
    try:
        done = box.drain()
    except Exception as exc:
        click.echo(
            f"The database refused a record ({type(exc).__name__}); {box.pending()} wait in {box.path}."
        )
        raise SystemExit(1) from None
    click.echo(f"Appended {done} record(s) from the outbox; {box.pending()} wait.")


@audit_cli.command("export")
@click.option("--since", type=click.IntRange(min=0), default=0, help="Only records after this seq.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-", help="File (default: stdout).")
def export_command(since: int, output: Any) -> None:
    """Write the records as JSON lines, hashes included, for archiving or offline verification."""
    count = 0
    for record in stored_records(since):
        output.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    if output is not sys.stdout:
        click.echo(f"Exported {count} record(s).", err=True)


bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


@bp.before_request
def _require_admin() -> BaseResponse | None:
    """Administrators only, logged in with a browser session (never by API token)."""
    loader = current_app.extensions.get("session_user_loader")
    user = loader() if loader else None
    if user is None:
        if "auth.login" in current_app.view_functions and not wants_json():
            return redirect(url_for("auth.login", next=request.path))
        return error_response(Unauthorized())
    if not getattr(user, "is_admin", False):
        emit("admin_access", "refused", user.id, path=request.path)
        return error_response(Forbidden())
    # The admin area needs a completed second factor when the MFA control is present (checklist 26).
    second_factor: Callable[[], BaseResponse | None] | None = current_app.extensions.get("second_factor_gate")
    refusal = second_factor() if second_factor is not None else None
    if refusal is not None:
        return refusal
    g.user_id = user.id
    return None


@bp.get("/")
def recent() -> str:
    """The most recent events, newest first; ``?event=`` filters, ``?before=`` pages back."""
    size = int(current_app.config["AUDIT_PAGE_SIZE"])
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(size)
    event = request.args.get("event", "").strip()[:64]
    before = request.args.get("before", type=bounded_int(1))
    if event:
        query = query.where(AuditEvent.event == event)
    if before:
        query = query.where(AuditEvent.seq < before)
    rows = [as_record(row) for row in db.session.scalars(query)]
    emit("audit_view", "success", g.user_id, filter=event or None, before=before)
    return render_template("audit/list.html", records=rows, event=event, head=stored_head(), size=size)


def init_app(app: Flask) -> None:
    """Record every security event, register the checks, ``flask audit`` and ``/admin/audit``."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    security_event.connect(_record_event, sender=app, weak=False)
    app.extensions[AGGREGATES] = Aggregates(float(app.config["AUDIT_AGGREGATE_WINDOW"]))
    atexit.register(_flush_at_exit, weakref.ref(app))
    app.teardown_appcontext(_after_context)
    app.after_request(_fail_closed)
    checks.register(app, audit_checks)
    app.cli.add_command(audit_cli)
    app.register_blueprint(bp)
