"""``inspector branches import|list|add``."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.services.commands import branches as branch_commands
from inspector.services.views.branches import branch_rows

log = logging.getLogger(__name__)


@click.group("branches", help="Manage the list of branches.")
def branches() -> None:
    pass


@branches.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def import_cmd(ctx: Context, file: Path) -> None:
    """Create or update branches from a CSV file with columns code,name[,region,address]."""
    r = branch_commands.import_csv(ctx.db, file, actor=default_actor())
    click.echo(f"{r.created} created, {r.updated} updated, {r.unchanged} unchanged")


@branches.command("add")
@click.option("--code", required=True)
@click.option("--name", required=True)
@click.option("--region", default="")
@click.option("--address", default="")
@pass_ctx
def add_cmd(ctx: Context, code: str, name: str, region: str, address: str) -> None:
    """Add one branch; prints its code."""
    click.echo(
        branch_commands.add(
            ctx.db, code=code, name=name, region=region, address=address, actor=default_actor()
        )
    )


@branches.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def list_cmd(ctx: Context, as_json: bool) -> None:
    """List branches."""
    rows = branch_rows(ctx.db)
    if as_json:
        echo_json(rows)
        return
    for b in rows:
        click.echo(f"{b['code']:<12} {b['region']:<12} {b['name']}  {b['address']}")


COMMANDS = [branches]
