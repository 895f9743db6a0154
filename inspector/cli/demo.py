"""``inspector demo``: fill the database with realistic demo inspections."""

from __future__ import annotations

import logging

import click

from inspector.cli import Context, pass_ctx
from inspector.services import demo as svc

log = logging.getLogger(__name__)


@click.command("demo")
@click.option("--inspections", type=click.IntRange(min=0), default=200, show_default=True)
@click.option("--photos-per-inspection", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same data.")
@pass_ctx
def demo_cmd(ctx: Context, inspections: int, photos_per_inspection: int, seed: int) -> None:
    """Add finalized demo inspections across 40 branches in 6 regions (past 18 months).

    Prints a summary; the last line is the number of inspections added.
    """
    summary = svc.generate(
        ctx.db, inspections=inspections, photos_per_inspection=photos_per_inspection, seed=seed
    )
    for region, n in sorted(summary.by_region.items()):
        click.echo(f"{region:<8} {n}")
    click.echo(f"{summary.branches} branches, {summary.findings} findings, {summary.photos} photos")
    click.echo(str(summary.inspections))


COMMANDS = [demo_cmd]
