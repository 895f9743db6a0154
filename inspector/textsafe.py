"""Text from packages and users, made safe for where it goes: spreadsheets and terminals.

Branch names, regions, notes and file names reach HQ inside packages from many devices.
Two places would otherwise execute them instead of showing them:

* a spreadsheet cell starting with ``= + - @`` (or tab / carriage return, which Excel
  strips before looking) is a formula: ``=HYPERLINK("http://...")`` would run on the HQ
  manager's machine. :func:`spreadsheet_text` makes such a string plain text; every
  tabular writer (``hq export`` CSV and XLSX) uses it.
* a terminal obeys escape sequences and bidirectional overrides: a branch name holding
  ``ESC ] 0 ; ...`` can retitle the window, hide lines or fake output.
  :func:`printable` shows such characters as visible ``\\u001b`` / ``\\u202e`` escapes; the
  CLI passes everything it prints through it (see :class:`EscapingStream`).
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any

log = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program would treat ``text`` as a formula (or strip to one)."""
    return text.startswith(FORMULA_START)


def spreadsheet_text(value: Any) -> Any:
    """``value`` for a CSV cell: a formula-like string gets a leading apostrophe.

    The apostrophe is how a user types text that looks like a formula; Excel, LibreOffice
    and Sheets then show the rest as text. Numbers, dates and ordinary strings pass through.
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


# C0 controls except newline and tab, DEL, C1 controls (0x9b is a one-byte CSI on some
# terminals), and the bidirectional overrides/isolates that reorder what is displayed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    # \uXXXX for every character: readable on a terminal, and inside ``--json`` output
    # (where json.dumps has already escaped C0 controls) a valid JSON escape that decodes
    # back to exactly the stored text.
    return f"\\u{ord(m.group()):04x}"


def has_control_chars(text: str) -> bool:
    """True when ``text`` holds a character :func:`printable` would escape (or a newline)."""
    return _UNSAFE.search(text) is not None or "\n" in text


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (newline and tab kept)."""
    return _UNSAFE.sub(_escape, text)


def printable_line(text: str) -> str:
    """:func:`printable` for a one-line field: a newline is escaped too."""
    return printable(text).replace("\n", "\\n")


class EscapingStream(io.TextIOBase):
    """A text stream that passes what is written through :func:`printable`.

    Wraps standard output/error for the CLI so that no command can print a terminal
    escape that came from data, whichever code path prints it. Binary output (``photo
    get -o -``) goes to ``.buffer`` unchanged.
    """

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self._inner = inner

    def write(self, s: str) -> int:
        self._inner.write(printable(s))
        return len(s)

    def flush(self) -> None:
        self._inner.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return bool(self._inner.isatty())

    def fileno(self) -> int:
        return int(self._inner.fileno())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._inner, "encoding", "utf-8"))

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._inner, "errors", None)

    @property
    def buffer(self) -> Any:
        return self._inner.buffer

    @property
    def inner(self) -> Any:
        return self._inner
