"""``inspector new|answer|list|show|finalize|amend|delete|audit``."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from inspector import strictjson
from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import InspectionStatus, Severity
from inspector.errors import ValidationError
from inspector.files import (
    ANSWERS_MAX_BYTES,
    TEXT_FILE_MAX_BYTES,
    FileAccessError,
    read_text_bounded,
)
from inspector.services.commands import inspections as commands
from inspector.services.images import read_image_file
from inspector.services.inspections import listing
from inspector.services.views.inspection import audit_rows, inspection_label, inspection_record
from inspector.services.views.inspection_list import list_inspections
from inspector.text import cli as T

log = logging.getLogger(__name__)


def _local(iso: str | None, *, date_only: bool = False) -> str:
    """A stored UTC time (ISO) as people read it: local time with its zone (INSPECTOR_TZ)."""
    if not iso:
        return "-"
    moment = datetime.fromisoformat(iso)
    tz = timefmt.zone()
    if date_only:
        return timefmt.local_date(moment, tz).isoformat()
    return timefmt.fmt_datetime(moment, tz)


def _read_answers_file(path: Path) -> dict[str, Any]:
    """The answers file: {"answers": {...}} and, optionally, "visit" and "narrative"."""
    opt = "--answers"
    try:
        data = strictjson.loads(read_text_bounded(path, ANSWERS_MAX_BYTES, "answers"))
    except FileAccessError as e:
        raise ValidationError(T.OPTION_FILE, option=opt, cause=e) from None
    except RecursionError:
        raise ValidationError(T.ANSWERS_TOO_DEEP, option=opt, path=path) from None
    except json.JSONDecodeError as e:
        raise ValidationError(
            T.ANSWERS_NOT_JSON, option=opt, path=path, line=e.lineno, col=e.colno, error=e.msg
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise ValidationError(T.ANSWERS_SHAPE, option=opt, path=path)
    extra = set(data) - {"answers", "visit", "narrative"}
    if extra:
        raise ValidationError(
            T.ANSWERS_UNKNOWN_KEYS, option=opt, path=path, keys=", ".join(sorted(extra))
        )
    if not isinstance(data.get("visit", {}), dict):
        raise ValidationError(T.ANSWERS_VISIT_NOT_OBJECT, option=opt, path=path)
    if not isinstance(data.get("narrative", ""), str):
        raise ValidationError(T.ANSWERS_NARRATIVE_NOT_TEXT, option=opt, path=path)
    return data


@click.command("new")
@click.option("--branch", "branch_code", required=True, metavar="CODE", help="Branch code.")
@click.option("--checklist", "checklist_id", required=True, metavar="ID", help="Checklist id.")
@click.option(
    "--mode", type=click.Choice(["onsite", "mystery"]), default="onsite", show_default=True
)
@click.option(
    "--inspector",
    "inspector_name",
    default=None,
    metavar="NAME",
    help="Inspector's name (default: $INSPECTOR_USER or $USER).",
)
@click.option(
    "--branch-name",
    default=None,
    metavar="NAME",
    help="Create the branch with this name if its code is not known yet.",
)
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE.json",
    help='Answers: {"answers": {"ITEM": {"result": ..., "value": ..., "note": ...}}}',
)
@click.option(
    "--recheck-of",
    default=None,
    metavar="ID",
    help="This inspection re-checks the findings of inspection ID.",
)
@click.option(
    "--wave",
    default=None,
    metavar="NAME",
    help="Mystery-shopper wave: every visit of a wave plays the same scenario.",
)
@pass_ctx
def new_cmd(
    ctx: Context,
    branch_code: str,
    checklist_id: str,
    mode: str,
    inspector_name: str | None,
    branch_name: str | None,
    answers_file: Path | None,
    recheck_of: str | None,
    wave: str | None,
) -> None:
    """Start a new draft inspection; prints its id."""
    doc = _read_answers_file(answers_file) if answers_file else {}
    uuid = commands.start(
        ctx.db,
        branch_code=branch_code,
        checklist_id=checklist_id,
        mode=Mode(mode),  # click's Choice checked the value
        inspector=inspector_name if inspector_name is not None else default_actor(),
        fallback_actor=default_actor(),
        branch_name=branch_name,
        answers=doc.get("answers"),
        recheck_of=recheck_of,
        visit=doc.get("visit"),
        narrative=doc.get("narrative"),
        wave=wave,
    )
    click.echo(uuid)


@click.command("answer")
@click.argument("inspection_id", metavar="ID")
@click.argument("item_id", metavar="ITEM")
@click.option(
    "--result",
    type=click.Choice(["pass", "fail", "na"]),
    default=None,
    help="The inspector's judgement, for any answer type.",
)
@click.option(
    "--value",
    default=None,
    metavar="V",
    help="The typed answer: yes/no, a number, a scale step, a choice id, text.",
)
@click.option("--note", default=None, help="What was seen.")
@click.option("--clear", is_flag=True, help="Remove the answer.")
@click.option("--by", "actor", default=None, metavar="NAME", help="Who answers (for the audit).")
@pass_ctx
def answer_cmd(
    ctx: Context,
    inspection_id: str,
    item_id: str,
    result: str | None,
    value: str | None,
    note: str | None,
    clear: bool,
    actor: str | None,
) -> None:
    """Answer one item of a draft inspection."""
    if not clear and result is None and value is None and note is None:
        raise click.UsageError("give --result, --value, --note or --clear")
    scored = commands.answer_text(
        ctx.db,
        inspection_id,
        item_id,
        result=result,
        value=value,
        note=note,
        clear=clear,
        actor=actor,
        fallback_actor=default_actor(),
    )
    click.echo(f"{item_id}: saved; total {numbers.score(scored.total)}, grade {scored.grade}")


@click.command("visit")
@click.argument("inspection_id", metavar="ID")
@click.option("--scenario", default=None, metavar="ID", help="Scenario played (checklist ids).")
@click.option(
    "--wave", default=None, metavar="NAME", help="Wave of visits; fixes the scenario for all."
)
@click.option("--arrival", default=None, metavar="TIME", help="HH:MM, 'YYYY-MM-DD HH:MM' or ISO.")
@click.option("--departure", default=None, metavar="TIME")
@click.option("--ticket", default=None, help="Queue ticket number.")
@click.option(
    "--waiting", type=click.IntRange(min=0), default=None, help="Customers waiting on arrival."
)
@click.option("--narrative", default=None, help="The visit narrative.")
@click.option(
    "--narrative-file",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="Read the narrative from a UTF-8 text file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the visit facts as JSON.")
@pass_ctx
def visit_cmd(
    ctx: Context,
    inspection_id: str,
    scenario: str | None,
    wave: str | None,
    arrival: str | None,
    departure: str | None,
    ticket: str | None,
    waiting: int | None,
    narrative: str | None,
    narrative_file: Path | None,
    as_json: bool,
) -> None:
    """Record a mystery-shopper visit's facts and narrative (draft inspections)."""
    if narrative is not None and narrative_file is not None:
        raise click.UsageError("give --narrative or --narrative-file, not both")
    if narrative_file is not None:
        try:
            narrative = read_text_bounded(narrative_file, TEXT_FILE_MAX_BYTES, "narrative")
        except FileAccessError as e:
            raise ValidationError(T.OPTION_FILE, option="--narrative-file", cause=e) from None
    fields = {
        k: v
        for k, v in {
            "scenario": scenario,
            "wave": wave,
            "arrival": arrival,
            "departure": departure,
            "ticket": ticket,
            "customers_waiting": waiting,
        }.items()
        if v is not None
    }
    facts = commands.record_visit(
        ctx.db, inspection_id, fields=fields, narrative=narrative, fallback_actor=default_actor()
    )
    visit, text = facts.visit, facts.narrative
    if as_json:
        echo_json({"visit": visit, "narrative": text})
        return
    for key, value in visit.items():
        click.echo(f"{key:<18} {value}")
    click.echo(f"{'narrative':<18} {len(text.strip())} characters")


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--branch", "branch_code", default=None, metavar="CODE")
@click.option("--status", type=click.Choice([s.value for s in InspectionStatus]), default=None)
@click.option("--mode", type=click.Choice(["onsite", "mystery"]), default=None)
@click.option("--search", "text", default="", help="Text in branch, inspector or checklist.")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), default=None)
@pass_ctx
def list_cmd(
    ctx: Context,
    as_json: bool,
    branch_code: str | None,
    status: str | None,
    mode: str | None,
    text: str,
    date_from: Any,
    date_to: Any,
) -> None:
    """List inspections (current revisions), newest first."""
    flt = listing.ListFilter(
        text=text,
        branch_code=branch_code,
        status=InspectionStatus(status) if status else None,
        mode=Mode(mode) if mode else None,
        date_from=date_from.date() if date_from else None,
        date_to=date_to.date() if date_to else None,
    )
    # The same rows as the home screen's list (one read model for both).
    rows = [r.as_dict() for r in list_inspections(ctx.db, flt).rows]
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        total = f"{numbers.score(r['total'], missing='-'):>6}"
        click.echo(
            f"{r['id']}  r{r['revision']}  {_local(r['started_at'], date_only=True)}  "
            f"{r['status']:<9} "
            f"{r['mode']:<7} {r['branch']['code']:<10} {r['checklist']['id']:<20} "
            f"{total} {r['grade'] or ''}"
        )


@click.command("show")
@click.argument("inspection_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--revision", type=int, default=None, help="An earlier revision.")
@pass_ctx
def show_cmd(ctx: Context, inspection_id: str, as_json: bool, revision: int | None) -> None:
    """Show an inspection: answers, score, findings, photos, what is missing."""
    data = inspection_record(ctx.db, inspection_id, revision)
    if as_json:
        echo_json(data)
        return
    sc = data["score"]
    click.echo(f"Inspection {data['id']} (revision {data['revision']}, {data['status']})")
    click.echo(f"  branch     {data['branch']['code']} {data['branch']['name']}")
    click.echo(
        f"  checklist  {data['checklist']['id']} v{data['checklist']['version']} "
        f"({data['checklist']['sha256'][:12]})"
    )
    click.echo(f"  mode       {data['mode']}   inspector {data['inspector']}")
    if data["copied_from"]:
        click.echo(
            f"  copied     from {data['copied_from']}; "
            f"{len(data['to_reverify'])} copied answer(s) still to re-verify"
        )
    verdict = "PASSED" if sc["passed"] else "NOT PASSED"
    click.echo(f"  score      {numbers.score(sc['total'])}  grade {sc['grade']}  {verdict}")
    if sc["veto_failed"]:
        click.echo(f"  VETO FAILED: {', '.join(sc['veto_failed'])}")
    for sid, sec in sc["sections"].items():
        pct = numbers.percent_sign(sec["percent"], missing="n/a")
        click.echo(
            f"    {sid:<28} {pct:>7}  ({numbers.points(sec['score'])}/{numbers.points(sec['max'])})"
        )
    click.echo(
        f"  answers    {len(data['answers'])}, findings {len(data['findings'])}, "
        f"photos {len(data['photos'])}"
    )
    for m in data["missing"]:
        click.echo(f"  missing: {m['message']}")


@click.command("finalize")
@click.argument("inspection_id", metavar="ID")
@click.option("--by", "by", required=True, metavar="NAME", help="Inspector signing off.")
@click.option(
    "--manager",
    default=None,
    metavar="NAME",
    help="Branch manager acknowledging the result: required on site unless already saved "
    "(the report prints their sign-off line); a mystery visit has none.",
)
@click.option(
    "--manager-signature",
    "signature",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="The manager's signature: a PNG or JPEG image (at most 2 MB, 4000 px).",
)
@pass_ctx
def finalize_cmd(
    ctx: Context, inspection_id: str, by: str, manager: str | None, signature: Path | None
) -> None:
    """Sign off a draft; it becomes read-only. Refused while anything is missing
    (including a red-line finding without a rectification action or owner)."""
    png = read_image_file(signature, what="manager signature") if signature else None
    if png is not None and not (manager or "").strip():
        raise ValidationError(T.NEEDS_OPTION, option="--manager-signature", needed="--manager")
    signed = commands.finalize(
        ctx.db, inspection_id, by=by, manager_name=manager, manager_signature=png
    )
    click.echo(
        f"finalized; total {numbers.score(signed.total)}, grade {signed.grade}, "
        f"{'passed' if signed.passed else 'NOT passed'}"
    )
    click.echo(signed.uuid)


@click.command("amend")
@click.argument("inspection_id", metavar="ID")
@click.option("--reason", required=True, help="Why the finalized inspection is amended.")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def amend_cmd(ctx: Context, inspection_id: str, reason: str, actor: str | None) -> None:
    """Make a new draft revision of a finalized inspection (same id, supersedes it)."""
    label = inspection_label(ctx.db, inspection_id)
    rev = commands.amend(ctx.db, label.uuid, reason=reason, actor=actor or default_actor())
    click.echo(f"revision {rev} created as a draft")
    click.echo(label.uuid)


@click.command("delete")
@click.argument("inspection_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def delete_cmd(ctx: Context, inspection_id: str, yes: bool) -> None:
    """Delete a draft inspection (finalized ones cannot be deleted)."""
    label = inspection_label(ctx.db, inspection_id)
    if not yes and not click.confirm(f"Delete draft {label.uuid} of {label.branch_code}?"):
        raise click.exceptions.Abort()
    commands.delete_draft(ctx.db, label.uuid, actor=default_actor())
    click.echo("deleted")


@click.command("finding")
@click.argument("inspection_id", metavar="ID")
@click.argument("item_id", metavar="ITEM")
@click.option("--action", default=None, help="Rectification action.")
@click.option("--owner", default=None, help="Who rectifies.")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--severity", type=click.Choice([s.value for s in Severity]), default=None)
@pass_ctx
def finding_cmd(
    ctx: Context,
    inspection_id: str,
    item_id: str,
    action: str | None,
    owner: str | None,
    deadline: Any,
    severity: str | None,
) -> None:
    """Set the rectification of a finding (failed item) of a draft inspection."""
    dl: date | None = deadline.date() if deadline else None
    record = commands.update_finding(
        ctx.db,
        inspection_id,
        item_id,
        actor=default_actor(),
        action=action,
        owner=owner,
        deadline=dl,
        severity=Severity(severity) if severity else None,
    )
    click.echo(strictjson.dumps(record))


@click.command("audit")
@click.argument("inspection_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def audit_cmd(ctx: Context, inspection_id: str, as_json: bool) -> None:
    """Show every recorded change of an inspection (all revisions)."""
    rows = audit_rows(ctx.db, inspection_id)
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(
            f"{_local(r['at'])}  r{r['revision']}  {r['actor'] or '-':<12} {r['action']:<8} "
            f"{r['entity']:<10} {r['key']:<20} {strictjson.dumps(r['old'])} -> "
            f"{strictjson.dumps(r['new'])}"
        )


COMMANDS = [
    new_cmd,
    answer_cmd,
    visit_cmd,
    list_cmd,
    show_cmd,
    finalize_cmd,
    amend_cmd,
    delete_cmd,
    finding_cmd,
    audit_cmd,
]
