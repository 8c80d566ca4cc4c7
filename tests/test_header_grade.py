"""Header grade: the live app, scored with the MDN HTTP Observatory's rules, is A+ on every page.

The defaults are baked and served by gunicorn in the production profile on loopback: one instance
with TLS (a throwaway CA and certificate) for ``https://localhost/`` and one without for
``http://localhost/``, which must redirect to HTTPS on the same host. The home page, the login
page, an API response and error responses are each retrieved as the Observatory retrieves a site
and must score at least 100 (A+) with every test passing. Each table is printed in the summary.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import bake
from live import Server, flask, make_tls, production_env, serving, with_pinned_model
from observatory import Cookie, Response, Retrieval, Target, grade, retrieve

pytestmark = [pytest.mark.live, pytest.mark.xdist_group("header_grade")]

EMAIL = "grader@example.com"
PASSWORD = "observatory grading passphrase"

# name -> (method, path, whether the request carries the API token)
PAGES = {
    "home": ("GET", "/", False),
    "login": ("GET", "/auth/login", False),
    "api": ("POST", "/api/v1/predict", True),
    "api-openapi": ("GET", "/api/v1/openapi.json", False),
    "api-error": ("POST", "/api/v1/predict", False),
    "error-404": ("GET", "/no-such-page", False),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The defaults, served over HTTPS and HTTP; yields the target, its routes and an API token."""
    root = tmp_path_factory.mktemp("grade")
    project = bake(root / "bake")
    tls = make_tls(root / "tls")
    env = production_env(project, f"sqlite:///{root / 'app.db'}")
    flask(project, env, "init-db")
    env = with_pinned_model(project, env)
    routes = flask(project, env, "routes").stdout
    token = None
    if "/api/v1/predict" in routes:
        flask(project, env, "users", "create", EMAIL, stdin=f"{PASSWORD}\n{PASSWORD}\n")
        created = flask(project, env, "tokens", "create", EMAIL, "--scope", "ai:predict").stdout
        token = created.strip().splitlines()[-1]
    with serving(Server(project, env, tls=tls), Server(project, env)) as (https, http):
        yield Target("localhost", http.port, https.port, str(tls.ca_file)), routes, token


@pytest.mark.parametrize("page", list(PAGES))
def test_page_grades_a_plus(site, page: str, record_property) -> None:  # type: ignore[no-untyped-def]
    target, routes, token = site
    method, path, with_token = PAGES[page]
    if path.startswith("/api/v1/") and path not in routes:
        pytest.skip(f"{path} is not a route of this bake (the AI module adds it)")
    headers = {"Content-Type": "application/json", "Accept": "application/json"} if method == "POST" else {}
    if with_token:
        headers["Authorization"] = f"Bearer {token}"
    body = b'{"text": "The service was quick and the staff were friendly."}' if method == "POST" else None
    result = grade(retrieve(target, path, method, headers, body))
    table = result.table(f"{page}: {method} {path}")
    print(table)
    record_property("header_grade", table)
    assert not result.failed, table
    assert result.score >= 100 and result.grade == "A+", table


def test_http_redirects_to_https_on_the_same_host(site) -> None:  # type: ignore[no-untyped-def]
    target, _, _ = site
    retrieval = retrieve(target, "/auth/login?next=/")
    first_url, status = retrieval.http_route[0]
    assert first_url == "http://localhost/auth/login?next=/"
    assert status in (301, 308)
    assert retrieval.http_route[1][0] == "https://localhost/auth/login?next=/"
    assert retrieval.http is not None and retrieval.http.status == 200


# --- The grader itself can fail: known-bad header sets score what the Observatory gives them ---


def fake(headers: dict[str, str], body: str = "", cookies: list[Cookie] | None = None) -> Retrieval:
    page = Response("https://example.com/", 200, list(headers.items()), body)
    return Retrieval(
        auto=page,
        https=page,
        http=Response("https://example.com/", 200, []),
        http_route=[("http://example.com/", 301), ("https://example.com/", 200)],
        cors=Response("https://example.com/", 200, [], request_headers={"Origin": "https://evil.example"}),
        cookies=cookies or [],
        raw_set_cookies=[],
    )


GOOD = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Content-Type": "text/html; charset=utf-8",
}


@pytest.mark.parametrize(
    ("change", "expected_score", "failing"),
    [
        ({}, 150, set()),  # +10 CSP, +5 referrer, +5 XFO via CSP, +10 CORP/COOP/COEP
        ({"Content-Security-Policy": None}, 75, {"content-security-policy"}),  # -25 and no bonus
        ({"Content-Security-Policy": "default-src 'self' 'unsafe-inline'"}, 80, {"content-security-policy"}),
        ({"Strict-Transport-Security": "max-age=86400"}, 90 + 50, {"strict-transport-security"}),
        ({"Strict-Transport-Security": None}, 80, {"strict-transport-security"}),
        ({"X-Content-Type-Options": None}, 95 + 50, {"x-content-type-options"}),
        ({"Referrer-Policy": "unsafe-url"}, 95 + 45, {"referrer-policy"}),
        ({"Cross-Origin-Opener-Policy": "same-origin, unsafe-none"}, 95 + 40, {"cross-origin-opener-policy"}),
        (
            {"Content-Security-Policy": "default-src 'self'; script-src 'self' https:"},
            80,
            {"content-security-policy"},
        ),
    ],
)
def test_grader_scores_known_header_sets(change: dict, expected_score: int, failing: set) -> None:
    headers = {k: v for k, v in (GOOD | change).items() if v is not None}
    result = grade(fake(headers))
    assert result.score == expected_score, result.table()
    assert {t.name for t in result.failed} == failing, result.table()


def test_grader_penalises_reflected_credentialed_cors() -> None:
    retrieval = fake(GOOD)
    assert retrieval.cors is not None
    retrieval.cors.headers = [
        ("Access-Control-Allow-Origin", "https://evil.example"),
        ("Access-Control-Allow-Credentials", "true"),
    ]
    result = grade(retrieval)
    assert result.score == 50, result.table()


def test_grader_penalises_weak_session_cookies_and_foreign_scripts() -> None:
    cookies = [Cookie("__Host-session", "x", secure=True, httponly=False, samesite="Lax")]
    body = '<html><script src="https://cdn.example.net/x.js"></script></html>'
    result = grade(fake(GOOD, body=body, cookies=cookies))
    assert {t.result for t in result.failed} == {
        "cookies-session-without-httponly-flag",
        "sri-not-implemented-but-external-scripts-loaded-securely",
    }
    assert result.score == 100 - 30 - 5, result.table()


def test_redirection_rules() -> None:
    retrieval = fake(GOOD)
    retrieval.http_route = [("http://example.com/", 200)]
    assert grade(retrieval).tests[3].result == "redirection-missing"
    retrieval.http_route = [("http://example.com/", 301), ("https://www.example.com/", 200)]
    assert grade(retrieval).tests[3].result == "redirection-off-host-from-http"


def test_summary_is_readable(tmp_path: Path) -> None:
    table = grade(fake(GOOD)).table("fake")
    assert "score 150  grade A+" in table and "content-security-policy" in table
