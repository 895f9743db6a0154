"""The one place that knows where resources, checklists and per-user data live.

Works from the source tree (``pip install -e``) and from a frozen bundle
(PyInstaller sets ``sys._MEIPASS``).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "BranchInspector"
APP_AUTHOR = "BranchInspector"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``checklists/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (fonts, icons, translations)."""
    return project_root().joinpath("resources", *parts)


def checklists_dir() -> Path:
    """The folder of shipped checklist files (``INSPECTOR_CHECKLISTS`` overrides it)."""
    override = os.environ.get("INSPECTOR_CHECKLISTS")
    if override:
        return Path(override)
    return project_root() / "checklists"


def user_data_dir() -> Path:
    """Per-user data folder (database, device key); ``INSPECTOR_HOME`` overrides it."""
    override = os.environ.get("INSPECTOR_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    """Per-user log folder."""
    override = os.environ.get("INSPECTOR_HOME")
    base = (
        Path(override) / "logs"
        if override
        else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    )
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_database_path() -> Path:
    """The embedded SQLite database used when no ``--db`` / ``INSPECTOR_DB`` is given."""
    return user_data_dir() / "inspector.sqlite3"


def cjk_font_path() -> Path:
    """The bundled TrueType CJK font (WenQuanYi Micro Hei, Apache-2.0)."""
    return resource_path("fonts", "wqy-microhei.ttc")
