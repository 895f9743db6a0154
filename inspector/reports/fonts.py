"""The bundled CJK font, registered with ReportLab once per process.

ReportLab's built-in CID font ``STSong-Light`` is not embedded (the reader must own a
Chinese font) and TTFont rejects CFF-outline fonts such as Noto CJK, so we ship WenQuanYi
Micro Hei (TrueType outlines, Apache-2.0) and embed a subset of it in every PDF.

The font has no bold face; "bold" maps to the same face so that ``<b>`` in markup never
falls back to a non-embedded standard font. Headings get weight from size and colour.
"""

from __future__ import annotations

import logging
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from inspector import paths
from inspector.errors import UserError

log = logging.getLogger(__name__)

REGULAR = "WQYMicroHei"
# The same face: a second registration would embed a second subset of the same glyphs.
BOLD = REGULAR

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the CJK font (idempotent, thread-safe); returns (regular, bold) names."""
    global _registered
    with _lock:
        if _registered:
            return REGULAR, BOLD
        path = paths.cjk_font_path()
        if not path.is_file():
            raise UserError(
                f"the report font {path} is missing; reinstall Branch Inspector "
                "(resources/fonts/ must hold wqy-microhei.ttc)"
            )
        try:
            # subfontIndex 0 is "WenQuanYi Micro Hei" (1 is the monospaced variant).
            pdfmetrics.registerFont(TTFont(REGULAR, str(path), subfontIndex=0))
        except TTFError as e:
            raise UserError(f"the report font {path} cannot be read ({e}); reinstall") from None
        # Map every style of the family onto embedded faces (<b>/<i> in Paragraph markup).
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(REGULAR, bold, italic, REGULAR)
        _registered = True
        log.debug("registered report font %s from %s", REGULAR, path)
        return REGULAR, BOLD


def has_glyph(text: str, font_name: str = REGULAR) -> bool:
    """Whether every character of ``text`` has a glyph in the registered font.

    ReportLab draws a missing glyph as an empty box without a warning; the report
    uses this to notice such text (logged) rather than print boxes silently.
    """
    register_fonts()
    font = pdfmetrics.getFont(font_name)
    cmap = font.face.charToGlyph
    return all(ord(ch) in cmap or ch in "\n\r\t" for ch in text)
