"""Settings are per app: two apps built in one process (a dispatcher, a worker with a test app)
keep their own keys, limits, IP lists and headers, each checked after the other has served.

No module-level object may hold settings-derived state: each control binds its state to the app
(``app.extensions``) in ``init_app``. Every assertion below failed when the headers control kept
one module-level Talisman, which the second app reconfigured.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Flask

from conftest import make_app


def pair(**per_app: tuple[Any, Any]) -> tuple[Flask, Flask]:
    """Two apps, the first with each setting's first value, the second with its second."""
    first = make_app(**{name: values[0] for name, values in per_app.items()})
    second = make_app(**{name: values[1] for name, values in per_app.items()})
    return first, second


def test_two_apps_keep_their_own_secret_key() -> None:
    first, second = pair(SECRET_KEY=(secrets.token_urlsafe(64), secrets.token_urlsafe(64)))
    for app in (first, second):

        @app.get("/remember")
        def remember() -> str:
            from flask import session

            session["mark"] = "set"
            return "ok"

        @app.get("/recall")
        def recall() -> str:
            from flask import session

            return str(session.get("mark"))

    one = first.test_client()
    one.get("/remember")
    cookie = one.get_cookie(first.config["SESSION_COOKIE_NAME"])
    assert cookie is not None and one.get("/recall").get_data(as_text=True) == "set"
    other = second.test_client()
    other.set_cookie(second.config["SESSION_COOKIE_NAME"], cookie.value, domain=cookie.domain or "localhost")
    assert other.get("/recall").get_data(as_text=True) == "None"  # the other app's signature fails


def test_two_apps_keep_their_own_rate_limits() -> None:
    first, second = pair(RATELIMIT_DEFAULT=("2 per minute", "4 per minute"))
    if "rate_limiter" not in first.extensions:
        assert "rate_limiter" not in second.extensions  # this project has no rate limiting
        return
    one, two = first.test_client(), second.test_client()
    assert [two.get("/").status_code for _ in range(3)] == [200, 200, 200]
    assert [one.get("/").status_code for _ in range(3)] == [200, 200, 429]
    assert [two.get("/").status_code for _ in range(2)] == [200, 429]


def test_two_apps_keep_their_own_ip_lists() -> None:
    first, second = pair(IPFILTER_DENY=(["203.0.113.0/24"], ["198.51.100.0/24"]))
    if "ip_filter" not in first.extensions:
        assert "ip_filter" not in second.extensions  # this project has no IP filter
        return

    def status(app: Flask, address: str) -> int:
        return app.test_client().get("/", environ_base={"REMOTE_ADDR": address}).status_code

    assert (status(first, "203.0.113.7"), status(first, "198.51.100.7")) == (403, 200)
    assert (status(second, "203.0.113.7"), status(second, "198.51.100.7")) == (200, 403)
    assert status(first, "203.0.113.7") == 403  # still, after the second app served


def test_two_apps_keep_their_own_encryption_keys() -> None:
    from cryptography.fernet import Fernet

    first, second = pair(
        DATA_ENCRYPTION_KEYS=(Fernet.generate_key().decode(), Fernet.generate_key().decode())
    )
    if "data_cipher" not in first.extensions:
        assert "data_cipher" not in second.extensions  # this project does not encrypt columns
        return
    from {{ cookiecutter.package_name }}.db import CipherError

    one, two = first.extensions["data_cipher"], second.extensions["data_cipher"]
    sealed = one.encrypt("the first app's secret")
    assert one.decrypt(sealed) == "the first app's secret"
    try:
        two.decrypt(sealed)
    except CipherError:
        pass
    else:
        raise AssertionError("the second app decrypted the first app's ciphertext")


def test_two_apps_keep_their_own_security_headers() -> None:
    first, second = pair(
        REFERRER_POLICY=("strict-origin-when-cross-origin", "same-origin"),
        CROSS_ORIGIN_EMBEDDER_POLICY=("require-corp", "credentialless"),
    )
    if "talisman" not in first.extensions:
        assert "talisman" not in second.extensions  # this project has no headers control
        return
    for _ in range(2):  # and again once both have served
        one, two = first.test_client().get("/"), second.test_client().get("/")
        assert one.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert two.headers["Referrer-Policy"] == "same-origin"
        assert one.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        assert two.headers["Cross-Origin-Embedder-Policy"] == "credentialless"
