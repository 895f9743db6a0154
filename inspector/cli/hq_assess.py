"""``inspector hq rectification|assess|coverage``: rectification figures, the branch
assessment and who has not reported.

Registered on the ``hq`` group of :mod:`inspector.cli.hq`; the numbers come from
:mod:`inspector.services.hq.rectification` and :mod:`inspector.services.hq.assess`, the
same calls the dashboard, the HQ PDF and the Excel export make.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click

from inspector.cli import Context, echo_json, pass_ctx
from inspector.cli.hq import _compare, _date, hq, hq_filter
from inspector.domain import numbers, timefmt
from inspector.errors import ValidationError
from inspector.services.hq import assess as assess_svc
from inspector.services.hq import assess_rule
from inspector.services.hq.rows import HqFilter
from inspector.services.views import hq_lists
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)


def _period_or_dates(
    period: str | None, date_from: str | None, date_to: str | None
) -> tuple[date | None, date | None]:
    if period and (date_from or date_to):
        raise ValidationError(TA.PERIOD_AND_DATES)
    if period:
        return assess_svc.parse_period(period)
    return _date("--from", date_from), _date("--to", date_to)


def _pct(v: float | None) -> str:
    return f"{numbers.percent_sign(v, missing='-'):>7}"


@hq.command("rectification")
@hq_filter()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def rectification_cmd(ctx: Context, flt: HqFilter, as_json: bool) -> None:
    """Rectification per branch and region: findings opened in the selection, closed,
    closed on time, closure rate, median days to close, overdue now, repeats (屡查屡犯)."""
    data = hq_lists.rectification_figures(ctx.db, flt)
    if as_json:
        echo_json(data.as_dict())
        return
    click.echo(
        f"{'branch':<10} {'opened':>6} {'closed':>6} {'on time':>7} {'closure':>8} "
        f"{'median d':>8} {'overdue':>7} {'repeats':>7}  name"
    )
    for r in [*data.branches, *data.regions]:
        median = f"{numbers.score(r.median_days_to_close, missing='-'):>8}"
        label = r.code or f"[{r.region or '-'}]"
        name = r.name if r.code else f"region, {r.branches} branch(es)"
        click.echo(
            f"{label:<10} {r.opened:>6} {r.closed:>6} {r.closed_on_time:>7} "
            f"{_pct(r.closure_rate):>8} {median} {r.overdue:>7} {r.repeats:>7}  {name}"
        )
    click.echo(f"overdue as of {data.today.isoformat()}")


@hq.command("assess")
@click.option("--period", default=None, metavar="2026Q4", help="A quarter, month or year.")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="First day.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Last day.")
@click.option("--region", default=None, metavar="R", help="Only branches of region R.")
@click.option(
    "--rule",
    "rule_file",
    default=None,
    type=click.Path(path_type=Path),
    metavar="FILE.yaml",
    help="Assessment rule (default: the shipped resources/assessment/default.yaml).",
)
@click.option("--explain", is_flag=True, help="Print where every branch's points came from.")
@_compare
@click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True, help="Language."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def assess_cmd(
    ctx: Context,
    period: str | None,
    date_from: str | None,
    date_to: str | None,
    region: str | None,
    rule_file: Path | None,
    explain: bool,
    compare_to: str | None,
    lang: str,
    as_json: bool,
) -> None:
    """The branch assessment (消保考核): a score out of 100 per branch from its on-site
    inspections, mystery visits, rectification on time, repeat findings and red-line
    failures, ranked in the bank and in its region, by a rule HQ edits (a YAML file)."""
    d_from, d_to = _period_or_dates(period, date_from, date_to)
    meta = click.get_current_context().find_root().meta
    tz = meta.get("hq_tz") or None
    timefmt.zone(tz)
    rule = assess_rule.load_rule(rule_file)
    result, earlier = hq_lists.assessment(
        ctx.db,
        rule,
        date_from=d_from,
        date_to=d_to,
        region=region,
        tz=tz,
        compare_to=compare_to,
    )
    if as_json:
        out = result.as_dict()
        if earlier:
            out["compare_to"] = compare_to
            for r, d in zip(result.rows, out["rows"], strict=True):
                d["compare"] = earlier[r.code].as_dict()
        echo_json(out)
        return
    click.echo(rule.stamp(lang))
    ids = ("onsite", "mystery", "rectification", "repeat", "redline", "overdue")
    click.echo(
        f"{'rank':>4} {'in reg':>6} {'branch':<10} {'score':>6}  "
        + " ".join(f"{i[:8]:>8}" for i in ids)
        + "  region / name"
    )
    for r in result.ranked():
        pts = []
        for i in ids:
            v = r.points(i)
            pts.append(f"{numbers.score(v, missing='-'):>8}")
        then = ""
        e = earlier.get(r.code)
        if e is not None:
            was = f"{numbers.score(e.score)} (#{e.rank})" if e.score is not None else "-"
            change = numbers.signed_score(e.change, missing="")
            then = f"  [{e.period}: {was}" + (f" {change}]" if change else "]")
        click.echo(
            f"{r.rank:>4} {r.region_rank:>6} {r.code:<10} {numbers.score(r.score):>6}  "
            + " ".join(pts)
            + f"  {r.region} {r.name}{then}"
        )
        if explain:
            for c in r.components:
                click.echo(f"       {c.title(lang)}: {c.explain(lang)}")
    absent = result.unranked()
    if absent:
        click.echo(f"not assessed ({len(absent)}): {TA.NOT_ASSESSED(lang)}")
        for r in absent:
            click.echo(f"     {r.code:<10} {r.region:<8} {r.name}")


COMMANDS: list[click.Command] = []  # the commands above hang on the 'hq' group


@hq.command("coverage")
@click.option("--from", "date_from", default=None, metavar="YYYY-MM-DD", help="First day.")
@click.option("--to", "date_to", default=None, metavar="YYYY-MM-DD", help="Last day.")
@click.option("--period", default=None, metavar="2026Q4", help="A quarter, month or year.")
@click.option("--region", default=None, metavar="R", help="Only branches of region R.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def coverage_cmd(
    ctx: Context,
    date_from: str | None,
    date_to: str | None,
    period: str | None,
    region: str | None,
    as_json: bool,
) -> None:
    """Who has not reported: every branch with its latest finalized on-site inspection
    and mystery visit in the period (or none), every device with its last package, and
    each line of the plan HQ published last: done, in progress, due or overdue."""
    d_from, d_to = _period_or_dates(period, date_from, date_to)
    tz = click.get_current_context().find_root().meta.get("hq_tz") or None
    timefmt.zone(tz)
    flt = HqFilter(region=region, date_from=d_from, date_to=d_to, tz=tz)
    cov = hq_lists.coverage(ctx.db, flt)
    if as_json:
        echo_json(cov.as_dict())
        return
    zone = timefmt.zone(tz)
    click.echo(cov.statement("en"))
    for b in cov.branches:
        on = timefmt.local_date(b.onsite.started_at, zone).isoformat() if b.onsite else "none"
        my = timefmt.local_date(b.mystery.started_at, zone).isoformat() if b.mystery else "none"
        mark = "" if b.inspected else "  NOT INSPECTED"
        click.echo(f"{b.code:<10} on-site {on:<10}  mystery {my:<10}  {b.region} {b.name}{mark}")
    click.echo(f"devices ({len(cov.devices)}):")
    for d in cov.devices:
        last = timefmt.fmt_datetime(d.last_package_at, zone) if d.last_package_at else "none"
        trust = "trusted" if d.trusted else "untrusted"
        click.echo(f"  {d.fingerprint}  {trust:<9}  last package {last}  ({d.packages})  {d.label}")
    plan = cov.plan_statement("en")
    if plan is None:
        click.echo("plan: none published")
        return
    click.echo(plan)
    for p in cov.plan:
        who = p.assignee or "-"
        what = f"{p.checklist} {p.mode}" + (f" {p.scenario}" if p.scenario else "")
        what += f" wave {p.wave}" if p.wave else ""
        done = f"  {p.inspection}" if p.inspection else ""
        click.echo(f"  {p.state:<11} due {p.due.isoformat()}  {p.branch:<10} {what}  {who}{done}")
    for label, groups in (("region", "by_region"), ("assignee", "by_assignee")):
        for key, t in cov.plan_counts()[groups].items():
            click.echo(
                f"  {label} {key or '-'}: {t['total']} lines, {t['done']} done, "
                f"{t['in_progress']} in progress, {t['due']} due, {t['overdue']} overdue"
            )
