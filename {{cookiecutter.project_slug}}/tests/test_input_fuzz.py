"""No 500 from any input: every route of the URL map, every method, every path converter and every
query and form field the app reads, sent out-of-range integers, huge and odd strings, NaN and
invalid UTF-8, under the production profile, signed in as an administrator (with the second
factor, where the project has one) so that the views behind the login are reached too.

Each answer must be below 500, and an error must come with a proper body: JSON naming its status,
or an HTML page (the error page, or the form again with its errors). The fields are read from the
app's own source (every ``request.args``, ``request.form`` and ``request.values`` name), so a field
added later is fuzzed without touching this file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import Rule

import {{ cookiecutter.package_name }}
from conftest import PASSWORD, complete_second_factor, csrf_from, form_post, make_app, production_settings
from {{ cookiecutter.package_name }}.users import create_user

PACKAGE = Path({{ cookiecutter.package_name }}.__file__).parent
INTEGERS = ["-1", "0", str(2**31), str(2**63), str(10**30)]
STRINGS = ["NaN", "inf", "1e400", "x" * 20_000, "\x00", "%", "\u202e\u200b", "../../etc/passwd", " "]
VALUES = INTEGERS + STRINGS
#: What a form field is sent (a POST that checks a password costs a production argon2 hash).
FORM_VALUES = [*INTEGERS, "NaN", "x" * 20_000, "\x00", "\u202e\u200b"]
INVALID_UTF8 = "%FF%FE%C3%28"  # percent-encoded bytes that are not UTF-8
JSON_BODIES = [
    b"NaN",
    b"1e400",
    b'{"text": 1000000000000000000000000000000}',
    b"[" * 5_000 + b"]" * 5_000,  # deeper than Python's JSON parser recurses
    b'"\xff\xfe"',
    b"{",
]
FIELD = re.compile(r"""request\.(?:args|form|values)(?:\.get(?:list)?\(|\[)\s*["']([A-Za-z0-9_-]+)["']""")
#: Tried last: they end the administrator's session.
LAST = ("logout",)


def fields() -> list[str]:
    """Every query and form field name the app's source reads."""
    names = {m for path in PACKAGE.rglob("*.py") for m in FIELD.findall(path.read_text(encoding="utf-8"))}
    return sorted(names)


def fuzz_app(ai_model: Any) -> Flask:
    """The production profile, with limits, blocks and lockouts out of reach (they answer 4xx
    before the views this test wants to reach)."""
    generous = "1000000 per minute"
    classes = ("DEFAULT", "LOGIN", "REGISTER", "MFA", "TOKENS", "AI")
    return make_app(
        **production_settings(
            AI_MODEL_DIR=ai_model.directory,
            AI_MODEL_SHA256=ai_model.sha256,
            RATELIMIT_STORAGE_URI="memory://",
            IPFILTER_STORAGE_URI="memory://",
            **{f"RATELIMIT_{cls}": generous for cls in classes},
            MONITOR_THRESHOLDS={"login_failure": 10**6, "rate_limited": 10**6, "client_error": 10**6},
            LOCKOUT_THRESHOLD=10**6,
            AI_QUOTA_REQUESTS_PER_DAY=10**6,
        )
    )


def signed_in(app: Flask) -> tuple[FlaskClient, dict[str, str]]:
    """A client signed in as an administrator where the project has login, and its CSRF header."""
    client = app.test_client()
    if "auth.login" in app.view_functions:
        with app.app_context():
            create_user("fuzz-admin@example.com", PASSWORD, role="admin")
        form_post(client, "/auth/login", {"email": "fuzz-admin@example.com", "password": PASSWORD})
        complete_second_factor(client)
        assert client.get("/auth/password").status_code == 200, "the administrator is not signed in"
    page = client.get("/auth/password" if "auth.login" in app.view_functions else "/")
    html = page.get_data(as_text=True)
    token = csrf_from(html) or (re.search(r'name="csrf-token" content="([^"]+)"', html) or [None, ""])[1]
    return client, ({"X-CSRFToken": token} if token else {})


def urls(rule: Rule) -> Iterator[str]:
    """The rule's path with each converter given every value (the others a harmless "1")."""
    names = list(rule.arguments)
    if not names:
        yield rule.rule
        return
    for name in names:
        for value in [*VALUES, "%FF"]:
            path = rule.rule
            for other in names:
                text = value if other == name else "1"
                quoted = text if text == "%FF" else quote(text, safe="")
                path = re.sub(rf"<(?:[^:<>]+:)?{other}>", quoted, path)
            yield path


def sends_for(method: str, names: list[str]) -> list[dict[str, Any]]:
    """The query strings and bodies sent to one path with ``method``."""
    invalid = "&".join(f"{name}={INVALID_UTF8}" for name in names)
    if method == "GET":
        return [
            *({"query_string": dict.fromkeys(names, value)} for value in VALUES),
            {"query_string": invalid},
        ]
    return [
        *({"query_string": dict.fromkeys(names, value)} for value in INTEGERS),
        *({"data": dict.fromkeys(names, value)} for value in FORM_VALUES),
        {"data": invalid, "content_type": "application/x-www-form-urlencoded"},
        *({"data": body, "content_type": "application/json"} for body in JSON_BODIES),
    ]


def assert_answered(response: Any, what: str) -> None:
    body = response.get_data(as_text=True)
    assert response.status_code < 500, f"{what}: {response.status_code} {body[:300]}"
    if response.status_code >= 400:
        if response.is_json:
            assert response.json["status"] == response.status_code, what
        else:
            assert response.mimetype == "text/html", what  # an error page, or the form with its errors
            assert "<html" in body, what


@pytest.mark.slow
def test_no_input_on_any_route_gives_a_server_error(ai_model: Any) -> None:
    app = fuzz_app(ai_model)
    client, csrf = signed_in(app)
    names = fields()
    rules = sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"),
        key=lambda r: (any(word in r.endpoint for word in LAST), r.rule),
    )
    tried: dict[str, int] = {"routes": 0, "requests": 0}
    for rule in rules:
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        tried["routes"] += 1
        for method in methods:
            for path in urls(rule):
                sends: list[dict[str, Any]] = [{}]
                if rule.arguments == set() or path == rule.rule:
                    sends = sends_for(method, names)
                for send in sends:
                    response = client.open(path[:8_000], method=method, headers=csrf, **send)
                    tried["requests"] += 1
                    assert_answered(response, f"{method} {path[:80]} {str(send)[:120]}")
    print(f"input fuzz: {tried['routes']} routes, {len(names)} fields, {tried['requests']} requests, no 5xx")
    assert tried["routes"] >= 3 and tried["requests"] > 100
