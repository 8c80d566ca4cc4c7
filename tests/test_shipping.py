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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import stack
import yaml
from conftest import BIN, bake, once_per_run, run

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


@pytest.mark.parametrize("answers", [{}, {"ai_provider": "openai"}], ids=["defaults", "openai"])
def test_the_ci_deploy_check_job_passes_as_baked(
    answers: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The workflow's deploy-check job, step by step, on this machine: it must pass on a fresh bake.

    ``make install`` is stood in for by this environment (which has every dependency) behind a
    ``.venv/bin`` of wrappers newer than the lock, so ``make check`` runs as in CI without
    reinstalling; ``shell: python`` steps run with Python, the others with bash -e, each seeing
    what earlier steps appended to ``$GITHUB_ENV``, as on GitHub.
    """
    project = bake(tmp_path_factory.mktemp("ci"), **answers)
    job = yaml.safe_load((project / ".github/workflows/ci.yml").read_text())["jobs"]["deploy-check"]
    github_env = project.parent / "github_env"
    github_env.write_text("")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "WEB_CONCURRENCY"))}
    base |= {"PYTHONPATH": str(project / "src"), "GITHUB_ENV": str(github_env)}
    for step in job["steps"]:
        command = step.get("run")
        if command is None:  # actions/checkout and setup-python: the bake is here, Python too
            continue
        if command == "make install":
            (project / ".venv/bin").mkdir(parents=True)
            for name in ("flask", "python"):
                wrapper = project / ".venv/bin" / name
                wrapper.write_text(f'#!/bin/sh\nexec "{BIN / name}" "$@"\n')
                wrapper.chmod(0o755)
            continue
        env = base | dict(line.split("=", 1) for line in github_env.read_text().splitlines() if line)
        env |= {k: str(v) for k, v in step.get("env", {}).items()}
        shell = [sys.executable, "-c"] if step.get("shell") == "python" else ["bash", "-e", "-c"]
        result = subprocess.run(
            [*shell, command], cwd=project, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert result.returncode == 0, f"{step.get('name', command)}:\n{result.stdout}\n{result.stderr}"[
            -4000:
        ]
    assert "FLASK_AI_MODEL_SHA256=" in github_env.read_text() or answers.get("ai_provider") == "openai"


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


def require_service(reason: str) -> None:
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip(reason)


def first_migration(project: Path, tmp: Path) -> None:
    """What the deployment page asks before the build: `make migrate` on the developer's machine."""
    package = project.name.replace("-", "_")
    result = run(
        [str(BIN / "flask"), "db", "migrate", "-m", "initial schema"],
        project,
        PYTHONPATH=str(project / "src"),
        FLASK_APP=package,
        FLASK_SKIP_DOTENV="1",
        FLASK_PROFILE="development",
        FLASK_SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp / 'first.db'}",
    )
    assert result.returncode == 0, result.stderr[-3000:]


def operator_variables(image: stack.Image, site: str) -> dict[str, str]:
    """An operator's .env.production: the variables compose.yaml asks for, with throwaway secrets."""
    pinned = re.search(r"FLASK_AI_MODEL_SHA256=([0-9a-f]{64})", image.build_log)
    return {
        "APP_SECRET_KEY": secrets.token_urlsafe(64),
        "APP_DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "APP_AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),
        "APP_MAIL_SERVER": "localhost",  # no relay in the container: nothing these tests do sends mail
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
        "REDIS_PASSWORD": secrets.token_urlsafe(16),
        "SITE_ADDRESS": site,
        # The hash the image build printed (the deployment page's step), when it trained a model.
        "APP_AI_MODEL_SHA256": pinned[1] if pinned else "",
    }


@dataclass
class Stack:
    """The built image and compose's app services, their backing services on loopback."""

    project: Path
    image: stack.Image
    variables: dict[str, str]
    backends: stack.Backends
    services: dict[str, stack.Service]
    home: Path  # the containers' HOME: this stack's own (the image may be shared)

    def environment(self, service: str, port: int) -> dict[str, str]:
        """The container's environment: the image's ENV, then the service's, bound to loopback."""
        env = self.image.env | self.backends.loopback(self.services[service].environment)
        return {"HOME": str(self.home), "LANG": "C.UTF-8"} | env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}

    def run(self, service: str) -> subprocess.CompletedProcess[str]:
        """A one-off service (``migrate``) to completion, its command from compose.yaml."""
        command = self.services[service].command or self.image.cmd
        return subprocess.run(
            [self.image.here(part) for part in command],
            cwd=self.project,
            env=self.environment(service, free_port()),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def start(self, service: str, port: int) -> subprocess.Popen[str]:
        """A long-running service: the image's CMD (gunicorn with its gunicorn.conf.py)."""
        command = self.services[service].command or self.image.cmd
        return subprocess.Popen(
            [self.image.here(part) for part in command],
            cwd=self.project,
            env=self.environment(service, port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def healthy(self, service: str, port: int) -> subprocess.CompletedProcess[str]:
        """The image's HEALTHCHECK (python /app/healthcheck.py) with the service's environment."""
        python = self.image.here("/opt/venv/bin/python")
        return subprocess.run(
            [python, "deploy/healthcheck.py"],
            cwd=self.project,
            env=self.environment(service, port),
            capture_output=True,
            text=True,
            check=False,
        )


def compose_stack(project: Path, tmp: Path, site: str, image_root: Path | None = None) -> Iterator[Stack]:
    try:
        import psycopg

        psycopg.connect(ADMIN_DB.replace("+psycopg", ""), connect_timeout=3).close()
    except Exception as exc:  # driver missing or server down
        require_service(f"PostgreSQL not reachable at {ADMIN_DB}: {exc.__class__.__name__}")
    if shutil.which("redis-server") is None:
        require_service("redis-server is not installed (compose's redis service runs it)")
    if image_root is None:
        first_migration(project, tmp)
    image = stack.build_image(project, image_root or tmp / "image", sys.executable)
    variables = operator_variables(image, site)
    backends = stack.Backends(project, variables, ADMIN_DB)
    try:
        home = tmp / "home"
        home.mkdir(exist_ok=True)
        yield Stack(project, image, variables, backends, stack.compose_services(project, variables), home)
    finally:
        backends.close()


@pytest.fixture(scope="module")
def default_stack(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The defaults' image and compose stack (SQLite is the app's default outside compose).

    The image is built once for every test process of the run, whichever asks first, under a file
    lock (pytest-xdist's documented recipe for work done once per session): the two tests that use
    it may run in different processes, and building it is most of their time."""
    with once_per_run(tmp_path_factory, "default-image") as shared:
        if not (shared / "build.log").exists():
            first_migration(project, tmp_path_factory.mktemp("migration"))
            stack.build_image(project, shared, sys.executable)
    yield from compose_stack(project, tmp_path_factory.mktemp("image"), "localhost", image_root=shared)


def get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def metrics_text(port: int, headers: dict[str, str]) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/metrics", headers=headers)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    assert response.status == 200, (response.status, body[:500])
    return body


def wait_until_healthy(stack_: Stack, service: str, port: int, process: subprocess.Popen[str]) -> None:
    wait_for_port(port, process, timeout=60)
    deadline = time.monotonic() + 60  # workers boot slowly on a loaded 2-core machine
    while (health := stack_.healthy(service, port)).returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert health.returncode == 0, health.stderr


def serves_production_behind_one_proxy(stack_: Stack) -> None:
    """compose's migrate service, then app1 as the image runs it, checked through its health check."""
    migrate = stack_.run("migrate")
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    port = free_port()
    server = stack_.start("app1", port)
    try:
        wait_until_healthy(stack_, "app1", port, server)
        site = stack_.variables["SITE_ADDRESS"]
        proxied = {"Host": site, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        response = get(port, "/healthz", proxied)
        assert response.status == 200
        assert "max-age=" in response.getheader("Strict-Transport-Security", "")
        assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy", "")
        assert response.getheader("X-Content-Type-Options") == "nosniff"
        assert response.getheader("Cache-Control") == "no-store"
        assert response.getheader("Set-Cookie") is None
        # The schema is there: a token lookup reads its table and refuses the unknown token.
        bearer = proxied | {"Authorization": "Bearer sfa_" + "x" * 40}
        assert get(port, "/api/v1/history", bearer).status == 401
        # Plain HTTP is redirected to HTTPS; an unknown Host is refused.
        assert get(port, "/healthz", {"Host": site}).status in (301, 308)
        assert get(port, "/healthz", proxied | {"Host": "evil.example"}).status == 400
        # /metrics adds up both workers (gunicorn.conf.py's multiprocess directory), for the
        # proxy's own host only: a client behind the proxy gets a 404.
        for _ in range(6):
            get(port, "/healthz", proxied)
        assert get(port, "/metrics", proxied).status == 404
        local = {"Host": site, "X-Forwarded-Proto": "https"}
        text = metrics_text(port, local)
        assert 'app_security_events_total{event="token_auth",outcome="failure"} 1.0' in text, text[-2000:]
        served = re.findall(
            r'app_http_requests_total\{endpoint="pages.healthz",method="GET",status="200"\} (\S+)', text
        )
        assert served and float(served[0]) >= 7, served
    except AssertionError as failed:  # with the server's own account of it
        raise AssertionError(f"{failed}\n--- app1's log:\n{stop(server)[-4000:]}") from failed
    log = stop(server)
    assert "Traceback" not in log, log[-3000:]


@pytest.mark.slow
@pytest.mark.xdist_group("default_stack")  # one worker builds the image and uses it twice
def test_compose_stack_of_the_defaults_runs_from_its_image(default_stack: Stack) -> None:
    serves_production_behind_one_proxy(default_stack)


@pytest.mark.slow
def test_compose_stack_of_a_postgresql_bake_runs_from_its_image(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = bake(tmp_path_factory.mktemp("postgresql"), database="postgresql")
    for stack_ in compose_stack(project, tmp_path_factory.mktemp("image"), "app.example.test"):
        serves_production_behind_one_proxy(stack_)


@pytest.mark.slow
@pytest.mark.skipif(CADDY is None, reason="caddy is not installed (apt-get install caddy)")
@pytest.mark.xdist_group("default_stack")  # one worker builds the image and uses it twice
def test_caddy_balances_two_instances_and_is_the_only_trusted_hop(
    default_stack: Stack, tmp_path: Path
) -> None:
    """deploy/Caddyfile in front of compose's app1 and app2: TLS, both used, forged XFF ignored."""
    https_port, http_port = free_port(), free_port()
    site = default_stack.variables["SITE_ADDRESS"]
    ports = {"app1": free_port(), "app2": free_port()}
    assert default_stack.run("migrate").returncode == 0
    servers = [default_stack.start(service, port) for service, port in ports.items()]
    caddy_env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "SITE_ADDRESS": f"{site}:{https_port}",
        "HTTPS_PORT": str(https_port),
        "HTTP_PORT": str(http_port),
        "APP_UPSTREAMS": " ".join(f"127.0.0.1:{port}" for port in ports.values()),
    }
    assert CADDY is not None
    proxy = subprocess.Popen(
        [CADDY, "run", "--adapter", "caddyfile", "--config", str(default_stack.project / "deploy/Caddyfile")],
        env=caddy_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for (service, port), server in zip(ports.items(), servers, strict=True):
            wait_until_healthy(default_stack, service, port, server)
        wait_for_port(https_port, proxy)
        context = ssl.create_default_context(cafile=wait_for_root(tmp_path / "data"))
        for _ in range(8):
            connection = http.client.HTTPSConnection(site, https_port, timeout=30, context=context)
            connection.request("GET", "/healthz", headers={"X-Forwarded-For": "198.51.100.66"})
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == 200, response.status
            assert response.getheader("Server") is None
            assert "max-age=" in response.getheader("Strict-Transport-Security", "")
        # Plain HTTP on the proxy answers with a redirect to HTTPS.
        redirect = get(http_port, "/healthz", {"Host": f"{site}:{https_port}"})
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
