"""``flask ai train`` and ``flask ai verify``: build the local models (the support router and the
injection detector), and check them before trusting them; ``flask ai guardrails eval``: measure
the guardrails on the labelled corpus."""

from __future__ import annotations

from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

from . import dataset, detector, guard_model_paths, local, model_paths, state
from .provider import ProviderError

ai_cli = AppGroup("ai", help="Train and verify the local AI models; evaluate the guardrails.")
guardrails_cli = AppGroup("guardrails", help="Measure the guardrails on the labelled corpus.")
ai_cli.add_command(guardrails_cli)


def _summary(manifest: dict[str, Any]) -> str:
    metrics = manifest["metrics"]
    scores = [
        f"{label} accuracy {metrics[label]['accuracy']:.0%} (macro F1 {metrics[label]['macro_f1']:.2f})"
        for label in ("topic", "urgency")
        if label in metrics
    ]
    rows = f"{manifest['name']}: {manifest['dataset']['rows']} rows"
    return ", ".join([rows, *scores, metrics["method"]]) + "."


@ai_cli.command("train")
@click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Training CSV (text,topic,urgency). Default: AI_DATASET, else the shipped one.",
)
@click.option("--if-missing", is_flag=True, help="Do nothing when a model is already there (for `make run`).")
def train_command(dataset_path: str | None, if_missing: bool) -> None:
    """Train the support router and the injection detector; save each with skops and a manifest."""
    paths = model_paths(current_app)
    guard = guard_model_paths(current_app)
    if if_missing and all(p.artifact.exists() and p.manifest.exists() for p in (paths, guard)):
        click.echo(f"Model present at {paths.artifact}; not retrained (run `flask ai verify` to check it).")
        return
    try:
        manifest = local.train(paths, dataset_path or current_app.config["AI_DATASET"])
    except ImportError as exc:
        raise click.ClickException("Training needs the `local` extra: pip install -e '.[local]'.") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(_summary(manifest))
    click.echo(f"Saved {paths.artifact} and {paths.manifest.name}.")
    guard = guard_model_paths(current_app)
    try:
        config = current_app.config
        support = dataset_path or config["AI_DATASET"]
        guard_manifest = detector.train(guard, config["AI_GUARD_CORPUS"], support)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = guard_manifest["dataset"]["rows"]
    click.echo(f"{guard.name}: {rows} records of the corpus's train split. Saved {guard.artifact}.")
    click.echo("Pin both artifacts in production (production refuses to start without the first, SFA-X008):")
    click.echo(f"FLASK_AI_MODEL_SHA256={manifest['sha256']}")
    click.echo(f"FLASK_AI_GUARD_MODEL_SHA256={guard_manifest['sha256']}")


@ai_cli.command("verify")
def verify_command() -> None:
    """Check the artifact against the pin (or manifest) and its types; exit 1 on any mismatch."""
    config = current_app.config
    paths = model_paths(current_app)
    pinned = config["AI_MODEL_SHA256"]
    try:
        _, manifest = local.verified_bytes(paths, pinned, config["AI_MODEL_TRUSTED_TYPES"])
    except ImportError as exc:
        raise click.ClickException("Verifying needs the `local` extra: pip install -e '.[local]'.") from exc
    except ProviderError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"OK: {paths.artifact} matches {'AI_MODEL_SHA256' if pinned else 'its manifest'}.")
    click.echo(f"sha256 {manifest['sha256']}")
    click.echo(_summary(manifest))
    try:
        current = dataset.load(config["AI_DATASET"]).sha256
    except (OSError, ValueError):
        current = None
    if current and current != manifest["dataset"]["sha256"]:
        click.echo(
            "Note: the training data changed since this model was trained; retrain with `flask ai train`."
        )
    if not pinned:
        click.echo("Not pinned: set FLASK_AI_MODEL_SHA256 to the hash above in production.")


@ai_cli.command("verify-guard")
def verify_guard_command() -> None:
    """Check the injection detector against its pin (or manifest); exit 1 on any mismatch."""
    config = current_app.config
    paths = guard_model_paths(current_app)
    pinned = config["AI_GUARD_MODEL_SHA256"]
    try:
        trusted = config["AI_MODEL_TRUSTED_TYPES"]
        _, manifest = local.verified_bytes(paths, pinned, trusted, detector.PIN_SETTING)
    except ImportError as exc:
        raise click.ClickException("Verifying needs the `local` extra: pip install -e '.[local]'.") from exc
    except ProviderError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"OK: {paths.artifact} matches {'AI_GUARD_MODEL_SHA256' if pinned else 'its manifest'}.")
    click.echo(f"sha256 {manifest['sha256']}")
    if not pinned:
        click.echo("Not pinned: set FLASK_AI_GUARD_MODEL_SHA256 to the hash above in production.")


@guardrails_cli.command("eval")
@click.option("--split", type=click.Choice(["heldout", "train", "all"]), default="heldout", show_default=True)
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Labelled JSON lines. Default: AI_GUARD_CORPUS, else the shipped corpus.",
)
@click.option("--misses", is_flag=True, help="List the ids of the records judged wrongly.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--check", is_flag=True, help="Exit 1 unless the detection and false-positive targets are met.")
def eval_command(split: str, corpus_path: str | None, misses: bool, as_json: bool, check: bool) -> None:
    """Detection rate per attack family and false-positive rate on benign texts, with the time per record."""
    from . import evaluate

    try:
        corpus_path = corpus_path or current_app.config["AI_GUARD_CORPUS"]
        corpus = detector.load_corpus(corpus_path)
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    guardrails = state().guardrails
    detector_absent = guardrails.detector is None or not guardrails.detector.available()
    if guardrails.steps["model"] and detector_absent:
        click.echo(
            "Note: no injection detector here (run `flask ai train`): the rules judge alone.", err=True
        )
    report = evaluate.evaluate(guardrails, corpus.split(split), split)
    if as_json:
        click.echo(current_app.json.dumps(report.as_dict() | {"corpus_sha256": corpus.sha256}))
    else:
        click.echo(f"corpus: {corpus_path or 'shipped'} (sha256 {corpus.sha256[:12]})")
        click.echo(evaluate.table(report, misses))
    if check and not report.meets_targets():
        raise SystemExit(1)
