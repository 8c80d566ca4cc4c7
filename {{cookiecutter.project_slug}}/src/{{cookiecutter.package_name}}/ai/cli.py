"""``flask ai train`` and ``flask ai verify``: build the local model, and check it before trusting it."""

from __future__ import annotations

from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup

from . import dataset, local, model_paths
from .provider import ProviderError

ai_cli = AppGroup("ai", help="Train and verify the local AI model.")


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
    """Train the support router, save it with skops and write its manifest."""
    paths = model_paths(current_app)
    if if_missing and paths.artifact.exists() and paths.manifest.exists():
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
    click.echo("Pin this artifact in production (production refuses to start without it, SFA-X008):")
    click.echo(f"FLASK_AI_MODEL_SHA256={manifest['sha256']}")


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
