"""Throughput under gunicorn: the generated app against the naive reference and bare Flask.

Three apps run at once under the generated project's own ``gunicorn.conf.py`` (production
profile, same workers, plain HTTP on loopback: TLS is terminated by the proxy, whose headers are
trusted through ``TRUSTED_PROXY_HOPS=1``): ours, the *naive reference* (bare Flask plus the stock
Flask-Login, Flask-WTF, Flask-Talisman, Flask-Limiter on the same Redis and a JSON access log,
each configured as its README shows: ``NAIVE_APP`` in ``bench/common.py``) and bare Flask. They
are loaded in turn, each round starting one further along so that drift in the machine's load
falls on all alike, with ``wrk`` (or a Python client when ``wrk`` is absent) for the same duration
and concurrency, in two profiles: ``api`` (a bearer token) and ``browser`` (the session cookie
and CSRF header of a person logged in through the login form). The tables show medians with
min-max over the rounds, and the ratios ours/naive and ours/bare in requests per second and in
the workers' CPU time per request (which does not move with the load generator's own share of
the CPUs).

    python bench/overhead.py [--profile api|browser|both] [--rounds 3] [--duration 5]
    python bench/overhead.py --baseline ../old-checkout   # before/after in the same run
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from common import EMAIL, PASSWORD, ROUTES, Prepared, body, cpu_count, prepare, request_headers
from live import Server

WRK_SCRIPT = """
wrk.method = "POST"
wrk.body = {body}
{headers}
"""


@dataclass
class Run:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_us: float = 0.0  # CPU time of the app's workers per request (robust to a busy machine)


def worker_cpu_seconds(server: Server) -> float:
    """User + system CPU time of the server's workers so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in server.worker_pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"unreadable wrk latency {text!r}")
    value, unit = match.groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, headers: dict[str, str], payload: bytes, duration: float, connections: int) -> Run:
    """One wrk run; non-2xx answers and socket errors count as errors."""
    lines = "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT.format(body=json.dumps(payload.decode()), headers=lines))
    threads = max(1, min(2, connections))
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{round(duration)}s",
            "--latency",
            "-s",
            script.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    Path(script.name).unlink()
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk printed no latencies:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = int(non2xx.group(1)) if non2xx else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return Run(rps, p50, p99, errors, total)


def python_client(
    url: str, headers: dict[str, str], payload: bytes, duration: float, connections: int
) -> Run:
    """Fallback load generator: one thread per connection, a new connection per request."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def client() -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
                conn.request("POST", path, payload, headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                bad += not 200 <= response.status < 300
            except OSError:
                bad += 1
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client) for _ in range(connections)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return Run(
        len(latencies) / elapsed,
        latencies[len(latencies) // 2] * 1000,
        latencies[int(len(latencies) * 0.99)] * 1000,
        errors,
        len(latencies),
    )


BROWSER = {"X-Forwarded-For": "203.0.113.8", "X-Forwarded-Proto": "https", "User-Agent": "bench"}


def exchange(
    url: str, method: str, path: str, headers: dict[str, str], cookies: dict[str, str], form: str = ""
) -> tuple[int, str]:
    """One request over HTTP; the cookies it sets are added to ``cookies``."""
    host, port = url.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    sent = {"Host": "localhost", **BROWSER, **headers}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if form:
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, form.encode() or None, sent)
    response = conn.getresponse()
    text = response.read().decode()
    for header in response.msg.get_all("Set-Cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        cookies[name.strip()] = value
    conn.close()
    return response.status, text


def browser_headers(url: str, naive: bool) -> dict[str, str]:
    """Log in as a person does (the login form, its CSRF token); return the headers of a logged-in
    playground call: the session cookie and the CSRF header."""
    from urllib.parse import urlencode

    cookies: dict[str, str] = {}
    login = "/login" if naive else "/auth/login"
    _, page = exchange(url, "GET", login, {}, cookies)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    form = urlencode({"email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1) if token else ""})
    referer = {"Referer": f"https://localhost{login}"}
    status, _ = exchange(url, "POST", login, referer, cookies, form)
    if status not in (204, 302):
        raise RuntimeError(f"login to {url} answered {status}")
    csrf = token.group(1) if token else ""
    if not naive:  # the playground reads the token of its page's meta tag
        _, home = exchange(url, "GET", "/", {}, cookies)
        meta = re.search(r'name="csrf-token" content="([^"]+)"', home)
        csrf = meta.group(1) if meta else ""
    return {
        "Host": "localhost",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "X-CSRFToken": csrf,
        "Referer": "https://localhost/ai/playground",
        "Content-Type": "application/json",
        "Accept": "application/json",
        **BROWSER,
    }


APPS = {"protected": "bench_protected:app", "naive": "bench_naive:app", "bare": "bench_bare:app"}


def compare(
    prepared: Prepared, args: argparse.Namespace, baseline: Prepared | None = None, profile: str = "api"
) -> dict[str, list[Run]]:
    """Serve the apps, load them in turn (each round starts one further along, so drift in the
    machine's load falls on all alike); return the runs of each."""
    load = wrk if shutil.which("wrk") and not args.python_client else python_client
    payload = body()
    apps = {name: (prepared, wsgi_app) for name, wsgi_app in APPS.items()}
    if baseline is not None:  # the same benchmark app, baked from another checkout: before/after
        apps["baseline"] = (baseline, "bench_protected:app")
    servers, headers = {}, {}
    for name, (bake, wsgi_app) in apps.items():
        env = bake.env | {"GUNICORN_THREADS": str(args.threads)}
        servers[name] = Server(bake.project, env, workers=args.workers, wsgi_app=wsgi_app)
    runs: dict[str, list[Run]] = {name: [] for name in servers}
    names = list(servers)
    try:
        for server in servers.values():
            server.start()
        for name, (bake, _) in apps.items():
            if profile == "browser" and name != "bare":
                headers[name] = browser_headers(servers[name].url, naive=name == "naive")
            else:
                headers[name] = request_headers(bake.token)
                if name == "bare":
                    headers[name].pop("Authorization")
        for name, server in servers.items():  # warm-up: imports, connections, caches
            load(f"{server.url}{ROUTES[args.route]}", headers[name], payload, 2, args.connections)
        for round_ in range(args.rounds):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                cpu_before = worker_cpu_seconds(servers[name])
                url = f"{servers[name].url}{ROUTES[args.route]}"
                run = load(url, headers[name], payload, args.duration, args.connections)
                run.cpu_us = (worker_cpu_seconds(servers[name]) - cpu_before) / max(run.requests, 1) * 1e6
                runs[name].append(run)
                print(
                    f"  {profile:<7} round {round_ + 1} {name:<9} {run.rps:8.0f} req/s"
                    f"  p50 {run.p50_ms:6.2f} ms"
                    f"  p99 {run.p99_ms:6.2f} ms  CPU {run.cpu_us:6.0f} µs/req  errors {run.errors}",
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.stop()
    return runs


@dataclass
class Figures:
    """The ratios of one profile, from the medians of its rounds."""

    ours_naive_rps: float
    ours_bare_rps: float
    naive_ours_cpu: float
    bare_ours_cpu: float


def spread(values: list[float], digits: int = 0) -> str:
    """``median (min-max)`` of ``values``."""
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def summary(
    runs: dict[str, list[Run]], args: argparse.Namespace, tool: str, profile: str
) -> tuple[str, Figures]:
    med = {
        name: (statistics.median(r.rps for r in rs), statistics.median(r.cpu_us for r in rs))
        for name, rs in runs.items()
    }
    lines = [
        f"\n{profile} profile: gunicorn, {args.workers} workers x {args.threads} threads, {tool}, "
        f"{args.connections} connections, {args.rounds} rounds x {args.duration} s each, "
        f"{cpu_count()} CPUs; medians (min-max)",
        f"  {'app':<34} {'req/s':>20} {'p50 ms':>8} {'p99 ms':>8} {'CPU µs/req':>18} {'errors':>7}",
    ]
    labels = {
        "protected": f"ours, POST {ROUTES[args.route]}",
        "naive": "naive reference, same route",
        "bare": "bare Flask, same route",
        "baseline": "ours from --baseline",
    }
    for name, rs in runs.items():
        lines.append(
            f"  {labels[name]:<34} {spread([r.rps for r in rs]):>20}"
            f" {statistics.median(r.p50_ms for r in rs):>8.2f}"
            f" {statistics.median(r.p99_ms for r in rs):>8.2f}"
            f" {spread([r.cpu_us for r in rs]):>18} {sum(r.errors for r in rs):>7}"
        )
    figures = Figures(
        med["protected"][0] / med["naive"][0],
        med["protected"][0] / med["bare"][0],
        med["naive"][1] / med["protected"][1],
        med["bare"][1] / med["protected"][1],
    )
    lines.append(
        f"  ours/naive req/s {figures.ours_naive_rps:.2f}"
        f"   naive/ours worker CPU {figures.naive_ours_cpu:.2f}"
        f"   (targets >= 1.0 and >= 1.2)"
    )
    lines.append(
        f"  ours/bare req/s {figures.ours_bare_rps:.2f}    bare/ours worker CPU {figures.bare_ours_cpu:.2f}"
        f"   (API targets >= 0.45 and >= 0.5)"
    )
    if "baseline" in med:
        lines.append(
            f"  --baseline: ours/baseline req/s {med['protected'][0] / med['baseline'][0]:.2f},"
            f" baseline/ours worker CPU {med['baseline'][1] / med['protected'][1]:.2f}"
        )
    return "\n".join(lines), figures


def main(argv: list[str] | None = None) -> dict[str, Figures]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3, help="alternations (each app once per round)")
    parser.add_argument("--profile", choices=["api", "browser", "both"], default="both")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--route", choices=sorted(ROUTES), default="echo", help="see bench/common.py")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="GUNICORN_THREADS (1: sync workers)")
    parser.add_argument(
        "--python-client", action="store_true", help="use the Python client even if wrk exists"
    )
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--template", type=Path, default=None, help="bake from this template checkout")
    parser.add_argument(
        "--baseline", type=Path, default=None, help="also serve a bake of this checkout (before/after)"
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-overhead-"))
    from micro import bench_settings

    prepared = prepare(workdir, template=args.template, TRUSTED_PROXY_HOPS=1, **bench_settings())
    baseline = None
    if args.baseline is not None:
        settings = bench_settings()
        baseline = prepare(workdir / "baseline", template=args.baseline, TRUSTED_PROXY_HOPS=1, **settings)
    tool = "wrk" if shutil.which("wrk") and not args.python_client else "Python client"
    results: dict[str, Figures] = {}
    for profile in ["api", "browser"] if args.profile == "both" else [args.profile]:
        runs = compare(prepared, args, baseline, profile)
        text, results[profile] = summary(runs, args, tool, profile)
        print(text, flush=True)
        if any(r.errors for rs in runs.values() for r in rs):
            print("  WARNING: some requests failed; the numbers above are not comparable", file=sys.stderr)
    return results


if __name__ == "__main__":
    main()
