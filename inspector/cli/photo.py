"""``inspector photo add|list|get|redact|annotate|attach|delete|print-size``: photo evidence."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, cast

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.errors import ValidationError
from inspector.files import write_atomic
from inspector.services import inspections as insp_svc
from inspector.services import photos as svc
from inspector.services import reports as report_svc
from inspector.text import cli as T

log = logging.getLogger(__name__)


def _ints(option: str, value: str, n: int) -> list[int]:
    parts = [p.strip() for p in value.split(",")]
    try:
        if len(parts) != n:
            raise ValueError
        return [int(p) for p in parts]
    except ValueError:
        names = {4: "X,Y,W,H"}.get(n, ",".join(["N"] * n))
        raise ValidationError(
            T.BAD_NUMBERS, option=option, value=repr(value), n=n, names=names
        ) from None


def _box(option: str, value: str) -> tuple[int, int, int, int]:
    x, y, w, h = _ints(option, value, 4)
    return x, y, w, h


def _writable_photo(s: Any, photo_id: str, inspection_id: str | None) -> Any:
    """The photo a write command changes: one of the current revision of its inspection
    (of ``--inspection ID`` when given), never one of an older revision or another
    inspection found by a short id."""
    if inspection_id is not None:
        return svc.get_in(s, insp_svc.get(s, inspection_id), photo_id)
    p = svc.get(s, photo_id)
    return svc.get_in(s, insp_svc.get(s, p.inspection.uuid), p.id)


_inspection_opt = click.option(
    "--inspection",
    "inspection_id",
    default=None,
    metavar="ID",
    help="The inspection the photo must belong to (refused otherwise).",
)


@click.group("photo")
def photo() -> None:
    """Photo evidence: add, list, export, redact, annotate, delete.

    Photo ids are UUIDs; a unique prefix of at least 6 characters is enough.
    Coordinates are pixels of the upright photo, x,y from its top left corner.
    """


@photo.command("add")
@click.argument("inspection_id", metavar="ID")
@click.argument("item_id", metavar="ITEM")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE..."
)
@click.option("--by", "actor", default=None, metavar="NAME", help="Who adds (for the audit).")
@pass_ctx
def add_cmd(
    ctx: Context, inspection_id: str, item_id: str, files: tuple[Path, ...], actor: str | None
) -> None:
    """Add photos (JPEG, PNG, WebP, HEIC) to an item; prints the new photo ids.

    Bad files are refused one by one (error: FILE: reason) and the good ones are kept;
    the exit status is 1 when any file was refused. A photo already in the inspection is
    reported and not stored twice.
    """
    with ctx.db.session() as s:
        insp = insp_svc.get(s, inspection_id)
        result = svc.add_files(
            s,
            insp,
            item_id,
            list(files),
            actor=actor or insp.inspector or default_actor(),
            commit_each=True,
        )
        added = [p.id for p in result.added]
        elsewhere = {pid for _f, pid in result.duplicates if svc.get(s, pid).item_id != item_id}
    for file, existing in result.duplicates:
        hint = ""
        if existing in elsewhere:
            # The same shot for a second item is attached, not stored again.
            hint = f"; to use it for {item_id} too: inspector photo attach {existing[:8]} {item_id}"
        click.echo(
            f"{file}: already in this inspection as photo {existing}; not added again{hint}",
            err=True,
        )
    for file, reason in result.refused:
        click.echo(f"error: {file}: {reason}", err=True)
    for pid in added:
        click.echo(pid)
    if result.refused:
        raise click.exceptions.Exit(1)


@photo.command("list")
@click.argument("inspection_id", metavar="ID")
@click.option("--item", "item_id", default=None, metavar="ITEM", help="Only this item's photos.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def list_cmd(ctx: Context, inspection_id: str, item_id: str | None, as_json: bool) -> None:
    """List an inspection's photos (GPS and capture time are as reported by the device)."""
    with ctx.db.read_session() as s:
        insp = insp_svc.get(s, inspection_id)
        rows = [svc.photo_dict(p) for p in svc.photos_of(insp, item_id)]
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        flags = ",".join(
            f for f, on in (("redacted", r["redacted"]), ("annotated", r["annotated"])) if on
        )
        taken = (r["taken_at"] or "-")[:19]
        click.echo(
            f"{r['id']}  {r['item']:<20} {r['width']}x{r['height']:<6} {r['format']:<5} "
            f"{r['size']:>9}  {taken:<19}  {flags or '-':<18} {r['file_name']}"
        )


@photo.command("get")
@click.argument("photo_id", metavar="PHOTO_ID")
@click.option(
    "--variant",
    type=click.Choice(list(svc.VARIANTS)),
    default="original",
    show_default=True,
    help=(
        "original: byte-exact file; display/thumb: upright JPEGs, drawn with the redactions "
        "and annotations as shown everywhere; rendered: full size with layers."
    ),
)
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Where to write the image ('-' for standard output).",
)
@pass_ctx
def get_cmd(ctx: Context, photo_id: str, variant: str, output: Path) -> None:
    """Write one variant of a photo to a file."""
    with ctx.db.session() as s:
        p = svc.get(s, photo_id)
        data = svc.variant_bytes(s, p, cast(svc.Variant, variant))
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, data)
    click.echo(f"{output}: {variant}, {len(data)} bytes")


@photo.command("redact")
@_inspection_opt
@click.argument("photo_id", metavar="PHOTO_ID")
@click.option("--box", "boxes", multiple=True, metavar="X,Y,W,H", help="Area to hide (repeat).")
@click.option(
    "--style",
    type=click.Choice(list(svc.REDACTION_STYLES)),
    default="fill",
    show_default=True,
    help="fill: solid black; blur: unrecoverable blur.",
)
@click.option("--clear", is_flag=True, help="Remove every redaction first.")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def redact_cmd(
    ctx: Context,
    photo_id: str,
    inspection_id: str | None,
    boxes: tuple[str, ...],
    style: str,
    clear: bool,
    actor: str | None,
) -> None:
    """Hide areas (faces, card numbers) in everything that leaves this computer."""
    if not boxes and not clear:
        raise click.UsageError("give --box X,Y,W,H (one or more) or --clear")
    parsed = [_box("--box", b) for b in boxes]
    with ctx.db.session() as s:
        p = _writable_photo(s, photo_id, inspection_id)
        layers: dict[str, Any] = dict(p.layers or {})
        redactions = [] if clear else list(layers.get("redactions", []))
        redactions += [{"x": x, "y": y, "w": w, "h": h, "style": style} for x, y, w, h in parsed]
        layers["redactions"] = redactions
        svc.set_layers(s, p, layers, actor=actor or default_actor())
        n, pid = len(redactions), p.id
    click.echo(f"photo {pid}: {n} redaction(s)")


@photo.command("annotate")
@_inspection_opt
@click.argument("photo_id", metavar="PHOTO_ID")
@click.option("--arrow", "arrows", multiple=True, metavar="X1,Y1,X2,Y2", help="Arrow to X2,Y2.")
@click.option("--rect", "rects", multiple=True, metavar="X,Y,W,H", help="Rectangle.")
@click.option("--ellipse", "ellipses", multiple=True, metavar="X,Y,W,H", help="Ellipse.")
@click.option("--text", "texts", multiple=True, metavar="X,Y,TEXT", help="Label at X,Y.")
@click.option("--color", default=svc.DEFAULT_COLOR, show_default=True, metavar="#RRGGBB")
@click.option("--width", "line_width", type=int, default=None, metavar="PX", help="Line width.")
@click.option("--size", "text_size", type=int, default=None, metavar="PX", help="Text size.")
@click.option("--clear", is_flag=True, help="Remove every annotation first.")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def annotate_cmd(
    ctx: Context,
    photo_id: str,
    inspection_id: str | None,
    arrows: tuple[str, ...],
    rects: tuple[str, ...],
    ellipses: tuple[str, ...],
    texts: tuple[str, ...],
    color: str,
    line_width: int | None,
    text_size: int | None,
    clear: bool,
    actor: str | None,
) -> None:
    """Draw arrows, rectangles, ellipses and labels (kept apart from the original)."""
    if not (arrows or rects or ellipses or texts or clear):
        raise click.UsageError("give --arrow, --rect, --ellipse, --text or --clear")
    style: dict[str, Any] = {"color": color}
    if line_width is not None:
        style["width"] = line_width
    new: list[dict[str, Any]] = []
    for a in arrows:
        x1, y1, x2, y2 = _ints("--arrow", a, 4)
        new.append({"kind": "arrow", "x1": x1, "y1": y1, "x2": x2, "y2": y2, **style})
    for kind, values in (("rect", rects), ("ellipse", ellipses)):
        for v in values:
            x, y, w, h = _box(f"--{kind}", v)
            new.append({"kind": kind, "x": x, "y": y, "w": w, "h": h, **style})
    for t in texts:
        parts = t.split(",", 2)
        if len(parts) != 3 or not parts[2].strip():
            raise ValidationError(T.BAD_TEXT_LABEL, option="--text", value=repr(t))
        x, y = _ints("--text", ",".join(parts[:2]), 2)
        label: dict[str, Any] = {"kind": "text", "x": x, "y": y, "text": parts[2], "color": color}
        if text_size is not None:
            label["size"] = text_size
        new.append(label)
    with ctx.db.session() as s:
        p = _writable_photo(s, photo_id, inspection_id)
        layers: dict[str, Any] = dict(p.layers or {})
        annotations = [] if clear else list(layers.get("annotations", []))
        annotations += new
        layers["annotations"] = annotations
        svc.set_layers(s, p, layers, actor=actor or default_actor())
        n, pid = len(annotations), p.id
    click.echo(f"photo {pid}: {n} annotation(s)")


@photo.command("delete")
@_inspection_opt
@click.argument("photo_id", metavar="PHOTO_ID")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def delete_cmd(ctx: Context, photo_id: str, inspection_id: str | None, actor: str | None) -> None:
    """Remove a photo from a draft inspection (recorded in the audit log)."""
    with ctx.db.session() as s:
        p = _writable_photo(s, photo_id, inspection_id)
        pid = p.id
        svc.delete(s, p, actor=actor or default_actor())
    click.echo(f"photo {pid} deleted")


@photo.command("attach")
@_inspection_opt
@click.argument("photo_id", metavar="PHOTO_ID")
@click.argument("item_id", metavar="ITEM")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def attach_cmd(
    ctx: Context, photo_id: str, inspection_id: str | None, item_id: str, actor: str | None
) -> None:
    """Use a photo already taken as evidence of another ITEM too (no second copy).

    The new photo id is printed as the last line. Redactions and annotations stay shared:
    a redacted photo is redacted under every item.
    """
    with ctx.db.session() as s:
        p = _writable_photo(s, photo_id, inspection_id)
        new = svc.attach_to_item(s, p, item_id, actor=actor or default_actor())
        pid, item, new_id = p.id, p.item_id, new.id
    click.echo(f"photo {pid} of item {item} is now also evidence of item {item_id}")
    click.echo(new_id)


@photo.command("print-size")
@_inspection_opt
@click.argument("photo_id", metavar="PHOTO_ID")
@click.argument("size", type=click.Choice(["normal", "large"]), metavar="normal|large")
@click.option("--by", "actor", default=None, metavar="NAME")
@pass_ctx
def print_size_cmd(
    ctx: Context, photo_id: str, inspection_id: str | None, size: str, actor: str | None
) -> None:
    """How the report prints a photo: "large" spans the page (a fee schedule to be read)."""
    with ctx.db.session() as s:
        p = _writable_photo(s, photo_id, inspection_id)
        pid = p.id
        report_svc.set_photo_print_size(s, p, size, actor=actor or default_actor())
    click.echo(f"photo {pid}: printed {size}")


COMMANDS = [photo]
