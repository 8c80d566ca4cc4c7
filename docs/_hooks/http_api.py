"""MkDocs hook: render docs/reference/openapi.json into the HTTP API page.

The JSON is the document a default bake serves at ``GET /api/v1/openapi.json``, written by
scripts/openapi_snapshot.py; tests/test_http_api_doc.py fails when it drifts from what the app
serves. The page is plain Markdown tables: no viewer script, nothing fetched from another host.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DOCUMENT = Path(__file__).resolve().parent.parent / "reference" / "openapi.json"
PAGE = "reference/http-api.md"
PLACEHOLDER = "<!-- http-api -->"
METHODS = ("get", "post", "put", "patch", "delete")
REF = "#/components/schemas/"
# Keywords shown in the constraints column, as "keyword: value".
CONSTRAINTS = (
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "exclusiveMinimum",
    "maximum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
)


def load(path: Path = DOCUMENT) -> dict[str, Any]:
    """Return the OpenAPI document as data."""
    return json.loads(path.read_text(encoding="utf-8"))


def cell(text: Any) -> str:
    """Escape what would break a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def literal(value: Any) -> str:
    """A JSON value as a code span."""
    return f"`{json.dumps(value)}`"


def schema_id(name: str) -> str:
    """The anchor of a component schema's section."""
    return f"schema-{name}"


def type_of(schema: dict[str, Any]) -> str:
    """A schema's type in words, with links to the component schemas it refers to."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return f"[`{name}`](#{schema_id(name)})"
    for combinator, joiner in (("anyOf", " or "), ("oneOf", " or "), ("allOf", " and ")):
        if combinator in schema:
            return joiner.join(type_of(part) for part in schema[combinator])
    if "const" in schema:
        return literal(schema["const"])
    if "enum" in schema:
        return " or ".join(literal(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(f"`{k}`" for k in kind)
    if kind == "array" and "items" in schema:
        return f"array of {type_of(schema['items'])}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"object of {type_of(schema['additionalProperties'])}"
    return f"`{kind}` ({schema['format']})" if "format" in schema else f"`{kind}`"


def constraints(schema: dict[str, Any]) -> list[str]:
    """The validation keywords of a schema and of the alternatives it combines, then its default."""
    found = [f"{key}: {literal(schema[key])}" for key in CONSTRAINTS if key in schema]
    for combinator in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(combinator, []):
            found += [c for c in constraints(part) if c not in found]
    if "default" in schema:
        found.append(f"default: {literal(schema['default'])}")
    return found


def fields(schema: dict[str, Any]) -> list[str]:
    """A table of an object schema's fields: required ones in declared order, then the rest."""
    properties = schema.get("properties", {})
    required = [name for name in schema.get("required", []) if name in properties]
    optional = sorted(name for name in properties if name not in required)
    out = ["| Field | Type | Required | Constraints | Description |", "|---|---|---|---|---|"]
    for name in required + optional:
        spec = properties[name]
        out.append(
            f"| `{name}` | {type_of(spec)} | {'yes' if name in required else 'no'} "
            f"| {', '.join(constraints(spec))} | {cell(spec.get('description', ''))} |"
        )
    if schema.get("additionalProperties") is False:
        out += ["", "No other field is accepted."]
    return out


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The component schema a ``$ref`` points to, or the schema itself."""
    ref = schema.get("$ref", "")
    return document["components"]["schemas"][ref.removeprefix(REF)] if ref.startswith(REF) else schema


def auth(document: dict[str, Any], operation: dict[str, Any]) -> str:
    """Who may call an operation, from its security requirements (or the document's)."""
    requirements = operation.get("security", document.get("security", []))
    if not requirements:
        return "none: anyone may call it."
    schemes = document.get("components", {}).get("securitySchemes", {})
    alternatives = []
    for requirement in requirements:
        parts = []
        for name, scopes in requirement.items():
            scheme = schemes.get(name, {})
            if scheme.get("type") == "http" and scheme.get("scheme") == "bearer":
                words = f"bearer token (`Authorization: Bearer <token>`, scheme `{name}`)"
            else:
                words = f"`{name}` ({scheme.get('type', 'unknown')})"
            parts.append(words + (f" with scopes {', '.join(f'`{s}`' for s in scopes)}" if scopes else ""))
        alternatives.append(" and ".join(parts) or "none")
    return " or ".join(alternatives) + "."


def body(content: dict[str, Any]) -> str:
    """The media types and schemas of a request or response body."""
    return "; ".join(f"`{media}` {type_of(spec.get('schema', {}))}" for media, spec in content.items())


def operation_section(
    document: dict[str, Any], path: str, method: str, operation: dict[str, Any]
) -> list[str]:
    """One operation: heading, summary, auth, parameters, request body, responses."""
    out = [f"### `{method.upper()} {path}` {{#op-{operation['operationId']}}}", ""]
    for key in ("summary", "description"):
        if operation.get(key):
            out += [operation[key], ""]
    out += [f"**Authentication:** {auth(document, operation)}", ""]
    if operation.get("parameters"):
        out += [
            "**Parameters**",
            "",
            "| Name | In | Type | Required | Constraints | Description |",
            "|---|---|---|---|---|---|",
        ]
        for parameter in operation["parameters"]:
            spec = parameter.get("schema", {})
            out.append(
                f"| `{parameter['name']}` | {parameter['in']} | {type_of(spec)} "
                f"| {'yes' if parameter.get('required') else 'no'} | {', '.join(constraints(spec))} "
                f"| {cell(parameter.get('description', ''))} |"
            )
        out.append("")
    request = operation.get("requestBody")
    if request:
        required = "required" if request.get("required") else "optional"
        out += [f"**Request body** ({required}): {body(request['content'])}", ""]
        for spec in request["content"].values():
            schema = resolve(document, spec.get("schema", {}))
            if schema.get("properties"):
                out += [*fields(schema), ""]
    out += ["**Responses**", "", "| Status | Description | Body |", "|---|---|---|"]
    for status, response in operation.get("responses", {}).items():
        shown = "any other" if status == "default" else f"`{status}`"
        out.append(
            f"| {shown} | {cell(response.get('description', ''))} | {body(response.get('content', {}))} |"
        )
    return [*out, ""]


def render(document: dict[str, Any]) -> str:
    """The Markdown of the whole document: overview, operations, component schemas."""
    info = document.get("info", {})
    out = [
        f"**{info.get('title', 'API')}**, version {info.get('version', '?')} "
        f"(OpenAPI {document.get('openapi', '?')}).",
        "",
    ]
    if info.get("description"):
        out += [info["description"], ""]
    operations = [
        (path, method, item[method])
        for path, item in sorted(document.get("paths", {}).items())
        for method in METHODS
        if method in item
    ]
    out += ["| Method | Path | Summary |", "|---|---|---|"]
    for path, method, operation in operations:
        link = f"[`{path}`](#op-{operation['operationId']})"
        out.append(f"| `{method.upper()}` | {link} | {cell(operation.get('summary', ''))} |")
    out += ["", "## Operations", ""]
    for path, method, operation in operations:
        out += operation_section(document, path, method, operation)
    out += ["## Schemas", ""]
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        out += [f"### `{name}` {{#{schema_id(name)}}}", ""]
        if schema.get("description"):
            out += [schema["description"], ""]
        out += [*(fields(schema) if schema.get("properties") else [f"Type: {type_of(schema)}"]), ""]
    return "\n".join(out)


def on_page_markdown(markdown, page, config, files):
    """Replace the HTTP API page's placeholder with the rendered document."""
    if page.file.src_uri != PAGE:
        return markdown
    if PLACEHOLDER not in markdown:
        raise ValueError(f"{PAGE} lost its {PLACEHOLDER} placeholder")
    return markdown.replace(PLACEHOLDER, render(load()))
