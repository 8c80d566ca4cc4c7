"""Write the template's hashed locks: every dependency that any variant can ask for.

A generated project installs from ``requirements.lock`` / ``requirements-dev.lock``, but the
post-gen hook cannot run a resolver (generation works offline). So the template ships one lock
resolved at authoring time for the union of all variants' dependencies, and the post-gen hook
prunes it to the packages the variant's own pyproject.toml reaches (``prune_lock`` in
hooks/post_gen_project.py). Run this after changing a dependency in the template's pyproject.toml:

    .venv/bin/python scripts/lock_template.py            # keep current versions where possible
    .venv/bin/python scripts/lock_template.py --upgrade  # newest versions

tests/test_locks.py fails when the template's locks miss a dependency of some variant. The
script records when it resolved (``resolved-at`` in pyproject.toml): the tests resolve again as of
that moment, so that a release published since cannot change their answer.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "{{cookiecutter.project_slug}}"
LOCKS = {"requirements.lock": False, "requirements-dev.lock": True}  # file -> with the dev extra
MIN_PYTHON = "3.11"  # the lowest python_version choice; the resolution is universal above it
# What `make lock` runs in a generated project, shown in the lock header (rendered per project).
HEADER = (
    "#    uv pip compile pyproject.toml {extra}--universal"
    " --python-version {{{{ cookiecutter.python_version }}}} --generate-hashes -o {lock}"
)
DEV_EXTRA = "--extra dev --constraint requirements.lock "
PROJECT = "{{ cookiecutter.project_slug }} (pyproject.toml)"


def variants() -> list[dict[str, object]]:
    """Every choice value with every boolean on, plus every boolean off: all dependencies appear."""
    options = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
    booleans = [k for k, v in options.items() if isinstance(v, bool) and not k.startswith("_")]
    choices = {k: v for k, v in options.items() if isinstance(v, list) and not k.startswith("_")}
    choices["python_version"] = [MIN_PYTHON]  # the Python version changes no dependency
    rows = [
        {**dict.fromkeys(booleans, True), **dict(zip(choices, values, strict=True))}
        for values in itertools.product(*choices.values())
    ]
    rows.append({**dict.fromkeys(booleans, False), **{k: v[0] for k, v in choices.items()}})
    return rows


def requirements() -> tuple[list[str], list[str]]:
    """The union of the rendered runtime and dev requirements over all variants."""
    from cookiecutter.main import cookiecutter

    runtime: set[str] = set()
    dev: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for index, answers in enumerate(variants()):
            out = Path(tmp) / str(index)
            project = Path(
                cookiecutter(
                    str(ROOT), no_input=True, output_dir=str(out), extra_context=answers, accept_hooks=False
                )
            )
            meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
            runtime.update(meta["dependencies"])
            dev.update(meta.get("optional-dependencies", {}).get("dev", []))
    return sorted(runtime), sorted(runtime | dev)


def compile_lock(lock: str, reqs: list[str], with_dev: bool, work: Path, upgrade: bool) -> str:
    """Resolve ``reqs`` with uv into ``work/lock`` and return the text, in `make lock` form."""
    source = work / lock.replace(".lock", ".in")
    source.write_text("\n".join(reqs) + "\n", encoding="utf-8")
    target = work / lock
    if (TEMPLATE / lock).exists():  # uv keeps the versions of an existing output file
        shutil.copy(TEMPLATE / lock, target)
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    command = [
        uv,
        "pip",
        "compile",
        source.name,
        "--universal",
        "--python-version",
        MIN_PYTHON,
        "--generate-hashes",
        "--quiet",
        "-o",
        lock,
    ]
    if with_dev:
        command += ["--constraint", "requirements.lock"]
    if upgrade:
        command.append("--upgrade")
    subprocess.run(command, cwd=work, check=True)
    text = target.read_text(encoding="utf-8")
    text = re.sub(
        r"(?m)^#    uv pip compile .*$",
        HEADER.format(extra=DEV_EXTRA if with_dev else "", lock=lock),
        text,
        count=1,
    )
    return text.replace(f"-r {source.name}", PROJECT)


def record_resolution_time(now: datetime.datetime) -> None:
    """Write ``now`` as ``resolved-at`` into the template's pyproject.toml."""
    pyproject = ROOT / "pyproject.toml"
    stamp = now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text, count = re.subn(
        r'(?m)^resolved-at = "[^"]*"$', f'resolved-at = "{stamp}"', pyproject.read_text(encoding="utf-8")
    )
    if count != 1:
        raise SystemExit("pyproject.toml has no [tool.lock-template] resolved-at line")
    pyproject.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upgrade", action="store_true", help="resolve the newest versions")
    args = parser.parse_args(argv)
    runtime, dev = requirements()
    started = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for lock, with_dev in LOCKS.items():
            text = compile_lock(lock, dev if with_dev else runtime, with_dev, work, args.upgrade)
            # The dev lock is resolved with --constraint on this exact file.
            (work / lock).write_text(text, encoding="utf-8")
            (TEMPLATE / lock).write_text(text, encoding="utf-8")
            count = len(re.findall(r"(?m)^[a-z0-9]", text))
            print(f"wrote {TEMPLATE.name}/{lock}: {count} packages")
    record_resolution_time(started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
