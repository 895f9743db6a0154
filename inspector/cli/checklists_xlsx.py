"""``inspector checklists export-xlsx|import-xlsx``: checklists written in Excel.

Registered on the ``checklists`` group of :mod:`inspector.cli.checklists`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import click

from inspector.checklists import ChecklistError, load_shipped
from inspector.checklists.xlsx import WorkbookError, export_workbook, read_workbook, to_yaml
from inspector.cli.checklists import checklists
from inspector.files import write_atomic

log = logging.getLogger(__name__)


@checklists.command("export-xlsx")
@click.argument("checklist_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Workbook to write (default: ID.xlsx in the current folder).",
)
def export_xlsx_cmd(checklist_id: str, output: Path | None) -> None:
    """Write a shipped checklist as an Excel workbook to edit.

    The workbook has a read-me sheet, the header (id, version, titles, modes), grades,
    scenarios, sections, items (one a row, Chinese and English columns), choice options and
    scale labels; drop-down lists offer the closed vocabularies. Includes are expanded.
    Prints the path written.
    """
    loaded = load_shipped(checklist_id)
    data = export_workbook(loaded.resolved, expanded_includes=loaded.raw is not loaded.resolved)
    target = output or Path(f"{loaded.id}.xlsx")
    click.echo(str(write_atomic(target, data)))


@checklists.command("import-xlsx")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Checklist file to write (default: ID.yaml in the current folder).",
)
def import_xlsx_cmd(workbook: Path, output: Path | None) -> None:
    """Turn an edited workbook back into a checklist file (YAML).

    Every problem is printed as FILE.xlsx!SHEET!CELL: message, all of them at once; nothing
    is written unless the workbook makes a valid checklist. Prints the path written.
    """
    try:
        checklist = read_workbook(workbook)
    except WorkbookError as e:
        for p in e.problems:
            click.echo(str(p), err=True)
        raise click.ClickException(
            f"{len(e.problems)} problem(s) in {workbook.name}; nothing written"
        ) from None
    except ChecklistError as e:  # pragma: no cover - the workbook reader reports by cell
        for problem in e.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{workbook.name} is not a valid checklist") from None
    target = output or Path(f"{checklist.id}.yaml")
    click.echo(str(write_atomic(target, to_yaml(checklist).encode("utf-8"))))


COMMANDS: list[click.Command] = []
