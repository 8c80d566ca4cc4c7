"""Limits across processes (checklist 31, 33): gunicorn instances on loopback sharing a real Redis.

Two instances of two workers each share one Redis and one database. The test client plays the
reverse proxy (``TRUSTED_PROXY_HOPS=1``): it sends ``X-Forwarded-Proto: https`` and chooses the
client address in ``X-Forwarded-For``, so each test has a client of its own.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import redis

from conftest import PASSWORD, free_port, production_settings, require_service, settings
from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.db import db
from {{ cookiecutter.package_name }}.users import create_user

pytestmark = [pytest.mark.live, pytest.mark.redis]

PROJECT = Path(__file__).resolve().parent.parent
HAS_LOGIN = (PROJECT / "src" / "{{ cookiecutter.package_name }}" / "security" / "login.py").exists()
EMAIL, VICTIM = "live@example.com", "victim@example.com"
LIMIT = 12  # the per-user (or per-address) limit of the burst test
EXTRA = 8
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Client:
    """A browser behind our pretend proxy: keeps cookies, picks its address."""

    port: int
    address: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, port: int = 0
    ) -> tuple[int, str]:
        port = port or self.port
        headers = {
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{port}/",
            "Accept": "text/html",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
            return response.status, text
        finally:
            conn.close()

    def login(self, password: str = PASSWORD, email: str = EMAIL, port: int = 0) -> int:
        _, page = self.request("GET", "/auth/login", port=port)
        token = _CSRF.search(page)
        form = {"email": email, "password": password, "csrf_token": token.group(1) if token else ""}
        return self.request("POST", "/auth/login", form, port=port)[0]


def prepare_database(path: Path) -> str:
    uri = f"sqlite:///{path}"
    app = create_app(settings(SQLALCHEMY_DATABASE_URI=uri))
    with app.app_context():
        db.create_all()
        if HAS_LOGIN:
            create_user(EMAIL, PASSWORD)
            create_user(VICTIM, PASSWORD)
    return uri


def environment(database: str, storage: str, prefix: str, **extra: Any) -> dict[str, str]:
    """The app's settings as FLASK_* variables, from the suite's idea of a sound production."""
    values = production_settings(
        **{
            "SQLALCHEMY_DATABASE_URI": database,
            "TRUSTED_HOSTS": ["127.0.0.1"],
            "TRUSTED_PROXY_HOPS": 1,
            "RATELIMIT_STORAGE_URI": storage,
            "RATELIMIT_STORAGE_OPTIONS": {
                "key_prefix": prefix,
                "socket_timeout": 0.5,
                "socket_connect_timeout": 0.5,
            },
            "RATELIMIT_DEFAULT": f"{LIMIT} per minute",
        }
        | extra
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env |= {f"FLASK_{k}": v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}
    env |= {
        "FLASK_SKIP_DOTENV": "1",
        "PYTHONPATH": str(PROJECT / "src"),
        "WEB_CONCURRENCY": "2",
    }
    return env


def launch(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn with two workers on loopback (see ``ready`` to wait for it)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--no-control-socket",  # several instances at once: no shared control socket path
        "-w",
        "2",
        "-b",
        f"127.0.0.1:{port}",
    ]
    with log.open("wb") as sink:
        return subprocess.Popen(command, cwd=PROJECT, env=env, stdout=sink, stderr=subprocess.STDOUT)


def ready(proc: subprocess.Popen[bytes], port: int, log: Path) -> subprocess.Popen[bytes]:
    """Wait until the instance answers its health check; fail with its log if it dies."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()[-3000:]}")
        try:
            if Client(port, "192.0.2.1").request("GET", "/healthz")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"gunicorn did not answer:\n{log.read_text()[-3000:]}")


def stop(*procs: subprocess.Popen[bytes]) -> None:
    """Quick shutdown of gunicorn instances, all at once."""
    for proc in procs:
        proc.send_signal(signal.SIGINT)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def redis_keys(url: str, prefix: str) -> list[bytes]:
    """Our keys in a Redis."""
    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        return list(client.scan_iter(f"{prefix}:*"))
    finally:
        client.close()


class RedisServer:
    """A redis-server of our own on a free port, so that the fault test can kill it."""

    def __init__(self, binary: str) -> None:
        self.binary, self.port = binary, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            self.binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ]
        self.proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                redis_keys(self.url, "probe")
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Stack:
    ports: tuple[int, int]
    redis: RedisServer
    prefix: str
    logs: list[Path]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Redis, then two gunicorn instances of two workers each, sharing it and one database."""
    binary = shutil.which("redis-server")
    if binary is None:
        require_service("redis-server is not installed: the live tests start one of their own")
    server = RedisServer(str(binary))
    server.start()
    folder = tmp_path_factory.mktemp("live")
    prefix = f"live-{uuid.uuid4().hex}"
    env = environment(prepare_database(folder / "app.db"), server.url, prefix)
    ports = free_port(), free_port()
    logs = [folder / f"gunicorn-{port}.log" for port in ports]
    procs = [launch(port, env, log) for port, log in zip(ports, logs, strict=True)]  # start together
    try:
        for proc, port, log in zip(procs, ports, logs, strict=True):
            ready(proc, port, log)
        yield Stack(ports, server, prefix, logs)
    finally:
        stop(*procs)
        server.kill()


def test_a_burst_across_two_instances_gets_exactly_the_limit(stack: Stack) -> None:
    client = Client(stack.ports[0], "198.51.100.10")
    if HAS_LOGIN:
        assert client.login() == 302
        path = "/auth/password"  # per-user key: the session, whichever instance reads it
    else:
        path = "/"  # per-address key
    total = LIMIT + EXTRA

    def one(i: int) -> int:
        copy = Client(client.port, client.address, dict(client.cookies))
        return copy.request("GET", path, port=stack.ports[i % 2])[0]

    with ThreadPoolExecutor(max_workers=total) as pool:
        codes = Counter(pool.map(one, range(total)))
    assert codes == {200: LIMIT, 429: EXTRA}, codes


@pytest.mark.skipif(not HAS_LOGIN, reason="no login in this variant")
def test_a_lockout_set_through_one_instance_holds_on_the_other(stack: Stack) -> None:
    attacker = Client(stack.ports[0], "203.0.113.20")
    assert [attacker.login("wrong password, wrong password", VICTIM) for _ in range(5)] == [401] * 5
    owner = Client(stack.ports[1], "198.51.100.20")  # another address, the other instance
    assert owner.login(PASSWORD, VICTIM) == 429


def test_storage_failure_follows_the_policy_and_recovers(stack: Stack) -> None:
    """Kill Redis mid-run: no 5xx, ordinary pages served, logins refused; restart it: recovery.

    (Last in this module: it leaves Redis running again, but empty.)
    """
    clients = [Client(port, f"198.51.100.{30 + i}") for i, port in enumerate(stack.ports)]
    for client in clients:
        assert client.request("GET", "/")[0] == 200
    assert redis_keys(stack.redis.url, stack.prefix), "limits are counted in Redis"

    stack.redis.kill()
    during: Counter[int] = Counter()
    for client in clients:  # several requests per instance reach both of its workers
        during += Counter(client.request("GET", path)[0] for path in ["/"] * 6 + ["/healthz"] * 2)
    assert during == {200: 16}, during  # fail open (and still counted, per process)
    if HAS_LOGIN:
        refused = {client.login() for client in clients for _ in range(2)}
        assert refused == {429}, refused  # fail closed: even the right password waits

    stack.redis.start()  # empty: whatever is counted from now on was counted in it
    deadline = time.monotonic() + 45  # Flask-Limiter asks again after 1, 2, 4... 32 s
    recovered: set[int] = set()
    while time.monotonic() < deadline and len(recovered) < len(clients):
        for client in clients:
            codes = [client.request("GET", "/")[0] for _ in range(4)]
            assert max(codes) < 500, codes
            counted = any(
                f"ip:{client.address}/".encode() in key for key in redis_keys(stack.redis.url, stack.prefix)
            )
            if counted and (not HAS_LOGIN or client.login() == 302):
                recovered.add(client.port)
        time.sleep(0.2)
    assert len(recovered) == len(clients), "an instance did not return to Redis"
    for log in stack.logs:
        text = log.read_text()
        assert '"status": 5' not in text and "Traceback" not in text, text[-3000:]
