"""Request and response models of the AI API: they validate requests and write the OpenAPI document.

Request models are built per app from its settings, so the document states the very limits the
app enforces (text lengths, message count, ``max_tokens``, the model allow-lists), and a fuzzer
reading it finds no gap between what is described and what is accepted. Unknown fields are
refused (``extra="forbid"``): a client cannot slip in a ``system`` prompt, ``tools`` or a
``response_format``; roles are limited to ``user`` and ``assistant`` (OWASP LLM01, LLM06, LLM07).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, create_model

from .guardrails import Limits
from .history import MAX_ID

#: Who wrote a chat turn (the system prompt belongs to the server: there is no system role).
Role = Literal["user", "assistant"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# -- Responses (fixed) -------------------------------------------------------------------
class Quota(BaseModel):
    """A user's daily allowance and what is left of it (limits are null when unlimited)."""

    requests_limit: int | None
    requests_used: int
    requests_left: int | None
    tokens_limit: int | None
    tokens_used: int
    tokens_left: int | None
    resets_at: datetime


class TokenUsage(BaseModel):
    """Tokens one call consumed (estimated when the provider does not say)."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class PredictResult(BaseModel):
    """Topic and urgency of a support message."""

    topic: str
    urgency: str
    confidence: dict[str, float] = Field(
        description="Probability of each label; empty for LLM classification."
    )
    model: str
    provider: str
    flags: list[str] = Field(description="What the guardrails found: redactions, stripped characters, ...")
    ai_generated: Literal[True] = Field(
        description="Always true: the labels come from a model, not a person."
    )
    quota: Quota


class AssistantMessage(BaseModel):
    """The assistant's answer: untrusted text, never markup (render it as text)."""

    role: Literal["assistant"]
    content: str


class ChatResult(BaseModel):
    """The answer to a conversation."""

    message: AssistantMessage
    model: str
    provider: str
    finish_reason: str = Field(description="stop, length, or content_filter when the guardrails withheld it.")
    usage: TokenUsage
    flags: list[str]
    ai_generated: Literal[True] = Field(description="Always true: label the answer as AI-generated.")
    quota: Quota


class HistoryItem(BaseModel):
    """One of the caller's past calls, as stored (inputs redacted; encrypted at rest when enabled)."""

    id: int
    created_at: datetime
    endpoint: Literal["predict", "chat"]
    provider: str
    model: str
    input: str = Field(description="The text classified, or the last user message of the chat.")
    output: str = Field(description="The chat answer, or the labels as a JSON object.")
    flags: list[str]
    ai_generated: Literal[True]


class HistoryPage(BaseModel):
    """Newest first; pass ``next_before`` as ``before`` for the next page."""

    items: list[HistoryItem]
    next_before: int | None


class Error(BaseModel):
    """Every error of the API, with the request id to quote to support."""

    error: str
    message: str
    status: int
    request_id: str | None
    details: list[dict[str, Any]] | None = None


class HistoryQuery(BaseModel):
    """Query string of ``GET /api/v1/history``."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(20, ge=1, le=100)
    before: int | None = Field(None, ge=1, le=MAX_ID)


# -- Requests (built from the settings) --------------------------------------------------
@dataclass(frozen=True)
class RequestModels:
    """The request models of one app."""

    predict: type[BaseModel]
    chat: type[BaseModel]
    message: type[BaseModel]


def _integral(value: Any) -> Any:
    # JSON Schema counts 2.0 as an integer; so does this API (and nothing else that is not an int).
    return int(value) if isinstance(value, float) and value.is_integer() else value


def json_int(low: int, high: int) -> Any:
    """An integer as JSON Schema means it (2 and 2.0, never "2" or true) within [low, high].

    The bounds come before the validator, or pydantic would not write them into the schema.
    """
    return Annotated[int, Field(ge=low, le=high), BeforeValidator(_integral)]


def _choice(values: Sequence[str]) -> Any:
    # An empty allow-list admits no model at all (the deploy check SFA-X007 reports it).
    return Literal[tuple(values)] if values else type(None)


def build(limits: Limits, predict_models: Sequence[str], chat_models: Sequence[str]) -> RequestModels:
    """Request models whose constraints are this app's limits and model allow-lists."""
    return _build(limits, tuple(predict_models), tuple(chat_models))


@cache  # apps with the same limits share their models (the test suite creates hundreds of apps)
def _build(limits: Limits, predict_models: tuple[str, ...], chat_models: tuple[str, ...]) -> RequestModels:
    predict = create_model(
        "PredictRequest",
        __base__=_Strict,
        __doc__="A support message to label by topic and urgency.",
        text=(str, Field(min_length=1, max_length=limits.max_input_chars, description="The message.")),
        model=(_choice(predict_models) | None, Field(None, description="One of the allow-listed models.")),
    )
    message = create_model(
        "ChatMessage",
        __base__=_Strict,
        __doc__="One turn. The system prompt belongs to the server: there is no system role.",
        role=(Role, ...),
        content=(str, Field(min_length=1, max_length=limits.max_input_chars)),
    )
    chat = create_model(
        "ChatRequest",
        __base__=_Strict,
        __doc__="A conversation to continue, oldest turn first.",
        # valid-type: ``message`` is a model class made at run time, which no type checker can follow.
        messages=(list[message], Field(min_length=1, max_length=limits.max_messages)),  # type: ignore[valid-type]
        model=(_choice(chat_models) | None, Field(None, description="One of the allow-listed models.")),
        max_tokens=(
            json_int(1, limits.max_output_tokens) | None,
            Field(None, description="Output cap; defaults to the maximum."),
        ),
        temperature=(Annotated[float, Field(ge=0, le=2)] | None, Field(None)),
    )
    return RequestModels(predict=predict, chat=chat, message=message)
