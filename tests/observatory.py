"""The MDN HTTP Observatory's scoring rules (algorithm v6), re-implemented to grade a local app.

The public Observatory only scans public hosts on ports 80/443, so the template grades its live app
with the same rules here. What is emulated, after the scanner in mdn/mdn-http-observatory:

* retrieval: GET ``https://<host><path>`` following redirects (``auto``), GET ``http://<host><path>``
  following redirects (the redirection route), ``/robots.txt`` in the same session (for more
  cookies), then an ``OPTIONS`` CORS preflight from a foreign ``Origin`` to the final URL;
* twelve tests: CSP, cookies, CORS, redirection, Referrer-Policy, HSTS, SRI, X-Content-Type-Options,
  X-Frame-Options, CORP, COOP, COEP, each yielding one named result with a score modifier;
* scoring: start at 100, add every modifier, but count bonuses only when the score with penalties
  alone is at least 90; grade by the chart (100+ is A+).

Differences, all on the side of being stricter or neutral: the HSTS preload list is not consulted
(a preloaded host would gain +5 on HSTS and pass redirection outright), and a certificate counts as
valid when it verifies against the CA the caller trusts (the test's own CA).
"""

from __future__ import annotations

import html.parser
import http.client
import re
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

ALGORITHM_VERSION = 6
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"
ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15_552_000  # the Observatory accepts the common 180-day value as "six months"

# result -> score modifier, per test (the Observatory's SCORE_TABLE).
MODIFIERS: dict[str, int] = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-but-duplicate-directives": 0,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "csp-not-implemented-but-reporting-enabled": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Redirection
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "redirection-invalid-cert": -20,
    # Referrer-Policy
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict-Transport-Security
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "hsts-invalid-cert": -20,
    # Subresource integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "html-not-parseable": -20,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # Cross-Origin-Resource-Policy
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
    # Cross-Origin-Opener-Policy (algorithm v6)
    "coop-implemented-with-same-origin": 10,
    "coop-implemented-with-same-origin-allow-popups": 10,
    "coop-implemented-with-noopener-allow-popups": 10,
    "coop-implemented-with-unsafe-none": 0,
    "coop-not-implemented": 0,
    "coop-header-invalid": -5,
    # Cross-Origin-Embedder-Policy (algorithm v6)
    "coep-implemented-with-require-corp": 10,
    "coep-implemented-with-credentialless": 10,
    "coep-implemented-with-unsafe-none": 0,
    "coep-not-implemented": 0,
    "coep-header-invalid": -5,
}

GRADE_CHART = (
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# What the scanner saw
# ---------------------------------------------------------------------------------------------


@dataclass
class Response:
    """One HTTP response as received, with every header line kept (repeats matter)."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: str = ""
    verified: bool = True  # TLS chain verified (always True for plain HTTP, as in the scanner)
    request_headers: dict[str, str] = field(default_factory=dict)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def first(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    @property
    def mime(self) -> str:
        return (self.first("Content-Type") or "").split(";")[0].strip().lower()


@dataclass
class Cookie:
    name: str
    value: str
    secure: bool
    httponly: bool
    samesite: str | None


@dataclass
class Retrieval:
    """Everything the tests look at, as the Observatory's retriever gathers it."""

    auto: Response | None  # the page, fetched over HTTPS (redirects followed)
    https: Response | None
    http: Response | None  # the same page fetched over HTTP (redirects followed)
    http_route: list[tuple[str, int]]  # URLs visited from the http:// start, with statuses
    cors: Response | None  # the preflight answer
    cookies: list[Cookie]  # the session's cookie jar at the end
    raw_set_cookies: list[str]  # Set-Cookie lines of the page itself

    @property
    def url(self) -> str:
        return self.auto.url if self.auto else ""

    @property
    def http_equiv(self) -> dict[str, list[str]]:
        if self.auto is None or self.auto.mime not in ("text/html", "application/xhtml+xml"):
            return {}
        parser = _MetaAndScripts()
        parser.feed(self.auto.body)
        return parser.http_equiv


@dataclass
class TestResult:
    name: str
    result: str
    passed: bool
    data: object = None

    @property
    def modifier(self) -> int:
        return MODIFIERS[self.result]


@dataclass
class Grade:
    score: int
    grade: str
    tests: list[TestResult]

    @property
    def failed(self) -> list[TestResult]:
        return [t for t in self.tests if not t.passed]

    def table(self, title: str = "") -> str:
        lines = [
            f"{title}  score {self.score}  grade {self.grade}  (Observatory algorithm v{ALGORITHM_VERSION})"
        ]
        for t in self.tests:
            mark = "pass" if t.passed else "FAIL"
            lines.append(f"  {t.name:<32} {t.modifier:>+4}  {mark}  {t.result}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Parsing helpers
# ---------------------------------------------------------------------------------------------


class _MetaAndScripts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.http_equiv: dict[str, list[str]] = {}
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("http-equiv"):
            name = str(attributes["http-equiv"]).lower()
            self.http_equiv.setdefault(name, []).append(attributes.get("content") or "")
        elif tag == "script":
            self.scripts.append(attributes)


class InvalidPolicy(ValueError):
    """A CSP that the Observatory refuses to parse."""


def parse_csp(policies: Iterable[str]) -> dict[str, set[str]]:
    """Parse one or more CSP policies into ``{directive: sources}``.

    A directive repeated within one policy makes the policy invalid (``report-uri`` and
    ``report-to`` excepted); a source list left empty means ``'none'``; with several policies a
    source counts only when every policy that sets the directive allows it (they all apply).
    """
    result: dict[str, set[str]] = {}
    cleaned = [p.replace("\r", "").replace("\n", "").strip() for p in policies]
    for index, policy in enumerate(cleaned):
        if len(policy) < len("img-src") - 1:
            raise InvalidPolicy(policy)
        seen: set[str] = set()
        for entry in policy.split(";"):
            if not entry.strip():
                continue
            name, *sources = entry.strip().split()
            directive = name.lower()
            if directive in seen:
                if directive in ("report-uri", "report-to"):
                    result.setdefault("_duplicates", set()).add(directive)
                    continue
                raise InvalidPolicy(f"duplicate {directive}")
            seen.add(directive)
            values = {s.lower() for s in sources}
            if not values and directive.endswith("-src"):
                values = {"'none'"}
            if index and directive in result:
                values = result[directive] & values or {"'none'"}
            result[directive] = values
    return result


def _sf_token(value: str) -> str | None:
    """The token of a structured-field item (``same-origin; report-to="x"`` -> ``same-origin``)."""
    token = value.split(";")[0].strip()
    return token if re.fullmatch(r"[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*", token) else None


def _registrable(host: str) -> str:
    labels = host.lower().rstrip(".").split(".")
    return ".".join(labels[-2:])


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCE_OR_HASH = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


def csp_test(r: Retrieval) -> TestResult:
    name = "content-security-policy"
    if r.auto is None:
        return TestResult(name, "csp-not-implemented", False)
    header_policies = [p.strip() for v in r.auto.all("Content-Security-Policy") for p in v.split(",")]
    meta_policies = [p.strip() for v in r.http_equiv.get("content-security-policy", []) for p in v.split(",")]
    try:
        csp = parse_csp(header_policies + meta_policies)
    except InvalidPolicy:
        return TestResult(name, "csp-header-invalid", False)
    try:
        header_only = parse_csp(header_policies)
    except InvalidPolicy:
        header_only = {}
    if not header_policies and not meta_policies:
        reporting = r.auto.first("Content-Security-Policy-Report-Only")
        result = "csp-not-implemented-but-reporting-enabled" if reporting else "csp-not-implemented"
        return TestResult(name, result, False)

    def sources(directive: str, fallback: bool = True) -> set[str]:
        found = csp.get(directive) or (csp.get("default-src") if fallback else None)
        return set(found) if found else {"*"}

    object_src = sources("object-src")
    script_src = sources("script-src")
    style_src = sources("style-src")
    for source_list in (script_src, style_src):  # a nonce or hash disables 'unsafe-inline'
        if any(s.startswith(NONCE_OR_HASH) for s in source_list):
            source_list.discard("'unsafe-inline'")
    result = None
    if "'strict-dynamic'" in script_src:
        if any(s.startswith(NONCE_OR_HASH) for s in script_src):
            script_src = {
                s for s in script_src
                if not (any(s.startswith(b) for b in BROAD) or s in ("'self'", "'unsafe-inline'"))
            }  # fmt: skip
        else:
            result = "csp-header-invalid"
    passive = ("img-src", "media-src")
    active_sources = [s for d, v in csp.items() if d not in passive and d != "script-src" for s in v]
    active_sources += list(script_src)
    passive_sources = [s for d in passive for s in (csp.get(d) or csp.get("default-src") or set())]
    https = urlsplit(r.url).scheme == "https"

    def first(candidate: str) -> None:
        nonlocal result
        result = result or candidate

    if script_src & (BROAD | UNSAFE_INLINE) or object_src & BROAD:
        first("csp-implemented-with-unsafe-inline")
    if https and any(s.startswith(("http:", "ftp:")) for s in active_sources):
        first("csp-implemented-with-insecure-scheme")
    if "'unsafe-eval'" in script_src | style_src:
        first("csp-implemented-with-unsafe-eval")
    if https and any(s.startswith(("http:", "ftp:")) for s in passive_sources):
        first("csp-implemented-with-insecure-scheme-in-passive-content-only")
    if style_src & (BROAD | UNSAFE_INLINE):
        first("csp-implemented-with-unsafe-inline-in-style-src-only")
    if csp.get("default-src") == {"'none'"}:
        first("csp-implemented-with-no-unsafe-default-src-none")
    first("csp-implemented-with-no-unsafe")
    passing = {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    passed = result in passing
    if passed and "_duplicates" in csp:
        result = "csp-implemented-but-duplicate-directives"
    data = {d: sorted(v) for d, v in csp.items() if not d.startswith("_")}
    data["_frame_ancestors_in_header"] = sorted(header_only.get("frame-ancestors", set()))
    return TestResult(name, str(result), passed, data)


def hsts_test(r: Retrieval) -> TestResult:
    name = "strict-transport-security"
    response = r.https
    if response is None:
        return TestResult(name, "hsts-not-implemented-no-https", False)
    if not response.verified:
        return TestResult(name, "hsts-invalid-cert", False)
    header = response.first("Strict-Transport-Security")
    if header is None:
        return TestResult(name, "hsts-not-implemented", False)
    max_age = None
    if "," in header:
        return TestResult(name, "hsts-header-invalid", False, header)
    for part in (p.strip().lower() for p in header[:1024].split(";")):
        if part.startswith("max-age="):
            digits = re.match(r"\d+", part[8:128])
            max_age = int(digits.group()) if digits else None
    if max_age is None:
        return TestResult(name, "hsts-header-invalid", False, header)
    if max_age < SIX_MONTHS:
        return TestResult(name, "hsts-implemented-max-age-less-than-six-months", False, header)
    return TestResult(name, "hsts-implemented-max-age-at-least-six-months", True, header)


_COOKIE_ORDER = [  # best to worst, as the Observatory ranks them
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def _worse(new: str, old: str | None, order: list[str]) -> str:
    return new if old is None or order.index(new) > order.index(old) else old


def cookies_test(r: Retrieval) -> TestResult:
    name = "cookies"
    hsts = hsts_test(r).passed
    result = None
    for raw in r.raw_set_cookies:
        for part in raw.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == "samesite" and value.strip().lower() not in ("lax", "strict", "none"):
                result = _worse("cookies-samesite-flag-invalid", result, _COOKIE_ORDER)
    if not r.cookies:
        return TestResult(name, "cookies-not-found", True)
    missing_samesite = False
    for cookie in r.cookies:
        lowered = cookie.name.lower()
        session_id = "login" in lowered or "sess" in lowered
        if not cookie.secure and (cookie.samesite or "").lower() == "none":
            result = _worse("cookies-samesite-flag-invalid", result, _COOKIE_ORDER)
        if not cookie.secure:
            bad = (
                "cookies-without-secure-flag-but-protected-by-hsts" if hsts else "cookies-without-secure-flag"
            )
            result = _worse(bad, result, _COOKIE_ORDER)
        if "csrf" in lowered and not cookie.samesite:
            result = _worse("cookies-anticsrf-without-samesite-flag", result, _COOKIE_ORDER)
        if session_id and not cookie.secure:
            bad = (
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-session-without-secure-flag"
            )
            result = _worse(bad, result, _COOKIE_ORDER)
        if session_id and not cookie.httponly:
            result = _worse("cookies-session-without-httponly-flag", result, _COOKIE_ORDER)
        missing_samesite = missing_samesite or not cookie.samesite
    if result is None:
        result = (
            "cookies-secure-with-httponly-sessions"
            if missing_samesite
            else "cookies-secure-with-httponly-sessions-and-samesite"
        )
    passed = result in (
        "cookies-secure-with-httponly-sessions-and-samesite",
        "cookies-secure-with-httponly-sessions",
    )
    return TestResult(name, result, passed, [c.name for c in r.cookies])


def cors_test(r: Retrieval) -> TestResult:
    name = "cross-origin-resource-sharing"
    result = "cross-origin-resource-sharing-not-implemented"
    acao = r.cors.first("Access-Control-Allow-Origin") if r.cors else None
    if r.cors is not None and acao:
        origin = r.cors.request_headers.get("Origin")
        credentials = (r.cors.first("Access-Control-Allow-Credentials") or "").strip().lower()
        value = acao[:256].strip().lower()
        if value == "*":
            result = "cross-origin-resource-sharing-implemented-with-public-access"
        elif origin and origin.lower() == value and credentials == "true":
            result = "cross-origin-resource-sharing-implemented-with-universal-access"
        else:
            result = "cross-origin-resource-sharing-implemented-with-restricted-access"
    return TestResult(name, result, MODIFIERS[result] >= 0, acao)


def redirection_test(r: Retrieval) -> TestResult:
    name = "redirection"
    if r.http is None:
        return TestResult(name, "redirection-not-needed-no-http", True)
    if not r.http.verified:
        return TestResult(name, "redirection-invalid-cert", False)
    route = r.http_route
    urls = [urlsplit(u) for u, _ in route]
    if len(route) == 1:
        result = "redirection-missing"
    elif urls[-1].scheme != "https":
        result = "redirection-not-to-https"
    elif urls[1].scheme == "http":
        result = "redirection-not-to-https-on-initial-redirection"
    elif urls[0].scheme == "http" and urls[1].scheme == "https" and urls[0].hostname != urls[1].hostname:
        result = "redirection-off-host-from-http"
    else:
        result = "redirection-to-https"
    return TestResult(name, result, result == "redirection-to-https", [u for u, _ in route])


def referrer_policy_test(r: Retrieval) -> TestResult:
    name = "referrer-policy"
    good = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]
    bad = ["origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"]
    if r.auto is None:
        return TestResult(name, "referrer-policy-not-implemented", False)
    values = r.auto.all("Referrer-Policy") + r.http_equiv.get("referrer", [])
    if not values:
        return TestResult(name, "referrer-policy-not-implemented", True)
    known = [v.strip().lower() for v in ", ".join(values).split(",") if v.strip().lower() in good + bad]
    policy = known[-1] if known else ""  # the last valid value wins, as in browsers
    if policy in good:
        result = "referrer-policy-private"
    elif policy in bad:
        result = "referrer-policy-unsafe"
    else:
        result = "referrer-policy-header-invalid"
    return TestResult(name, result, result == "referrer-policy-private", policy)


def sri_test(r: Retrieval) -> TestResult:
    name = "subresource-integrity"
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        "sri-not-implemented-response-not-html",
    ]
    if r.auto is None:
        return TestResult(name, "sri-not-implemented-but-no-scripts-loaded", True)
    if r.auto.mime and r.auto.mime not in ("text/html", "application/xhtml+xml"):
        return TestResult(name, "sri-not-implemented-response-not-html", True)
    parser = _MetaAndScripts()
    try:
        parser.feed(r.auto.body)
    except Exception:  # the scanner's HTML parser failing
        return TestResult(name, "html-not-parseable", False)
    page = urlsplit(r.url)
    result = None
    foreign = False
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        relative_protocol = bool(re.match(r"^//[^/]", src))
        full_url = bool(re.match(r"^https?://", src))
        relative = not relative_protocol and not full_url
        same_domain = (
            relative
            or relative_protocol
            or (_registrable(urlsplit(src).hostname or "") == _registrable(page.hostname or ""))
        )
        secure_origin = relative or (same_domain and not relative_protocol)
        scheme = urlsplit(src).scheme if full_url else None
        secure_scheme = scheme == "https" or (relative and page.scheme == "https")
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                result = _worse("sri-implemented-but-external-scripts-not-loaded-securely", result, order)
            elif not integrity and secure_scheme:
                result = _worse("sri-not-implemented-but-external-scripts-loaded-securely", result, order)
            elif not integrity:
                result = _worse("sri-not-implemented-and-external-scripts-not-loaded-securely", result, order)
        elif integrity and secure_scheme and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if not parser.scripts:
        result = "sri-not-implemented-but-no-scripts-loaded"
    elif result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    passed = result in {
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-response-not-html",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    }
    return TestResult(name, result, passed, [s.get("src") for s in parser.scripts])


def x_content_type_options_test(r: Retrieval) -> TestResult:
    name = "x-content-type-options"
    header = r.auto.first("X-Content-Type-Options") if r.auto else None
    if header is None:
        return TestResult(name, "x-content-type-options-not-implemented", False)
    if header[:256].strip().lower() == "nosniff":
        return TestResult(name, "x-content-type-options-nosniff", True, header)
    return TestResult(name, "x-content-type-options-header-invalid", False, header)


def x_frame_options_test(r: Retrieval) -> TestResult:
    name = "x-frame-options"
    if r.auto is None:
        return TestResult(name, "x-frame-options-not-implemented", False)
    header = r.auto.first("X-Frame-Options")
    if header is None:
        result = "x-frame-options-not-implemented"
    elif header[:1024].strip().lower() in ("deny", "sameorigin"):
        result = "x-frame-options-sameorigin-or-deny"
    elif header.strip().lower().startswith("allow-from"):
        result = "x-frame-options-allow-from-origin"
    else:
        result = "x-frame-options-header-invalid"
    csp = csp_test(r)
    if isinstance(csp.data, dict) and csp.data.get("frame-ancestors"):
        result = "x-frame-options-implemented-via-csp"
    return TestResult(name, result, MODIFIERS[result] >= 0, header)


def corp_test(r: Retrieval) -> TestResult:
    name = "cross-origin-resource-policy"
    if r.auto is None:
        return TestResult(name, "corp-not-implemented", True)
    header = r.auto.first("Cross-Origin-Resource-Policy")
    meta = r.http_equiv.get("cross-origin-resource-policy", [])
    value = header if header else (meta[-1] if meta else None)
    if not value:
        return TestResult(name, "corp-not-implemented", True)
    result = {
        "same-site": "corp-implemented-with-same-site",
        "same-origin": "corp-implemented-with-same-origin",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "corp-header-invalid")
    return TestResult(name, result, result != "corp-header-invalid", value)


def _policy_header_test(
    r: Retrieval, name: str, prefix: str, header: str, values: Mapping[str, str]
) -> TestResult:
    if r.auto is None:
        return TestResult(name, f"{prefix}-not-implemented", True)
    found = r.auto.all(header)
    if not found:
        return TestResult(name, f"{prefix}-not-implemented", True)
    token = _sf_token(found[0][:1024].strip()) if len(found) == 1 else None
    result = values.get(token or "", f"{prefix}-header-invalid")
    return TestResult(name, result, not result.endswith("-invalid"), found)


def coop_test(r: Retrieval) -> TestResult:
    return _policy_header_test(
        r,
        "cross-origin-opener-policy",
        "coop",
        "Cross-Origin-Opener-Policy",
        {
            "same-origin": "coop-implemented-with-same-origin",
            "same-origin-allow-popups": "coop-implemented-with-same-origin-allow-popups",
            "noopener-allow-popups": "coop-implemented-with-noopener-allow-popups",
            "unsafe-none": "coop-implemented-with-unsafe-none",
        },
    )


def coep_test(r: Retrieval) -> TestResult:
    return _policy_header_test(
        r,
        "cross-origin-embedder-policy",
        "coep",
        "Cross-Origin-Embedder-Policy",
        {
            "require-corp": "coep-implemented-with-require-corp",
            "credentialless": "coep-implemented-with-credentialless",
            "unsafe-none": "coep-implemented-with-unsafe-none",
        },
    )


ALL_TESTS = (
    csp_test,
    cookies_test,
    cors_test,
    redirection_test,
    referrer_policy_test,
    hsts_test,
    sri_test,
    x_content_type_options_test,
    x_frame_options_test,
    corp_test,
    coop_test,
    coep_test,
)


def grade(r: Retrieval) -> Grade:
    """Run every test and score them as the Observatory does."""
    tests = [test(r) for test in ALL_TESTS]
    with_bonus = 100 + sum(t.modifier for t in tests)
    penalties_only = 100 + sum(t.modifier for t in tests if t.modifier < 0)
    score = max(with_bonus if penalties_only >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else penalties_only, 0)
    letter = next(letter for floor, letter in GRADE_CHART if min(score - score % 5, 100) >= floor)
    return Grade(score, letter, tests)


# ---------------------------------------------------------------------------------------------
# Retrieval from a local server
# ---------------------------------------------------------------------------------------------


@dataclass
class Target:
    """Where the scanner connects: ``host`` as clients name it, served on local ports.

    The app is addressed as ``http://<host>/`` and ``https://<host>/`` (default ports, as in
    production); connections go to 127.0.0.1 on ``http_port`` and ``https_port``.
    """

    host: str
    http_port: int | None
    https_port: int
    ca_file: str


def _parse_cookie(line: str) -> tuple[str, Cookie | None]:
    first, *attributes = line.split(";")
    cookie_name, _, cookie_value = first.partition("=")
    cookie_name = cookie_name.strip()
    flags: dict[str, str] = {}
    for attribute in attributes:
        key, _, value = attribute.strip().partition("=")
        flags[key.strip().lower()] = value.strip()
    if flags.get("max-age", "1").lstrip("-").isdigit() and int(flags.get("max-age", "1")) <= 0:
        return cookie_name, None  # a deletion
    if "expires" in flags and re.search(r"\b19[0-6]\d\b|\b1970\b", flags["expires"]):
        return cookie_name, None
    return cookie_name, Cookie(
        cookie_name, cookie_value.strip(), "secure" in flags, "httponly" in flags, flags.get("samesite")
    )


class Session:
    """A client with a cookie jar that follows redirects, connecting to the local ports."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.jar: dict[str, Cookie] = {}
        self.context = ssl.create_default_context(cafile=target.ca_file)

    def _connection(self, scheme: str, host: str) -> http.client.HTTPConnection:
        if host != self.target.host:
            raise ValueError(f"refusing to leave the target host for {host}")
        if scheme == "https":
            # The certificate is checked against the host name, as a browser would.
            conn = http.client.HTTPSConnection(
                "127.0.0.1", self.target.https_port, timeout=10, context=self.context
            )
            conn.host = host  # SNI and hostname verification use the public name
            return conn
        assert self.target.http_port is not None
        return http.client.HTTPConnection("127.0.0.1", self.target.http_port, timeout=10)

    def fetch(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        follow: bool = True,
    ) -> tuple[Response, list[tuple[str, int]]]:
        """Send one request (and follow redirects); return the final response and the route."""
        route: list[tuple[str, int]] = []
        for _ in range(10):
            parts = urlsplit(url)
            request_headers = {
                "Host": parts.hostname or "",
                "Accept": ACCEPT_HTML,
                "User-Agent": "observatory-local",
            }
            request_headers |= dict(headers or {})
            if self.jar:
                request_headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in self.jar.values())
            conn = self._connection(parts.scheme, parts.hostname or "")
            # An unverifiable certificate raises here: the caller's CA must vouch for the host.
            conn.request(
                method, parts.path + (f"?{parts.query}" if parts.query else ""), body, request_headers
            )
            raw = conn.getresponse()
            response = Response(
                url=url,
                status=raw.status,
                headers=list(raw.getheaders()),
                body=raw.read().decode("utf-8", "replace"),
                request_headers=request_headers,
            )
            conn.close()
            route.append((url, raw.status))
            if parts.scheme == "https":  # the jar keeps what a browser keeps on this origin
                for line in response.all("Set-Cookie"):
                    cookie_name, cookie = _parse_cookie(line)
                    if cookie is None:
                        self.jar.pop(cookie_name, None)
                    else:
                        self.jar[cookie_name] = cookie
            location = response.first("Location")
            if not (follow and location and 300 <= raw.status < 400):
                return response, route
            url = urljoin(url, location)
            if raw.status in (301, 302, 303) and method not in ("GET", "HEAD"):
                method, body = "GET", None
        raise RuntimeError(f"redirect loop from {route[0][0]}")


def retrieve(
    target: Target,
    path: str,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
) -> Retrieval:
    """Fetch ``path`` as the Observatory's retriever would, against the local ports."""
    https_session = Session(target)
    auto, _ = https_session.fetch(method, f"https://{target.host}{path}", headers, body)
    page_cookies = auto.all("Set-Cookie")
    https_session.fetch("GET", f"https://{target.host}/robots.txt", {"Accept": "text/plain,*/*;q=0.8"})
    http_response = None
    http_route: list[tuple[str, int]] = []
    if target.http_port is not None:
        http_session = Session(target)
        http_response, http_route = http_session.fetch(method, f"http://{target.host}{path}", headers, body)
    cors, _ = https_session.fetch(
        "OPTIONS",
        auto.url,
        {"Origin": CORS_ORIGIN, "Access-Control-Request-Method": "GET"},
        follow=False,
    )
    return Retrieval(
        auto=auto,
        https=auto,
        http=http_response,
        http_route=http_route,
        cors=cors,
        cookies=list(https_session.jar.values()),
        raw_set_cookies=page_cookies,
    )
