"""``SFA-X`` deploy checks: the AI settings a production deployment must get right."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from ..security.checks import Finding
from . import guard_model_paths, guardrails, local, model_paths, routes

SHA256 = re.compile(r"^[0-9a-f]{64}$")
LOOPBACK = ("localhost", "127.0.0.1", "::1")
MAX_DEADLINE = 120  # seconds: a worker held longer than this is a denial-of-service lever


def _in_use(app: Flask) -> set[str]:
    return set(routes(app.config).values())


# --8<-- [start:checks]
def ai_checks(app: Flask) -> Iterable[Finding]:
    """Limits, quotas, provider key and transport, allow-list, model pin, guardrails (checklist 39-45)."""
    c = app.config
    used = _in_use(app)
    yield from _limit_checks(c)
    if "openai" in used:
        yield from _openai_checks(c)
    if "local" in used:
        yield from _local_checks(app)
    yield from _guardrail_checks(c)
    if c["AI_GUARDRAILS"].get("model", True):
        yield from _detector_checks(app)


def _limit_checks(c: Any) -> Iterable[Finding]:
    body = c["AI_MAX_REQUEST_BYTES"]
    if not isinstance(body, int) or not 0 < body <= 16 * 1024 * 1024:
        yield Finding(
            "SFA-X001",
            "error",
            "AI_MAX_REQUEST_BYTES is unset or above 16 MiB.",
            "Set FLASK_AI_MAX_REQUEST_BYTES to the largest AI request you expect (default 65536).",
        )
    # Caps are always set (init_app refuses non-positive ones); here we catch absurd ones.
    ceilings = {
        "AI_MAX_INPUT_CHARS": 100_000,
        "AI_MAX_MESSAGES": 500,
        "AI_MAX_INPUT_TOKENS": 200_000,
        "AI_MAX_OUTPUT_TOKENS": 32_768,
    }
    loose = [key for key, ceiling in ceilings.items() if c[key] > ceiling]
    if loose:
        yield Finding(
            "SFA-X002",
            "error",
            f"AI caps are so high they bound nothing: {', '.join(loose)}.",
            "Keep AI_MAX_INPUT_CHARS <= 100000, AI_MAX_MESSAGES <= 500, AI_MAX_INPUT_TOKENS <= 200000, "
            "AI_MAX_OUTPUT_TOKENS <= 32768.",
        )
    if not c["AI_DAILY_REQUESTS"] or not c["AI_DAILY_TOKENS"]:
        yield Finding(
            "SFA-X003",
            "error",
            "AI daily quotas are off: one user can spend without limit.",
            "Set FLASK_AI_DAILY_REQUESTS and FLASK_AI_DAILY_TOKENS.",
        )


def _openai_checks(c: Any) -> Iterable[Finding]:
    deadline, read = c["AI_OPENAI_DEADLINE"], c["AI_OPENAI_READ_TIMEOUT"]
    if (
        not deadline
        or deadline > MAX_DEADLINE
        or not read
        or read > deadline
        or not c["AI_OPENAI_CONNECT_TIMEOUT"]
    ):
        yield Finding(
            "SFA-X004",
            "error",
            "Provider timeouts are unset or longer than 120 s.",
            "Set AI_OPENAI_CONNECT_TIMEOUT, AI_OPENAI_READ_TIMEOUT <= AI_OPENAI_DEADLINE <= 120.",
        )
    if c["AI_OPENAI_API_KEY_REQUIRED"] and not c["AI_OPENAI_API_KEY"]:
        yield Finding(
            "SFA-X005",
            "error",
            "The OpenAI-compatible provider serves the API but has no key.",
            "Set FLASK_AI_OPENAI_API_KEY in the environment (or AI_OPENAI_API_KEY_REQUIRED=false "
            "for a keyless local server).",
        )
    url = urlsplit(c["AI_OPENAI_BASE_URL"] or "")
    if url.scheme != "https" and url.hostname not in LOOPBACK:
        yield Finding(
            "SFA-X006",
            "error",
            "AI_OPENAI_BASE_URL is not HTTPS: prompts and the key would travel in clear.",
            "Use an https:// base URL (plain http only for a server on loopback).",
        )
    if not c["AI_OPENAI_MODELS"]:
        yield Finding(
            "SFA-X007",
            "error",
            "AI_OPENAI_MODELS, the model allow-list, is empty.",
            "Set FLASK_AI_OPENAI_MODELS='[\"gpt-4o-mini\"]' (the first is the default).",
        )


def _local_checks(app: Flask) -> Iterable[Finding]:
    c = app.config
    pin = str(c["AI_MODEL_SHA256"] or "").lower()
    if not SHA256.match(pin):
        # An error: unpinned, only the manifest beside the artifact is checked, and whoever can
        # replace one can replace both. Production refuses to start until the pin is set.
        yield Finding(
            "SFA-X008",
            "error",
            "AI_MODEL_SHA256 does not pin the local model: only its manifest, beside it, is checked.",
            "Run `flask ai train` (or `flask ai verify`) and set FLASK_AI_MODEL_SHA256 to the "
            "hash it prints.",
        )
    else:
        paths = model_paths(app)
        if not paths.artifact.exists():
            yield Finding(
                "SFA-X009",
                "warning",
                f"The local model artifact {paths.artifact} is missing: /api/v1/predict answers 503.",
                "Train it at build time with `flask ai train`, then pin the hash it prints.",
            )
        elif local.sha256_of(paths.artifact.read_bytes()) != pin:
            yield Finding(
                "SFA-X010",
                "error",
                "The local model artifact does not match AI_MODEL_SHA256: it will not load.",
                "Find out who changed it; retrain with `flask ai train` and pin the new hash.",
            )


def _guardrail_checks(c: Any) -> Iterable[Finding]:
    off = [step for step, on in c["AI_GUARDRAILS"].items() if not on]
    if off:
        yield Finding(
            "SFA-X011",
            "warning",
            f"Guardrail steps are switched off: {', '.join(sorted(off))}.",
            "Remove them from FLASK_AI_GUARDRAILS unless a stronger scanner replaces them.",
        )
    if c["AI_INJECTION_BLOCK_SCORE"] > sum(rule.score for rule in guardrails.INJECTION_RULES):
        yield Finding(
            "SFA-X012",
            "warning",
            "AI_INJECTION_BLOCK_SCORE is above every possible score: injection is never blocked.",
            "Keep AI_INJECTION_BLOCK_SCORE at 1.0 (one strong rule blocks).",
        )


def _detector_checks(app: Flask) -> Iterable[Finding]:
    pin = str(app.config["AI_GUARD_MODEL_SHA256"] or "").lower()
    paths = guard_model_paths(app)
    present = paths.artifact.exists()
    if not present or not SHA256.match(pin):
        # A warning: the rules still judge every input; the learned layer adds the paraphrases,
        # other languages and encodings they miss (see `flask ai guardrails eval`).
        state = "not pinned by AI_GUARD_MODEL_SHA256" if present else "missing: only the rules judge AI input"
        yield Finding(
            "SFA-X013",
            "warning",
            f"The injection detector {paths.artifact} is {state}.",
            "Install the `local` extra, run `flask ai train` at build time and set "
            "FLASK_AI_GUARD_MODEL_SHA256 to the hash it prints (or switch the `model` step off).",
        )
    elif local.sha256_of(paths.artifact.read_bytes()) != pin:
        yield Finding(
            "SFA-X014",
            "error",
            "The injection detector does not match AI_GUARD_MODEL_SHA256: every AI call would fail.",
            "Find out who changed it; retrain with `flask ai train` and pin the new hash.",
        )


# --8<-- [end:checks]
