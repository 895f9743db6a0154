"""``inspector phone ID``: serve one inspection's phone capture page from the command line."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType
from typing import Any

import click

from inspector.cli import Context, default_actor, pass_ctx
from inspector.phone import interfaces
from inspector.phone import qr as phone_qr
from inspector.phone.server import PhoneServer

log = logging.getLogger(__name__)


@click.command("phone")
@click.argument("inspection_id", metavar="ID")
@click.option(
    "--bind",
    metavar="ADDR",
    default=None,
    help="IPv4 address or interface name to listen on (default: the first LAN address).",
)
@click.option(
    "--port",
    type=int,
    default=0,
    show_default=True,
    help="TCP port; 0 picks a free one.",
)
@click.option(
    "--qr/--no-qr",
    default=None,
    help="Draw the QR code in the terminal (default: when standard output is a terminal).",
)
@click.option("--by", "actor", default=None, metavar="NAME", help="Who adds (for the audit).")
@pass_ctx
def phone_cmd(
    ctx: Context,
    inspection_id: str,
    bind: str | None,
    port: int,
    qr: bool | None,
    actor: str | None,
) -> None:
    """Serve the phone capture page for draft inspection ID until Ctrl+C or SIGTERM.

    Prints the page's URL (the session token is its query parameter t) as the last line
    on standard output before serving; scan it, or POST photos to /api/photos?t=TOKEN
    (multipart fields 'item' and one or more 'photo'). The session also ends after 30
    minutes without a request. A finalized inspection is refused. See docs/phone.md.
    """
    address = interfaces.resolve_bind(bind)
    server = PhoneServer(
        ctx.db, inspection_id, bind=address, port=port, actor=actor or default_actor()
    )
    previous: dict[signal.Signals, Any] = {}

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        # stop() joins the HTTP thread: never from the signal handler's own frame.
        threading.Thread(target=server.stop, args=(f"signal {signum}",), daemon=True).start()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, on_signal)
    try:
        server.start()  # refused while another session runs: nothing printed on stdout
        show_qr = sys.stdout.isatty() if qr is None else qr
        if show_qr:
            click.echo(phone_qr.qr_text(server.url), nl=False)
        click.echo(
            f"phone page for inspection {server.inspection_uuid} on {address}:{server.port}; "
            "Ctrl+C stops it",
            err=True,
        )
        click.echo(server.url)
        sys.stdout.flush()
        server.wait()
        server.join()
    finally:
        server.stop("command ended")
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(f"phone session ended: {server.stop_reason}", err=True)


COMMANDS = [phone_cmd]
