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
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

from inspector import paths
from inspector.errors import UserError
from inspector.text import reports_errors as T

log = logging.getLogger(__name__)

REGULAR = "WQYMicroHei"
# The same face: a second registration would embed a second subset of the same glyphs.
BOLD = REGULAR

_lock = threading.Lock()
_registered = False


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one font subset: which character each glyph code stands for.

    ReportLab writes each character as ``<%04X>``, so a character beyond U+FFFF (every
    emoji) comes out as five hex digits, which readers take as U+1F60 and the rest: 😀
    was extracted as "ὠ". A CMap's destination is UTF-16BE, so such a character is written
    as its surrogate pair (``<D83DDE00>``), and search, copy and pdftotext get 😀.
    """

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # At most 100 entries per bfchar block (the CMap format's limit).
    for start in range(0, len(subset), 100):
        chunk = subset[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{start + i:02X}> <{utf16(v)}>" for i, v in enumerate(chunk)]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class _TTFont(TTFont):  # type: ignore[misc]
    """ReportLab's TrueType font, with a ToUnicode map right for every character."""

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = list(state.subsets) if state is not None else []
        super().addObjects(doc)  # drops the document's state at its end
        for n, subset in enumerate(subsets):
            base = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode(
                "pdfdoc"
            )
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode_cmap(base, subset)


def register_fonts() -> tuple[str, str]:
    """Register the CJK font (idempotent, thread-safe); returns (regular, bold) names."""
    global _registered
    with _lock:
        if _registered:
            return REGULAR, BOLD
        path = paths.cjk_font_path()
        if not path.is_file():
            raise UserError(T.FONT_MISSING, path=str(path))
        try:
            # subfontIndex 0 is "WenQuanYi Micro Hei" (1 is the monospaced variant).
            pdfmetrics.registerFont(_TTFont(REGULAR, str(path), subfontIndex=0))
        except TTFError as e:
            raise UserError(T.FONT_UNREADABLE, path=str(path), detail=str(e)) from None
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


# ---------------------------------------------------------------- fallback fonts
# Scripts a note can plausibly hold that the CJK font lacks: Arabic, Hebrew, accented
# Latin beyond its range, Cyrillic, Greek, symbols and emoji. Both are free TrueType
# fonts (ReportLab embeds only TrueType outlines) from Debian packages that
# scripts/_common.sh installs; a copy in resources/fonts/ is used first if present.
FALLBACKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "DejaVuSans",
        "DejaVuSans.ttf",
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",),  # fonts-dejavu-core
    ),
    (
        "Symbola",
        "Symbola.ttf",
        ("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",),  # fonts-symbola
    ),
)
REPLACEMENT = "\ufffd"  # drawn where no font has the glyph: visible, never silent

_fallback_lock = threading.Lock()
_fallbacks: list[tuple[str, frozenset[int]]] | None = None
_warned: set[str] = set()


def _fallback_fonts() -> list[tuple[str, frozenset[int]]]:
    """(name, code points) of each fallback font found, registered with ReportLab."""
    global _fallbacks
    with _fallback_lock:
        if _fallbacks is not None:
            return _fallbacks
        found: list[tuple[str, frozenset[int]]] = []
        for name, bundled, system in FALLBACKS:
            for candidate in (str(paths.resource_path("fonts", bundled)), *system):
                try:
                    font = _TTFont(name, candidate)
                except (TTFError, OSError):
                    continue
                pdfmetrics.registerFont(font)
                for bold in (0, 1):
                    for italic in (0, 1):
                        addMapping(name, bold, italic, name)
                found.append((name, frozenset(font.face.charToGlyph)))
                log.debug("report fallback font %s from %s", name, candidate)
                break
            else:
                log.warning(
                    "report fallback font %s not found (install %s); text it would show is "
                    "printed as %s",
                    name,
                    " or ".join(system),
                    REPLACEMENT,
                )
        _fallbacks = found
        return found


def _primary_cmap(font_name: str) -> frozenset[int] | dict[int, int]:
    register_fonts()
    cmap: dict[int, int] = pdfmetrics.getFont(font_name).face.charToGlyph
    return cmap


def fallback_markup(text: str, font_name: str = REGULAR) -> str:
    """``text`` as escaped Paragraph markup that never loses a character.

    Arabic and Hebrew are joined and put in visual order (:mod:`.shaping`); each run of
    characters the main font lacks is wrapped in ``<font face=...>`` of the first
    fallback font that has them; a character no font has becomes a visible U+FFFD and
    is logged, so an inspector's note never vanishes silently from the PDF.
    """
    from xml.sax.saxutils import escape

    from inspector.reports.shaping import shape

    text = shape(text)
    primary = _primary_cmap(font_name)
    if all(ord(ch) in primary or ch in "\n\r\t" for ch in text):
        return escape(text)
    fallbacks = _fallback_fonts()
    parts: list[str] = []
    run_face: str | None = None
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        parts.append(chunk if run_face is None else f'<font face="{run_face}">{chunk}</font>')
        run.clear()

    missing: list[str] = []
    for ch in text:
        code = ord(ch)
        face: str | None = None
        if not (code in primary or ch in "\n\r\t" or 0xFE00 <= code <= 0xFE0F or code == 0x200D):
            face = next((name for name, cmap in fallbacks if code in cmap), None)
            if face is None:
                missing.append(ch)
                replacement_face = next(
                    (name for name, cmap in fallbacks if ord(REPLACEMENT) in cmap), None
                )
                ch, face = (REPLACEMENT, replacement_face) if replacement_face else ("?", None)
        elif 0xFE00 <= code <= 0xFE0F or code == 0x200D:
            continue  # emoji variation selectors and joiners: invisible, no glyph needed
        if face != run_face:
            flush()
            run_face = face
        run.append(ch)
    flush()
    if missing:
        key = "".join(sorted(set(missing)))
        if key not in _warned:
            _warned.add(key)
            log.warning(
                "no report font has %s; printed as %s in: %r",
                ", ".join(f"U+{ord(c):04X}" for c in sorted(set(missing))),
                REPLACEMENT,
                text[:80],
            )
    return "".join(parts)
