"""The AI module: two providers behind one interface, guardrails, the ``/api/v1`` API, the playground.

``init_app`` declares the ``AI_*`` settings, builds the providers (which connect lazily, on their
first call), the guardrail pipeline and the request models, and registers the API, the
playground, the ``flask ai`` commands and the ``SFA-X`` deploy checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from ..pages import add_readiness_check
from ..security import checks as security_checks
from ..users import add_account_data
from . import dataset, guardrails
from .detector import Detector
from .local import ArtifactPaths, LocalProvider
from .openai_compat import OpenAICompatProvider, OpenAISettings
from .provider import Provider

if TYPE_CHECKING:
    from .schemas import RequestModels

PROVIDERS = ("local", "openai")
EXTENSION = "ai"

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Which provider serves the API: "local" (the scikit-learn model, offline) or "openai" (any
    # OpenAI-compatible server). Each endpoint can override it.
    "AI_PROVIDER": "{{ cookiecutter.ai_provider }}",
    "AI_PREDICT_PROVIDER": None,  # None: AI_PROVIDER
    "AI_CHAT_PROVIDER": None,  # None: AI_PROVIDER
    # Local model (LLM03, LLM04): trained by `flask ai train`, loaded only if its SHA-256 matches.
    "AI_MODEL_NAME": "support-router",
    "AI_MODEL_DIR": None,  # None: <instance folder>/ai
    "AI_MODEL_SHA256": None,  # the pin; required in production when the local provider serves
    "AI_MODEL_TRUSTED_TYPES": [],  # skops types trusted beyond its defaults (review each one)
    "AI_DATASET": None,  # training CSV; None: the shipped ai/data/support_tickets.csv
    # OpenAI-compatible provider: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp server.
    "AI_OPENAI_BASE_URL": "https://api.openai.com/v1",
    "AI_OPENAI_API_KEY": None,  # set FLASK_AI_OPENAI_API_KEY in the environment; never logged
    "AI_OPENAI_API_KEY_HEADER": "authorization",  # "api-key" for Azure  # pragma: allowlist secret
    "AI_OPENAI_API_KEY_REQUIRED": True,  # false for keyless local servers (Ollama, llama.cpp)
    "AI_OPENAI_QUERY": {},  # extra query parameters, e.g. {"api-version": "2024-10-21"} (Azure)
    "AI_OPENAI_MODELS": ["gpt-4o-mini"],  # the allow-list; the first is the default (LLM03, LLM10)
    "AI_OPENAI_CONNECT_TIMEOUT": 3.0,  # seconds
    "AI_OPENAI_READ_TIMEOUT": 20.0,  # seconds between bytes
    "AI_OPENAI_DEADLINE": 30.0,  # seconds for the whole call, retries included; then 504
    "AI_OPENAI_RETRIES": 2,  # extra attempts after connection errors, 429 and 5xx
    "AI_OPENAI_BACKOFF": 0.25,  # seconds before the first retry, doubling (plus jitter) after
    "AI_OPENAI_STREAM": True,  # stream upstream, so caps and the deadline stop a runaway answer
    "AI_OPENAI_MAX_RESPONSE_BYTES": 1024 * 1024,
    "AI_OPENAI_MAX_TOKENS_FIELD": "max_tokens",  # "max_completion_tokens" for OpenAI o-series
    # Limits (LLM10 unbounded consumption): 413 for bodies, 422 for the rest, 429 for quotas.
    "AI_MAX_REQUEST_BYTES": 64 * 1024,
    "AI_MAX_INPUT_CHARS": 8000,  # per text or message
    "AI_MAX_MESSAGES": 20,
    "AI_MAX_INPUT_TOKENS": 4000,  # estimated, per request
    "AI_MAX_OUTPUT_TOKENS": 512,  # the max_tokens cap
    "AI_DAILY_REQUESTS": 500,  # per user; None = unlimited (the deploy check refuses that)
    "AI_DAILY_TOKENS": 200_000,  # per user, chat only
    # Guardrails (each step maps to an OWASP LLM 2025 item; see ai/guardrails.py).
    "AI_GUARDRAILS": {step: True for step in guardrails.STEPS},
    "AI_REDACT": ["secret", "email", "card"],
    "AI_INJECTION_BLOCK_SCORE": 1.0,
    "AI_INJECTION_FLAG_SCORE": 0.5,
    # The learned layer (ai/detector.py): trained by `flask ai train` from the corpus's train split.
    "AI_GUARD_MODEL_NAME": "injection-detector",  # in AI_MODEL_DIR, beside the local model
    "AI_GUARD_MODEL_SHA256": None,  # the pin; with it, a missing or altered artifact fails closed
    "AI_GUARD_CORPUS": None,  # labelled JSON lines; None: the shipped ai/data/guardrails_corpus.jsonl
    # Chosen by cross-validation on the train split: at most 1 % of benign texts refused.
    "AI_INJECTION_MODEL_BLOCK": 0.7,  # probability at which the classifier alone refuses
    "AI_INJECTION_MODEL_FLAG": 0.5,  # probability at which it flags the call
    # Output (LLM05, LLM10): hosts a link may point to (images never pass), size and loops.
    "AI_OUTPUT_LINK_HOSTS": [],  # e.g. ["docs.your-company.test", ".your-company.test"]
    "AI_MAX_OUTPUT_CHARS": 16_000,
    "AI_MAX_REPEATS": 8,  # a six-word phrase seen more often than this cuts the answer
    # An external scanner (ai/moderation.py): an OpenAI-compatible /moderations endpoint.
    "AI_MODERATION_URL": None,  # None: off; e.g. "https://api.openai.com/v1"
    "AI_MODERATION_API_KEY": None,  # None: AI_OPENAI_API_KEY
    "AI_MODERATION_MODEL": "omni-moderation-latest",
    "AI_MODERATION_TIMEOUT": 5.0,  # seconds; then the call fails closed (503)
    "AI_MODERATION_STAGES": ["input", "output"],
    "AI_SYSTEM_PROMPT_FILE": None,  # None: the shipped ai/data/system_prompt.txt
    "AI_CANARY": None,  # None: derived from SECRET_KEY, so it differs per deployment
    # History (encrypted at rest when the encryption control is on) and logs.
    "AI_HISTORY": True,
    "AI_HISTORY_DAYS": 30,
    "AI_LOG_PROMPTS": False,  # true: log prompts and answers (redacted) with each call
}
# --8<-- [end:defaults]


@dataclass
class AI:
    """What the API needs at request time, built once per app."""

    providers: dict[str, Provider]
    routes: dict[str, str]  # endpoint -> provider name
    guardrails: guardrails.Guardrails
    title: str
    _models: RequestModels | None = field(default=None, repr=False)
    _openapi: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def models(self) -> RequestModels:
        """The request models (built on first use: pydantic loads with the first API call)."""
        if self._models is None:
            from . import schemas

            self._models = schemas.build(
                self.guardrails.limits, self.provider("predict").models(), self.provider("chat").models()
            )
        return self._models

    def provider(self, endpoint: str) -> Provider:
        """The provider serving ``endpoint`` ("predict" or "chat")."""
        return self.providers[self.routes[endpoint]]

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI document (built on first request)."""
        if self._openapi is None:
            from . import openapi

            self._openapi = openapi.document(self.title, self.models)
        return self._openapi


def state() -> AI:
    """The AI state of the current app."""
    ai: AI = current_app.extensions[EXTENSION]
    return ai


def model_paths(app: Flask) -> ArtifactPaths:
    """Where the local model of ``app`` lives."""
    directory = app.config["AI_MODEL_DIR"] or Path(app.instance_path) / "ai"
    return ArtifactPaths(Path(directory), app.config["AI_MODEL_NAME"])


def guard_model_paths(app: Flask) -> ArtifactPaths:
    """Where the injection detector of ``app`` lives (beside the local model)."""
    return ArtifactPaths(model_paths(app).directory, app.config["AI_GUARD_MODEL_NAME"])


def routes(config: Any) -> dict[str, str]:
    """Which provider serves each endpoint; ``ValueError`` naming the setting if unknown."""
    chosen = {
        "predict": config["AI_PREDICT_PROVIDER"] or config["AI_PROVIDER"],
        "chat": config["AI_CHAT_PROVIDER"] or config["AI_PROVIDER"],
    }
    for endpoint, name in chosen.items():
        if name not in PROVIDERS:
            key = (
                f"AI_{endpoint.upper()}_PROVIDER"
                if config[f"AI_{endpoint.upper()}_PROVIDER"]
                else "AI_PROVIDER"
            )
            raise ValueError(f"{key} must be one of {', '.join(PROVIDERS)}, not {name!r}.")
    return chosen


def _openai(app: Flask) -> OpenAICompatProvider:
    c = app.config
    settings = OpenAISettings(
        base_url=c["AI_OPENAI_BASE_URL"],
        models=tuple(c["AI_OPENAI_MODELS"]),
        api_key=c["AI_OPENAI_API_KEY"] or None,
        api_key_header=c["AI_OPENAI_API_KEY_HEADER"],
        query=dict(c["AI_OPENAI_QUERY"]),
        connect_timeout=float(c["AI_OPENAI_CONNECT_TIMEOUT"]),
        read_timeout=float(c["AI_OPENAI_READ_TIMEOUT"]),
        deadline=float(c["AI_OPENAI_DEADLINE"]),
        retries=int(c["AI_OPENAI_RETRIES"]),
        backoff=float(c["AI_OPENAI_BACKOFF"]),
        stream=bool(c["AI_OPENAI_STREAM"]),
        max_response_bytes=int(c["AI_OPENAI_MAX_RESPONSE_BYTES"]),
        max_tokens_field=c["AI_OPENAI_MAX_TOKENS_FIELD"],
    )
    return OpenAICompatProvider(settings, labels=lambda: dataset.labels(c["AI_DATASET"]))


def init_app(app: Flask) -> None:
    """Declare the settings, build providers and guardrails, register routes, commands, checks."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    c = app.config
    providers: dict[str, Provider] = {
        "local": LocalProvider(model_paths(app), c["AI_MODEL_SHA256"], c["AI_MODEL_TRUSTED_TYPES"]),
        "openai": _openai(app),
    }
    chosen = routes(c)
    detector = Detector(guard_model_paths(app), c["AI_GUARD_MODEL_SHA256"], c["AI_MODEL_TRUSTED_TYPES"])
    pipeline = guardrails.Guardrails(c, detector)
    if c["AI_MODERATION_URL"]:
        from .moderation import ModerationScanner

        scanners = [*app.extensions.get(guardrails.SCANNERS, ()), ModerationScanner.from_config(c)]
        app.extensions[guardrails.SCANNERS] = scanners
    app.extensions[EXTENSION] = AI(providers, chosen, pipeline, c.get("APP_TITLE", "App"))
    local = providers["local"]
    if "local" in chosen.values() and isinstance(local, LocalProvider):
        add_readiness_check(app, "model", local.ready)  # /readyz: 503 while the model cannot load
    if pipeline.steps["model"]:
        add_readiness_check(app, "injection_detector", detector.ready)  # loads it, or 503 if pinned and bad

    from . import api, checks, cli, history, views

    add_account_data(app, "ai_history", history.export)
    app.register_blueprint(api.bp)
    views.init_app(app)
    app.cli.add_command(cli.ai_cli)
    security_checks.register(app, checks.ai_checks)
