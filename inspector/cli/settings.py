"""``inspector settings show|set|unset``: what reports print for the organisation."""

from __future__ import annotations

import logging

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.services.commands import settings as setting_commands
from inspector.services.views.settings import setting_rows

log = logging.getLogger(__name__)


@click.group("settings")
def settings() -> None:
    """Settings shared by everyone using this database (shipped empty).

    \b
    org.name   organisation name on the cover and sign-off of every report
    org.logo   organisation logo (a PNG or JPEG file, at most 2 MB)
    """


@settings.command("show")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def show_cmd(ctx: Context, as_json: bool) -> None:
    """Every setting and its value (empty when unset)."""
    rows = setting_rows(ctx.db)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        value = r["value"] or "(not set)"
        if "bytes" in r:
            value += f" ({r['bytes']} bytes)"
        click.echo(f"{r['key']:<10} {value}")


@settings.command("set")
@click.argument("key", metavar="KEY")
@click.argument("value", metavar="VALUE")
@click.option("--by", "actor", default=None, metavar="NAME", help="Who (for the audit).")
@pass_ctx
def set_cmd(ctx: Context, key: str, value: str, actor: str | None) -> None:
    """Set KEY to VALUE (org.logo: VALUE is the image file); prints the key."""
    setting_commands.set_value(ctx.db, key, value, actor=actor or default_actor())
    click.echo(key)


@settings.command("unset")
@click.argument("key", metavar="KEY")
@click.option("--by", "actor", default=None, metavar="NAME", help="Who (for the audit).")
@pass_ctx
def unset_cmd(ctx: Context, key: str, actor: str | None) -> None:
    """Clear KEY (reports print nothing for it)."""
    setting_commands.set_value(ctx.db, key, "", actor=actor or default_actor())
    click.echo(key)


COMMANDS = [settings]
