"""``inspector hq summary|league|findings|close-finding|recheck|report|export|integrity|rights|
mystery`` (``rectification``, ``assess`` and ``coverage`` are in :mod:`.hq_assess`; ``notice|
review``, the rectification loop, in :mod:`inspector.cli.rectify`).

Every command counts finalized inspections only unless ``--include-drafts`` is given
(on the group or the command); times print in ``--tz`` (default: the INSPECTOR_TZ
setting, else Asia/Shanghai) with their zone.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.cli import rectify as rectify_cli
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import RIGHT_NAMES, Mode
from inspector.domain.states import FindingState
from inspector.errors import ValidationError
from inspector.services.commands import hq as hq_commands
from inspector.services.findings.record import STATUSES
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.services.hq import tables as hq_tables
from inspector.services.hq.rows import HqData, HqFilter
from inspector.services.views import hq_lists
from inspector.services.views.hq_lists import Earlier
from inspector.text import cli as T
from inspector.text import hq as TH

log = logging.getLogger(__name__)


def _filter(
    region: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist: str | None = None,
    mode: str | None = None,
) -> HqFilter:
    ctx = click.get_current_context(silent=True)
    meta = ctx.find_root().meta if ctx else {}
    tz = meta.get("hq_tz") or None
    timefmt.zone(tz)  # an unknown zone is an error before any query runs
    return HqFilter(
        region=region or None,
        date_from=_date("--from", date_from),
        date_to=_date("--to", date_to),
        checklist_id=checklist or None,
        mode=Mode(mode) if mode else None,
        finalized_only=bool(meta.get("hq_finalized_only")),
        include_drafts=bool(meta.get("hq_include_drafts")),
        tz=tz,
    )


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Store an option in the root context, so it works on the group or on a command."""

    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value:
            ctx.find_root().meta[key] = value
        return value

    return callback


_drafts = click.option(
    "--include-drafts",
    is_flag=True,
    expose_value=False,
    callback=_remember("hq_include_drafts"),
    help="Count drafts too (marked as drafts on every row and page).",
)
_tz = click.option(
    "--tz",
    default=None,
    expose_value=False,
    metavar="ZONE",
    callback=_remember("hq_tz"),
    help=(
        "Time zone for dates and times shown (default: $INSPECTOR_TZ, then the 'display.tz' "
        "setting, else Asia/Shanghai)."
    ),
)


def _date(opt: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(T.NOT_A_DATE, option=opt, value=repr(value)) from None


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


_compare = click.option(
    "--compare-to",
    "compare_to",
    default=None,
    metavar="PERIOD",
    help="Each figure beside this earlier period's (2026Q3, 2026-09, 2026), with the change.",
)
_rule = click.option(
    "--rule",
    "rule_file",
    default=None,
    type=click.Path(path_type=Path),
    metavar="FILE.yaml",
    help="Branch-assessment rule (default: the shipped resources/assessment/default.yaml).",
)


def hq_filter() -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The HQ filter options of a command -- region, period, checklist, mode, drafts and time
    zone, as the dashboard has them -- handed to it as one ``flt: HqFilter``."""

    def decorate(f: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(f)
        def command(
            *args: Any,
            region: str | None,
            date_from: str | None,
            date_to: str | None,
            checklist: str | None = None,
            mode: str | None = None,
            **kwargs: Any,
        ) -> None:
            f(*args, flt=_filter(region, date_from, date_to, checklist, mode), **kwargs)

        options = [_region, _from, _to, _checklist, _mode, _drafts, _tz]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@click.group("hq", help="HQ views: compare branches, track rectification, reports, export.")
@click.option(
    "--finalized-only",
    is_flag=True,
    help="Count finalized inspections only (the default now; kept for old scripts).",
)
@_drafts
@_tz
@click.pass_context
def hq(ctx: click.Context, finalized_only: bool) -> None:
    ctx.find_root().meta["hq_finalized_only"] = finalized_only


def _scope_line(data: HqData) -> str:
    return f"league: checklist {data.league_checklist}, mode {data.league_mode or ''}" + (
        f"; {data.drafts} draft(s) included" if data.filter.drafts else "; finalized only"
    )


@hq.command("summary")
@hq_filter()
@_compare
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def summary_cmd(
    ctx: Context,
    flt: HqFilter,
    compare_to: str | None,
    as_json: bool,
) -> None:
    """Inspections, branches and each branch's latest score and grade."""
    views = hq_lists.first_views(ctx.db, flt, compare_to)
    data, regions, earlier, before = views.data, views.regions, views.earlier, views.before
    if as_json:
        # Regions like with like: one row per region, checklist and mode.
        out = {**data.summary_dict(), "regions": [r.as_dict() for r in regions]}
        if before is not None:
            out["compare"] = before
            for row, d in zip(data.league, out["per_branch"], strict=True):
                d["compare"] = earlier[(row.code, row.scenario)].as_dict()
        echo_json(out)
        return
    if before is not None:
        avg = numbers.score(before["average"], missing="-")
        change = numbers.signed_score(before["change"], missing="-")
        click.echo(
            f"{compare_to}: {before['inspections']} inspections, average {avg} (change {change})"
        )
    avg_s = numbers.score(data.average, missing="-")
    click.echo(f"{data.inspections} inspections, {data.branches} branches, average score {avg_s}")
    click.echo(_scope_line(data))
    _echo_league(data, earlier)


def _echo_league(data: HqData, earlier: Earlier | None = None) -> None:
    tz = data.tz
    scenario: str | None = None
    for r in data.ranked():
        if r.scenario is not None and r.scenario != scenario:
            scenario = r.scenario  # mystery visits: ranked within one scenario
            click.echo(f"scenario {scenario or '(none)'}:")
        score = f"{numbers.score(r.latest_score, missing='-'):>6}"
        trend = f"{numbers.signed_score(r.trend, missing=''):>6}"
        red = "  RED LINE FAILED" if r.veto_failed else ""
        mark = "  untrusted" if r.untrusted else ""
        draft = "  [draft]" if r.latest_draft else ""
        when = timefmt.local_date(r.latest_at, tz).isoformat() if r.latest_at else "-"
        then = ""
        e = (earlier or {}).get((r.code, r.scenario))
        if e is not None:
            was = f"{numbers.score(e.score)} (#{e.rank})" if e.score is not None else "-"
            chg = numbers.signed_score(e.change, missing="")
            then = f"  [{e.period}: {was} {chg}]"
        click.echo(
            f"{r.rank:>4} {r.code:<10} {score} {trend} "
            f"{data.grade_label(r.latest_grade, 'en') or '-':<10} "
            f"{r.inspections:>5}  {when}  {r.region:<8} {r.name}{red}{mark}{draft}{then}"
        )
    gaps = data.incomplete_drafts()
    if gaps:
        click.echo(f"incomplete drafts, not ranked, red lines not checked ({len(gaps)}):")
        for r in gaps:
            score = f"{numbers.score(r.latest_score, missing='-'):>6}"
            click.echo(f"     {r.code:<10} {score}  {r.region:<8} {r.name}  [draft]")
    absent = data.unranked()
    if absent:
        click.echo(f"not ranked, no such inspection in this selection ({len(absent)}):")
        for r in absent:
            click.echo(f"     {r.code:<10} {r.region:<8} {r.name}")


@hq.command("league")
@hq_filter()
@_compare
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def league_cmd(
    ctx: Context,
    flt: HqFilter,
    compare_to: str | None,
    as_json: bool,
) -> None:
    """The branch ranking the dashboard shows: one checklist and mode (default the
    comprehensive on-site checklist); a red-line failure never ranks above a pass;
    branches without an inspection are listed apart (rank null in JSON)."""
    views = hq_lists.first_views(ctx.db, flt, compare_to)
    data, earlier = views.data, views.earlier
    if as_json:
        rows = [r.as_dict(data.tz) for r in data.league]
        if earlier:
            for r, d in zip(data.league, rows, strict=True):
                d["compare"] = earlier[(r.code, r.scenario)].as_dict()
        echo_json(rows)
        return
    click.echo(_scope_line(data))
    _echo_league(data, earlier)


@hq.command("findings")
@click.option(
    "--status",
    type=click.Choice(list(STATUSES)),
    default=None,
    help="Only open, overdue (open or returned, past the deadline), submitted (the branch "
    "answered, awaiting HQ's review), returned (HQ sent the answer back) or closed findings.",
)
@click.option(
    "--repeats",
    is_flag=True,
    help="Only repeat findings (屡查屡犯) as HQ evaluates them over everything it holds.",
)
@hq_filter()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def findings_cmd(
    ctx: Context,
    status: str | None,
    repeats: bool,
    flt: HqFilter,
    as_json: bool,
) -> None:
    """Findings and their rectification status, overdue first. A repeat (屡查屡犯: an
    earlier finalized inspection of the branch, same checklist and mode, failed the same
    item) is marked and its severity raised one level; the laptop's own mark is kept
    apart (repeat_of / severity in JSON)."""
    state = FindingState(status) if status else None  # click's Choice checked the value
    rows = hq_lists.findings(ctx.db, flt, status=state, repeats=repeats)
    if as_json:
        echo_json([r.as_dict(flt.zone) for r in rows])
        return
    for r in rows:
        deadline = r.deadline.isoformat() if r.deadline else "-"
        draft = "  [draft]" if r.draft else ""
        if r.repeat:
            repeat = f"  [repeat 屡查屡犯: {r.hq_earlier} earlier, {r.effective_severity}]"
        elif r.repeat_of:
            repeat = "  [repeat on the laptop only]"
        else:
            repeat = ""
        click.echo(
            f"{r.status:<9} {deadline:<10} {r.code:<10} {hq_tables.short_id(r.inspection_uuid)}  "
            f"{r.item_title('en')}  ({r.item_id})  {r.owner}{draft}{repeat}"
        )
    click.echo(f"{len(rows)} finding(s)")


@hq.command("close-finding")
@click.argument("inspection_id")
@click.argument("item")
@click.option("--note", required=True, metavar="TEXT", help="How the rectification was checked.")
@pass_ctx
def close_finding_cmd(ctx: Context, inspection_id: str, item: str, note: str) -> None:
    """Close finding ITEM of inspection ID by hand (audited)."""
    uuid = hq_commands.close_by_hand(ctx.db, inspection_id, item, note=note, actor=default_actor())
    click.echo(f"closed {item} of {uuid}")


@hq.command("recheck")
@click.argument("recheck_id")
@pass_ctx
def recheck_cmd(ctx: Context, recheck_id: str) -> None:
    """Close the findings that re-check RECHECK_ID shows as passing now."""
    items = hq_commands.close_by_recheck(ctx.db, recheck_id, actor=default_actor())
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
@hq_filter()
@_lang
@_rule
@_compare
@click.option(
    "--number",
    "doc_number",
    default="",
    metavar="TEXT",
    help="Report number (文号), one line of at most 50 characters.",
)
@click.option(
    "--classification",
    default="",
    metavar="TEXT",
    help="Classification (密级), e.g. 内部; one line of at most 50 characters.",
)
@pass_ctx
def report_cmd(
    ctx: Context,
    output: Path,
    flt: HqFilter,
    lang: str,
    rule_file: Path | None,
    compare_to: str | None,
    doc_number: str,
    classification: str,
) -> None:
    """Consolidated PDF: summary and coverage, leagues, branch assessment, rectification,
    heatmap, failing items, vetoes, overdue findings, consumer rights, mystery shopping and
    a sign-off block (文号 and 密级 with --number and --classification)."""
    if not output.parent.is_dir():
        raise ValidationError(T.OUTPUT_FOLDER_MISSING, option="-o", folder=output.parent)
    hq_lists.write_report(
        ctx.db,
        flt,
        output,
        lang,
        rule_file=rule_file,
        compare_to=compare_to,
        number=doc_number,
        classification=classification,
    )
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
@hq_filter()
@_lang
@_rule
@pass_ctx
def export_cmd(
    ctx: Context,
    output: Path,
    fmt: str,
    flt: HqFilter,
    lang: str,
    rule_file: Path | None,
) -> None:
    """Every view as an Excel sheet (or a CSV file each)."""
    if fmt == "xlsx" and not output.parent.is_dir():
        raise ValidationError(T.OUTPUT_FOLDER_MISSING, option="-o", folder=output.parent)
    for p in hq_lists.write_export(ctx.db, flt, output, fmt, lang, rule_file=rule_file):
        click.echo(str(p))


@hq.command("integrity")
@hq_filter()
@click.option(
    "--tolerance",
    default=60,
    show_default=True,
    type=click.IntRange(0, 24 * 60),
    metavar="MINUTES",
    help="Allowed gap between a photo's time and the visit.",
)
@click.option(
    "--skip-scores",
    is_flag=True,
    help="Do not re-score the inspections (the slow part at HQ scale).",
)
@click.option(
    "--repair-scores",
    is_flag=True,
    help="Store the re-scored numbers where they differ (answers unchanged; audited).",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="en",
    show_default=True,
    help="Language of the text output.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def integrity_cmd(
    ctx: Context,
    flt: HqFilter,
    tolerance: int,
    skip_scores: bool,
    repair_scores: bool,
    lang: str,
    as_json: bool,
) -> None:
    """Stored scores that differ from a re-score, photos to review (reused in other
    inspections, or taken outside the visit), and stored evidence that fails its hash."""
    if skip_scores and repair_scores:
        raise ValidationError(T.EXCLUSIVE, first="--skip-scores", second="--repair-scores")
    # Only a repair writes; the checks read (they work while another process writes).
    window = timedelta(minutes=tolerance)
    if repair_scores:
        mismatches, flags, stored = hq_commands.repair_scores(
            ctx.db, flt, tolerance=window, actor=default_actor() or "hq"
        )
    else:
        mismatches, flags, stored = hq_lists.integrity_check(
            ctx.db, flt, tolerance=window, skip_scores=skip_scores
        )
    flags += stored
    tz = flt.zone
    if as_json:
        echo_json([m.as_dict(tz) for m in mismatches] + [f.as_dict(tz) for f in flags])
        return
    zh = lang == "zh"
    for m in mismatches:
        kind = TH.SCORE_MISMATCH_KIND(lang)
        click.echo(
            f"{kind:<16} {m.code:<10} {hq_tables.short_id(m.inspection_uuid)}  "
            f"{timefmt.fmt_datetime(m.started_at, tz)}  {m.describe(lang)}"
        )
    for f in flags:
        taken = timefmt.fmt_datetime(f.taken_at, tz) if f.taken_at else "-"
        click.echo(
            f"{f.kind_label(lang) if zh else f.kind:<16} {f.code:<10} "
            f"{hq_tables.short_id(f.inspection_uuid)}  {f.item_title(lang)}  {taken}  "
            f"{f.text(lang)}"
        )
    if repair_scores:
        click.echo(TH.SCORES_REPAIRED(lang, n=len(mismatches)))
    photos_to_review = len(flags) - len(stored)
    click.echo(TH.INTEGRITY_TOTALS(lang, n=len(mismatches), photos=photos_to_review))
    if stored:
        click.echo(TH.STORED_DAMAGED(lang, n=len(stored)))


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
    rows = hq_lists.rights_by_branch(
        ctx.db, checklist_id=checklist, mode=Mode(mode) if mode else None, region=region
    )
    if as_json:
        echo_json([r.as_dict() for r in rows])
        return
    if not rows:
        click.echo(f"no finalized {checklist} inspections")
        return
    names = list(RIGHT_NAMES)
    click.echo(f"{'branch':<10} " + " ".join(f"{RIGHT_NAMES[n].zh:>6}" for n in names))
    for r in rows:
        cells = []
        for n in names:
            pct = r.rights[n].percent
            cells.append(f"{numbers.percent(pct, missing='-'):>8}")
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
    rows = hq_lists.mystery_visits(ctx.db, wave=wave, region=region, scenario=scenario)
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
        avg = numbers.score(g.average_total, missing="-")
        click.echo(f"scenario {g.scenario or '(none)'}: {g.visits} visit(s), average {avg}")
        for sid, pct in g.sections.items():
            click.echo(f"  {sid:<24} {numbers.percent(pct, missing='-'):>6}")
        for r in rows:
            if r.scenario == g.scenario:
                total = f"{numbers.score(r.total, missing='-'):>6}"
                click.echo(f"    {r.code:<10} {total}  {r.wave or '':<12} {r.name}")


# The rectification loop's HQ side (inspector/cli/rectify.py).
hq.add_command(rectify_cli.notice_cmd)
hq.add_command(rectify_cli.review_cmd)

COMMANDS = [hq]
