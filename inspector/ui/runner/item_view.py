"""The current item: its text, guidance and source, the answer widgets, a note, evidence."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inspector.domain.answers import Answer
from inspector.domain.checklist import Evidence, Item, Mode, Section, source_text
from inspector.ui.runner.answers import KEEP_DELAY_MS, AnswerPanel

log = logging.getLogger(__name__)

NOTE_SAVE_DELAY_MS = 800


class ItemView(QWidget):
    """Shows one item; the runner feeds it state and commits what it asks for.

    Signals:
        note_edited(str, str): (item id, note) after the user paused typing.
        note_typed(str, str): (item id, note) a moment after each keystroke: kept durable
            until the note is recorded.
        previous_requested(), next_requested(): the navigation buttons.
        summary_requested(): the summary (总体描述) button.
        confirm_copied_requested(str): (item id) the copied answer was re-verified on site.
    """

    note_edited = Signal(str, str)
    note_typed = Signal(str, str)
    previous_requested = Signal()
    next_requested = Signal()
    summary_requested = Signal()
    confirm_copied_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Item | None = None
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_DELAY_MS)
        self._note_timer.timeout.connect(self._commit_note)
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_note)
        self._saved_note = ""
        self._copied: Answer | None = None
        self._evidence_widget: QWidget | None = None
        self._read_only = False
        self._lang = ""

        self.section_label = QLabel()
        self.section_label.setObjectName("sectionTitle")
        self.position_label = QLabel()
        self.position_label.setObjectName("hint")
        top = QHBoxLayout()
        top.addWidget(self.section_label, 1)
        top.addWidget(self.position_label)

        self.text_label = QLabel()
        self.text_label.setObjectName("itemText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags = QHBoxLayout()
        self.tags.setSpacing(6)
        self._tag_widgets: list[QLabel] = []
        self.guidance_label = QLabel()
        self.guidance_label.setObjectName("guidance")
        self.guidance_label.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setObjectName("source")
        self.source_label.setWordWrap(True)

        self.answer_panel = AnswerPanel()
        self.answer_panel.editing.connect(lambda: self.show_save_state("typing"))

        # "Duplicate as new": the old answer is shown apart, never as today's answer.
        self.copied_box = QFrame()
        self.copied_box.setObjectName("panel")
        cb = QHBoxLayout(self.copied_box)
        cb.setContentsMargins(12, 8, 12, 8)
        self.copied_label = QLabel()
        self.copied_label.setWordWrap(True)
        self.confirm_copied_button = QPushButton(self.tr("Re-verified: confirm  [Ctrl+R]"))
        self.confirm_copied_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.confirm_copied_button.clicked.connect(self._confirm_copied)
        cb.addWidget(self.copied_label, 1)
        cb.addWidget(self.confirm_copied_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.copied_box.hide()

        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("Note (what you saw, where, who you spoke to)"))
        self.note_edit.setMinimumHeight(110)
        self.note_edit.setMaximumHeight(150)
        self.note_edit.textChanged.connect(self._note_changed)

        self.evidence_label = QLabel()
        self.evidence_label.setObjectName("sectionTitle")
        self.evidence_box = QVBoxLayout()
        self.evidence_box.setContentsMargins(0, 0, 0, 0)

        body = QWidget()
        body.setObjectName("itemBody")
        lay = QVBoxLayout(body)
        lay.setContentsMargins(28, 20, 28, 20)
        lay.setSpacing(12)
        lay.addLayout(top)
        lay.addWidget(self.text_label)
        lay.addLayout(self.tags)
        lay.addWidget(self.guidance_label)
        lay.addWidget(self.source_label)
        lay.addSpacing(6)
        lay.addWidget(self.copied_box)
        lay.addWidget(self.answer_panel)
        lay.addSpacing(6)
        note_caption = QLabel(self.tr("Note"))
        note_caption.setObjectName("sectionTitle")
        # Note and evidence side by side: both stay on screen at 1366x768 without scrolling.
        note_col = QVBoxLayout()
        note_col.addWidget(note_caption)
        note_col.addWidget(self.note_edit)
        note_col.addStretch(1)
        evidence_col = QVBoxLayout()
        evidence_col.addWidget(self.evidence_label)
        evidence_col.addLayout(self.evidence_box)
        evidence_col.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setSpacing(20)
        bottom.addLayout(note_col, 2)
        bottom.addLayout(evidence_col, 3)
        lay.addLayout(bottom)
        lay.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll

        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶  [Enter]"))
        self.next_button.setObjectName("primary")
        for b in (self.prev_button, self.next_button):
            b.setMinimumHeight(44)
            b.setMinimumWidth(150)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prev_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.summary_button = QPushButton(self.tr("Summary  [Ctrl+3]"))
        # Whether what is typed is safe: kept while typing, recorded after a pause.
        self.save_state = QLabel()
        self.save_state.setObjectName("hint")
        self.save_state.setMinimumWidth(150)
        self.summary_button.setMinimumHeight(44)
        self.summary_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary_button.clicked.connect(self.summary_requested)
        nav = QHBoxLayout()
        nav.setContentsMargins(28, 8, 28, 12)
        nav.addWidget(self.prev_button)
        nav.addStretch(1)
        nav.addWidget(self.summary_button)
        nav.addStretch(1)
        nav.addWidget(self.save_state)
        nav.addWidget(self.next_button)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        outer.addLayout(nav)

    def add_evidence_widget(self, w: QWidget) -> None:
        self.evidence_box.addWidget(w)
        self._evidence_widget = w

    def reveal_evidence(self) -> None:
        """Scroll the item so its evidence (a photo just added) is in view: on a 1366x768
        screen a measured item's photos start below the fold."""
        w = self._evidence_widget
        if w is None:
            return
        # Lay the body out first: a photo just loaded may have made the strip taller.
        body = self.scroll_area.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()
        self.scroll_area.ensureWidgetVisible(w, 0, 0)

    def show_item(
        self,
        item: Item,
        section: Section,
        answer: Answer | None,
        *,
        mode: Mode,
        lang: str,
        read_only: bool,
        position: tuple[int, int],
        photos: int,
        copied: Answer | None = None,
        copied_from: str = "",
        scenario: str | None = None,
    ) -> None:
        """Show ``item`` (rebuilding the answer widgets when the item changes)."""
        same_item = self.item is not None and self.item.id == item.id
        if not same_item:
            self.flush()
            # A new item starts at its title, wherever the last one was scrolled to.
            self.scroll_area.verticalScrollBar().setValue(0)
        # Finalizing or amending keeps the item but changes what may be edited: rebuild.
        same = same_item and read_only == self._read_only and lang == self._lang
        self.item, self._read_only, self._lang = item, read_only, lang
        self.section_label.setText(
            section.title.get(lang).upper() if lang == "en" else section.title.get(lang)
        )
        self.position_label.setText(self.tr("Item {0} of {1}").format(*position))
        self.text_label.setText(f"{item.text.get(lang)}")
        self._set_tags(item, mode)
        # One word for one place: a visit's written account is its narrative (the Visit tab).
        self.summary_button.setText(
            self.tr("Narrative  [Ctrl+3]") if mode == Mode.MYSTERY else self.tr("Summary  [Ctrl+3]")
        )
        guidance = item.guidance.get(lang) if item.guidance else ""
        self.guidance_label.setText(guidance)
        self.guidance_label.setVisible(bool(guidance))
        if item.source is not None:
            # Review notes (source.note, item.review) are for HQ authors, never the branch.
            src = self.tr("Source: {0}").format(source_text(item.source, lang))
            self.source_label.setText(src)
        self.source_label.setVisible(item.source is not None)
        if same:
            self.answer_panel.set_scenario(scenario)
            self.answer_panel.show_answer(answer)
        else:
            self.answer_panel.set_item(
                item, answer, read_only=read_only, lang=lang, scenario=scenario
            )
        note = answer.note if answer else ""
        if not self._note_timer.isActive() and self.note_edit.toPlainText() != note:
            self.note_edit.blockSignals(True)
            self.note_edit.setPlainText(note)
            self.note_edit.blockSignals(False)
        self._saved_note = note
        self.note_edit.setReadOnly(read_only)
        self.evidence_label.setText(self._evidence_text(item, mode, photos))
        self._show_copied(item, copied if not read_only else None, copied_from, lang)
        self.prev_button.setEnabled(position[0] > 1)

    def _show_copied(self, item: Item, copied: Answer | None, source: str, lang: str) -> None:
        self._copied = copied
        self.copied_box.setVisible(copied is not None)
        if copied is None:
            return
        parts = []
        if copied.result is not None:
            parts.append(
                {
                    "pass": self.tr("pass"),
                    "fail": self.tr("fail"),
                    "na": self.tr("not applicable"),
                }[copied.result.value]
            )
        if copied.value is not None:
            v = copied.value
            if isinstance(v, bool):
                parts.append(self.tr("yes") if v else self.tr("no"))
            elif item.options and isinstance(v, str):
                labels = {o.id: o.label.get(lang) for o in item.options}
                parts.append(labels.get(v, v))
            else:
                text = f"{v:g}" if isinstance(v, float) else str(v)
                parts.append(text if len(text) <= 60 else text[:59] + "…")
        if copied.note:
            parts.append(self.tr("note: {0}").format(copied.note[:80]))
        self.copied_label.setText(
            self.tr(
                "To re-verify: copied from inspection {0} — {1}. It counts as unanswered "
                "until you check it again and confirm it (or answer anew)."
            ).format(source[:8], " · ".join(parts) or "—")
        )

    def _confirm_copied(self) -> None:
        if self.item is not None and self._copied is not None and not self._read_only:
            self.flush()
            self.confirm_copied_requested.emit(self.item.id)

    def confirm_copied(self) -> bool:
        """Ctrl+R: confirm the copied answer of this item (False when there is none)."""
        if self._copied is None or not self.copied_box.isVisible():
            return False
        self._confirm_copied()
        return True

    def show_save_state(self, state: str) -> None:
        """Say where what was typed is: "typing" (not yet safe), "kept" (safe, recorded
        when the typing settles), "saved" (recorded), "refused" (not saved), "" (nothing)."""
        words = {
            "typing": self.tr("Typing…"),
            "kept": self.tr("✓ Kept safe while you type"),
            "saved": self.tr("✓ Saved"),
            "refused": self.tr("✗ Not saved"),
        }
        self.save_state.setText(words.get(state, ""))
        self.save_state.setProperty("saveState", state)

    def reset(self) -> None:
        """Forget the item shown: another inspection opens (pending typing was flushed)."""
        self._note_timer.stop()
        self._keep_timer.stop()
        self.show_save_state("")
        self.answer_panel.reset()
        self.item = None
        self._copied = None
        self._saved_note = ""
        self.note_edit.blockSignals(True)
        self.note_edit.clear()
        self.note_edit.blockSignals(False)

    def _evidence_text(self, item: Item, mode: Mode, photos: int) -> str:
        rule = item.evidence.for_mode(mode)
        need = {
            Evidence.REQUIRED: self.tr("photo required"),
            Evidence.ON_FAIL: self.tr("photo required when failed"),
            Evidence.OPTIONAL: self.tr("photo optional"),
            Evidence.NONE: self.tr("no photo needed"),
        }[rule]
        return self.tr("Evidence ({0}) · {1} photo(s)").format(need, photos)

    def _set_tags(self, item: Item, mode: Mode) -> None:
        # Deferred deletion waits for the event loop: hide the old tags now.
        while self.tags.count():
            entry = self.tags.takeAt(0)
            old = entry.widget() if entry is not None else None
            if old is not None:
                old.hide()
                old.deleteLater()
        self._tag_widgets = []
        tags: list[tuple[str, str]] = [(item.id, "tag")]
        tips: dict[int, str] = {}
        if item.veto:
            if item.veto_reason is not None:
                # Why this is a red line, for the inspector who must judge it.
                tips[len(tags)] = self.tr("Why a red line: {0}").format(
                    item.veto_reason.get(self._lang)
                )
            tags.append((self.tr("Veto (red line)"), "tagVeto"))
        if item.critical:
            tags.append((self.tr("Critical"), "tagVeto"))
        if item.gate:
            tags.append((self.tr("Gate: failing zeroes the section"), "tag"))
        if item.penalty and item.penalty_cap is not None:
            tags.append(
                (
                    self.tr("Penalty −{0} each, at most −{1}").format(
                        f"{item.penalty:g}", f"{item.penalty_cap:g}"
                    ),
                    "tag",
                )
            )
        elif item.penalty:
            tags.append((self.tr("Penalty −{0}").format(f"{item.penalty:g}"), "tag"))
        if item.points:
            tags.append((self.tr("{0} pt").format(f"{item.points:g}"), "tag"))
        if not item.required:
            tags.append((self.tr("Optional"), "tag"))
        if item.redact:
            tags.append((self.tr("Photos may show personal data: redact"), "tag"))
        for n, (text, name) in enumerate(tags):
            label = QLabel(text)
            label.setObjectName(name)
            if n in tips:
                label.setToolTip(tips[n])
            self.tags.addWidget(label)
            self._tag_widgets.append(label)
        self.tags.addStretch(1)

    def _note_changed(self) -> None:
        self._note_timer.start()
        self._keep_timer.start()
        self.show_save_state("typing")

    def _keep_note(self) -> None:
        self._keep_timer.stop()
        if self.item is not None and not self._read_only:
            self.note_typed.emit(self.item.id, self.note_edit.toPlainText())

    def _commit_note(self) -> None:
        if self.item is None:
            return
        note = self.note_edit.toPlainText()
        if note != self._saved_note:
            self._saved_note = note
            self.note_edit.document().setModified(False)
            self.note_edited.emit(self.item.id, note)

    def flush(self) -> None:
        """Save what is being typed now (navigation, closing, finalizing)."""
        self.answer_panel.flush()
        self.flush_note()

    def flush_note(self) -> None:
        """Save the note being typed now (an undo keeps it; an answer is not flushed)."""
        self._keep_timer.stop()  # recorded now: nothing left to keep
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._commit_note()
