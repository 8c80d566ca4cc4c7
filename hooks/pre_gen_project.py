"""Validate the answers before Cookiecutter writes the project.

Cookiecutter renders this file with Jinja and runs it; a non-zero exit makes it delete
the half-made project. Every check is a plain function of the answers, so the template's
tests import this file unrendered and call the functions directly.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

# The only Jinja in this file. A raw string keeps JSON escapes intact, and json.dumps
# escapes every quote inside a value, so no answer can end the string early.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""

SLUG_RE = re.compile(r"[a-z](?:[a-z0-9-]*[a-z0-9])?")
EMAIL_RE = re.compile(r"[^@\s\"<>\\,;:()\[\]]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")

# Modules the generated project or its tooling imports: a package with one of these
# names would shadow them on sys.path.
RESERVED_MODULES = frozenset(
    {
        "alembic", "app", "argon2", "blinker", "cachetools", "click", "cryptography", "dotenv",
        "flask", "flask_limiter", "flask_login", "flask_migrate", "flask_sqlalchemy",
        "flask_talisman", "flask_wtf", "gunicorn", "httpx", "itsdangerous", "jinja2",
        "limits", "markupsafe", "migrations", "nh3", "numpy", "openai", "opentelemetry",
        "psycopg", "pydantic", "pyotp", "pytest", "pythonjsonlogger", "redis", "scipy", "segno",
        "sentry_sdk", "skops", "sklearn", "sqlalchemy", "src", "test", "tests", "werkzeug", "wtforms",
    }
)  # fmt: skip

BOOLEAN_OPTIONS = (
    "use_login",
    "use_mfa",
    "use_account_email",
    "use_csrf",
    "use_talisman",
    "use_rate_limiting",
    "use_ip_filter",
    "use_encryption",
    "use_audit_log",
    "use_docker",
    "use_github_actions",
    "use_pre_commit",
    "init_git",
)

CHOICES = {
    "python_version": ("3.11", "3.12", "3.13"),
    "rate_limit_storage": ("memory", "redis"),
    "log_format": ("json", "text"),
    "ai_provider": ("local", "openai"),
    "database": ("sqlite", "postgresql"),
}


def as_text(value: Any) -> str:
    """Spell an answer the way cookiecutter.json and the rules spell it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_condition(condition: str) -> tuple[str, str]:
    """Split "option=value" into its parts; a bare "option" means "option=true"."""
    option, _, value = condition.partition("=")
    return option, value or "true"


def condition_holds(answers: Mapping[str, Any], condition: str) -> bool:
    """Tell whether the answers satisfy a condition such as "use_login=false" or "database!=sqlite"."""
    option, value = parse_condition(condition)
    if option.endswith("!"):
        return option[:-1] in answers and as_text(answers[option[:-1]]) != value
    return option in answers and as_text(answers[option]) == value


FEATURES_KEY = "_features"


def load_features(text: str = ANSWERS_JSON) -> dict[str, dict[str, Any]]:
    """The feature manifest: ``_features`` of cookiecutter.json, one entry per feature.

    Cookiecutter passes it to the hooks with the answers. Imported unrendered (the template's
    tests), the hook reads it from the template's cookiecutter.json instead. Missing (a replay
    file from an older template), it is empty and ``main`` refuses the bake.
    """
    try:
        context = json.loads(text)
    except json.JSONDecodeError:
        context = json.loads((Path(__file__).resolve().parents[1] / "cookiecutter.json").read_text("utf-8"))
    features = context.get(FEATURES_KEY) if isinstance(context, dict) else None
    return features if isinstance(features, dict) else {}


FEATURES = load_features()

# (condition, required condition, why), read from each feature's "requires". A condition is
# "option" (true) or "option=value". use_pre_commit without init_git is allowed: the hook then
# only skips the install.
COMBINATION_RULES = tuple(
    (feature, requirement, why)
    for feature, entry in FEATURES.items()
    for requirement, why in entry.get("requires", {}).items()
)
# (condition, excluded condition, why), read from each feature's "excludes".
EXCLUSION_RULES = tuple(
    (feature, excluded, why)
    for feature, entry in FEATURES.items()
    for excluded, why in entry.get("excludes", {}).items()
)


def slug_error(slug: Any) -> str | None:
    """Describe what is wrong with project_slug, or return None."""
    if isinstance(slug, str) and SLUG_RE.fullmatch(slug):
        return None
    return (
        f"project_slug {slug!r} must use lowercase letters, digits and dashes, "
        "start with a letter and not end with a dash."
    )


def package_error(name: Any) -> str | None:
    """Describe what is wrong with package_name, or return None."""
    if not (isinstance(name, str) and name.isascii() and name.isidentifier()):
        return (
            f"package_name {name!r} is not a Python identifier "
            "(ASCII letters, digits and underscores, not starting with a digit)."
        )
    if keyword.iskeyword(name):
        return f"package_name {name!r} is a Python keyword; choose another name."
    if name != name.lower():
        return f"package_name {name!r} must be lowercase."
    if name in getattr(sys, "stdlib_module_names", ()):
        return f"package_name {name!r} shadows a standard-library module; choose another name."
    if name in RESERVED_MODULES:
        return f"package_name {name!r} shadows a module the project imports; choose another name."
    return None


def email_error(email: Any) -> str | None:
    """Describe what is wrong with author_email, or return None."""
    if isinstance(email, str) and EMAIL_RE.fullmatch(email):
        return None
    return f"author_email {email!r} is not an e-mail address like name@example.com."


def boolean_errors(answers: Mapping[str, Any]) -> list[str]:
    """List the yes/no options whose answer is not a real boolean."""
    return [
        f"{option} must be true or false, got {answers[option]!r}."
        for option in BOOLEAN_OPTIONS
        if option in answers and not isinstance(answers[option], bool)
    ]


def choice_errors(answers: Mapping[str, Any]) -> list[str]:
    """List the choice options whose answer is not one of the allowed values."""
    return [
        f"{option} must be one of {', '.join(allowed)}, got {answers[option]!r}."
        for option, allowed in CHOICES.items()
        if option in answers and answers[option] not in allowed
    ]


def combination_errors(
    answers: Mapping[str, Any],
    rules: tuple[tuple[str, str, str], ...] = COMBINATION_RULES,
) -> list[str]:
    """List the rules whose condition holds while their requirement does not."""
    errors = []
    for condition, requirement, why in rules:
        if condition_holds(answers, condition) and not condition_holds(answers, requirement):
            wanted = "=".join(parse_condition(requirement))
            given = "=".join(parse_condition(condition))
            errors.append(f"{given} requires {wanted} ({why}); change one of the two.")
    return errors


def exclusion_errors(
    answers: Mapping[str, Any],
    rules: tuple[tuple[str, str, str], ...] = EXCLUSION_RULES,
) -> list[str]:
    """List the rules whose condition and excluded condition both hold."""
    return [
        f"{'='.join(parse_condition(condition))} excludes {'='.join(parse_condition(excluded))} "
        f"({why}); change one of the two."
        for condition, excluded, why in rules
        if condition_holds(answers, condition) and condition_holds(answers, excluded)
    ]


def validate(answers: Mapping[str, Any]) -> list[str]:
    """Run every check and return one message per problem, in option order."""
    if not FEATURES:
        return [f"the answers hold no {FEATURES_KEY} manifest (a replay file from an older template?)"]
    single = (
        slug_error(answers.get("project_slug")),
        package_error(answers.get("package_name")),
        email_error(answers.get("author_email")),
    )
    return [
        *(message for message in single if message),
        *boolean_errors(answers),
        *choice_errors(answers),
        *combination_errors(answers),
        *exclusion_errors(answers),
    ]


def load_answers(text: str = ANSWERS_JSON) -> dict[str, Any]:
    """Parse the answers Cookiecutter rendered into ANSWERS_JSON."""
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError("this hook only runs through cookiecutter (answers not rendered)") from exc
    if not isinstance(answers, dict):
        raise TypeError("the rendered answers are not a JSON object")
    return answers


def main() -> int:
    """Print one ERROR line per problem on stderr; return 1 if there was any."""
    try:
        errors = validate(load_answers())
    except (ValueError, TypeError) as exc:
        errors = [f"{exc}."]
    for message in errors:
        print(f"ERROR: {message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
