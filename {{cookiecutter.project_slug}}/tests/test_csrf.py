"""CSRF (checklist 28-30): cookie-authenticated state changes need a token; bearer-only is exempt."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import Account, assert_reported
from {{ cookiecutter.package_name }}.security.tokens import create_token


def meta_token(client: FlaskClient) -> str:
    """The CSRF token a page offers to scripts in <meta name="csrf-token">."""
    html = client.get("/").get_data(as_text=True)
    return html.split('name="csrf-token" content="')[1].split('"')[0]


@pytest.fixture
def target(app: Flask) -> FlaskClient:
    """A state-changing route of each verb, as the API will have."""

    @app.route("/api/v1/thing", methods=["POST", "PUT", "PATCH", "DELETE"])
    def thing() -> dict:
        return {"changed": True}

    @app.post("/form")
    def form() -> str:
        return "changed"

    return app.test_client()


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_missing_token_is_refused_with_json_for_api(target: FlaskClient, method: str) -> None:
    target.get("/")  # a browser session exists
    response = target.open("/api/v1/thing", method=method, json={})
    assert response.status_code == 400
    assert response.json["status"] == 400
    assert "CSRF" in response.json["message"]


def test_missing_token_on_a_form_is_refused_with_html(target: FlaskClient) -> None:
    response = target.post("/form", data={"x": "1"}, headers={"Accept": "text/html"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"


def test_forged_token_is_refused(target: FlaskClient) -> None:
    response = target.post("/form", data={"csrf_token": "forged.token.value"})
    assert response.status_code == 400


def test_token_from_another_session_is_refused(app: Flask, target: FlaskClient) -> None:
    stolen = meta_token(app.test_client())
    target.get("/")
    response = target.post("/form", data={"csrf_token": stolen})
    assert response.status_code == 400


def test_valid_token_in_header_is_accepted(target: FlaskClient) -> None:
    token = meta_token(target)
    response = target.post("/api/v1/thing", json={}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


@pytest.fixture
def token(app: Flask, user: Account) -> str:
    with app.app_context():
        return create_token(user.id, "csrf test", ["ai:predict"])[1]


def test_bearer_only_request_is_exempt(app: Flask, target: FlaskClient, token: str) -> None:
    fresh = app.test_client()  # no cookies at all
    response = fresh.post("/api/v1/thing", json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_bearer_plus_session_cookie_is_not_exempt(app: Flask, target: FlaskClient, token: str) -> None:
    target.set_cookie(app.config["SESSION_COOKIE_NAME"], "anything", domain="localhost")
    response = target.post("/api/v1/thing", json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400


def test_a_real_session_sending_a_valid_bearer_token_still_needs_the_csrf_token(
    app: Flask, target: FlaskClient, token: str
) -> None:
    """Independent of the test above: a real session (not a planted cookie) and a token that
    authenticates; the bearer header must not switch CSRF off while the browser's cookie rides along,
    and the page's own token lets the same request through."""
    csrf = meta_token(target)  # the session now exists, as in a browser that visited the site
    auth = {"Authorization": f"Bearer {token}"}
    assert target.post("/api/v1/thing", json={}, headers=auth).status_code == 400
    assert target.post("/api/v1/thing", json={}, headers=auth | {"X-CSRFToken": csrf}).status_code == 200


def test_cookieless_api_call_meets_auth_not_csrf(app: Flask, target: FlaskClient) -> None:
    from {{ cookiecutter.package_name }}.security.tokens import api_auth

    @app.post("/api/v1/guarded")
    @api_auth("ai:predict")
    def guarded() -> dict:
        return {}

    response = app.test_client().post("/api/v1/guarded", json={})
    assert response.status_code == 401
    target.get("/")  # now a session cookie exists: CSRF applies again
    assert target.post("/api/v1/guarded", json={}).status_code == 400


def test_cross_site_referer_is_refused(target: FlaskClient) -> None:
    token = meta_token(target)
    response = target.post("/form", data={"csrf_token": token}, headers={"Referer": "https://evil.example/"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("override", "finding"),
    [({"WTF_CSRF_ENABLED": False}, "SFA-C019"), ({"WTF_CSRF_SSL_STRICT": False}, "SFA-C020")],
)
def test_each_broken_csrf_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)
