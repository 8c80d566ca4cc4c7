"""Print the mutation score of the last `make mutate` run from mutmut's CI/CD stats file.

mutmut counts every mutant it generated, including those a ``MUTATE=<glob>`` run did not select,
so the score here is over the mutants that were actually tried: killed (or timed out) / tried.
A mutant no test reached ("no tests") counts as not killed: the control it broke is untested.
``MUTATE_MIN=<percent>`` makes a lower score exit 1, for a CI gate on the modules you choose.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

NOT_KILLED = ("survived", "no_tests", "suspicious", "segfault")


def main(path: str) -> int:
    stats = json.loads(Path(path).read_text(encoding="utf-8"))
    killed = int(stats["killed"]) + int(stats["timeout"])
    missed = sum(int(stats[key]) for key in NOT_KILLED)
    tried = killed + missed
    if tried == 0:
        print("mutation: no mutant was tried (does MUTATE match a function of the security package?)")
        return 1
    score = 100 * killed / tried
    detail = ", ".join(f"{key.replace('_', ' ')} {stats[key]}" for key in NOT_KILLED if stats[key])
    print(f"mutation score {score:.1f} %: {killed} of {tried} mutants killed ({detail or 'none missed'})")
    if missed:
        print("`.venv/bin/mutmut results` lists the survivors; `.venv/bin/mutmut show <name>` shows one.")
    minimum = float(os.environ.get("MUTATE_MIN", "0"))
    return 1 if score < minimum else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
