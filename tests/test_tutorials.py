"""The tutorials, run from their own pages: the page is the script, so it cannot drift from the code.

A tested block is a fenced block right after an HTML comment, invisible in the rendered page:

- ``<!-- test: run -->``: run it; it must succeed (bash with ``set -euo pipefail``).
- ``<!-- test: fails -->``: run it; it must fail (the deploy check with findings exits 1).
- ``<!-- test: background URL... -->``: start it in the background, as the reader leaves it running
  in a terminal, and wait until every URL answers (any HTTP status).
- ``<!-- test: output -->``: a ``text`` block after a run block; each of its lines must appear, in
  order, among the lines that block printed. ``…`` stands for any text.

The blocks of a page run in order in one bash process, in a fresh folder, with stdin from
``/dev/null`` (a block that needs input shows its own ``printf`` or heredoc); what a block leaves
running is stopped with the script's process group. The only changes to the page's commands are
the ``Substitution``s each test lists, each with its reason (the template here instead of a clone,
free ports, the project's ``.venv`` borrowed from this environment); each must still match the
page, so none outlives the text it was written for. The environment adds this environment's tools
on PATH (the page's ``pip install cookiecutter``), Caddy's data folder inside the test's folder,
and, for scale-out, a Redis key prefix of the run's own.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import BIN, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.live]

TUTORIALS = ROOT / "docs" / "tutorials"
ADMIN_DB = os.environ.get("TEST_POSTGRES_URL", "postgresql://localhost/postgres")
TIMEOUT = 240  # seconds for a whole page; each takes well under two minutes

MARK = re.compile(
    r"^(?P<indent>[ \t]*)<!-- test: (?P<kind>run|fails|background|output)(?P<args>(?: [^ >]+)*) -->\n"
    r"(?P=indent)(?P<fence>`{3,})[^\n]*\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)

# The helpers the blocks may rely on through the substitutions, and the strict shell.
PRELUDE = r"""
set -euo pipefail

# The project's .venv from this environment's packages, instead of `make install` downloading
# them: the project on the path as `pip install -e .` puts it, and its console scripts.
borrow_venv() {
    "$TEST_PYTHON" -m venv --without-pip .venv
    local site
    site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
    printf 'import site; site.addsitedir(%s)\n%s\n' "'$TEST_SITE'" "$PWD/src" > "$site/_borrowed.pth"
    printf '#!%s\nimport sys\nfrom flask.cli import main\nsys.exit(main())\n' \
        "$PWD/.venv/bin/python" > .venv/bin/flask
    printf '#!%s\nimport sys\nfrom gunicorn.app.wsgiapp import run\nsys.exit(run())\n' \
        "$PWD/.venv/bin/python" > .venv/bin/gunicorn
    chmod +x .venv/bin/flask .venv/bin/gunicorn
}

# Every URL answers (any HTTP status), or fail after 90 s.
wait_for() {
    local url deadline=$((SECONDS + 90))
    for url in "$@"; do
        until curl -sk -o /dev/null --max-time 2 "$url"; do
            if ((SECONDS >= deadline)); then echo "no answer from $url"; return 1; fi
            sleep 0.3
        done
    done
}
"""


@dataclass(frozen=True)
class Block:
    kind: str
    args: tuple[str, ...]
    text: str
    line: int


@dataclass(frozen=True)
class Substitution:
    pattern: str  # a regular expression, matched in the tested blocks (and their URLs)
    replacement: str
    reason: str


def blocks(page: Path) -> list[Block]:
    """The tested blocks of a page, in order, dedented; fail on a marker that names no block."""
    source = page.read_text(encoding="utf-8")
    found = []
    for m in MARK.finditer(source):
        indent = m["indent"]
        lines = [line.removeprefix(indent) for line in m["body"].splitlines()]
        line = source.count("\n", 0, m.start()) + 2  # the fence's line, 1-based
        found.append(Block(m["kind"], tuple(m["args"].split()), "\n".join(lines) + "\n", line))
    assert len(found) == source.count("<!-- test:"), f"{page.name}: a `<!-- test: ... -->` is malformed"
    return found


def substitute(page: list[Block], substitutions: list[Substitution]) -> list[Block]:
    """The blocks with the test's substitutions applied; each substitution must match somewhere."""
    result = page
    for sub in substitutions:
        count = 0
        changed = []
        for block in result:
            text, n = re.subn(sub.pattern, sub.replacement, block.text)
            args = tuple(re.sub(sub.pattern, sub.replacement, arg) for arg in block.args)
            count += n + sum(a != b for a, b in zip(args, block.args, strict=True))
            changed.append(Block(block.kind, args, text, block.line))
        assert count, f"substitution {sub.pattern!r} ({sub.reason}) no longer matches the page"
        result = changed
    return result


def script(page: list[Block]) -> str:
    """One bash script: the prelude, then each block after a marker line naming it."""
    parts = [PRELUDE]
    for i, block in enumerate(page):
        if block.kind == "output":
            continue
        parts.append(f"echo '@@block {i}@@'")
        if block.kind == "run":
            parts.append(f"{{\n{block.text}}} </dev/null")
        elif block.kind == "fails":
            parts.append(f"if {{\n{block.text}}} </dev/null; then echo 'expected a failure'; exit 97; fi")
        else:  # background: left running, as in the reader's other terminal
            log = f'"$TUTORIAL_LOGS/background-{i}.log"'
            parts.append(f"{{\n{block.text}}} </dev/null >{log} 2>&1 &")
            parts.append(f"wait_for {' '.join(block.args)}")
    parts.append("echo '@@done@@'")
    return "\n".join(parts) + "\n"


def printed(output: str) -> dict[int, list[str]]:
    """The lines each block printed, by block index."""
    result: dict[int, list[str]] = {}
    current = None
    for line in output.splitlines():
        if m := re.fullmatch(r"@@block (\d+)@@", line):
            current = int(m[1])
            result[current] = []
        elif current is not None:
            result[current].append(line)
    return result


def expected_lines_missing(expected: str, lines: list[str]) -> str | None:
    """The first expected line not found (in order) among ``lines``; ``…`` matches anything."""
    position = 0
    for want in filter(None, (line.strip() for line in expected.splitlines())):
        pattern = re.compile(".*".join(re.escape(part) for part in want.split("…")))
        while position < len(lines) and not pattern.search(lines[position]):
            position += 1
        if position == len(lines):
            return want
        position += 1
    return None


def run_page(page: Path, substitutions: list[Substitution], folder: Path, env: dict[str, str]) -> float:
    """Run a page's tested blocks in ``folder``; fail with the block that failed; return seconds."""
    tested = substitute(blocks(page), substitutions)
    assert tested, f"{page.name} has no tested blocks"
    logs = folder / "logs"
    logs.mkdir()
    work = folder / "work"
    work.mkdir()
    (folder / "tutorial.sh").write_text(script(tested), encoding="utf-8")
    out_path = folder / "output.txt"
    env = env | {"TUTORIAL_LOGS": str(logs)}
    started = time.monotonic()
    with open(out_path, "wb") as out:
        process = subprocess.Popen(  # own session: it and whatever it left running stop together
            ["bash", str(folder / "tutorial.sh")],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            code = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            stop_group(process.pid)
    seconds = time.monotonic() - started
    output = out_path.read_text(encoding="utf-8", errors="replace")
    by_block = printed(output)
    background = "".join(
        f"\n--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in sorted(logs.iterdir())
    )

    def where(i: int) -> str:
        return f"{page.relative_to(ROOT)}:{tested[i].line}"

    if code != 0 or "@@done@@" not in output:
        last = max(by_block, default=None)
        at = f"the block at {where(last)}" if last is not None else "the prelude"
        reason = "timed out" if code is None else f"exited with {code}"
        pytest.fail(
            f"{page.name} {reason} in {at}:\n{tested[last].text if last is not None else ''}\n"
            f"--- its output (last lines):\n" + "\n".join(by_block.get(last, [])[-40:]) + background[-6000:]
        )
    for i, block in enumerate(tested):
        if block.kind != "output":
            continue
        source = max(j for j in range(i) if tested[j].kind != "output")
        missing = expected_lines_missing(block.text, by_block.get(source, []))
        assert missing is None, (
            f"{where(i)}: the output shown on the page has {missing!r}, which the block at "
            f"{where(source)} did not print:\n" + "\n".join(by_block.get(source, [])[-40:])
        )
    return seconds


def stop_group(pgid: int) -> None:
    """Stop the script's process group (its own session, started above): TERM, then KILL."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            os.killpg(pgid, 0)
            time.sleep(0.2)
        os.killpg(pgid, signal.SIGKILL)


def require(condition: bool, reason: str) -> None:
    """Skip when a tool or service is missing, or fail when CI demands them (REQUIRE_SERVICES=1)."""
    if condition:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def listening(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def base_env(folder: Path) -> dict[str, str]:
    """This environment, without app or server settings a developer may have exported, and with
    this environment's tools (cookiecutter) first on PATH, as the page's `pip install` puts them."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    return env | {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "TEST_PYTHON": sys.executable,
        "TEST_SITE": sysconfig.get_path("purelib"),
        "PYTHONDONTWRITEBYTECODE": "1",
        # Caddy's local CA and state stay in the test's folder, not in the user's home.
        "XDG_DATA_HOME": str(folder / "xdg-data"),
        "XDG_CONFIG_HOME": str(folder / "xdg-config"),
    }


# The same for both pages.
TEMPLATE_HERE = Substitution(
    "path/to/cookiecutter-secure-flask-ai", str(ROOT), "the template being tested, not a clone"
)


def borrowed_venv(slug: str) -> Substitution:
    return Substitution(
        f"cd {slug}\n",
        f"cd {slug} && borrow_venv\n",
        "the project's .venv from this environment instead of minutes of downloads (see PRELUDE)",
    )


def test_getting_started(tmp_path: Path) -> None:
    for tool in ("curl", "make", "git"):
        require(shutil.which(tool) is not None, f"{tool} is not installed")
    port = free_port()
    substitutions = [
        TEMPLATE_HERE,
        borrowed_venv("secure-ai-app"),
        Substitution(
            r"make run\b",
            f"make install migrate train && .venv/bin/flask run --host 127.0.0.1 --port {port}",
            "`make run` is these targets and `flask run` on port 5000, which the Makefile fixes: "
            "a free port instead",
        ),
        Substitution("localhost:5000", f"localhost:{port}", "that free port"),
    ]
    seconds = run_page(TUTORIALS / "getting-started.md", substitutions, tmp_path, base_env(tmp_path))
    print(f"\ngetting-started.md: {seconds:.0f} s")


@pytest.fixture
def scaled_app_database() -> Iterator[None]:
    """The page's database `scaled_app`, dropped before (a failed run's leftover) and after."""
    require(shutil.which("createdb") is not None, "createdb (PostgreSQL's client tools) is not installed")
    try:
        import psycopg
    except ImportError:
        require(False, "psycopg is not installed")
        raise
    try:
        conn = psycopg.connect(ADMIN_DB, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        require(False, f"PostgreSQL is not reachable at {ADMIN_DB}: {error}")
        raise
    with conn:
        conn.execute('DROP DATABASE IF EXISTS "scaled_app" WITH (FORCE)')
        yield
        conn.execute('DROP DATABASE IF EXISTS "scaled_app" WITH (FORCE)')


def test_scale_out(tmp_path: Path, scaled_app_database: None) -> None:
    require(listening(6379), "Redis is not reachable at 127.0.0.1:6379")
    for tool in ("curl", "make", "git", "caddy"):
        require(shutil.which(tool) is not None, f"{tool} is not installed")
    ports = {name: free_port() for name in ("8001", "8002", "8080", "8443")}
    substitutions = [
        TEMPLATE_HERE,
        borrowed_venv("scaled-app"),
        *(
            Substitution(rf"\b{fixed}\b", str(port), "a free port instead of the page's")
            for fixed, port in ports.items()
        ),
    ]
    env = base_env(tmp_path) | {
        # This run's own Redis keys: a lockout left by an earlier run cannot answer for this one.
        "FLASK_RATELIMIT_STORAGE_OPTIONS": json.dumps({"key_prefix": f"tutorial-{secrets.token_hex(6)}"}),
    }
    seconds = run_page(TUTORIALS / "scale-out.md", substitutions, tmp_path, env)
    print(f"\nscale-out.md: {seconds:.0f} s")
