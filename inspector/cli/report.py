"""``inspector report ID -o FILE.pdf``: the PDF scoring report of one inspection."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import click

from inspector.cli import Context, pass_ctx
from inspector.errors import UserError
from inspector.services import inspections as svc
from inspector.services import reports

log = logging.getLogger(__name__)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    A temporary file in the same folder (same file system, so ``os.replace`` is atomic)
    is written, flushed to disk, then renamed over the target.
    """
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"-o: folder {folder} does not exist; create it or choose another path")
    if path.is_dir():
        raise UserError(f"-o: {path} is a folder; give a file name such as report.pdf")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UserError(f"-o: cannot write in {folder} ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"-o: cannot write {path} ({e.strerror or e})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
@pass_ctx
def report_cmd(
    ctx: Context, inspection_id: str, output: Path, lang: str, revision: int | None
) -> None:
    """Write the PDF report of an inspection (drafts carry a DRAFT watermark)."""
    output = output.expanduser().resolve()
    with ctx.db.session() as s:
        insp = svc.get(s, inspection_id)
        if revision is not None:
            insp = svc.get_revision(s, insp.uuid, revision)
        pdf = reports.build_report(s, insp, lang=lang)
        draft = insp.status != svc.FINALIZED
    write_atomically(output, pdf)
    if draft:
        click.echo("note: the inspection is a draft; every page is marked DRAFT", err=True)
    click.echo(str(output))


COMMANDS = [report_cmd]
