"""The admin area under ``/admin``: the list of users, disabling accounts, ending sessions.

One ``before_request`` guards the whole blueprint, so a route added later cannot forget it: the
visitor must be logged in, hold the ``admin`` role, and, when the MFA module is present, have
completed a second factor in this session (checklist 26), whatever ``MFA_REQUIRED`` says. The
MFA module offers that gate under ``app.extensions["second_factor_gate"]``; without it the role
alone protects the area and ``flask security check --deploy`` says so (SFA-A006). The prefix
``/admin`` is also what the IP filter's admin allow-list matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import aliased
from werkzeug.wrappers import Response

from ..db import db, one_row_written
from ..events import emit
from ..inputs import bounded_int
from ..users import User, lock_accounts, utcnow
from . import checks
from .checks import Finding
from .login import SECOND_FACTOR_GATE, LoginSession, end_sessions, login_manager
from .tokens import ApiToken, revoke_all

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    "ADMIN_PAGE_SIZE": 100,  # users per page of the admin list
}
# --8<-- [end:defaults]

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def _admins_only() -> Any:
    """Login, then the admin role, then the second factor (when MFA is present)."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_admin:
        emit("admin_action", "refused", current_user.id, path=request.path)
        abort(403)
    gate: Callable[[], Response | None] | None = current_app.extensions.get(SECOND_FACTOR_GATE)
    return gate() if gate is not None else None


def _admin() -> User:
    admin: User = current_user._get_current_object()
    return admin


def _target(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _back() -> Response:
    return redirect(url_for("admin.index", page=request.args.get("page", type=bounded_int(1)) or None))


@bp.get("/")
def index() -> str:
    """Every account with its role, state, live sessions and live API tokens."""
    size = int(current_app.config["ADMIN_PAGE_SIZE"])
    page = request.args.get("page", 1, type=bounded_int(1))
    users = list(db.session.scalars(select(User).order_by(User.id).offset((page - 1) * size).limit(size + 1)))
    sessions = select(LoginSession.user_id, func.count()).group_by(LoginSession.user_id)
    live = (ApiToken.revoked_at.is_(None)) & (ApiToken.expires_at > utcnow())
    tokens = select(ApiToken.user_id, func.count()).where(live).group_by(ApiToken.user_id)
    return render_template(
        "admin/index.html",
        users=users[:size],
        page=page,
        more=len(users) > size,
        sessions={uid: n for uid, n in db.session.execute(sessions)},
        tokens={uid: n for uid, n in db.session.execute(tokens)},
    )


def _disable_while_admin(target_id: int, admin_id: int) -> bool:
    """Disable ``target_id`` only while ``admin_id`` is still an active administrator; whether it
    was done. One statement, after both rows are locked: two administrators disabling each other
    at once leave one of them active (the second is refused), not an admin area nobody enters."""
    lock_accounts(User.id.in_((target_id, admin_id)))
    acting = aliased(User)
    still_admin = exists().where(acting.id == admin_id, acting.role == "admin", acting.active.is_(True))
    return one_row_written(update(User).where(User.id == target_id, still_admin).values(active=False))


@bp.post("/users/<int:user_id>/disable")
def disable_user(user_id: int) -> Response:
    """Disable an account: it cannot log in, its sessions end and its API tokens are revoked."""
    target, me = _target(user_id), _admin().id
    if target.id == me:
        flash("You cannot disable your own account.")
        return _back()
    if not _disable_while_admin(target.id, me):
        emit("admin_action", "refused", me, action="disable_user", target_user_id=user_id, reason="changed")
        abort(409, "Nothing was changed: that account or yours changed meanwhile. Reload the page.")
    ended, revoked = end_sessions(target.id), revoke_all(target.id)
    emit(
        "admin_action",
        "success",
        _admin().id,
        action="disable_user",
        target_user_id=target.id,
        sessions_ended=ended,
        tokens_revoked=revoked,
    )
    flash(f"{target.email} disabled: {ended} session(s) ended, {revoked} token(s) revoked.")
    return _back()


@bp.post("/users/<int:user_id>/enable")
def enable_user(user_id: int) -> Response:
    """Let a disabled account log in again (its old tokens stay revoked)."""
    target = _target(user_id)
    target.active = True
    db.session.commit()
    emit("admin_action", "success", _admin().id, action="enable_user", target_user_id=target.id)
    flash(f"{target.email} enabled.")
    return _back()


@bp.post("/users/<int:user_id>/sessions/revoke")
def revoke_sessions(user_id: int) -> Response:
    """Log a user out everywhere (your own current session excepted)."""
    target = _target(user_id)
    keep = _admin().get_id() if target.id == _admin().id else None
    ended = end_sessions(target.id, keep=keep)
    emit(
        "admin_action",
        "success",
        _admin().id,
        action="revoke_sessions",
        target_user_id=target.id,
        sessions_ended=ended,
    )
    flash(f"{ended} session(s) of {target.email} ended.")
    return _back()


# --8<-- [start:checks]
def admin_checks(app: Flask) -> Iterable[Finding]:
    """The admin area should need two factors (checklist 26)."""
    if SECOND_FACTOR_GATE not in app.extensions:
        yield Finding(
            "SFA-A006",
            "warning",
            "The admin area is protected by the admin role and a password alone.",
            "Generate the project with use_mfa so admin pages need a second factor.",
        )


# --8<-- [end:checks]


def init_app(app: Flask) -> None:
    """Register the ``/admin`` pages and their check."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp)
    checks.register(app, admin_checks)
