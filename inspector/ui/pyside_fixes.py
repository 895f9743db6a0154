"""Work-arounds for bugs of the Qt binding that would crash the app, applied once at import.

PySide6 6.12 returns a null pointer or an empty QVariant (``focusWidget()`` with nothing
focused, ``parent()`` of a top-level object, ``index.data(role)`` for a role a model does not
set) as ``None`` without taking a reference to it. On Python 3.11, where ``None`` is an
ordinary object, every such call lowers its reference count by one; after some thousands
(an afternoon of Enter presses) the count reaches zero and the interpreter aborts with
"Fatal Python error: none_dealloc". Python 3.12 made ``None`` immortal, which is what this
module does on older interpreters, and only when the bug is present.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject

log = logging.getLogger(__name__)

#: Added to None's reference count: far more than a process can ever take away.
_RESERVE = 1 << 40
_applied = False


def none_loses_references() -> bool:
    """True when this binding returns ``None`` without a reference (measured, not assumed)."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.parent()
    return sys.getrefcount(None) - before <= -64


def protect_none() -> bool:
    """Make ``None`` immortal when the binding leaks its references; True if applied."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # None is immortal there (or not reference-counted at all)
    if not none_loses_references():
        return False
    # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _applied = True
    log.info("PySide returns None without a reference; None made immortal")
    return True


protect_none()
