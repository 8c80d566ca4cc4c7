"""``make bench``: every benchmark of the template in one run, then one summary table.

1. overhead: the generated app's protected endpoint against bare Flask under gunicorn;
2. micro: the per-request cost of each layer at the WSGI level (api and browser profiles);
3. flood: an abusive client at 64 connections beside a well-behaved one.

Benchmarks are not tests: they print numbers and exit 0 unless something broke; the targets of
issue 9 are shown beside the numbers.
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
    ratio = overhead.main(["--workdir", str(workdir / "overhead")])
    layers = micro.main(["--workdir", str(workdir / "micro")])
    flooded = flood.main(["--workdir", str(workdir / "flood")])
    print("\nSummary (targets from issue 9)")
    print(f"  protected/bare throughput under gunicorn  {ratio:6.2f}   target >= 0.6")
    for profile, rows in layers.items():
        print(f"  WSGI overhead of the whole stack ({profile:<7})  {rows[0][2]:6.0f} µs target <= 200 µs")
    for line in flooded:
        print(f"  {line}")
    print(f"  total time {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
