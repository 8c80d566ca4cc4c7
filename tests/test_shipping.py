"""Shipping files of a baked project: CI, Dependabot, Docker, compose, the proxy, and the
container's entry point run for real outside Docker (gunicorn + PostgreSQL + Redis, behind Caddy).

Docker cannot run here, so the files are validated statically with the tools CI would use
(check-jsonschema's bundled GitHub and compose schemas, zizmor, hadolint, caddy), and the
image's command, settings and health check run on loopback instead.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import BIN, bake, run
from live import STORAGE_OPTIONS

CADDY = shutil.which("caddy")
ADMIN_DB = os.environ.get("TEST_POSTGRES_URL", "postgresql://localhost/postgres")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The defaults, baked once for this module (no git, so no pre-commit install)."""
    return bake(tmp_path_factory.mktemp("shipping"), use_pre_commit=True)


def tool(name: str) -> str:
    """A tool installed in the test environment (a dev dependency of the template)."""
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing from the template's dev environment")
    return str(path)


def check_schema(project: Path, schema: str, relative: str) -> None:
    result = run([tool("check-jsonschema"), "--builtin-schema", schema, relative], project)
    assert result.returncode == 0, result.stdout + result.stderr


# --- CI and Dependabot ---------------------------------------------------------------------


def test_ci_workflow_matches_the_github_schema(project: Path) -> None:
    check_schema(project, "vendor.github-workflows", ".github/workflows/ci.yml")


def test_dependabot_matches_its_schema(project: Path) -> None:
    check_schema(project, "vendor.dependabot", ".github/dependabot.yml")


def test_zizmor_finds_nothing_in_the_workflow(project: Path) -> None:
    result = run([tool("zizmor"), "--offline", "--min-severity", "low", ".github"], project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_pins_actions_by_sha_and_stays_least_privilege(project: Path) -> None:
    workflow = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())
    text = (project / ".github/workflows/ci.yml").read_text()
    for use in re.findall(r"uses:\s*(\S+)(.*)", text):
        ref = use[0].split("@", 1)[1]
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{use[0]} is not pinned to a full commit SHA"
        assert re.search(r"#\s*v\d", use[1]), f"{use[0]} lacks its version comment"
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert job.get("permissions") == {"contents": "read"}, name
        for step in job["steps"]:
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, name
    jobs = workflow["jobs"]
    assert {"pre-commit", "test", "deploy-check", "audit", "sbom", "docker"} <= set(jobs)
    assert "lint" not in jobs  # pre-commit lints; the plain lint job is for use_pre_commit=false
    assert jobs["test"]["env"]["REQUIRE_SERVICES"] == "1"
    assert {"redis", "postgres"} <= set(jobs["test"]["services"])
    assert jobs["deploy-check"]["steps"][-1]["env"]["FLASK_PROFILE"] == "production"
    assert "make check" in jobs["deploy-check"]["steps"][-1]["run"]
    assert "make audit" in jobs["audit"]["steps"][-1]["run"]
    upload = jobs["sbom"]["steps"][-1]
    assert "upload-artifact" in upload["uses"] and upload["with"]["path"] == "sbom.cdx.json"


def test_dependabot_updates_pip_actions_and_images_weekly_in_groups(project: Path) -> None:
    updates = yaml.safe_load((project / ".github/dependabot.yml").read_text())["updates"]
    ecosystems = {u["package-ecosystem"]: u for u in updates}
    assert {"pip", "github-actions", "docker", "docker-compose"} == set(ecosystems)
    for update in updates:
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answers", "absent", "present"),
    [
        ({"use_docker": False, "use_pre_commit": True}, {"docker"}, {"pre-commit"}),
        ({"use_pre_commit": False}, {"pre-commit"}, {"lint", "docker"}),
    ],
)
def test_disabled_tools_leave_a_valid_workflow(
    tmp_path: Path, answers: dict, absent: set[str], present: set[str]
) -> None:
    project = bake(tmp_path, **answers)
    jobs = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())["jobs"]
    assert not absent & set(jobs) and present <= set(jobs)
    check_schema(project, "vendor.github-workflows", ".github/workflows/ci.yml")
    check_schema(project, "vendor.dependabot", ".github/dependabot.yml")
    if not answers.get("use_docker", True):
        text = (project / ".github/dependabot.yml").read_text()
        assert "docker" not in text
        assert "hadolint" not in (project / ".pre-commit-config.yaml").read_text()


# --- Docker ----------------------------------------------------------------------------------


def test_hadolint_passes(project: Path) -> None:
    result = run([tool("hadolint"), "Dockerfile"], project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_is_multi_stage_non_root_and_checks_health(project: Path) -> None:
    text = (project / "Dockerfile").read_text()
    stages = re.findall(r"(?m)^FROM\s+(\S+)(?:\s+AS\s+(\w+))?", text)
    assert len(stages) >= 2, "multi-stage build expected"
    assert all(re.match(r"python:\$\{PYTHON_VERSION\}-slim", image) for image, _ in stages)
    assert re.search(r"(?m)^ARG PYTHON_VERSION=3\.11$", text)
    runtime = text[text.rindex("\nFROM ") :]
    user = re.findall(r"(?m)^USER\s+(\S+)", runtime)
    assert user and not user[-1].startswith(("0", "root")), "the final stage must run as non-root"
    assert re.search(r"(?m)^HEALTHCHECK .*", runtime) and "/app/healthcheck.py" in runtime
    assert '"gunicorn", "--config"' in runtime
    # Only the virtualenv crosses from the build stage; no compiler, pip install or source tree.
    assert "pip install" not in runtime and "apt-get" not in runtime
    assert not re.search(r"(?m)^COPY\s+(\.\s|\.env|--from=build /build)", text)
    assert "--require-hashes" in text


def test_dockerignore_keeps_secrets_and_local_state_out(project: Path) -> None:
    lines = (project / ".dockerignore").read_text().split()
    assert lines[lines.index("*")] == "*"  # deny everything, then allow the few inputs
    allowed = {line[1:] for line in lines if line.startswith("!")}
    assert not any(a.startswith(".env") or a in {".git", ".venv", "tests"} for a in allowed)
    assert {"**/.env", "**/.env.*"} <= set(lines)
    for copied in re.findall(r"(?m)^COPY (?!--from)(.+) \S+$", (project / "Dockerfile").read_text()):
        for source in copied.split():
            assert source in allowed or f"{source}/" in allowed, f"{source} is excluded by .dockerignore"


# --- compose and the proxy -------------------------------------------------------------------


def test_compose_matches_the_compose_spec(project: Path) -> None:
    check_schema(project, "vendor.compose-spec", "compose.yaml")


def test_compose_runs_two_instances_behind_one_trusted_proxy(project: Path) -> None:
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    services = compose["services"]
    apps = [name for name, s in services.items() if s.get("command") is None and "build" in s]
    assert apps == ["app1", "app2"]
    for name in apps:
        env = services[name]["environment"]
        assert env["FLASK_TRUSTED_PROXY_HOPS"] == "1" and env["FLASK_PROFILE"] == "production"
        assert env["FLASK_SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
        assert env["FLASK_RATELIMIT_STORAGE_URI"].startswith("redis://")
        assert services[name]["read_only"] is True and "ports" not in services[name]
    published = [name for name, s in services.items() if "ports" in s]
    assert published == ["proxy"], "only the proxy may be reachable from outside"
    assert compose["networks"]["backend"]["internal"] is True
    assert services["proxy"]["environment"]["APP_UPSTREAMS"] == "app1:8000 app2:8000"
    # Secrets are required from the environment, never written into the file.
    text = (project / "compose.yaml").read_text()
    assert "${APP_SECRET_KEY:?" in text and "${POSTGRES_PASSWORD:?" in text


@pytest.mark.skipif(CADDY is None, reason="caddy is not installed (apt-get install caddy)")
def test_caddyfile_is_valid(project: Path) -> None:
    result = run([CADDY, "validate", "--adapter", "caddyfile", "--config", "deploy/Caddyfile"], project)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the container's entry point, outside the container --------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode}: {process.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port} after {timeout}s")


def stop(process: subprocess.Popen) -> str:
    """Stop a process started by this module (by its own pid) and return its stderr."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.stderr.read() if process.stderr else ""


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A fresh PostgreSQL database for the live app, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    name = f"ship_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(ADMIN_DB.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        require_service(f"PostgreSQL not reachable at {ADMIN_DB}: {exc.__class__.__name__}")
    base = ADMIN_DB.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    yield f"{base}/{name}"
    with psycopg.connect(ADMIN_DB.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_service(reason: str) -> None:
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError as exc:
        require_service(f"Redis not reachable at {url}: {exc.__class__.__name__}")
    return url


def production_env(project: Path, database: str, redis_url: str, port: int, host: str) -> dict[str, str]:
    """What compose.yaml gives each app instance, with throwaway secrets and a loopback port."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    return env | {
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(project / "src"),
        "FLASK_PROFILE": "production",
        "FLASK_SKIP_DOTENV": "1",
        "FLASK_SECRET_KEY": secrets.token_urlsafe(64),
        "FLASK_DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "FLASK_AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),
        "FLASK_TRUSTED_HOSTS": json.dumps([host]),
        "FLASK_TRUSTED_PROXY_HOPS": "1",
        "FLASK_SQLALCHEMY_DATABASE_URI": database,
        "FLASK_RATELIMIT_STORAGE_URI": redis_url,
        "FLASK_RATELIMIT_STORAGE_OPTIONS": STORAGE_OPTIONS,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }


def start_gunicorn(project: Path, env: dict[str, str]) -> subprocess.Popen:
    """The image's CMD: gunicorn with the project's gunicorn.conf.py (which reads WEB_CONCURRENCY)."""
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_entry_point_serves_production_behind_one_proxy(project: Path, database: str, redis_url: str) -> None:
    port = free_port()
    env = production_env(project, database, redis_url, port, "app.example.test")
    server = start_gunicorn(project, env)
    try:
        wait_for_port(port, server)
        proxied = {"Host": "app.example.test", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        deadline = time.monotonic() + 60  # workers boot slowly on a loaded 2-core machine
        while get(port, "/healthz", proxied).status != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        # The Docker HEALTHCHECK command, with the container's environment.
        health = subprocess.run(
            [sys.executable, "deploy/healthcheck.py"], cwd=project, env=env, capture_output=True, text=True
        )
        assert health.returncode == 0, health.stderr
        response = get(port, "/healthz", proxied)
        assert response.status == 200
        assert "max-age=" in response.getheader("Strict-Transport-Security", "")
        assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy", "")
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Cache-Control") == "no-store"
        assert response.getheader("Set-Cookie") is None
        # Plain HTTP is redirected to HTTPS; an unknown Host is refused.
        assert get(port, "/healthz", {"Host": "app.example.test"}).status in (301, 308)
        assert get(port, "/healthz", proxied | {"Host": "evil.example"}).status == 400
    finally:
        log = stop(server)
    assert "Traceback" not in log, log[-3000:]


@pytest.mark.slow
@pytest.mark.skipif(CADDY is None, reason="caddy is not installed (apt-get install caddy)")
def test_caddy_balances_two_instances_and_is_the_only_trusted_hop(
    project: Path, database: str, redis_url: str, tmp_path: Path
) -> None:
    """deploy/Caddyfile in front of two instances: TLS, both instances used, forged XFF ignored."""
    https_port, http_port = free_port(), free_port()
    site = f"localhost:{https_port}"
    ports = [free_port(), free_port()]
    servers = [
        start_gunicorn(project, production_env(project, database, redis_url, port, "localhost"))
        for port in ports
    ]
    caddy_env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "SITE_ADDRESS": site,
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(http_port),
        "APP_UPSTREAMS": " ".join(f"127.0.0.1:{port}" for port in ports),
    }
    assert CADDY is not None
    proxy = subprocess.Popen(
        [CADDY, "run", "--adapter", "caddyfile", "--config", str(project / "deploy/Caddyfile")],
        env=caddy_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for port in ports:
            wait_for_port(port, servers[ports.index(port)])
        wait_for_port(https_port, proxy)
        context = ssl.create_default_context(cafile=wait_for_root(tmp_path / "data"))
        seen = set()
        for _ in range(8):
            connection = http.client.HTTPSConnection("localhost", https_port, timeout=30, context=context)
            connection.request("GET", "/healthz", headers={"X-Forwarded-For": "198.51.100.66"})
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == 200, response.status
            assert response.getheader("Server") is None
            assert "max-age=" in response.getheader("Strict-Transport-Security", "")
            seen.add(response.getheader("X-Request-ID"))
        # Plain HTTP on the proxy answers with a redirect to HTTPS.
        redirect = get(http_port, "/healthz", {"Host": site})
        assert redirect.status in (301, 308) and redirect.getheader("Location", "").startswith("https://")
    finally:
        proxy_log = stop(proxy)
        logs = [stop(server) for server in servers]
    assert all("/healthz" in log for log in logs), "both instances should have served requests"
    joined = "\n".join(logs)
    assert "198.51.100.66" not in joined, "a client-sent X-Forwarded-For reached the app as the client IP"
    assert "127.0.0.1" in joined, proxy_log[-2000:]


def wait_for_root(data: Path, timeout: float = 20) -> str:
    """Caddy's local root certificate, once Caddy has created it."""
    root = data / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    deadline = time.monotonic() + timeout
    while not root.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert root.exists(), "Caddy did not create its local CA"
    return str(root)


def test_sbom_lists_every_runtime_pin(project: Path) -> None:
    """`make sbom`'s command: a CycloneDX document of requirements.lock, one component per pin."""
    command = [tool("cyclonedx-py"), "requirements", "--pyproject", "pyproject.toml", "--output-reproducible"]
    result = run(
        [*command, "--output-format", "JSON", "--output-file", "sbom.cdx.json", "requirements.lock"], project
    )
    assert result.returncode == 0, result.stderr
    sbom = json.loads((project / "sbom.cdx.json").read_text())
    pins = dict(re.findall(r"(?m)^([a-z0-9._-]+)==([^ ;\\]+)", (project / "requirements.lock").read_text()))
    components = {c["name"].lower(): c["version"] for c in sbom["components"]}
    assert sbom["bomFormat"] == "CycloneDX" and components == pins
    assert (
        "sbom" in (project / "Makefile").read_text()
        and "cyclonedx-py requirements" in (project / "Makefile").read_text()
    )
