"""The JSON API under ``/api/v1``: predict, chat, history, quota and its own OpenAPI document.

Every AI route is authenticated by ``security.tokens.api_auth`` (a bearer token with the route's
scope, or a logged-in browser session whose calls the CSRF control checks), bounded in size
before the body is read, validated by the models in ``schemas``, charged to the caller's daily
quota, and passed through the guardrails on the way in and out. The blueprint is named ``api``:
a rate-limit control applies its AI limit (``RATELIMIT_AI``) to every ``api.*`` endpoint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, request
from werkzeug.exceptions import (
    BadGateway,
    BadRequest,
    GatewayTimeout,
    HTTPException,
    NotFound,
    RequestEntityTooLarge,
    ServiceUnavailable,
    TooManyRequests,
    UnprocessableEntity,
    UnsupportedMediaType,
)

from ..db import db
from ..events import emit
from ..metrics import ai_call
from ..pages import error_response
from ..security.tokens import api_auth
from . import history, quota, state
from .guardrails import GuardrailRefusal, estimate_tokens
from .provider import ChatRequest, PredictRequest, Provider, ProviderError, Usage

# pydantic and the models of ``schemas`` are imported inside the views: they load with the first
# API call, not when a worker boots.

bp = Blueprint("api", __name__, url_prefix="/api/v1")
SCOPES = ("ai:predict", "ai:chat")
ID = f"int(min=1, max={history.MAX_ID})"  # URL converter: no id a database cannot hold

log = logging.getLogger(__name__)


# -- Helpers ---------------------------------------------------------------------------
class Problem(Exception):
    """An HTTP error of this API, optionally with validation details for the JSON body."""

    def __init__(self, error: HTTPException, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(error.description)
        self.error = error
        self.details = details


@bp.errorhandler(Problem)
def _problem(problem: Problem) -> Response:
    response = error_response(problem.error)  # JSON with status, message and request id
    if problem.details is not None:
        body = response.get_json()
        body["details"] = problem.details
        response.set_data(current_app.json.dumps(body))
    return response


def _validation_details(error: Any) -> list[dict[str, Any]]:
    # Location, message and type only: the offending input is not echoed back.
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in error.errors()]


def _json_body(model: Any) -> Any:
    """The request body validated by ``model``: 415 if not JSON, 400 if malformed, 422 if invalid."""
    from pydantic import ValidationError

    if not request.is_json:
        raise Problem(UnsupportedMediaType("Send a JSON body with Content-Type: application/json."))
    raw = request.get_data(cache=True)  # 413 past AI_MAX_REQUEST_BYTES, before anything is parsed
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            raise Problem(BadRequest("The body is not valid JSON.")) from None
        raise Problem(UnprocessableEntity("The request is invalid."), _validation_details(exc)) from None


def _any_ai_scope(view: Callable[..., Any]) -> Callable[..., Any]:
    """Like ``api_auth`` for read-only routes: a token holding any AI scope will do."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = g.get("api_token")
        held = token.scope_set if token is not None else frozenset()
        scope = next((s for s in SCOPES if s in held), SCOPES[0])
        return api_auth(scope)(view)(*args, **kwargs)

    return wrapped


def _default_model(provider: Provider) -> str:
    models = provider.models()
    if not models:
        raise Problem(ServiceUnavailable("No model is allowed: the model allow-list is empty."))
    return models[0]


def _limits() -> tuple[int | None, int | None]:
    c = current_app.config
    return c["AI_DAILY_REQUESTS"], c["AI_DAILY_TOKENS"]


def _reserve(tokens: int, commit: bool = True) -> quota.QuotaState:
    try:
        return quota.reserve(g.user_id, tokens, *_limits(), commit=commit)
    except quota.QuotaExceeded as exc:
        emit("ai_quota", "refused", g.user_id, endpoint=request.endpoint)
        raise Problem(TooManyRequests(str(exc), retry_after=exc.retry_after)) from None


def _refusal(exc: GuardrailRefusal) -> Problem:
    error = RequestEntityTooLarge if exc.status == 413 else UnprocessableEntity
    return Problem(error(str(exc)))


def _provider_failure(exc: ProviderError) -> Problem:
    cause = type(exc.__cause__).__name__ if exc.__cause__ else "-"
    log.warning("AI provider failed: %s (%s)", type(exc).__name__, cause)
    if exc.status == 504:
        return Problem(GatewayTimeout(str(exc)))
    if exc.status == 503:
        return Problem(ServiceUnavailable(str(exc), retry_after=exc.retry_after))
    return Problem(BadGateway(str(exc)))


def _log_call(
    endpoint: str, provider: str, model: str, usage: Usage, started: float, flags: list[str], **texts: str
) -> int:
    seconds = time.perf_counter() - started
    latency_ms = int(seconds * 1000)
    ai_call(current_app, provider, endpoint, "ok", (usage.prompt_tokens, usage.completion_tokens), seconds)
    extra: dict[str, Any] = {
        "endpoint": endpoint,
        "provider": provider,
        "model": model,
        "latency_ms": latency_ms,
        "usage": {"prompt": usage.prompt_tokens, "completion": usage.completion_tokens},
        "flags": flags,
    }
    if current_app.config["AI_LOG_PROMPTS"]:
        extra |= texts  # already redacted by the guardrails
    log.info("ai call", extra=extra)
    return latency_ms


def _store(
    endpoint: str,
    provider: str,
    model: str,
    text_in: str,
    text_out: str,
    flags: list[str],
    usage: Usage,
    latency_ms: int,
) -> None:
    if current_app.config["AI_HISTORY"]:
        history.record(
            g.user_id,
            int(current_app.config["AI_HISTORY_DAYS"]),
            endpoint=endpoint,
            provider=provider,
            model=model,
            input=text_in,
            output=text_out,
            flags=" ".join(flags)[:1000],
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            latency_ms=latency_ms,
        )


def _json(schema: Any, /, **fields: Any) -> Response:
    # Serialised through the response model: the document and the responses cannot drift apart.
    return current_app.response_class(schema(**fields).model_dump_json(), mimetype="application/json")


# -- Routes ----------------------------------------------------------------------------
@bp.before_request
def _bound_body() -> None:
    # Tighter than MAX_CONTENT_LENGTH: AI input is costly; larger bodies get 413 unread (LLM10).
    c = current_app.config
    request.max_content_length = min(
        filter(None, (c["AI_MAX_REQUEST_BYTES"], c["MAX_CONTENT_LENGTH"])), default=None
    )


@bp.post("/predict", provide_automatic_options=False)
@api_auth("ai:predict")
def predict() -> Response:
    """Label a support message by topic and urgency."""
    ai = state()
    body = _json_body(ai.models.predict)
    provider = ai.provider("predict")
    model = body.model or _default_model(provider)
    try:
        ai.guardrails.check_caps([body.text], "predict")
    except GuardrailRefusal as exc:
        raise _refusal(exc) from None
    # A local model answers in a millisecond or two: the quota, the call and its history then
    # share one transaction (one commit). A refused or failed call still counts as a request.
    allowance = _reserve(tokens=0, commit=not provider.in_process)  # requests only, no tokens
    try:
        try:
            screened = ai.guardrails.screen_input([body.text], "predict")
        except GuardrailRefusal as exc:
            raise _refusal(exc) from None
        except ProviderError as exc:  # an external scanner (ai/moderation.py) did not answer
            raise _provider_failure(exc) from None
        started = time.perf_counter()
        try:
            result = provider.predict(PredictRequest(screened.texts[0], model))
        except ProviderError as exc:
            ai_call(current_app, provider.name, "predict", "error")
            raise _provider_failure(exc) from None
        flags = screened.flags
        labels = {"topic": result.topic, "urgency": result.urgency}
        text = screened.texts[0]
        latency = _log_call("predict", result.provider, model, result.usage, started, flags, prompt=text)
        output = current_app.json.dumps(labels)
        _store("predict", result.provider, model, text, output, flags, result.usage, latency)
    finally:
        db.session.commit()
    from . import schemas

    return _json(
        schemas.PredictResult,
        **labels,
        confidence=result.confidence,
        model=model,
        provider=result.provider,
        flags=flags,
        ai_generated=True,
        quota=allowance.as_dict(),
    )


@bp.post("/chat", provide_automatic_options=False)
@api_auth("ai:chat")
def chat() -> Response:
    """Continue a conversation; the server's system prompt comes first, the client's cannot."""
    ai = state()
    body = _json_body(ai.models.chat)
    provider = ai.provider("chat")
    model = body.model or _default_model(provider)
    max_tokens = body.max_tokens or ai.guardrails.limits.max_output_tokens
    contents = [m.content for m in body.messages]
    try:
        tokens_in = ai.guardrails.check_caps(contents, "chat")
        reserved = tokens_in + max_tokens
        allowance = _reserve(tokens=reserved)
    except GuardrailRefusal as exc:
        raise _refusal(exc) from None
    used = 0
    try:
        try:
            screened = ai.guardrails.screen_input(contents, "chat")
        except GuardrailRefusal as exc:
            raise _refusal(exc) from None
        except ProviderError as exc:
            raise _provider_failure(exc) from None
        messages, spotlighted = ai.guardrails.conversation(
            [(m.role, t) for m, t in zip(body.messages, screened.texts, strict=True)],
            wrap=not provider.in_process,
        )
        started = time.perf_counter()
        try:
            result = provider.chat(ChatRequest(messages, model, max_tokens, body.temperature))
        except ProviderError as exc:
            ai_call(current_app, provider.name, "chat", "error")
            raise _provider_failure(exc) from None
        try:
            answer = ai.guardrails.screen_output(result.content, "chat")
        except ProviderError as exc:
            raise _provider_failure(exc) from None
        usage = result.usage
        if usage.total_tokens == 0:  # the provider did not say: estimate, erring high
            usage = Usage(sum(estimate_tokens(m.content) for m in messages), estimate_tokens(result.content))
        used = usage.total_tokens
        flags = sorted({*screened.flags, *spotlighted, *answer.flags})
        finish = "content_filter" if answer.withheld else result.finish_reason
        last_user = next(
            (
                t
                for m, t in zip(reversed(body.messages), reversed(screened.texts), strict=True)
                if m.role == "user"
            ),
            "",
        )
        latency = _log_call(
            "chat", result.provider, model, usage, started, flags, prompt=last_user, answer=answer.content
        )
        _store("chat", result.provider, model, last_user, answer.content, flags, usage, latency)
    finally:
        quota.settle(g.user_id, allowance.day, reserved, used)
        db.session.commit()
    spent = quota.QuotaState(
        allowance.requests_limit,
        allowance.requests_used,
        allowance.tokens_limit,
        allowance.tokens_used - reserved + used,
        allowance.resets_at,
        allowance.day,
    )
    from . import schemas

    return _json(
        schemas.ChatResult,
        message={"role": "assistant", "content": answer.content},
        model=model,
        provider=result.provider,
        finish_reason=finish,
        usage={
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "total_tokens": used,
        },
        flags=flags,
        ai_generated=True,
        quota=spent.as_dict(),
    )


@bp.get("/quota")
@_any_ai_scope
def quota_left() -> Response:
    """The caller's allowance for today."""
    from . import schemas

    return _json(schemas.Quota, **quota.state(g.user_id, *_limits()).as_dict())


@bp.get("/history")
@_any_ai_scope
def history_list() -> Response:
    """The caller's past calls, newest first."""
    from pydantic import ValidationError

    from . import schemas

    try:
        query = schemas.HistoryQuery.model_validate(request.args.to_dict())
    except ValidationError as exc:
        raise Problem(UnprocessableEntity("The query is invalid."), _validation_details(exc)) from None
    calls = history.calls_of(g.user_id, query.limit, query.before)
    next_before = calls[-1].id if len(calls) == query.limit else None
    return _json(schemas.HistoryPage, items=[c.as_dict() for c in calls], next_before=next_before)


@bp.get(f"/history/<{ID}:call_id>")
@_any_ai_scope
def history_item(call_id: int) -> Response:
    """One past call of the caller's; 404 for anyone else's."""
    from . import schemas

    call = history.call_of(g.user_id, call_id)
    if call is None:
        raise Problem(NotFound("No such call in your history."))
    return _json(schemas.HistoryItem, **call.as_dict())


@bp.delete(f"/history/<{ID}:call_id>")
@_any_ai_scope
def history_forget(call_id: int) -> Response:
    """Delete one past call of the caller's; 404 for anyone else's."""
    if not history.forget(g.user_id, call_id):
        raise Problem(NotFound("No such call in your history."))
    return Response(status=204)


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 document of this API, generated from the models that validate it."""
    return jsonify(state().openapi())
