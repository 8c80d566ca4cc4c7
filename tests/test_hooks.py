"""Unit tests of the hooks, imported unrendered from their files."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
TEMPLATE = ROOT / "{{cookiecutter.project_slug}}"
TEMPLATE_PKG = "src/{{cookiecutter.package_name}}"
OPTIONS = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def load_hook(name: str) -> ModuleType:
    """Import hooks/<name>.py as a module without rendering it."""
    spec = importlib.util.spec_from_file_location(name, HOOKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pre = load_hook("pre_gen_project")
post = load_hook("post_gen_project")


def default_answers(**overrides: object) -> dict:
    """Answer every prompt the way `cookiecutter --no-input` would."""
    context = generate_context(context_file=str(ROOT / "cookiecutter.json"), extra_context=overrides)
    return dict(prompt_for_config(context, no_input=True))


def render_hook(name: str, answers: dict, target: Path) -> Path:
    """Render hooks/<name>.py the way cookiecutter does and write it to target."""
    context = {"cookiecutter": answers}
    env = create_env_with_context(context)
    source = (HOOKS / f"{name}.py").read_text(encoding="utf-8")
    target.write_text(env.from_string(source).render(**context), encoding="utf-8")
    return target


def git_output(repo: Path, *args: str) -> str:
    """Run git in repo and return its stripped output."""
    assert GIT is not None
    return subprocess.run([GIT, *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Return the non-empty stderr lines captured so far."""
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


@pytest.fixture
def answers() -> dict:
    """Fresh default answers for one test."""
    return default_answers()


@pytest.fixture
def git_free_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave only an empty folder on PATH, so git and pre-commit cannot be found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


# --- pre_gen_project: single answers --------------------------------------------------


@pytest.mark.parametrize("slug", ["secure-ai-app", "a", "app2", "my-app-3", "x1-y2"])
def test_good_slug(slug: str) -> None:
    assert pre.slug_error(slug) is None


@pytest.mark.parametrize(
    "slug",
    ["", "My-App", "2app", "-app", "app-", "my_app", "my app", "app!", "café", None, 3],
)
def test_bad_slug(slug: object) -> None:
    message = pre.slug_error(slug)
    assert message is not None
    assert message.startswith("project_slug ")


@pytest.mark.parametrize("name", ["secure_ai_app", "myapp", "my_app2", "flaskish", "apps"])
def test_good_package_name(name: str) -> None:
    assert pre.package_error(name) is None


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("flask", "shadows a module the project imports"),
        ("sklearn", "shadows a module the project imports"),
        ("tests", "shadows a module the project imports"),
        ("app", "shadows a module the project imports"),
        ("test", "shadows a"),
        ("json", "shadows a standard-library module"),
        ("logging", "shadows a standard-library module"),
        ("class", "is a Python keyword"),
        ("None", "is a Python keyword"),
        ("My-Pkg", "is not a Python identifier"),
        ("my-pkg", "is not a Python identifier"),
        ("2fast", "is not a Python identifier"),
        ("café", "is not a Python identifier"),
        ("", "is not a Python identifier"),
        (None, "is not a Python identifier"),
        ("MyPkg", "must be lowercase"),
    ],
)
def test_bad_package_name(name: object, reason: str) -> None:
    message = pre.package_error(name)
    assert message is not None
    assert message.startswith(f"package_name {name!r} ")
    assert reason in message


@pytest.mark.parametrize(
    "email",
    ["you@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie"],
)
def test_good_email(email: str) -> None:
    assert pre.email_error(email) is None


@pytest.mark.parametrize(
    "email",
    [
        "you",
        "you@",
        "@example.com",
        "you@example",
        "you @example.com",
        "you@exa mple.com",
        'a"b@example.com',
        "a@b@example.com",
        "you@example.c0m",
        "",
        None,
    ],
)
def test_bad_email(email: object) -> None:
    message = pre.email_error(email)
    assert message is not None
    assert message.startswith("author_email ")


# --- pre_gen_project: tables ------------------------------------------------------------


def test_defaults_are_valid(answers: dict) -> None:
    assert pre.validate(answers) == []


def test_boolean_table_matches_cookiecutter_json() -> None:
    booleans = {key for key, value in OPTIONS.items() if isinstance(value, bool)}
    assert set(pre.BOOLEAN_OPTIONS) == booleans


def test_choice_table_matches_cookiecutter_json() -> None:
    choices = {
        key: tuple(value)
        for key, value in OPTIONS.items()
        if isinstance(value, list) and not key.startswith("_")
    }
    assert choices == pre.CHOICES


@pytest.mark.parametrize("option", pre.BOOLEAN_OPTIONS)
@pytest.mark.parametrize("value", ["yes", "no", 1, None])
def test_non_boolean_is_refused(answers: dict, option: str, value: object) -> None:
    answers[option] = value
    assert pre.boolean_errors(answers) == [f"{option} must be true or false, got {value!r}."]


@pytest.mark.parametrize("option", sorted(pre.CHOICES))
def test_unknown_choice_is_refused(answers: dict, option: str) -> None:
    answers[option] = "9.9"
    errors = pre.choice_errors(answers)
    assert len(errors) == 1
    assert errors[0].startswith(f"{option} must be one of ")


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"use_mfa": True, "use_login": False, "use_account_email": False}, ("use_mfa", "use_login")),
        (
            {"use_account_email": True, "use_login": False, "use_mfa": False},
            ("use_account_email", "use_login"),
        ),
        (
            {"rate_limit_storage": "redis", "use_rate_limiting": False},
            ("rate_limit_storage", "use_rate_limiting"),
        ),
    ],
)
def test_impossible_combination(answers: dict, overrides: dict, named: tuple) -> None:
    answers.update(overrides)
    errors = pre.combination_errors(answers)
    assert len(errors) == 1
    assert all(option in errors[0] for option in named)
    assert pre.validate(answers) == errors


@pytest.mark.parametrize(
    "overrides",
    [
        {"use_mfa": False, "use_account_email": False, "use_login": False},
        {"rate_limit_storage": "memory", "use_rate_limiting": False},
        {"rate_limit_storage": "redis", "use_rate_limiting": True},
        {"use_pre_commit": True, "init_git": False},
    ],
)
def test_possible_combination(answers: dict, overrides: dict) -> None:
    answers.update(overrides)
    assert pre.validate(answers) == []


def test_combination_rules_read_values(answers: dict) -> None:
    rules = (("database=postgresql", "use_docker", "reason"),)
    answers.update(database="postgresql", use_docker=False)
    assert pre.combination_errors(answers, rules) == [
        "database=postgresql requires use_docker=true (reason); change one of the two."
    ]
    answers["database"] = "sqlite"
    assert pre.combination_errors(answers, rules) == []


def condition_is_valid(condition: str) -> bool:
    """Tell whether a table condition names a real option and one of its values."""
    option, value = pre.parse_condition(condition)
    if option not in OPTIONS or option.startswith("_"):
        return False
    default = OPTIONS[option]
    if isinstance(default, bool):
        return value in {"true", "false"}
    return isinstance(default, list) and value in default


@pytest.mark.parametrize("rule", pre.COMBINATION_RULES)
def test_combination_rules_name_real_options(rule: tuple[str, str, str]) -> None:
    condition, requirement, _ = rule
    assert condition_is_valid(condition)
    assert condition_is_valid(requirement)


def test_several_problems_give_one_line_each(answers: dict) -> None:
    answers.update(
        project_slug="Bad Slug",
        package_name="flask",
        author_email="nope",
        use_login=False,
    )
    errors = pre.validate(answers)
    assert [error.split(" ")[0] for error in errors] == [
        "project_slug",
        "package_name",
        "author_email",
        "use_mfa=true",
        "use_account_email=true",
    ]
    assert all("\n" not in error for error in errors)


# --- hooks rendered the way cookiecutter renders them -------------------------------------


TRICKY = "Quotes ''' \"\"\" \\ back\\slash \n newline, ünïcödé 😀 }} %}"


def test_rendered_hooks_read_the_answers_back_exactly(tmp_path: Path) -> None:
    answers = default_answers(description=TRICKY, author_name='O"Brien \\ Ünal')
    for name in ("pre_gen_project", "post_gen_project"):
        rendered = render_hook(name, answers, tmp_path / f"{name}.py")
        spec = importlib.util.spec_from_file_location(f"rendered_{name}", rendered)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert module.load_answers() == answers


def test_rendered_pre_gen_hook_exit_status(tmp_path: Path) -> None:
    good = render_hook("pre_gen_project", default_answers(), tmp_path / "good.py")
    bad = render_hook(
        "pre_gen_project",
        default_answers(package_name="json", use_login=False, use_account_email=False),
        tmp_path / "bad.py",
    )
    ok = subprocess.run([sys.executable, good], capture_output=True, text=True, check=False)
    assert (ok.returncode, ok.stderr) == (0, "")
    failed = subprocess.run([sys.executable, bad], capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    lines = failed.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("ERROR: package_name 'json' ")
    assert lines[1].startswith("ERROR: use_mfa=true requires use_login=true")


@pytest.mark.parametrize("name", ["pre_gen_project", "post_gen_project"])
def test_unrendered_hook_refuses_to_run(tmp_path: Path, name: str) -> None:
    result = subprocess.run(
        [sys.executable, HOOKS / f"{name}.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "ERROR: this hook only runs through cookiecutter (answers not rendered)."
    ]
    assert list(tmp_path.iterdir()) == []


def test_rendered_post_gen_hook_finishes_a_project(tmp_path: Path) -> None:
    answers = default_answers(init_git=False, use_csrf=False)
    hook = render_hook("post_gen_project", answers, tmp_path / "hook.py")
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "test_csrf.py").write_text("x = 1\n")
    result = subprocess.run([sys.executable, hook], cwd=project, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert "Next steps:" in result.stdout
    assert not (project / "tests").exists()
    assert (project / ".env").is_file()
    saved = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert saved == post.saved_answers(answers)


# --- post_gen_project: REMOVE_PATHS -------------------------------------------------------


REMOVE_ROWS = [(condition, path) for condition, paths in post.REMOVE_PATHS for path in paths]


@pytest.mark.parametrize(("condition", "path"), REMOVE_ROWS)
def test_removed_path_exists_in_template(condition: str, path: str) -> None:
    assert (TEMPLATE / path.format(pkg=TEMPLATE_PKG)).exists(), condition


@pytest.mark.parametrize("condition", [row[0] for row in post.REMOVE_PATHS])
def test_remove_condition_names_a_real_option(condition: str) -> None:
    assert condition_is_valid(condition)


def test_defaults_remove_nothing(answers: dict) -> None:
    assert post.paths_to_remove(answers) == []


@pytest.mark.parametrize("condition", [row[0] for row in post.REMOVE_PATHS])
def test_condition_selects_its_rows(answers: dict, condition: str) -> None:
    option, value = post.parse_condition(condition)
    answers[option] = {"true": True, "false": False}.get(value, value)
    answers["package_name"] = "demo_pkg"
    expected = [
        path.replace("{pkg}", "src/demo_pkg")
        for other, paths in post.REMOVE_PATHS
        if other == condition
        for path in paths
    ]
    assert post.paths_to_remove(answers) == expected


def test_a_path_in_several_rows_is_removed_once(answers: dict) -> None:
    shared = [path for path, n in Counter(p for _, p in REMOVE_ROWS).items() if n > 1]
    assert shared, "no path belongs to two features any more: drop this test"
    every_condition_holding(answers)
    targets = post.paths_to_remove({**answers, "package_name": "demo_pkg"})
    assert len(targets) == len(set(targets))


def every_condition_holding(answers: dict) -> dict:
    """Answer so that every row of REMOVE_PATHS applies."""
    for condition, _ in post.REMOVE_PATHS:
        option, value = post.parse_condition(condition)
        answers[option] = {"true": True, "false": False}.get(value, value)
    return answers


def files_under(root: Path) -> set[str]:
    """List every file and folder below root, relative to it."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*")}


def test_pruning_a_template_copy_removes_exactly_the_table(tmp_path: Path, answers: dict) -> None:
    project = tmp_path / "project"
    shutil.copytree(TEMPLATE, project, symlinks=True)
    (project / TEMPLATE_PKG).rename(project / "src" / "demo_pkg")
    answers = every_condition_holding({**answers, "package_name": "demo_pkg"})
    targets = post.paths_to_remove(answers)
    before = files_under(project)

    removed = post.remove_paths(project, targets)

    assert sorted(removed) == sorted(targets)
    gone = before - files_under(project)
    assert all(not (project / path).exists() for path in targets)
    for path in gone:
        inside_target = any(path == t or path.startswith(f"{t}/") for t in targets)
        now_empty_parent = any(t.startswith(f"{path}/") for t in targets)
        assert inside_target or now_empty_parent, path


@pytest.fixture
def toy_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project tree and a REMOVE_PATHS table of its own."""
    project = tmp_path / "project"
    outside = tmp_path / "outside"
    (outside / "keep").mkdir(parents=True)
    for path in (
        "src/demo/security/login.py",
        "src/demo/security/__init__.py",
        "src/demo/templates/auth/login.html",
        "src/demo/templates/auth/deep/page.html",
        "tests/test_login.py",
        "tests/test_other.py",
        ".github/workflows/ci.yml",
        "Dockerfile",
    ):
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text("x\n")
    (project / "instance").mkdir()  # an empty folder nobody asked to remove
    (project / "linked").symlink_to(outside, target_is_directory=True)
    table = (
        ("use_login=false", ("{pkg}/security/login.py", "{pkg}/templates/auth")),
        ("use_login=false", ("tests/test_login.py", "not/there.py")),
        ("use_github_actions=false", (".github", "linked")),
        ("use_docker=false", ("Dockerfile",)),
    )
    monkeypatch.setattr(post, "REMOVE_PATHS", table)
    return project


def test_pruning_removes_exactly_the_listed_paths(toy_project: Path, answers: dict) -> None:
    answers.update(package_name="demo", use_login=False, use_github_actions=False, use_docker=True)
    removed = post.remove_paths(toy_project, post.paths_to_remove(answers))
    assert removed == [
        "src/demo/security/login.py",
        "src/demo/templates/auth",
        "tests/test_login.py",
        ".github",
        "linked",
    ]
    assert files_under(toy_project) == {
        "src",
        "src/demo",
        "src/demo/security",
        "src/demo/security/__init__.py",
        "tests",
        "tests/test_other.py",
        "Dockerfile",
        "instance",
    }
    # The symlink went, not the folder it pointed to.
    assert (toy_project.parent / "outside" / "keep").is_dir()


def test_pruning_nothing_when_features_are_on(toy_project: Path, answers: dict) -> None:
    answers["package_name"] = "demo"
    before = files_under(toy_project)
    assert post.remove_paths(toy_project, post.paths_to_remove(answers)) == []
    assert files_under(toy_project) == before


# --- post_gen_project: .env ----------------------------------------------------------------


def read_env(project: Path) -> dict[str, str]:
    """Parse KEY=value lines of project/.env."""
    lines = (project / ".env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_env_has_fresh_development_settings(tmp_path: Path, answers: dict) -> None:
    assert post.write_env(tmp_path, answers) is True
    values = read_env(tmp_path)
    assert set(values) == {
        "FLASK_PROFILE",
        "FLASK_APP",
        "FLASK_SECRET_KEY",
        "FLASK_DATA_ENCRYPTION_KEYS",
        "FLASK_AUDIT_HMAC_KEYS",
    }
    assert values["FLASK_PROFILE"] == "development"
    assert values["FLASK_APP"] == answers["package_name"]
    assert len(values["FLASK_SECRET_KEY"]) >= 64
    assert len(base64.urlsafe_b64decode(values["FLASK_DATA_ENCRYPTION_KEYS"])) == 32
    assert len(values["FLASK_AUDIT_HMAC_KEYS"]) >= 32  # SFA-U003
    assert values["FLASK_AUDIT_HMAC_KEYS"] != values["FLASK_SECRET_KEY"]


def test_env_key_is_a_fernet_key(tmp_path: Path, answers: dict) -> None:
    fernet = pytest.importorskip("cryptography.fernet")
    post.write_env(tmp_path, answers)
    box = fernet.Fernet(read_env(tmp_path)["FLASK_DATA_ENCRYPTION_KEYS"])
    assert box.decrypt(box.encrypt(b"secret")) == b"secret"


def test_env_follows_the_answers(tmp_path: Path, answers: dict) -> None:
    answers.update(
        use_encryption=False, use_audit_log=False, database="postgresql", rate_limit_storage="redis"
    )
    post.write_env(tmp_path, answers)
    values = read_env(tmp_path)
    assert "FLASK_DATA_ENCRYPTION_KEYS" not in values
    assert "FLASK_AUDIT_HMAC_KEYS" not in values
    assert values["FLASK_SQLALCHEMY_DATABASE_URI"] == (
        f"postgresql+psycopg://localhost/{answers['package_name']}"
    )
    assert values["FLASK_RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_env_secrets_differ_between_projects(tmp_path: Path, answers: dict) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    for project in (first, second):
        project.mkdir()
        post.write_env(project, answers)
    a, b = read_env(first), read_env(second)
    assert a["FLASK_SECRET_KEY"] != b["FLASK_SECRET_KEY"]
    assert a["FLASK_DATA_ENCRYPTION_KEYS"] != b["FLASK_DATA_ENCRYPTION_KEYS"]
    assert a["FLASK_AUDIT_HMAC_KEYS"] != b["FLASK_AUDIT_HMAC_KEYS"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_env_is_private_whatever_the_umask(tmp_path: Path, answers: dict) -> None:
    old = os.umask(0)
    try:
        post.write_env(tmp_path, answers)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600


def test_env_is_never_overwritten(tmp_path: Path, answers: dict) -> None:
    (tmp_path / ".env").write_text("FLASK_SECRET_KEY=mine\n")
    assert post.write_env(tmp_path, answers) is False
    assert (tmp_path / ".env").read_text() == "FLASK_SECRET_KEY=mine\n"


# --- post_gen_project: saved answers, next steps --------------------------------------------


def test_saved_answers_keep_only_user_facing_keys(tmp_path: Path, answers: dict) -> None:
    answers.update(
        _template="gh:example/cookiecutter-secure-flask-ai",
        _output_dir="/tmp/out",
        _repo_dir="/tmp/repo",
        __prompts__={"x": "y"},
    )
    post.write_answers(tmp_path, answers)
    text = (tmp_path / ".cookiecutter.json").read_text(encoding="utf-8")
    saved = json.loads(text)
    assert [key for key in saved if key.startswith("_")] == ["_template", "_template_version"]
    assert saved["_template_version"] == OPTIONS["_template_version"]
    assert list(saved) == sorted(saved)
    assert saved["package_name"] == answers["package_name"]
    assert saved["use_login"] is True
    assert "_copy_without_render" not in saved


def test_next_steps_cd_relative_or_absolute(tmp_path: Path) -> None:
    project = tmp_path / "out" / "demo"
    assert "  cd out/demo" in post.next_steps(project, tmp_path).splitlines()
    elsewhere = post.next_steps(project, tmp_path / "other")
    assert f"  cd {project}" in elsewhere.splitlines()
    assert "make test" in elsewhere


# --- post_gen_project: git and pre-commit ------------------------------------------------------


@pytest.mark.usefixtures("git_free_path")
def test_git_absent_gives_one_warning(
    tmp_path: Path, answers: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    assert post.init_git(tmp_path, answers) is False
    lines = stderr_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith("WARNING: git ")
    assert not (tmp_path / ".git").exists()


@needs_git
def test_git_present_makes_the_first_commit(
    tmp_path: Path, answers: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = tmp_path / "outer"
    outer.mkdir()
    git_output(outer, "init", "-q")
    # As inside a git hook: these must not send the new project's commit elsewhere.
    monkeypatch.setenv("GIT_DIR", str(outer / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(outer / ".git" / "index"))
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text("print('hi')\n")
    post.write_env(project, answers)  # no .gitignore: .env must still stay out
    answers.update(author_name="Ada Lovelace", author_email="ada@example.com")

    assert post.init_git(project, answers) is True

    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_INDEX_FILE")
    log = git_output(project, "log", "--format=%an|%ae|%s")
    assert log == "Ada Lovelace|ada@example.com|" + post.COMMIT_MESSAGE
    assert git_output(project, "branch", "--show-current") == "main"
    assert git_output(project, "ls-files").splitlines() == ["app.py"]
    assert git_output(outer, "status", "--porcelain") == ""


@needs_git
def test_git_failure_gives_one_warning(
    tmp_path: Path, answers: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.py").write_text("x = 1\n")
    answers["author_name"] = ""  # git refuses an empty identity
    assert post.init_git(tmp_path, answers) is False
    lines = stderr_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith("WARNING: git commit: ")


@pytest.mark.usefixtures("git_free_path")
def test_pre_commit_missing_prints_the_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(post.importlib.util, "find_spec", lambda name: None)
    assert post.pre_commit_command() is None
    assert post.install_pre_commit(tmp_path) is False
    out = capsys.readouterr()
    assert out.err == ""
    assert "pip install pre-commit && pre-commit install" in out.out


def test_pre_commit_failure_gives_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = [sys.executable, "-c", "import sys; sys.exit('no hooks today')"]
    monkeypatch.setattr(post, "pre_commit_command", lambda: failing)
    assert post.install_pre_commit(tmp_path) is False
    lines = stderr_lines(capsys)
    assert len(lines) == 1
    assert lines[0].startswith("WARNING: pre-commit install: no hooks today")


@needs_git
def test_pre_commit_installs_its_git_hook(tmp_path: Path, answers: dict) -> None:
    if post.pre_commit_command() is None:
        pytest.skip("pre-commit is not installed")
    (tmp_path / "app.py").write_text("x = 1\n")
    assert post.init_git(tmp_path, answers) is True
    assert post.install_pre_commit(tmp_path) is True
    assert (tmp_path / ".git" / "hooks" / "pre-commit").is_file()


# --- post_gen_project: the whole run --------------------------------------------------------


def test_finish_runs_every_step_quickly(
    toy_project: Path, answers: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    answers.update(package_name="demo", use_login=False, init_git=False)
    started = time.perf_counter()
    post.finish(toy_project, answers)
    elapsed = time.perf_counter() - started
    out = capsys.readouterr()
    assert out.err == ""
    assert out.out.rstrip().endswith("make test    # run the project's tests")
    assert not (toy_project / "tests" / "test_login.py").exists()
    assert (toy_project / ".env").is_file()
    assert (toy_project / ".cookiecutter.json").is_file()
    assert not (toy_project / ".git").exists()
    assert elapsed < 0.5


def test_finish_survives_a_failing_step(
    toy_project: Path,
    answers: dict,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(post, "write_env", explode)
    answers.update(package_name="demo", init_git=False)
    post.finish(toy_project, answers)
    assert stderr_lines(capsys) == ["WARNING: .env step skipped: disk on fire"]
    assert (toy_project / ".cookiecutter.json").is_file()


def test_main_without_rendering_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert post.main() == 1
    assert pre.main() == 1
    assert len(stderr_lines(capsys)) == 2
    assert list(tmp_path.iterdir()) == []
