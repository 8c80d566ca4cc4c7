"""The AI playground: a page whose same-origin script calls the API as the logged-in user.

With browser login (``use_login``) the page needs a session and its calls carry the session
cookie and the CSRF token. Without it, the page asks for an API token and sends it as a bearer
token. Either way the script renders every answer with ``textContent``: model output is text,
never markup (OWASP LLM05), and the strict CSP would block inline script anyway.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, redirect, render_template, request, url_for

from . import guardrails, history, state

bp = Blueprint("ai", __name__, url_prefix="/ai")
RECENT = 10


@bp.get("/playground")
def playground() -> Any:
    """The playground page (login required when browser login exists)."""
    loader = current_app.extensions.get("session_user_loader")
    user = loader() if loader else None
    if loader is not None and user is None:
        return redirect(url_for("auth.login", next=request.path))
    ai = state()
    return render_template(
        "ai/playground.html",
        session_mode=user is not None,
        models={"predict": list(ai.provider("predict").models()), "chat": list(ai.provider("chat").models())},
        limits=ai.guardrails.limits,
        recent=history.calls_of(user.id, RECENT)
        if user is not None and current_app.config["AI_HISTORY"]
        else [],
    )


def init_app(app: Flask) -> None:
    """Register the playground and the ``untrusted`` filter for model output in templates."""
    app.register_blueprint(bp)
    app.add_template_filter(guardrails.as_html, "untrusted")
