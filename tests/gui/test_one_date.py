"""One date for one inspection: the app dates it in the display zone, as the report, the
CLI, HQ and the file names do, and says which zone when the computer's own differs.

The computer runs in New York; the display zone is Asia/Shanghai (the default). At 12:30
in New York on 6 December it is 01:30 on 7 December in Shanghai: the inspection is of the
7th everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector import clock
from inspector.db import Database
from inspector.domain import timefmt
from inspector.services import inspections as insp_svc
from inspector.services.exchange import export
from inspector.services.views.inspection_list import list_inspections
from inspector.ui import mystery
from inspector.ui.main_window import MainWindow
from tests.conftest import Cli
from tests.gui.conftest import make_inspection

NEAR_MIDNIGHT = "2026-12-06T17:30:00+00:00"  # 12:30 in New York, 01:30 next day in Shanghai


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's clock zone is America/New_York; the display zone stays Shanghai."""
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.delenv(timefmt.TZ_ENV, raising=False)
    monkeypatch.setenv(clock.ENV, NEAR_MIDNIGHT)
    time.tzset()
    assert datetime(2026, 12, 6, 17, 30).astimezone().utcoffset() is not None
    assert timefmt.zone_name() == "Asia/Shanghai"
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_app_dates_an_inspection_as_the_report_and_the_cli_do(
    new_york: None, qtbot: QtBot, db: Database, window: MainWindow, run_cli: Cli
) -> None:
    assert clock.local_today() == date(2026, 12, 6)  # the laptop's own day
    uuid = make_inspection(db)
    day = "2026-12-07"

    # The home list and the CLI list (one read model), the CLI text, the file names.
    (row,) = list_inspections(db).rows
    assert row.started.isoformat() == day
    assert f"  {day}  " in run_cli.ok("list")
    with db.read_session() as s:
        assert export.file_stem(insp_svc.get(s, uuid)).startswith(day)

    # The home table, whose date column says which zone it is in.
    window.home.reload()
    model = window.home.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    date_col = next(i for i, h in enumerate(headers) if str(h).startswith("Date"))
    assert headers[date_col] == "Date (Asia/Shanghai)"
    assert model.index(0, date_col).data() == day

    # The runner's header.
    assert window.open_inspection(uuid)
    subtitle = window.runner.subtitle_label.text()
    assert f"{day} (Asia/Shanghai)" in subtitle, subtitle
    assert "2026-12-06" not in subtitle


def test_visit_times_are_typed_and_shown_in_the_display_zone(new_york: None) -> None:
    # "Now" is stored as the display zone's time, with its offset.
    now = mystery.now_iso()  # the pinned clock runs on at real speed from 01:30
    assert now.startswith("2026-12-07T01:3") and now.endswith("+08:00"), now
    # A stored time shows as the display zone's wall clock, and typing it back keeps it.
    shown = mystery._qdt("2026-12-06T17:30:00+00:00")
    assert (shown.date().day(), shown.time().hour(), shown.time().minute()) == (7, 1, 30)
    assert mystery._from_qdt(shown) == "2026-12-07T01:30:00+08:00"
    # A time typed without a zone (CLI, phone) is the display zone's, on its day.
    assert insp_svc.parse_visit_time("arrival", "09:15") == "2026-12-07T09:15:00+08:00"


def test_the_zone_is_named_only_where_it_differs(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    monkeypatch.delenv(timefmt.TZ_ENV, raising=False)
    time.tzset()
    try:
        uuid = make_inspection(db)
        assert window.open_inspection(uuid)
        assert "Asia/Shanghai" not in window.runner.subtitle_label.text()
        assert timefmt.zone_hint() == ""
    finally:
        monkeypatch.undo()
        time.tzset()
