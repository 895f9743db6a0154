"""Fixtures for the desktop-app tests: a styled QApplication with fonts, a main window on
the test's own database, and helpers to make inspections through the services."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.services import branches
from inspector.services.inspections import lifecycle
from inspector.ui.main_window import MainWindow
from inspector.ui.settings import AppSettings


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (ui/gc_guard.py): no cycle is collected in a worker thread while a
    test's widgets and workers live; what they left is collected here, on the GUI thread."""
    from inspector.ui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector()
    yield
    collector.stop()
    collector.deleteLater()


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
        return lifecycle.create(
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


# Values that pass the example checklist's measured and counted items.
PASSING_VALUES = {"ex.ramp_slope": "12", "ex.counter_height": "780", "ex.reading": "3"}


def answer_pass_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    """Answer the current item as a passing one, by keyboard: key 1; on a scale item the
    digit of the top of the scale; on a measured or counted item the value typed into its
    field (which has the focus; a digit there is input)."""
    runner = window.runner
    field = runner.item_view.answer_panel.value_field()
    item = runner.state.checklist.item(runner.current_item or "") if runner.state else None
    if item is not None and item.scale is not None:
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + item.scale.max))
    elif field is not None:
        assert QApplication.focusWidget() is field
        qtbot.keyClicks(field, PASSING_VALUES[runner.current_item or ""])
    else:
        qtbot.keyClick(window, Qt.Key.Key_1)
