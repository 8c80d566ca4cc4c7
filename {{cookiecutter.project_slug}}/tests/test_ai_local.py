"""The local model (checklist 45): skops, never pickle; loads only when its SHA-256 matches the pin."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest
from flask import Flask

from ai_support import bearer, issue_token
from conftest import PASSWORD, TrainedModel, make_app
from {{ cookiecutter.package_name }}.ai import dataset, local, state
from {{ cookiecutter.package_name }}.ai.provider import ModelIntegrityError, PredictRequest, ProviderUnavailable
from {{ cookiecutter.package_name }}.users import create_user

NAME = "support-router"


@pytest.fixture
def model_copy(ai_model: TrainedModel, tmp_path: Path) -> local.ArtifactPaths:
    """A private copy of the session's model that a test may tamper with."""
    target = tmp_path / "model"
    shutil.copytree(ai_model.directory, target)
    return local.ArtifactPaths(target, NAME)


def predict_status(app: Flask) -> tuple[int, dict]:
    with app.app_context():
        user_id = create_user("model@example.com", PASSWORD).id
    response = app.test_client().post(
        "/api/v1/predict", json={"text": "double charge"}, headers=bearer(issue_token(app, user_id))
    )
    return response.status_code, response.json


def test_manifest_describes_the_artifact(ai_model: TrainedModel) -> None:
    paths = local.ArtifactPaths(Path(ai_model.directory), NAME)
    manifest = json.loads(paths.manifest.read_text())
    blob = paths.artifact.read_bytes()
    assert manifest["sha256"] == hashlib.sha256(blob).hexdigest() == ai_model.sha256
    assert manifest["dataset"]["sha256"] == dataset.load().sha256
    assert manifest["dataset"]["rows"] >= 300
    assert {"python", "scikit-learn", "skops", "numpy", "scipy"} <= set(manifest["versions"])
    assert manifest["labels"]["urgency"] == ["high", "low", "normal"]
    assert manifest["untrusted_types"] == []
    assert blob[:4] == b"PK\x03\x04"  # a skops zip archive, not a pickle stream


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I was charged twice on my credit card this month", "billing"),
        ("The parcel never arrived and tracking shows nothing", "shipping"),
        ("Someone logged into my account from another country", "security"),
        ("The app crashes with error 500 when I save", "technical"),
    ],
)
def test_model_routes_clear_messages(model_copy: local.ArtifactPaths, text: str, topic: str) -> None:
    provider = local.LocalProvider(model_copy, pinned=None)
    result = provider.predict(PredictRequest(text, NAME))
    assert result.topic == topic
    assert result.urgency in {"low", "normal", "high"}


def test_pinned_model_loads(model_copy: local.ArtifactPaths, ai_model: TrainedModel) -> None:
    app = make_app(
        AI_PROVIDER="local", AI_MODEL_DIR=str(model_copy.directory), AI_MODEL_SHA256=ai_model.sha256
    )
    assert predict_status(app)[0] == 200


def test_tampered_artifact_is_refused(model_copy: local.ArtifactPaths) -> None:
    blob = bytearray(model_copy.artifact.read_bytes())
    blob[len(blob) // 2] ^= 0x01  # one bit
    model_copy.artifact.write_bytes(bytes(blob))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        local.load(model_copy, pinned=None)
    status, body = predict_status(make_app(AI_PROVIDER="local", AI_MODEL_DIR=str(model_copy.directory)))
    assert status == 503 and "not loaded" in body["message"]


def test_artifact_swapped_with_its_manifest_is_refused_by_the_pin(
    model_copy: local.ArtifactPaths, ai_model: TrainedModel, tmp_path: Path
) -> None:
    """An attacker who can write the model folder can rewrite the manifest too; not the pin."""
    other = local.ArtifactPaths(tmp_path / "other", NAME)
    small = tmp_path / "small.csv"
    rows = dataset.load()
    small.write_text(
        "text,topic,urgency\n"
        + "".join(
            f'"{t}",{p},{u}\n'
            for t, p, u in list(zip(rows.texts, rows.topics, rows.urgencies, strict=True))[::3]
        ),
        encoding="utf-8",
    )
    local.train(other, small, evaluate_first=False)
    shutil.copy(other.artifact, model_copy.artifact)
    shutil.copy(other.manifest, model_copy.manifest)
    local.load(model_copy, pinned=None)  # consistent with its manifest...
    with pytest.raises(ModelIntegrityError, match="AI_MODEL_SHA256"):
        local.load(model_copy, pinned=ai_model.sha256)  # ...but not with the pin
    app = make_app(
        AI_PROVIDER="local", AI_MODEL_DIR=str(model_copy.directory), AI_MODEL_SHA256=ai_model.sha256
    )
    assert predict_status(app)[0] == 503


class Gadget:
    """A type skops does not trust: loading it would mean running its module's code."""

    def __init__(self) -> None:
        self.payload = "anything"


def test_untrusted_types_are_refused(model_copy: local.ArtifactPaths) -> None:
    import skops.io as sio

    model = local.load(model_copy, pinned=None) | {"gadget": Gadget()}
    blob = sio.dumps(model)
    model_copy.artifact.write_bytes(blob)
    manifest = json.loads(model_copy.manifest.read_text()) | {"sha256": hashlib.sha256(blob).hexdigest()}
    model_copy.manifest.write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError, match="untrusted types"):
        local.load(model_copy, pinned=None)


class Exploit:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(self.marker),))  # type: ignore[attr-defined]


def test_a_pickle_is_never_executed(model_copy: local.ArtifactPaths, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    exploit = Exploit()
    exploit.marker = str(marker)  # type: ignore[attr-defined]
    blob = pickle.dumps(exploit)
    model_copy.artifact.write_bytes(blob)
    manifest = json.loads(model_copy.manifest.read_text()) | {"sha256": hashlib.sha256(blob).hexdigest()}
    model_copy.manifest.write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError):
        local.load(model_copy, pinned=None)
    assert not marker.exists()


def test_missing_model_answers_503(tmp_path: Path) -> None:
    with pytest.raises(ProviderUnavailable, match="flask ai train"):
        local.load(local.ArtifactPaths(tmp_path, NAME), pinned=None)
    assert predict_status(make_app(AI_PROVIDER="local", AI_MODEL_DIR=str(tmp_path)))[0] == 503


def test_cli_trains_verifies_and_detects_tampering(tmp_path: Path) -> None:
    app = make_app(AI_PROVIDER="local", AI_MODEL_DIR=str(tmp_path))
    runner = app.test_cli_runner()
    trained = runner.invoke(args=["ai", "train"])
    assert trained.exit_code == 0, trained.output
    assert "cross-validation" in trained.output and "topic accuracy" in trained.output
    pins = dict(line.split("=", 1) for line in trained.output.splitlines() if line.startswith("FLASK_AI_"))
    assert set(pins) == {"FLASK_AI_MODEL_SHA256", "FLASK_AI_GUARD_MODEL_SHA256"}
    assert all(len(value) == 64 for value in pins.values())
    again = runner.invoke(args=["ai", "train", "--if-missing"])
    assert again.exit_code == 0 and "not retrained" in again.output
    verified = runner.invoke(args=["ai", "verify"])
    assert verified.exit_code == 0 and "OK" in verified.output and "Not pinned" in verified.output
    with app.app_context():
        artifact = local.ArtifactPaths(tmp_path, NAME).artifact
    artifact.write_bytes(artifact.read_bytes() + b"\0")
    tampered = runner.invoke(args=["ai", "verify"])
    assert tampered.exit_code == 1 and "does not match" in tampered.output


def test_cli_verify_against_the_pin(model_copy: local.ArtifactPaths, ai_model: TrainedModel) -> None:
    good = make_app(
        AI_PROVIDER="local", AI_MODEL_DIR=str(model_copy.directory), AI_MODEL_SHA256=ai_model.sha256
    )
    assert good.test_cli_runner().invoke(args=["ai", "verify"]).exit_code == 0
    bad = make_app(AI_PROVIDER="local", AI_MODEL_DIR=str(model_copy.directory), AI_MODEL_SHA256="f" * 64)
    result = bad.test_cli_runner().invoke(args=["ai", "verify"])
    assert result.exit_code == 1 and "AI_MODEL_SHA256" in result.output


def test_nothing_is_loaded_when_the_app_is_created(tmp_path: Path) -> None:
    """Providers are lazy: creating the app reads no model and opens no connection."""
    app = make_app(
        AI_PROVIDER="local", AI_MODEL_DIR=str(tmp_path / "absent"), AI_OPENAI_BASE_URL="http://127.0.0.1:9/v1"
    )
    with app.app_context():
        ai = state()
    assert ai.providers["local"]._model is None  # type: ignore[attr-defined]
    assert getattr(ai.providers["openai"]._local, "client", None) is None  # type: ignore[attr-defined]


def test_bad_dataset_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("text,topic\nhello,billing\n", encoding="utf-8")
    result = (
        make_app(AI_PROVIDER="local", AI_MODEL_DIR=str(tmp_path))
        .test_cli_runner()
        .invoke(args=["ai", "train", "--dataset", str(bad)])
    )
    assert result.exit_code != 0 and "header" in result.output


@pytest.mark.parametrize("text", ["", "hi", "I was charged twice!", "Wo ist mein Paket? 📦", "refund " * 400])
def test_fast_scoring_equals_scikit_learn(model_copy: local.ArtifactPaths, text: str) -> None:
    """classify() does the tf-idf and logistic sums itself; they must equal scikit-learn's."""
    import numpy as np

    model = local.load(model_copy, pinned=None)
    hashed = model["hasher"].transform([text])
    features = model["tfidf"].transform(hashed)
    fast = local._probabilities(model, hashed)
    for kind, probabilities in zip(("topic", "urgency"), fast, strict=True):
        assert np.allclose(probabilities, model[kind].predict_proba(features)[0])


def test_artifacts_are_readable_by_the_serving_user(ai_model: TrainedModel) -> None:
    """Containers train as root and serve as an unprivileged user: the files must be world-readable."""
    for path in Path(ai_model.directory).iterdir():
        assert path.stat().st_mode & 0o044 == 0o044, path
