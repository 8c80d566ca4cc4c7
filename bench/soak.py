"""Scaled soak with faults: two instances x 2 workers on a private Redis and PostgreSQL.

``make soak`` (not part of ``make test``). The defaults are baked with ``database=postgresql`` and
``rate_limit_storage=redis``; a Redis and a PostgreSQL of the soak's own are started on free ports
(so restarting them disturbs nobody else's tests). Two gunicorn instances with 2 workers each
serve the app in the production profile; the client plays the load balancer (round robin,
retrying a request on the other instance when a connection is refused, as a proxy with health
checks does). Mixed traffic for ``--minutes`` (>= 10): page views, logins, AI calls with tokens
and token-authenticated reads, from several virtual users with addresses of their own.

Checked and reported:

* 5xx answers outside the fault windows (must be 0);
* rate limits exact across the 4 workers: a fresh token bursting N + k gets exactly N answers;
* resident memory of every worker after warm-up (must stay within 10 %);
* faults: Redis restart, PostgreSQL restart, one instance killed (then started again); for each,
  what clients saw during the fault (by status) and the recovery time (first success after the
  service is back).

    python bench/soak.py [--minutes 10] [--users 6]
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import PROTECTED_APP, ROOT, body
from live import Server, flask, free_port, production_env, with_pinned_model

sys.path.insert(0, str(ROOT / "tests"))
from conftest import bake

PASSWORD = "soak test passphrase, long enough"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


# ---------------------------------------------------------------------------------------------
# Private services
# ---------------------------------------------------------------------------------------------


class Redis:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Postgres:
    """A throwaway cluster run by the ``postgres`` user (PostgreSQL refuses to run as root)."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.data = folder / "pgdata"
        self.socket = folder / "pgsock"
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bins:
            raise SystemExit("PostgreSQL server binaries are missing (apt-get install postgresql)")
        self.bin = bins[-1]
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def init(self) -> None:
        for path in (self.data.parent, self.socket):
            path.mkdir(parents=True, exist_ok=True)
            shutil.chown(path, "postgres") if os.geteuid() == 0 else None
        subprocess.run(
            [*self.as_user, str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-l",
             str(self.data.parent / "pg.log"), "start"],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"],
            check=False,
            capture_output=True,
        )


def _wait_port(port: int, timeout: float = 20) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


# ---------------------------------------------------------------------------------------------
# Traffic
# ---------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    at: float
    kind: str
    status: int  # 0: no instance answered
    seconds: float


@dataclass
class Balancer:
    """Round robin over the instances; a refused connection is retried on the next instance."""

    ports: list[int]
    down: set[int] = field(default_factory=set)
    turn: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, method: str, path: str, headers: dict[str, str], payload: bytes | None = None):  # type: ignore[no-untyped-def]
        with self.lock:
            self.turn += 1
            order = self.ports[self.turn % len(self.ports) :] + self.ports[: self.turn % len(self.ports)]
        for port in order:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
                conn.request(method, path, payload, headers)
                response = conn.getresponse()
                data = response.read()
                conn.close()
                return response.status, dict(response.getheaders()), data
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected):
                continue  # the proxy's health check would have taken it out: try the next one
        return 0, {}, b""


class User:
    """A virtual user: its own address, account and token; browses, logs in, calls the API."""

    def __init__(self, index: int, token: str, balancer: Balancer, log: list[Outcome]) -> None:
        self.email = f"soak{index}@example.com"
        self.address = f"198.51.100.{10 + index}"
        self.token = token
        self.balancer = balancer
        self.log = log
        self.cookies: dict[str, str] = {}

    def headers(self, browser: bool = True, **extra: str) -> dict[str, str]:
        """A browser's headers (with its cookies), or a machine client's (no cookies at all)."""
        base = {"Host": "localhost", "X-Forwarded-Proto": "https", "X-Forwarded-For": self.address}
        if self.cookies and browser:
            base["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return base | extra

    def _record(self, kind: str, started: float, status: int, headers: dict[str, str]) -> None:
        self.log.append(Outcome(time.time(), kind, status, time.perf_counter() - started))
        cookie = headers.get("Set-Cookie", "")
        match = re.match(r"([^=]+)=([^;]*)", cookie)
        if match:
            self.cookies[match.group(1)] = match.group(2)

    def page(self, path: str) -> None:
        started = time.perf_counter()
        status, headers, _ = self.balancer.send("GET", path, self.headers(Accept="text/html"))
        self._record("page", started, status, headers)

    def login(self) -> None:
        self.cookies.clear()
        started = time.perf_counter()
        status, headers, data = self.balancer.send("GET", "/auth/login", self.headers(Accept="text/html"))
        self._record("page", started, status, headers)
        match = CSRF.search(data.decode("utf-8", "replace"))
        form = f"email={self.email}&password={PASSWORD.replace(' ', '+').replace(',', '%2C')}"
        form += f"&csrf_token={match.group(1) if match else ''}"
        started = time.perf_counter()
        status, headers, _ = self.balancer.send(
            "POST",
            "/auth/login",
            self.headers(
                **{"Content-Type": "application/x-www-form-urlencoded", "Referer": "https://localhost/"}
            ),
            form.encode(),
        )
        self._record("login", started, status, headers)

    def ai(self) -> None:
        started = time.perf_counter()
        auth = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        status, headers, _ = self.balancer.send(
            "POST", "/api/v1/predict", self.headers(False, **auth), body()
        )
        self._record("ai", started, status, headers)

    def token_read(self) -> None:
        started = time.perf_counter()
        status, headers, _ = self.balancer.send(
            "GET", "/api/v1/openapi.json", self.headers(False, Authorization=f"Bearer {self.token}")
        )
        self._record("token", started, status, headers)

    def run(self, stop: threading.Event, pace: float) -> None:
        step = 0
        while not stop.is_set():
            step += 1
            if step % 40 == 1:
                self.login()  # argon2: rare, as people log in rarely
            elif step % 3 == 0:
                self.ai()  # ~20 per minute is the AI limit per token: pace keeps below it
            elif step % 5 == 0:
                self.token_read()
            else:
                self.page("/" if step % 2 else "/auth/login")
            stop.wait(pace)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def burst_exactness(project: Path, env: dict[str, str], balancer: Balancer, limit: int) -> tuple[int, int]:
    """A fresh token sends limit + 10 requests over all instances: how many were served?"""
    made = flask(
        project, env, "tokens", "create", "soak0@example.com", "--name", f"burst-{secrets.token_hex(3)}"
    )
    token = made.stdout.strip().splitlines()[-1]
    headers = {"Host": "localhost", "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.99",
               "Authorization": f"Bearer {token}", "Content-Type": "application/json"}  # fmt: skip
    statuses: list[int] = []
    lock = threading.Lock()

    def one() -> None:
        status, _, _ = balancer.send("POST", "/api/v1/predict", headers, body())
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=one) for _ in range(limit + 10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses.count(200), statuses.count(429)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--pace", type=float, default=0.5, help="seconds between a user's requests")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="soak-"))
    args.workdir_path = workdir
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)  # the postgres user reaches its data folder inside
    redis, postgres = Redis(workdir), Postgres(workdir)
    postgres.init()
    redis.start()
    postgres.start()
    instances: list[Server] = []
    try:
        project = bake(workdir / "bake", database="postgresql", rate_limit_storage="redis")
        # The generated app, with the stand-in predict route while the AI module is absent.
        (project / "src" / "bench_protected.py").write_text(PROTECTED_APP)
        env = production_env(
            project,
            postgres.url,
            TRUSTED_PROXY_HOPS=1,
            RATELIMIT_STORAGE_URI=redis.url,
            RATELIMIT_AI="30 per minute",
            RATELIMIT_LOGIN="30 per minute",
        )
        flask(project, env, "init-db")
        env = with_pinned_model(project, env)
        tokens = []
        for i in range(args.users):
            flask(project, env, "users", "create", f"soak{i}@example.com", stdin=f"{PASSWORD}\n{PASSWORD}\n")
            made = flask(project, env, "tokens", "create", f"soak{i}@example.com", "--scope", "ai:predict")
            tokens.append(made.stdout.strip().splitlines()[-1])
        ports = [free_port(), free_port()]
        instances = [
            Server(
                project,
                env,
                workers=2,
                port=port,
                log=workdir / f"instance{i}.log",
                wsgi_app="bench_protected:app",
            )
            for i, port in enumerate(ports)
        ]
        for server in instances:
            server.start()
        balancer = Balancer(ports)
        log: list[Outcome] = []
        stop = threading.Event()
        users = [User(i, tokens[i], balancer, log) for i in range(args.users)]
        threads = [threading.Thread(target=u.run, args=(stop, args.pace)) for u in users]
        started = time.time()
        for t in threads:
            t.start()
        duration = args.minutes * 60
        faults: list[dict[str, object]] = []
        memory: dict[int, list[tuple[float, int]]] = collections.defaultdict(list)
        bursts: list[tuple[int, int]] = []
        plan = [
            (0.25, "redis restart"),
            (0.45, "burst"),
            (0.55, "postgresql restart"),
            (0.75, "instance killed"),
            (0.9, "burst"),
        ]
        print(
            f"soak: {args.users} users, 2 instances x 2 workers, {args.minutes:g} min, in {workdir}",
            flush=True,
        )
        while time.time() - started < duration:
            now = time.time() - started
            for server in instances:
                if server.process and server.process.poll() is None:
                    for pid in server.worker_pids():
                        memory[pid].append((now, rss_kib(pid)))
            if plan and now >= plan[0][0] * duration:
                _, what = plan.pop(0)
                print(f"  t={now:5.0f}s {what}", flush=True)
                if what == "burst":
                    bursts.append(burst_exactness(project, env, balancer, 30))
                    print(f"           burst of 40 with a 30/min limit: {bursts[-1][0]} served, "
                          f"{bursts[-1][1]} refused", flush=True)  # fmt: skip
                else:
                    faults.append(inject(what, redis, postgres, instances, log))
            time.sleep(5)
        stop.set()
        for t in threads:
            t.join()
        return report(log, faults, memory, bursts, started, args)
    finally:
        for server in instances:
            server.stop()
        redis.stop()
        postgres.stop("immediate")


def inject(what: str, redis: Redis, postgres: Postgres, instances: list[Server], log: list[Outcome]) -> dict:
    """Cause the fault, bring the service back, return the window and the recovery time."""
    began = time.time()
    if what == "redis restart":
        redis.stop()
        time.sleep(5)
        redis.start()
    elif what == "postgresql restart":
        postgres.stop("fast")
        time.sleep(5)
        postgres.start()
    elif what == "instance killed":
        victim = instances[1]
        os.killpg(victim.process.pid, signal.SIGKILL)  # type: ignore[union-attr]
        victim.process.wait()  # type: ignore[union-attr]
        time.sleep(5)
        victim.start()
    back = time.time()
    return {"what": what, "began": began, "back": back}


def report(log, faults, memory, bursts, started, args) -> int:  # type: ignore[no-untyped-def]
    def in_window(o: Outcome, fault: dict) -> bool:
        return fault["began"] <= o.at <= fault["back"] + 30

    lines = [
        f"\nSoak: {len(log)} requests in {args.minutes:g} min from {args.users} users, "
        "2 instances x 2 workers"
    ]
    by_kind = collections.Counter((o.kind, o.status) for o in log)
    lines.append("  answers: " + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(by_kind.items())))
    outside = [o for o in log if not any(in_window(o, f) for f in faults)]
    errors_outside = [o for o in outside if o.status >= 500 or o.status == 0]
    lines.append(f"  5xx or unanswered outside the fault windows: {len(errors_outside)} (target 0)")
    for fault in faults:
        during = [o for o in log if in_window(o, fault)]
        seen = collections.Counter(o.status for o in during)
        after = [o for o in log if o.at >= fault["back"] and o.status < 500 and o.status != 0]
        firsts = {}
        for kind in ("page", "login", "ai", "token"):
            ok = [o.at for o in after if o.kind == kind and o.status in (200, 302)]
            if ok:
                firsts[kind] = ok[0] - fault["back"]
        recovery = max(firsts.values()) if firsts else float("nan")
        lines.append(
            f"  {fault['what']}: outage {fault['back'] - fault['began']:.1f} s; answers in the window "
            f"{dict(sorted(seen.items()))}; recovery (first success of every kind after the service "
            f"was back) {recovery:.1f} s"
        )
    for served, refused in bursts:
        lines.append(
            f"  rate limit across 4 workers: burst of 40 at 30/min -> {served} served (exact: 30), "
            f"{refused} refused with 429"
        )
    (args.workdir_path / "memory.json").write_text(json.dumps({str(k): v for k, v in memory.items()}))
    warm = 0.2 * args.minutes * 60
    for pid, samples in sorted(memory.items()):
        born = samples[0][0]  # a worker started after an instance was killed warms up too
        values = [kib for t, kib in samples if t >= max(warm, born + 60)]
        if len(values) >= 3:
            growth = (max(values) - min(values)) / min(values)
            timeline = " ".join(f"{v / 1024:.0f}" for v in values[:: max(1, len(values) // 6)])
            # A leak shows as a trend; one sample of a request's transient peak does not: the median
            # of the last third against the median of the first third tells them apart.
            third = max(1, len(values) // 3)
            trend = statistics.median(values[-third:]) / statistics.median(values[:third]) - 1
            peaks = sum(v > 1.1 * statistics.median(values) for v in values)
            lines.append(
                f"  worker {pid}: RSS {min(values) / 1024:.0f}-{max(values) / 1024:.0f} MiB after warm-up "
                f"({growth:.1%}, target within 10 %); trend {trend:+.1%} (last third vs first, medians); "
                f"{peaks} of {len(values)} samples above 110 % of the median; over time: {timeline} MiB"
            )
    print("\n".join(lines), flush=True)
    return 1 if errors_outside else 0


if __name__ == "__main__":
    sys.exit(main())
