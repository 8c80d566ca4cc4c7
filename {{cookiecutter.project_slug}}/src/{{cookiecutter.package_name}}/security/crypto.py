"""Encryption at rest: Fernet keys from ``DATA_ENCRYPTION_KEYS``, rotation with ``flask keys``.

Columns typed ``db.Sensitive`` (or ``db.SensitiveJSON``) hold Fernet tokens: AES-128-CBC with an
HMAC-SHA256 over the whole token, so an altered byte is detected and raises
``db.CipherError`` instead of decrypting to garbage. ``DATA_ENCRYPTION_KEYS`` lists keys
newest first: the first encrypts, every key decrypts (``MultiFernet``). The keys are separate
from ``SECRET_KEY``, which signs cookies and can leak through other paths.

Rotation (``flask keys rotate``) re-encrypts every sensitive column of every table under the first
key, one batch of rows per transaction, ordered by primary key, and writes a row only if it still
holds the ciphertext that was read (a row the app rewrote meanwhile is left alone: the app
already wrote it under the first key). Every row holds, at every moment, either its old or its new
ciphertext, and both decrypt while the old key stays listed; so rotation runs while the app
serves, and an interrupted run (Ctrl-C, a killed job, a lost connection) loses at most one
uncommitted batch. A progress marker in the instance folder lets the next run resume there; without
it, a run starts over and skips rows already under the first key (it only reads them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import Column, Table, column, select, table, tuple_, update
from sqlalchemy.engine import Connection

from ..config import parse_keys
from ..db import CIPHER, CipherError, Sensitive, db
from ..events import emit
from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Fernet keys, newest first, comma-separated (or a JSON list): the first encrypts, all
    # decrypt. Required in production; `flask keys generate` makes one.
    "DATA_ENCRYPTION_KEYS": None,
    # Rows per transaction in `flask keys rotate`.
    "KEY_ROTATION_BATCH_SIZE": 500,
}
# --8<-- [end:defaults]

MARKER_NAME = "key-rotation.json"
TAMPERED = (
    "A sensitive value cannot be decrypted: it was altered, or it was encrypted with a key that "
    "is no longer in DATA_ENCRYPTION_KEYS."
)


def key_id(key: str) -> str:
    """A short, non-reversible name for a key, safe to print and store."""
    return hashlib.sha256(b"data-encryption-key:" + key.encode()).hexdigest()[:12]


def generate_key() -> str:
    """A fresh Fernet key: 32 random bytes, URL-safe base64."""
    return Fernet.generate_key().decode("ascii")


class DataCipher:
    """Fernet with several keys: encrypts with the first, decrypts with any."""

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        self._primary = Fernet(keys[0])  # ValueError on a malformed key
        self._all = MultiFernet([self._primary, *(Fernet(k) for k in keys[1:])])
        self.key_id = key_id(keys[0])

    def encrypt(self, plaintext: str) -> str:
        return self._all.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._all.decrypt(ciphertext.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise CipherError(TAMPERED) from exc

    def is_current(self, ciphertext: str) -> bool:
        """True when the first key alone authenticates ``ciphertext`` (nothing to rotate)."""
        try:
            self._primary.extract_timestamp(ciphertext.encode("ascii"))  # checks the HMAC only
        except (InvalidToken, UnicodeError):
            return False
        return True

    def rotate(self, ciphertext: str) -> str:
        """Re-encrypt under the first key, keeping the original timestamp."""
        try:
            return self._all.rotate(ciphertext.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError) as exc:
            raise CipherError(TAMPERED) from exc


class UnavailableCipher:
    """Bound when keys are missing or malformed: fails closed, never writes plaintext."""

    key_id = None

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def encrypt(self, plaintext: str) -> str:
        raise CipherError(self.reason)

    def decrypt(self, ciphertext: str) -> str:
        raise CipherError(self.reason)


def _invalid_keys(keys: Iterable[str]) -> list[int]:
    """Positions (1-based) of keys that are not Fernet keys."""
    bad = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            bad.append(position)
    return bad


def build_cipher(app: Flask) -> DataCipher | UnavailableCipher:
    """The cipher the settings describe; a throwaway key outside production when none is set."""
    keys = parse_keys(app.config["DATA_ENCRYPTION_KEYS"])
    if _invalid_keys(keys):
        return UnavailableCipher("DATA_ENCRYPTION_KEYS holds a malformed key: see `flask security check`.")
    if keys:
        return DataCipher(keys)
    if app.config["PROFILE"] == "production":
        return UnavailableCipher("DATA_ENCRYPTION_KEYS is not set: sensitive data cannot be read or written.")
    if app.config["PROFILE"] == "development":
        app.logger.warning(
            "DATA_ENCRYPTION_KEYS is not set: using a temporary key, so data encrypted now is "
            "unreadable after a restart. Set FLASK_DATA_ENCRYPTION_KEYS (`flask keys generate`)."
        )
    return DataCipher([generate_key()])


# --8<-- [start:checks]
def encryption_checks(app: Flask) -> Iterable[Finding]:
    """Keys present, well-formed, and separate from SECRET_KEY (checklist 35)."""
    c = app.config
    keys = parse_keys(c["DATA_ENCRYPTION_KEYS"])
    if not keys:
        yield Finding(
            "SFA-E001",
            "error",
            "DATA_ENCRYPTION_KEYS is not set: sensitive columns cannot be encrypted.",
            "Set FLASK_DATA_ENCRYPTION_KEYS to the output of `flask keys generate`.",
        )
    signing = {c["SECRET_KEY"], *c["SECRET_KEY_FALLBACKS"]}
    if any(key in signing for key in keys):
        yield Finding(
            "SFA-E002",
            "error",
            "A data encryption key is also SECRET_KEY or one of its fallbacks.",
            "Generate a separate key with `flask keys generate`.",
        )
    if len(set(keys)) != len(keys):
        yield Finding(
            "SFA-E004",
            "warning",
            "DATA_ENCRYPTION_KEYS lists the same key twice.",
            "List each key once, newest first.",
        )


def key_format_check(app: Flask) -> Iterable[Finding]:
    """Malformed keys, reported by `flask security check` in every profile."""
    bad = _invalid_keys(parse_keys(app.config["DATA_ENCRYPTION_KEYS"]))
    if bad:
        yield Finding(
            "SFA-E003",
            "error",
            f"DATA_ENCRYPTION_KEYS entry {', '.join(map(str, bad))} is not a Fernet key.",
            "Each key is 32 random bytes in URL-safe base64: use `flask keys generate`.",
        )


# --8<-- [end:checks]


def current_cipher() -> DataCipher:
    """The bound cipher, or a ``ClickException`` naming the setting."""
    cipher = current_app.extensions.get(CIPHER)
    if not isinstance(cipher, DataCipher):
        reason = getattr(cipher, "reason", "No encryption key is configured.")
        raise click.ClickException(reason)
    return cipher


def encrypted_tables(metadata: Any = None) -> list[tuple[Table, list[Column[Any]]]]:
    """Every table with ``Sensitive`` columns, in a stable order, with those columns."""
    found = []
    for tbl in (metadata or db.metadata).sorted_tables:
        columns = [c for c in tbl.columns if isinstance(c.type, Sensitive)]
        if columns:
            found.append((tbl, columns))
    return found


@dataclass
class RotationReport:
    """What a pass over the sensitive columns found and did."""

    rotated: int = 0  # values re-encrypted under the first key
    current: int = 0  # values already under the first key
    changed: int = 0  # values the app rewrote during the pass (left as written)
    pending: int = 0  # values under an older key (dry run only)
    unreadable: list[str] = field(default_factory=list)  # "table.column pk=..." no key can read
    skipped_tables: list[str] = field(default_factory=list)  # tables without a primary key

    def as_details(self) -> dict[str, Any]:
        return {
            "rotated": self.rotated,
            "current": self.current,
            "changed": self.changed,
            "unreadable": len(self.unreadable),
        }


class Marker:
    """The progress marker: the key being rotated to, the table, and the last primary key done."""

    def __init__(self, path: Path, target_key_id: str) -> None:
        self.path = path
        self.key_id = target_key_id

    def load(self) -> tuple[str, list[Any]] | None:
        """Where the previous interrupted run towards the same key stopped, if anywhere."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key_id") != self.key_id:
            return None  # a run towards another key: start over
        return str(data["table"]), list(data["after"])

    def save(self, table_name: str, after: Sequence[Any]) -> None:
        if not all(isinstance(v, int | str) for v in after):
            return  # only plain keys can be resumed from; a rerun still skips finished rows
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            payload = {"key_id": self.key_id, "table": table_name, "after": list(after)}
            self.path.write_text(json.dumps(payload), encoding="utf-8")
        except OSError as exc:
            current_app.logger.warning("key rotation: cannot write the progress marker: %s", exc)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _batches(
    conn: Connection, tbl: Table, columns: list[Column[Any]], batch_size: int, after: list[Any] | None
) -> Iterator[tuple[list[Any], list[Any]]]:
    """Yield (raw primary key columns, rows) in primary-key order, starting after ``after``.

    The rows come from a lightweight copy of the table whose columns have no type, so the
    values are the raw ciphertext: the ``Sensitive`` type does not decrypt them.
    """
    keys = list(tbl.primary_key.columns)
    raw = table(tbl.name, *(column(c.name) for c in keys + columns), schema=tbl.schema)
    pk = [raw.c[c.name] for c in keys]
    while True:
        query = select(*pk, *(raw.c[c.name] for c in columns)).order_by(*pk).limit(batch_size)
        if after is not None:
            query = query.where(pk[0] > after[0] if len(pk) == 1 else tuple_(*pk) > tuple_(*after))
        rows = list(conn.execute(query))
        if not rows:
            return
        yield pk, rows
        after = list(rows[-1][: len(pk)])


def rotate_all(
    cipher: DataCipher,
    batch_size: int,
    marker: Marker | None = None,
    dry_run: bool = False,
    progress: Callable[[str, int, RotationReport], None] | None = None,
) -> RotationReport:
    """Re-encrypt every sensitive value under the first key, one committed batch at a time."""
    report = RotationReport()
    resume = marker.load() if marker else None
    tables = encrypted_tables()
    if resume and resume[0] not in {t.fullname for t, _ in tables}:
        resume = None
    with db.engine.connect() as conn:
        for tbl, columns in tables:
            if resume and tbl.fullname != resume[0]:
                continue  # finished by the interrupted run
            after = resume[1] if resume else None
            resume = None
            if not tbl.primary_key.columns:
                report.skipped_tables.append(tbl.fullname)
                continue
            names = [c.name for c in columns]
            width = len(tbl.primary_key.columns)
            for pk, rows in _batches(conn, tbl, columns, batch_size, after):
                for row in rows:
                    values = dict(zip(names, row[width:], strict=True))
                    _rotate_row(conn, tbl.fullname, pk, row[:width], values, cipher, report, dry_run)
                conn.commit()  # this batch is done, whatever happens next
                if marker and not dry_run:
                    marker.save(tbl.fullname, list(rows[-1][:width]))
                if progress:
                    progress(tbl.fullname, len(rows), report)
    if marker and not dry_run:
        marker.clear()
    return report


def _rotate_row(
    conn: Connection,
    table_name: str,
    pk: list[Any],
    pk_values: Sequence[Any],
    values: dict[str, str | None],
    cipher: DataCipher,
    report: RotationReport,
    dry_run: bool,
) -> None:
    new: dict[str, str] = {}
    for name, token in values.items():
        if token is None:
            continue
        if cipher.is_current(token):
            report.current += 1
            continue
        try:
            new[name] = cipher.rotate(token)
        except CipherError:
            report.unreadable.append(f"{table_name}.{name} pk={list(pk_values)}")
    if not new:
        return
    if dry_run:
        report.pending += len(new)
        return
    raw = pk[0].table
    statement = (
        update(raw)
        .where(*(c == v for c, v in zip(pk, pk_values, strict=True)))
        # Compare-and-set: a value the app rewrote since it was read is left as written.
        .where(*(raw.c[name] == values[name] for name in new))
        .values(new)
    )
    if conn.execute(statement).rowcount == 1:
        report.rotated += len(new)
    else:
        report.changed += len(new)


keys_cli = AppGroup("keys", help="Data encryption keys.")


@keys_cli.command("generate")
def generate_command() -> None:
    """Print a new key; put it FIRST in DATA_ENCRYPTION_KEYS, then run `flask keys rotate`."""
    click.echo(generate_key())
    click.echo(
        "Prepend it: FLASK_DATA_ENCRYPTION_KEYS=<new>,<current keys>. Keep it out of version control.",
        err=True,
    )


def _echo_progress(table_name: str, rows: int, report: RotationReport) -> None:
    click.echo(f"{table_name}: {rows} row(s) checked; {report.rotated} value(s) re-encrypted so far")


@keys_cli.command("rotate")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Rows per transaction.")
@click.option("--restart", is_flag=True, help="Ignore the progress marker of an interrupted run.")
def rotate_command(batch_size: int | None, restart: bool) -> None:
    """Re-encrypt every sensitive column under the first key (resumable, safe to interrupt)."""
    cipher = current_cipher()
    size = batch_size or current_app.config["KEY_ROTATION_BATCH_SIZE"]
    marker = Marker(Path(current_app.instance_path) / MARKER_NAME, cipher.key_id)
    if restart:
        marker.clear()
    try:
        report = rotate_all(cipher, size, marker, progress=_echo_progress)
    except KeyboardInterrupt:
        emit("key_rotation", "interrupted", key_id=cipher.key_id)
        click.echo(
            "Interrupted: committed batches stay done; run `flask keys rotate` again to resume.", err=True
        )
        raise SystemExit(130) from None
    outcome = "failure" if report.unreadable else "success"
    emit("key_rotation", outcome, key_id=cipher.key_id, **report.as_details())
    click.echo(
        f"Re-encrypted {report.rotated} value(s); {report.current} already under the first key; "
        f"{report.changed} rewritten by the app meanwhile."
    )
    for name in report.skipped_tables:
        click.echo(f"Skipped {name}: it has no primary key.", err=True)
    if report.unreadable:
        for where in report.unreadable:
            click.echo(f"Unreadable with every listed key: {where}", err=True)
        raise SystemExit(1)
    if report.changed:
        click.echo("Some rows changed during the pass: run `flask keys status` before retiring old keys.")


@keys_cli.command("status")
def status_command() -> None:
    """Count sensitive values under the first key and under older keys (read-only)."""
    cipher = current_cipher()
    report = rotate_all(cipher, current_app.config["KEY_ROTATION_BATCH_SIZE"], dry_run=True)
    tables = ", ".join(f"{t.fullname} ({', '.join(c.name for c in cols)})" for t, cols in encrypted_tables())
    click.echo(f"Encrypted columns: {tables or 'none'}")
    click.echo(f"Under the first key ({cipher.key_id}): {report.current}; under older keys: {report.pending}")
    for where in report.unreadable:
        click.echo(f"Unreadable with every listed key: {where}", err=True)
    if report.pending == 0 and not report.unreadable:
        click.echo("Every value decrypts with the first key alone: older keys can be removed.")
    if report.unreadable:
        raise SystemExit(1)


def init_app(app: Flask) -> None:
    """Bind the cipher that ``db.Sensitive`` columns use, its checks and ``flask keys``."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions[CIPHER] = build_cipher(app)
    checks.register(app, encryption_checks)
    checks.register(app, key_format_check, deploy=False)
    app.cli.add_command(keys_cli)
