"""HQ → laptops: ``inspector hq publish``, ``inspector install``, ``inspector plan``.

``hq publish`` is registered on the ``hq`` group of :mod:`inspector.cli.hq`; ``install`` and
``plan`` are top-level commands. docs/package-format.md ("The HQ pack") describes the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.cli.exchange import _output_path
from inspector.cli.hq import hq
from inspector.files import FileAccessError, read_bounded
from inspector.services.publish import install as install_svc
from inspector.services.publish import plan_status
from inspector.services.publish.build import publish
from inspector.services.publish.pack import PACK_LIMITS, PackError
from inspector.services.publish.screens import start_planned

log = logging.getLogger(__name__)


@hq.command("publish")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The pack to write (FILE.hqpack), or a folder (hq-NNNNNN.hqpack in it); a path "
    "ending in / is a folder, created if it does not exist.",
)
@click.option(
    "--checklist",
    "checklist_files",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="A checklist to send (.yaml, .json or .xlsx); repeat for several.",
)
@click.option(
    "--withdraw",
    multiple=True,
    metavar="ID",
    help="A checklist laptops may no longer start new inspections with; repeatable.",
)
@click.option(
    "--branches",
    "branches_csv",
    type=click.Path(path_type=Path),
    metavar="CSV",
    help="The branch list (the 'branches import' CSV: code, name, region, address).",
)
@click.option(
    "--plan",
    "plan_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The inspection plan, CSV or XLSX: branch, checklist, mode, scenario, wave, due, "
    "assignee.",
)
@click.option(
    "--settings",
    "include_settings",
    is_flag=True,
    help="Send this database's organisation name, logo and display zone (settings show).",
)
@click.option(
    "--next-key",
    "next_key",
    type=click.Path(path_type=Path),
    metavar="PUB",
    help="Hand HQ over to a new installation: that installation's 'keys export' file. "
    "Laptops accept its packs after installing this one.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def publish_cmd(
    ctx: Context,
    output: str,
    checklist_files: tuple[Path, ...],
    withdraw: tuple[str, ...],
    branches_csv: Path | None,
    plan_file: Path | None,
    include_settings: bool,
    next_key: Path | None,
    as_json: bool,
) -> None:
    """Build the next HQ pack, signed with this installation's key; prints its path.

    The pack always carries HQ's public keys (laptops then seal their exports for HQ).
    Its sequence number only goes up; laptops refuse an older or equal one.
    """
    result = publish(
        ctx.db,
        _output_path(output, folder=False),
        checklist_files=list(checklist_files),
        withdraw=list(withdraw),
        branches_csv=branches_csv,
        plan_file=plan_file,
        include_settings=include_settings,
        next_key_file=next_key,
        actor=default_actor(),
    )
    if as_json:
        echo_json({"path": str(result.path), **result.summary})
        return
    s = result.summary
    click.echo(f"HQ pack {result.sequence}, signed by {result.fingerprint}")
    for c in s["checklists"]:
        click.echo(f"  checklist {c['id']} v{c['version']}")
    for w in s["withdrawn"]:
        click.echo(f"  withdraw  {w}")
    if s["branches"] is not None:
        click.echo(f"  branches  {s['branches']}")
    if s["plan"] is not None:
        click.echo(f"  plan      {s['plan']} line(s)")
    if s["settings"] is not None:
        click.echo("  settings  organisation name, logo, display zone")
    if s["next_fingerprint"]:
        click.echo(f"  hands HQ over to {s['next_fingerprint']}")
    click.echo(str(result.path))


def _confirm(fingerprint: str) -> bool:
    click.echo(
        "First HQ pack on this installation. HQ's key fingerprint:\n"
        f"  {fingerprint}\n"
        "Compare it with the one HQ gave you (by phone or in person); every later pack "
        "must be signed by this key."
    )
    try:
        return click.confirm("Install and trust this HQ key?", default=False)
    except click.Abort:  # no answer (end of input): not confirmed
        click.echo()
        return False


@click.command("install")
@click.argument("pack_file", required=False, type=click.Path(path_type=Path), metavar="FILE")
@click.option(
    "--expect-fingerprint",
    metavar="FP",
    help="For scripts: the HQ fingerprint the pack must be signed by (no question asked).",
)
@click.option("--status", "show_status", is_flag=True, help="Which HQ pack is installed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def install_cmd(
    ctx: Context,
    pack_file: Path | None,
    expect_fingerprint: str | None,
    show_status: bool,
    as_json: bool,
) -> None:
    """Install an HQ pack (.hqpack): checklists, branches, plan, settings, HQ's key.

    The first pack pins HQ's key (its fingerprint is shown for you to confirm, or checked
    against --expect-fingerprint); later packs must be signed by it and be newer. Nothing
    changes when a pack is refused.
    """
    if show_status:
        if pack_file is not None:
            raise click.UsageError("give either FILE or --status")
        pin = install_svc.status(ctx.db)
        if as_json:
            echo_json(pin.to_dict() if pin else None)
            return
        if pin is None:
            click.echo("no HQ pack installed")
            return
        click.echo(
            f"HQ pack {pin.sequence} installed {pin.installed_at:%Y-%m-%d %H:%M} UTC"
            f"{f' from {pin.file_name}' if pin.file_name else ''}\n"
            f"signed by {pin.signer}\n"
            f"HQ key (later packs, sealed exports): {pin.fingerprint}"
        )
        return
    if pack_file is None:
        raise click.UsageError("give the pack FILE, or --status")
    try:
        data = read_bounded(pack_file, PACK_LIMITS.max_file_bytes, "HQ pack")
    except FileAccessError as e:
        raise PackError(e.message, **e.fields) from None
    result = install_svc.install(
        ctx.db,
        data,
        file_name=pack_file.name,
        expect_fingerprint=expect_fingerprint,
        confirm_first=_confirm,
        actor=default_actor(),
    )
    if as_json:
        echo_json(result.to_dict())
        return
    s = result.summary
    click.echo(f"installed HQ pack {result.sequence} from {result.fingerprint}")
    for c in s["checklists"]:
        click.echo(f"  checklist {c['id']} v{c['version']}")
    for w in s["withdrawn"]:
        click.echo(f"  withdrawn {w}")
    if result.branches is not None:
        b = result.branches
        click.echo(
            f"  branches  {b['created']} new, {b['updated']} updated, {b['unchanged']} unchanged"
        )
    if s["plan"] is not None:
        click.echo(f"  plan      {s['plan']} line(s)")
    if s["settings"] is not None:
        click.echo("  settings  organisation name, logo, display zone")
    if result.pinned != result.fingerprint:
        click.echo(f"  HQ key is now {result.pinned}")
    click.echo(str(result.sequence))


@click.command("plan")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--all", "show_all", is_flag=True, help="Every line, not only those for me.")
@click.option(
    "--status",
    "with_status",
    is_flag=True,
    help="Count each line as done, due or overdue from the inspections here (at HQ: those "
    "received).",
)
@click.option("--by", "actor", default=None, metavar="NAME", help="Who 'me' is.")
@click.option(
    "--start",
    "start_line",
    type=int,
    default=None,
    metavar="LINE",
    help="Start the inspection plan line LINE assigns (branch, checklist, mode, scenario, "
    "wave); prints its id.",
)
@pass_ctx
def plan_cmd(
    ctx: Context,
    as_json: bool,
    show_all: bool,
    with_status: bool,
    actor: str | None,
    start_line: int | None,
) -> None:
    """The inspections HQ assigned: branch, checklist, mode, due date; overdue first.

    LINE numbers are the plan file's lines, as 'line' in --json.
    """
    if start_line is not None:
        with ctx.db.read_session() as s:
            found = [x for x in plan_status.lines(s) if x.line == start_line]
        if not found:
            raise click.UsageError(f"no plan line {start_line} (see 'inspector plan --all')")
        click.echo(start_planned(ctx.db, found[0], inspector=actor or default_actor()))
        return
    with ctx.db.read_session() as s:
        lines = plan_status.lines(s, me=None if show_all else (actor or default_actor()))
        counts = plan_status.counts(lines) if with_status else None
    if as_json:
        echo_json({"lines": [x.to_dict() for x in lines], **({"counts": counts} if counts else {})})
        return
    if not lines:
        click.echo("no assigned inspections" + ("" if show_all else " (try --all)"))
        return
    for x in lines:
        extra = " ".join(v for v in (x.scenario or "", x.wave or "") if v)
        click.echo(
            f"{x.state:<8} {x.due.isoformat()}  {x.branch:<10} {x.checklist:<22} {x.mode:<8}"
            f" {extra:<20} {x.assignee}"
        )
    if counts:
        click.echo(
            f"{counts['done']} done, {counts['due']} due, {counts['overdue']} overdue "
            f"of {counts['total']}"
        )


COMMANDS = [install_cmd, plan_cmd]
