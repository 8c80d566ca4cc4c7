"""Browser login with Flask-Login and server-side sessions.

Flask's session is a signed cookie: deleting it on the client does not revoke a copy an attacker
kept. So login creates a row in ``login_sessions`` and the cookie only carries that row's random
id; the row is deleted on logout and every row of the user on password change, which revokes
copies of the session and remember-me cookies alike (checklist 15, 16). The rows also enforce
idle and absolute lifetimes, and record how strongly the session was authenticated.

A second factor plugs in without this module knowing it: a callable under
``app.extensions["login_second_factor"]`` runs after a correct password and may answer with its
own response (a redirect to a one-time-code step, say) instead of starting the session. That step
then calls :func:`finish_login` with a higher assurance level.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit

import flask_login
from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from sqlalchemy import ForeignKey, Select, String, bindparam, delete, select, update
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Response

from ..db import Model, Timestamp, affected_rows, db, unique_write
from ..events import emit, unproxied
from ..pages import error_response, wants_json
from ..passwords import hash_password, needs_rehash, policy_errors, verify_password
from ..users import (
    User,
    aware,
    find_by_email,
    looks_like_address,
    normalise_email,
    rehash_password,
    set_password,
    utcnow,
)
from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Flask-Login's remember-me cookie defaults to Secure off, SameSite None, 365 days: override.
    "REMEMBER_COOKIE_NAME": "__Host-remember",
    "REMEMBER_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_PATH": "/",
    "REMEMBER_COOKIE_DOMAIN": None,
    "REMEMBER_COOKIE_DURATION": timedelta(days=14),
    "REMEMBER_COOKIE_REFRESH_EACH_REQUEST": False,
    # How often a session's last-seen time is written (idle timeout resolution).
    "SESSION_TOUCH_INTERVAL": timedelta(minutes=1),
}
# --8<-- [end:defaults]

#: Extension key: callables ``(email) -> str | None`` consulted before any password is hashed;
#: a returned message refuses the attempt (lockout and throttling controls add theirs).
LOGIN_GATES = "login_gates"
#: Longest remember-me lifetime the deploy check accepts without a warning.
MAX_REMEMBER = timedelta(days=30)
#: Extension key: a callable ``(user, remember, next_url) -> Response | None`` run after a correct
#: password; a response replaces the login (a second-factor step), ``None`` lets it complete.
SECOND_FACTOR = "login_second_factor"
#: Extension key: a callable ``() -> Response | None`` that areas needing two factors (the admin
#: area) consult; a response (e.g. a redirect to enrolment) refuses the request for now.
SECOND_FACTOR_GATE = "second_factor_gate"
#: Extension key: ``{label: scalar subquery}`` read with the session and its user in the same
#: round trip, each correlated to ``users.id`` (the MFA gate registers the credential's
#: ``confirmed_at``); a request's values are in :func:`session_column`.
SESSION_COLUMNS = "login_session_columns"
SESSION_LOOKUP = "login_session_lookup"  # the lookup, built at the first request
#: Extension key: callables ``(user) -> None`` run when the registration form creates an account,
#: in its transaction (the row has its id, nothing is committed yet): state that must exist with
#: the account or not at all (an address awaiting confirmation).
NEW_ACCOUNT = "login_new_account"
#: Extension key: callables ``(user) -> Response | None`` run after a correct password and before
#: the second factor; a response refuses the login (an address not confirmed yet).
ACCOUNT_GATES = "login_account_gates"
#: Extension key: what the registration form answers, for new and taken addresses alike.
REGISTERED = "login_registered_message"
REGISTERED_DEFAULT = "If this address was new, your account now exists: log in to continue."
#: Authenticator assurance levels (NIST SP 800-63B): a password alone, or two factors.
PASSWORD_ONLY, TWO_FACTORS = 1, 2
GENERIC_FAILURE = "Invalid e-mail or password."
CHANGED_MEANWHILE = (
    "Your password was changed meanwhile (in another window, or by a reset). Log in with the new one."
)

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager = LoginManager()
View = TypeVar("View", bound=Callable[..., Any])


def login_required(view: View) -> View:
    """Flask-Login's ``login_required``, typed: the view it returns takes the same arguments."""
    guarded: View = flask_login.login_required(view)
    return guarded


class LoginSession(Model):
    """A server-side login session; the cookie holds the id, the table holds its hash."""

    __tablename__ = "login_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(Timestamp, default=utcnow)
    #: Authenticator assurance level reached by this session (``PASSWORD_ONLY`` or ``TWO_FACTORS``).
    assurance: Mapped[int] = mapped_column(default=PASSWORD_ONLY)


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def start_session(
    user: User, remember: bool, assurance: int = PASSWORD_ONLY, proven: str | None = None
) -> bool:
    """Replace the whole client session and record a new server-side one for ``user``.

    ``proven``: the password hash this login checked. A change or reset of the password ends every
    session, but one that commits while this login is between its check and its session would
    miss the new row; so the row is written first, then the hash read again: changed, the row is
    deleted and the answer is False (whichever commits first, one of the two removes it)."""
    session.clear()  # new content at login: nothing from the anonymous session survives
    session_id = secrets.token_urlsafe(32)
    record = LoginSession(
        id_hash=_digest(session_id), user_id=user.id, remember=remember, assurance=assurance
    )
    db.session.add(record)
    db.session.commit()
    if (
        proven is not None
        and db.session.scalar(select(User.password_hash).where(User.id == user.id)) != proven
    ):
        db.session.delete(record)
        db.session.commit()
        return False
    user.login_session_id = session_id
    session.permanent = True
    login_user(user, remember=remember)
    return True


def finish_login(
    user: User,
    remember: bool,
    next_url: str | None,
    assurance: int = PASSWORD_ONLY,
    proven: str | None = None,
) -> Response:
    """Start the session of a fully authenticated ``user`` and send them on to ``next_url``;
    ``proven`` is the password hash the login checked (see :func:`start_session`)."""
    if not start_session(user, remember, assurance, proven):
        return _password_changed_meanwhile(user, next_url)
    emit("login", "success", user.id, assurance=assurance)
    return redirect(next_url or url_for("pages.home"))


def _password_changed_meanwhile(user: User, next_url: str | None) -> Response:
    """The answer to a login whose password was changed or reset while it was being checked: the
    password given is no longer the account's, so it is a wrong password."""
    emit("login", "failure", user.id, email=user.email, reason="password changed meanwhile")
    page = render_template("auth/login.html", errors=[GENERIC_FAILURE], email=user.email, next=next_url)
    return make_response(page, 401)


def _current_record() -> LoginSession | None:
    if not current_user.is_authenticated:
        return None
    return db.session.get(LoginSession, _digest(current_user.get_id()))


def session_still_open() -> bool:
    """Whether this request's server-side session row is still there, asked of the database now
    (not of the row the request loaded): for a write that must not outlive the session it was
    made in, checked after the write (a password change in another worker may have ended it)."""
    if not current_user.is_authenticated:
        return False
    query = select(LoginSession.id_hash).where(LoginSession.id_hash == _digest(current_user.get_id()))
    return db.session.scalar(query) is not None


def session_assurance() -> int:
    """The assurance level of the current browser session (0 when nobody is logged in)."""
    record = _current_record()
    return record.assurance if record is not None else 0


def raise_assurance(level: int) -> None:
    """Record that the current session has just passed a stronger authentication step."""
    record = _current_record()
    if record is not None and record.assurance < level:
        record.assurance = level
        db.session.commit()


def end_sessions(user_id: int, keep: str | None = None) -> int:
    """Delete the user's server-side sessions (all, or all but ``keep``); return how many."""
    query = delete(LoginSession).where(LoginSession.user_id == user_id)
    if keep:
        query = query.where(LoginSession.id_hash != _digest(keep))
    count = affected_rows(query)
    db.session.commit()
    return count


def _session_lookup(app: Flask) -> Select[*tuple[Any, ...]]:
    """A session, its user and the registered ``SESSION_COLUMNS`` by id hash, in one round trip:
    built at the first request (every module has registered its columns by then), run on each."""
    built: Select[*tuple[Any, ...]] | None = app.extensions.get(SESSION_LOOKUP)
    if built is None:
        extra = app.extensions.get(SESSION_COLUMNS, {})
        query = select(LoginSession, User).join(User, User.id == LoginSession.user_id)
        built = query.add_columns(*(column.label(label) for label, column in extra.items()))
        built = app.extensions[SESSION_LOOKUP] = built.where(LoginSession.id_hash == bindparam("id_hash"))
    return built


def session_column(label: str, user_id: int) -> tuple[bool, Any]:
    """``(True, value)`` of a ``SESSION_COLUMNS`` column read with this request's session of
    ``user_id``, ``(False, None)`` when it was not read (or was forgotten since)."""
    known: tuple[int, dict[str, Any]] | None = g.get("session_columns")
    if known is None or known[0] != user_id or label not in known[1]:
        return False, None
    return True, known[1][label]


def forget_session_columns() -> None:
    """Drop this request's ``SESSION_COLUMNS`` values: the state they read has just changed."""
    g.pop("session_columns", None)


def load_user(session_id: str) -> User | None:
    """Resolve the cookie's session id to a user, enforcing idle and absolute lifetimes."""
    if g.get("database_unavailable"):  # answering an outage: the error page shows no user
        return None
    app = unproxied(current_app)
    row = db.session.execute(_session_lookup(app), {"id_hash": _digest(session_id)}).first()
    if row is None:
        return None
    record: LoginSession = row[0]
    user: User = row[1]
    config = app.config
    now = utcnow()
    absolute = config["REMEMBER_COOKIE_DURATION"] if record.remember else config["SESSION_ABSOLUTE_TIMEOUT"]
    idle_expired = not record.remember and now - aware(record.last_seen) > config["SESSION_IDLE_TIMEOUT"]
    if idle_expired or now - aware(record.created_at) > absolute or user is None or not user.active:
        db.session.delete(record)
        db.session.commit()
        return None
    if now - aware(record.last_seen) > config["SESSION_TOUCH_INTERVAL"]:
        touched = update(LoginSession).where(LoginSession.id_hash == record.id_hash).values(last_seen=now)
        if affected_rows(touched) != 1:  # ended since the lookup by another worker: logged out
            db.session.rollback()
            return None
        db.session.commit()
    user.login_session_id = session_id
    g.user_id = user.id
    # SQLAlchemy's identity map holds its objects weakly: keep the row for the request, so that
    # the assurance checks after this find it there instead of selecting it again.
    g.login_session = record
    extra = app.extensions.get(SESSION_COLUMNS, {})
    g.session_columns = (user.id, {label: row._mapping[label] for label in extra})
    return user


def _unauthorized() -> Response:
    if wants_json():
        return error_response(Unauthorized())
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def safe_next(target: str | None) -> str | None:
    """Return ``target`` when it is a path on this site, else ``None`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ch in target for ch in "\\\r\n\t") or any(ord(ch) < 32 for ch in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def _gate_refusal(email: str) -> str | None:
    gates: list[Callable[[str], str | None]] = current_app.extensions.get(LOGIN_GATES, [])
    for gate in gates:
        message = gate(email)
        if message:
            return message
    return None


@bp.route("/register", methods=["GET", "POST"])
def register() -> Any:
    """Create an account. An existing address gets the same answer as a new one."""
    if request.method == "GET":
        return render_template("auth/register.html")
    email = normalise_email(request.form.get("email", ""))
    password = request.form.get("password", "")
    errors = [] if looks_like_address(email) else ["Enter a valid e-mail address."]
    errors += policy_errors(password, email)
    if errors:
        return render_template("auth/register.html", errors=errors, email=email), 422
    if find_by_email(email) is None:
        user = User(email=email, password_hash=hash_password(password))
        with unique_write(lambda: find_by_email(email)) as race:
            db.session.add(user)
            db.session.flush()
            for created in current_app.extensions.get(NEW_ACCOUNT, []):
                created(user)
            db.session.commit()
        if race.lost:  # registered since the check: the answer of a taken address, not a 500
            emit("register", "duplicate", email=email)
        else:
            emit("register", "success", user.id)
    else:
        hash_password(password)  # same cost as a real registration: no timing oracle
        emit("register", "duplicate", email=email)
    flash(current_app.extensions.get(REGISTERED, REGISTERED_DEFAULT))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Log in with e-mail and password; ``next`` may only point into this site."""
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/login.html", next=next_url)
    email = normalise_email(request.form.get("email", ""))
    password = request.form.get("password", "")
    refusal = _gate_refusal(email)
    if refusal:  # checked before hashing: a flood must not buy CPU time
        emit("login", "refused", email=email, reason=refusal)
        return render_template("auth/login.html", errors=[refusal], email=email, next=next_url), 429
    user = find_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or not user or not user.active:
        emit("login", "failure", user.id if user else None, email=email)
        return render_template("auth/login.html", errors=[GENERIC_FAILURE], email=email, next=next_url), 401
    proven: str | None = user.password_hash  # the hash the password was just checked against
    if needs_rehash(user.password_hash):
        proven = rehash_password(user, password, user.password_hash)
        if proven is None:
            return _password_changed_meanwhile(user, next_url)
    account_gates: list[Callable[[User], Response | None]] = current_app.extensions.get(ACCOUNT_GATES, [])
    for gate in account_gates:
        refused = gate(user)
        if refused is not None:
            return refused
    remember = request.form.get("remember") in ("on", "1", "true", "y")
    # --8<-- [start:second_factor]
    second_factor: Callable[[User, bool, str | None], Response | None] | None = current_app.extensions.get(
        SECOND_FACTOR
    )
    pending = second_factor(user, remember, next_url) if second_factor else None
    if pending is not None:
        emit("login", "pending", user.id, reason="second factor required")
        return pending
    return finish_login(user, remember, next_url, proven=proven)
    # --8<-- [end:second_factor]


@bp.post("/logout")
def logout() -> Response:
    """End this session on the server and the client (POST only, CSRF-checked)."""
    if current_user.is_authenticated:
        db.session.execute(delete(LoginSession).where(LoginSession.id_hash == _digest(current_user.get_id())))
        db.session.commit()
        emit("logout", "success", current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("pages.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> Any:
    """Change the password; every other session of the account ends."""
    if request.method == "GET":
        return render_template("auth/password.html")
    user: User = current_user._get_current_object()
    if not verify_password(user.password_hash, request.form.get("current_password", "")):
        emit("password_change", "failure", user.id)
        return render_template("auth/password.html", errors=["The current password is wrong."]), 401
    new = request.form.get("new_password", "")
    errors = policy_errors(new, user.email)
    if errors:
        return render_template("auth/password.html", errors=errors), 422
    if not set_password(user, new, replacing=user.password_hash):  # a change or reset got there first
        emit("password_change", "failure", user.id, reason="changed meanwhile")
        return render_template("auth/password.html", errors=[CHANGED_MEANWHILE]), 409
    assurance = max(session_assurance(), PASSWORD_ONLY)  # the new session keeps the factors proved
    ended = end_sessions(user.id)
    start_session(user, remember=False, assurance=assurance)
    emit("password_change", "success", user.id, sessions_ended=ended)
    flash("Password changed. Every other session has been logged out.")
    return redirect(url_for("pages.home"))


def may_be_signed_in() -> bool:
    """Whether the request carries a login cookie (the session's or the remember-me one).

    Without either, Flask-Login can only answer "anonymous" (this app registers no request
    loader), so the API's machine clients skip asking it: about 60 µs per request (bench/micro.py).
    """
    cookies, config = request.cookies, current_app.config
    return config["SESSION_COOKIE_NAME"] in cookies or config["REMEMBER_COOKIE_NAME"] in cookies


def _session_user() -> User | None:
    if not may_be_signed_in() or not current_user.is_authenticated:
        return None
    user: User = current_user._get_current_object()
    return user


def sessions_of(user_id: int) -> list[LoginSession]:
    """The live server-side sessions of a user, newest first."""
    query = select(LoginSession).where(LoginSession.user_id == user_id)
    return list(db.session.scalars(query.order_by(LoginSession.created_at.desc())))


# --8<-- [start:checks]
def remember_cookie_checks(app: Flask) -> Iterable[Finding]:
    """The remember-me cookie is as well protected as the session cookie (checklist 14)."""
    c = app.config
    if not (c["REMEMBER_COOKIE_SECURE"] and c["REMEMBER_COOKIE_HTTPONLY"]):
        yield Finding(
            "SFA-C015",
            "error",
            "The remember-me cookie lacks Secure or HttpOnly.",
            "Set REMEMBER_COOKIE_SECURE and REMEMBER_COOKIE_HTTPONLY to true.",
        )
    if c["REMEMBER_COOKIE_SAMESITE"] not in ("Lax", "Strict"):
        yield Finding(
            "SFA-C016",
            "error",
            "REMEMBER_COOKIE_SAMESITE is not Lax or Strict.",
            "Set REMEMBER_COOKIE_SAMESITE to Lax.",
        )
    name, domain, path = c["REMEMBER_COOKIE_NAME"], c["REMEMBER_COOKIE_DOMAIN"], c["REMEMBER_COOKIE_PATH"]
    if not str(name).startswith("__Host-") or domain or path != "/":
        yield Finding(
            "SFA-C017",
            "warning",
            "The remember-me cookie is not __Host- prefixed with Path=/ and no Domain.",
            "Name it __Host-remember, with REMEMBER_COOKIE_PATH '/' and no REMEMBER_COOKIE_DOMAIN.",
        )
    if c["REMEMBER_COOKIE_DURATION"] > MAX_REMEMBER:
        yield Finding(
            "SFA-C018",
            "warning",
            f"REMEMBER_COOKIE_DURATION is longer than {MAX_REMEMBER.days} days.",
            "Shorten it (the default is 14 days); a stolen cookie lasts as long.",
        )


def password_checks(app: Flask) -> Iterable[Finding]:
    """The password policy keeps ASVS's floor and ceiling (checklist 17)."""
    if app.config["PASSWORD_MIN_LENGTH"] < 8:
        yield Finding(
            "SFA-A001",
            "error",
            "PASSWORD_MIN_LENGTH is below 8 characters (ASVS V6.2.1).",
            "Set FLASK_PASSWORD_MIN_LENGTH to 12 or more (15 is recommended for password-only accounts).",
        )
    if app.config["PASSWORD_MAX_LENGTH"] < 64:
        yield Finding(
            "SFA-A002",
            "error",
            "PASSWORD_MAX_LENGTH refuses passphrases of 64 characters (ASVS V6.2.9).",
            "Set FLASK_PASSWORD_MAX_LENGTH to 64 or more (the default is 1024).",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Bind Flask-Login with hardened cookies and register the ``/auth`` pages."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    # The API accepts browser sessions too; this lets it ask without importing Flask-Login.
    app.extensions["session_user_loader"] = _session_user
    app.register_blueprint(bp)
    checks.register(app, remember_cookie_checks)
    checks.register(app, password_checks)
