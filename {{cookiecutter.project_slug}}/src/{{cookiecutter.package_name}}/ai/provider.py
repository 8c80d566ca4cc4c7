"""The provider interface: every AI backend takes and returns these types, and nothing else.

The API, the guardrails and the playground only know this module. A provider receives requests
that the guardrails have already screened (caps applied, invisible characters stripped, secrets
redacted, the server's system prompt in place) and returns results that the guardrails will
screen again before anyone sees them. Providers connect lazily, on their first call, never when
they are imported or created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One chat turn. Only the server writes ``system`` messages (clients cannot send them)."""

    role: Role
    content: str


@dataclass(frozen=True)
class Usage:
    """Tokens consumed by one call, as reported by the provider or estimated."""

    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True)
class PredictRequest:
    """Classify one support message by topic and urgency."""

    text: str
    model: str


@dataclass(frozen=True)
class Prediction:
    """The labels for one message, with the probability the model gave each."""

    topic: str
    urgency: str
    confidence: dict[str, float]
    model: str
    provider: str
    usage: Usage = field(default_factory=Usage)


@dataclass(frozen=True)
class ChatRequest:
    """A conversation to continue; ``messages`` starts with the server's system prompt."""

    messages: Sequence[Message]
    model: str
    max_tokens: int
    temperature: float | None = None


@dataclass(frozen=True)
class ChatResult:
    """The assistant's answer: untrusted text until the output guardrails have seen it."""

    content: str
    model: str
    provider: str
    finish_reason: str
    usage: Usage


@runtime_checkable
class Provider(Protocol):
    """What every AI backend implements: the local model and the OpenAI-compatible client."""

    #: Short name used in settings and results: "local", "openai".
    name: str
    #: True when answers take milliseconds and no network: the API then keeps its quota and
    #: history writes in the same transaction as the call (one commit per request).
    in_process: bool

    def models(self) -> Sequence[str]:
        """The model allow-list; the first entry is the default."""
        ...

    def predict(self, request: PredictRequest) -> Prediction:
        """Label one message."""
        ...

    def chat(self, request: ChatRequest) -> ChatResult:
        """Answer a conversation."""
        ...


class ProviderError(Exception):
    """A provider could not answer. ``status`` is the HTTP status the API returns for it.

    The message is shown to the client, so it never carries upstream bodies, keys or URLs.
    """

    status = 502

    def __init__(self, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    """The provider is not configured or not reachable (model missing, refused connection)."""

    status = 503


class ProviderTimeout(ProviderError):
    """The provider did not answer within the configured timeouts."""

    status = 504


class ModelIntegrityError(ProviderUnavailable):
    """A model artifact failed its hash or type check and was not loaded."""
