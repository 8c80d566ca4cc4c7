"""Bake option combinations and hold every variant to the same bar.

Each bake must leave no Jinja behind, no file, import or dependency of a disabled feature, be
clean under ruff (lint and format) and bandit, and pass its own test suite. Variants: the
defaults, each option flipped, all off, and a pairwise covering set of every option. The defaults
and all-off, the most and the least code, also pass ``mypy --strict`` (too slow for every variant).
"""

from __future__ import annotations

import filecmp
import itertools
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import BIN, CARRIED_FLIPS, OPTIONS, ROOT, bake, defaults, interpreter, load_hook, run

POST_GEN = load_hook("post_gen_project")
PRE_GEN = load_hook("pre_gen_project")

# What may not appear anywhere in a project baked without a feature: its imports and packages,
# the "markers" of its entry in the feature manifest.
FEATURES: dict[str, dict[str, Any]] = OPTIONS["_features"]
FEATURE_MARKERS = {name: tuple(entry["markers"]) for name, entry in FEATURES.items() if entry.get("markers")}
# Files where Jinja is runtime syntax (Flask templates) or another tool's (GitHub expressions).
RUNTIME_JINJA = re.compile(r"/templates/|/static/|\.github/workflows/|\.mako$")
TEXT_SUFFIXES = {".py", ".toml", ".cfg", ".ini", ".md", ".yml", ".yaml", ".txt", ".html", ".js", ".css", ""}
BOOLEAN_OPTIONS = [k for k, v in OPTIONS.items() if isinstance(v, bool) and not k.startswith("_")]
CHOICE_OPTIONS = {k: v for k, v in OPTIONS.items() if isinstance(v, list) and not k.startswith("_")}


def allowed(answers: dict[str, Any]) -> bool:
    """True when the pre-gen hook accepts the combination."""
    return not PRE_GEN.combination_errors(answers)


def complete(answers: dict[str, Any]) -> dict[str, Any]:
    """Fill in the defaults; options not given follow their requirements (MFA and mail need login)."""
    full = defaults() | answers
    for needs_login in ("use_mfa", "use_account_email"):
        if not full["use_login"] and needs_login not in answers:
            full[needs_login] = False
    if not full["use_rate_limiting"] and "rate_limit_storage" not in answers:
        full["rate_limit_storage"] = "memory"
    return full


def pairwise(factors: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """A small set of allowed combinations covering every allowed pair of option values.

    Greedy construction (as in AETG): repeatedly pick, from candidates built around one
    uncovered pair, the combination that covers the most uncovered pairs.
    """
    names = list(factors)
    uncovered = {
        ((a, va), (b, vb))
        for a, b in itertools.combinations(names, 2)
        for va in factors[a]
        for vb in factors[b]
        if allowed(complete({a: va, b: vb}))
    }
    rows: list[dict[str, Any]] = []
    while uncovered:
        (a, va), (b, vb) = min(uncovered, key=repr)
        row = {a: va, b: vb}
        for name in names:
            if name in row:
                continue
            candidates = [v for v in factors[name] if allowed(complete(row | {name: v}))]
            best = max(
                candidates,
                key=lambda value: sum(
                    ((name, value), (other, row[other])) in uncovered
                    or ((other, row[other]), (name, value)) in uncovered
                    for other in row
                ),
            )
            row[name] = best
        row = complete(row)
        covered = {((x, row[x]), (y, row[y])) for x, y in itertools.combinations(names, 2)} & uncovered
        if not covered:  # the repair changed the pair we aimed for; drop it
            uncovered.discard(((a, va), (b, vb)))
            continue
        uncovered -= covered
        rows.append(row)
    return rows


FACTORS = {name: [True, False] for name in BOOLEAN_OPTIONS} | {
    name: values for name, values in CHOICE_OPTIONS.items() if name != "python_version"
}
# (option, value) -> the name of the variant that flips it alone.
VARIANT_NAMES: dict[tuple[str, Any], str] = {
    (name, False): f"{name}-off" for name in BOOLEAN_OPTIONS if OPTIONS[name]
} | {(name, value): f"{name}-{value}" for name, values in CHOICE_OPTIONS.items() for value in values[1:]}
VARIANTS: dict[str, dict[str, Any]] = {"defaults": {}}
VARIANTS |= {variant: complete({name: value}) for (name, value), variant in VARIANT_NAMES.items()}
VARIANTS["all-off"] = complete({name: False for name in BOOLEAN_OPTIONS})
VARIANTS |= {f"pairwise-{i}": row for i, row in enumerate(pairwise(FACTORS))}


def text_files(project: Path) -> list[Path]:
    return [
        p for p in project.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES and ".git/" not in str(p)
    ]


def check_no_jinja(project: Path) -> list[str]:
    problems = []
    for path in text_files(project):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(project).as_posix()
        if re.search(r"cookiecutter\.(?!json)\w", text) and rel != ".cookiecutter.json":
            problems.append(f"{rel}: unrendered cookiecutter variable")
        if not RUNTIME_JINJA.search("/" + rel) and re.search(r"\{\{|\{%|\{#", text):
            problems.append(f"{rel}: leftover Jinja")
    return problems


def check_dependencies(project: Path, answers: dict[str, Any]) -> list[str]:
    """A feature's dependencies are required exactly when a feature that needs them is on."""
    requirements = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    have = {POST_GEN.requirement_name(r) for r in requirements["dependencies"]}
    wanted: dict[str, bool] = {}
    for feature, entry in FEATURES.items():
        for name in entry.get("dependencies", ()):
            wanted[name] = wanted.get(name, False) or POST_GEN.condition_holds(answers, feature)
    return [
        f"dependency {name} {'missing' if on else 'present though no feature needs it'}"
        for name, on in wanted.items()
        if (name in have) != on
    ]


def check_disabled_features(project: Path, answers: dict[str, Any]) -> list[str]:
    problems = []
    package = answers["package_name"] if "package_name" in answers else project.name.replace("-", "_")
    for condition, paths in POST_GEN.REMOVE_PATHS:
        if POST_GEN.condition_holds(answers, condition):
            for path in paths:
                if (project / path.format(pkg=f"src/{package}")).exists():
                    problems.append(f"{path} should be gone ({condition})")
    files = text_files(project)
    for option, markers in FEATURE_MARKERS.items():
        if POST_GEN.condition_holds(answers, option):
            continue
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [
                f"{path.relative_to(project)} mentions {m!r} ({option}=false)" for m in markers if m in text
            ]
    return problems


# Variants whose suites run in full, live servers and browsers included; the others skip those
# (the code they exercise is the same in every variant) to keep the matrix within CI's budget.
FULL_SUITE = {"defaults", "all-off"}
QUICK_MARKERS = "not live and not browser and not slow"
# Redis and PostgreSQL change one default setting of src/ (the storage URI, the database): their
# live-server tests run (gunicorn on that default), not the browser and fuzz tests, whose pages
# and routes are the defaults' own.
LIVE_SUITE = {"rate_limit_storage-redis", "database-postgresql"}
LIVE_MARKERS = "live and not browser and not slow"
# Flips whose suite test_install runs on another Python (CARRIED_FLIPS): the bake there differs
# from this one only in python_version, which changes no file of src/ or tests/.
CARRIED = {
    VARIANT_NAMES[option, value]: version
    for version, flip in CARRIED_FLIPS.items()
    for option, value in flip.items()
}
# Options that change one default setting and nothing else of src/ (asserted on the bake). The
# generated tests set what they test, so the whole suite would only repeat the defaults' run:
# these variants run the test modules that name the setting, and the live-server tests, which
# serve the baked default (gunicorn on PostgreSQL, on Redis).
SETTING_ONLY = {
    "log_format-text": ("config.py", "LOG_FORMAT"),
    "database-postgresql": ("config.py", "DATABASE"),
    "rate_limit_storage-redis": ("ratelimit.py", "RATELIMIT_STORAGE_URI"),
}
# Variants type-checked with the project's own [tool.mypy] settings (strict): the most and the
# least code. mypy takes seconds per bake, so the other variants skip it.
TYPECHECKED = {"defaults", "all-off"}


def verify(
    project: Path,
    answers: dict[str, Any],
    run_tests: bool = True,
    markers: str | None = None,
    collect_only: bool = False,
    typecheck: bool = False,
    modules: list[str] | None = None,
) -> None:
    """Every check a baked project must pass; failures list everything at once.

    ``markers`` selects the tests the project's suite runs (``-m``); None runs all of them.
    ``modules`` also runs those test modules' quick tests."""
    problems = check_no_jinja(project) + check_disabled_features(project, answers)
    problems += check_dependencies(project, answers)
    tools = {
        "ruff check": [str(BIN / "ruff"), "check", "--no-cache", "."],
        "ruff format": [str(BIN / "ruff"), "format", "--check", "--no-cache", "."],
        "bandit": [str(BIN / "bandit"), "-q", "-ll", "-c", "pyproject.toml", "-r", "src"],
    }
    if typecheck:  # as the project's pyproject.toml configures it; the cache stays out of the project
        tools["mypy"] = [str(BIN / "mypy"), "--cache-dir", str(project.parent / "mypy-cache")]
    if run_tests:
        pytest_ = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x"]
        tools["pytest"] = pytest_ + (["-m", markers] if markers else [])
        if collect_only:  # every test module imports and every fixture resolves
            # No assertion is evaluated, so none is rewritten: pytest's rewriting of a fresh
            # bake's test modules is half of a collection's time (3 of 6 s here).
            tools["pytest"] += ["--collect-only", "--assert=plain"]
        if modules:
            tools["pytest (modules)"] = [*pytest_, "-m", QUICK_MARKERS, *modules]
    for name, args in tools.items():
        result = run(args, project)
        if result.returncode != 0:
            problems.append(f"{name} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("answers", [defaults()], ids=["defaults"])
def test_defaults_bake_with_hooks_git_and_checks(tmp_path: Path, answers: dict[str, Any]) -> None:
    project = bake(tmp_path, init_git=True, use_pre_commit=True)
    assert (project / ".env").exists() and (project / ".cookiecutter.json").exists()
    assert (project / ".git").is_dir()
    tracked = run(["git", "ls-files"], project).stdout.split()
    assert ".env" not in tracked and "src/secure_ai_app/__init__.py" in tracked
    # The defaults' suite runs in full in test_install (Python 3.11): installed the user's way.
    verify(project, answers, collect_only=True, typecheck=True)


@pytest.fixture(scope="session")
def defaults_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One defaults bake per test process, to compare the variants with."""
    return bake(tmp_path_factory.mktemp("defaults-reference"))


def differing_files(left: Path, right: Path) -> list[Path]:
    """The files of ``left`` that ``right`` lacks or holds different bytes of, and those only in
    ``right`` (as paths under ``right``), recursively."""
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [left / n for n in compared.left_only] + [right / n for n in compared.right_only]
    found += [left / n for n in compared.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [left / n for n in mismatch + errors]
    for name in compared.common_dirs:
        found += differing_files(left / name, right / name)
    return found


def same_code_as_the_defaults(project: Path, reference: Path) -> bool:
    """Whether ``src/`` and ``tests/`` are byte for byte those of the ``reference`` bake."""
    return not any(differing_files(project / part, reference / part) for part in ("src", "tests"))


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in VARIANTS if n != "defaults"])
def test_variant(tmp_path: Path, name: str, defaults_reference: Path) -> None:
    answers = complete(VARIANTS[name])
    assert allowed(answers), f"{name} is not an allowed combination"
    project = bake(tmp_path, **{k: v for k, v in answers.items() if k in OPTIONS})
    # Pairwise rows add combinations, not code, and so do the options that change no file of
    # src/ or tests/ (git, pre-commit, Docker, CI, the Python version, which test_install runs
    # under its own interpreter): they are linted, checked for leftovers and collected, since
    # their suite is the defaults'. The other flips and all-off run their suites (CI's budget),
    # some of them elsewhere (CARRIED) or narrowed to what they change (SETTING_ONLY).
    collect_only = name.startswith("pairwise") or same_code_as_the_defaults(project, defaults_reference)
    carrier = CARRIED.get(name)
    if carrier is not None and interpreter(carrier) is not None:
        collect_only = True  # test_install runs this flip's suite on Python {carrier}
    typecheck = name in TYPECHECKED
    markers = None if name in FULL_SUITE else LIVE_MARKERS if name in LIVE_SUITE else QUICK_MARKERS
    modules: list[str] = []
    if name in SETTING_ONLY:
        changed, setting = SETTING_ONLY[name]
        differing = differing_files(project / "src", defaults_reference / "src")
        assert [p.name for p in differing] == [changed], f"{name} changes {differing}, not only {changed}"
        modules = naming(project, setting)
        collect_only = collect_only or name not in LIVE_SUITE
    verify(project, answers, markers=markers, collect_only=collect_only, typecheck=typecheck, modules=modules)


def naming(project: Path, setting: str) -> list[str]:
    """The generated test modules that name ``setting`` (as a quoted key or a word)."""
    word = re.compile(rf"\b{re.escape(setting)}\b")
    modules = (project / "tests").glob("test_*.py")
    return sorted(str(path.relative_to(project)) for path in modules if word.search(path.read_text()))


def test_pairwise_set_covers_every_allowed_pair() -> None:
    rows = [complete(v) for k, v in VARIANTS.items() if k.startswith("pairwise")]
    for a, b in itertools.combinations(FACTORS, 2):
        for va, vb in itertools.product(FACTORS[a], FACTORS[b]):
            if allowed(complete({a: va, b: vb})):
                assert any(r[a] == va and r[b] == vb for r in rows), (a, va, b, vb)


def test_every_variant_is_allowed_and_distinct() -> None:
    seen = set()
    for name, answers in VARIANTS.items():
        full = complete(answers)
        assert allowed(full), name
        key = tuple(sorted((k, str(v)) for k, v in full.items()))
        seen.add(key)
    assert len(seen) >= len(VARIANTS) - 3  # flips and pairwise rows may coincide a little


def test_app_dependency_group_matches_the_generated_pins(tmp_path: Path) -> None:
    """The template's environment runs the baked test suites: same pins as the projects ask."""
    group = {
        re.split(r"[=<>\[]", req)[0].lower(): req
        for req in tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]["app"]
    }
    everything = complete({name: True for name in BOOLEAN_OPTIONS}) | {"database": "postgresql"}
    project = bake(tmp_path, **{k: v for k, v in everything.items() if k in OPTIONS})
    meta = tomllib.loads((project / "pyproject.toml").read_text())["project"]
    pins = list(meta["dependencies"])
    for extra, reqs in meta.get("optional-dependencies", {}).items():
        if extra != "dev":
            pins += reqs
    for pin in pins:
        name = re.split(r"[=<>\[]", pin)[0].lower()
        assert name in group, f"{pin} is missing from the template's 'app' dependency group"
        assert group[name] == pin, f"{pin} differs from the template's {group[name]}"


def test_template_sources_are_lint_clean() -> None:
    """The hooks and these tests meet the same bar as the projects they bake."""
    for args in (["check", "hooks", "tests"], ["format", "--check", "hooks", "tests"]):
        result = run([str(BIN / "ruff"), *args, "--no-cache"], ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
