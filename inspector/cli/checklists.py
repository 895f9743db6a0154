"""``inspector checklists list|show|validate|schema``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from inspector import paths
from inspector.checklists import ChecklistError, json_schema
from inspector.checklists.xlsx import WorkbookError, load_any, load_ref
from inspector.cli import Context, echo_json, pass_ctx
from inspector.domain.checklist import Checklist, Item
from inspector.services.publish import catalog

log = logging.getLogger(__name__)


@click.group("checklists", help="List, show and validate checklist files.")
def checklists() -> None:
    pass


def _summary(c: Checklist, sha: str) -> dict[str, Any]:
    return {
        "id": c.id,
        "version": c.version,
        "title": {"zh": c.title.zh, "en": c.title.en},
        "modes": [m.value for m in c.modes],
        "sections": len(c.real_sections()),
        "items": len(c.items()),
        "sha256": sha,
    }


def _item(i: Item) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": i.id,
        "type": i.type.value,
        "points": i.points,
        "veto": i.veto,
        "critical": i.critical,
        "gate": i.gate,
        "penalty": i.penalty,
        "na_allowed": i.allows_na,
        "required": i.required,
        "text": {"zh": i.text.zh, "en": i.text.en},
        "guidance": {"zh": i.guidance.zh, "en": i.guidance.en} if i.guidance else None,
        "source": i.source.ref if i.source else None,
        "source_inferred": i.source.inferred if i.source else None,
        "evidence": {"onsite": i.evidence.onsite.value, "mystery": i.evidence.mystery.value},
        "rights": [r.value for r in i.rights],
        "elements": list(i.elements),
        # Authoring notes for HQ reviewers: only the checklist tools show them.
        "review": [n for n in (i.review, i.source.note if i.source else None) if n],
    }
    if i.modes is not None:
        d["modes"] = [m.value for m in i.modes]
    if i.measure is not None:
        d["measure"] = {"unit": i.measure.unit.en, "min": i.measure.min, "max": i.measure.max}
    if i.scale is not None:
        d["scale"] = {"min": i.scale.min, "max": i.scale.max}
    if i.count is not None:
        d["count"] = i.count.model_dump(exclude_none=True)
    if i.options is not None:
        d["options"] = [{"id": o.id, "credit": o.credit} for o in i.options]
    if i.show_if is not None:
        d["show_if"] = i.show_if.model_dump(mode="json", exclude_none=True)
    if i.na_if is not None:
        d["na_if"] = i.na_if.model_dump(mode="json", exclude_none=True)
    if i.veto_reason is not None:
        d["veto_reason"] = {"zh": i.veto_reason.zh, "en": i.veto_reason.en}
    if i.penalty_cap is not None:
        d["penalty_cap"] = i.penalty_cap
    return d


@checklists.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def list_cmd(ctx: Context, as_json: bool) -> None:
    """List the checklists new inspections can use, and where each version came from.

    A version HQ installed (inspector install) is used when it is the newest; a checklist HQ
    withdrew is listed as withdrawn.
    """
    with ctx.db.read_session() as s:
        entries, problems = catalog.entries(s)
    for p in problems:
        click.echo(f"warning: {p}", err=True)
    if as_json:
        echo_json(
            [{**_summary(e.loaded.resolved, e.loaded.sha256), **e.to_dict()} for e in entries]
        )
        return
    if not entries:
        click.echo(f"no checklists in {paths.checklists_dir()}")
        return
    for e in entries:
        r = e.loaded.resolved
        modes = "/".join(m.value for m in r.modes)
        source = f"HQ pack {e.pack_sequence}" if e.source == catalog.HQ else "shipped"
        if e.withdrawn:
            source += ", withdrawn"
        click.echo(
            f"{r.id:<24} v{r.version:<8} {len(r.items()):>3} items  {modes:<15} "
            f"{source:<22} {r.title.zh} / {r.title.en}"
        )


@checklists.command("show")
@click.argument("checklist_id", metavar="ID_OR_FILE")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@pass_ctx
def show_cmd(ctx: Context, checklist_id: str, as_json: bool, lang: str) -> None:
    """Show a checklist's sections and items: by id, the version new inspections use here
    (shipped, or installed from an HQ pack); or a .yaml/.json/.xlsx file."""
    c = load_ref(checklist_id, lambda: catalog.entries_of(ctx.db))
    r = c.resolved
    if as_json:
        echo_json(
            {
                **_summary(r, c.sha256),
                "grades": [
                    {
                        "code": g.code,
                        "min": g.min,
                        "label": g.label.model_dump(),
                        "passing": g.passing,
                    }
                    for g in r.grades
                ],
                "veto_grade": r.veto_grade,
                "scenarios": [{"id": s.id, "title": s.title.model_dump()} for s in r.scenarios],
                "sections": [
                    {
                        "id": s.id,
                        "weight": round(s.weight, 6),
                        "area": s.area or r.id,
                        "title": {"zh": s.title.zh, "en": s.title.en},
                        "items": [_item(i) for i in s.items],
                    }
                    for s in r.real_sections()
                ],
            }
        )
        return
    click.echo(f"{r.id} v{r.version}  {r.title.get(lang)}  sha256 {c.sha256[:12]}")
    for s in r.real_sections():
        click.echo(f"\n[{s.id}] {s.title.get(lang)}  (weight {s.weight:g})")
        for i in s.items:
            flags = "".join(f for f, on in (("V", i.veto), ("C", i.critical), ("G", i.gate)) if on)
            pts = f"-{i.penalty:g}" if i.penalty else f"{i.points:g}"
            click.echo(f"  {i.id:<22} {i.type.value:<10} {pts:>4} {flags:<3} {i.text.get(lang)}")


@checklists.command("validate")
@click.argument("paths_", metavar="[PATH]...", nargs=-1, type=click.Path(path_type=Path))
def validate_cmd(paths_: tuple[Path, ...]) -> None:
    """Check checklist files (default: every shipped one); print FILE:LINE: problems
    (FILE.xlsx!SHEET!CELL: problems for a workbook)."""
    files: list[Path] = []
    if not paths_:
        folder = paths.checklists_dir()
        files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    for p in paths_:
        if p.is_dir():
            files.extend(sorted(x for x in p.iterdir() if x.suffix in (".yaml", ".yml", ".json")))
        else:
            files.append(p)
    bad = 0
    for f in files:
        try:
            c = load_any(f)
        except (ChecklistError, WorkbookError) as e:
            bad += 1
            for problem in e.problems:
                click.echo(str(problem), err=True)
            continue
        click.echo(f"ok  {f}  ({c.id} v{c.resolved.version}, {len(c.resolved.items())} items)")
    if bad:
        raise click.ClickException(f"{bad} of {len(files)} checklist file(s) have problems")


@checklists.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the checklist file format."""
    echo_json(json_schema())


COMMANDS = [checklists]
