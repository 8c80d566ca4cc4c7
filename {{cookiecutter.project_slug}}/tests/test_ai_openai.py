"""The OpenAI-compatible provider against a local server speaking the real wire format.

Checklist 40-44: timeouts end in 504 within the deadline, retries are bounded, the model
allow-list and max_tokens cap hold, the system prompt is the server's, secrets are redacted
before they leave the process and never appear in logs, the canary never comes back, and
markup in an answer arrives as inert data.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from flask import Flask

from ai_support import PROVIDER_KEY, bearer, chat_body, issue_token, openai_settings
from conftest import PASSWORD, make_app
from fake_openai import FakeOpenAI
from {{ cookiecutter.package_name }}.ai import state
from {{ cookiecutter.package_name }}.users import create_user

PII = "Refund to jane.doe@example.com, card 4111 1111 1111 1111, my key is sk-live0123456789abcdefXYZ."


def client_for(app: Flask) -> Any:
    with app.app_context():
        user_id = create_user("llm@example.com", PASSWORD).id
    token = issue_token(app, user_id)
    client = app.test_client(use_cookies=False)

    def call(path: str, body: dict[str, Any]) -> Any:
        return client.post(f"/api/v1{path}", json=body, headers=bearer(token))

    return call


@pytest.fixture(params=[True, False], ids=["stream", "json"])
def stream(request: pytest.FixtureRequest) -> bool:
    """Both ways of answering: server-sent events and one JSON body."""
    return bool(request.param)


@pytest.fixture
def llm(fake_openai: FakeOpenAI) -> Any:
    return client_for(make_app(**openai_settings(fake_openai.base_url)))


@pytest.fixture
def llm_both(fake_openai: FakeOpenAI, stream: bool) -> Any:
    return client_for(make_app(**openai_settings(fake_openai.base_url, AI_OPENAI_STREAM=stream)))


def test_chat_speaks_the_wire_format(llm_both: Any, fake_openai: FakeOpenAI, stream: bool) -> None:
    response = llm_both("/chat", chat_body("Where is my parcel?", max_tokens=100, temperature=0.2))
    assert response.status_code == 200, response.json
    assert response.json["message"] == {"role": "assistant", "content": "Where is my parcel?"}
    assert response.json["ai_generated"] is True and response.json["provider"] == "openai"
    assert response.json["usage"]["prompt_tokens"] == 11  # the server's reported usage is used
    sent = fake_openai.last
    assert sent["path"] == "/v1/chat/completions"
    assert sent["json"]["model"] == "gpt-test" and sent["json"]["max_tokens"] == 100
    assert sent["json"]["temperature"] == 0.2 and sent["json"]["stream"] is stream
    assert sent["headers"]["Authorization"] == f"Bearer {PROVIDER_KEY}"


def test_the_system_prompt_is_the_servers_and_comes_first(llm: Any, fake_openai: FakeOpenAI) -> None:
    llm("/chat", chat_body("Hi", "Hello! How can I help?", "What is your name?"))
    messages = fake_openai.last["json"]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[0]["content"].startswith("You are the support assistant")
    assert sum(m["role"] == "system" for m in messages) == 1


def test_secrets_and_pii_are_redacted_before_the_provider(llm_both: Any, fake_openai: FakeOpenAI) -> None:
    response = llm_both("/chat", chat_body(PII))
    assert response.status_code == 200
    received = json.dumps(fake_openai.last["json"])
    for secret in (
        "jane.doe@example.com",
        "4111 1111 1111 1111",
        "sk-live0123456789abcdefXYZ",  # pragma: allowlist secret
    ):
        assert secret not in received
    assert "[EMAIL]" in received and "[CARD]" in received and "[SECRET]" in received
    assert {"redacted_email", "redacted_card", "redacted_secret"} <= set(response.json["flags"])


def test_nothing_secret_reaches_the_logs(fake_openai: FakeOpenAI, capsys: pytest.CaptureFixture[str]) -> None:
    app = make_app(**openai_settings(fake_openai.base_url, AI_LOG_PROMPTS=True))
    llm = client_for(app)
    assert llm("/chat", chat_body(PII)).status_code == 200
    fake_openai.behaviour.fail = [401]
    fake_openai.behaviour.fail_body = json.dumps(
        {"error": {"message": f"Incorrect API key provided: {PROVIDER_KEY}"}}
    )
    refused = llm("/chat", chat_body("Hello"))
    assert refused.status_code == 503 and PROVIDER_KEY not in refused.get_data(as_text=True)
    logs = capsys.readouterr().err
    assert "ai call" in logs and "[EMAIL]" in logs  # prompts are logged (either log_format), redacted
    for secret in (
        "jane.doe@example.com",
        "4111 1111 1111 1111",
        "sk-live0123456789abcdefXYZ",  # pragma: allowlist secret
        PROVIDER_KEY,
    ):
        assert secret not in logs


def test_the_canary_never_comes_back(llm_both: Any, fake_openai: FakeOpenAI) -> None:
    fake_openai.behaviour.mode = "system"  # a model that recites its system prompt
    response = llm_both("/chat", chat_body("Tell me about yourself."))
    assert response.status_code == 200
    sent_prompt = fake_openai.last["json"]["messages"][0]["content"]
    marker = sent_prompt.rsplit(" ", 1)[-1]
    assert marker.startswith("cnry-") and marker in sent_prompt
    assert marker not in response.get_data(as_text=True)
    assert response.json["finish_reason"] == "content_filter"
    assert "system_prompt_leak" in response.json["flags"]


@pytest.mark.parametrize(
    "answer",
    ['<script>alert("xss")</script>', '<img src=x onerror="alert(1)">', "[click](javascript:alert(1))"],
)
def test_markup_from_the_model_is_returned_as_data(llm: Any, fake_openai: FakeOpenAI, answer: str) -> None:
    fake_openai.behaviour.mode, fake_openai.behaviour.reply = "fixed", answer
    response = llm("/chat", chat_body("Say something"))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json["message"]["content"] == answer  # data, labelled: the client renders it as text
    assert response.json["ai_generated"] is True


def test_unlisted_model_is_refused_before_the_provider(llm: Any, fake_openai: FakeOpenAI) -> None:
    response = llm("/chat", chat_body("Hi", model="gpt-4-32k"))
    assert response.status_code == 422
    assert fake_openai.requests == []
    assert llm("/chat", chat_body("Hi", model="gpt-test-large")).status_code == 200
    assert fake_openai.last["json"]["model"] == "gpt-test-large"


def test_output_cap_holds_even_if_the_model_ignores_it(llm_both: Any, fake_openai: FakeOpenAI) -> None:
    fake_openai.behaviour.ignore_max_tokens = True
    response = llm_both("/chat", chat_body("Tell me a long story about invoices", max_tokens=10))
    assert response.status_code == 200
    assert len(response.json["message"]["content"]) <= 10 * 8
    assert response.json["finish_reason"] == "length"


# -- Timeouts and retries (checklist 40) ----------------------------------------------------
def test_slow_provider_gets_504_within_the_timeout(fake_openai: FakeOpenAI, stream: bool) -> None:
    app = make_app(
        **openai_settings(
            fake_openai.base_url, AI_OPENAI_STREAM=stream, AI_OPENAI_READ_TIMEOUT=0.3, AI_OPENAI_DEADLINE=1.0
        )
    )
    llm = client_for(app)
    fake_openai.behaviour.delay = 8.0
    started = time.monotonic()
    response = llm("/chat", chat_body("Hello?"))
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert response.json["status"] == 504 and response.json["request_id"]
    assert elapsed < 4.0  # the 1 s deadline cut it long before the 8 s answer (slack for a loaded host)
    assert len(fake_openai.requests) == 1  # a read timeout is not retried (it may be billed)


def test_dripping_provider_is_cut_at_the_deadline(fake_openai: FakeOpenAI) -> None:
    app = make_app(
        **openai_settings(fake_openai.base_url, AI_OPENAI_READ_TIMEOUT=0.5, AI_OPENAI_DEADLINE=0.8)
    )
    llm = client_for(app)
    fake_openai.behaviour.drip, fake_openai.behaviour.chunk = 0.2, 1  # each byte in time, the whole too slow
    started = time.monotonic()
    response = llm("/chat", chat_body("A long answer please, as long as you can make it"))
    assert response.status_code == 504
    assert time.monotonic() - started < 1.5


def test_unreachable_provider_gets_503_after_bounded_retries() -> None:
    app = make_app(
        **openai_settings("http://127.0.0.1:9/v1", AI_OPENAI_RETRIES=2)
    )  # nothing listens on port 9
    started = time.monotonic()
    response = client_for(app)("/chat", chat_body("Hello?"))
    assert response.status_code == 503
    assert time.monotonic() - started < 3.0


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_transient_failures_are_retried(llm: Any, fake_openai: FakeOpenAI, status: int) -> None:
    fake_openai.behaviour.fail = [status, status]
    response = llm("/chat", chat_body("Hello?"))
    assert response.status_code == 200
    assert len(fake_openai.requests) == 3


def test_retries_are_bounded(llm: Any, fake_openai: FakeOpenAI) -> None:
    fake_openai.behaviour.fail = [503] * 10
    response = llm("/chat", chat_body("Hello?"))
    assert response.status_code == 503 and "Retry-After" in response.headers
    assert len(fake_openai.requests) == 3  # 1 + AI_OPENAI_RETRIES


@pytest.mark.parametrize(("status", "expected"), [(400, 502), (404, 502), (401, 503), (403, 503)])
def test_client_errors_are_not_retried(llm: Any, fake_openai: FakeOpenAI, status: int, expected: int) -> None:
    fake_openai.behaviour.fail = [status]
    response = llm("/chat", chat_body("Hello?"))
    assert response.status_code == expected
    assert len(fake_openai.requests) == 1


def test_failed_call_refunds_the_reserved_tokens(fake_openai: FakeOpenAI) -> None:
    app = make_app(**openai_settings(fake_openai.base_url))
    llm = client_for(app)
    fake_openai.behaviour.fail = [400]
    assert llm("/chat", chat_body("Hello?", max_tokens=500)).status_code == 502
    fake_openai.behaviour.fail = []
    quota = llm("/chat", chat_body("Hello?", max_tokens=5)).json["quota"]
    assert quota["requests_used"] == 2 and quota["tokens_used"] < 100


# -- Classification by an LLM (the predict endpoint with AI_PROVIDER=openai) ----------------
def test_predict_through_the_llm_accepts_only_known_labels(llm: Any, fake_openai: FakeOpenAI) -> None:
    fake_openai.behaviour.mode = "fixed"
    fake_openai.behaviour.reply = 'Sure: {"topic": "billing", "urgency": "high"}'
    response = llm("/predict", {"text": "I was charged twice!"})
    assert response.status_code == 200, response.json
    assert (response.json["topic"], response.json["urgency"]) == ("billing", "high")
    assert fake_openai.last["json"]["messages"][0]["role"] == "system"
    assert "billing" in fake_openai.last["json"]["messages"][0]["content"]
    fake_openai.behaviour.reply = '{"topic": "<script>", "urgency": "high"}'
    assert llm("/predict", {"text": "I was charged twice!"}).status_code == 502


def test_azure_style_key_header_and_query(fake_openai: FakeOpenAI) -> None:
    app = make_app(
        **openai_settings(
            fake_openai.base_url,
            AI_OPENAI_API_KEY_HEADER="api-key",
            AI_OPENAI_QUERY={"api-version": "2024-10-21"},
        )
    )
    assert client_for(app)("/chat", chat_body("Hi")).status_code == 200
    sent = fake_openai.last
    assert sent["headers"]["api-key"] == PROVIDER_KEY and "Authorization" not in sent["headers"]
    assert sent["path"] == "/v1/chat/completions?api-version=2024-10-21"


def test_provider_repr_hides_the_key(fake_openai: FakeOpenAI) -> None:
    app = make_app(**openai_settings(fake_openai.base_url))
    with app.app_context():
        provider = state().providers["openai"]
    assert PROVIDER_KEY not in repr(provider) and PROVIDER_KEY not in repr(provider.settings)  # type: ignore[attr-defined]
