"""``make bench``: every benchmark of the template in one run, then one summary table.

1. overhead: the generated app against the naive reference and bare Flask under gunicorn;
2. micro: the per-request cost of each layer at the WSGI level (api and browser profiles);
3. flood: an abusive client at 64 connections beside a well-behaved one.

Benchmarks are not tests: they print numbers and exit 0 unless something broke; the targets of
issue 16 are shown beside the numbers.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import flood
import micro
import overhead


def main() -> None:
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    print(f"bench: baking and serving under {workdir}", flush=True)
    served = overhead.main(["--workdir", str(workdir / "overhead")])
    layers = micro.main(["--workdir", str(workdir / "micro")])
    flooded = flood.main(["--workdir", str(workdir / "flood")])
    print("\nSummary (targets from issue 16)")
    for profile, f in served.items():
        print(
            f"  {profile:<7} ours/naive req/s {f.ours_naive_rps:5.2f} (>= 1.0)"
            f"  naive/ours worker CPU {f.naive_ours_cpu:5.2f} (>= 1.2)"
        )
    api = served.get("api")
    if api is not None:
        print(
            f"  api     ours/bare req/s {api.ours_bare_rps:5.2f} (>= 0.45)"
            f"  bare/ours worker CPU {api.bare_ours_cpu:5.2f} (>= 0.5)"
        )
    targets = {"api": 400, "browser": 600}
    for profile, rows in layers.items():
        print(
            f"  WSGI overhead of the whole stack ({profile:<7})"
            f"  {rows[0][2]:6.0f} µs (<= {targets[profile]} µs)"
        )
    for line in flooded:
        print(f"  {line}")
    print(f"  total time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
