"""The runner page: one inspection from the first item to sign-off.

Every change is its own committed unit of work (a function of
:mod:`inspector.services.commands.inspections`, given the database and the inspection's
UUID), made the moment the user makes it; the page then reads a fresh
:class:`InspectionState` (:func:`inspector.services.views.runner.inspection_state`) and
shows it everywhere. There is no save button and nothing to lose on a crash: the position
(inspection and item) is written to the settings on every navigation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain.answers import Answer
from inspector.domain.checklist import Evidence, Mode, Result
from inspector.errors import UserError
from inspector.services.commands import inspections as commands
from inspector.services.commands.typed import Field
from inspector.services.views.runner import InspectionState, inspection_state
from inspector.ui.errors import user_text
from inspector.ui.finalize import FinalizePanel
from inspector.ui.findings import FindingsPanel
from inspector.ui.models.inspections import mode_label, result_label, status_label
from inspector.ui.mystery import VisitPanel
from inspector.ui.phone import PhoneCaptureButton
from inspector.ui.photos.strip import EvidenceStrip
from inspector.ui.runner.item_view import ItemView
from inspector.ui.runner.navigator import Navigator
from inspector.ui.runner.score_panel import ScorePanel
from inspector.ui.runner.typed import TypedText
from inspector.ui.runner.undo import AnswerCommand
from inspector.ui.settings import AppSettings
from inspector.ui.summary import SummaryPanel
from inspector.ui.zones import zone_suffix

log = logging.getLogger(__name__)


class RunnerPage(QWidget):
    """Signals:
    home_requested(): back to the inspections list.
    inspection_changed(str): (uuid) something was committed (the home list refreshes).
    inspection_finalized(str), inspection_amended(str): sign-off and new revision.
    status_message(str): a short message for the status bar.
    """

    home_requested = Signal()
    inspection_changed = Signal(str)
    inspection_finalized = Signal(str)
    inspection_amended = Signal(str)
    status_message = Signal(str)
    state_changed = Signal()

    TAB_ITEM, TAB_FINDINGS, TAB_VISIT, TAB_SUMMARY, TAB_FINALIZE = range(5)

    def __init__(
        self, db: Database, settings: AppSettings, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, lang
        self.uuid: str | None = None
        self.state: InspectionState | None = None
        self.current_item: str | None = None
        self.undo_stack = QUndoStack(self)
        # The fields whose typing is kept (services/typed.py) and not yet recorded.
        self.typed = TypedText(db, self, self.status_message.emit)

        # header
        self.title_label = QLabel()
        self.title_label.setObjectName("pageTitle")
        self.title_label.setStyleSheet("color: white;")
        self.subtitle_label = QLabel()
        self.home_button = QPushButton(self.tr("◀ Inspections"))
        self.home_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.home_button.clicked.connect(self._go_home)
        header = QFrame()
        header.setObjectName("header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 10, 20, 10)
        hl.setSpacing(16)
        hl.addWidget(self.home_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle_label)
        hl.addLayout(titles, 1)
        self.readonly_label = QLabel()
        self.readonly_label.setObjectName("readOnlyBadge")
        hl.addWidget(self.readonly_label)
        self.phone_button = PhoneCaptureButton(self)
        hl.addWidget(self.phone_button)

        # item tab
        self.navigator = Navigator()
        self.navigator.setMinimumWidth(230)
        self.navigator.item_activated.connect(self.go_to_item)
        # Ctrl+F: find an item by its text or id; Enter opens the first match.
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Find an item (text or id)  [Ctrl+F]"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search_changed)
        self.search_edit.returnPressed.connect(self._search_go)
        self.search_edit.installEventFilter(self)
        nav_box = QWidget()
        nav_lay = QVBoxLayout(nav_box)
        nav_lay.setContentsMargins(0, 0, 0, 0)
        nav_lay.setSpacing(6)
        nav_lay.addWidget(self.search_edit)
        nav_lay.addWidget(self.navigator, 1)
        self.item_view = ItemView()
        self.item_view.answer_panel.answer_requested.connect(self._answer_requested)
        self.item_view.answer_panel.invalid_value.connect(self.status_message)
        self.item_view.note_edited.connect(self._note_edited)
        self.item_view.note_typed.connect(partial(self.typed.keep, Field.NOTE))
        self.item_view.answer_panel.value_typed.connect(partial(self.typed.keep, Field.VALUE))
        self.item_view.next_requested.connect(self.next_item)
        self.item_view.previous_requested.connect(self.previous_item)
        self.item_view.summary_requested.connect(self.show_summary)
        self.item_view.confirm_copied_requested.connect(self.confirm_copied)
        self.item_view.answer_panel.leave_value_field.connect(self.setFocus)
        self.item_view.answer_panel.invalid_value.connect(
            lambda _: self.item_view.show_save_state("refused")
        )
        self.score_panel = ScorePanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(nav_box)
        split.addWidget(self.item_view)
        split.addWidget(self.score_panel)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 0)
        split.setSizes([270, 760, 270])
        split.setChildrenCollapsible(False)
        item_tab = QWidget()
        itl = QHBoxLayout(item_tab)
        itl.setContentsMargins(12, 12, 12, 12)
        itl.addWidget(split)

        self.findings_panel = FindingsPanel()
        self.findings_panel.finding_edited.connect(self._finding_edited)
        self.findings_panel.action_typed.connect(partial(self.typed.keep, Field.ACTION))
        self.findings_panel.item_requested.connect(self.go_to_item)
        self.findings_panel.recheck_requested.connect(lambda item_id: self.start_recheck(item_id))
        self.visit_panel = VisitPanel()
        self.visit_panel.visit_edited.connect(self._visit_edited)
        self.visit_panel.narrative_edited.connect(self._narrative_edited)
        self.visit_panel.fact_typed.connect(partial(self.typed.keep, Field.VISIT))
        self.summary_panel = SummaryPanel()
        self.summary_panel.editor.edited.connect(self._narrative_edited)
        for editor in (self.summary_panel.editor, self.visit_panel.narrative):
            editor.typed.connect(partial(self.typed.keep, Field.NARRATIVE, ""))
        self.finalize_panel = FinalizePanel()
        self.finalize_panel.manager_edited.connect(self._manager_edited)
        self.finalize_panel.manager_typed.connect(partial(self.typed.keep, Field.MANAGER, ""))
        self.finalize_panel.missing_activated.connect(self._missing_activated)
        self.finalize_panel.finalize_requested.connect(self._finalize)
        self.finalize_panel.amend_requested.connect(self._amend)
        self.finalize_panel.recheck_requested.connect(lambda: self.start_recheck())

        self.tabs = QTabWidget()
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(item_tab, self.tr("Checklist"))
        self.tabs.addTab(self.findings_panel, self.tr("Findings"))
        self.tabs.addTab(self.visit_panel, self.tr("Visit"))
        self.tabs.addTab(self.summary_panel, self.tr("Summary"))
        # The sign-off page scrolls rather than setting the window's minimum height: a tab
        # stack is as tall as its tallest page, and this page alone outgrew a laptop screen.
        self.tabs.addTab(_scrolled(self.finalize_panel), self.tr("Finalize"))
        self.tabs.currentChanged.connect(self._tab_changed)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(self.tabs, 1)
        self._evidence_target: tuple[str, str, bool] | None = None
        self.evidence = EvidenceStrip(db)
        self.evidence.lang = lang
        self.evidence.photos_changed.connect(self._photos_changed)
        self.evidence.photo_shown.connect(lambda _id: self.item_view.reveal_evidence())
        self.item_view.add_evidence_widget(self.evidence)

    # ---------------------------------------------------------------- opening
    def paste_photo(self) -> None:
        """Ctrl+V outside a text field: the clipboard image becomes evidence of this item."""
        fw = QApplication.focusWidget()
        if isinstance(fw, QLineEdit | QPlainTextEdit):
            if not fw.isReadOnly():
                fw.paste()
            return
        if self.tabs.currentIndex() == self.TAB_ITEM and self.state and not self.state.read_only:
            self.evidence.paste()

    def open(self, uuid: str, item_id: str | None = None) -> None:
        """Show inspection ``uuid`` at ``item_id`` (else the first unanswered item)."""
        self.flush()
        self.typed.discard()
        self._evidence_target = None
        recovered = self.typed.recover(uuid)
        state = inspection_state(self.db, uuid)
        # Every widget that shows one inspection starts again from this one's record:
        # nothing typed, drawn or selected for the one before may carry over.
        self.reset_panels()
        self.uuid = state.uuid
        self.undo_stack.clear()
        self.current_item = None
        self.state = state
        self.tabs.setCurrentIndex(self.TAB_ITEM)
        visible = [i.id for i in state.visible_items()]
        if item_id not in visible:
            unanswered = [
                i for i in visible if state.answers.get(i) is None or state.answers[i].is_empty
            ]
            item_id = unanswered[0] if unanswered else (visible[0] if visible else None)
        self._show_state()
        if item_id:
            self.go_to_item(item_id)
        self.focus_item()
        if recovered:
            self.status_message.emit(recovered)

    def item_title(self, item_id: str, state: InspectionState | None = None) -> str:
        """「title」 of ``item_id`` in the app's language (people read titles, never ids)."""
        st = state or self.state
        try:
            text = st.checklist.item(item_id).text.get(self.lang) if st else item_id
        except KeyError:
            text = item_id
        text = text if len(text) <= 40 else text[:39] + "…"
        return self.tr("“{0}”").format(text)

    def actor_for(self, uuid: str) -> str:
        return self.settings.inspector_name() or (
            self.state.inspector if self.state and self.state.uuid == uuid else ""
        )

    def reset_panels(self) -> None:
        """Forget the inspection shown (its pending typing is already flushed)."""
        self.search_edit.clear()
        self.item_view.reset()
        self.findings_panel.reset()
        self.visit_panel.reset()
        self.summary_panel.editor.reset()
        self.finalize_panel.reset()
        self.navigator.forget()
        self.current_item = None

    def close_inspection(self) -> None:
        self.flush()
        self.typed.discard()
        self.reset_panels()
        self.uuid = None
        self.state = None

    def focus_item(self) -> None:
        """After moving to an item: its value field takes the focus (a measurement or a
        count: digits typed are the value, never a judgement), else the page (keys 1/2/3)."""
        field = self.item_view.answer_panel.value_field()
        on_item = self.tabs.currentIndex() == self.TAB_ITEM
        if field is not None and on_item and self.state is not None and not self.state.read_only:
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()
        else:
            self.setFocus()

    # ---------------------------------------------------------------- committing
    def _commit(self, fn: Callable[[str], object], *, quiet: bool = False) -> bool:
        """Run the command ``fn(uuid)`` (its own unit of work) on the current inspection,
        then refresh."""
        if self.uuid is None:
            return False
        try:
            fn(self.uuid)
        except UserError as e:
            log.info("refused: %s", e)
            if quiet:
                self.status_message.emit(user_text(e))
            else:
                QMessageBox.warning(self, self.tr("Not saved"), user_text(e))
            self.refresh()
            return False
        self.refresh()
        self.inspection_changed.emit(self.uuid)
        return True

    def refresh(self) -> None:
        if self.uuid is None:
            return
        self.state = inspection_state(self.db, self.uuid)
        self._show_state()

    @property
    def actor(self) -> str:
        return self.settings.inspector_name() or (self.state.inspector if self.state else "")

    def apply_answer(self, item_id: str, answer: Answer | None, *, navigate: bool = False) -> bool:
        """Store ``answer`` for ``item_id`` (None clears it) as one committed change."""
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.store_answer(db, uuid, item_id, answer, actor=actor)
        )
        if ok and navigate and item_id != self.current_item:
            self.go_to_item(item_id)
        return ok

    def restore_answer(self, item_id: str, answer: Answer | None) -> bool:
        """Undo / redo: ``answer``'s judgement and value back, the item's note kept."""
        # A note being typed is saved first, so it is kept, not lost (an answer being
        # typed is not: saving it would push onto the undo stack while it undoes).
        self.item_view.flush_note()
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.restore_answer(db, uuid, item_id, answer, actor=actor)
        )
        if ok and item_id != self.current_item:
            self.go_to_item(item_id)
        return ok

    def _answer_requested(self, item_id: str, answer: object) -> None:
        # The item the value was typed for, not the one shown now: a refresh (an undo, an
        # answer hiding a follow-up) may have moved on before pending typing was saved.
        if self.state is None or self.state.read_only or not isinstance(answer, Answer):
            return
        old = self.state.answers.get(item_id)
        new = replace(answer, note=old.note if old else "")
        if old is not None and old.result == new.result and old.value == new.value:
            return
        ok = self.apply_answer(item_id, new)
        self.typed.settled(Field.VALUE, item_id, ok)
        if ok:
            title = self.item_title(item_id)
            if new.result is not None:
                label = result_label(new.result)
            else:
                label = "—" if new.value is None else str(new.value)
            self.undo_stack.push(
                AnswerCommand(
                    self, item_id, old, new, self.tr("answer {0}: {1}").format(title, label)
                )
            )
            self.status_message.emit(self.tr("Saved {0}").format(title))

    def answer_current(self, result: Result) -> None:
        """Keys 1/2/3 (and the Answer menu)."""
        if self.tabs.currentIndex() != self.TAB_ITEM:
            return
        # A digit typed into a field never gets here: the field takes it as input (Qt's
        # shortcut override), so this is a key on the page or the Answer menu.
        self.item_view.answer_panel.judge(result)

    def current_is_scale(self) -> bool:
        """Digit keys choose a step of the scale on this item, not pass/fail/N/A."""
        if self.state is None or self.current_item is None:
            return False
        return self.state.checklist.item(self.current_item).scale is not None

    def answer_scale(self, value: int) -> None:
        """Digit keys on a scale item: that step of the scale."""
        if self.tabs.currentIndex() != self.TAB_ITEM or _typing_in(QApplication.focusWidget()):
            return
        if not self.item_view.answer_panel.choose_scale(value):
            self.status_message.emit(self.tr("{0} is not on this item's scale").format(value))

    def confirm_copied(self, item_id: str | None = None) -> None:
        """Confirm the copied answer of ``item_id`` (Ctrl+R: of the current item)."""
        item_id = item_id or self.current_item
        if item_id is None or self.state is None or item_id not in self.state.copied:
            return
        actor, db = self.actor, self.db
        if self._commit(
            lambda uuid: commands.confirm_copied_answer(db, uuid, item_id, actor=actor)
        ):
            self.undo_stack.clear()  # undo would not bring back the copy: start afresh
            self.status_message.emit(self.tr("Re-verified {0}").format(self.item_title(item_id)))

    def _note_edited(self, item_id: str, note: str) -> None:
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.set_note(db, uuid, item_id, note, actor=actor), quiet=True
        )
        self.typed.settled(Field.NOTE, item_id, ok)

    def _finding_edited(self, item_id: str, fields: dict[str, Any]) -> None:
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.update_finding(db, uuid, item_id, actor=actor, **fields),
            quiet=True,
        )
        if "action" in fields:
            self.typed.settled(Field.ACTION, item_id, ok)

    def _visit_edited(self, fields: dict[str, Any]) -> None:
        actor, db = self.actor, self.db
        refused: list[str] = []

        def save(uuid: str) -> None:
            try:
                commands.set_visit(db, uuid, actor=actor, **fields)
            except UserError as e:
                refused.append(user_text(e))  # e.g. the wave plays another scenario
                raise

        ok = self._commit(save, quiet=True)
        if ok:
            for fact in fields:
                self.typed.recorded(Field.VISIT, fact)
        self.visit_panel.show_refusal(refused[0] if refused else "")

    def _manager_edited(self, name: str) -> None:
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.set_manager_name(db, uuid, name, actor=actor), quiet=True
        )
        self.typed.settled(Field.MANAGER, "", ok)

    def _narrative_edited(self, text: str) -> None:
        actor, db = self.actor, self.db
        ok = self._commit(
            lambda uuid: commands.set_narrative(db, uuid, text, actor=actor), quiet=True
        )
        self.typed.settled(Field.NARRATIVE, "", ok)

    def _photos_changed(self) -> None:
        self.refresh()
        if self.uuid:
            self.inspection_changed.emit(self.uuid)

    def _finalize(self, by: str, manager: str, signature: object) -> None:
        self.flush()
        png = signature if isinstance(signature, bytes) else None
        db = self.db

        def change(uuid: str) -> None:
            commands.finalize(db, uuid, by=by, manager_name=manager or None, manager_signature=png)

        if self._commit(change):
            self.settings.set_inspector_name(by) if not self.settings.inspector_name() else None
            self.undo_stack.clear()
            self.status_message.emit(self.tr("Inspection finalized"))
            if self.uuid:
                self.inspection_finalized.emit(self.uuid)

    def amend(self, reason: str) -> bool:
        actor, db = self.actor, self.db
        ok = self._commit(lambda uuid: commands.amend(db, uuid, reason=reason, actor=actor))
        if ok and self.uuid:
            self.undo_stack.clear()
            self.status_message.emit(self.tr("New revision created"))
            self.inspection_amended.emit(self.uuid)
            self.tabs.setCurrentIndex(self.TAB_ITEM)
        return ok

    def _amend(self, reason: str) -> None:
        self.amend(reason)

    def start_recheck(self, item_id: str | None = None, *, confirm: bool = True) -> str | None:
        """Start a re-check of this finalized inspection (from the Finalize tab, or from one
        of its findings: the new inspection then opens on that item); its UUID."""
        st = self.state
        if st is None or not st.read_only:
            return None
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Start a re-check"),
                self.tr(
                    "Start a new inspection of {0} {1} that re-checks this one? When it is "
                    "finalized, every open finding it finds passed is closed."
                ).format(st.branch_code, st.branch_name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            new_uuid = commands.start_recheck(self.db, st.uuid, actor=self.actor)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Start a re-check"), user_text(e))
            return None
        self.open(new_uuid, item_id)
        self.inspection_changed.emit(new_uuid)
        self.status_message.emit(self.tr("Re-check started"))
        return new_uuid

    # ---------------------------------------------------------------- navigation
    def visible_ids(self) -> list[str]:
        return [i.id for i in self.state.visible_items()] if self.state else []

    def go_to_item(self, item_id: str) -> None:
        if self.state is None or not self.state.is_visible(item_id):
            return
        if self.tabs.currentIndex() != self.TAB_ITEM:
            self.tabs.setCurrentIndex(self.TAB_ITEM)
        if item_id != self.current_item:
            self.item_view.flush()
            self.typed.discard()
            self.item_view.show_save_state("")
        self.current_item = item_id
        self._show_item()
        if self.uuid:
            self.settings.set_last_position(self.uuid, item_id)

    def next_from_keyboard(self) -> None:
        """The Enter key: next item, except in multi-line text where it is a new line."""
        fw = QApplication.focusWidget()
        if isinstance(fw, QPlainTextEdit) and not fw.isReadOnly():
            fw.insertPlainText("\n")
            return
        if fw is self.search_edit:
            self._search_go()
            return
        self.next_item()

    def next_item(self) -> None:
        if self.tabs.currentIndex() != self.TAB_ITEM:
            return
        self.item_view.flush()
        ids = self.visible_ids()
        if not ids:
            return
        pos = ids.index(self.current_item) if self.current_item in ids else -1
        if pos + 1 < len(ids):
            self.go_to_item(ids[pos + 1])
        else:
            self.tabs.setCurrentIndex(self.TAB_FINALIZE)
        self.focus_item()

    def previous_item(self) -> None:
        if self.tabs.currentIndex() != self.TAB_ITEM:
            self.tabs.setCurrentIndex(self.TAB_ITEM)
            return
        self.item_view.flush()
        ids = self.visible_ids()
        if self.current_item in ids:
            pos = ids.index(self.current_item)
            if pos > 0:
                self.go_to_item(ids[pos - 1])
        self.focus_item()

    def next_matching(self, wanted: Callable[[str], bool]) -> bool:
        """Go to the next visible item after the current one (wrapping) that ``wanted``."""
        ids = self.visible_ids()
        if not ids:
            return False
        pos = ids.index(self.current_item) if self.current_item in ids else -1
        for item_id in ids[pos + 1 :] + ids[: pos + 1]:
            if wanted(item_id):
                self.item_view.flush()
                self.go_to_item(item_id)
                self.focus_item()
                return True
        return False

    def next_unanswered(self) -> None:
        """Ctrl+J: the next item with no answer (a copied answer to re-verify counts)."""
        st = self.state
        if st is None:
            return
        if not self.next_matching(lambda i: st.answers.get(i) is None or st.answers[i].is_empty):
            self.status_message.emit(self.tr("Every visible item is answered."))

    def next_needing_photo(self) -> None:
        """Ctrl+Shift+J: the next item that still needs a photo for sign-off."""
        st = self.state
        if st is None:
            return
        needing = {m.item_id for m in st.missing if m.kind == "evidence" and m.item_id}
        # Also items whose rule asks for a photo but are not answered yet.
        for item in st.visible_items():
            if item.evidence.for_mode(st.mode) == Evidence.REQUIRED and not st.photos.get(item.id):
                ans = st.answers.get(item.id)
                if ans is None or ans.result != Result.NA:
                    needing.add(item.id)
        if not self.next_matching(lambda i: i in needing):
            self.status_message.emit(self.tr("No item still needs a photo."))

    def add_photo(self) -> None:
        """Ctrl+O: choose photo files for the current item."""
        if self.state is None or self.state.read_only or self.current_item is None:
            return
        if self.tabs.currentIndex() != self.TAB_ITEM:
            self.tabs.setCurrentIndex(self.TAB_ITEM)
        self.evidence.choose_files()

    def summary_tab(self) -> int:
        """Where the written account is: the Visit tab of a mystery visit, else Summary."""
        return self.TAB_VISIT if self.tabs.isTabVisible(self.TAB_VISIT) else self.TAB_SUMMARY

    def show_summary(self) -> None:
        """Ctrl+3: the summary (总体描述) or the visit narrative, ready to type."""
        if self.state is None:
            return
        tab = self.summary_tab()
        self.tabs.setCurrentIndex(tab)
        editor = self.visit_panel.narrative if tab == self.TAB_VISIT else self.summary_panel.editor
        editor.edit.setFocus()

    def show_manager(self) -> None:
        """Ctrl+M: the sign-off's branch-manager name."""
        if self.state is None:
            return
        self.tabs.setCurrentIndex(self.TAB_FINALIZE)
        edit = self.finalize_panel.manager_edit
        if edit.isVisibleTo(self.finalize_panel):
            edit.setFocus()
        else:
            self.finalize_panel.inspector_edit.setFocus()

    def find_item(self) -> None:
        """Ctrl+F: the item search box."""
        if self.state is None:
            return
        self.tabs.setCurrentIndex(self.TAB_ITEM)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_changed(self, text: str) -> None:
        self._matches = self.navigator.set_filter(text)

    _matches: list[str] = []  # noqa: RUF012 - replaced, never mutated

    def _search_go(self) -> None:
        matches = [m for m in self._matches if self.state and self.state.is_visible(m)]
        if not matches:
            self.status_message.emit(self.tr("No item matches."))
            return
        self.go_to_item(matches[0])
        self.focus_item()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.search_edit.clear()
            self.focus_item()
            return True
        return super().eventFilter(watched, event)

    def _missing_activated(self, kind: str, item_id: str) -> None:
        if kind == "rectification":
            # A red-line finding without action or owner is completed in the findings tab.
            self.tabs.setCurrentIndex(self.TAB_FINDINGS)
        elif item_id:
            self.go_to_item(item_id)
            self.focus_item()
        elif kind == "narrative":
            self.show_summary()
        elif kind == "visit":
            self.tabs.setCurrentIndex(self.TAB_VISIT)
        elif kind == "manager":
            self.show_manager()

    def _tab_changed(self, index: int) -> None:
        self.flush()

    def _go_home(self) -> None:
        self.flush()
        self.home_requested.emit()

    def flush(self) -> None:
        """Commit whatever is being typed (a note, a narrative, an action)."""
        self.item_view.flush()
        self.visit_panel.flush()
        self.summary_panel.editor.flush()
        self.findings_panel.flush()
        self.finalize_panel.flush()

    # ---------------------------------------------------------------- showing
    def _show_state(self) -> None:
        st = self.state
        if st is None:
            return
        lang = self.lang
        self.title_label.setText(f"{st.branch_code}  {st.branch_name}")
        rev = f" · r{st.revision}" if st.revision > 1 else ""
        copied = ""
        if st.copied_from:
            copied = " · " + self.tr("copied from {0}").format(st.copied_from[:8])
        self.subtitle_label.setText(
            f"{st.checklist.title.get(lang)} · {mode_label(st.mode)} · "
            f"{status_label(st.status)}{rev} · {st.started.isoformat()}{zone_suffix()}{copied}"
        )
        # A framed badge, no emoji: the bundled CJK font has no 🔒 (it was a box before 只读).
        self.readonly_label.setText(self.tr("Read-only") if st.read_only else "")
        self.readonly_label.setVisible(st.read_only)
        c = st.checklist
        show_visit = st.mode == Mode.MYSTERY and bool(
            c.visit_facts or c.scenarios or (c.narrative and st.mode in c.narrative.modes)
        )
        self.tabs.setTabVisible(self.TAB_VISIT, show_visit)
        # The on-site summary (总体描述) has its own tab; a visit's narrative is in Visit.
        self.tabs.setTabVisible(self.TAB_SUMMARY, not show_visit)
        n = len(st.findings)
        self.tabs.setTabText(
            self.TAB_FINDINGS, self.tr("Findings ({0})").format(n) if n else self.tr("Findings")
        )
        m = len(st.missing)
        self.tabs.setTabText(
            self.TAB_FINALIZE,
            self.tr("Finalize ({0} to do)").format(m) if m else self.tr("Finalize"),
        )
        self.score_panel.update_state(st, lang)
        self.findings_panel.update_state(st, lang)
        if show_visit:
            self.visit_panel.update_state(st, lang)
        else:
            self.summary_panel.update_state(st, lang)
        self.finalize_panel.update_state(st, lang, self.settings.inspector_name())
        if self.current_item is not None and not st.is_visible(self.current_item):
            # The answer just given hid this item's follow-up; stay on a visible one (what
            # was being typed there is saved for that item when its field is replaced).
            ids = self.visible_ids()
            self.current_item = ids[0] if ids else None
        self._show_item()
        self.state_changed.emit()

    def _show_item(self) -> None:
        st = self.state
        if st is None or self.current_item is None:
            return
        self.navigator.update_state(st, self.lang, self.current_item)
        item = st.checklist.item(self.current_item)
        ids = self.visible_ids()
        self.item_view.show_item(
            item,
            st.checklist.section_of(item.id),
            st.answers.get(item.id),
            mode=st.mode,
            lang=self.lang,
            read_only=st.read_only,
            position=(ids.index(item.id) + 1, len(ids)),
            photos=st.photos.get(item.id, 0),
            copied=st.copied.get(item.id),
            copied_from=st.copied_from or "",
            scenario=st.visit.get("scenario") or None,
        )
        target = (st.uuid, item.id, st.read_only)
        if target != self._evidence_target:
            # Only on a change of item: the strip reloads its thumbnails on set_target.
            self._evidence_target = target
            self.evidence.actor = self.actor
            self.evidence.set_target(*target)
        self.state_changed.emit()  # the Answer menu depends on the item (scale or not)


def _typing_in(w: QWidget | None) -> bool:
    """Is ``w`` an editable text or number field (where a digit is input)?"""
    if isinstance(w, QLineEdit):
        return not w.isReadOnly()
    if isinstance(w, QPlainTextEdit | QTextEdit):
        return not w.isReadOnly()
    if isinstance(w, QAbstractSpinBox):
        return not w.isReadOnly()
    return isinstance(w, QComboBox) and w.isEditable()


def _scrolled(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area that follows its width and scrolls vertically."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area
