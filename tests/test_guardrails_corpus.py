"""The guardrail corpus the generated project ships is what ``scripts/guardrails_corpus.py`` builds.

The script holds the hand-written texts and derives the encoded variants by code; ``--check``
rebuilds the corpus in memory and fails when the committed file (or the count table of its
provenance page) differs, so nobody edits the data by hand and the two cannot drift apart.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from conftest import ROOT, TEMPLATE

CORPUS = TEMPLATE / "src" / "{{cookiecutter.package_name}}" / "ai" / "data" / "guardrails_corpus.jsonl"
DETECTOR = CORPUS.parent.parent / "detector.py"


def constants(path: Path, *names: str) -> dict[str, object]:
    """The module-level constants ``names`` of a Python file, read without importing it."""
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None
        if isinstance(target, ast.Name) and target.id in names:
            found[target.id] = ast.literal_eval(node.value)
    return found


def test_the_committed_corpus_is_what_the_script_builds() -> None:
    script = ROOT / "scripts" / "guardrails_corpus.py"
    command = [sys.executable, str(script), "--check"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_script_and_the_generated_detector_name_the_same_families_and_splits() -> None:
    """The script writes the corpus, the detector reads it: each keeps its own list (the script
    runs without the generated package), so they are compared here."""
    names = ("FAMILIES", "SPLITS")
    script = constants(ROOT / "scripts" / "guardrails_corpus.py", *names)
    assert set(script) == set(names)
    assert script == constants(DETECTOR, *names)


def test_both_splits_hold_every_family() -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    counts = Counter((r["family"], r["split"]) for r in records)
    families = {family for family, _ in counts}
    assert len(families) == 8 and "benign" in families
    assert all(counts[(family, split)] >= 40 for family in families for split in ("train", "heldout"))
    texts = [" ".join(r["messages"]) for r in records]
    assert len(set(texts)) == len(texts), "a record appears twice"
