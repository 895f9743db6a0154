"""The written account of an inspection: the mystery visit's narrative, or the on-site
summary (总体描述). One editor for both: the checklist's prompt, a live ``n / minimum``
character counter, and the same save-after-a-pause as every other text field."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from inspector.domain.checklist import Mode
from inspector.services.views.runner import InspectionState
from inspector.ui import theme

log = logging.getLogger(__name__)

TEXT_SAVE_DELAY_MS = 800
KEEP_DELAY_MS = 50  # what is typed is kept durable this soon (services/typed.py)


class WrappedLabel(QLabel):
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


class NarrativeEditor(QWidget):
    """Prompt, text and counter; the runner commits what it emits.

    Signals:
        edited(str): the text after the user paused typing (or on flush).
        typed(str): the text a moment after each keystroke, kept durable until recorded.
    """

    edited = Signal(str)
    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._min_length = 0
        self._saved = ""
        self.prompt = WrappedLabel()
        self.prompt.setObjectName("hint")
        self.prompt.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setMinimumHeight(150)
        self.counter = QLabel()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._timer.timeout.connect(self._commit)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep)
        self.edit.textChanged.connect(self._changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.prompt)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.counter)

    def update_state(self, state: InspectionState, lang: str) -> None:
        c = state.checklist
        rule = c.narrative if c.narrative and state.mode in c.narrative.modes else None
        self._min_length = rule.min_length if rule else 0
        if rule and rule.prompt:
            prompt = rule.prompt.get(lang)
        elif state.mode == Mode.MYSTERY:
            prompt = self.tr(
                "Describe the visit in your own words: what happened, in order, and what "
                "staff said."
            )
        else:
            prompt = self.tr(
                "Summarise the inspection: the main problems, good practice seen, and "
                "anything HQ should look at."
            )
        self.prompt.setText(prompt)
        if not self._timer.isActive() and self.edit.toPlainText() != state.narrative:
            self._loading = True
            try:
                self.edit.setPlainText(state.narrative)
            finally:
                self._loading = False
        self._saved = state.narrative
        self.edit.setReadOnly(state.read_only)
        self._update_counter()

    def reset(self) -> None:
        """Another inspection opens: nothing of this one's text may stay (it was flushed)."""
        self._timer.stop()
        self._keep_timer.stop()
        self._saved = ""
        self._loading = True
        try:
            self.edit.clear()
        finally:
            self._loading = False
        self._update_counter()

    def _changed(self) -> None:
        self._update_counter()
        if not self._loading:
            self._timer.start()
            self._keep_timer.start()

    def _keep(self) -> None:
        self._keep_timer.stop()
        if not self.edit.isReadOnly():
            self.typed.emit(self.edit.toPlainText())

    def _update_counter(self) -> None:
        n = len(self.edit.toPlainText().strip())
        if self._min_length:
            colour = theme.PASS if n >= self._min_length else theme.FAIL
            text = self.tr("{0} / {1} characters").format(n, self._min_length)
        else:
            colour, text = theme.MUTED, self.tr("{0} characters").format(n)
        self.counter.setText(f"<span style='color:{colour}'>{text}</span>")

    def _commit(self) -> None:
        self._timer.stop()
        text = self.edit.toPlainText()
        if text != self._saved and not self.edit.isReadOnly():
            self._saved = text
            self.edited.emit(text)

    def flush(self) -> None:
        self._keep_timer.stop()  # recorded now: nothing left to keep
        if self._timer.isActive():
            self._commit()


class SummaryPanel(QWidget):
    """The on-site summary (总体描述) as its own tab, editable until sign-off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = NarrativeEditor()
        self.title = QLabel(self.tr("Summary of the inspection"))
        self.title.setObjectName("sectionTitle")
        self.readonly_hint = QLabel(self.tr("Signed off: the summary can no longer be changed."))
        self.readonly_hint.setObjectName("hint")
        frame = QFrame()
        frame.setObjectName("panel")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(18, 14, 18, 16)
        inner.addWidget(self.title)
        inner.addWidget(self.readonly_hint)
        inner.addWidget(self.editor, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        lay.addWidget(frame, 1)

    def update_state(self, state: InspectionState, lang: str) -> None:
        self.editor.update_state(state, lang)
        self.readonly_hint.setVisible(state.read_only)
