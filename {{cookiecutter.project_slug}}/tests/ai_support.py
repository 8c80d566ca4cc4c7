"""Helpers shared by the AI tests."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from flask import Flask

from conftest import PASSWORD
from {{ cookiecutter.package_name }}.security.tokens import create_token
from {{ cookiecutter.package_name }}.users import create_user

# What the fake server should receive.
PROVIDER_KEY = "sk-test-provider-key-0123456789abcdef"  # pragma: allowlist secret
SCOPES = ("ai:predict", "ai:chat")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def issue_token(app: Flask, user_id: int, scopes: tuple[str, ...] = SCOPES) -> str:
    """A fresh API token for ``user_id``."""
    with app.app_context():
        return create_token(user_id, "ai test", scopes)[1]


def openai_settings(base_url: str, **overrides: Any) -> dict[str, Any]:
    """Settings that route the API to an OpenAI-compatible server at ``base_url``, quickly."""
    return {
        "AI_PROVIDER": "openai",
        "AI_OPENAI_BASE_URL": base_url,
        "AI_OPENAI_API_KEY": PROVIDER_KEY,
        "AI_OPENAI_MODELS": ["gpt-test", "gpt-test-large"],
        "AI_OPENAI_CONNECT_TIMEOUT": 1.0,
        "AI_OPENAI_READ_TIMEOUT": 2.0,
        "AI_OPENAI_DEADLINE": 3.0,
        "AI_OPENAI_RETRIES": 2,
        "AI_OPENAI_BACKOFF": 0.01,
    } | overrides


def chat_body(*contents: str, **extra: Any) -> dict[str, Any]:
    """A chat request whose messages alternate user, assistant, user..."""
    roles = ("user", "assistant")
    return {"messages": [{"role": roles[i % 2], "content": c} for i, c in enumerate(contents)]} | extra


def api_client(app: Flask) -> Callable[[str, dict[str, Any]], Any]:
    """``call(path, body)``: POST ``/api/v1<path>`` with a new user's bearer token."""
    with app.app_context():
        user_id = create_user(f"api-{secrets.token_hex(4)}@example.com", PASSWORD).id
    token = issue_token(app, user_id)
    client = app.test_client(use_cookies=False)

    def call(path: str, body: dict[str, Any]) -> Any:
        return client.post(f"/api/v1{path}", json=body, headers=bearer(token))

    return call
