"""The benchmarks still run: a tiny WSGI microbenchmark of a fresh bake, every variant answering 200.

Benchmarks are not tests and their numbers are not asserted; but a benchmark that no longer runs
(a new quota refusing its requests, a layer its harness cannot remove) is a broken tool, and
`make bench` is only run by hand. This runs the real script with a few requests per variant.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run


def redis_reachable() -> None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            if conn.recv(16).startswith(b"+PONG"):
                return
    except OSError:
        pass
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail("Redis is not reachable at 127.0.0.1:6379 (REQUIRE_SERVICES=1 forbids skipping)")
    pytest.skip("Redis is not reachable at 127.0.0.1:6379 (the benchmarks use it as production does)")


@pytest.mark.slow
def test_the_microbenchmark_runs_every_variant(tmp_path: Path) -> None:
    redis_reachable()
    script = ROOT / "bench" / "micro.py"
    args = [sys.executable, str(script), "--profile", "both", "--requests", "5", "--repeat", "1"]
    result = run([*args, "--workdir", str(tmp_path)], ROOT, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = ("full stack (api)", "full stack (browser)", "bare Flask", "ratelimit")
    rows += ("X-RateLimit headers on served",)
    rows += ("inside each layer's hooks", "in ratelimit", "in the view")
    rows += ("naive reference: stock extensions, full", "limiter (ours: ratelimit", "login (ours: tokens")
    for row in rows:
        assert row in result.stdout, result.stdout


@pytest.mark.slow
def test_the_session_lookup_benchmark_runs(tmp_path: Path) -> None:
    """`bench/session_lookup.py`, which the performance page quotes for the light-principal decision."""
    script = ROOT / "bench" / "session_lookup.py"
    args = [sys.executable, str(script), "--calls", "20", "--repeat", "1", "--workdir", str(tmp_path)]
    result = run(args, ROOT, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    rows = ("ORM objects (LoginSession, User)", "Core row of the same columns", "light principal would save")
    for row in rows:
        assert row in result.stdout, result.stdout
