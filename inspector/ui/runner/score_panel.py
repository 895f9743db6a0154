"""The live score: total, grade, each section's percent, veto and gate failures in red."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector.domain import numbers
from inspector.services.views.runner import InspectionState
from inspector.ui import theme

log = logging.getLogger(__name__)


class ScorePanel(QFrame):
    """Shows the score as it changes; hidden scores (mystery shopper) show a note instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setMinimumWidth(250)
        self.setMaximumWidth(300)
        self.caption = QLabel(self.tr("Live score"))
        self.caption.setObjectName("sectionTitle")
        self.total_label = QLabel("—")
        self.total_label.setObjectName("bigScore")
        self.grade_label = QLabel()
        self.grade_label.setObjectName("grade")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.veto_label = QLabel()
        self.veto_label.setObjectName("vetoBanner")
        self.veto_label.setWordWrap(True)
        self.gate_label = QLabel()
        self.gate_label.setObjectName("banner")
        self.gate_label.setWordWrap(True)
        self.hidden_label = QLabel(
            self.tr(
                "Scores are hidden in mystery-shopper mode: record what you observe; "
                "HQ sees the score."
            )
        )
        self.hidden_label.setWordWrap(True)
        self.hidden_label.setObjectName("banner")
        self.sections = QGridLayout()
        self.sections.setVerticalSpacing(4)
        self.sections.setHorizontalSpacing(8)
        self._section_widgets: list[QWidget] = []

        # Banners and the section list scroll inside the panel: a red-line banner or a long
        # checklist (16 sections) must never squeeze the rows until "100%" reads "10096",
        # nor make the window taller than a 1366x768 laptop screen.
        body = QWidget()
        body.setObjectName("scoreBody")
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 4, 0)
        body_lay.setSpacing(8)
        body_lay.addWidget(self.veto_label)
        body_lay.addWidget(self.gate_label)
        body_lay.addWidget(self.hidden_label)
        body_lay.addSpacing(4)
        body_lay.addLayout(self.sections)
        body_lay.addStretch(1)
        self.sections_scroll = QScrollArea()
        self.sections_scroll.setObjectName("scoreScroll")
        self.sections_scroll.setWidget(body)
        self.sections_scroll.setWidgetResizable(True)
        self.sections_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sections_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections_scroll.setStyleSheet(
            "QScrollArea#scoreScroll, QWidget#scoreBody { background: transparent; border: none; }"
        )
        self.sections_scroll.viewport().setAutoFillBackground(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 12, 16)
        lay.setSpacing(8)
        lay.addWidget(self.caption)
        lay.addWidget(self.total_label)
        lay.addWidget(self.grade_label)
        lay.addWidget(self.progress_label)
        lay.addWidget(self.sections_scroll, 1)

    def update_state(self, state: InspectionState, lang: str) -> None:
        s = state.score
        hidden = state.scores_hidden
        answered, visible = s.answered, s.visible
        self.progress_label.setText(self.tr("{0} of {1} items answered").format(answered, visible))
        for w in (self.total_label, self.grade_label, self.veto_label, self.gate_label):
            w.setVisible(not hidden)
        self.hidden_label.setVisible(hidden)
        for old in self._section_widgets:
            self.sections.removeWidget(old)
            old.hide()
            old.deleteLater()
        self._section_widgets = []
        if hidden:
            return
        self.total_label.setText(numbers.score(s.total))
        grade = state.checklist.grade(s.grade)
        colour = theme.PASS if s.passed else theme.FAIL
        # The label only: the grade's code is an English id ("good"), noise beside "良好".
        self.grade_label.setText(f"<span style='color:{colour}'>{grade.label.get(lang)}</span>")
        index = state.checklist.item_index()
        if s.veto_failed:
            names = "\n".join(f"• {index[i].text.get(lang)}" for i in s.veto_failed)
            self.veto_label.setText(self.tr("RED LINE FAILED — grade capped") + "\n" + names)
        self.veto_label.setVisible(bool(s.veto_failed))
        if s.gates_failed:
            names = ", ".join(s.gates_failed)
            self.gate_label.setText(self.tr("Gate failed, section scored 0: {0}").format(names))
        self.gate_label.setVisible(bool(s.gates_failed))
        row = 0
        for section in state.checklist.real_sections():
            sec = s.sections.get(section.id)
            if sec is None:
                continue
            name = QLabel(section.title.get(lang))
            name.setWordWrap(True)
            pct = QLabel(numbers.percent_sign(sec.percent))
            pct.setAlignment(Qt.AlignmentFlag.AlignRight)
            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setTextVisible(False)
            bar.setFixedHeight(6)
            bar.setValue(int(numbers.rounded(sec.percent or 0, 0)))
            if sec.gated:
                pct.setStyleSheet(f"color:{theme.FAIL}")
            self.sections.addWidget(name, row, 0)
            self.sections.addWidget(pct, row, 1)
            self.sections.addWidget(bar, row + 1, 0, 1, 2)
            self._section_widgets += [name, pct, bar]
            row += 2
