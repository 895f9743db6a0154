"""Chinese line breaking for ReportLab Paragraphs: 避头尾 and whole Latin words.

ReportLab's ``wordWrap='CJK'`` breaks between any two characters and knows a short list of
characters that must not start a line, but the list lacks the full-width comma, colon,
semicolon, "！", "？", "》" and closing quotes, and it handles one such character only: a
line could start with "，" or "。" (after "）"). A Chinese reader sees that at once.

:func:`install` replaces ReportLab's CJK splitter with one that, where a line must end,
moves the break back until the next line does not start with closing punctuation and
the line does not end with opening punctuation (推入, no hanging: a cell never
overflows its column), and keeps runs of Latin letters and digits (ids, dates, hashes
shorter than a line) whole as ReportLab does. Installed once per process, idempotent.
"""

from __future__ import annotations

import logging
import threading
from typing import Any
from unicodedata import category

from reportlab.lib.textsplit import getCharWidths
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.rl_config import _FUZZ

log = logging.getLogger(__name__)

# Never at the start of a line: closing punctuation, full-width and ASCII.
CANNOT_START = frozenset(
    "，。、；：！？）》」』】〕〉”’…—·～%‰℃°,.;:!?)]}\"'\u3005\u30fc\u30fb\uff05\uff09\uff3d\uff5d"
)
# Never at the end of a line: opening punctuation.
CANNOT_END = frozenset("（《「『【〔〈“‘([{\uff08\uff3b\uff5b#$￥")

_lock = threading.Lock()
_installed = False


def _is_wordlike(ch: str) -> bool:
    """Part of a Latin word or number that should not be split (a-z, digits, -, _, .)."""
    return ord(ch) < 0x3000 and not category(ch).startswith("Z") and ch not in "/"


def _break_at(u: list[Any], start: int, end: int) -> int:
    """Where to start the next line when ``u[end]`` no longer fits on the line ``start``.

    Returns an index in ``(start, end]``; ``end`` when no better break exists.
    """
    b = end
    # A Latin word or number: go back to its start, but never more than half the line
    # (a very long token still breaks, as it must).
    if _is_wordlike(u[b]):
        j = b
        limit = (start + b) // 2
        while j > limit and _is_wordlike(u[j - 1]):
            j -= 1
        if j > start and not _is_wordlike(u[j - 1]):
            b = j
    # 避头尾: the next line must not start with closing punctuation, this one must not end
    # with opening punctuation. Pull characters down until both hold (at most 3).
    for _ in range(3):
        if b - 1 <= start:
            break
        if u[b] in CANNOT_START or u[b - 1] in CANNOT_END:
            b -= 1
            continue
        break
    return b if b > start else end


def cjk_frag_split(
    frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8"
) -> Any:
    """Drop-in for ``reportlab.platypus.paragraph.cjkFragSplit`` with the rules above."""
    cjk_u = _rl_paragraph.cjkU
    make_line = _rl_paragraph.makeCJKParaLine
    u: list[Any] = []
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            u.extend(cjk_u(t, f, encoding) for t in text)
        else:
            u.append(cjk_u(text, f, encoding))
    lines: list[Any] = []
    i = width_used = line_start = 0
    max_width = max_widths[0]
    n = len(u)
    while i < n:
        ch = u[i]
        i += 1
        w = ch.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        width_used += w
        line_break = hasattr(ch.frag, "lineBreak")
        overflow = width_used > max_width + _FUZZ and width_used > 0
        if not (overflow or line_break):
            continue
        if line_break:
            end = i
        else:
            # ch does not fit: the next line starts at ch, or earlier.
            end = i - 1 if i - 1 > line_start else i
            if end < n and end > line_start:
                end = _break_at(u, line_start, end)
        used = sum(_width(x, max_width) for x in u[line_start:end])
        lines.append(
            make_line(u[line_start:end], max_width, used, max_width - used, line_break, calc_bounds)
        )
        try:
            max_width = max_widths[len(lines)]
        except IndexError:
            max_width = max_widths[-1]
        i = line_start = end
        width_used = 0
    if line_start < n:
        used = sum(_width(x, max_width) for x in u[line_start:])
        lines.append(
            make_line(u[line_start:], max_width, used, max_width - used, False, calc_bounds)
        )
    return _rl_paragraph.ParaLines(kind=1, lines=lines)


def word_split(
    word: str | bytes,
    max_widths: float | list[float],
    font_name: str,
    font_size: float,
    encoding: str = "utf8",
) -> list[list[Any]]:
    """Drop-in for ``reportlab.lib.textsplit.wordSplit`` (one-style paragraphs)."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = getCharWidths(text, font_name, font_size)
    mw = list(max_widths) if isinstance(max_widths, list | tuple) else [max_widths]
    lines: list[list[Any]] = []
    i = width_used = start = 0
    max_width = mw[0]
    n = len(text)
    chars = list(text)
    while i < n:
        width_used += widths[i]
        i += 1
        if not (width_used > max_width + _FUZZ and width_used > 0):
            continue
        end = i - 1 if i - 1 > start else i
        if end > start and end < n:
            end = _break_at(chars, start, end)
        lines.append([max_width - sum(widths[start:end]), text[start:end].strip()])
        try:
            max_width = mw[len(lines)]
        except IndexError:
            max_width = mw[-1]
        i = start = end
        width_used = 0
    if start < n:
        lines.append([max_width - sum(widths[start:]), text[start:]])
    return lines


def _width(ch: Any, max_width: float) -> float:
    w = ch.width
    if hasattr(w, "normalizedValue"):
        w._normalizer = max_width
        return float(w.normalizedValue(max_width))
    return float(w)


def install() -> None:
    """Use :func:`cjk_frag_split` for every ``wordWrap='CJK'`` Paragraph (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        _rl_paragraph.cjkFragSplit = cjk_frag_split
        _rl_paragraph.wordSplit = word_split
        _installed = True
        log.debug("installed the CJK line breaker (避头尾)")
