"""The labelled training data: support messages with a topic and an urgency.

The default file ships in ``ai/data/``; point ``AI_DATASET`` at your own CSV (columns ``text``,
``topic``, ``urgency``) to retrain on your data. Reading it needs no machine-learning library, so
the OpenAI-compatible provider can use the same labels in projects without scikit-learn.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DEFAULT_DATASET = Path(__file__).parent / "data" / "support_tickets.csv"
COLUMNS = ("text", "topic", "urgency")


@dataclass(frozen=True)
class Dataset:
    """Texts and their labels, plus the SHA-256 of the file they came from."""

    texts: tuple[str, ...]
    topics: tuple[str, ...]
    urgencies: tuple[str, ...]
    sha256: str

    @property
    def topic_labels(self) -> list[str]:
        return sorted(set(self.topics))

    @property
    def urgency_labels(self) -> list[str]:
        return sorted(set(self.urgencies))


def load(path: str | Path | None = None) -> Dataset:
    """Read and check a dataset CSV; raise ``ValueError`` naming the first bad row."""
    path = Path(path or DEFAULT_DATASET)
    raw = path.read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8").splitlines()))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"{path}: the header must be {','.join(COLUMNS)}.")
    for number, row in enumerate(rows, start=2):
        if not all((row.get(column) or "").strip() for column in COLUMNS):
            raise ValueError(f"{path}, line {number}: every column needs a value.")
    dataset = Dataset(
        texts=tuple(row["text"].strip() for row in rows),
        topics=tuple(row["topic"].strip() for row in rows),
        urgencies=tuple(row["urgency"].strip() for row in rows),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    if len(dataset.topic_labels) < 2 or len(dataset.urgency_labels) < 2:
        raise ValueError(f"{path}: each label column needs at least two distinct values.")
    return dataset


@cache
def labels(path: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The topic and urgency labels of a dataset (cached: the file does not change at runtime)."""
    dataset = load(path)
    return tuple(dataset.topic_labels), tuple(dataset.urgency_labels)
