"""The OpenAPI 3.1 document of ``/api/v1``, generated from the models in ``schemas``.

OpenAPI 3.1 uses JSON Schema 2020-12, which is what pydantic emits, so the schemas go in as they
are; only the references are pointed at ``#/components/schemas``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from . import history, schemas

REF = "#/components/schemas/{model}"


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": REF.format(model=model.__name__)}


def _json(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _responses(ok: dict[str, Any], *errors: tuple[int, str]) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": ok} if ok else {}
    for status, description in errors:
        responses[str(status)] = _json(schemas.Error, description)
    responses["default"] = _json(schemas.Error, "Any other error, with the request id to quote.")
    return responses


AUTH_ERRORS = ((401, "No valid token or session."), (403, "The token lacks the scope."))
CALL_ERRORS = (
    (400, "Malformed JSON, or a browser call without its CSRF token."),
    *AUTH_ERRORS,
    (413, "The body is larger than AI_MAX_REQUEST_BYTES."),
    (415, "The body is not JSON."),
    (422, "Invalid request, unlisted model, input over the token cap, or refused by a guardrail."),
    (429, "Rate limit or daily quota reached; see Retry-After."),
    (502, "The provider failed or answered malformed output."),
    (503, "The provider or model is unavailable."),
    (504, "The provider did not answer within the timeouts."),
)


def document(title: str, models: schemas.RequestModels) -> dict[str, Any]:
    """The whole OpenAPI document for an app's request models."""
    _, definitions = models_json_schema(
        [
            (models.predict, "validation"),
            (models.chat, "validation"),
            (schemas.PredictResult, "serialization"),
            (schemas.ChatResult, "serialization"),
            (schemas.Quota, "serialization"),
            (schemas.HistoryPage, "serialization"),
            (schemas.HistoryItem, "serialization"),
            (schemas.Error, "serialization"),
        ],
        ref_template=REF,
    )
    item_id = {
        "name": "call_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": history.MAX_ID},
    }
    query = schemas.HistoryQuery.model_json_schema()["properties"]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{title} AI API",
            "version": "1",
            "description": (
                "Authenticate with `Authorization: Bearer <token>` (`flask tokens create`), or call "
                "from a logged-in browser session with the `X-CSRFToken` header. Every answer is "
                "AI-generated (`ai_generated: true`) and is untrusted text: render it as text."
            ),
        },
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": definitions["$defs"],
        },
        "paths": {
            "/api/v1/predict": {
                "post": {
                    "operationId": "predict",
                    "summary": "Label a support message by topic and urgency (scope ai:predict).",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref(models.predict)}},
                    },
                    "responses": _responses(_json(schemas.PredictResult, "The labels."), *CALL_ERRORS),
                }
            },
            "/api/v1/chat": {
                "post": {
                    "operationId": "chat",
                    "summary": "Continue a conversation (scope ai:chat).",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref(models.chat)}},
                    },
                    "responses": _responses(_json(schemas.ChatResult, "The answer."), *CALL_ERRORS),
                }
            },
            "/api/v1/quota": {
                "get": {
                    "operationId": "quota",
                    "summary": "Today's allowance and what is left of it.",
                    "responses": _responses(_json(schemas.Quota, "The allowance."), *AUTH_ERRORS),
                }
            },
            "/api/v1/history": {
                "get": {
                    "operationId": "listHistory",
                    "summary": "Your past calls, newest first.",
                    "parameters": [
                        {
                            "name": name,
                            "in": "query",
                            "required": False,
                            "schema": {k: v for k, v in spec.items() if k != "title"},
                        }
                        for name, spec in query.items()
                    ],
                    "responses": _responses(
                        _json(schemas.HistoryPage, "A page of calls."), *AUTH_ERRORS, (422, "Invalid query.")
                    ),
                }
            },
            "/api/v1/history/{call_id}": {
                "get": {
                    "operationId": "getHistoryItem",
                    "summary": "One of your past calls (404 for anyone else's).",
                    "parameters": [item_id],
                    "responses": _responses(
                        _json(schemas.HistoryItem, "The call."), *AUTH_ERRORS, (404, "Not yours, or gone.")
                    ),
                },
                "delete": {
                    "operationId": "deleteHistoryItem",
                    "summary": "Delete one of your past calls.",
                    "parameters": [item_id],
                    "responses": {
                        "204": {"description": "Deleted."},
                        **_responses({}, *AUTH_ERRORS, (404, "Not yours, or gone.")),
                    },
                },
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document.",
                    "security": [],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI document.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
    }
