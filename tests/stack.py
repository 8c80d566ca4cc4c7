"""The compose stack of a baked project, run without Docker: what the image and compose would run.

This machine has no container engine, so the proof that the image and the stack hold the right
things is to do what they do, on loopback:

- ``build_image`` performs the Dockerfile's build stage (each ``RUN``, with its environment) in a
  fresh virtualenv, with the image's paths (``/opt/venv``, ``/opt/model``) mapped into a folder:
  the same hashed ``requirements.lock`` install, the same ``pip check``, the same model training.
  It reads the runtime stage's ``ENV``, ``WORKDIR`` and ``CMD``.
- ``compose_services`` reads ``compose.yaml``: each service built from the project (``build:``),
  its environment interpolated as compose does (``${VAR}``, ``${VAR:-default}``, ``${VAR:?error}``)
  from the variables an operator's env file gives, and its command (or the image's).
- ``Backends`` stands in for the ``db`` and ``redis`` services: a role and a fresh database on the
  machine's PostgreSQL, and a ``redis-server`` started with compose's own command line
  (``--requirepass``) on a free port. ``loopback`` points the service names of compose's URLs at them,
  as compose's network DNS would.

Only the mapping of paths and host names is ours; every command, package and setting comes from
the project's own files.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

VARIABLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


@dataclass
class Stage:
    """One ``FROM ... AS name`` stage: its RUN commands in order, ENV, WORKDIR and CMD."""

    runs: list[tuple[dict[str, str], str]] = field(default_factory=list)  # (env at that point, command)
    env: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    cmd: list[str] = field(default_factory=list)


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments and directives dropped."""
    logical, pending = [], ""
    for line in dockerfile.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.startswith("#"):  # a comment inside a continued instruction
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        logical.append(pending + stripped)
        pending = ""
    pairs = []
    for text in logical:
        keyword, _, rest = text.partition(" ")
        pairs.append((keyword.upper(), rest.strip()))
    return pairs


def env_pairs(arguments: str, known: dict[str, str]) -> dict[str, str]:
    """``ENV a=1 b=$c`` as a dict, ``$VAR`` expanded from the stage's earlier ENV."""
    result = {}
    for item in shlex.split(arguments):
        name, _, value = item.partition("=")
        result[name] = re.sub(r"\$\{?(\w+)\}?", lambda m: known.get(m[1], os.environ.get(m[1], "")), value)
    return result


def stages(dockerfile: Path) -> dict[str, Stage]:
    """The Dockerfile's stages by name, with ARG defaults expanded."""
    args: dict[str, str] = {}
    found: dict[str, Stage] = {}
    current: Stage | None = None
    for keyword, rest in instructions(dockerfile):
        if keyword == "ARG":
            name, _, default = rest.partition("=")
            args[name] = default
        elif keyword == "FROM":
            current = Stage()
            found[rest.split()[-1] if " AS " in rest.upper() else str(len(found))] = current
        elif current is None:
            continue
        elif keyword == "ENV":
            current.env |= env_pairs(rest, {**args, **current.env})
        elif keyword == "WORKDIR":
            current.workdir = rest
        elif keyword == "RUN":
            current.runs.append((dict(current.env), rest))
        elif keyword == "CMD":
            current.cmd = yaml.safe_load(rest)  # the exec form is a JSON array
    return found


@dataclass
class Image:
    """The built image, on this machine: its virtualenv, paths, runtime environment and command."""

    root: Path
    paths: dict[str, str]  # image path -> path here
    env: dict[str, str]
    cmd: list[str]
    build_log: str

    def here(self, text: str) -> str:
        """``text`` with the image's paths replaced by where they are on this machine."""
        for inside, outside in sorted(self.paths.items(), key=lambda p: -len(p[0])):
            text = text.replace(inside, outside)
        return text


def build_image(project: Path, root: Path, python: str) -> Image:
    """Perform the build stage of ``project``'s Dockerfile; raise with the log on a failed step.

    A ``root`` that already holds a finished build of the same Dockerfile is used as it is (the
    test processes share one build, see ``shared_image``)."""
    found = stages(project / "Dockerfile")
    build, runtime = found["build"], found["runtime"]
    paths = {"/opt/venv": str(root / "venv"), "/opt/model": str(root / "model"), "/app": str(project)}
    finished = root / "build.log"
    if finished.exists():
        image = Image(root, paths, {}, runtime.cmd, finished.read_text())
        image.env = {name: image.here(value) for name, value in runtime.env.items()}
        return image
    log = []
    for env, command in build.runs:
        command = command.replace("python -m venv", f"{python} -m venv", 1)
        for inside, outside in paths.items():
            command = command.replace(inside, outside)
        done = subprocess.run(
            ["bash", "-c", f"set -euo pipefail; {command}"],
            cwd=project,  # WORKDIR /build holds exactly what COPY put there: files of the project
            env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(root)), **env},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        log.append(f"$ {command}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            raise AssertionError("the image's build step failed:\n" + "\n".join(log)[-6000:])
    image = Image(root, paths, {}, runtime.cmd, "\n".join(log))
    finished.write_text(image.build_log)
    image.env = {name: image.here(value) for name, value in runtime.env.items()}
    return image


def interpolate(value: str, variables: dict[str, str]) -> str:
    """compose's interpolation: ``${X}``, ``${X:-default}``, ``${X-default}``, ``${X:?error}``."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"] or ""
        have = variables.get(name)
        empty = have is None or (have == "" and op is not None and op.startswith(":"))
        if op in (":-", "-") and empty:
            return arg
        if op in (":?", "?") and empty:
            raise AssertionError(f"compose refuses to start: {name}: {arg}")
        return have or ""

    return VARIABLE.sub(one, value.replace("$$", "\0")).replace("\0", "$")


@dataclass
class Service:
    name: str
    environment: dict[str, str]
    command: list[str] | None  # None: the image's CMD


def compose_services(project: Path, variables: dict[str, str]) -> dict[str, Service]:
    """The services that run the project's image, with their interpolated environment."""
    spec: dict[str, Any] = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    services = {}
    for name, service in spec["services"].items():
        if "build" not in service:
            continue
        environment = {
            key: interpolate(str(value), variables) for key, value in service["environment"].items()
        }
        command = service.get("command")
        services[name] = Service(
            name, environment, [interpolate(c, variables) for c in command] if command else None
        )
    return services


def backing_command(project: Path, name: str, variables: dict[str, str]) -> list[str]:
    """The command line compose gives a backing service (``redis``), interpolated."""
    spec = yaml.safe_load((project / "compose.yaml").read_text(encoding="utf-8"))
    return [interpolate(str(part), variables) for part in spec["services"][name]["command"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Backends:
    """PostgreSQL and Redis for compose's ``db`` and ``redis`` services, on loopback."""

    def __init__(self, project: Path, variables: dict[str, str], admin_url: str) -> None:
        import psycopg

        self.admin_url = admin_url.replace("+psycopg", "")
        self.database = f"stack_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            role = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = 'app'").fetchone()
            if role is None:
                # The other test process may make it between the check and here.
                with contextlib.suppress(psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
                    conn.execute("CREATE ROLE app LOGIN")
            conn.execute(f'CREATE DATABASE "{self.database}" OWNER app')
        server = shutil.which("redis-server")
        if server is None:
            raise AssertionError("redis-server is not installed")
        self.redis_port = free_port()
        command = backing_command(project, "redis", variables)
        assert command[0] == "redis-server", command
        self.redis = subprocess.Popen(
            [server, *command[1:], "--port", str(self.redis_port), "--bind", "127.0.0.1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.redis_port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError("redis-server did not start")

    def loopback(self, environment: dict[str, str]) -> dict[str, str]:
        """compose's URLs with the service names pointed at this machine's servers."""
        result = {}
        for key, value in environment.items():
            if "://" in value:
                parts = urlsplit(value)
                if parts.hostname == "db":
                    netloc = parts.netloc.rsplit("@", 1)[0] + "@127.0.0.1:5432"
                    value = urlunsplit(parts._replace(netloc=netloc, path=f"/{self.database}"))
                elif parts.hostname == "redis":
                    netloc = parts.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{self.redis_port}"
                    value = urlunsplit(parts._replace(netloc=netloc))
            result[key] = value
        return result

    def close(self) -> None:
        import psycopg

        self.redis.terminate()
        self.redis.wait(timeout=10)
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
