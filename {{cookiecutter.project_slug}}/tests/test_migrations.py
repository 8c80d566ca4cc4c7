"""Migrations: the first `flask db migrate` captures every model of this project's options,
and `flask db upgrade` builds a schema identical to the models (no drift)."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import migrate as make_migration
from flask_migrate import upgrade

from conftest import make_app
from {{ cookiecutter.package_name }}.db import MIGRATIONS, db


def test_first_migration_then_upgrade_matches_the_models(tmp_path: Path) -> None:
    directory = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, directory)
    for old in (directory / "versions").glob("*.py"):
        old.unlink()
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'app.db'}")
    with app.app_context():
        db.drop_all()
        make_migration(directory=str(directory), message="initial schema")
        revisions = list((directory / "versions").glob("*.py"))
        assert revisions, "a revision was written"
        # Migration scripts never import the application: Sensitive columns are plain text there.
        script = revisions[0].read_text()
        assert "{{ cookiecutter.package_name }}" not in script and "Sensitive" not in script
        upgrade(directory=str(directory))
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == []
        db.engine.dispose()
