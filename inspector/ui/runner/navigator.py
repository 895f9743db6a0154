"""The section navigator: sections with progress, their visible items with status colours."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from inspector.domain.scoring import Outcome
from inspector.services.views.runner import InspectionState
from inspector.ui import theme

log = logging.getLogger(__name__)

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_MARKS = {
    Outcome.PASS: "●",
    Outcome.FAIL: "●",
    Outcome.PARTIAL: "◐",
    Outcome.NA: "○",
    Outcome.UNANSWERED: "·",
}


class Navigator(QTreeView):
    """Sections (``answered/visible``) and items; hidden items are left out.

    Signals:
        item_activated(str): the user picked an item.
    """

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(False)
        self.setIndentation(14)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.clicked.connect(self._clicked)
        self._rows: dict[str, QStandardItem] = {}
        self._signature: tuple[str, ...] = ()

    def _clicked(self, index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE)
        if isinstance(item_id, str):
            self.item_activated.emit(item_id)

    def forget(self) -> None:
        """Another inspection opens: rebuild from its checklist even if the ids match."""
        self._signature = ()
        self._rows = {}
        self.model_.clear()

    def update_state(self, state: InspectionState, lang: str, current: str | None) -> None:
        visible = (state.checklist.id, *(i.id for i in state.visible_items()))
        if visible != self._signature:
            self._rebuild(state, lang)
            self._signature = visible
        bold = QFont(self.font())
        bold.setBold(True)
        for sec_row in range(self.model_.rowCount()):
            sec_item = self.model_.item(sec_row)
            sid = sec_item.data(ITEM_ID_ROLE + 1)
            sec = state.score.sections.get(str(sid))
            title = str(sec_item.data(ITEM_ID_ROLE + 2))
            if sec is not None:
                done = sec.answered == sec.visible and sec.visible > 0
                check = "  ✓" if done else ""
                sec_item.setText(f"{title}   {sec.answered}/{sec.visible}{check}")
                sec_item.setForeground(QBrush(QColor(theme.PASS if done else theme.TEXT)))
            sec_item.setFont(bold)
        for item_id, row in self._rows.items():
            outcome = state.outcome(item_id)
            # A copied answer still to re-verify: not an answer yet, but not blank either.
            mark = "↻" if item_id in state.copied else _MARKS.get(outcome, "·")
            row.setText(f"{mark}  {row.data(ITEM_ID_ROLE + 2)}")
            row.setForeground(QBrush(theme.color(outcome.value)))
            f = QFont(self.font())
            f.setBold(item_id == current)
            row.setFont(f)
        if current and current in self._rows:
            idx = self._rows[current].index()
            self.setCurrentIndex(idx)
            self.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)

    def set_filter(self, text: str) -> list[str]:
        """Show only items whose text or id contains ``text``; returns their ids in order."""
        needle = text.strip().lower()
        shown: list[str] = []
        for sec_row in range(self.model_.rowCount()):
            sec_item = self.model_.item(sec_row)
            any_shown = False
            for r in range(sec_item.rowCount()):
                row = sec_item.child(r)
                item_id = str(row.data(ITEM_ID_ROLE))
                haystack = f"{item_id}\n{row.toolTip()}".lower()
                match = not needle or needle in haystack
                self.setRowHidden(r, sec_item.index(), not match)
                if match:
                    shown.append(item_id)
                    any_shown = True
            self.setRowHidden(sec_row, QModelIndex(), not any_shown)
        self._filter = text
        return shown

    _filter = ""

    def _rebuild(self, state: InspectionState, lang: str) -> None:
        self.model_.clear()
        self._rows = {}
        for section in state.checklist.real_sections():
            items = [i for i in section.items if state.is_visible(i.id)]
            if not items:
                continue
            title = section.title.get(lang)
            sec_item = QStandardItem(title)
            sec_item.setData(section.id, ITEM_ID_ROLE + 1)
            sec_item.setData(title, ITEM_ID_ROLE + 2)
            sec_item.setSelectable(False)
            for item in items:
                text = item.text.get(lang)
                short = text if len(text) <= 26 else text[:25] + "…"
                row = QStandardItem(short)
                row.setToolTip(f"{item.id}\n{text}")
                row.setData(item.id, ITEM_ID_ROLE)
                row.setData(short, ITEM_ID_ROLE + 2)
                sec_item.appendRow(row)
                self._rows[item.id] = row
            self.model_.appendRow(sec_item)
        self.expandAll()
        if self._filter:
            self.set_filter(self._filter)
