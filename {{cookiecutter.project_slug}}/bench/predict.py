"""Latency of ``POST /api/v1/predict`` with a 1 KB message, guardrails on and off.

Runs the whole application in process (WSGI: token auth, CSRF decision, headers, logging, quota
and history in a SQLite file, guardrails, the local model), or against a running server with
``--url`` and ``--token``. Prints p50/p99 per mode, the guardrails' own cost per KB, and the
model's, so the numbers can be compared with the targets: p50 <= 5 ms end to end with
guardrails on, guardrails <= 0.2 ms per KB.

    python bench/predict.py                   # in process, 2000 requests per mode
    python bench/predict.py --requests 500 --size 4096
    python bench/predict.py --database sqlite:////dev/shm/bench.db   # without the disk's fsync
    python bench/predict.py --url http://127.0.0.1:8000 --token sfa_...   # a live server
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from {{ cookiecutter.package_name }} import create_app  # noqa: E402
from {{ cookiecutter.package_name }}.ai import dataset, local, state  # noqa: E402
from {{ cookiecutter.package_name }}.ai.provider import PredictRequest  # noqa: E402
from {{ cookiecutter.package_name }}.db import db  # noqa: E402
from {{ cookiecutter.package_name }}.security.tokens import create_token  # noqa: E402
from {{ cookiecutter.package_name }}.users import create_user  # noqa: E402

GUARDRAILS_OFF = {"unicode": False, "redact": False, "injection": False, "canary": False, "output": False}


def message(size: int) -> str:
    """A realistic support message of ``size`` bytes, built from the training data."""
    lines = dataset.load().texts
    text, index = "", 0
    while len(text.encode()) < size:
        text += lines[(index * 37) % len(lines)] + " "
        index += 1
    return text.encode()[:size].decode(errors="ignore")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(call: Callable[[], Any], count: int, cpu: list[float] | None = None) -> list[float]:
    """Milliseconds of ``count`` calls, after a warm-up of a tenth as many.

    With ``cpu``, the CPU time this process spent on each call is appended to it as well: on a
    busy machine wall-clock time includes waiting for a core, CPU time does not.
    """
    for _ in range(max(10, count // 10)):
        call()
    samples = []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return samples


def in_process_app(database: str, model: Path, guardrails: dict[str, bool] | None) -> tuple[Any, str]:
    settings: dict[str, Any] = {
        "PROFILE": "testing",
        "TESTING": False,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SQLALCHEMY_DATABASE_URI": database,
        "PASSWORD_HASH_FAST": True,
        "AI_PROVIDER": "local",  # the local model is what is measured
        "AI_MODEL_DIR": str(model),
        "AI_DAILY_REQUESTS": 10**9,
        "LOG_LEVEL": "WARNING",  # the access log of every request is not what is measured
        "RATELIMIT_ENABLED": False,  # nor is a rate limiter, when the project has one
    }
    if guardrails is not None:
        settings["AI_GUARDRAILS"] = guardrails
    app = create_app(settings)
    with app.app_context():
        db.create_all()
        user = create_user(f"bench-{secrets.token_hex(4)}@example.com", "correct horse battery staple")
        _, token = create_token(user.id, "bench", ["ai:predict"])
    return app, token


def run_in_process(args: argparse.Namespace) -> None:
    text = message(args.size)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        model = folder / "model"
        database = args.database or f"sqlite:///{folder / 'bench.db'}"
        print(f"Training the model into {model}; database {database}", file=sys.stderr)
        local.train(local.ArtifactPaths(model, "support-router"), evaluate_first=False)
        calls = {}
        for label, guardrails in (("guardrails on", None), ("guardrails off", GUARDRAILS_OFF)):
            app, token = in_process_app(database, model, guardrails)
            client = app.test_client(use_cookies=False)
            headers = {"Authorization": f"Bearer {token}"}

            def call(client: Any = client, headers: dict[str, str] = headers) -> None:
                response = client.post(
                    "/api/v1/predict", json={"text": text}, headers=headers, base_url="https://localhost"
                )
                if response.status_code != 200:
                    raise SystemExit(response.get_data(as_text=True))

            calls[label] = call
        # Alternate the modes in rounds, so that a change in machine load hits both alike.
        results: dict[str, list[float]] = {label: [] for label in calls}
        cpu: dict[str, list[float]] = {label: [] for label in calls}
        rounds = 10
        for _ in range(rounds):
            for label, call in calls.items():
                results[label] += timed(call, max(1, args.requests // rounds), cpu[label])
        # What the guardrails and the model cost on their own, per KB.
        app, _ = in_process_app(database, model, None)
        with app.test_request_context():
            pipeline = state().guardrails
            provider = state().provider("predict")
            costs = {}
            for size in (1024, 4096, 16384):
                sample = message(size)
                spent = timed(lambda sample=sample: pipeline.screen_input([sample], "predict"), args.requests)
                costs[size] = statistics.median(spent)
            model_ms = statistics.median(
                timed(lambda: provider.predict(PredictRequest(text, "support-router")), args.requests)
            )
    report(args, results, costs, model_ms, cpu)


def run_live(args: argparse.Namespace) -> None:
    import httpx

    text = message(args.size)
    with httpx.Client(base_url=args.url, headers={"Authorization": f"Bearer {args.token}"}) as client:

        def call() -> None:
            response = client.post("/api/v1/predict", json={"text": text})
            if response.status_code != 200:
                raise SystemExit(response.text)

        report(args, {"live server": timed(call, args.requests)}, {}, None)


def report(
    args: argparse.Namespace,
    results: dict[str, list[float]],
    costs: dict[int, float],
    model_ms: float | None,
    cpu: dict[str, list[float]] | None = None,
) -> None:
    kb = args.size / 1024
    print(f"POST /api/v1/predict, {args.size} B message, {args.requests} requests per mode")
    print(f"{'mode':<16}{'p50 ms':>9}{'p99 ms':>9}{'mean ms':>9}{'CPU p50 ms':>12}")
    for label, samples in results.items():
        p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
        cpu_p50 = f"{percentile(cpu[label], 0.5):>12.3f}" if cpu else ""
        print(f"{label:<16}{p50:>9.3f}{p99:>9.3f}{statistics.fmean(samples):>9.3f}{cpu_p50}")
    if len(results) == 2:
        on, off = (statistics.median(samples) for samples in results.values())
        print(f"guardrails, end to end: {(on - off) / kb:.3f} ms per KB (p50 on - p50 off)")
    for size, ms in costs.items():
        per_kb = ms / (size / 1024)
        print(f"guardrails alone, {size // 1024:>2} KB input: {ms:.3f} ms = {per_kb:.3f} ms per KB")
    if model_ms is not None:
        print(f"local model alone, {args.size} B: {model_ms:.3f} ms")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(load average {load:.2f} on {os.cpu_count()} CPUs: compare numbers from a quiet machine only)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--size", type=int, default=1024, help="message size in bytes")
    parser.add_argument("--database", help="SQLAlchemy URI (default: a SQLite file in a temporary folder)")
    parser.add_argument("--url", help="a running server instead of the in-process app")
    parser.add_argument("--token", help="an API token with the ai:predict scope (with --url)")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    if args.url:
        if not args.token:
            parser.error("--url needs --token")
        run_live(args)
    else:
        run_in_process(args)


if __name__ == "__main__":
    main()
