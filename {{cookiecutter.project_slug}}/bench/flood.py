"""Flood benchmark: does one abusive client hurt a well-behaved one, and what does a 429 cost?

Starts the app under gunicorn (production settings, a throw-away SQLite database, Redis when it
answers, else ``memory://`` with one worker), then runs three phases:

1. page flood: an abusive client floods ``GET /`` over 64 connections while a well-behaved
   client (another address) makes steady requests; prints the well-behaved client's success
   rate and p50/p99 latency, next to the same client's figures with no flood;
2. login flood: the abusive client sprays ``POST /auth/login`` with wrong passwords (when the
   login feature is present); prints how many attempts reached the password hash;
3. cost: one connection, sequential, served ``200`` against refused ``429`` on the same page.

The client plays the reverse proxy (``TRUSTED_PROXY_HOPS=1``): it sends
``X-Forwarded-Proto: https`` and tells the clients apart by ``X-Forwarded-For``. Standard
library only. Run it from the project folder::

    python bench/flood.py --duration 10 --connections 64 --workers 2
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
# Addresses, as our pretend proxy reports them: each phase has clients of its own.
ABUSER, LOGIN_ABUSER, GOOD, PROBE = "203.0.113.66", "203.0.113.77", "198.51.100.7", "192.0.2.10"
CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')
COOKIE = re.compile(rb"^set-cookie: ([^=]+)=([^;]*)", re.I | re.M)


@dataclass
class Result:
    status: int
    seconds: float
    body: bytes = b""
    cookies: dict[str, str] = field(default_factory=dict)


async def request(
    port: int,
    address: str,
    method: str = "GET",
    path: str = "/",
    form: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
) -> Result:
    """One HTTP/1.1 request on a new connection (gunicorn's sync workers close after each)."""
    body = urlencode(form).encode() if form is not None else b""
    lines = [
        f"{method} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        f"X-Forwarded-For: {address}",
        "X-Forwarded-Proto: https",
        f"Referer: https://127.0.0.1:{port}/",
        "Connection: close",
        f"Content-Length: {len(body)}",
    ]
    if form is not None:
        lines.append("Content-Type: application/x-www-form-urlencoded")
    if cookies:
        lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        data = await reader.read()
    finally:
        writer.close()
    elapsed = time.perf_counter() - started
    head, _, payload = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return Result(status, elapsed, payload, {k.decode(): v.decode() for k, v in COOKIE.findall(head)})


async def flood(connections: int, until: float, make: Callable[[int], Awaitable[Result]]) -> Counter[int]:
    """Keep ``connections`` requests in flight until ``until``; count the statuses."""
    statuses: Counter[int] = Counter()

    async def worker(index: int) -> None:
        while time.monotonic() < until:
            try:
                result = await make(index)
                statuses[result.status] += 1
            except OSError:
                statuses[0] += 1

    await asyncio.gather(*(worker(i) for i in range(connections)))
    return statuses


async def steady(port: int, address: str, rate: float, until: float) -> list[Result]:
    """The well-behaved client: one request every 1/rate seconds, sequentially."""
    results = []
    while time.monotonic() < until:
        tick = time.monotonic()
        try:
            results.append(await request(port, address))
        except OSError:
            results.append(Result(0, 0.0))
        await asyncio.sleep(max(0.0, 1 / rate - (time.monotonic() - tick)))
    return results


def summary(results: list[Result]) -> str:
    ok = [r.seconds * 1000 for r in results if r.status == 200]
    if not ok:
        return f"0/{len(results)} ok"
    cuts = statistics.quantiles(ok, n=100) if len(ok) > 1 else [ok[0]] * 99
    rate = 100 * len(ok) / len(results)
    return f"{len(ok)}/{len(results)} ok ({rate:.1f}%), p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms"


async def login_attempt(port: int, index: int) -> Result:
    page = await request(port, LOGIN_ABUSER, path="/auth/login")
    token = CSRF.search(page.body)
    form = {
        "email": f"victim{index}-{secrets.randbelow(10**6)}@example.com",
        "password": secrets.token_urlsafe(12),
        "csrf_token": token.group(1).decode() if token else "",
    }
    return await request(port, LOGIN_ABUSER, "POST", "/auth/login", form, page.cookies)


async def cost(port: int, count: int) -> tuple[list[float], list[float]]:
    """Sequential latencies of served and refused requests of one client to the same page."""
    served: list[float] = []
    refused: list[float] = []
    while len(refused) < count:
        result = await request(port, PROBE)
        if result.status == 200:
            served.append(result.seconds)
        elif result.status == 429:
            refused.append(result.seconds)
        else:
            sys.exit(f"unexpected status {result.status} in the cost phase")
    return served, refused


async def run(port: int, args: argparse.Namespace, has_login: bool) -> None:
    until = time.monotonic() + args.duration
    baseline = await steady(port, "198.51.100.8", args.rate, until)
    print(f"baseline (no flood)   well-behaved: {summary(baseline)}")

    until = time.monotonic() + args.duration
    good, abusive = await asyncio.gather(
        steady(port, GOOD, args.rate, until),
        flood(args.connections, until, lambda i: request(port, ABUSER)),
    )
    total = sum(abusive.values())
    print(f"page flood            well-behaved: {summary(good)}")
    print(f"                      abusive: {total} requests ({total / args.duration:.0f}/s): {dict(abusive)}")

    if has_login:
        until = time.monotonic() + args.duration
        good, abusive = await asyncio.gather(
            steady(port, "198.51.100.9", args.rate, until),
            flood(args.connections, until, lambda i: login_attempt(port, i)),
        )
        hashed = abusive.get(401, 0)
        print(f"login flood           well-behaved: {summary(good)}")
        print(
            f"                      abusive: {sum(abusive.values())} login posts: {dict(abusive)}; "
            f"{hashed} reached the password hash"
        )

    served, refused = await cost(port, args.samples)
    s, r = statistics.median(served) * 1000, statistics.median(refused) * 1000
    print(f"cost                  served 200 p50 {s:.2f} ms, refused 429 p50 {r:.2f} ms: ratio {r / s:.2f}")


def redis_answers(url: str) -> bool:
    host, _, port = url.split("//", 1)[1].split("/", 1)[0].partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pinned_model(directory: Path) -> dict[str, str]:
    """Train the local model into ``directory`` as a deployment does; its settings, with the pin."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env |= {
        "FLASK_SKIP_DOTENV": "1",
        "PYTHONPATH": str(PROJECT / "src"),
        "FLASK_AI_MODEL_DIR": str(directory),
    }
    command = [sys.executable, "-m", "flask", "--app", "{{ cookiecutter.package_name }}", "ai", "train"]
    trained = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, check=True)  # noqa: S603 - our own CLI
    pins = [
        line.partition("=")[2]
        for line in trained.stdout.splitlines()
        if line.startswith("FLASK_AI_MODEL_SHA256=")
    ]
    return {"AI_MODEL_DIR": str(directory), "AI_MODEL_SHA256": pins[0]} if pins else {}


def start_app(args: argparse.Namespace, folder: Path) -> tuple[subprocess.Popen[bytes], int, bool, str]:
    """Create the database and start gunicorn; return it, its port, whether login exists, the storage."""
    sys.path.insert(0, str(PROJECT / "src"))
    from {{ cookiecutter.package_name }} import create_app
    from {{ cookiecutter.package_name }}.db import db

    database = f"sqlite:///{folder / 'bench.db'}"
    setup = create_app(
        {"TESTING": True, "PROFILE": "testing", "SECRET_KEY": "x" * 64, "SQLALCHEMY_DATABASE_URI": database}
    )
    with setup.app_context():
        db.create_all()
    has_login = "auth.login" in setup.view_functions
    storage = args.storage or (
        "redis://127.0.0.1:6379/0" if redis_answers("redis://127.0.0.1:6379/0") else "memory://"
    )
    workers = args.workers if storage != "memory://" else 1
    settings = {
        "PROFILE": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        # Throwaway keys and a pinned model: production refuses to start without them.
        "DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),
        "MAIL_SERVER": "localhost",  # account mail: a relay on this machine (a flood sends none)
        **pinned_model(folder / "model"),
        "TRUSTED_HOSTS": ["127.0.0.1"],
        "TRUSTED_PROXY_HOPS": 1,
        "SQLALCHEMY_DATABASE_URI": database,
        "RATELIMIT_STORAGE_URI": storage,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": f"bench-{uuid.uuid4().hex}", "socket_timeout": 0.5},
        "MONITOR_NEVER_BLOCK": [f"{PROBE}/32"],  # the cost probe must meet 429s, not a block
    }
    if args.limit:
        settings["RATELIMIT_DEFAULT"] = args.limit
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env |= {f"FLASK_{k}": v if isinstance(v, str) else json.dumps(v) for k, v in settings.items()}
    env |= {"FLASK_SKIP_DOTENV": "1", "PYTHONPATH": str(PROJECT / "src"), "WEB_CONCURRENCY": str(workers)}
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "gunicorn.conf.py",
        "--no-control-socket",  # several instances at once: no shared control socket path
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
    ]
    log = (folder / "gunicorn.log").open("wb")
    proc = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 - our own gunicorn
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited:\n{(folder / 'gunicorn.log').read_text()[-2000:]}")
        try:
            if asyncio.run(request(port, "192.0.2.1", path="/healthz")).status == 200:
                limit = args.limit or "the app's RATELIMIT_DEFAULT"
                print(f"gunicorn: {workers} worker(s), storage {storage.split('@')[-1]}, limit {limit}")
                return proc, port, has_login, storage
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("gunicorn did not answer in 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=64, help="abusive connections")
    parser.add_argument("--rate", type=float, default=4.0, help="well-behaved requests per second")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (1 with memory://)")
    parser.add_argument("--storage", default="", help="RATELIMIT_STORAGE_URI (default: local Redis if up)")
    parser.add_argument("--limit", default="", help="RATELIMIT_DEFAULT for the run (default: the app's)")
    parser.add_argument("--samples", type=int, default=200, help="requests per kind in the cost phase")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        proc, port, has_login, _ = start_app(args, Path(folder))
        try:
            asyncio.run(run(port, args, has_login))
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
