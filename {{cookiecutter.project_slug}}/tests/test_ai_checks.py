"""``SFA-X`` deploy checks: each broken AI setting is reported with its id."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import TrainedModel, deploy_check, production_settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.security import UnsafeConfigurationError


def findings(**overrides: Any) -> dict[str, str]:
    """{id: severity} of ``flask security check --deploy`` for production settings plus ``overrides``."""
    return deploy_check(**({"AI_PROVIDER": "local"} | overrides))[1]


OPENAI = {"AI_PROVIDER": "openai"}


@pytest.mark.parametrize(
    ("override", "finding", "severity"),
    [
        ({"AI_MAX_REQUEST_BYTES": 0}, "SFA-X001", "error"),
        ({"AI_MAX_REQUEST_BYTES": 64 * 1024 * 1024}, "SFA-X001", "error"),
        ({"AI_MAX_OUTPUT_TOKENS": 100_000}, "SFA-X002", "error"),
        ({"AI_MAX_INPUT_TOKENS": 10**9}, "SFA-X002", "error"),
        ({"AI_DAILY_REQUESTS": None}, "SFA-X003", "error"),
        ({"AI_DAILY_TOKENS": 0}, "SFA-X003", "error"),
        (OPENAI | {"AI_OPENAI_DEADLINE": 600}, "SFA-X004", "error"),
        (OPENAI | {"AI_OPENAI_READ_TIMEOUT": 60, "AI_OPENAI_DEADLINE": 30}, "SFA-X004", "error"),
        (OPENAI | {"AI_OPENAI_API_KEY": None}, "SFA-X005", "error"),
        (OPENAI | {"AI_OPENAI_BASE_URL": "http://llm.example.com/v1"}, "SFA-X006", "error"),
        (OPENAI | {"AI_OPENAI_MODELS": []}, "SFA-X007", "error"),
        ({"AI_MODEL_SHA256": None}, "SFA-X008", "error"),
        ({"AI_MODEL_SHA256": "not-a-hash"}, "SFA-X008", "error"),
        ({}, "SFA-X009", "warning"),  # pinned, but no artifact in this test's model folder
        ({"AI_GUARDRAILS": {"injection": False}}, "SFA-X011", "warning"),
        ({"AI_INJECTION_BLOCK_SCORE": 100}, "SFA-X012", "warning"),
        ({}, "SFA-X013", "warning"),  # no injection detector in this test's model folder
    ],
)
def test_each_broken_ai_setting_is_reported(override: dict, finding: str, severity: str) -> None:
    assert findings(**override).get(finding) == severity


def test_a_model_that_does_not_match_its_pin_is_an_error(ai_model: TrainedModel) -> None:
    assert findings(AI_MODEL_DIR=ai_model.directory, AI_MODEL_SHA256="0" * 64).get("SFA-X010") == "error"


def test_production_refuses_to_start_with_an_unpinned_local_model(ai_model: TrainedModel) -> None:
    # The manifest beside the artifact is no pin: whoever can replace one can replace both.
    unpinned = production_settings(AI_PROVIDER="local", AI_MODEL_DIR=ai_model.directory, AI_MODEL_SHA256=None)
    with pytest.raises(UnsafeConfigurationError, match="SFA-X008"):
        create_app(unpinned)
    create_app(unpinned | {"AI_MODEL_SHA256": ai_model.sha256})  # pinned, it starts


def test_an_unpinned_or_altered_injection_detector_is_reported(ai_model: TrainedModel) -> None:
    unpinned = findings(**(ai_model.settings | {"AI_GUARD_MODEL_SHA256": None}))
    assert unpinned.get("SFA-X013") == "warning"
    assert findings(**(ai_model.settings | {"AI_GUARD_MODEL_SHA256": "0" * 64})).get("SFA-X014") == "error"
    assert "SFA-X013" not in findings(**(ai_model.settings | {"AI_GUARDRAILS": {"model": False}}))


def test_correct_ai_settings_pass(ai_model: TrainedModel) -> None:
    local = findings(**ai_model.settings)
    assert not [key for key in local if key.startswith("SFA-X")]
    remote = findings(**(ai_model.settings | {"AI_PROVIDER": "openai", "AI_MODEL_SHA256": None}))
    assert not [key for key in remote if key.startswith("SFA-X")]


def test_keyless_local_server_is_allowed_on_loopback(ai_model: TrainedModel) -> None:
    ollama = findings(
        AI_MODEL_DIR=ai_model.directory,
        AI_GUARD_MODEL_SHA256=ai_model.guard_sha256,
        AI_PROVIDER="openai",
        AI_OPENAI_BASE_URL="http://127.0.0.1:11434/v1",
        AI_OPENAI_API_KEY=None,
        AI_OPENAI_API_KEY_REQUIRED=False,
        AI_OPENAI_MODELS=["llama3.2"],
    )
    assert not [key for key in ollama if key.startswith("SFA-X")]


def test_unknown_provider_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="AI_CHAT_PROVIDER"):
        create_app(production_settings(PROFILE="testing", AI_CHAT_PROVIDER="magic"))


@pytest.mark.parametrize(
    "cap", ["AI_MAX_INPUT_CHARS", "AI_MAX_MESSAGES", "AI_MAX_INPUT_TOKENS", "AI_MAX_OUTPUT_TOKENS"]
)
@pytest.mark.parametrize("value", [None, 0, -1, "100"])
def test_caps_cannot_be_switched_off(cap: str, value: Any) -> None:
    with pytest.raises(ValueError, match=cap):
        create_app(production_settings(PROFILE="testing", **{cap: value}))
