"""Flood resilience: an abusive client at 64 connections beside a well-behaved one.

The defaults are served by gunicorn (production profile, 2 workers, limits shared through Redis,
as production requires with several workers). The abuser floods ``POST /api/v1/predict`` with its
own token at 64 connections (``wrk``, or Python threads); meanwhile a well-behaved client (another
account, with its own token) sends a steady trickle below its limit. The workers are warmed first by a third
client. Reported: the well-behaved client's success rate and p99 latency (over the whole flood,
and from 5 s on, once the abuser's budget is spent), when its slow requests were sent, the
abuser's share of 429s, and what a 429 costs relative to a served
request (time per request of an all-refused run over an all-200 run, at the same concurrency): once
the activity monitor has blocked the abuser (a 403 from the IP filter), and a 429 from the limiter
before any block.

    python bench/flood.py [--duration 20] [--abuse-connections 64] [--rate 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import PASSWORD, ROUTES, body, flask, prepare, request_headers
from live import Server
from micro import bench_settings
from overhead import python_client, wrk

POLITE = "polite@example.com"
#: Seconds into the flood after which the abuser has spent its budget (--limit) and is refused.
SETTLED_AFTER = 5
TARGETS = "targets: well-behaved success 100 %, p99 <= 50 ms, a 429 costs <= 0.5 of a served request"


def steady_client(port: int, token: str, rate: float, stop: threading.Event) -> list[tuple[float, int]]:
    """Send ``rate`` requests per second until ``stop``; return (latency s, status) per request."""
    results: list[tuple[float, int]] = []
    headers = request_headers(token) | {"X-Forwarded-For": "198.51.100.20"}
    payload = body()
    interval = 1 / rate
    next_at = time.monotonic()
    while not stop.is_set():
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/api/v1/predict", payload, headers)
            response = conn.getresponse()
            response.read()
            conn.close()
            status = response.status
        except OSError:
            status = 0
        results.append((time.perf_counter() - started, status))
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
    return results


def main(argv: list[str] | None = None) -> list[str]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--abuse-connections", type=int, default=64)
    parser.add_argument("--rate", type=float, default=5.0, help="well-behaved requests per second")
    parser.add_argument("--limit", default="600 per minute", help="the AI route's limit during the run")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-flood-"))
    # Redis under a key prefix of this run's own: other suites may share it (never flushed here).
    settings = bench_settings(args.redis) | {"TRUSTED_PROXY_HOPS": 1, "RATELIMIT_AI": args.limit}
    prepared = prepare(workdir, **settings)
    # The well-behaved client is another account: its quota and history rows are its own.
    flask(prepared.project, prepared.env, "users", "create", POLITE, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    polite = flask(prepared.project, prepared.env, "tokens", "create", POLITE, "--name", "polite")
    polite_token = polite.stdout.strip().splitlines()[-1]
    warm = flask(prepared.project, prepared.env, "tokens", "create", "bench@example.com", "--name", "warm")
    warm_token = warm.stdout.strip().splitlines()[-1]
    warm_headers = request_headers(warm_token) | {"X-Forwarded-For": "198.51.100.50"}
    load = wrk if shutil.which("wrk") else python_client
    abuse_headers = request_headers(prepared.token)
    payload = body()
    lines: list[str] = []
    with Server(prepared.project, prepared.env, workers=2, wsgi_app="bench_protected:app") as server:
        url = f"{server.url}/api/v1/predict"
        # Warm the workers first (imports, the model, connections) with a third client: a flood
        # meets a running service, and a cold start is not what it costs the well-behaved client.
        load(url, warm_headers, payload, 2, 4)
        stop = threading.Event()
        polite_results: list[tuple[float, int]] = []
        thread = threading.Thread(
            target=lambda: polite_results.extend(steady_client(server.port, polite_token, args.rate, stop))
        )
        thread.start()
        abuse = load(url, abuse_headers, payload, args.duration, args.abuse_connections)
        stop.set()
        thread.join()
        # Cost of a refusal against a served request: same concurrency, one token exhausted, one
        # fresh, both on the echo route (the same work as bare Flask: only the stack differs).
        limited = load(f"{server.url}{ROUTES['echo']}", abuse_headers, payload, 5, 8)
        fresh = flask(
            prepared.project, prepared.env, "tokens", "create", "bench@example.com", "--name", "fresh"
        )
        # Another address: by now the activity monitor has blocked the abuser's (a 403 before
        # the limiter), and that block lives in the storage the second server shares.
        served_headers = request_headers(fresh.stdout.strip().splitlines()[-1]) | {
            "X-Forwarded-For": "198.51.100.30"
        }
    # A served run needs a limit that does not bite: a second server with a huge limit.
    roomy = prepared.env | {"FLASK_RATELIMIT_AI": "100000000 per minute"}
    with Server(prepared.project, roomy, workers=2, wsgi_app="bench_protected:app") as server:
        served = load(f"{server.url}{ROUTES['echo']}", served_headers, payload, 5, 8)
    # A 429 before any block: a limit of one a minute, the monitor's block on 429s switched off,
    # another address (the first request is served, every other one refused by the limiter).
    thresholds = {"login_failure": 10, "rate_limited": 0, "client_error": 0}
    strict = prepared.env | {
        "FLASK_RATELIMIT_AI": "1 per minute",
        "FLASK_MONITOR_THRESHOLDS": json.dumps(thresholds),
    }
    with Server(prepared.project, strict, workers=2, wsgi_app="bench_protected:app") as server:
        headers_429 = served_headers | {"X-Forwarded-For": "198.51.100.40"}
        only_429 = load(f"{server.url}{ROUTES['echo']}", headers_429, payload, 5, 8)
    ok = [latency for latency, status in polite_results if status == 200]
    success = len(ok) / len(polite_results) if polite_results else 0.0
    p99 = sorted(latency for latency, _ in polite_results)[int(len(polite_results) * 0.99) - 1] * 1000
    cost = served.rps / limited.rps if limited.rps else float("inf")
    median = statistics.median(latency for latency, _ in polite_results) * 1000
    slow = [(i / args.rate, s * 1000) for i, (s, _) in enumerate(polite_results) if s > 0.05]
    lines.append(
        f"flood: well-behaved {len(ok)}/{len(polite_results)} served ({success:.0%}), "
        f"p99 {p99:.1f} ms, median {median:.1f} ms"
    )
    settled = sorted(s for i, (s, _) in enumerate(polite_results) if i / args.rate >= SETTLED_AFTER)
    if settled:
        lines.append(
            f"flood: well-behaved p99 from {SETTLED_AFTER} s on (the abuser's budget served, then "
            f"refused): {settled[max(0, int(len(settled) * 0.99) - 1)] * 1000:.1f} ms"
        )
    lines.append(
        f"flood: well-behaved requests over 50 ms: {len(slow)}"
        + (f", sent at {', '.join(f'{t:.1f} s ({ms:.0f} ms)' for t, ms in slow[:8])}" if slow else "")
        + " into the flood"
    )
    lines.append(
        f"flood: abuser {abuse.rps:.0f} req/s at {args.abuse_connections} connections "
        f"({abuse.errors} answered non-2xx: 429s, then 403s once the activity monitor blocked it)"
    )
    lines.append(
        f"flood: a refusal costs {cost:.2f} of a served echo ({limited.rps:.0f} req/s refused, 403 "
        f"once the monitor blocked the abuser, vs {served.rps:.0f} req/s served, 8 connections)"
    )
    cost_429 = served.rps / only_429.rps if only_429.rps else float("inf")
    lines.append(
        f"flood: a 429 before any block costs {cost_429:.2f} of a served echo "
        f"({only_429.rps:.0f} req/s refused by the limiter, monitor's block off)"
    )
    if served.errors:
        lines.append(f"flood: WARNING: {served.errors} served-run answers were not 2xx: cost is invalid")
    print(f"\nFlood resilience ({TARGETS})")
    for line in lines:
        print(f"  {line}")
    return lines


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
