"""Passwords: argon2id hashing and a length-only policy with an offline common-password list."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt"
# argon2-cffi's defaults follow RFC 9106's second recommended option (argon2id, 64 MiB, t=3).
_STRONG = PasswordHasher()
# Only for the test suite (PASSWORD_HASH_FAST); the deploy check refuses it in production.
_FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def _hasher() -> PasswordHasher:
    return _FAST if current_app.config["PASSWORD_HASH_FAST"] else _STRONG


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common and breached passwords, lowercased."""
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line and not line.startswith("#"))


def hash_password(password: str) -> str:
    """Return an argon2id hash of ``password`` (salted, parameters encoded in the string)."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password`` against ``password_hash``; a missing hash still costs one hash.

    Hashing against a dummy value when the account does not exist keeps the timing of
    "unknown e-mail" and "wrong password" alike (no user enumeration, checklist 19).
    """
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the stored hash uses weaker parameters than the current hasher."""
    return _hasher().check_needs_rehash(password_hash)


@cache
def _dummy_hash_for(fast: bool) -> str:
    return (_FAST if fast else _STRONG).hash("dummy password used for timing equality")


def _dummy_hash() -> str:
    return _dummy_hash_for(bool(current_app.config["PASSWORD_HASH_FAST"]))


def policy_errors(password: str, email: str = "") -> list[str]:
    """Why ``password`` is refused, or an empty list. Length and blocklist only (ASVS V6.2)."""
    config = current_app.config
    errors = []
    if len(password) < config["PASSWORD_MIN_LENGTH"]:
        errors.append(f"Use at least {config['PASSWORD_MIN_LENGTH']} characters.")
    if len(password) > config["PASSWORD_MAX_LENGTH"]:
        errors.append(f"Use at most {config['PASSWORD_MAX_LENGTH']} characters.")
    lowered = password.lower()
    if lowered in common_passwords():
        errors.append("This password is too common: it appears in lists of leaked passwords.")
    elif email and lowered in {email.lower(), email.split("@")[0].lower()}:
        errors.append("Do not use your e-mail address as your password.")
    return errors
