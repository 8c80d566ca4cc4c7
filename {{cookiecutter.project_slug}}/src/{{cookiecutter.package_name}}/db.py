"""Database: SQLAlchemy models share one metadata; Flask-Migrate owns the schema."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime
from sqlalchemy.orm import DeclarativeBase

MIGRATIONS = Path(__file__).parent / "migrations"


class Base(DeclarativeBase):
    """Declarative base shared by every model."""


#: Column type for every timestamp: timezone-aware, always written in UTC.
Timestamp = DateTime(timezone=True)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


@click.command("init-db")
def init_db_command() -> None:
    """Create any missing tables (development shortcut; production uses `flask db upgrade`)."""
    db.create_all()
    click.echo("Database tables created.")


def init_app(app: Flask) -> None:
    """Bind SQLAlchemy, Flask-Migrate and the ``init-db`` command to ``app``."""
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    app.cli.add_command(init_db_command)
