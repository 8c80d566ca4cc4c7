"""The guardrail corpus the generated project ships is what ``scripts/guardrails_corpus.py`` builds.

The script holds the hand-written texts and derives the encoded variants by code; ``--check``
rebuilds the corpus in memory and fails when the committed file (or the count table of its
provenance page) differs, so nobody edits the data by hand and the two cannot drift apart.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from conftest import ROOT, TEMPLATE

CORPUS = TEMPLATE / "src" / "{{cookiecutter.package_name}}" / "ai" / "data" / "guardrails_corpus.jsonl"


def test_the_committed_corpus_is_what_the_script_builds() -> None:
    script = ROOT / "scripts" / "guardrails_corpus.py"
    command = [sys.executable, str(script), "--check"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_splits_hold_every_family() -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    counts = Counter((r["family"], r["split"]) for r in records)
    families = {family for family, _ in counts}
    assert len(families) == 8 and "benign" in families
    assert all(counts[(family, split)] >= 40 for family in families for split in ("train", "heldout"))
    texts = [" ".join(r["messages"]) for r in records]
    assert len(set(texts)) == len(texts), "a record appears twice"
