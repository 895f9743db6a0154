"""Fixtures for the desktop-app tests: a styled QApplication with fonts, a main window on
the test's own database, and helpers to make inspections through the services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import branches
from inspector.services import inspections as svc
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings


@pytest.fixture(scope="session")
def styled_app(qapp: QApplication) -> QApplication:
    """Fonts, style sheet and English UI, once: restyling re-polishes every live widget."""
    from inspector.ui import theme
    from inspector.ui.translations import install_translations

    theme.install_fonts(qapp)
    theme.apply_style(qapp)
    install_translations(qapp, "en")
    return qapp


@pytest.fixture
def settings(styled_app: QApplication) -> AppSettings:
    s = AppSettings()
    s.set_language("en")
    s.set_inspector_name("Zhang San")
    return s


def make_inspection(
    db: Database, checklist: str = "example", mode: str = "onsite", code: str = "310001"
) -> str:
    with db.session() as s:
        if branches.find_by_code(s, code) is None:
            branches.create(s, code=code, name="Lujiazui Branch", region="Shanghai")
        return svc.create(
            s, branch_code=code, checklist_id=checklist, mode=mode, inspector="Zhang San"
        ).uuid


@pytest.fixture
def window(qtbot: QtBot, db: Database, settings: AppSettings) -> Iterator[MainWindow]:
    w = MainWindow(db, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    w.runner.flush()
