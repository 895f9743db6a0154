"""``inspector export|import`` and ``inspector keys show|export|trust|list``."""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path

import click

from inspector.cli import Context, default_actor, echo_json, pass_ctx
from inspector.errors import UserError, ValidationError
from inspector.files import KEY_FILE_MAX_BYTES, FileAccessError, read_bounded
from inspector.services import exchange
from inspector.services import keys as keys_svc
from inspector.services.publish.install import hq_public_file
from inspector.text import cli as T

log = logging.getLogger(__name__)


def _read_key_file(path: Path, option: str) -> bytes:
    try:
        return read_bounded(path, KEY_FILE_MAX_BYTES, "public key")
    except FileAccessError as e:
        raise UserError(T.OPTION_FILE, option=option, cause=e) from None


def _output_path(raw: str, *, folder: bool) -> Path:
    """``-o``: a path ending in a separator (or an existing folder, or --all) is a folder.

    Click would drop the trailing '/', and 'out/' then became a file named 'out'.
    """
    if not raw.strip():
        raise ValidationError(T.OUTPUT_NAME_MISSING, option="-o")
    path = Path(raw).expanduser()
    if folder or raw.endswith(("/", os.sep)):
        try:
            path.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise ValidationError(T.OUTPUT_NOT_FOLDER, option="-o", path=path) from None
        except OSError as e:
            raise ValidationError(
                T.CANNOT_CREATE_FOLDER, option="-o", folder=path, error=str(e.strerror)
            ) from None
    return path


@click.command("export")
@click.argument("inspection_id", required=False, metavar="ID")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(),
    help=(
        "Package file (or folder) for one inspection; the folder for --all. A path ending "
        "in / is a folder, created if it does not exist."
    ),
)
@click.option("--all", "export_all", is_flag=True, help="Every finalized current inspection.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="With --all: only those finalized on or after this day.",
)
@click.option("--with-report", is_flag=True, help="Put the PDF report inside the package.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option(
    "--encrypt-to",
    "encrypt_to",
    type=click.Path(path_type=Path),
    default=None,
    metavar="HQ_PUBLIC_KEY_FILE",
    help="Encrypt for HQ (its 'inspector keys export' file), for packages leaving the bank. "
    "Default: HQ's key from the installed HQ pack (inspector install), if any.",
)
@click.option(
    "--no-encrypt",
    "no_encrypt",
    is_flag=True,
    help="Do not seal for HQ even though an HQ pack is installed.",
)
@pass_ctx
def export_cmd(
    ctx: Context,
    inspection_id: str | None,
    output: str,
    export_all: bool,
    since: datetime | None,
    with_report: bool,
    lang: str,
    encrypt_to: Path | None,
    no_encrypt: bool,
) -> None:
    """Write signed .inspection packages of finalized inspections; prints the path(s).

    Once an HQ pack is installed, packages are sealed for HQ's key unless --no-encrypt.
    """
    out = _output_path(output, folder=export_all)
    if encrypt_to and no_encrypt:
        raise click.UsageError("give either --encrypt-to or --no-encrypt")
    recipient = _read_key_file(encrypt_to, "--encrypt-to") if encrypt_to else None
    if recipient is None and not no_encrypt:
        recipient = hq_public_file(ctx.db)
    if export_all == (inspection_id is not None):
        raise click.UsageError("give either an inspection ID or --all")
    if since is not None and not export_all:
        raise click.UsageError("--since goes with --all")
    if export_all:
        since_day: date | None = since.date() if since else None
        written = exchange.write_all(
            ctx.db,
            out,
            since=since_day,
            include_report=with_report,
            encrypt_to=recipient,
            lang=lang,
        )
        for p in written:
            click.echo(str(p))
        click.echo(f"{len(written)} package(s) written to {out.resolve()}")
        return
    assert inspection_id is not None
    path = exchange.write_package(
        ctx.db,
        inspection_id,
        out,
        include_report=with_report,
        encrypt_to=recipient,
        lang=lang,
    )
    click.echo(str(path))


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the receipt as JSON.")
@click.option(
    "--trusted-only", is_flag=True, help="Refuse packages signed by keys not on the trusted list."
)
@pass_ctx
def import_cmd(ctx: Context, paths: tuple[Path, ...], as_json: bool, trusted_only: bool) -> int:
    """Verify and merge .inspection packages and .response rectification responses (files or
    folders of them) into this database.

    Exit status 0 when nothing was rejected or in conflict, else 1; the receipt is printed
    either way.
    """
    receipt = exchange.import_paths(
        ctx.db, list(paths), trusted_only=trusted_only, actor=default_actor()
    )
    if as_json:
        echo_json(receipt.to_dict())
    else:
        for outcome, rows in receipt.to_dict().items():
            if outcome == "counts":
                continue
            for r in rows:
                flag = " [untrusted]" if r.get("untrusted") else ""
                what = f"{r['id']} r{r['revision']}" if r.get("id") else Path(r["file"]).name
                detail = r.get("reason") or "; ".join(r.get("notes", []))
                click.echo(f"{outcome:<10} {what}{flag}  {detail}".rstrip())
                if r.get("signer"):
                    owner = r.get("owner") or r["signer"]
                    same = " (the owner)" if owner == r["signer"] else f", owner {owner}"
                    click.echo(f"{'':<10} signed by {r['signer']}{same}")
        c = receipt.to_dict()["counts"]
        click.echo(
            f"{c['read']} read: {c['imported']} imported, {c['updated']} updated, "
            f"{c['duplicates']} already imported, {c['conflicts']} in conflict, "
            f"{c['rejected']} rejected"
        )
    return 0 if receipt.ok else 1


@click.group("keys", help="This device's signing key and HQ's list of trusted devices.")
def keys_group() -> None:
    pass


@keys_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def keys_show(as_json: bool) -> None:
    """Print this installation's key fingerprint (the key is created on first use)."""
    k = keys_svc.device_keys()
    if as_json:
        echo_json({"fingerprint": k.fingerprint, "path": str(keys_svc.key_path())})
        return
    click.echo(k.fingerprint)


@keys_group.command("export")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path))
def keys_export(output: Path) -> None:
    """Write this installation's public keys (give it to HQ, or to devices as HQ)."""
    from inspector.files import write_atomic

    path = write_atomic(output, keys_svc.device_keys().public.to_file_bytes())
    click.echo(str(path))


@keys_group.command("trust")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--label", default="", help="Who the device belongs to, e.g. 浦东支行 laptop 3.")
@click.option(
    "--can-amend/--cannot-amend",
    "can_amend",
    default=None,
    help="Allow (or no longer allow) this device to send revisions of inspections another "
    "device owns. Unchanged when not given; a newly trusted key may not.",
)
@click.option(
    "--branch",
    "branch_code",
    default=None,
    metavar="CODE",
    help="Bind the key to this branch: it may sign that branch's rectification responses, "
    "and never another branch's.",
)
@pass_ctx
def keys_trust(
    ctx: Context, file: Path, label: str, can_amend: bool | None, branch_code: str | None
) -> None:
    """Add a device's public key file (or a package's device.pub) to the trusted list."""
    data = _read_key_file(file, "FILE")
    with ctx.db.session() as s:
        row = keys_svc.trust(
            s, data, label=label, source=str(file), can_amend=can_amend, branch=branch_code
        )
        fp = row.fingerprint
    click.echo(fp)


@keys_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def keys_list(ctx: Context, as_json: bool) -> None:
    """List the trusted device keys."""
    with ctx.db.session() as s:
        rows = [keys_svc.trusted_dict(r) for r in keys_svc.list_trusted(s)]
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        amend = "can-amend" if r["can_amend"] else "owner-only"
        branch = f"  branch {r['branch']}" if r.get("branch") else ""
        click.echo(f"{r['fingerprint']}  {r['added_at'][:10]}  {amend:<10}  {r['label']}{branch}")


@click.command("provenance")
@click.argument("inspection_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_ctx
def provenance_cmd(ctx: Context, inspection_id: str, as_json: bool) -> None:
    """Every revision of an inspection: which device signed it, and which owns it."""
    from inspector.services import inspections as insp_svc

    with ctx.db.read_session() as s:
        uuid = insp_svc.get(s, inspection_id).uuid
        rows = exchange.provenance(s, uuid)
    if as_json:
        echo_json({"id": uuid, "owner": rows[0]["owner"] if rows else None, "revisions": rows})
        return
    click.echo(f"Inspection {uuid}: owner {rows[0]['owner'] or 'unknown'}")
    for r in rows:
        mark = "*" if r["current"] else " "
        trust = "" if r["trusted"] in (None, True) else " [untrusted]"
        signer = r["signer"] or "-"
        note = "" if not r["signer"] or r["signer"] == r["owner"] else "  (not the owner)"
        click.echo(
            f"{mark} r{r['revision']:<4} {r['status']:<9} {r['origin']:<8} {r['branch']:<10} "
            f"signed by {signer}{trust}{note}"
        )


COMMANDS = [export_cmd, import_cmd, keys_group, provenance_cmd]
