"""Phone capture: a small HTTP server for one inspection's mobile page (no Qt here).

The desktop dialog (``inspector.ui.phone``) and ``inspector phone ID`` both use
:class:`PhoneServer`; ``docs/phone.md`` describes the page, the API and the threat model.
"""

from __future__ import annotations

import io
import logging

import segno

from inspector.services.phone.interfaces import Interface, list_interfaces, resolve_bind
from inspector.services.phone.server import (
    IDLE_SECONDS,
    Limits,
    PhoneEvent,
    PhoneServer,
    active_server,
    clean_file_name,
)

log = logging.getLogger(__name__)


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """The URL as a QR code PNG (error correction M: readable off a laptop screen)."""
    buf = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buf, kind="png", scale=scale, border=4)
    return buf.getvalue()


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with block characters, for a terminal."""
    buf = io.StringIO()
    segno.make(url, error="m", micro=False).terminal(out=buf, compact=True, border=2)
    return buf.getvalue()


__all__ = [
    "IDLE_SECONDS",
    "Interface",
    "Limits",
    "PhoneEvent",
    "PhoneServer",
    "active_server",
    "clean_file_name",
    "list_interfaces",
    "qr_png",
    "qr_text",
    "resolve_bind",
]
