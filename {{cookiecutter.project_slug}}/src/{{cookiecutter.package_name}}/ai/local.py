"""The local model: a scikit-learn classifier that routes support messages by topic and urgency.

``flask ai train`` fits it on the shipped dataset and saves it with ``skops`` (never pickle: a
pickle runs code when it is loaded) beside a manifest holding the artifact's SHA-256, the
training data's SHA-256, the library versions and the evaluation metrics. Loading reads the
artifact once, checks those very bytes against the pinned hash (``AI_MODEL_SHA256``, else the
manifest's) and refuses any type that skops does not trust and the settings do not list, so a
swapped or tampered file is never deserialised (OWASP LLM03 supply chain, LLM04 model poisoning).

scikit-learn and skops are imported inside the functions that need them: projects whose default
provider is the OpenAI-compatible one can leave the ``local`` extra uninstalled.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from . import dataset as datasets
from .provider import (
    ChatRequest,
    ChatResult,
    ModelIntegrityError,
    Prediction,
    PredictRequest,
    ProviderUnavailable,
    Usage,
)

MANIFEST_FORMAT = 1
LIBRARIES = ("scikit-learn", "skops", "numpy", "scipy")
# How the local "chat" answers: it routes the latest message and says where it went.
TEAMS = {
    "account": "Accounts",
    "billing": "Billing",
    "feedback": "Product",
    "security": "Security",
    "shipping": "Logistics",
    "technical": "Engineering",
}
RESPONSE_TIMES = {
    "high": "aims to answer within the hour",
    "normal": "aims to answer within one business day",
    "low": "aims to answer within three business days",
}


@dataclass(frozen=True)
class ArtifactPaths:
    """Where one named model and its manifest live."""

    directory: Path
    name: str

    @property
    def artifact(self) -> Path:
        return self.directory / f"{self.name}.skops"

    @property
    def manifest(self) -> Path:
        return self.directory / f"{self.name}.manifest.json"


def sha256_of(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries that produced (or will read) the artifact."""
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover - scipy/numpy always come with sklearn
            versions[name] = "absent"
    return versions


def write_atomically(path: Path, data: bytes) -> None:
    # A reader never sees half a file: write beside it, then rename over it.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private; the app may run as another user than the trainer (a
        # container trains as root at build time and serves as an unprivileged user).
        os.chmod(tmp, 0o644)  # a model artifact is not a secret
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_model() -> dict[str, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
    from sklearn.linear_model import SGDClassifier

    # Character 3-4-grams within words tolerate typos and word forms ("charged", "charge",
    # "log in", "login"), which matters with a few hundred examples. They are hashed rather than
    # kept in a vocabulary, so the artifact stays small (no training text inside it) and loads in
    # milliseconds. One set of features feeds both linear classifiers.
    def classifier(**extra: Any) -> Any:
        return SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, tol=None, random_state=0, **extra)

    return {
        "hasher": HashingVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 4),
            n_features=2**13,
            alternate_sign=False,
            norm=None,
            strip_accents="unicode",
        ),
        "tfidf": TfidfTransformer(sublinear_tf=True),
        "topic": classifier(),
        "urgency": classifier(class_weight="balanced"),
    }


def _features(model: dict[str, Any], texts: Sequence[str]) -> Any:
    return model["tfidf"].transform(model["hasher"].transform(texts))


def _fit(
    model: dict[str, Any], texts: Sequence[str], topics: Sequence[str], urgencies: Sequence[str]
) -> None:
    features = model["tfidf"].fit_transform(model["hasher"].transform(texts))
    model["topic"].fit(features, topics)
    model["urgency"].fit(features, urgencies)


def evaluate(data: datasets.Dataset, folds: int = 5, seed: int = 42) -> dict[str, Any]:
    """Accuracy and macro F1 per label, from stratified k-fold cross-validation.

    Every row is predicted once by a model that did not see it, which is steadier than one
    small hold-out when the dataset has a few hundred rows.
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    predicted: dict[str, list[str]] = {"topic": [""] * len(data.texts), "urgency": [""] * len(data.texts)}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_rows, test_rows in splitter.split(data.texts, data.topics):
        model = _new_model()
        _fit(
            model,
            [data.texts[i] for i in train_rows],
            [data.topics[i] for i in train_rows],
            [data.urgencies[i] for i in train_rows],
        )
        features = _features(model, [data.texts[i] for i in test_rows])
        for label in predicted:
            for row, value in zip(test_rows, model[label].predict(features), strict=True):
                predicted[label][row] = str(value)
    metrics: dict[str, Any] = {"method": f"stratified {folds}-fold cross-validation"}
    for label, truth in (("topic", data.topics), ("urgency", data.urgencies)):
        metrics[label] = {
            "accuracy": round(float(accuracy_score(truth, predicted[label])), 4),
            "macro_f1": round(float(f1_score(truth, predicted[label], average="macro")), 4),
        }
    return metrics


def train(
    paths: ArtifactPaths, dataset_path: str | Path | None = None, evaluate_first: bool = True
) -> dict[str, Any]:
    """Cross-validate, fit on all rows, save artifact and manifest; return the manifest.

    ``evaluate_first=False`` skips the cross-validation (the test suite's shortcut); the manifest
    then says so.
    """
    import skops.io as sio

    data = datasets.load(dataset_path)
    metrics = evaluate(data) if evaluate_first else {"method": "not evaluated"}
    model = _new_model()
    _fit(model, data.texts, data.topics, data.urgencies)
    blob = sio.dumps(model)
    manifest = {
        "format": MANIFEST_FORMAT,
        "name": paths.name,
        "artifact": paths.artifact.name,
        "sha256": sha256_of(blob),
        "size": len(blob),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "dataset": {
            "file": Path(dataset_path or datasets.DEFAULT_DATASET).name,
            "sha256": data.sha256,
            "rows": len(data.texts),
        },
        "labels": {"topic": data.topic_labels, "urgency": data.urgency_labels},
        "metrics": metrics,
        "versions": library_versions(),
        "untrusted_types": sorted(sio.get_untrusted_types(data=blob)),
    }
    write_atomically(paths.artifact, blob)
    write_atomically(paths.manifest, (json.dumps(manifest, indent=2) + "\n").encode())
    return manifest


def read_manifest(paths: ArtifactPaths) -> dict[str, Any]:
    """The manifest, or ``ProviderUnavailable`` when the model was never trained."""
    try:
        manifest = json.loads(paths.manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProviderUnavailable("The local model is not trained: run `flask ai train`.") from exc
    except ValueError as exc:
        raise ModelIntegrityError("The model manifest is not valid JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise ModelIntegrityError("The model manifest has an unknown format.")
    return manifest


def verified_bytes(
    paths: ArtifactPaths,
    pinned: str | None,
    trusted: Sequence[str] = (),
    pin_setting: str = "AI_MODEL_SHA256",
) -> tuple[bytes, dict[str, Any]]:
    """Read the artifact once and return its bytes only if they match the pin and hold trusted types.

    The same bytes are then deserialised, so the file cannot be swapped between check and load.
    """
    import skops.io as sio

    manifest = read_manifest(paths)
    try:
        blob = paths.artifact.read_bytes()
    except FileNotFoundError as exc:
        raise ProviderUnavailable("The model artifact is missing: run `flask ai train`.") from exc
    actual = sha256_of(blob)
    expected = (pinned or manifest.get("sha256") or "").lower()
    if actual != expected:
        source = pin_setting if pinned else "the manifest"
        raise ModelIntegrityError(f"The model artifact's SHA-256 does not match {source}; it was not loaded.")
    if pinned and manifest.get("sha256") != actual:
        raise ModelIntegrityError("The manifest does not describe the pinned artifact.")
    try:
        untrusted = set(sio.get_untrusted_types(data=blob))
    except Exception as exc:  # a corrupt archive: refuse rather than guess
        raise ModelIntegrityError("The model artifact is not a readable skops file.") from exc
    if untrusted - set(trusted):
        listed = ", ".join(sorted(untrusted - set(trusted)))
        raise ModelIntegrityError(f"The model artifact holds untrusted types ({listed}); it was not loaded.")
    return blob, manifest


def load(paths: ArtifactPaths, pinned: str | None, trusted: Sequence[str] = ()) -> dict[str, Any]:
    """Verify, then deserialise the model with only the trusted types allowed."""
    import skops.io as sio

    blob, _ = verified_bytes(paths, pinned, trusted)
    model = sio.loads(blob, trusted=list(trusted))
    if not isinstance(model, dict) or not {"hasher", "tfidf", "topic", "urgency"} <= model.keys():
        raise ModelIntegrityError("The model artifact does not hold a support router.")
    return model


def _probabilities(model: dict[str, Any], hashed: Any) -> list[Any]:
    """Class probabilities of one hashed text, for the topic and the urgency classifier.

    The same arithmetic as ``TfidfTransformer.transform`` and ``SGDClassifier.predict_proba``
    (sublinear tf, idf, L2 norm; one-vs-rest logistic scores normalised), done directly on the
    fitted arrays: scikit-learn's input validation costs several times the sums themselves for
    a single text. Models built otherwise go through scikit-learn; a test keeps the two equal.
    """
    import numpy as np

    tfidf = model["tfidf"]
    shipped = all(
        type(model[kind]).__name__ == "SGDClassifier" and model[kind].loss == "log_loss"
        for kind in ("topic", "urgency")
    )
    if not (shipped and tfidf.sublinear_tf and tfidf.use_idf and tfidf.norm == "l2" and hashed.shape[0] == 1):
        import sklearn

        with sklearn.config_context(assume_finite=True):
            features = tfidf.transform(hashed)
            return [model[kind].predict_proba(features)[0] for kind in ("topic", "urgency")]
    row = hashed.tocsr()
    values = (np.log(row.data) + 1.0) * tfidf.idf_[row.indices]
    norm = float(np.sqrt(values @ values)) or 1.0
    values /= norm
    result = []
    for kind in ("topic", "urgency"):
        classifier = model[kind]
        scores = values @ classifier.coef_[:, row.indices].T + classifier.intercept_
        probabilities = 1.0 / (1.0 + np.exp(-scores))
        if probabilities.shape[0] == 1:  # two classes: one score for the second
            probabilities = np.array([1.0 - probabilities[0], probabilities[0]])
        else:
            probabilities /= probabilities.sum()
        result.append(probabilities)
    return result


class LocalProvider:
    """The offline provider: classifies with the local model; its "chat" routes the last message."""

    name = "local"
    in_process = True

    def __init__(self, paths: ArtifactPaths, pinned: str | None, trusted: Sequence[str] = ()) -> None:
        self.paths = paths
        self.pinned = pinned
        self.trusted = tuple(trusted)
        self._model: dict[str, Any] | None = None
        self._lock = threading.Lock()

    def models(self) -> Sequence[str]:
        return [self.paths.name]

    def ready(self) -> None:
        """Load and verify the artifact now (once); raise as ``predict`` would when it cannot."""
        self._loaded()

    def _loaded(self) -> dict[str, Any]:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    try:
                        self._model = load(self.paths, self.pinned, self.trusted)
                    except ImportError as exc:
                        raise ProviderUnavailable(
                            "The local provider needs the `local` extra: pip install '.[local]'."
                        ) from exc
        return self._model

    def classify(self, text: str) -> tuple[str, str, dict[str, float]]:
        """Topic, urgency and the probability of each for one text."""
        model = self._loaded()
        features = model["hasher"].transform([text])
        labels: dict[str, str] = {}
        confidence: dict[str, float] = {}
        for kind, probabilities in zip(("topic", "urgency"), _probabilities(model, features), strict=True):
            best = int(probabilities.argmax())
            labels[kind] = str(model[kind].classes_[best])
            confidence[kind] = round(float(probabilities[best]), 4)
        return labels["topic"], labels["urgency"], confidence

    def predict(self, request: PredictRequest) -> Prediction:
        topic, urgency, confidence = self.classify(request.text)
        return Prediction(topic, urgency, confidence, model=request.model, provider=self.name)

    def chat(self, request: ChatRequest) -> ChatResult:
        last = next((m.content for m in reversed(request.messages) if m.role == "user"), "")
        topic, urgency, confidence = self.classify(last)
        team = TEAMS.get(topic, topic.title())
        answer = (
            f"Thank you. This reads as a {topic} request with {urgency} urgency "
            f"({confidence['topic']:.0%} sure of the topic). I have routed it to the {team} team, "
            f"which {RESPONSE_TIMES.get(urgency, 'will answer as soon as it can')}."
        )
        words = answer.split()
        finish = "stop"
        if len(words) > request.max_tokens:  # honour the output cap as a real model would
            answer, finish = " ".join(words[: request.max_tokens]), "length"
        # Usage is left at zero: the API estimates it the same way for every provider that is silent.
        return ChatResult(answer, request.model, self.name, finish, Usage())
