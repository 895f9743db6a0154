"""The one place that knows where resources, checklists and per-user data live.

The program's data (checklists, the CJK font, ``.qm`` translations, Alembic migrations) is
read through ``importlib.resources`` from the ``inspector`` package, so the same code works
in every way the program is run:

* an installed wheel, and the PyInstaller bundle: the build copies the top-level
  ``checklists/`` and ``resources/`` folders into ``inspector/_data/`` (see setup.py and
  scripts/bundle.spec);
* an editable install or a source checkout (``pip install -e .``, ``python main.py``): the
  package has no ``_data/``, and the top-level folders beside it are read directly, so an
  edited checklist or a freshly built ``.qm`` takes effect without reinstalling.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "BranchInspector"
APP_AUTHOR = "BranchInspector"

PACKAGED_DATA = "_data"
"""Folder inside the package that holds the copies made by the build."""


def package_dir() -> Path:
    """The installed ``inspector`` package folder (files on disk, never a zip)."""
    root = resources.files("inspector")
    if not isinstance(root, Path):
        raise RuntimeError(
            f"Branch Inspector must be installed as plain files, not zipped ({root}); "
            "reinstall it with pip"
        )
    return root


def data_dir(name: str) -> Path:
    """A shipped data folder, ``checklists`` or ``resources`` (see the module docstring)."""
    packaged = package_dir() / PACKAGED_DATA / name
    if packaged.is_dir():
        return packaged
    source = package_dir().parent / name
    if not source.is_dir():
        log.error("no %s folder in %s nor in %s", name, packaged, source)
    return source


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (fonts, translations)."""
    return data_dir("resources").joinpath(*parts)


def checklists_dir() -> Path:
    """The folder of shipped checklist files (``INSPECTOR_CHECKLISTS`` overrides it)."""
    override = os.environ.get("INSPECTOR_CHECKLISTS")
    if override:
        return Path(override)
    return data_dir("checklists")


def migrations_dir() -> Path:
    """The Alembic script folder (``env.py`` and ``versions/``), shipped as package data."""
    return package_dir() / "db" / "migrations"


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
