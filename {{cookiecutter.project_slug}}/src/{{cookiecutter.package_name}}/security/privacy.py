"""A user's own data: download it as JSON, or delete the account. Both ask for the password again.

*Export* (``POST /account/data/export``): the account (address, role, dates, whether the address
is confirmed), its live sessions, and every section other modules register under
``users.ACCOUNT_DATA``: API tokens' metadata (never a hash), the second factor's state (never
the secret), the AI history (decrypted: it is the user's own). Sent as an attachment that no cache
keeps (``no-store`` on every response).

*Deletion* (``POST /account/data/delete``): the password and the account's address typed out.
The ``users`` row is deleted and the database deletes what hangs on it (``ON DELETE CASCADE``:
sessions, tokens, second factor, AI history, a pending confirmation; SQLite enforces foreign keys
here too, see db.py). The last active administrator cannot delete their account: the admin area
would have nobody.

The audit trail is *kept, not pseudonymised*: its records are hash-chained (security/audit.py),
so rewriting one would break the chain that proves nothing was removed. They hold the account's
id and, for some events (failed logins, registrations with a taken address), the address typed;
they are kept as long as the trail is (this project deletes no audit record), as records kept
for the security of the service, which data-protection law allows to outlive an account (GDPR
Art. 6(1)(f), 17(3)). The account-lifecycle page says so, for the project's privacy notice.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from sqlalchemy import delete, or_, select
from werkzeug.wrappers import Response

from ..db import db, one_row_written
from ..events import emit
from ..passwords import verify_password
from ..users import ACCOUNT_DATA, User, aware, lock_accounts, other_active_admins, utcnow
from .login import login_required, sessions_of
from .mail import link, send

bp = Blueprint("privacy", __name__, url_prefix="/account/data")


def _page(status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template("privacy/index.html", **context), status


def _reauthenticated(user: User, event: str) -> bool:
    if verify_password(user.password_hash, request.form.get("current_password", "")):
        return True
    emit(event, "failure", user.id)
    return False


def export_of(user: User) -> dict[str, Any]:
    """Everything this project keeps about ``user`` outside the audit trail."""
    from .verification import pending  # the same option ships both modules

    data: dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "account": {
            "id": user.id,
            "email": user.email,
            "email_confirmed": pending(user.id) is None,
            "role": user.role,
            "active": user.active,
            "created_at": aware(user.created_at).isoformat(),
            "password_changed_at": aware(user.password_changed_at).isoformat()
            if user.password_changed_at
            else None,
        },
        "sessions": [
            {
                "created_at": aware(row.created_at).isoformat(),
                "last_seen": aware(row.last_seen).isoformat(),
                "remember_me": row.remember,
                "assurance_level": row.assurance,
            }
            for row in sessions_of(user.id)
        ],
    }
    for section, export in current_app.extensions.get(ACCOUNT_DATA, {}).items():
        data[section] = export(user.id)
    return data


@bp.get("")
@login_required
def index() -> tuple[str, int]:
    """The page with both forms."""
    return _page()


@bp.post("/export")
@login_required
def export() -> Any:
    """Download the account's data as JSON, after the password."""
    user: User = current_user._get_current_object()
    if not _reauthenticated(user, "account_export"):
        return _page(401, errors=["The current password is wrong."])
    body = json.dumps(export_of(user), indent=2, ensure_ascii=False, default=str)
    emit("account_export", "success", user.id)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="account-data.json"'},
    )


def _delete_unless_last_admin(user_id: int) -> bool:
    """Delete the account unless it is an administrator and no other active one is left; whether
    it was deleted. The check and the delete are one statement, after the administrators' rows are
    locked: two administrators deleting themselves at once (or one deleting while the other is
    disabled) cannot both pass, each counting the other, and leave an admin area nobody enters."""
    lock_accounts(User.role == "admin", User.active.is_(True))
    unless_last = or_(User.role != "admin", other_active_admins(user_id) > 0)
    return one_row_written(delete(User).where(User.id == user_id, unless_last))


@bp.post("/delete")
@login_required
def delete_account() -> Any:
    """Delete the account and what hangs on it, after the password and the address typed out."""
    user: User = current_user._get_current_object()
    if not _reauthenticated(user, "account_delete"):
        return _page(401, errors=["The current password is wrong."])
    if request.form.get("confirm", "").strip().lower() != user.email:
        return _page(422, errors=["Type your address exactly, to confirm."])
    user_id, email = user.id, user.email
    if not _delete_unless_last_admin(user_id):
        if db.session.scalar(select(User.id).where(User.id == user_id)) is None:
            return _signed_out()  # deleted meanwhile by this user's other request (the form sent twice)
        emit("account_delete", "refused", user_id, reason="last administrator")
        return _page(409, errors=["You are the last administrator: make another account admin first."])
    send(email, "your account was deleted", "deleted", register=link("auth.register"))
    emit("account_delete", "success", user_id)
    return _signed_out()


def _signed_out() -> Response:
    logout_user()
    session.clear()
    flash("Your account and its data are deleted.")
    return redirect(url_for("pages.home"), 303)


def init_app(app: Flask) -> None:
    """Register the ``/account/data`` pages."""
    app.register_blueprint(bp)
