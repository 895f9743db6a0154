"""Writing files the user relies on (reports, packages, keys to hand out): all or nothing."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from inspector.errors import UserError

log = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a reader sees the old file or the whole new one.

    A temporary file in the same folder (same file system, so ``os.replace`` is atomic)
    is written, flushed to disk, then renamed over the target; a half-written PDF or
    package never sits where the user expects one. Returns the resolved path.
    """
    path = path.expanduser()
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"folder {folder} does not exist; create it or choose another path")
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UserError(f"cannot write in {folder} ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"cannot write {path} ({e.strerror or e})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path.resolve()
