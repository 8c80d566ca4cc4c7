"""Password policy and hashing (checklist 17, 18): length only, long and any characters, no truncation."""

from __future__ import annotations

import pytest

from conftest import make_app
from {{ cookiecutter.package_name }}.passwords import (
    COMMON_PASSWORDS,
    common_passwords,
    hash_password,
    policy_errors,
    verify_password,
)


@pytest.fixture
def ctx():  # type: ignore[no-untyped-def]
    with make_app().app_context() as context:
        yield context


def test_minimum_length_is_twelve_by_default(ctx) -> None:  # type: ignore[no-untyped-def]
    assert any("at least 12" in e for e in policy_errors("zq8!vw3#rt5"))  # 11 characters
    assert policy_errors("zq8!vw3#rt5k") == []  # 12


def test_minimum_length_is_configurable() -> None:
    with make_app(PASSWORD_MIN_LENGTH=16).app_context():
        assert any("at least 16" in e for e in policy_errors("fifteen chars!!"))
        assert policy_errors("sixteen chars!!!") == []


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",  # lower case and spaces only
        "zmxncbvlaksjdhfg",  # letters only
        "8302957163948271",  # digits only
        "пароль-из-кириллицы",  # any Unicode
        "🔑🔑 emoji are characters too 🔑🔑",
    ],
)
def test_no_composition_rules(ctx, password: str) -> None:  # type: ignore[no-untyped-def]
    assert policy_errors(password) == []


@pytest.mark.parametrize("length", [64, 128, 1024])
def test_long_passphrases_are_allowed_and_never_truncated(ctx, length: int) -> None:  # type: ignore[no-untyped-def]
    password = ("long passphrase " * 100)[: length - 1] + "X"
    assert policy_errors(password) == []
    stored = hash_password(password)
    assert verify_password(stored, password)
    assert not verify_password(stored, password[:-1] + "Y")  # the last character still counts
    if length > 72:
        assert not verify_password(stored, password[:72])  # no bcrypt-style 72-byte cut


def test_absurd_lengths_are_refused(ctx) -> None:  # type: ignore[no-untyped-def]
    assert any("at most" in e for e in policy_errors("x" * 1025))


@pytest.mark.parametrize("password", ["password1234", "PASSWORD1234", "LeaveMeAlone", "q1w2e3r4t5y6"])
def test_common_passwords_are_refused_whatever_the_case(ctx, password: str) -> None:  # type: ignore[no-untyped-def]
    assert any("too common" in e for e in policy_errors(password))


def test_common_password_list_is_shipped_with_its_source_and_licence() -> None:
    header = COMMON_PASSWORDS.read_text(encoding="utf-8")[:1000]
    assert "zxcvbn" in header and "MIT" in header
    assert len(common_passwords()) > 10_000


def test_production_hashes_meet_the_owasp_argon2id_floor() -> None:
    """The hash a production app stores (no PASSWORD_HASH_FAST) carries argon2id parameters at
    least OWASP's minimum (m=19 MiB, t=2, p=1) and RFC 9106's salt and tag lengths; weakening the
    hasher (say time_cost=1, memory_cost=8) fails here. A weak stored hash is marked for rehash."""
    from argon2 import PasswordHasher, Type, extract_parameters

    from {{ cookiecutter.package_name }}.passwords import needs_rehash

    with make_app(PASSWORD_HASH_FAST=False).app_context():
        stored = hash_password("a production password")
        weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("a production password")
        assert needs_rehash(weak) and not needs_rehash(stored)
    found = extract_parameters(stored)
    assert found.type is Type.ID
    assert found.memory_cost >= 19 * 1024 and found.time_cost >= 2 and found.parallelism >= 1
    assert found.salt_len >= 16 and found.hash_len >= 32


def test_hashes_are_salted_argon2id(ctx) -> None:  # type: ignore[no-untyped-def]
    first, second = hash_password("same password here"), hash_password("same password here")
    assert first.startswith("$argon2id$") and first != second
