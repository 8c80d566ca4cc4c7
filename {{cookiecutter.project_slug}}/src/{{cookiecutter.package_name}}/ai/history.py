"""The history of each user's AI calls: stored redacted, encrypted at rest, shown only to its owner.

Inputs are stored as the provider received them (after redaction) and outputs as the client
received them, in ``Sensitive`` columns: ciphertext in the raw database whenever the encryption
control is on (checklist 35). Every query takes the owner's id, so one user asking for another's
item gets the same 404 as for an item that never existed (checklist 22). Rows older than
``AI_HISTORY_DAYS`` are pruned as new ones arrive (every ``PRUNE_EVERY`` calls a process records).
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Model, Sensitive, Timestamp, affected_rows, db
from ..users import aware, utcnow

MAX_ID = 2**63 - 1  # the largest id a database integer column holds
PRUNE_EVERY = 32  # inserts per process between two prunes of expired rows
_inserts = itertools.count(1)


class AiCall(Model):
    """One completed AI call."""

    __tablename__ = "ai_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow, index=True)
    endpoint: Mapped[str] = mapped_column(String(16))
    provider: Mapped[str] = mapped_column(String(32))
    model: Mapped[str] = mapped_column(String(100))
    input: Mapped[str] = mapped_column(Sensitive)
    output: Mapped[str] = mapped_column(Sensitive)
    flags: Mapped[str] = mapped_column(String(1000), default="")  # space-separated
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    latency_ms: Mapped[int] = mapped_column(Integer, default=0)

    def as_dict(self) -> dict[str, object]:
        created = aware(self.created_at)
        return {
            "id": self.id,
            "created_at": created.isoformat(),
            "endpoint": self.endpoint,
            "provider": self.provider,
            "model": self.model,
            "input": self.input,
            "output": self.output,
            "flags": self.flags.split(),
            "ai_generated": True,
        }


def record(user_id: int, keep_days: int, **fields: object) -> None:
    """Add a call to the user's history and, now and then, prune expired rows (the caller commits)."""
    table = AiCall.__table__
    # A Core insert: the ORM's unit of work costs more than the row here. Sensitive columns
    # encrypt all the same (the type does it, not the ORM).
    db.session.execute(table.insert().values(user_id=user_id, created_at=utcnow(), **fields))
    if keep_days > 0 and next(_inserts) % PRUNE_EVERY == 0:
        cutoff = utcnow() - timedelta(days=keep_days)
        db.session.execute(table.delete().where(table.c.created_at < cutoff))


def calls_of(user_id: int, limit: int, before: int | None = None) -> list[AiCall]:
    """The user's calls, newest first, optionally older than the call ``before``."""
    query = select(AiCall).where(AiCall.user_id == user_id)
    if before is not None:
        query = query.where(AiCall.id < before)
    return list(db.session.scalars(query.order_by(AiCall.id.desc()).limit(limit)))


def call_of(user_id: int, call_id: int) -> AiCall | None:
    """The call ``call_id`` if it belongs to the user, else None (never another user's)."""
    return db.session.scalar(select(AiCall).where(AiCall.id == call_id, AiCall.user_id == user_id))


def export(user_id: int) -> list[dict[str, object]]:
    """Every call in the user's history, oldest first, for their data export."""
    query = select(AiCall).where(AiCall.user_id == user_id).order_by(AiCall.id)
    return [call.as_dict() for call in db.session.scalars(query)]


def forget(user_id: int, call_id: int) -> bool:
    """Delete one of the user's calls; False when there is no such call of theirs."""
    deleted = affected_rows(delete(AiCall).where(AiCall.id == call_id, AiCall.user_id == user_id))
    db.session.commit()
    return bool(deleted)
