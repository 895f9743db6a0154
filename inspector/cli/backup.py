"""``inspector backup -o FILE``."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inspector.cli import Context, pass_ctx
from inspector.services.backup import backup_database

log = logging.getLogger(__name__)


@click.command("backup")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The backup file (replaced if it exists).",
)
@pass_ctx
def backup_cmd(ctx: Context, output: Path) -> None:
    """Write a consistent copy of the database, safe while the app is running.

    The copy is an ordinary database file: open it with --db FILE.
    """
    path = backup_database(ctx.db, output)
    click.echo(str(path))


COMMANDS = [backup_cmd]
