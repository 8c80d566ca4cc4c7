"""Real cookiecutter runs with answers the pre-gen hook must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter

pytestmark = pytest.mark.xdist_group("bad_answers")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cookiecutter config that keeps replay files out of the user's home."""
    home = tmp_path_factory.mktemp("cookiecutter-home")
    config = home / "config.yaml"
    config.write_text(
        f'cookiecutters_dir: "{home / "cookiecutters"}"\nreplay_dir: "{home / "replay"}"\n',
        encoding="utf-8",
    )
    return config


def bake(extra_context: dict, output_dir: Path, config_file: Path) -> str:
    """Generate a project from this template without prompts."""
    return cookiecutter(
        str(ROOT),
        no_input=True,
        extra_context=extra_context,
        output_dir=str(output_dir),
        config_file=str(config_file),
    )


BAD_ANSWERS = [
    pytest.param(
        {"use_login": False, "use_account_email": False},
        ("use_mfa", "use_login"),
        id="mfa-without-login",
    ),
    pytest.param(
        {"use_login": False, "use_mfa": False},
        ("use_account_email", "use_login"),
        id="mail-without-login",
    ),
    pytest.param(
        {"use_login": "no", "use_mfa": "yes", "use_account_email": False},
        ("use_mfa", "use_login"),
        id="mfa-without-login-yes-no",
    ),
    pytest.param(
        {"rate_limit_storage": "redis", "use_rate_limiting": False},
        ("rate_limit_storage", "use_rate_limiting"),
        id="redis-without-limiter",
    ),
    pytest.param(
        {"project_slug": "My_App", "package_name": "my_app"},
        ("project_slug",),
        id="slug-uppercase",
    ),
    pytest.param(
        {"project_slug": "2fast", "package_name": "fast2"},
        ("project_slug",),
        id="slug-digit-first",
    ),
    pytest.param({"package_name": "flask"}, ("package_name",), id="package-flask"),
    pytest.param({"package_name": "test"}, ("package_name",), id="package-test"),
    pytest.param({"package_name": "class"}, ("package_name",), id="package-keyword"),
    pytest.param({"package_name": "json"}, ("package_name",), id="package-stdlib"),
    pytest.param({"package_name": "My-Pkg"}, ("package_name",), id="package-dash"),
    pytest.param({"author_email": "nobody"}, ("author_email",), id="email-no-at"),
    pytest.param({"author_email": "a b@example.com"}, ("author_email",), id="email-space"),
]


@pytest.mark.parametrize(("extra_context", "named"), BAD_ANSWERS)
def test_bad_answers_fail_cleanly(
    tmp_path: Path,
    config_file: Path,
    capfd: pytest.CaptureFixture[str],
    extra_context: dict,
    named: tuple[str, ...],
) -> None:
    with pytest.raises(FailedHookException):
        bake(extra_context, tmp_path, config_file)

    errors = [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert len(errors) == 1, errors
    assert errors[0].startswith("ERROR: ")
    for option in named:
        assert option in errors[0]
    assert list(tmp_path.iterdir()) == []


def test_good_answers_pass_the_pre_gen_hook(
    tmp_path: Path, config_file: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Control: the same runs fail only because of the answers."""
    try:
        bake({"init_git": False}, tmp_path, config_file)
    except FailedHookException:  # pragma: no cover - reported below
        pytest.fail(f"a hook refused the defaults: {capfd.readouterr().err}")
    except Exception:  # a template still being written may not render; the hooks ran
        pass
    assert "ERROR:" not in capfd.readouterr().err
