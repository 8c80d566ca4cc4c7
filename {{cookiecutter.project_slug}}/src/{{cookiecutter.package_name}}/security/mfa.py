"""Multi-factor authentication: TOTP (RFC 6238) with QR enrolment and single-use recovery codes.

After a correct password, :func:`_second_factor` (the login's ``login_second_factor`` hook) parks a
*pending* login in the signed session cookie and asks for a code; only a valid code starts the
server-side session, at assurance level two. Nothing counts as logged in before that.

Codes are checked in a window of ``MFA_TOTP_WINDOW`` steps either side of now, and each time step
is accepted once per account: the highest step used is stored and moved forward by an atomic
``UPDATE ... WHERE last_step < :step``, so a replayed or concurrent second use of a code fails
(RFC 6238 section 5.2, ASVS V6.5.1). Wrong codes are counted per account and lock the second
factor for ``MFA_LOCKOUT`` after ``MFA_MAX_ATTEMPTS``, with or without the rate limiter. Each
attempt is counted before its code is checked, by one conditional ``UPDATE`` that also refuses a
locked or spent count, and forgiven when the code is right: codes sent at once to several workers
cannot all be checked before any has failed.

Recovery codes carry 120 bits from :mod:`secrets` each. At that entropy a plain SHA-256 is a safe
way to store them (ASVS V6.5.2 allows a standard hash from 112 bits up): nobody can enumerate
2**120 candidates, and a constant-cost lookup keeps a recovery login as cheap as a TOTP one,
where argon2 would cost one slow hash per unused code.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import click
import pyotp
import segno
from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.cli import AppGroup
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Select,
    String,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from ..db import Model, Sensitive, Timestamp, affected_rows, db, unique_write
from ..events import emit
from ..pages import error_response, wants_json
from ..passwords import verify_password
from ..users import User, add_account_data, aware, find_by_email, utcnow
from . import checks
from .checks import Finding
from .login import (
    SECOND_FACTOR,
    SECOND_FACTOR_GATE,
    SESSION_COLUMNS,
    TWO_FACTORS,
    end_sessions,
    finish_login,
    forget_session_columns,
    login_required,
    may_be_signed_in,
    raise_assurance,
    safe_next,
    session_assurance,
    session_column,
)

CONFIRMED_AT = "mfa_confirmed_at"  # the label of the session lookup's column

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Who must use MFA: "admins", "all" or "optional". The admin area requires it in every case.
    "MFA_REQUIRED": "admins",
    "MFA_ISSUER": None,  # the name authenticator apps show; APP_TITLE when unset
    "MFA_TOTP_WINDOW": 1,  # time steps of 30 s accepted either side of now (clock drift)
    "MFA_MAX_ATTEMPTS": 5,  # wrong codes in a row before the account's second factor locks
    "MFA_LOCKOUT": timedelta(minutes=15),  # how long it stays locked
    "MFA_PENDING_TIMEOUT": timedelta(minutes=5),  # between the password and the code at login
    "MFA_ENROLMENT_TIMEOUT": timedelta(minutes=15),  # to scan the QR code and confirm it
    "MFA_RECOVERY_CODES": 10,  # how many recovery codes each (re)generation gives
}
# --8<-- [end:defaults]

POLICIES = ("admins", "all", "optional")
DIGITS, STEP = 6, 30  # what every authenticator app supports (SHA-1, 6 digits, 30 s)
#: 32 symbols without 0/o/1/l, so 24 of them carry 120 bits; written in groups of four.
RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # pragma: allowlist secret
RECOVERY_LENGTH, RECOVERY_GROUP = 24, 4
#: Extension key of the clock: a ``() -> float`` of Unix time; tests inject a frozen one.
CLOCK = "mfa_clock"
PENDING = "mfa_pending"  # session key of a login waiting for its second factor
#: Endpoints a user who still owes a second factor may reach.
OPEN_ENDPOINTS = frozenset(
    {"static", "pages.healthz", "pages.readyz", "auth.logout", "auth.login", "auth.register"}
)

bp = Blueprint("mfa", __name__, url_prefix="/auth/mfa")


class TotpCredential(Model):
    """A user's TOTP secret (encrypted at rest when encryption is on) and its guard counters."""

    __tablename__ = "mfa_totp"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(Sensitive)  # base32; ciphertext in the raw database
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(Timestamp, default=None)  # None: enrolling
    last_step: Mapped[int] = mapped_column(BigInteger, default=0)  # highest time step used (replay)
    failures: Mapped[int] = mapped_column(default=0)  # wrong codes since the last success
    locked_until: Mapped[datetime | None] = mapped_column(Timestamp, default=None)


class RecoveryCode(Model):
    """One single-use recovery code, stored as its SHA-256."""

    __tablename__ = "mfa_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(Timestamp, default=None)


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking a code: the method that passed, or why it was refused."""

    method: str | None  # "totp" or "recovery_code" when accepted
    reason: str = ""  # "locked", "replayed" or "invalid" when refused

    @property
    def accepted(self) -> bool:
        return self.method is not None


# --- time -----------------------------------------------------------------------------------


def now() -> float:
    """Unix time from the injectable clock (``app.extensions["mfa_clock"]``)."""
    return float(current_app.extensions.get(CLOCK, time.time)())


def _moment() -> datetime:
    return datetime.fromtimestamp(now(), UTC)


# --- credentials ----------------------------------------------------------------------------


def credential(user_id: int) -> TotpCredential | None:
    """The user's TOTP credential, confirmed or still being enrolled."""
    return db.session.get(TotpCredential, user_id)


@cache
def _confirmed_at(user_id: Any) -> Select[datetime | None]:
    """When the credential of ``user_id`` (a bound parameter, or ``User.id`` in the session
    lookup) was confirmed: the MFA gate asks on every signed-in request."""
    return select(TotpCredential.confirmed_at).where(TotpCredential.user_id == user_id)


def enrolled(user_id: int) -> bool:
    """True when the user has a confirmed TOTP credential.

    Asked before any page of a signed-in session: the session lookup has read the credential's
    ``confirmed_at`` with the session and its user (``SESSION_COLUMNS``), in the same round trip.
    Otherwise (another user, or a change in this request) one column is read, a Core select,
    rather than the credential, whose secret would be decrypted for nothing.
    """
    read, confirmed_at = session_column(CONFIRMED_AT, user_id)
    if read:
        return confirmed_at is not None
    query = _confirmed_at(bindparam("uid"))
    row = db.session.connection().execute(query, {"uid": user_id}).first()  # Core: no ORM path
    return row is not None and row[0] is not None


def required_for(user: User) -> bool:
    """Whether ``MFA_REQUIRED`` obliges ``user`` to have a second factor."""
    policy = current_app.config["MFA_REQUIRED"]
    return policy == "all" or (policy == "admins" and user.is_admin)


def _totp(secret: str) -> pyotp.TOTP:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP)


# --8<-- [start:totp]
def matching_step(secret: str, code: str, at: float) -> int | None:
    """The time step within the window whose code is ``code``, else ``None`` (constant work)."""
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp, current = _totp(secret), int(at // STEP)
    window = int(current_app.config["MFA_TOTP_WINDOW"])
    found = None
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step  # the latest match wins; no early exit, so timing says nothing
    return found


def _claim_step(user_id: int, step: int) -> bool:
    """Move the account's last used step forward to ``step``; False if it was already there."""
    claimed = update(TotpCredential).where(TotpCredential.user_id == user_id, TotpCredential.last_step < step)
    claims = affected_rows(claimed.values(last_step=step, failures=0, locked_until=None))
    db.session.commit()
    return bool(claims)


# --8<-- [end:totp]


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def _use_recovery_code(user_id: int, code: str) -> bool:
    """Spend one of the user's unused recovery codes; False if ``code`` is none of them."""
    if len(code) != RECOVERY_LENGTH:
        return False
    row = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == _digest(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if row is None:
        return False
    spent = update(RecoveryCode).where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
    spent_now = affected_rows(spent.values(used_at=_moment()))
    reset = update(TotpCredential).where(TotpCredential.user_id == user_id)
    db.session.execute(reset.values(failures=0, locked_until=None))
    db.session.commit()
    return bool(spent_now)  # a concurrent use of the same code loses here


def recovery_codes_left(user_id: int) -> int:
    """How many unused recovery codes the user has."""
    query = select(func.count()).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
    return int(db.session.scalar(query.select_from(RecoveryCode)) or 0)


def _counted(user_id: int) -> bool:
    """Count this attempt as a wrong code until it proves right; False (nothing counted) while the
    second factor is locked or ``MFA_MAX_ATTEMPTS`` attempts are counted already. A spent count
    with no lock (attempts in flight, or one whose request died before its answer) becomes a lock
    here, so it expires like any other instead of refusing every code for good."""
    config, moment = current_app.config, _moment()
    unlocked = or_(TotpCredential.locked_until.is_(None), TotpCredential.locked_until <= moment)
    room = TotpCredential.failures < config["MFA_MAX_ATTEMPTS"]
    account = update(TotpCredential).where(TotpCredential.user_id == user_id, unlocked)
    # Not evaluated against loaded objects (SQLite hands back naive times): the commit expires them.
    account = account.execution_options(synchronize_session=False)
    taken = affected_rows(account.where(room).values(failures=TotpCredential.failures + 1)) == 1
    if not taken:
        affected_rows(account.values(locked_until=moment + config["MFA_LOCKOUT"], failures=0))
    db.session.commit()
    return taken


def _failed(cred: TotpCredential, reason: str, purpose: str) -> Verdict:
    """A wrong (or replayed) code, counted already: lock when the count reaches the limit."""
    config = current_app.config
    db.session.refresh(cred)
    if cred.failures >= config["MFA_MAX_ATTEMPTS"]:
        cred.locked_until = _moment() + config["MFA_LOCKOUT"]
        cred.failures = 0
    db.session.commit()
    emit("mfa_verify", "failure", cred.user_id, reason=reason, purpose=purpose)
    return Verdict(None, reason)


def check_code(cred: TotpCredential, code: str, purpose: str, allow_recovery: bool = True) -> Verdict:
    """Check a TOTP code (or a recovery code) for ``cred``'s account, under lockout and replay rules."""
    if (cred.locked_until is not None and aware(cred.locked_until) > _moment()) or not _counted(cred.user_id):
        emit("mfa_verify", "refused", cred.user_id, reason="locked", purpose=purpose)
        return Verdict(None, "locked")  # even a correct code: the lock must not be an oracle
    code = _normalise(code)
    if len(code) == DIGITS and code.isdigit():
        step = matching_step(cred.secret, code, now())
        if step is None:
            return _failed(cred, "invalid", purpose)
        if not _claim_step(cred.user_id, step):
            return _failed(cred, "replayed", purpose)
        emit("mfa_verify", "success", cred.user_id, method="totp", purpose=purpose)
        return Verdict("totp")
    if allow_recovery and _use_recovery_code(cred.user_id, code):
        left = recovery_codes_left(cred.user_id)
        emit("mfa_recovery_used", "success", cred.user_id, remaining=left, purpose=purpose)
        emit("mfa_verify", "success", cred.user_id, method="recovery_code", purpose=purpose)
        return Verdict("recovery_code")
    return _failed(cred, "invalid", purpose)


def new_recovery_codes(user_id: int) -> list[str]:
    """Replace the user's recovery codes with fresh ones; return them (shown once, never stored)."""
    codes = []
    for _ in range(int(current_app.config["MFA_RECOVERY_CODES"])):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
        codes.append("-".join(raw[i : i + RECOVERY_GROUP] for i in range(0, RECOVERY_LENGTH, RECOVERY_GROUP)))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    db.session.add_all(RecoveryCode(user_id=user_id, code_hash=_digest(code)) for code in codes)
    db.session.commit()
    return codes


def remove_second_factor(user_id: int) -> bool:
    """Delete the user's TOTP credential and recovery codes; return whether there was one."""
    removed = affected_rows(delete(TotpCredential).where(TotpCredential.user_id == user_id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    db.session.commit()
    forget_session_columns()
    return bool(removed)


def _enrolment_credential(user: User) -> TotpCredential:
    """The unconfirmed credential being enrolled, reused while fresh so a reload keeps the QR.

    The set-up page's GET stores it: idempotent within ``MFA_ENROLMENT_TIMEOUT``, and a secret
    nobody has confirmed authenticates nothing, so a forged GET changes no security state.
    """
    cred = credential(user.id)
    timeout = current_app.config["MFA_ENROLMENT_TIMEOUT"]
    if cred is not None and _moment() - aware(cred.created_at) <= timeout:
        return cred
    if cred is not None:
        db.session.delete(cred)
        db.session.flush()
    cred = TotpCredential(user_id=user.id, secret=pyotp.random_base32(), created_at=_moment())
    with unique_write(lambda: credential(user.id)) as race:
        db.session.add(cred)
        db.session.commit()
    # The page loaded twice at once (a prefetch and a click): one key for both.
    return race.found or cred


def provisioning_uri(secret: str, email: str) -> str:
    """The ``otpauth://`` URI that authenticator apps read from the QR code."""
    issuer = current_app.config["MFA_ISSUER"] or current_app.config["APP_TITLE"]
    return _totp(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(data: str) -> Markup:
    """``data`` as an inline SVG QR code: presentation attributes only, so the CSP needs nothing."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=4,
        border=4,
        dark="#000",
        light="#fff",  # a white quiet zone, readable in dark mode too
        svgclass="qr",
        title="QR code for your authenticator app",
    )
    # segno builds the markup from the encoded modules, never from the text of ``data``.
    return Markup(buffer.getvalue().decode("ascii"))  # noqa: S704  # nosec


# --- login integration ----------------------------------------------------------------------


def _fingerprint(user: User) -> str:
    # A password change between the two steps invalidates the pending login.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


# --8<-- [start:second_factor]
def _second_factor(user: User, remember: bool, next_url: str | None) -> Response | None:
    """After a correct password: ask enrolled users for a code instead of starting the session."""
    if not enrolled(user.id):
        return None
    session.clear()
    session[PENDING] = {
        "user_id": user.id,
        "remember": remember,
        "next": next_url,
        "since": now(),
        "fp": _fingerprint(user),
    }
    return redirect(url_for("mfa.verify"))


# --8<-- [end:second_factor]


def _pending_user() -> tuple[User, dict[str, Any]] | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not isinstance(pending.get("user_id"), int):
        return None
    timeout = current_app.config["MFA_PENDING_TIMEOUT"].total_seconds()
    user = db.session.get(User, pending.get("user_id"))
    if (
        user is None
        or not user.active
        or now() - float(pending.get("since", 0)) > timeout
        or pending.get("fp") != _fingerprint(user)
    ):
        session.pop(PENDING, None)
        return None
    return user, pending


def _owes_second_factor(user: User) -> str | None:
    """``"setup"`` or ``"verify"`` when the session still owes a second factor, else ``None``."""
    if "mfa_owed" not in g:
        if enrolled(user.id):
            g.mfa_owed = "verify" if session_assurance() < TWO_FACTORS else None
        else:
            g.mfa_owed = "setup" if required_for(user) else None
    owed: str | None = g.mfa_owed
    return owed


def _send_to(step: str) -> Response:
    if wants_json():
        return error_response(
            Forbidden("Complete multi-factor authentication in the browser first (/auth/mfa/setup).")
        )
    if step == "setup":
        flash("Set up two-factor authentication to continue.")
    back = request.full_path.rstrip("?") if request.method == "GET" else None  # never replay a POST
    return redirect(url_for(f"mfa.{step}", next=back))


# --8<-- [start:policy]
def _enforce_policy() -> Response | None:
    """Before any page: a session that owes a second factor may only go and provide it."""
    if request.endpoint in OPEN_ENDPOINTS or request.blueprint == "mfa":
        return None
    if not may_be_signed_in() or not current_user.is_authenticated:
        return None
    step = _owes_second_factor(current_user._get_current_object())
    return _send_to(step) if step else None


def require_second_factor() -> Response | None:
    """The admin area's gate: a completed second factor, whatever ``MFA_REQUIRED`` says."""
    user: User = current_user._get_current_object()
    if not enrolled(user.id):
        return _send_to("setup")
    return _send_to("verify") if session_assurance() < TWO_FACTORS else None


# --8<-- [end:policy]


def mfa_user_ids() -> frozenset[int]:
    """Ids of users with a confirmed second factor (for the admin list), once per request."""
    if "mfa_user_ids" not in g:
        query = select(TotpCredential.user_id).where(TotpCredential.confirmed_at.is_not(None))
        g.mfa_user_ids = frozenset(db.session.scalars(query))
    ids: frozenset[int] = g.mfa_user_ids
    return ids


# --- pages ----------------------------------------------------------------------------------


def _user() -> User:
    user: User = current_user._get_current_object()
    return user


def _next() -> str | None:
    return safe_next(request.values.get("next"))


@bp.get("/")
@login_required
def index() -> str:
    """Two-factor status, with the forms to regenerate recovery codes or turn MFA off."""
    user = _user()
    return render_template(
        "mfa/index.html",
        enrolled=enrolled(user.id),
        required=required_for(user),
        codes_left=recovery_codes_left(user.id),
    )


@bp.route("/setup", methods=["GET", "POST"])
@login_required
def setup() -> Any:
    """Enrol: scan the QR code (or type the key), confirm with a first code, get recovery codes."""
    user = _user()
    if enrolled(user.id):
        return _already_enrolled()
    cred = _enrolment_credential(user)
    next_url = _next()

    def page(**extra: Any) -> str:
        return render_template(
            "mfa/setup.html",
            secret=cred.secret,
            key_groups=" ".join(cred.secret[i : i + 4] for i in range(0, len(cred.secret), 4)),
            qr=qr_svg(provisioning_uri(cred.secret, user.email)),
            next=next_url,
            **extra,
        )

    if request.method == "GET":
        return page()
    step = matching_step(cred.secret, _normalise(request.form.get("code", "")), now())
    if step is None:
        emit("mfa_enrol", "failure", user.id, reason="invalid code")
        return page(
            errors=["That code does not match. Check the time on your phone and try the current code."]
        ), 422
    # Confirmed only while still unconfirmed: of the form sent twice at once (a double click, two
    # workers), the first enrols and shows the codes it stores; the second would replace them.
    pending = update(TotpCredential).where(
        TotpCredential.user_id == user.id, TotpCredential.confirmed_at.is_(None)
    )
    if affected_rows(pending.values(confirmed_at=_moment(), last_step=step, failures=0)) != 1:
        db.session.rollback()
        return _already_enrolled()
    db.session.commit()
    forget_session_columns()
    codes = new_recovery_codes(user.id)
    raise_assurance(TWO_FACTORS)  # this very code was the second factor
    # Sessions opened with the password alone before enrolment must not outlive it.
    ended = end_sessions(user.id, keep=user.get_id())
    emit("mfa_enrol", "success", user.id, sessions_ended=ended)
    return render_template("mfa/recovery_codes.html", codes=codes, next=next_url, enrolled_now=True)


def _already_enrolled() -> Any:
    flash("Two-factor authentication is already on. Turn it off first to enrol a new device.")
    return redirect(url_for("mfa.index"))


@bp.route("/verify", methods=["GET", "POST"])
def verify() -> Any:
    """The second step: a code from the app or a recovery code, after the password."""
    pending = _pending_user()
    proven: str | None = None
    if pending is not None:
        user, state = pending
        proven = user.password_hash  # the hash the password step checked (the pending login's fingerprint)
        next_url = safe_next(state.get("next"))
    elif current_user.is_authenticated and enrolled(_user().id) and session_assurance() < TWO_FACTORS:
        user, state, next_url = _user(), None, _next()  # step-up of an existing session
    elif current_user.is_authenticated:
        return redirect(_next() or url_for("pages.home"))
    else:
        flash("Your login expired or was not started. Log in again.")
        return redirect(url_for("auth.login"))
    if request.method == "GET":
        return render_template("mfa/verify.html", next=next_url)
    cred = credential(user.id)
    if cred is None or cred.confirmed_at is None:  # turned off meanwhile
        session.pop(PENDING, None)
        return redirect(url_for("auth.login"))
    verdict = check_code(cred, request.form.get("code", ""), "login" if state is not None else "step_up")
    if not verdict.accepted:
        if verdict.reason == "locked":
            message = "Too many wrong codes. Wait a few minutes, then try again."
            return render_template("mfa/verify.html", errors=[message], next=next_url), 429
        message = "That code is not valid (each code works once). Try the next one."
        return render_template("mfa/verify.html", errors=[message], next=next_url), 401
    if state is not None:
        session.pop(PENDING, None)
        response = finish_login(user, bool(state.get("remember")), next_url, TWO_FACTORS, proven)
    else:
        raise_assurance(TWO_FACTORS)
        response = redirect(next_url or url_for("pages.home"))
    if verdict.method == "recovery_code":  # after the login: starting the session clears it
        flash(f"You used a recovery code; {recovery_codes_left(user.id)} left. Make new ones if you run low.")
    return response


def _reauthenticate(user: User, purpose: str, allow_recovery: bool) -> Verdict:
    """Check a fresh password and code; a wrong password counts as a wrong code."""
    cred = credential(user.id)
    if cred is None or cred.confirmed_at is None:
        return Verdict(None, "not enrolled")
    if not verify_password(user.password_hash, request.form.get("password", "")):
        if cred.locked_until is not None and aware(cred.locked_until) > _moment():
            return Verdict(None, "locked")
        return _failed(cred, "password", purpose)
    return check_code(cred, request.form.get("code", ""), purpose, allow_recovery)


def _refused(verdict: Verdict) -> Any:
    if verdict.reason == "not enrolled":
        return redirect(url_for("mfa.index"))
    status = 429 if verdict.reason == "locked" else 401
    message = (
        "Too many wrong attempts; wait a few minutes." if status == 429 else "Password or code is wrong."
    )
    user = _user()
    return render_template(
        "mfa/index.html",
        errors=[message],
        enrolled=True,
        required=required_for(user),
        codes_left=recovery_codes_left(user.id),
    ), status


@bp.post("/disable")
@login_required
def disable() -> Any:
    """Turn MFA off (to re-enrol, say): needs the password and a code or a recovery code."""
    user = _user()
    verdict = _reauthenticate(user, "disable", allow_recovery=True)
    if not verdict.accepted:
        emit("mfa_disable", "failure", user.id, reason=verdict.reason)
        return _refused(verdict)
    remove_second_factor(user.id)
    emit("mfa_disable", "success", user.id, by="user")
    flash("Two-factor authentication is off. Set it up again to protect your account.")
    return redirect(url_for("mfa.index"))


@bp.post("/recovery-codes")
@login_required
def regenerate() -> Any:
    """Replace the recovery codes (the old ones stop working): needs the password and a TOTP code."""
    user = _user()
    verdict = _reauthenticate(user, "recovery_codes", allow_recovery=False)
    if not verdict.accepted:
        return _refused(verdict)
    codes = new_recovery_codes(user.id)
    emit("mfa_recovery_regenerate", "success", user.id, count=len(codes))
    return render_template("mfa/recovery_codes.html", codes=codes, next=None, enrolled_now=False)


# --- command line and checks ----------------------------------------------------------------

mfa_cli = AppGroup("mfa", help="Manage multi-factor authentication.")


@mfa_cli.command("reset")
@click.argument("email")
def reset_command(email: str) -> None:
    """Remove EMAIL's second factor after verifying their identity out of band (lost device)."""
    user = find_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    if not remove_second_factor(user.id):
        raise click.ClickException(f"{email} has no second factor.")
    ended = end_sessions(user.id)
    emit("mfa_disable", "success", user.id, by="cli", sessions_ended=ended)
    click.echo(f"Second factor of {email} removed and {ended} session(s) ended; they must enrol again.")


# --8<-- [start:checks]
def mfa_checks(app: Flask) -> Iterable[Finding]:
    """MFA policy, code window and attempt limit (checklist 24, 26)."""
    c = app.config
    if c["MFA_REQUIRED"] == "optional":
        yield Finding(
            "SFA-A003",
            "warning",
            "MFA_REQUIRED is optional: only the admin area demands a second factor.",
            "Set FLASK_MFA_REQUIRED to admins (the default) or all.",
        )
    if c["MFA_TOTP_WINDOW"] > 1:
        yield Finding(
            "SFA-A004",
            "warning",
            "MFA_TOTP_WINDOW accepts codes more than one step (30 s) away from now.",
            "Set FLASK_MFA_TOTP_WINDOW to 1 and keep server clocks in sync with NTP.",
        )
    if c["MFA_MAX_ATTEMPTS"] > 10:
        yield Finding(
            "SFA-A005",
            "warning",
            "MFA_MAX_ATTEMPTS allows more than 10 wrong codes before the lockout.",
            "Set FLASK_MFA_MAX_ATTEMPTS to 5 (the default).",
        )


# --8<-- [end:checks]


def _export(user_id: int) -> dict[str, Any]:
    """The account's second factor for its data export: whether and since when, never the secret."""
    found = credential(user_id)
    confirmed = found.confirmed_at if found is not None else None
    return {
        "totp_enabled": confirmed is not None,
        "totp_confirmed_at": aware(confirmed).isoformat() if confirmed is not None else None,
        "recovery_codes_left": recovery_codes_left(user_id),
    }


def init_app(app: Flask) -> None:
    """Hook the second step into the login, gate sessions by policy, register pages and CLI."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    c = app.config
    for key in ("MFA_LOCKOUT", "MFA_PENDING_TIMEOUT", "MFA_ENROLMENT_TIMEOUT"):
        if isinstance(c[key], int | float):  # seconds from the environment
            c[key] = timedelta(seconds=c[key])
    if c["MFA_REQUIRED"] not in POLICIES:
        raise ValueError(f"MFA_REQUIRED must be one of {', '.join(POLICIES)}, not {c['MFA_REQUIRED']!r}.")
    if int(c["MFA_MAX_ATTEMPTS"]) < 1 or int(c["MFA_TOTP_WINDOW"]) < 0:
        raise ValueError("MFA_MAX_ATTEMPTS must be at least 1 and MFA_TOTP_WINDOW at least 0.")
    app.extensions[SECOND_FACTOR] = _second_factor
    # The session lookup's column: the credential's confirmed_at, NULL without one.
    app.extensions.setdefault(SESSION_COLUMNS, {})[CONFIRMED_AT] = _confirmed_at(User.id).scalar_subquery()
    app.extensions[SECOND_FACTOR_GATE] = require_second_factor
    app.before_request(_enforce_policy)
    app.add_template_global(mfa_user_ids)
    add_account_data(app, "two_step_verification", _export)
    app.register_blueprint(bp)
    app.cli.add_command(mfa_cli)
    checks.register(app, mfa_checks)
