"""Finish the generated project: prune disabled features, write secrets, save the answers,
initialise git and pre-commit, and print the next steps.

Cookiecutter renders this file with Jinja and runs it inside the new project. Every step
is a plain function, so the template's tests import this file unrendered and call them.
No step fails the bake: a problem prints one WARNING line and the next step runs.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import secrets
import shutil
import subprocess  # nosec B404
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

# The only Jinja in this file. A raw string keeps JSON escapes intact, and json.dumps
# escapes every quote inside a value, so no answer can end the string early.
ANSWERS_JSON = r"""{{ cookiecutter | jsonify }}"""


# The hooks run from separate temporary files, so they cannot import each other; these
# helpers (and load_features below) are the same in pre_gen_project.py.
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


def switched_off(feature: str) -> str:
    """The condition under which a feature is off: "use_x" -> "use_x=false", "a=b" -> "a!=b"."""
    option, value = parse_condition(feature)
    return f"{option}=false" if value == "true" else f"{option}!={value}"


# Files and folders of disabled features, from the manifest's "paths": (condition, paths
# relative to the project). "{pkg}" stands for src/<package_name>. A path listed by two features
# goes when either is off; tests/test_hooks.py checks that every path exists in the template.
REMOVE_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (switched_off(feature), tuple(entry["paths"]))
    for feature, entry in FEATURES.items()
    if entry.get("paths")
)

# YAML blocks inside files that stay, from the manifest's "yaml_blocks" (removed when the feature
# is off) and "yaml_blocks_when_on" (a block the feature replaces): (condition, file, first lines).
# A block is its first line (a list item "- id: x" or a key "x:"), the lines indented deeper
# below it, and the comment lines right above it; the YAML files themselves hold no Jinja.
REMOVE_BLOCKS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (condition, path, tuple(starts))
    for feature, entry in FEATURES.items()
    for condition, blocks in (
        (switched_off(feature), entry.get("yaml_blocks", {})),
        (feature, entry.get("yaml_blocks_when_on", {})),
    )
    for path, starts in blocks.items()
)

# Hashed locks resolved when the template was written, for every variant's dependencies at once
# (scripts/lock_template.py); each project keeps the packages its own pyproject.toml reaches.
LOCKS = {"requirements.lock": False, "requirements-dev.lock": True}  # file -> with the dev extra

COMMIT_MESSAGE = "Initial commit from cookiecutter-secure-flask-ai"
# Belt and braces: even if .gitignore forgot it, the first commit never holds secrets.
NEVER_COMMIT = (".env",)
# Variables that point git at another repository, e.g. when baking from a git hook.
GIT_LOCATION_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)
COMMAND_TIMEOUT = 120  # seconds; a stuck git or pre-commit must not hang the bake
PRE_COMMIT_HINT = "pip install pre-commit && pre-commit install"


def warn(message: str) -> None:
    """Print one WARNING line on stderr."""
    print(f"WARNING: {message}", file=sys.stderr)


def paths_to_remove(answers: Mapping[str, Any]) -> list[str]:
    """List the project paths of the features the answers disable, each once.

    A path may sit in several rows: a file that needs two features goes when either is off.
    """
    pkg = f"src/{answers['package_name']}"
    paths = [
        path.format(pkg=pkg)
        for condition, paths in REMOVE_PATHS
        if condition_holds(answers, condition)
        for path in paths
    ]
    return list(dict.fromkeys(paths))


def remove_paths(root: Path, paths: Iterable[str]) -> list[str]:
    """Delete the given paths under root and the folders they leave empty; return those removed."""
    removed = []
    for relative in paths:
        target = root / relative
        if not (target.exists() or target.is_symlink()):
            continue
        try:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        except OSError as exc:
            warn(f"could not remove {relative}: {exc.strerror or exc}")
            continue
        removed.append(relative)
        remove_empty_parents(root, target.parent)
    return removed


def remove_empty_parents(root: Path, folder: Path) -> None:
    """Delete folder and its ancestors below root while they are empty."""
    try:
        while folder != root and root in folder.parents and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError as exc:
        warn(f"could not remove empty folder {folder.relative_to(root)}: {exc.strerror or exc}")


def blocks_to_remove(answers: Mapping[str, Any]) -> dict[str, set[str]]:
    """Map each project file to the first lines of the YAML blocks the answers disable."""
    found: dict[str, set[str]] = {}
    for condition, path, starts in REMOVE_BLOCKS:
        if condition_holds(answers, condition):
            found.setdefault(path, set()).update(starts)
    return found


def indent_of(line: str) -> int:
    """Count the leading spaces of a line."""
    return len(line) - len(line.lstrip(" "))


def remove_blocks(text: str, starts: Iterable[str]) -> str:
    """Drop the YAML blocks whose first line (stripped) is one of ``starts``."""
    wanted = set(starts)
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip() not in wanted:
            kept.append(line)
            index += 1
            continue
        depth = indent_of(line)
        # The comments right above the block describe it: they go with it.
        while kept and kept[-1].strip().startswith("#") and indent_of(kept[-1]) == depth:
            kept.pop()
        index += 1
        while index < len(lines) and (not lines[index].strip() or indent_of(lines[index]) > depth):
            index += 1
        # Keep one blank line between the blocks around the gap.
        if index < len(lines) and kept and not kept[-1].strip() and not lines[index].strip():
            index += 1
    return "".join(kept)


def prune_yaml(root: Path, answers: Mapping[str, Any]) -> list[str]:
    """Remove the disabled tools' blocks from the YAML files that remain; return those edited."""
    edited = []
    for relative, starts in blocks_to_remove(answers).items():
        path = root / relative
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        pruned = remove_blocks(text, starts)
        if pruned != text:
            path.write_text(pruned, encoding="utf-8")
            edited.append(relative)
    return edited


def canonical(name: str) -> str:
    """Normalise a distribution name as PEP 503 does (Flask_Login -> flask-login)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution name of a requirement such as "psycopg[binary]==3.3.9"."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return canonical(match.group(1)) if match else ""


def lock_entries(text: str) -> tuple[list[str], list[tuple[str, list[str], list[str]]]]:
    """Split a uv/pip-compile lock into its header and (name, requirement lines, via) entries."""
    header: list[str] = []
    entries: list[tuple[str, list[str], list[str]]] = []
    for line in text.splitlines():
        stripped = line.strip()
        if line and not line[0].isspace() and not line.startswith("#"):
            entries.append((requirement_name(line), [line], []))
        elif not entries:
            header.append(line)
        elif stripped.startswith("# via "):
            entries[-1][2].append(stripped.removeprefix("# via ").strip())
        elif stripped.startswith("#   "):
            entries[-1][2].append(stripped.removeprefix("#").strip())
        elif stripped and stripped != "# via":
            entries[-1][1].append(line)
    return header, entries


def format_lock(header: list[str], entries: list[tuple[str, list[str], list[str]]]) -> str:
    """Write a lock back in uv's layout: requirement and hash lines, then "# via" lines."""
    out = list(header)
    for _name, lines, via in entries:
        out += lines
        if len(via) == 1:
            out.append(f"    # via {via[0]}")
        elif via:
            out += ["    # via", *(f"    #   {parent}" for parent in via)]
    return "\n".join(out) + "\n"


# --8<-- [start:prune-lock]
def prune_lock(text: str, roots: Iterable[str], project: str, constraint: set[str] | None = None) -> str:
    """Keep the lock entries reachable from ``roots`` along their "# via" annotations.

    ``roots`` are the project's own requirements, named ``project`` in the annotations; with
    ``constraint`` (the names the runtime lock keeps) a "-c requirements.lock" annotation stays
    only on those entries.
    """
    header, entries = lock_entries(text)
    wanted = {canonical(root) for root in roots}
    kept = set(wanted)
    changed = True
    while changed:  # a package stays when a kept package needs it
        changed = False
        for name, _lines, via in entries:
            if name not in kept and any(canonical(parent) in kept for parent in via):
                kept.add(name)
                changed = True

    def still_true(name: str, parent: str) -> bool:
        if parent == project:
            return name in wanted
        if parent.startswith("-c "):
            return constraint is None or name in constraint
        return canonical(parent) in kept

    return format_lock(
        header,
        [
            (name, lines, [parent for parent in via if still_true(name, parent)])
            for name, lines, via in entries
            if name in kept
        ],
    )


# --8<-- [end:prune-lock]
def project_requirements(root: Path) -> tuple[list[str], list[str]]:
    """Read the runtime and dev requirements from root/pyproject.toml."""
    import tomllib  # Python >= 3.11; older interpreters skip the step with a warning

    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = list(meta.get("dependencies", []))
    return runtime, runtime + list(meta.get("optional-dependencies", {}).get("dev", []))


def prune_locks(root: Path, answers: Mapping[str, Any]) -> list[str]:
    """Cut the template's locks down to this project's requirements; return the files pruned."""
    if not any((root / lock).is_file() for lock in LOCKS):
        return []
    runtime, dev = project_requirements(root)
    project = f"{answers['project_slug']} (pyproject.toml)"
    constraint: set[str] | None = None
    pruned = []
    for lock, with_dev in LOCKS.items():  # the runtime lock first: the dev lock refers to it
        path = root / lock
        if not path.is_file():
            continue
        roots = [requirement_name(r) for r in (dev if with_dev else runtime)]
        text = prune_lock(path.read_text(encoding="utf-8"), roots, project, constraint)
        path.write_text(text, encoding="utf-8")
        if not with_dev:
            constraint = {name for name, _lines, _via in lock_entries(text)[1]}
        pruned.append(lock)
    return pruned


def fernet_key() -> str:
    """Return a fresh Fernet key (32 random bytes, URL-safe base64) without cryptography."""
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def env_values(answers: Mapping[str, Any]) -> dict[str, str]:
    """Build the development settings, with secrets fresh for this project."""
    package = answers["package_name"]
    values = {
        "FLASK_PROFILE": "development",
        "FLASK_APP": package,
        "FLASK_SECRET_KEY": secrets.token_urlsafe(64),
    }
    if condition_holds(answers, "use_encryption"):
        values["FLASK_DATA_ENCRYPTION_KEYS"] = fernet_key()
    if condition_holds(answers, "use_audit_log"):
        values["FLASK_AUDIT_HMAC_KEYS"] = secrets.token_urlsafe(32)
    if condition_holds(answers, "database=postgresql"):
        values["FLASK_SQLALCHEMY_DATABASE_URI"] = f"postgresql+psycopg://localhost/{package}"
    if condition_holds(answers, "rate_limit_storage=redis"):
        values["FLASK_RATELIMIT_STORAGE_URI"] = "redis://127.0.0.1:6379/0"
    return values


def write_env(root: Path, answers: Mapping[str, Any]) -> bool:
    """Create root/.env (mode 0600) unless it exists; return whether it was written."""
    lines = [
        "# Development settings with secrets generated for this project only.",
        "# Keep this file out of version control; .env.example lists every setting.",
        *(f"{key}={value}" for key, value in env_values(answers).items()),
    ]
    try:
        # O_EXCL: never overwrite an existing .env, even if one appears meanwhile.
        # Mode 0600 from the start; a umask can only remove bits, never add them.
        fd = os.open(root / ".env", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(".env exists; left unchanged.")
        return False
    except OSError as exc:
        warn(f"could not write .env: {exc.strerror or exc}")
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as env_file:
        env_file.write("\n".join(lines) + "\n")
    return True


#: Private keys worth keeping with the answers: where the project was baked from, and which
#: release of the template (the changelog's latest version) it was baked with.
SAVED_PRIVATE_KEYS = ("_template", "_template_version")


def saved_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Keep the user-facing answers (and ``SAVED_PRIVATE_KEYS``) for re-baking the project."""
    return {
        key: value
        for key, value in sorted(answers.items())
        if not key.startswith("_") or key in SAVED_PRIVATE_KEYS
    }


def write_answers(root: Path, answers: Mapping[str, Any]) -> None:
    """Save the answers to root/.cookiecutter.json."""
    text = json.dumps(saved_answers(answers), indent=2, sort_keys=True) + "\n"
    try:
        (root / ".cookiecutter.json").write_text(text, encoding="utf-8")
    except OSError as exc:
        warn(f"could not write .cookiecutter.json: {exc.strerror or exc}")


def clean_env() -> dict[str, str]:
    """Copy the environment without variables that would redirect git elsewhere."""
    return {k: v for k, v in os.environ.items() if k not in GIT_LOCATION_VARIABLES}


def run(command: list[str], cwd: Path) -> str | None:
    """Run a command quietly; return None on success, else a one-line reason."""
    try:
        # List arguments, no shell; the executables come from shutil.which or sys.executable.
        result = subprocess.run(  # nosec B603
            command,
            cwd=cwd,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if result.returncode == 0:
        return None
    output = (result.stderr + result.stdout).splitlines()
    return next(
        (line.strip() for line in output if line.strip()),
        f"exit status {result.returncode}",
    )


def init_git(root: Path, answers: Mapping[str, Any]) -> bool:
    """Create a git repository on branch main with a first commit; return success."""
    git = shutil.which("git")
    if git is None:
        warn("git not found on PATH; skipped git init and the first commit.")
        return False
    identity = [
        "-c",
        f"user.name={answers['author_name']}",
        "-c",
        f"user.email={answers['author_email']}",
    ]
    steps = (
        ("init", [git, "init", "-q", "-b", "main"]),
        ("add", [git, "add", "-A"]),
        # Unstage secrets again; a no-op when .gitignore already kept them out.
        ("rm", [git, "rm", "-q", "--cached", "--ignore-unmatch", "--", *NEVER_COMMIT]),
        (
            "commit",
            [git, *identity, "commit", "-q", "--no-verify", "-m", COMMIT_MESSAGE],
        ),
    )
    for name, command in steps:
        reason = run(command, root)
        if reason is not None:
            warn(f"git {name}: {reason}")
            return False
    return True


def pre_commit_command() -> list[str] | None:
    """Find a way to run `pre-commit install`, or None if pre-commit is missing."""
    executable = shutil.which("pre-commit")
    if executable:
        return [executable, "install"]
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit", "install"]
    return None


def install_pre_commit(root: Path) -> bool:
    """Install the git hook of pre-commit, or print how to; return whether it is installed."""
    command = pre_commit_command()
    if command is None:
        print(f"pre-commit is not installed; to enable its hooks run: {PRE_COMMIT_HINT}")
        return False
    reason = run(command, root)
    if reason is not None:
        warn(f"pre-commit install: {reason} (run it yourself later: pre-commit install)")
        return False
    print("pre-commit hooks installed.")
    return True


def next_steps(root: Path, shell_cwd: Path | None) -> str:
    """Describe how to start; cd by a relative path when the project is below shell_cwd."""
    where = root
    if shell_cwd is not None and shell_cwd in root.parents:
        where = root.relative_to(shell_cwd)
    return "\n".join(
        (
            "Next steps:",
            f"  cd {where}",
            "  make run     # start the app on embedded defaults",
            "  make test    # run the project's tests",
        )
    )


def load_answers(text: str = ANSWERS_JSON) -> dict[str, Any]:
    """Parse the answers Cookiecutter rendered into ANSWERS_JSON."""
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError("this hook only runs through cookiecutter (answers not rendered)") from exc
    if not isinstance(answers, dict):
        raise TypeError("the rendered answers are not a JSON object")
    return answers


def finish(root: Path, answers: Mapping[str, Any]) -> None:
    """Run every step in order; an unexpected error in one step only skips that step."""
    wants_git = condition_holds(answers, "init_git")
    wants_hooks = wants_git and condition_holds(answers, "use_pre_commit")
    steps: tuple[tuple[str, bool, Callable[[], object]], ...] = (
        ("pruning", True, lambda: remove_paths(root, paths_to_remove(answers))),
        ("YAML pruning", True, lambda: prune_yaml(root, answers)),
        ("locks", True, lambda: prune_locks(root, answers)),
        (".env", True, lambda: write_env(root, answers)),
        (".cookiecutter.json", True, lambda: write_answers(root, answers)),
        ("git", wants_git, lambda: init_git(root, answers)),
        (
            "pre-commit",
            wants_hooks,
            lambda: (root / ".git").is_dir() and install_pre_commit(root),
        ),
    )
    for name, wanted, step in steps:
        if not wanted:
            continue
        try:
            step()
        except Exception as exc:  # a hook degrades; it never shows a traceback
            warn(f"{name} step skipped: {exc}")
    shell_cwd = os.environ.get("PWD")
    print(next_steps(root, Path(shell_cwd).resolve() if shell_cwd else None))


def main() -> int:
    """Finish the project in the current directory; return 1 only if not rendered."""
    try:
        answers = load_answers()
    except (ValueError, TypeError) as exc:
        print(f"ERROR: {exc}.", file=sys.stderr)
        return 1
    if not FEATURES:
        print(f"ERROR: the answers hold no {FEATURES_KEY} manifest (a replay file from an older template?).")
        return 1
    finish(Path.cwd().resolve(), answers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
