"""Issue 15: in the Chinese app, the finalize refusal says in Chinese which red-line findings
lack their rectification and that 整改措施/责任人 are filled in the 问题与整改 tab; it never tells
the user to run ``inspector finding … --action …``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.states import InspectionStatus
from inspector.services.inspections import answering, lookup
from inspector.ui.main_window import MainWindow
from inspector.ui.runner.page import RunnerPage
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations

from .conftest import make_inspection

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def zh_app(styled_app: QApplication, settings: AppSettings) -> Iterator[None]:
    settings.set_language("zh")
    install_translations(styled_app, "zh")
    try:
        yield
    finally:
        install_translations(styled_app, "en")
        settings.set_language("en")


def test_finalize_refusal_box_is_chinese_and_names_the_findings_tab(
    qtbot: QtBot,
    db: Database,
    settings: AppSettings,
    zh_app: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uuid = make_inspection(db)
    answers: dict[str, dict[str, object]] = {
        "ex.ramp": {"result": "na"},
        "ex.counter_height": {"value": 760},
        "ex.manager": {"value": True},
        "ex.cash_kept": {"value": False},  # a red line failed, no action or owner yet
        "ex.polite": {"value": 4},
        "ex.reading": {"value": 2},
        "ex.answer_quality": {"value": "accurate"},
    }
    with db.session() as s:
        insp = lookup.get(s, uuid)
        for item, fields in answers.items():
            answering.set_answer(s, insp, item, actor="t", **fields)  # type: ignore[arg-type]
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *a, **k: boxes.append((title, text))
    )
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    # The sign-off arrives as the Finalize button sends it (e.g. when the list of what is
    # missing is stale): the service refuses and the page shows the refusal.
    runner.finalize_panel.finalize_requested.emit("张三", "", None)

    assert len(boxes) == 1, boxes
    title, text = boxes[0]
    assert CJK.search(title) and CJK.search(text), boxes
    assert "inspector" not in text and "--" not in text, text
    # The app names the item as its runner lists it, by its title, not by its id.
    assert "无法定稿" in text and "“保留现金和人工柜面服务”" in text and "ex.cash_kept" not in text
    assert "问题与整改" in text and "整改措施" in text and "责任人" in text
    with db.session() as s:
        assert lookup.get(s, uuid).status == InspectionStatus.DRAFT
    window.runner.flush()
