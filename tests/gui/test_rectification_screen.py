"""The Rectification screen: open HQ's notice, answer a finding with a redacted photo,
write the response; the same services as ``inspector rectify``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inspector.db import Database, open_database
from inspector.services.rectification import listing, notice
from inspector.services.rectification.formats import read_response
from inspector.ui.rectification import RectificationPage
from inspector.ui.settings import AppSettings
from tests.integration.conftest import make_finalized, photo_bytes

ITEM = "ex.polite"

# The photo editor dialog's minimum size changes as it opens: the offscreen platform only
# says it cannot pass the hint on to a window manager.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def branch_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A branch database that opened a notice issued by another installation (HQ)."""
    home = os.environ["INSPECTOR_HOME"]
    monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / "hq-home"))
    (tmp_path / "hq-home").mkdir()
    hq = open_database(str(tmp_path / "hq.sqlite3"))
    make_finalized(hq, fail=(ITEM,), n_photos=1, redact=True)
    out = tmp_path / "out"
    out.mkdir()
    issued = notice.issue(hq, "SH001", out, actor="HQ")
    hq.dispose()
    monkeypatch.setenv("INSPECTOR_HOME", home)
    db = open_database(str(tmp_path / "branch.sqlite3"))
    notice.open_file(db, issued.notice_path, actor="branch")
    yield db
    db.dispose()


@pytest.fixture
def page(
    qtbot: QtBot, branch_db: Database, settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> RectificationPage:
    shown: list[str] = []

    def note(_parent: Any, _title: str, text: str, *a: Any, **k: Any) -> int:
        shown.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", note)
    monkeypatch.setattr(QMessageBox, "information", note)
    p = RectificationPage(branch_db, settings, actor="赵行长")
    p.shown = shown  # type: ignore[attr-defined]
    qtbot.addWidget(p)
    p.resize(1366, 728)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_answer_with_a_redacted_photo_and_write_the_response(
    page: RectificationPage, branch_db: Database, tmp_path: Path
) -> None:
    assert page.notice_list.count() == 1 and page.findings.rowCount() == 1
    assert page.findings.item(0, 3).text() == "—"  # not answered yet
    # Writing the response before answering is refused in the app's words.
    assert page.export_to(tmp_path) is None
    assert "answer each finding" in page.shown[-1]  # type: ignore[attr-defined]
    assert "inspector" not in page.shown[-1]  # type: ignore[attr-defined]

    photo = tmp_path / "after.jpg"
    photo.write_bytes(photo_bytes("after", (400, 300)))
    ids = page.add_photos([photo])
    assert len(ids) == 1 and page.photos.count() == 1

    # Redact in the photo editor: the same dialog as for an inspection's photos.
    page.photos.setCurrentRow(0)
    dlg = page.editor(ids[0])
    dlg._layers["redactions"].append({"x": 10, "y": 10, "w": 80, "h": 60, "style": "fill"})
    dlg.save()

    page.note.setPlainText("已对柜员重新培训服务礼仪")
    page.cause.setPlainText("新员工岗前培训不足")
    page.prevention.setPlainText("每月抽查服务录像")
    page.done.setChecked(True)
    page.by.setText("赵行长")
    assert page.save_answer(), page.shown  # type: ignore[attr-defined]
    assert page.findings.item(0, 3).text() == "Answered"

    path = page.export_to(tmp_path)
    assert path is not None and path.suffix == ".response"
    assert page.findings.item(0, 2).text() == "Sent to HQ"
    n = listing.notices(branch_db)[0]
    assert n.sent_revision == 1 and n.findings[0].status == "submitted"
    if not path.read_bytes().startswith(b"BIPKG-ENC"):
        m, _ = read_response(path.read_bytes())
        assert m.answers[0].photos[0].withheld


def test_screenshot_fits_a_laptop_screen(page: RectificationPage, styled_app: QApplication) -> None:
    page.findings.setCurrentCell(0, 0)
    out = Path(os.environ.get("INSPECTOR_SCREENSHOTS", "/tmp")) / "rectification_screen.png"
    assert page.grab().save(str(out))
    # Nothing cut off: the answer panel's buttons are inside the window.
    bottom = page.save_button.mapTo(page, page.save_button.rect().bottomLeft()).y()
    assert bottom <= page.height()


@pytest.fixture
def hq_with_response(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Database, str]]:
    """HQ's database holding a branch response waiting for review."""
    from inspector.services.exchange.importer import import_file
    from inspector.services.rectification import response

    hq_home, branch_home = tmp_path / "hq-home", tmp_path / "branch-home"
    hq_home.mkdir()
    branch_home.mkdir()
    monkeypatch.setenv("INSPECTOR_HOME", str(hq_home))
    hq = open_database(str(tmp_path / "hq.sqlite3"))
    make_finalized(hq, fail=(ITEM,), n_photos=1)
    out = tmp_path / "out"
    out.mkdir()
    issued = notice.issue(hq, "SH001", out, actor="HQ")
    monkeypatch.setenv("INSPECTOR_HOME", str(branch_home))
    branch = open_database(str(tmp_path / "branch.sqlite3"))
    notice.open_file(branch, issued.notice_path)
    photo = tmp_path / "after.jpg"
    photo.write_bytes(photo_bytes("after", (400, 300)))
    response.respond(
        branch,
        issued.uuid,
        ITEM,
        response.Answer(note="已整改", cause="培训不足", by="赵行长"),
        photo_files=[photo],
        actor="赵行长",
    )
    exported = response.export(branch, issued.uuid, out, actor="赵行长")
    branch.dispose()
    monkeypatch.setenv("INSPECTOR_HOME", str(hq_home))
    outcome, entry = import_file(hq, exported.path)
    assert outcome == "imported", entry
    yield hq, issued.uuid
    hq.dispose()


def test_review_queue_shows_both_photos_and_accepts(
    qtbot: QtBot,
    hq_with_response: tuple[Database, str],
    settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from inspector.services.hq.rectification import findings
    from inspector.services.hq.rows import HqFilter
    from inspector.ui.review_queue import ReviewQueue

    db, _ = hq_with_response
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    q = ReviewQueue(db, actor="HQ")
    qtbot.addWidget(q)
    q.resize(1200, 600)
    q.show()
    q.refresh()
    assert q.list.count() == 1
    assert q.after.count() == 1  # the branch's photo beside the finding's
    assert "untrusted" in q.list.item(0).text()
    assert "培训不足" in q.answer.text() and "赵行长" in q.answer.text()
    QApplication.processEvents()  # lay out the texts just set before the screenshot
    q.grab().save(str(Path(os.environ.get("INSPECTOR_SCREENSHOTS", "/tmp")) / "review_queue.png"))
    assert not q.decide(False)  # returning needs HQ's reason
    assert "reason" in shown[-1]
    q.note.setText("整改到位")
    assert q.decide(True)
    assert q.list.count() == 0 and q.empty.isVisible()
    with db.read_session() as s:
        rows = findings(s, HqFilter())
    f = next(r for r in rows if r.item_id == ITEM)
    assert (f.status, f.closed_via) == ("closed", "response")


def test_send_notice_from_the_dashboard_tab(
    qtbot: QtBot,
    hq_with_response: tuple[Database, str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from inspector.ui.review_queue import ReviewQueue

    db, _nid = hq_with_response
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: 0)
    q = ReviewQueue(db, actor="HQ")
    qtbot.addWidget(q)
    q.note.setText("照片不清楚")
    q.refresh()
    assert q.decide(False)
    assert notice.branches_to_notify(db) == [("SH001", "上海分行浦东支行", 1)]
    out = tmp_path / "again"
    out.mkdir()
    path = q.send_notice("SH001", out)
    assert path is not None and path.name.endswith("_r2.notice")


def test_the_screen_speaks_chinese(
    qtbot: QtBot, branch_db: Database, settings: AppSettings, styled_app: QApplication
) -> None:
    from inspector.ui.translations import install_translations

    loaded = install_translations(styled_app, "zh")
    try:
        assert "rectify_zh_CN.qm" in loaded
        p = RectificationPage(branch_db, settings, actor="赵行长")
        qtbot.addWidget(p)
        p.resize(1366, 728)
        p.show()
        QApplication.processEvents()
        assert p.save_button.text() == "保存回复"
        assert p.findings.item(0, 2).text() == "未整改"
        assert p.finding_text.text().startswith("文明用语")  # the item's Chinese title
        out = Path(os.environ.get("INSPECTOR_SCREENSHOTS", "/tmp")) / "rectification_zh.png"
        assert p.grab().save(str(out))
    finally:
        install_translations(styled_app, "en")
