"""``inspector report ID -o FILE.pdf``: the PDF scoring report of one inspection."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inspector.cli import Context, pass_ctx
from inspector.domain import timefmt
from inspector.files import write_atomic
from inspector.reports.model import Filing
from inspector.services.commands.reports import build_report

log = logging.getLogger(__name__)


@click.command("report")
@click.argument("inspection_id", metavar="ID")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE.pdf",
    help="Where to write the PDF (replaced atomically if it exists).",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en", "both"]),
    default="zh",
    show_default=True,
    help="Report language: Chinese, English, or Chinese with English beneath.",
)
@click.option("--revision", type=int, default=None, help="An earlier revision.")
@click.option("--number", "doc_number", default="", metavar="TEXT", help="Report number (文号).")
@click.option(
    "--classification", default="", metavar="TEXT", help="Classification (密级), e.g. 内部."
)
@click.option(
    "--photos",
    "photo_size",
    type=click.Choice(["normal", "large"]),
    default="normal",
    show_default=True,
    help="large: every photo across the page width (documents must be legible).",
)
@click.option(
    "--shopper-name",
    is_flag=True,
    help="Mystery shopping: print the shopper's name instead of the shopper code (HQ only).",
)
@click.option(
    "--tz",
    default=None,
    metavar="ZONE",
    help=(
        "Time zone of the times printed (IANA name or +08:00). Default: $INSPECTOR_TZ, else "
        "the 'display.tz' setting, else Asia/Shanghai."
    ),
)
@pass_ctx
def report_cmd(
    ctx: Context,
    inspection_id: str,
    output: Path,
    lang: str,
    revision: int | None,
    doc_number: str,
    classification: str,
    photo_size: str,
    shopper_name: bool,
    tz: str | None,
) -> None:
    """Write the PDF report of an inspection (drafts carry a DRAFT watermark)."""
    output = output.expanduser().resolve()
    db = ctx.db  # opening it applies the display.tz setting
    tz = timefmt.zone_name(tz)
    report = build_report(
        db,
        inspection_id,
        revision=revision,
        lang=lang,
        filing=Filing(number=doc_number.strip(), classification=classification.strip()),
        photo_size=photo_size,
        show_shopper_name=shopper_name,
        tz=tz,
    )
    write_atomic(output, report.pdf)
    if report.draft:
        click.echo("note: the inspection is a draft; every page is marked DRAFT", err=True)
    click.echo(str(output))


COMMANDS = [report_cmd]
