"""Mystery-shopper visit: arrival and departure, ticket, customers waiting, a wait timer,
the scenario, and the narrative with a live length counter."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector.ui import theme
from inspector.ui.runner.state import InspectionState

log = logging.getLogger(__name__)


class _WrappedLabel(QLabel):
    """A word-wrapped label that does not ask for height-for-width layout.

    With it, Qt's box layout squeezed the visit-fact rows above below their minimum on a
    1366x768 laptop and cut the "Now" buttons in half; the prompt is one or two lines.
    """

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        # The height of the text wrapped at the width it has (once it has one).
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(super().heightForWidth(self.width()))
        return hint

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


TEXT_SAVE_DELAY_MS = 800
_UNSET = QDateTime(2000, 1, 1, 0, 0, 0)


def now_iso() -> str:
    """The local time with its UTC offset, to the second (what the visit facts store)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


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
    d = d.astimezone()
    return QDateTime(d.year, d.month, d.day, d.hour, d.minute, d.second)


def _from_qdt(q: QDateTime) -> str | None:
    if q <= _UNSET:
        return None
    d = q.toPython()
    assert isinstance(d, datetime)
    return d.astimezone().isoformat(timespec="seconds")


class VisitPanel(QWidget):
    """Visit facts and narrative; every change is handed to the runner to commit.

    Signals:
        visit_edited(dict): visit fields to store (services.inspections.set_visit).
        narrative_edited(str): the narrative after the user paused typing.
    """

    visit_edited = Signal(dict)
    narrative_edited = Signal(str)

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
        self.arrival_edit.editingFinished.connect(
            lambda: self._time_edited("arrival", self.arrival_edit)
        )
        self.departure_edit.editingFinished.connect(
            lambda: self._time_edited("departure", self.departure_edit)
        )
        self.ticket_edit = QLineEdit()
        self.ticket_edit.setPlaceholderText(self.tr("e.g. A023"))
        self.ticket_edit.setMaximumWidth(200)
        self.ticket_edit.editingFinished.connect(
            lambda: self._field("ticket", self.ticket_edit.text().strip())
        )
        self.waiting_spin = QSpinBox()
        self.waiting_spin.setRange(0, 999)
        self.waiting_spin.setMaximumWidth(120)
        self.waiting_spin.editingFinished.connect(
            lambda: self._field("customers_waiting", self.waiting_spin.value())
        )
        self.scenario_combo = QComboBox()
        self.scenario_combo.setMinimumWidth(260)
        self.scenario_combo.activated.connect(
            lambda _: self._field("scenario", self.scenario_combo.currentData() or None)
        )

        self.wait_label = QLabel("—")
        self.wait_label.setObjectName("bigScore")
        self.wait_detail = QLabel()
        self.wait_detail.setObjectName("hint")
        self.wait_start = QPushButton(self.tr("Start waiting (took a ticket)"))
        self.wait_start.setObjectName("primary")
        self.wait_called = QPushButton(self.tr("Called to the counter"))
        self.wait_start.clicked.connect(
            lambda: self.visit_edited.emit({"wait_started": now_iso(), "wait_called": None})
        )
        self.wait_called.clicked.connect(lambda: self.visit_edited.emit({"wait_called": now_iso()}))
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_wait)

        self.narrative_edit = QPlainTextEdit()
        self.narrative_edit.setMinimumHeight(150)
        self.narrative_counter = QLabel()
        self.narrative_prompt = _WrappedLabel()
        self.narrative_prompt.setObjectName("hint")
        self.narrative_prompt.setWordWrap(True)
        self._narrative_timer = QTimer(self)
        self._narrative_timer.setSingleShot(True)
        self._narrative_timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._narrative_timer.timeout.connect(self._commit_narrative)
        self.narrative_edit.textChanged.connect(self._narrative_changed)

        facts = QFormLayout()
        facts.setHorizontalSpacing(16)
        facts.setVerticalSpacing(10)
        facts.addRow(self.tr("Scenario"), self.scenario_combo)
        facts.addRow(self.tr("Arrival"), self._row(self.arrival_edit, self.arrival_now))
        facts.addRow(self.tr("Departure"), self._row(self.departure_edit, self.departure_now))
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
        narrative_lay.addWidget(self.narrative_prompt)
        narrative_lay.addWidget(self.narrative_edit, 1)
        narrative_lay.addWidget(self.narrative_counter)
        self.narrative_box = self._panel(self.tr("Narrative"), narrative_lay)

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(facts_box, 3)
        top.addWidget(timer_box, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.setSpacing(16)
        lay.addLayout(top)
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
            if not self.ticket_edit.hasFocus():
                self.ticket_edit.setText(str(state.visit.get("ticket", "")))
            if not self.waiting_spin.hasFocus():
                cw = state.visit.get("customers_waiting", 0)
                self.waiting_spin.setValue(cw if isinstance(cw, int) else 0)
            rule = c.narrative if c.narrative and state.mode in c.narrative.modes else None
            self._min_length = rule.min_length if rule else 0
            self.narrative_prompt.setText(
                rule.prompt.get(lang)
                if rule and rule.prompt
                else self.tr(
                    "Describe the visit in your own words: what "
                    "happened, in order, and what staff said."
                )
            )
            if not self._narrative_timer.isActive() and (
                self.narrative_edit.toPlainText() != state.narrative
            ):
                self.narrative_edit.setPlainText(state.narrative)
            self._saved_narrative = state.narrative
            for w in (
                self.arrival_edit,
                self.departure_edit,
                self.ticket_edit,
                self.waiting_spin,
                self.arrival_now,
                self.departure_now,
                self.wait_start,
                self.wait_called,
            ):
                w.setEnabled(not state.read_only)
            self.narrative_edit.setReadOnly(state.read_only)
            self.wait_called.setEnabled(
                not state.read_only
                and bool(state.visit.get("wait_started"))
                and not state.visit.get("wait_called")
            )
        finally:
            self._loading = False
        self._update_counter()
        self._update_wait()

    def _field(self, key: str, value: object) -> None:
        if self._loading or self._visit.get(key) == value:
            return
        if value in (None, "") and key not in self._visit:
            return
        self.visit_edited.emit({key: value})

    def _time_edited(self, key: str, edit: QDateTimeEdit) -> None:
        self._field(key, _from_qdt(edit.dateTime()))

    def _update_wait(self) -> None:
        started = parse_iso(self._visit.get("wait_started"))
        called = parse_iso(self._visit.get("wait_called"))
        if started is None:
            self.wait_label.setText("—")
            self.wait_detail.setText(self.tr("Start the timer when you take a ticket."))
            self._tick.stop()
            return
        end = called or datetime.now().astimezone()
        secs = max(0, int((end - started).total_seconds()))
        self.wait_label.setText(f"{secs // 60:02d}:{secs % 60:02d}")
        started_s = started.astimezone().strftime("%H:%M:%S")
        if called is None:
            self.wait_detail.setText(self.tr("Waiting since {0}").format(started_s))
            if not self._tick.isActive():
                self._tick.start()
        else:
            self.wait_detail.setText(
                self.tr("Waited from {0} to {1}").format(
                    started_s, called.astimezone().strftime("%H:%M:%S")
                )
            )
            self._tick.stop()

    def _narrative_changed(self) -> None:
        self._update_counter()
        if not self._loading:
            self._narrative_timer.start()

    def _update_counter(self) -> None:
        n = len(self.narrative_edit.toPlainText().strip())
        if self._min_length:
            colour = theme.PASS if n >= self._min_length else theme.FAIL
            text = self.tr("{0} / {1} characters").format(n, self._min_length)
        else:
            colour, text = theme.MUTED, self.tr("{0} characters").format(n)
        self.narrative_counter.setText(f"<span style='color:{colour}'>{text}</span>")

    def _commit_narrative(self) -> None:
        text = self.narrative_edit.toPlainText()
        if text != self._saved_narrative:
            self._saved_narrative = text
            self.narrative_edited.emit(text)

    def flush(self) -> None:
        if self._narrative_timer.isActive():
            self._narrative_timer.stop()
            self._commit_narrative()
