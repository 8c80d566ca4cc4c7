"""Per-user daily quotas of AI requests and tokens (OWASP LLM10 Unbounded Consumption).

The counters live in the database, so they hold across processes and instances like the data
itself. A call reserves its request and its worst-case tokens with one conditional ``UPDATE``
(atomic in SQLite and PostgreSQL alike: two racing calls cannot both take the last unit), and
settles the tokens to the provider's reported usage afterwards. Days are UTC days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, ForeignKey, Integer, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Model, db
from ..users import utcnow


class AiQuota(Model):
    """How much of today's allowance one user has used."""

    __tablename__ = "ai_quota"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    requests: Mapped[int] = mapped_column(Integer, default=0)
    tokens: Mapped[int] = mapped_column(Integer, default=0)


@dataclass(frozen=True)
class QuotaState:
    """Limits (``None`` = unlimited), usage and the reset time of one user's day."""

    requests_limit: int | None
    requests_used: int
    tokens_limit: int | None
    tokens_used: int
    resets_at: datetime
    day: date

    def as_dict(self) -> dict[str, object]:
        def left(limit: int | None, used: int) -> int | None:
            return None if limit is None else max(0, limit - used)

        return {
            "requests_limit": self.requests_limit,
            "requests_used": self.requests_used,
            "requests_left": left(self.requests_limit, self.requests_used),
            "tokens_limit": self.tokens_limit,
            "tokens_used": self.tokens_used,
            "tokens_left": left(self.tokens_limit, self.tokens_used),
            "resets_at": self.resets_at.isoformat(),
        }


class QuotaExceeded(Exception):
    """Today's allowance is used up; ``retry_after`` is the number of seconds until it resets."""

    def __init__(self, what: str, retry_after: int) -> None:
        super().__init__(f"Your daily AI {what} quota is used up; it resets at midnight UTC.")
        self.retry_after = retry_after


def _today() -> tuple[date, datetime]:
    now = utcnow()
    reset = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    return now.date(), reset


def state(user_id: int, requests_limit: int | None, tokens_limit: int | None) -> QuotaState:
    """The user's usage today."""
    day, reset = _today()
    row = db.session.get(AiQuota, (user_id, day))
    used = (row.requests, row.tokens) if row else (0, 0)
    return QuotaState(requests_limit, used[0], tokens_limit, used[1], reset, day)


def reserve(
    user_id: int, tokens: int, requests_limit: int | None, tokens_limit: int | None, commit: bool = True
) -> QuotaState:
    """Take one request and ``tokens`` tokens from today's allowance, or raise ``QuotaExceeded``.

    With ``commit`` (for slow providers) the reservation is committed at once, so it holds for
    other processes during the call; without it, it commits with the rest of the request.
    """
    day, reset = _today()
    row = AiQuota.__table__.c  # Core statements: no ORM bookkeeping on the hot path
    conditions = [row.user_id == user_id, row.day == day]
    if requests_limit is not None:
        conditions.append(row.requests < requests_limit)
    if tokens_limit is not None:
        conditions.append(row.tokens + tokens <= tokens_limit)
    statement = (
        AiQuota.__table__.update()
        .where(*conditions)
        .values(requests=row.requests + 1, tokens=row.tokens + tokens)
        .returning(row.requests, row.tokens)
    )
    for _ in range(3):
        used = db.session.execute(statement).first()
        if used is not None:
            if commit:
                db.session.commit()
            return QuotaState(requests_limit, used.requests, tokens_limit, used.tokens, reset, day)
        db.session.rollback()
        current = db.session.scalar(select(AiQuota).where(AiQuota.user_id == user_id, AiQuota.day == day))
        if current is None:
            try:  # the first call of the day: create the row, then take from it
                db.session.add(AiQuota(user_id=user_id, day=day, requests=0, tokens=0))
                db.session.commit()
            except IntegrityError:  # another process created it first
                db.session.rollback()
            continue
        over_requests = requests_limit is not None and current.requests >= requests_limit
        if over_requests or (tokens_limit is not None and current.tokens + tokens > tokens_limit):
            retry_after = max(1, int((reset - utcnow()).total_seconds()))
            raise QuotaExceeded("request" if over_requests else "token", retry_after)
        # Not over: another process created today's row between the update and this read (the
        # first calls of a day, in two workers at once). Take from it; this once answered 429.
    raise RuntimeError("The AI quota row could not be created.")  # pragma: no cover


def settle(user_id: int, day: date, reserved: int, used: int) -> None:
    """Replace the tokens reserved on ``day`` by the tokens actually used (the caller commits)."""
    if reserved == used:
        return
    row = AiQuota.__table__.c
    db.session.execute(
        AiQuota.__table__.update()
        .where(row.user_id == user_id, row.day == day)
        .values(tokens=row.tokens - reserved + used)
    )
