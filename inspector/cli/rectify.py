"""``inspector rectify open|respond|redact|remove-photo|export|list|pdf`` (the branch) and
``inspector hq notice|review`` (HQ): the rectification loop (整改闭环).

HQ issues a signed notice of a branch's open findings (``hq notice``); the branch opens
it (``rectify open``), answers each finding (``rectify respond``) and sends a signed
response (``rectify export``); HQ imports it with ``inspector import`` and accepts or
returns each answer (``hq review``). See docs/rectification.md.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.cli.exchange import _output_path as output_folder
from inspector.files import write_atomic
from inspector.services.rectification import listing, notice, response, review
from inspector.services.rectification.common import parse_day
from inspector.services.rectification.hqkey import PinSource

log = logging.getLogger(__name__)


def _day(value: str | None) -> date | None:
    return parse_day(value) if value else None


def _box(text: str) -> tuple[int, int, int, int]:
    try:
        x, y, w, h = (int(v) for v in text.split(","))
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not X,Y,W,H (whole pixels)", param_hint="--box"
        ) from None
    return x, y, w, h


# ---------------------------------------------------------------- HQ
@click.command("notice")
@click.option("--branch", "branch_code", required=True, metavar="CODE", help="The branch.")
@click.option("--from", "date_from", metavar="DATE", help="Inspections on or after DATE.")
@click.option("--to", "date_to", metavar="DATE", help="Inspections on or before DATE.")
@click.option(
    "--deadline",
    metavar="DATE",
    help="When the response is due (default: the latest finding deadline, else in 30 days).",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    help="Folder for the .notice file and its PDF (created if it does not exist).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def notice_cmd(
    ctx: Context,
    branch_code: str,
    date_from: str | None,
    date_to: str | None,
    deadline: str | None,
    out_dir: str,
    lang: str,
    as_json: bool,
) -> None:
    """Issue a signed rectification notice (整改通知书) of a branch's open findings.

    Writes FOLDER/notice_CODE_ID_rN.notice (for the branch's app) and the PDF to print.
    While the branch has a notice with findings still to close, the new notice is its
    next revision and supersedes it for the findings it carries.
    """
    issued = notice.issue(
        ctx.db,
        branch_code,
        output_folder(out_dir, folder=True),
        start=_day(date_from),
        end=_day(date_to),
        deadline=_day(deadline),
        actor=default_actor(),
        lang=lang,
    )
    if as_json:
        echo_json(issued.as_dict())
        return
    click.echo(
        f"notice {issued.number} revision {issued.revision} for {issued.branch_code} "
        f"{issued.branch_name}: {issued.findings} finding(s), due {issued.deadline}"
    )
    if issued.superseded:
        click.echo(f"supersedes the earlier revision for {issued.superseded} finding(s)")
    click.echo(f"signed by {issued.fingerprint}")
    click.echo(str(issued.pdf_path))
    click.echo(str(issued.notice_path))


@click.command("review")
@click.argument("notice_ref", metavar="NOTICE", required=False)
@click.argument("item_ref", metavar="ITEM", required=False)
@click.option("--accept", is_flag=True, help="Accept the branch's answer: closes the finding.")
@click.option("--return", "return_", is_flag=True, help="Send the answer back (needs --note).")
@click.option("--note", default="", metavar="TEXT", help="HQ's note (the reason to return).")
@click.option("--list", "list_", is_flag=True, help="List the answers waiting for review.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def review_cmd(
    ctx: Context,
    notice_ref: str | None,
    item_ref: str | None,
    accept: bool,
    return_: bool,
    note: str,
    list_: bool,
    as_json: bool,
) -> None:
    """Accept or return the branch's answer to finding ITEM of NOTICE (整改验收).

    NOTICE is the notice id (or a prefix, or its 文号); ITEM an item id, or
    INSPECTION:ITEM when the notice carries the item for several inspections.
    """
    if list_:
        rows = review.queue(ctx.db)
        if as_json:
            echo_json([r.as_dict() for r in rows])
            return
        for r in rows:
            flags = "".join(
                f" [{w}]" for w, on in (("late", r.late), ("untrusted", not r.trusted)) if on
            )
            click.echo(
                f"{r.number}  {r.branch_code}  {r.item}  response r{r.response_revision}"
                f"{flags}  {r.note}"
            )
        click.echo(f"{len(rows)} answer(s) to review")
        return
    if not notice_ref or not item_ref:
        raise click.UsageError("give NOTICE and ITEM (or --list)")
    if accept == return_:
        raise click.UsageError("give --accept or --return")
    out = review.review(
        ctx.db, notice_ref, item_ref, accept=accept, note=note, actor=default_actor()
    )
    if as_json:
        echo_json(out)
        return
    click.echo(f"{out['decision']} {out['item']} of {out['inspection']} ({out['number']})")


# ---------------------------------------------------------------- branch
@click.group("rectify", help="Answer HQ's rectification notices (整改通知书) at the branch.")
def rectify() -> None:
    pass


@rectify.command("open")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--expect-fingerprint",
    "expect",
    metavar="FP",
    help="HQ's key fingerprint, as HQ gave it (pins it; refuses a notice signed by another).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def open_cmd(ctx: Context, file: Path, expect: str | None, as_json: bool) -> None:
    """Verify HQ's signature on FILE.notice, store it and list its findings.

    The first notice opened pins HQ's key (unless an HQ pack or --expect-fingerprint
    pinned it): compare the fingerprint shown with HQ's.
    """
    opened = notice.open_file(ctx.db, file, expect_fingerprint=expect, actor=default_actor())
    if as_json:
        echo_json(opened.as_dict())
        return
    if opened.newly_pinned and opened.pin_source == PinSource.TOFU:
        click.echo(
            f"HQ key {opened.fingerprint} trusted on first use: check this fingerprint with HQ",
            err=True,
        )
    again = " (opened before)" if opened.already_opened else ""
    click.echo(
        f"notice {opened.number} revision {opened.revision} for {opened.branch_code} "
        f"{opened.branch_name}, due {opened.deadline}{again}"
    )
    click.echo(f"signed by HQ key {opened.fingerprint} ({opened.pin_source})")
    for f in opened.findings:
        mark = " [屡查屡犯]" if f["repeat"] else ""
        click.echo(
            f"  {f['item']:<24} {f['status']:<9} due {f['deadline']}  {f['title']['zh']}{mark}"
        )
    click.echo(opened.uuid)


@rectify.command("respond")
@click.argument("notice_ref", metavar="NOTICE")
@click.argument("item_ref", metavar="ITEM")
@click.option("--note", default="", metavar="TEXT", help="What was done (整改措施).")
@click.option("--cause", default="", metavar="TEXT", help="Why it happened (原因分析).")
@click.option(
    "--prevention", default="", metavar="TEXT", help="What stops it recurring (长效机制)."
)
@click.option("--done-on", "done_on", metavar="DATE", help="When it was done (YYYY-MM-DD).")
@click.option("--by", "by", default="", metavar="NAME", help="Who did it (责任人).")
@click.option("--not-yet", "not_yet", default="", metavar="REASON", help="Not done yet, and why.")
@click.option(
    "--photo",
    "photo_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A photo of the rectified state (repeat); JPEG, PNG, WebP or HEIC.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def respond_cmd(
    ctx: Context,
    notice_ref: str,
    item_ref: str,
    note: str,
    cause: str,
    prevention: str,
    done_on: str | None,
    by: str,
    not_yet: str,
    photo_files: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Record the branch's answer to finding ITEM of NOTICE (replaces an earlier draft;
    photos are added). Hide faces or card numbers with 'rectify redact' before export."""
    out = response.respond(
        ctx.db,
        notice_ref,
        item_ref,
        response.Answer(
            note=note,
            cause=cause,
            prevention=prevention,
            done_on=_day(done_on),
            by=by,
            not_yet=not_yet,
        ),
        photo_files=list(photo_files),
        actor=default_actor(),
    )
    if as_json:
        echo_json(out)
        return
    kind = "answered" if out["answered"] else "not yet"
    click.echo(f"{out['item']}: {kind}, {len(out['photos'])} photo(s)")
    for pid in out["added_photos"]:
        click.echo(pid)


@rectify.command("redact")
@click.argument("photo_ref", metavar="PHOTO")
@click.option("--box", "boxes", multiple=True, metavar="X,Y,W,H", help="Area to hide (repeat).")
@click.option("--style", type=click.Choice(["fill", "blur"]), default="fill", show_default=True)
@click.option("--clear", is_flag=True, help="Remove every redaction first.")
@pass_ctx
def redact_cmd(
    ctx: Context, photo_ref: str, boxes: tuple[str, ...], style: str, clear: bool
) -> None:
    """Hide areas of a rectification photo; only the redacted rendering is sent to HQ."""
    if not boxes and not clear:
        raise click.UsageError("give --box X,Y,W,H (one or more) or --clear")
    pid, layers, _w, _h = response.photo_layers(ctx.db, photo_ref)
    redactions = [] if clear else list(layers.get("redactions", []))
    redactions += [
        {"x": x, "y": y, "w": w, "h": h, "style": style} for x, y, w, h in map(_box, boxes)
    ]
    layers["redactions"] = redactions
    response.set_photo_layers(ctx.db, pid, layers, actor=default_actor())
    click.echo(f"photo {pid}: {len(redactions)} redaction(s)")


@rectify.command("remove-photo")
@click.argument("photo_ref", metavar="PHOTO")
@pass_ctx
def remove_photo_cmd(ctx: Context, photo_ref: str) -> None:
    """Remove a photo from an answer not yet sent."""
    response.remove_photo(ctx.db, photo_ref, actor=default_actor())
    click.echo(f"removed {photo_ref}")


@rectify.command("export")
@click.argument("notice_ref", metavar="NOTICE")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    metavar="DIR",
    help="Folder for the .response file (created if it does not exist).",
)
@click.option(
    "--no-encrypt",
    is_flag=True,
    help="Do not seal the response for HQ's key (it is sealed by default when HQ's key "
    "can receive encrypted files).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def export_cmd(
    ctx: Context, notice_ref: str, out_dir: str, no_encrypt: bool, as_json: bool
) -> None:
    """Write the signed response (整改报告) to NOTICE: every finding answered, or not yet
    with the reason. Each export is the next revision of the response."""
    folder = output_folder(out_dir, folder=True)
    out = response.export(ctx.db, notice_ref, folder, actor=default_actor(), encrypt=not no_encrypt)
    if as_json:
        echo_json(out.as_dict())
        return
    sealed = ", sealed for HQ" if out.encrypted else ""
    click.echo(
        f"response revision {out.revision}: {out.answered} answered, {out.not_yet} not yet{sealed}"
    )
    click.echo(str(out.path))


@rectify.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def list_cmd(ctx: Context, as_json: bool) -> None:
    """The notices here, each with its deadline and where each finding stands."""
    rows = listing.notices(ctx.db)
    if as_json:
        echo_json([n.as_dict() for n in rows])
        return
    for n in rows:
        sent = f", response r{n.sent_revision}" if n.sent_revision else ""
        click.echo(
            f"{n.number}  r{n.revision}  {n.branch} {n.branch_name}  due {n.deadline}{sent}  {n.id}"
        )
        for f in n.findings:
            answer = f" ({f.answer})" if f.answer else ""
            click.echo(f"  {f.item:<24} {f.status:<9}{answer}  {f.title('zh')}")
    if not rows:
        click.echo("no notices")


@rectify.command("pdf")
@click.argument("notice_ref", metavar="NOTICE")
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@pass_ctx
def pdf_cmd(ctx: Context, notice_ref: str, out: Path, lang: str) -> None:
    """Write the notice's PDF (整改通知书) again, to OUT (a file or a folder)."""
    stem, data = notice.notice_pdf(ctx.db, notice_ref, lang=lang)
    target = out / f"{stem}.pdf" if out.is_dir() else out
    click.echo(str(write_atomic(target, data)))


COMMANDS = [rectify]
