"""``inspector hq summary|findings|close-finding|recheck|report|export|integrity``."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.domain.checklist import RIGHT_NAMES
from inspector.errors import ValidationError
from inspector.reports.hq_report import write_hq_report
from inspector.services import hq as svc
from inspector.services import hq_mystery, hq_rights
from inspector.services import inspections as insp_svc

log = logging.getLogger(__name__)


def _filter(
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist: str | None = None,
    mode: str | None = None,
) -> svc.HqFilter:
    ctx = click.get_current_context(silent=True)
    finalized_only = bool(ctx and ctx.find_root().meta.get("hq_finalized_only"))
    return svc.HqFilter(
        region=region or None,
        date_from=_date("--from", date_from),
        date_to=_date("--to", date_to),
        checklist_id=checklist or None,
        mode=mode or None,
        finalized_only=finalized_only,
    )


def _date(opt: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{opt}: {value!r} is not a date; use YYYY-MM-DD") from None


_region = click.option("--region", default=None, metavar="R", help="Only branches of region R.")
_from = click.option(
    "--from",
    "date_from",
    default=None,
    metavar="YYYY-MM-DD",
    help="Inspections started on or after this day.",
)
_to = click.option(
    "--to",
    "date_to",
    default=None,
    metavar="YYYY-MM-DD",
    help="Inspections started on or before this day.",
)
_checklist = click.option("--checklist", default=None, metavar="ID", help="Only this checklist.")
_mode = click.option(
    "--mode",
    type=click.Choice(["onsite", "mystery"]),
    default=None,
    help="Only on-site or mystery-shopper inspections.",
)
_lang = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of headings and labels.",
)


@click.group("hq", help="HQ views: compare branches, track rectification, reports, export.")
@click.option(
    "--finalized-only",
    is_flag=True,
    help="Count finalized inspections only (drafts on this machine are left out).",
)
@click.pass_context
def hq(ctx: click.Context, finalized_only: bool) -> None:
    ctx.find_root().meta["hq_finalized_only"] = finalized_only


@hq.command("summary")
@_region
@_from
@_to
@_checklist
@_mode
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def summary_cmd(
    ctx: Context,
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist: str | None,
    mode: str | None,
    as_json: bool,
) -> None:
    """Inspections, branches and each branch's latest score and grade."""
    flt = _filter(region, date_from, date_to, checklist, mode)
    with ctx.db.session() as s:
        total, avg = svc.counts(s, flt)
        rows = svc.league(s, flt)
    data = {
        "inspections": total,
        "branches": len(rows),
        "per_branch": [
            {
                "code": r.code,
                "name": r.name,
                "region": r.region,
                "latest_score": round(r.latest_score, 2) if r.latest_score is not None else None,
                "latest_grade": r.latest_grade,
                "latest_at": r.latest_at.isoformat() if r.latest_at else None,
                "inspections": r.inspections,
            }
            for r in rows
        ],
    }
    if as_json:
        echo_json(data)
        return
    avg_s = f"{avg:.1f}" if avg is not None else "-"
    click.echo(f"{total} inspections, {len(rows)} branches, average score {avg_s}")
    for r in rows:
        score = f"{r.latest_score:6.1f}" if r.latest_score is not None else "     -"
        trend = f"{r.trend:+6.1f}" if r.trend is not None else "      "
        rank = str(r.rank) if r.rank is not None else "-"
        mark = "  untrusted" if r.untrusted else ""
        click.echo(
            f"{rank:>4} {r.code:<10} {score} {trend} {r.latest_grade or '-':<10} "
            f"{r.inspections:>5}  {r.region:<8} {r.name}{mark}"
        )


@hq.command("findings")
@click.option(
    "--status",
    type=click.Choice(list(svc.STATUSES)),
    default=None,
    help="Only open, overdue (open past the deadline) or closed findings.",
)
@_region
@_from
@_to
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def findings_cmd(
    ctx: Context,
    status: str | None,
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    as_json: bool,
) -> None:
    """Findings and their rectification status, overdue first."""
    flt = _filter(region, date_from, date_to)
    with ctx.db.session() as s:
        rows = svc.findings(s, flt, status=status)
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    for r in rows:
        deadline = r.deadline.isoformat() if r.deadline else "-"
        click.echo(
            f"{r.status:<8} {deadline:<10} {r.code:<10} {r.item_id:<24} "
            f"{r.inspection_uuid[:8]}  {r.owner}"
        )
    click.echo(f"{len(rows)} finding(s)")


@hq.command("close-finding")
@click.argument("inspection_id")
@click.argument("item")
@click.option("--note", required=True, metavar="TEXT", help="How the rectification was checked.")
@pass_ctx
def close_finding_cmd(ctx: Context, inspection_id: str, item: str, note: str) -> None:
    """Close finding ITEM of inspection ID by hand (audited)."""
    with ctx.db.session() as s:
        f = svc.close_finding(s, inspection_id, item, note=note, actor=default_actor())
        uuid = f.inspection.uuid
    click.echo(f"closed {item} of {uuid}")


@hq.command("recheck")
@click.argument("recheck_id")
@pass_ctx
def recheck_cmd(ctx: Context, recheck_id: str) -> None:
    """Close the findings that re-check RECHECK_ID shows as passing now."""
    with ctx.db.session() as s:
        insp = insp_svc.get(s, recheck_id)
        closed = svc.close_findings_by_recheck(s, insp, actor=default_actor())
        items = [f.item_id for f in closed]
    for item in items:
        click.echo(f"closed {item}")
    click.echo(f"{len(items)} finding(s) closed")


@hq.command("report")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE.pdf",
    help="Where to write the PDF.",
)
@_region
@_from
@_to
@_checklist
@_mode
@_lang
@pass_ctx
def report_cmd(
    ctx: Context,
    output: Path,
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist: str | None,
    mode: str | None,
    lang: str,
) -> None:
    """Consolidated PDF: summary, league, heatmap, failing items, vetoes, overdue findings."""
    flt = _filter(region, date_from, date_to, checklist, mode)
    if not output.parent.is_dir():
        raise ValidationError(f"-o: folder {output.parent} does not exist; create it first")
    with ctx.db.session() as s:
        data = svc.load(s, flt)
    try:
        write_hq_report(svc.report_content(data, lang), output)
    except OSError as e:
        raise ValidationError(f"-o: cannot write {output} ({e.strerror})") from None
    click.echo(str(output))


@hq.command("export")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE.xlsx|DIR",
    help="Excel file, or a folder with --format csv.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True
)
@_region
@_from
@_to
@_checklist
@_mode
@_lang
@pass_ctx
def export_cmd(
    ctx: Context,
    output: Path,
    fmt: str,
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist: str | None,
    mode: str | None,
    lang: str,
) -> None:
    """Every view as an Excel sheet (or a CSV file each)."""
    flt = _filter(region, date_from, date_to, checklist, mode)
    if fmt == "xlsx" and not output.parent.is_dir():
        raise ValidationError(f"-o: folder {output.parent} does not exist; create it first")
    with ctx.db.session() as s:
        data = svc.load(s, flt)
    if fmt == "csv":
        for p in svc.write_csv(data, output, lang):
            click.echo(str(p))
        return
    svc.write_excel(data, output, lang)
    click.echo(str(output))


@hq.command("integrity")
@_region
@_from
@_to
@click.option(
    "--tolerance",
    default=60,
    show_default=True,
    type=click.IntRange(0, 24 * 60),
    metavar="MINUTES",
    help="Allowed gap between a photo's time and the visit.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def integrity_cmd(
    ctx: Context,
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    tolerance: int,
    as_json: bool,
) -> None:
    """Photos to review: reused in other inspections, or taken outside the visit."""
    flt = _filter(region, date_from, date_to)
    with ctx.db.session() as s:
        flags = svc.integrity(s, flt, tolerance=timedelta(minutes=tolerance))
    if as_json:
        echo_json([f.as_dict() for f in flags])
        return
    for f in flags:
        click.echo(
            f"{f.kind:<16} {f.code:<10} {f.inspection_uuid[:8]} {f.item_id:<20} "
            f"{f.sha256[:12]}  {f.detail}"
        )
    click.echo(f"{len(flags)} photo(s) to review")


@hq.command("rights")
@_region
@click.option(
    "--checklist",
    "checklist",
    default=hq_rights.DEFAULT_CHECKLIST,
    show_default=True,
    metavar="ID",
    help="Checklist whose latest finalized inspection per branch is broken down.",
)
@_mode
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def rights_cmd(
    ctx: Context, region: str | None, checklist: str, mode: str | None, as_json: bool
) -> None:
    """Scores by consumer right (八项权利) and evaluation element, per branch."""
    with ctx.db.read_session() as s:
        rows = hq_rights.by_branch(s, checklist_id=checklist, mode=mode, region=region)
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    if not rows:
        click.echo(f"no finalized {checklist} inspections")
        return
    names = list(RIGHT_NAMES)
    click.echo(f"{'branch':<10} " + " ".join(f"{RIGHT_NAMES[n][0]:>6}" for n in names))
    for r in rows:
        cells = []
        for n in names:
            pct = r.rights[n].percent
            cells.append(f"{pct:8.1f}" if pct is not None else f"{'-':>8}")
        click.echo(f"{r.code:<10} " + " ".join(cells) + f"  {r.name}")


@hq.command("mystery")
@_region
@click.option("--wave", default=None, metavar="NAME", help="Only the visits of this wave.")
@click.option("--scenario", default=None, metavar="ID", help="Only visits playing this scenario.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def mystery_cmd(
    ctx: Context, region: str | None, wave: str | None, scenario: str | None, as_json: bool
) -> None:
    """Mystery visits compared like with like: per scenario, per section."""
    with ctx.db.read_session() as s:
        rows = hq_mystery.visits(s, wave=wave, region=region, scenario=scenario)
    summary = hq_mystery.by_scenario(rows)
    if as_json:
        echo_json(
            {"scenarios": [g.as_dict() for g in summary], "visits": [r.as_dict() for r in rows]}
        )
        return
    if not rows:
        click.echo("no finalized mystery-shopper visits")
        return
    for g in summary:
        avg = f"{g.average_total:.1f}" if g.average_total is not None else "-"
        click.echo(f"scenario {g.scenario or '(none)'}: {g.visits} visit(s), average {avg}")
        for sid, pct in g.sections.items():
            click.echo(f"  {sid:<24} {pct:6.1f}" if pct is not None else f"  {sid:<24}      -")
        for r in rows:
            if r.scenario == g.scenario:
                total = f"{r.total:6.1f}" if r.total is not None else "     -"
                click.echo(f"    {r.code:<10} {total}  {r.wave or '':<12} {r.name}")


COMMANDS = [hq]
