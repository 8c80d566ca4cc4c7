"""Throughput under gunicorn: the generated app's protected endpoint against bare Flask.

Both apps run at once under the generated project's own ``gunicorn.conf.py`` (production profile,
same workers, plain HTTP on loopback: TLS is terminated by the proxy, whose headers are trusted
through ``TRUSTED_PROXY_HOPS=1``). They are loaded alternately, in ABBA order so that drift in the
machine's load falls on both alike, with ``wrk`` (or a Python client when ``wrk`` is absent) for the
same duration and concurrency; the table shows medians over the rounds and the ratio
protected/bare of requests per second.

    python bench/overhead.py [--rounds 6] [--duration 5] [--connections 8] [--workers 2]
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

from common import ROUTES, Prepared, body, cpu_count, prepare, request_headers
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


def compare(
    prepared: Prepared, args: argparse.Namespace, baseline: Prepared | None = None
) -> dict[str, list[Run]]:
    """Serve the apps, load them in turn (each round starts one further along, so drift in the
    machine's load falls on all alike); return the runs of each."""
    load = wrk if shutil.which("wrk") and not args.python_client else python_client
    payload = body()
    apps = {"protected": (prepared, "bench_protected:app"), "bare": (prepared, "bench_bare:app")}
    if baseline is not None:  # the same benchmark app, baked from another checkout: before/after
        apps["baseline"] = (baseline, "bench_protected:app")
    servers, headers = {}, {}
    for name, (bake, wsgi_app) in apps.items():
        env = bake.env | {"GUNICORN_THREADS": str(args.threads)}
        servers[name] = Server(bake.project, env, workers=args.workers, wsgi_app=wsgi_app)
        headers[name] = request_headers(bake.token)
    runs: dict[str, list[Run]] = {name: [] for name in servers}
    names = list(servers)
    try:
        for server in servers.values():
            server.start()
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
                    f"  round {round_ + 1} {name:<9} {run.rps:8.0f} req/s  p50 {run.p50_ms:6.2f} ms"
                    f"  p99 {run.p99_ms:6.2f} ms  CPU {run.cpu_us:6.0f} µs/req  errors {run.errors}",
                    flush=True,
                )
    finally:
        for server in servers.values():
            server.stop()
    return runs


def summary(runs: dict[str, list[Run]], args: argparse.Namespace, tool: str) -> tuple[str, float]:
    med = {
        name: (
            statistics.median(r.rps for r in rs),
            statistics.median(r.p50_ms for r in rs),
            statistics.median(r.p99_ms for r in rs),
            statistics.median(r.cpu_us for r in rs),
            sum(r.errors for r in rs),
        )
        for name, rs in runs.items()
    }
    ratio = med["protected"][0] / med["bare"][0]
    lines = [
        f"\ngunicorn, {args.workers} workers x {args.threads} threads, {tool}, "
        f"{args.connections} connections, {args.rounds} alternations x {args.duration} s each, "
        f"{cpu_count()} CPUs",
        f"  {'app':<38} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU µs/req':>11} {'errors':>7}",
    ]
    labels = {
        "protected": f"generated app, POST {ROUTES[args.route]}",
        "bare": "bare Flask, same route",
        "baseline": "generated app from --baseline",
    }
    for name, (rps, p50, p99, cpu, errors) in med.items():
        lines.append(f"  {labels[name]:<38} {rps:>8.0f} {p50:>8.2f} {p99:>8.2f} {cpu:>11.0f} {errors:>7}")
    cpu_ratio = med["bare"][3] / med["protected"][3]
    lines.append(f"  ratio protected/bare (req/s, medians): {ratio:.2f}")
    lines.append(f"  ratio bare/protected (worker CPU per request, medians): {cpu_ratio:.2f}")
    if "baseline" in med:
        lines.append(
            f"  --baseline: ratio baseline/bare {med['baseline'][0] / med['bare'][0]:.2f} (req/s),"
            f" {med['bare'][3] / med['baseline'][3]:.2f} (CPU); protected/baseline req/s"
            f" {med['protected'][0] / med['baseline'][0]:.2f}"
        )
    return "\n".join(lines), ratio


def main(argv: list[str] | None = None) -> float:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=6, help="alternations (each app once per round)")
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
    runs = compare(prepared, args, baseline)
    text, ratio = summary(runs, args, tool)
    print(text, flush=True)
    if any(r.errors for rs in runs.values() for r in rs):
        print("  WARNING: some requests failed; the numbers above are not comparable", file=sys.stderr)
    return ratio


if __name__ == "__main__":
    main()
