"""Encryption at rest (checklist 35): ciphertext in the raw database, tampering raises, rotation."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from flask import Flask
from sqlalchemy import String, text
from sqlalchemy.orm import Mapped, mapped_column

from conftest import assert_reported, make_app, production_settings, settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import CipherError, Sensitive, SensitiveJSON, db
from {{ cookiecutter.package_name }}.events import security_event
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError, crypto

SECRET = "JBSWY3DPEHPK3PXP"  # what a TOTP secret looks like


# --8<-- [start:model]
class Vault(db.Model):
    """A test-only model with one encrypted text column and one encrypted JSON column."""

    __tablename__ = "test_vault"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(40), default="")
    secret: Mapped[str | None] = mapped_column(Sensitive)
    history: Mapped[Any] = mapped_column(SensitiveJSON, nullable=True)


# --8<-- [end:model]


def key() -> str:
    return Fernet.generate_key().decode()


def app_with(*keys: str, **overrides: Any) -> Flask:
    return make_app(DATA_ENCRYPTION_KEYS=",".join(keys), **overrides)


def store(app: Flask, count: int = 1, **values: Any) -> list[int]:
    with app.app_context():
        rows = [Vault(label=f"row {i}", **values) for i in range(count)]
        db.session.add_all(rows)
        db.session.commit()
        return [row.id for row in rows]


def raw(app: Flask) -> list[dict[str, Any]]:
    """The table as the database holds it, bypassing the column types."""
    with app.app_context():
        rows = db.session.execute(text("SELECT id, secret, history FROM test_vault ORDER BY id"))
        return [dict(row._mapping) for row in rows]


def share_database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'shared.db'}"


def test_raw_database_holds_ciphertext(tmp_path: Path) -> None:
    app = app_with(key(), SQLALCHEMY_DATABASE_URI=share_database(tmp_path))
    [row_id] = store(app, secret=SECRET, history=[{"prompt": "my salary is 5000"}])
    [row] = raw(app)
    assert row["secret"].startswith("gAAAAA") and SECRET not in row["secret"]
    assert row["history"].startswith("gAAAAA") and "salary" not in row["history"]
    with app.app_context():
        stored = db.session.get(Vault, row_id)
        assert stored.secret == SECRET
        assert stored.history == [{"prompt": "my salary is 5000"}]


def test_same_plaintext_gives_different_ciphertexts() -> None:
    app = app_with(key())
    store(app, count=2, secret=SECRET)
    first, second = raw(app)
    assert first["secret"] != second["secret"]  # random IV: equal values do not show


# --8<-- [start:tamper]
def flip_one_byte(token: str) -> str:
    data = bytearray(base64.urlsafe_b64decode(token))
    data[len(data) // 2] ^= 0x01
    return base64.urlsafe_b64encode(bytes(data)).decode()


@pytest.mark.parametrize("column", ["secret", "history"])
def test_a_flipped_byte_raises_a_clear_error(column: str) -> None:
    app = app_with(key())
    [row_id] = store(app, secret=SECRET, history={"a": 1})
    tampered = flip_one_byte(raw(app)[0][column])
    with app.app_context():
        db.session.execute(text(f"UPDATE test_vault SET {column} = :v"), {"v": tampered})  # noqa: S608
        db.session.commit()
        db.session.expunge_all()
        with pytest.raises(CipherError, match="altered"):
            db.session.get(Vault, row_id)


# --8<-- [end:tamper]


def test_plaintext_smuggled_into_the_column_is_refused() -> None:
    app = app_with(key())
    [row_id] = store(app, secret=SECRET)
    with app.app_context():
        db.session.execute(text("UPDATE test_vault SET secret = 'attacker-chosen'"))
        db.session.commit()
        db.session.expunge_all()
        with pytest.raises(CipherError):
            db.session.get(Vault, row_id)


def test_a_removed_key_makes_its_data_unreadable_not_garbage(tmp_path: Path) -> None:
    url = share_database(tmp_path)
    old = key()
    store(app_with(old, SQLALCHEMY_DATABASE_URI=url), secret=SECRET)
    other = app_with(key(), SQLALCHEMY_DATABASE_URI=url)
    with other.app_context(), pytest.raises(CipherError):
        db.session.get(Vault, 1)


def test_keys_come_from_the_environment_newest_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = share_database(tmp_path)
    old, new = key(), key()
    store(app_with(old, SQLALCHEMY_DATABASE_URI=url), secret=SECRET)
    monkeypatch.setenv("FLASK_DATA_ENCRYPTION_KEYS", f"{new},{old}")
    app = create_app(settings(SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        assert db.session.get(Vault, 1).secret == SECRET  # the old key still decrypts
        db.session.add(Vault(secret="fresh"))
        db.session.commit()
    assert Fernet(new).decrypt(raw(app)[1]["secret"].encode()) == b"fresh"  # the first encrypts


def test_a_temporary_key_still_encrypts_outside_production() -> None:
    app = make_app()  # no DATA_ENCRYPTION_KEYS: tests and development get a throwaway key
    store(app, secret=SECRET)
    assert raw(app)[0]["secret"].startswith("gAAAAA")


def test_production_refuses_to_start_without_keys() -> None:
    with pytest.raises(UnsafeConfigurationError, match="DATA_ENCRYPTION_KEYS"):
        create_app(production_settings(DATA_ENCRYPTION_KEYS=None))


def test_production_without_keys_never_writes_plaintext() -> None:
    # Under the flask command line production only warns; the cipher must still fail closed.
    app = create_app(production_settings(PROFILE="testing", DATA_ENCRYPTION_KEYS=None))
    app.config["PROFILE"] = "production"
    app.extensions["data_cipher"] = crypto.build_cipher(app)
    with app.app_context():
        db.create_all()
        db.session.add(Vault(secret=SECRET))
        with pytest.raises(Exception, match="DATA_ENCRYPTION_KEYS is not set"):
            db.session.commit()


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"DATA_ENCRYPTION_KEYS": None}, "SFA-E001"),
        ({"DATA_ENCRYPTION_KEYS": ""}, "SFA-E001"),
        ({"DATA_ENCRYPTION_KEYS": "SECRET"}, "SFA-E002"),  # replaced by SECRET_KEY below
        ({"DATA_ENCRYPTION_KEYS": "not-a-fernet-key"}, "SFA-E003"),
        ({"DATA_ENCRYPTION_KEYS": "DUPLICATE"}, "SFA-E004"),  # replaced below
    ],
)
def test_each_broken_key_setting_is_reported(override: dict, finding: str) -> None:
    if override["DATA_ENCRYPTION_KEYS"] == "SECRET":  # SECRET_KEY reused as the data key
        shared = base64.urlsafe_b64encode(b"k" * 16 + bytes(range(48))).decode()
        override = {"SECRET_KEY": shared, "DATA_ENCRYPTION_KEYS": [shared]}
    elif override["DATA_ENCRYPTION_KEYS"] == "DUPLICATE":
        same = key()
        override = {"DATA_ENCRYPTION_KEYS": f"{same},{same}"}
    assert_reported(finding, **override)


def test_malformed_key_is_reported_without_deploy() -> None:
    app = make_app(DATA_ENCRYPTION_KEYS="short")
    result = app.test_cli_runner().invoke(args=["security", "check", "--format", "json"])
    assert "SFA-E003" in {f["id"] for f in json.loads(result.stdout)}
    assert "short" not in result.output  # the message never prints a key


def test_keys_generate_prints_a_working_key(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["keys", "generate"])
    new = result.stdout.strip()  # the key alone on stdout; the advice goes to stderr
    assert result.exit_code == 0 and "Prepend" in result.stderr
    assert Fernet(new).decrypt(Fernet(new).encrypt(b"x")) == b"x"
    assert new != app.test_cli_runner().invoke(args=["keys", "generate"]).stdout.strip()


# --- rotation ---------------------------------------------------------------------------------


@pytest.fixture
def rotation(tmp_path: Path) -> dict[str, Any]:
    """Seven rows written under an old key, and an app whose first key is new."""
    url = share_database(tmp_path)
    old, new = key(), key()
    before = app_with(old, SQLALCHEMY_DATABASE_URI=url)
    store(before, count=7, secret=SECRET, history={"q": "hello"})
    store(before, count=1, secret=None, history=None)  # NULLs stay NULL
    after = app_with(new, old, SQLALCHEMY_DATABASE_URI=url, KEY_ROTATION_BATCH_SIZE=3)
    after.instance_path = str(tmp_path / "instance")
    return {"url": url, "old": old, "new": new, "app": after, "raw_before": raw(before)}


def readable_with_new_key_alone(rotation: dict[str, Any]) -> bool:
    alone = app_with(rotation["new"], SQLALCHEMY_DATABASE_URI=rotation["url"])
    with alone.app_context():
        rows = db.session.query(Vault).order_by(Vault.id).all()
        return all(r.secret == SECRET and r.history == {"q": "hello"} for r in rows[:7]) and (
            rows[7].secret is None and rows[7].history is None
        )


def test_rotate_reencrypts_every_sensitive_column(rotation: dict[str, Any]) -> None:
    events: list[dict[str, Any]] = []
    security_event.connect(lambda sender, **e: events.append(e), sender=rotation["app"], weak=False)
    result = rotation["app"].test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "Re-encrypted 14 value(s)" in result.output
    assert readable_with_new_key_alone(rotation)
    after = raw(rotation["app"])
    assert all(a["secret"] != b["secret"] for a, b in zip(after[:7], rotation["raw_before"], strict=False))
    assert [e["event"] for e in events] == ["key_rotation"]
    assert events[0]["outcome"] == "success" and events[0]["details"]["rotated"] == 14
    # A second run finds nothing to do.
    again = rotation["app"].test_cli_runner().invoke(args=["keys", "rotate"])
    assert "Re-encrypted 0 value(s); 14 already under the first key" in again.output


def test_status_counts_values_per_key(rotation: dict[str, Any]) -> None:
    runner = rotation["app"].test_cli_runner()
    assert "under older keys: 14" in runner.invoke(args=["keys", "status"]).output
    runner.invoke(args=["keys", "rotate"])
    status = runner.invoke(args=["keys", "status"])
    assert "under older keys: 0" in status.output and "older keys can be removed" in status.output
    assert "test_vault (secret, history)" in status.output


def test_interrupted_rotation_leaves_everything_readable_and_resumes(
    rotation: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = rotation["app"]
    original = crypto._rotate_row
    calls = {"rows": 0}

    def crash_in_second_batch(*args: Any, **kwargs: Any) -> None:
        calls["rows"] += 1
        if calls["rows"] == 5:  # batch size 3: the first batch is committed, the second is not
            raise KeyboardInterrupt
        original(*args, **kwargs)

    monkeypatch.setattr(crypto, "_rotate_row", crash_in_second_batch)
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 130 and "resume" in result.output
    marker = json.loads((Path(app.instance_path) / crypto.MARKER_NAME).read_text())
    assert marker["table"] == "test_vault" and marker["after"] == [3]
    both = app_with(rotation["new"], rotation["old"], SQLALCHEMY_DATABASE_URI=rotation["url"])
    with both.app_context():  # mid-rotation, every row decrypts with the listed keys
        assert [r.secret for r in db.session.query(Vault).order_by(Vault.id)][:7] == [SECRET] * 7
    assert not readable_with_new_key_alone_safe(rotation)

    monkeypatch.setattr(crypto, "_rotate_row", original)
    resumed = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert resumed.exit_code == 0, resumed.output
    # Resumed after row 3: rows 1-3 were not even read again.
    assert "Re-encrypted 8 value(s); 0 already under the first key" in resumed.output
    assert readable_with_new_key_alone(rotation)
    assert not (Path(app.instance_path) / crypto.MARKER_NAME).exists()


def readable_with_new_key_alone_safe(rotation: dict[str, Any]) -> bool:
    try:
        return readable_with_new_key_alone(rotation)
    except CipherError:
        return False


def test_a_row_rewritten_during_rotation_is_not_overwritten(
    rotation: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = rotation["app"]
    cipher = app.extensions["data_cipher"]
    original = crypto.DataCipher.rotate
    written = {}

    def app_writes_meanwhile(self: crypto.DataCipher, token: str) -> str:
        if not written:  # the app saves row 1 between the rotation's read and its write
            with app.app_context():
                row = db.session.get(Vault, 1)
                row.secret = "changed by the app"
                db.session.commit()
                written["value"] = raw(app)[0]["secret"]
        return original(self, token)

    monkeypatch.setattr(crypto.DataCipher, "rotate", app_writes_meanwhile)
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    assert "2 rewritten by the app meanwhile" in result.output
    assert raw(app)[0]["secret"] == written["value"]
    assert cipher.decrypt(written["value"]) == "changed by the app"


def test_rotation_reports_unreadable_values_and_goes_on(rotation: dict[str, Any]) -> None:
    app = rotation["app"]
    with app.app_context():
        db.session.execute(text("UPDATE test_vault SET secret = :v WHERE id = 2"), {"v": "gAAAAAgarbage"})
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 1
    assert "test_vault.secret pk=[2]" in result.output
    assert "Re-encrypted 13 value(s)" in result.output


def test_rotate_refuses_without_a_usable_key() -> None:
    app = make_app(DATA_ENCRYPTION_KEYS="malformed")
    result = app.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code != 0 and "malformed" in result.output


@pytest.mark.postgres
def test_rotation_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    old, new = key(), key()
    store(app_with(old, SQLALCHEMY_DATABASE_URI=postgres_url), count=5, secret=SECRET, history={"q": "hi"})
    after = app_with(new, old, SQLALCHEMY_DATABASE_URI=postgres_url, KEY_ROTATION_BATCH_SIZE=2)
    after.instance_path = str(tmp_path)
    result = after.test_cli_runner().invoke(args=["keys", "rotate"])
    assert result.exit_code == 0 and "Re-encrypted 10 value(s)" in result.output, result.output
    alone = app_with(new, SQLALCHEMY_DATABASE_URI=postgres_url)
    with alone.app_context():
        assert [(r.secret, r.history) for r in db.session.query(Vault)] == [(SECRET, {"q": "hi"})] * 5
        db.session.remove()
