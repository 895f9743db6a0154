"""``inspector checklists diff OLD NEW [--json] [--impact]``: what a new version changes.

Registered on the ``checklists`` group of :mod:`inspector.cli.checklists`.
"""

from __future__ import annotations

import logging
from typing import Any

import click

from inspector import strictjson
from inspector.checklists.diff import Change, diff
from inspector.checklists.xlsx import load_ref
from inspector.cli import Context, echo_json, pass_ctx
from inspector.cli.checklists import checklists
from inspector.domain import numbers
from inspector.errors import UserError
from inspector.services.publish.impact import impact
from inspector.text import publish as T

log = logging.getLogger(__name__)


def _short(value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"zh", "en"}:
        value = value["zh"]
    text = value if isinstance(value, str) else strictjson.dumps(value)
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _change_text(c: Change) -> str:
    return f"{c.field} {_short(c.old)} -> {_short(c.new)}"


@checklists.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option(
    "--impact",
    "with_impact",
    is_flag=True,
    help=(
        "Also re-score the finalized inspections of this checklist in the database (at HQ) "
        "under NEW: how many change grade or pass/fail, and the average change."
    ),
)
@pass_ctx
def diff_cmd(ctx: Context, old: str, new: str, as_json: bool, with_impact: bool) -> None:
    """Items added, removed and changed between two versions of a checklist.

    OLD and NEW are checklist files (.yaml, .json or .xlsx) or a shipped checklist's id.
    Exits 1 when the content changed but the version did not go up.
    """
    a, b = load_ref(old), load_ref(new)
    if a.id != b.id:
        raise UserError(T.DIFFERENT_CHECKLISTS, old=f"{old} ({a.id})", new=f"{new} ({b.id})")
    d = diff(a.resolved, b.resolved)
    result = d.to_dict()
    rescored = None
    if with_impact:
        with ctx.db.session() as s:
            rescored = impact(s, b.resolved)
        result["impact"] = rescored.to_dict()
    if as_json:
        echo_json(result)
    else:
        _print(d, rescored)
    problem = d.problem
    if problem is not None:
        raise UserError(problem[0], **problem[1])


def _print(d: Any, rescored: Any) -> None:
    click.echo(f"{d.new.id}  {d.old.version} -> {d.new.version}")
    if not d.content_changed:
        click.echo("no change in content")
    for section, item in d.added:
        click.echo(f"+ {item.id:<28} [{section.id}] {_short(item.text.zh)}")
    for section, item in d.removed:
        click.echo(f"- {item.id:<28} [{section.id}] {_short(item.text.zh)}")
    for item, changes in d.changed:
        click.echo(f"~ {item.id:<28} " + "; ".join(_change_text(c) for c in changes))
    for s in d.sections_added:
        click.echo(f"+ section {s.id} (weight {s.weight:g})")
    for s in d.sections_removed:
        click.echo(f"- section {s.id}")
    for s, changes in d.sections_changed:
        click.echo(f"~ section {s.id}: " + "; ".join(_change_text(c) for c in changes))
    for c in d.settings_changed:
        click.echo(f"~ {_change_text(c)}")
    click.echo(f"{len(d.added)} added, {len(d.removed)} removed, {len(d.changed)} changed")
    if rescored is not None:
        avg = rescored.average_change
        click.echo(
            f"impact: {len(rescored.rescored)} finalized inspection(s) re-scored; "
            f"{rescored.grade_changes} change grade, {rescored.pass_changes} change pass/fail; "
            f"average change {numbers.signed_score(avg, missing='n/a')}"
        )


COMMANDS: list[click.Command] = []
