"""The PyInstaller bundle (``bash scripts/bundle``) runs headless on a machine without Python.

Skipped unless ``INSPECTOR_TEST_BUNDLE`` names the bundle folder: ``bash scripts/test
--bundle`` builds it and sets that; the Windows workflow does the same after its build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.install import smoke

BUNDLE_ENV = "INSPECTOR_TEST_BUNDLE"
EXE = ".exe" if os.name == "nt" else ""

pytestmark = pytest.mark.skipif(
    not os.environ.get(BUNDLE_ENV), reason=f"{BUNDLE_ENV} is not set (bash scripts/test --bundle)"
)


@pytest.fixture
def bundle() -> Path:
    path = Path(os.environ[BUNDLE_ENV]).resolve()
    assert (path / f"inspector{EXE}").is_file(), f"no bundle in {path}: run bash scripts/bundle"
    return path


@pytest.fixture
def program(bundle: Path, tmp_path: Path) -> smoke.Program:
    work = tmp_path / "elsewhere"
    work.mkdir()
    cli = [str(bundle / f"inspector{EXE}")]
    # A windowed Windows program has no standard output to report on: there the console
    # program without a command (which opens the same app) is watched instead.
    gui = cli if os.name == "nt" else [str(bundle / f"inspector-gui{EXE}")]
    return smoke.Program(cli=cli, gui=gui, workdir=work)


def test_bundle_carries_data_qt_plugins_and_libraries(bundle: Path) -> None:
    internal = bundle / "_internal"
    data = internal / "inspector" / "_data"
    assert {p.stem for p in (data / "checklists").glob("*.yaml")} >= smoke.SHIPPED
    assert (data / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert {p.name for p in (data / "resources" / "i18n").glob("*.qm")} >= {
        "app_zh_CN.qm",
        "hq_zh_CN.qm",
        "photos_zh_CN.qm",
        "locks_zh_CN.qm",
        "qtfixes_zh_CN.qm",
    }
    # Qt's own Chinese (file dialogs, standard buttons): PySide6/Qt/translations or
    # PySide6/translations.
    assert list((internal / "PySide6").glob("**/translations/qtbase_zh_CN.qm"))
    migrations = internal / "inspector" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and list((migrations / "versions").glob("*.py"))
    # PySide6/Qt/plugins on Linux, PySide6/plugins on Windows.
    platforms = {p.name for p in (internal / "PySide6").glob("**/plugins/platforms/*")}
    if sys.platform.startswith("linux"):
        assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    elif os.name == "nt":
        assert {"qoffscreen.dll", "qwindows.dll"} <= platforms
    assert list((internal / "reportlab" / "fonts").glob("*.ttf"))
    assert (bundle / f"inspector-gui{EXE}").is_file()


def test_bundle_lists_checklists_from_another_folder(program: smoke.Program) -> None:
    assert smoke.checklist_ids(program) >= smoke.SHIPPED


def test_bundle_writes_a_report_with_a_heic_photo(program: smoke.Program) -> None:
    assert smoke.report_of_new_inspection(program).stat().st_size > 10_000


def test_bundle_exports_hq_excel_in_two_processes(program: smoke.Program) -> None:
    smoke.export_in_two_processes(program)


def test_bundle_opens_the_app_headless(program: smoke.Program) -> None:
    smoke.gui_opens(program)
