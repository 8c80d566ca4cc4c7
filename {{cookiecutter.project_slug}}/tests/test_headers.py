"""Security headers on every response (checklist 6-10): strict nonce CSP, HSTS, COOP/CORP."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from conftest import assert_reported, make_app, production_settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.security.headers import DEFAULTS


def csp(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The enforced CSP as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def responses(app: Flask) -> dict[str, object]:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    client = app.test_client()
    return {
        "html": client.get("/"),
        "json": client.get("/healthz"),
        "404": client.get("/missing"),
        "405": client.open("/", method="TRACE"),
        "500": client.get("/boom"),
    }


@pytest.mark.parametrize("kind", ["html", "json", "404", "405", "500"])
def test_headers_on_every_response(responses: dict, kind: str) -> None:
    response = responses[kind]
    policy = csp(response)
    assert policy["default-src"] == ["'none'"]  # deny by default; each kind of load named
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    for bad in ("'unsafe-inline'", "'unsafe-eval'", "data:", "https:", "*"):
        assert bad not in policy["script-src"]
    assert "Content-Security-Policy-Report-Only" not in response.headers
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31536000
    assert "includeSubDomains" in hsts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    assert response.headers.get("X-XSS-Protection", "0") == "0"


def test_every_script_carries_this_requests_nonce(client: FlaskClient) -> None:
    nonces = []
    for _ in range(2):
        response = client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        html = response.get_data(as_text=True)
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert scripts, "the page loads its script"
        assert all(f'nonce="{nonce}"' in tag for tag in scripts)
        assert not re.search(r"\son[a-z]+\s*=", html), "no inline event handlers"
        assert "style=" not in html, "no inline styles"
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_http_is_redirected_to_https_on_the_same_host() -> None:
    app = create_app(production_settings())
    response = app.test_client().get("/healthz", base_url="http://localhost")
    assert response.status_code in (301, 302, 308)
    assert response.headers["Location"].startswith("https://localhost/")


def test_cors_never_reflects_an_arbitrary_origin(client: FlaskClient) -> None:
    response = client.get("/", headers={"Origin": "https://evil.example"})
    assert response.headers.get("Access-Control-Allow-Origin") in (None, "")
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_preload_is_opt_in() -> None:
    assert "preload" not in make_app().test_client().get("/").headers["Strict-Transport-Security"]
    app = make_app(HSTS_PRELOAD=True)
    assert "preload" in app.test_client().get("/").headers["Strict-Transport-Security"]


def policy(**changes: str | None) -> dict[str, str]:
    """The default CSP with some directives changed (None removes one)."""
    changed = DEFAULTS["CONTENT_SECURITY_POLICY"] | changes
    return {name: value for name, value in changed.items() if value is not None}


@pytest.mark.parametrize(
    ("override", "finding"),
    [
        ({"CONTENT_SECURITY_POLICY": policy(**{"script-src": "'self' 'unsafe-inline'"})}, "SFA-H002"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"script-src": "'self' https:"})}, "SFA-H002"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"script-src": None, "default-src": None})}, "SFA-H002"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"object-src": None})}, "SFA-H003"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"base-uri": "'self'"})}, "SFA-H003"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"frame-ancestors": "*"})}, "SFA-H003"),
        ({"REFERRER_POLICY": "unsafe-url"}, "SFA-H004"),
        ({"CROSS_ORIGIN_OPENER_POLICY": "unsafe-none"}, "SFA-H005"),
        ({"CROSS_ORIGIN_RESOURCE_POLICY": "cross-origin"}, "SFA-H005"),
        ({"CROSS_ORIGIN_EMBEDDER_POLICY": "unsafe-none"}, "SFA-H005"),
        ({"CONTENT_TYPE_NOSNIFF": False}, "SFA-H006"),
        ({"CONTENT_SECURITY_POLICY": policy(**{"default-src": "*"})}, "SFA-H007"),
    ],
)
def test_each_broken_header_setting_is_reported(override: dict, finding: str) -> None:
    assert_reported(finding, **override)


def test_nosniff_follows_its_setting() -> None:
    assert make_app().test_client().get("/").headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Content-Type-Options" not in make_app(CONTENT_TYPE_NOSNIFF=False).test_client().get("/").headers


def test_a_view_can_take_its_own_talisman_options() -> None:
    """Each app's Talisman is in ``app.extensions``; its decorator gives one view other options."""
    from flask_talisman import ALLOW_FROM

    app = make_app()
    talisman = app.extensions["talisman"]

    @app.get("/per-view")
    @talisman(frame_options=ALLOW_FROM, frame_options_allow_from="https://partner.invalid")
    def per_view() -> str:
        return "embeddable"

    client = app.test_client()
    assert client.get("/per-view").headers["X-Frame-Options"] == "ALLOW-FROM https://partner.invalid"
    assert client.get("/").headers["X-Frame-Options"] == "DENY"


def test_two_apps_in_one_process_keep_their_own_headers() -> None:
    """Settings are per app: building a second app with another policy changes nothing in the first."""
    first = make_app()
    second = make_app(
        CONTENT_SECURITY_POLICY={
            **DEFAULTS["CONTENT_SECURITY_POLICY"],
            "img-src": "'self' https://cdn.invalid",
        },
        CROSS_ORIGIN_EMBEDDER_POLICY="credentialless",
        REFERRER_POLICY="same-origin",
    )
    for _ in range(2):  # and again after the second app has served a request
        one, two = first.test_client().get("/"), second.test_client().get("/")
        assert csp(one)["img-src"] == ["'self'"] and csp(two)["img-src"] == ["'self'", "https://cdn.invalid"]
        assert one.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        assert two.headers["Cross-Origin-Embedder-Policy"] == "credentialless"
        assert one.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert two.headers["Referrer-Policy"] == "same-origin"
    assert first.extensions["talisman"] is not second.extensions["talisman"]


def test_a_response_without_a_nonce_names_none() -> None:
    """A request answered before the nonce is drawn gets the policy without a nonce source."""
    app = make_app()

    @app.before_request
    def early() -> str:
        return "early"

    app.before_request_funcs[None].insert(0, app.before_request_funcs[None].pop())
    policy = csp(app.test_client().get("/"))
    assert policy["script-src"] == ["'self'"]
