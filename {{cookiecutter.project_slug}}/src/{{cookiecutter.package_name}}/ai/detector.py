"""The learned layer of the injection guardrail: a small classifier over the canonical views.

``flask ai train`` fits it on the *train* split of the labelled corpus (``ai/data/
guardrails_corpus.jsonl``; its provenance is in ``guardrails_corpus.md``) and saves it with skops
beside a manifest, like the support router: loading checks the artifact's SHA-256 against
``AI_GUARD_MODEL_SHA256`` (else the manifest's) before anything is deserialised (LLM03, LLM04).
The *heldout* split is never used to fit or to tune anything: ``flask ai guardrails eval``
reports on it.

The model scores every view :func:`normalise.views` returns (the canonical text, its decodings
and respellings) and keeps the highest probability, so an instruction hidden in base64 or
spaced-out letters is judged as the model would read it. scikit-learn and skops are imported
inside the functions, as in ``local``: without the ``local`` extra the layer is simply absent
(the deploy check says so, SFA-X013) and the rules still apply.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import dataset as datasets
from . import local
from .normalise import conversation_views
from .provider import ModelIntegrityError, ProviderUnavailable

DEFAULT_CORPUS = Path(__file__).parent / "data" / "guardrails_corpus.jsonl"
FAMILIES = (
    "direct_override",
    "roleplay_jailbreak",
    "prompt_extraction",
    "other_language",
    "encoding",
    "payload_splitting",
    "indirect_document",
    "benign",
)
SPLITS = ("train", "heldout")
PIN_SETTING = "AI_GUARD_MODEL_SHA256"
# Views shorter than this are not scored: a few characters carry too few n-grams to judge (the
# probability of "u" is the model's prior, not evidence); the rules still see them.
MIN_CHARS = 12


@dataclass(frozen=True)
class Record:
    """One labelled example: the user's turns, whether they attack, and where it is used."""

    id: str
    family: str
    variant: str
    injection: bool
    split: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Corpus:
    records: tuple[Record, ...]
    sha256: str

    def split(self, name: str) -> list[Record]:
        """The records of one split ("train" or "heldout"), or all of them for "all"."""
        return [r for r in self.records if name in ("all", r.split)]


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Read and check the JSON-lines corpus; ``ValueError`` naming the first bad line."""
    path = Path(path or DEFAULT_CORPUS)
    raw = path.read_bytes()
    records = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        try:
            item = json.loads(line)
            record = Record(
                str(item["id"]),
                str(item["family"]),
                str(item.get("variant", "")),
                item["label"] == "injection",
                str(item["split"]),
                tuple(str(m) for m in item["messages"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}, line {number}: not a corpus record ({exc}).") from None
        if record.family not in FAMILIES or record.split not in SPLITS or not record.messages:
            raise ValueError(f"{path}, line {number}: unknown family or split, or no messages.")
        if record.injection == (record.family == "benign"):
            raise ValueError(f"{path}, line {number}: the label does not match the family.")
        records.append(record)
    return Corpus(tuple(records), hashlib.sha256(raw).hexdigest())


def _new_model() -> dict[str, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    # Character 2-5-grams within word boundaries carry across languages (Chinese has no spaces),
    # word forms and typos; word 1-2-grams carry phrasing. Both hashed: the artifact holds no
    # training text. The choice (and C, and the thresholds' defaults) came from 5-fold
    # cross-validation on the train split only; the held-out split was not looked at.
    def hashed(analyzer: str, ngrams: tuple[int, int]) -> Any:
        return HashingVectorizer(
            analyzer=analyzer, ngram_range=ngrams, n_features=2**16, alternate_sign=False, norm=None
        )

    return {
        "features": FeatureUnion([("chars", hashed("char_wb", (2, 5))), ("words", hashed("word", (1, 2)))]),
        "tfidf": TfidfTransformer(sublinear_tf=True),
        "classifier": LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"),
    }


def _training_rows(records: Iterable[Record]) -> tuple[list[str], list[int]]:
    # Each view is a row with its record's label: the decoded base64 of an attack teaches the
    # attack, the raw base64 of a benign paste teaches that a blob alone is harmless.
    texts: list[str] = []
    labels: list[int] = []
    for record in records:
        for view in conversation_views(record.messages):
            if len(view) < MIN_CHARS:
                continue
            texts.append(view)
            labels.append(int(record.injection))
    return texts, labels


def train(
    paths: local.ArtifactPaths, corpus_path: str | Path | None = None, dataset_path: str | Path | None = None
) -> dict[str, Any]:
    """Fit on the corpus's train split plus the app's own support messages (``AI_DATASET``, benign
    by definition: the traffic the app exists for); save artifact and manifest atomically."""
    import skops.io as sio

    corpus = load_corpus(corpus_path)
    texts, labels = _training_rows(corpus.split("train"))
    support = datasets.load(dataset_path)
    own = [view for text in support.texts for view in conversation_views([text]) if len(view) >= MIN_CHARS]
    texts += own
    labels += [0] * len(own)
    model = _new_model()
    features = model["tfidf"].fit_transform(model["features"].transform(texts))
    model["classifier"].fit(features, labels)
    blob = sio.dumps(model)
    manifest = {
        "format": local.MANIFEST_FORMAT,
        "name": paths.name,
        "artifact": paths.artifact.name,
        "sha256": local.sha256_of(blob),
        "size": len(blob),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {
            "file": Path(corpus_path or DEFAULT_CORPUS).name,
            "sha256": corpus.sha256,
            "rows": len(corpus.split("train")),
            "split": "train",
            "support_messages": {"sha256": support.sha256, "rows": len(support.texts)},
        },
        "metrics": {"method": "see `flask ai guardrails eval` (held-out split)"},
        "versions": local.library_versions(),
        "untrusted_types": sorted(sio.get_untrusted_types(data=blob)),
    }
    local.write_atomically(paths.artifact, blob)
    local.write_atomically(paths.manifest, (json.dumps(manifest, indent=2) + "\n").encode())
    return manifest


class Detector:
    """The trained classifier of one app, loaded on first use after its hash is checked."""

    def __init__(self, paths: local.ArtifactPaths, pinned: str | None, trusted: Sequence[str] = ()) -> None:
        self.paths = paths
        self.pinned = pinned
        self.trusted = tuple(trusted)
        self._model: dict[str, Any] | None = None
        self._absent = False
        self._lock = threading.Lock()

    def available(self) -> bool:
        """Whether the layer can judge: trained and readable, or pinned (then it must load).

        Unpinned and untrained (development, tests without a model) the layer is absent and the
        rules judge alone; pinned, a missing or altered artifact raises, so the guardrail fails
        closed in production rather than silently losing a layer.
        """
        if self._model is not None:
            return True
        if self._absent and not self.pinned:
            return False
        with self._lock:
            if self._model is None:
                try:
                    blob, _ = local.verified_bytes(self.paths, self.pinned, self.trusted, PIN_SETTING)
                    model = _deserialise(blob, self.trusted)
                except (ImportError, FileNotFoundError, ProviderUnavailable):
                    if self.pinned:
                        raise
                    self._absent = True
                    return False
                self._model = model
        return True

    def ready(self) -> None:
        """Load the detector now (``/readyz`` calls this): raises when it is pinned and cannot load;
        an unpinned, untrained detector is simply absent."""
        self.available()

    def probability(self, texts: Sequence[str]) -> float:
        """The highest probability that one of ``texts`` (views) is an injection; 0 when absent."""
        texts = [text for text in texts if len(text) >= MIN_CHARS]
        if not texts or not self.available():
            return 0.0
        import sklearn

        model = self._model or {}
        with sklearn.config_context(assume_finite=True):
            features = model["tfidf"].transform(model["features"].transform(list(texts)))
            return float(model["classifier"].predict_proba(features)[:, 1].max())


def _deserialise(blob: bytes, trusted: Sequence[str]) -> dict[str, Any]:
    import skops.io as sio

    model = sio.loads(blob, trusted=list(trusted))
    if not isinstance(model, dict) or not {"features", "tfidf", "classifier"} <= model.keys():
        raise ModelIntegrityError("The guardrail model artifact does not hold an injection detector.")
    return model
