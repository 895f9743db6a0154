"""Logging to a rotating file in the per-user log folder (CLI and GUI alike)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from inspector import paths

log = logging.getLogger(__name__)

LOG_FILE_NAME = "inspector.log"
_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path:
    """Send log records to ``<log dir>/inspector.log`` (1 MB x 5 files); return its path."""
    global _configured
    if _configured is not None:
        return _configured
    path = paths.user_log_dir() / LOG_FILE_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = path
    return path


def log_file() -> Path:
    return _configured or (paths.user_log_dir() / LOG_FILE_NAME)
