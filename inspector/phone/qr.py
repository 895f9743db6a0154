"""The phone page's address as a QR code: a PNG for the desktop dialog, text for a terminal."""

from __future__ import annotations

import io
import logging

import segno

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
