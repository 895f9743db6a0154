"""Mystery-shopper visit: arrival and departure, ticket, customers waiting, a wait timer,
the scenario and the visit wave (which fixes the scenario), and the narrative with a live
length counter."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector import clock
from inspector.domain import timefmt
from inspector.services.views.runner import InspectionState
from inspector.ui.summary import KEEP_DELAY_MS, NarrativeEditor
from inspector.ui.zones import clock_time, zone_suffix

log = logging.getLogger(__name__)


FIELD_SAVE_DELAY_MS = 800  # typed visit facts are saved after this pause, like notes
_UNSET = QDateTime(2000, 1, 1, 0, 0, 0)


def now_iso() -> str:
    """The time in the display zone with its UTC offset, to the second (what the visit
    facts store)."""
    return timefmt.now().isoformat(timespec="seconds")


def parse_iso(text: object) -> datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _qdt(text: object) -> QDateTime:
    d = parse_iso(text)
    if d is None:
        return _UNSET
    d = timefmt.local(d, timefmt.zone())  # shown in the display zone, as the report prints it
    return QDateTime(d.year, d.month, d.day, d.hour, d.minute, d.second)


def _from_qdt(q: QDateTime) -> str | None:
    if q <= _UNSET:
        return None
    d = q.toPython()
    assert isinstance(d, datetime)
    # Typed as read: in the display zone.
    return d.replace(tzinfo=timefmt.zone()).isoformat(timespec="seconds")


class VisitPanel(QWidget):
    """Visit facts and narrative; every change is handed to the runner to commit.

    Signals:
        visit_edited(dict): visit fields to store (services.inspections.set_visit).
        narrative_edited(str): the narrative after the user paused typing.
        fact_typed(str, str): (fact, text) a typed fact a moment after each keystroke,
            kept durable until it is saved.
    """

    visit_edited = Signal(dict)
    narrative_edited = Signal(str)
    fact_typed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._visit: dict[str, Any] = {}
        self._min_length = 0
        self._saved_narrative = ""

        self.arrival_edit = self._time_edit()
        self.departure_edit = self._time_edit()
        self.arrival_now = QPushButton(self.tr("Now"))
        self.departure_now = QPushButton(self.tr("Now"))
        self.arrival_now.clicked.connect(lambda: self.visit_edited.emit({"arrival": now_iso()}))
        self.departure_now.clicked.connect(lambda: self.visit_edited.emit({"departure": now_iso()}))
        # Typed facts are saved after a short pause and on leaving the field: a kill -9
        # right after typing must not lose them.
        self._pending: dict[str, object] = {}
        self._field_timer = QTimer(self)
        self._field_timer.setSingleShot(True)
        self._field_timer.setInterval(FIELD_SAVE_DELAY_MS)
        self._field_timer.timeout.connect(self._flush_fields)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_facts)
        self.arrival_edit.dateTimeChanged.connect(
            lambda _: self._typed("arrival", _from_qdt(self.arrival_edit.dateTime()))
        )
        self.departure_edit.dateTimeChanged.connect(
            lambda _: self._typed("departure", _from_qdt(self.departure_edit.dateTime()))
        )
        self.arrival_edit.editingFinished.connect(self._flush_fields)
        self.departure_edit.editingFinished.connect(self._flush_fields)
        self.ticket_edit = QLineEdit()
        self.ticket_edit.setPlaceholderText(self.tr("e.g. A023"))
        self.ticket_edit.setMaximumWidth(200)
        self.ticket_edit.textChanged.connect(lambda t: self._typed("ticket", t.strip()))
        self.ticket_edit.editingFinished.connect(self._flush_fields)
        # Digits typed are the count, empty is "not recorded" (a spin box showed 0 with the
        # cursor before it: typing 3 made 30, and an untouched field read as nobody waiting).
        self.waiting_spin = QLineEdit()
        self.waiting_spin.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,3}"), self.waiting_spin)
        )
        self.waiting_spin.setPlaceholderText(self.tr("not recorded"))
        self.waiting_spin.setMaximumWidth(120)
        self.waiting_spin.textEdited.connect(
            lambda t: self._typed("customers_waiting", int(t) if t.strip() else None)
        )
        self.waiting_spin.editingFinished.connect(self._flush_fields)
        self.scenario_combo = QComboBox()
        self.scenario_combo.setMinimumWidth(220)
        self.scenario_combo.activated.connect(
            lambda _: self._field("scenario", self.scenario_combo.currentData() or None)
        )

        # A wave (批次) fixes the scenario for every branch visited in it; the service
        # refuses a scenario that differs, and the refusal is shown under the field.
        self.wave_edit = QLineEdit()
        self.wave_edit.setPlaceholderText(self.tr("e.g. 2026Q4 cash"))
        self.wave_edit.setMaxLength(100)
        self.wave_edit.setMinimumWidth(140)
        self.wave_edit.setToolTip(
            self.tr("Every visit of a wave plays the same scenario, so their scores compare.")
        )
        self.wave_edit.textChanged.connect(lambda t: self._typed("wave", t.strip()))
        self.wave_edit.editingFinished.connect(self._flush_fields)
        self.visit_message = QLabel()
        self.visit_message.setObjectName("hint")
        self.visit_message.setWordWrap(True)
        self.visit_message.setStyleSheet("color: #8a4b00;")
        self.visit_message.hide()

        self.wait_label = QLabel("—")
        self.wait_label.setObjectName("bigScore")
        self.wait_detail = QLabel()
        self.wait_detail.setObjectName("hint")
        self.wait_start = QPushButton(self.tr("Start waiting (took a ticket)"))
        self.wait_start.setObjectName("primary")
        self.wait_called = QPushButton(self.tr("Called to the counter"))
        self.wait_start.clicked.connect(self.start_waiting)
        self.wait_called.clicked.connect(lambda: self.visit_edited.emit({"wait_called": now_iso()}))
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_wait)

        self.narrative = NarrativeEditor()
        self.narrative.edited.connect(self.narrative_edited)
        # The editor's widgets under their old names (screenshots and tests use them).
        self.narrative_edit = self.narrative.edit
        self.narrative_counter = self.narrative.counter
        self.narrative_prompt = self.narrative.prompt

        facts = QFormLayout()
        facts.setHorizontalSpacing(16)
        facts.setVerticalSpacing(10)
        self.wave_label = QLabel(self.tr("Wave"))
        self.wave_label.setBuddy(self.wave_edit)
        facts.addRow(self.tr("Scenario"), self.scenario_combo)
        facts.addRow(self.wave_label, self.wave_edit)
        # Times are typed and shown in the display zone; the label says so when it is not
        # the computer's own.
        facts.addRow(
            self.tr("Arrival") + zone_suffix(), self._row(self.arrival_edit, self.arrival_now)
        )
        facts.addRow(
            self.tr("Departure") + zone_suffix(), self._row(self.departure_edit, self.departure_now)
        )
        facts.addRow(self.tr("Ticket number"), self.ticket_edit)
        facts.addRow(self.tr("Customers waiting on arrival"), self.waiting_spin)
        facts_box = self._panel(self.tr("Visit facts"), facts)

        timer_lay = QVBoxLayout()
        timer_lay.addWidget(self.wait_label)
        timer_lay.addWidget(self.wait_detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.wait_start)
        buttons.addWidget(self.wait_called)
        buttons.addStretch(1)
        timer_lay.addLayout(buttons)
        timer_lay.addStretch(1)
        timer_box = self._panel(self.tr("Waiting time"), timer_lay)

        narrative_lay = QVBoxLayout()
        narrative_lay.addWidget(self.narrative, 1)
        self.narrative_box = self._panel(self.tr("Narrative"), narrative_lay)

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(facts_box, 3)
        top.addWidget(timer_box, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(16)
        lay.addLayout(top)
        # Full width under the facts: a refusal is read in one line and never squeezes them.
        lay.addWidget(self.visit_message)
        lay.addWidget(self.narrative_box, 1)

    def _time_edit(self) -> QDateTimeEdit:
        e = QDateTimeEdit()
        e.setDisplayFormat("yyyy-MM-dd HH:mm")
        e.setMinimumDateTime(_UNSET)
        e.setSpecialValueText(self.tr("not recorded"))
        e.setDateTime(_UNSET)
        e.setMinimumWidth(190)
        return e

    @staticmethod
    def _row(a: QWidget, b: QWidget) -> QWidget:
        w = QWidget()
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(a)
        lay.addWidget(b)
        lay.addStretch(1)
        return w

    @staticmethod
    def _panel(title: str, inner: QFormLayout | QVBoxLayout) -> QFrame:
        frame = QFrame()
        frame.setObjectName("panel")
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(18, 14, 18, 16)
        caption = QLabel(title)
        caption.setObjectName("sectionTitle")
        lay.addWidget(caption)
        lay.addLayout(inner)
        return frame

    # ---------------------------------------------------------------- state
    def update_state(self, state: InspectionState, lang: str) -> None:
        self._loading = True
        try:
            self._visit = dict(state.visit)
            c = state.checklist
            self.scenario_combo.clear()
            self.scenario_combo.addItem(self.tr("— choose —"), "")
            for s in c.scenarios:
                self.scenario_combo.addItem(s.title.get(lang), s.id)
            self.scenario_combo.setCurrentIndex(
                max(0, self.scenario_combo.findData(state.visit.get("scenario", "")))
            )
            self.scenario_combo.setEnabled(bool(c.scenarios) and not state.read_only)
            for key, edit in (("arrival", self.arrival_edit), ("departure", self.departure_edit)):
                if not edit.hasFocus():
                    edit.setDateTime(_qdt(state.visit.get(key)))
            if not self.wave_edit.hasFocus():
                self.wave_edit.setText(str(state.visit.get("wave", "")))
            if not self.ticket_edit.hasFocus():
                self.ticket_edit.setText(str(state.visit.get("ticket", "")))
            if not self.waiting_spin.hasFocus():
                cw = state.visit.get("customers_waiting")
                self.waiting_spin.setText(
                    str(cw) if isinstance(cw, int) and not isinstance(cw, bool) else ""
                )
            self.narrative.update_state(state, lang)
            for w in (
                self.arrival_edit,
                self.departure_edit,
                self.ticket_edit,
                self.wave_edit,
                self.waiting_spin,
                self.arrival_now,
                self.departure_now,
                self.wait_start,
                self.wait_called,
            ):
                w.setEnabled(not state.read_only)
            self.wait_called.setEnabled(
                not state.read_only
                and bool(state.visit.get("wait_started"))
                and not state.visit.get("wait_called")
            )
        finally:
            self._loading = False
        self._update_wait()

    def show_refusal(self, message: str) -> None:
        """The service's reason a visit fact was not saved ("" after a save succeeded)."""
        self.visit_message.setText(self.tr("Not saved: %1").replace("%1", message))
        self.visit_message.setVisible(bool(message))

    def reset(self) -> None:
        """Another inspection opens: forget this one's facts and text (already flushed)."""
        self.show_refusal("")
        self._field_timer.stop()
        self._keep_timer.stop()
        self._pending = {}
        self._visit = {}
        self.narrative.reset()
        self._update_wait()

    def start_waiting(self) -> None:
        """The wait timer's start; a second press asks first and keeps the first start."""
        started = parse_iso(self._visit.get("wait_started"))
        if started is not None:
            answer = QMessageBox.question(
                self,
                self.tr("Waiting time"),
                self.tr(
                    "The wait timer was started at {0}. Start it again from now? "
                    "The first start stays in the audit trail."
                ).format(clock_time(started) + zone_suffix()),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.visit_edited.emit({"wait_started": now_iso(), "wait_called": None})

    def _field(self, key: str, value: object) -> None:
        if self._loading or self._visit.get(key) == value:
            return
        if value in (None, "") and key not in self._visit:
            return
        self.visit_edited.emit({key: value})

    def _typed(self, key: str, value: object) -> None:
        if self._loading:
            return
        self._pending[key] = value
        self._field_timer.start()
        self._keep_timer.start()

    def _keep_facts(self) -> None:
        self._keep_timer.stop()
        for key, value in self._pending.items():
            if key in ("ticket", "wave", "customers_waiting"):
                self.fact_typed.emit(key, "" if value is None else str(value))

    def _flush_fields(self) -> None:
        self._field_timer.stop()
        self._keep_timer.stop()  # saved now: nothing left to keep
        pending, self._pending = self._pending, {}
        for key, value in pending.items():
            self._field(key, value)

    def _update_wait(self) -> None:
        started = parse_iso(self._visit.get("wait_started"))
        called = parse_iso(self._visit.get("wait_called"))
        if started is None:
            self.wait_label.setText("—")
            self.wait_detail.setText(self.tr("Start the timer when you take a ticket."))
            self._tick.stop()
            return
        end = called or clock.local_now()
        secs = max(0, int((end - started).total_seconds()))
        self.wait_label.setText(f"{secs // 60:02d}:{secs % 60:02d}")
        started_s = clock_time(started)
        if called is None:
            self.wait_detail.setText(self.tr("Waiting since {0}").format(started_s) + zone_suffix())
            if not self._tick.isActive():
                self._tick.start()
        else:
            self.wait_detail.setText(
                self.tr("Waited from {0} to {1}").format(started_s, clock_time(called))
                + zone_suffix()
            )
            self._tick.stop()

    def flush(self) -> None:
        self._flush_fields()
        self.narrative.flush()
