"""Finalize from the missing list to sign-off with a drawn signature; amend; report; export
and HQ import with the receipt; the mystery-shopper visit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.services import inspections as svc
from inspector.ui.exchange import ImportDialog
from inspector.ui.main_window import MainWindow
from inspector.ui.runner.page import RunnerPage
from inspector.ui.settings import AppSettings

from ..conftest import PHOTOS
from .conftest import answer_pass_by_keyboard, make_inspection


@pytest.fixture(autouse=True)
def _yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(str(a[2])))


def _photo() -> bytes:
    files = sorted(PHOTOS.glob("*.jpg")) if PHOTOS.is_dir() else []
    if files:
        return files[0].read_bytes()
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 100, 50)).save(buf, "JPEG")
    return buf.getvalue()


def _finish_onsite(qtbot: QtBot, db: Database, window: MainWindow) -> str:
    """Answer everything by keyboard and add the required photo; return the uuid."""
    uuid = make_inspection(db)
    window.open_inspection(uuid)
    runner = window.runner
    while runner.tabs.currentIndex() == RunnerPage.TAB_ITEM:
        answer_pass_by_keyboard(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_Return)
    # The evidence rule is the last thing missing; the list leads straight to the item.
    panel = runner.finalize_panel
    assert not panel.finalize_button.isEnabled()
    idx = panel.missing_model.index(0, 0)
    rect = panel.missing_view.visualRect(idx)
    qtbot.mouseClick(panel.missing_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert runner.tabs.currentIndex() == RunnerPage.TAB_ITEM
    assert runner.current_item == "ex.ramp"
    _drop_photo_and_redact(qtbot, db, window, tmp_photo(uuid))
    return uuid


def tmp_photo(uuid: str) -> Path:
    folder = Path(os.environ["INSPECTOR_HOME"]) / uuid[:8]
    folder.mkdir(exist_ok=True)
    path = folder / "ramp.jpg"
    path.write_bytes(_photo())
    return path


def _drop_photo_and_redact(qtbot: QtBot, db: Database, window: MainWindow, path: Path) -> None:
    """Drag a photo file onto the evidence strip, then black out a box in the editor."""
    strip = window.runner.evidence
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with qtbot.waitSignal(strip.photos_changed, timeout=30_000):
        QApplication.sendEvent(
            strip, QDragEnterEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
        )
        drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, mods)
        QApplication.sendEvent(strip, drop)
        assert drop.isAccepted()
    uuid = window.runner.uuid
    assert uuid is not None
    with db.session() as s:
        (photo,) = svc.get(s, uuid).photos
        photo_id = photo.id
    assert window.runner.state is not None and window.runner.state.photos["ex.ramp"] == 1
    editor = strip.open_editor(photo_id)
    qtbot.waitExposed(editor)
    editor.tool_actions["redact_fill"].trigger()
    vp = editor.view.viewport()
    k = editor.scale
    p1 = editor.view.mapFromScene(QPointF(5 * k, 5 * k))
    p2 = editor.view.mapFromScene(QPointF(40 * k, 30 * k))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=p1)
    qtbot.mouseMove(vp, (p1 + p2) / 2)
    qtbot.mouseMove(vp, p2)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p2)
    with qtbot.waitSignal(strip.photos_changed, timeout=10_000):
        editor.save()
    with db.session() as s:
        assert svc.get(s, uuid).photos[0].layers["redactions"]


def test_sign_off_with_a_drawn_signature_then_amend(
    qtbot: QtBot, db: Database, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    uuid = _finish_onsite(qtbot, db, window)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    # On site, the branch manager signs too: the sign-off waits for the name.
    assert not panel.finalize_button.isEnabled()
    panel.manager_edit.setText("Zhao Liu")
    assert panel.finalize_button.isEnabled()
    pad = panel.signature
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 40))
    for x in range(30, 200, 10):
        qtbot.mouseMove(pad, QPoint(x, 40 + (x % 30)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(200, 50))
    assert not pad.is_empty()
    with qtbot.waitSignal(runner.inspection_finalized):
        panel.finalize_button.click()
    with db.session() as s:
        insp = svc.get(s, uuid)
        assert insp.status == svc.FINALIZED
        assert insp.manager_name == "Zhao Liu"
        assert insp.manager_signature is not None
        assert insp.manager_signature.startswith(b"\x89PNG")
    # Read-only now: keys do nothing, the buttons are disabled.
    runner.tabs.setCurrentIndex(RunnerPage.TAB_ITEM)
    assert not runner.item_view.answer_panel.fail_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_2)
    with db.session() as s:
        assert all(a.result == "pass" or a.value is not None for a in svc.get(s, uuid).answers)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("补充照片", True))
    with qtbot.waitSignal(runner.inspection_amended):
        window.amend_action.trigger()
    with db.session() as s:
        revs = svc.revisions(s, uuid)
        assert [(r.revision, r.status, r.is_current) for r in revs] == [
            (1, "finalized", False),
            (2, "draft", True),
        ]
        assert revs[1].amendment_reason == "补充照片"
    assert runner.state is not None and not runner.state.read_only


def test_report_export_and_hq_import(
    qtbot: QtBot, db: Database, window: MainWindow, tmp_path: Path
) -> None:
    uuid = _finish_onsite(qtbot, db, window)
    with db.session() as s:
        svc.finalize(s, svc.get(s, uuid), by="Zhang San", manager_name="Zhao Liu")
    window.runner.refresh()
    window.exporter.open_after_save = False
    pdf = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.exporter.report_saved, timeout=60_000):
        window.exporter.report(uuid, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    package = tmp_path / "out.inspection"
    with qtbot.waitSignal(window.exporter.package_saved, timeout=60_000) as blocker:
        window.exporter.export_package(uuid, package)
    written = Path(str(blocker.args[0]))
    assert written.is_file()

    hq = open_database(str(tmp_path / "hq.sqlite3"))
    try:
        dlg = ImportDialog(hq, AppSettings())
        qtbot.addWidget(dlg)
        dlg.add_paths([written, written])  # the same file twice: one import, one duplicate
        with qtbot.waitSignal(dlg.imported, timeout=60_000) as got:
            dlg.start_import()
        counts = got.args[0]["counts"]
        assert counts["imported"] == 1
        assert counts["imported"] + counts["duplicates"] == 2
        assert dlg.model.rowCount() == 2
        assert "imported" in dlg.summary_label.text()
        with hq.session() as s:
            assert svc.get(s, uuid).status == svc.FINALIZED
    finally:
        hq.dispose()


def test_mystery_visit_hides_scores_and_records_the_visit(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db, mode="mystery")
    window.open_inspection(uuid)
    runner = window.runner
    assert runner.tabs.isTabVisible(RunnerPage.TAB_VISIT)
    assert runner.score_panel.hidden_label.isVisibleTo(runner.score_panel)
    assert not runner.score_panel.total_label.isVisibleTo(runner.score_panel)
    runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
    visit = runner.visit_panel
    visit.arrival_now.click()
    visit.wait_start.click()
    assert visit.wait_called.isEnabled()
    visit.wait_called.click()
    visit.scenario_combo.setCurrentIndex(visit.scenario_combo.findData("cash"))
    visit.scenario_combo.activated.emit(visit.scenario_combo.currentIndex())
    visit.ticket_edit.setText("A023")
    visit.ticket_edit.editingFinished.emit()
    visit.narrative_edit.setPlainText("进门后大堂经理主动问候。" * 3)
    assert "/ 80" in visit.narrative_counter.text()
    visit.flush()
    with db.session() as s:
        insp = svc.get(s, uuid)
        v = insp.visit
        assert {"arrival", "wait_started", "wait_called", "scenario", "ticket"} <= set(v)
        assert v["ticket"] == "A023" and v["scenario"] == "cash"
        assert insp.narrative.startswith("进门后")
        kinds = {m.kind for m in svc.missing_for_finalize(insp)}
    assert "narrative" in kinds  # 36 characters of 80
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    rows = [panel.missing_model.index(r, 0) for r in range(panel.missing_model.rowCount())]
    narrative = next(i for i in rows if "narrative" in str(i.data()))
    panel.missing_view.clicked.emit(narrative)
    assert runner.tabs.currentIndex() == RunnerPage.TAB_VISIT


def test_ctrl_v_pastes_a_clipboard_image_as_evidence(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    from PySide6.QtGui import QGuiApplication, QImage

    uuid = make_inspection(db)
    window.open_inspection(uuid, "ex.counter_height")
    image = QImage(240, 160, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    QGuiApplication.clipboard().setImage(image)
    window.runner.setFocus()
    with qtbot.waitSignal(window.runner.evidence.photos_changed, timeout=30_000):
        qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    with db.session() as s:
        (photo,) = svc.get(s, uuid).photos
        assert (photo.item_id, photo.width, photo.height) == ("ex.counter_height", 240, 160)
    assert window.runner.state is not None
    assert window.runner.state.photos == {"ex.counter_height": 1}


def test_red_line_finding_without_owner_blocks_sign_off(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    uuid = make_inspection(db)
    answers = {
        "ex.ramp": {"result": "na"},
        "ex.counter_height": {"value": 760},
        "ex.manager": {"value": True},
        "ex.cash_kept": {"value": False},  # a red line failed
        "ex.polite": {"value": 4},
        "ex.reading": {"value": 2},
        "ex.answer_quality": {"value": "accurate"},
    }
    with db.session() as s:
        insp = svc.get(s, uuid)
        for item, fields in answers.items():
            svc.set_answer(s, insp, item, actor="t", **fields)
        kinds = [m.kind for m in svc.missing_for_finalize(insp)]
    assert kinds == ["rectification", "manager"], kinds
    window.open_inspection(uuid)
    runner = window.runner
    runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
    panel = runner.finalize_panel
    assert not panel.finalize_button.isEnabled()
    text = str(panel.missing_model.index(0, 0).data())
    assert "整改措施" in text or "action" in text
    # The app names its own tab, never the CLI command the terminal shows (issue 15).
    assert text.endswith("(fill it in on the Findings tab)"), text
    assert "inspector finding" not in text and "--owner" not in text
    rect = panel.missing_view.visualRect(panel.missing_model.index(0, 0))
    qtbot.mouseClick(panel.missing_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert runner.tabs.currentIndex() == RunnerPage.TAB_FINDINGS
