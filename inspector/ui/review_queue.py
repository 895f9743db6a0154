"""HQ's review queue (整改验收): the branches' submitted answers, each beside the finding's
inspection photos, accepted or returned; and sending a branch its rectification notice.

Its strings are translated in the ``ReviewQueue`` context of
``resources/i18n/rectify_zh_CN.ts``, with the Rectification screen's
(:mod:`inspector.ui.rectification`); so are the HQ dashboard's words for the loop's states
below.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain.states import FindingState
from inspector.errors import UserError
from inspector.services.rectification import notice, response, review
from inspector.services.rectification.formats import RESPONSE_SUFFIX
from inspector.ui import filedialogs
from inspector.ui.errors import user_text
from inspector.ui.photos.editor import os_user
from inspector.ui.rectification import photo_strip, thumb_pixmap
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)


def queue_title() -> str:
    """The HQ dashboard's tab title for the review queue."""
    return QCoreApplication.translate("ReviewQueue", "Responses to review")


def response_filter() -> str:
    """The import dialog's file filter for branch responses."""
    return QCoreApplication.translate("ReviewQueue", "Rectification responses (*%1)").replace(
        "%1", RESPONSE_SUFFIX
    )


def state_name(state: FindingState) -> str:
    """A finding state's name for the HQ dashboard's tables (its translations live here)."""
    names: dict[FindingState, str] = {
        FindingState.SUBMITTED: QCoreApplication.translate("ReviewQueue", "awaiting review"),
        FindingState.RETURNED: QCoreApplication.translate("ReviewQueue", "returned"),
    }
    return names.get(state, state)


def count_title(state: FindingState) -> str:
    """The HQ dashboard's per-branch column titles for the loop's states."""
    names: dict[FindingState, str] = {
        FindingState.SUBMITTED: QCoreApplication.translate("ReviewQueue", "Awaiting review"),
        FindingState.RETURNED: QCoreApplication.translate("ReviewQueue", "Returned"),
    }
    return names.get(state, state)


class ReviewQueue(QWidget):
    """HQ: the branches' submitted answers to review (整改验收), each with the finding's
    photos from the inspection beside the branch's photos after rectification; and
    sending a branch its rectification notice."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, actor: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor or os_user()
        self.settings = AppSettings()
        self._rows: list[review.QueueEntry] = []

        self.list = QListWidget()
        self.list.setMinimumWidth(260)
        self.list.currentRowChanged.connect(self._chosen)
        self.send_button = QPushButton(self.tr("Send rectification notice…"))
        self.send_button.clicked.connect(self.choose_branch)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.list, 1)
        ll.addWidget(self.send_button)

        self.finding = QLabel()
        self.finding.setWordWrap(True)
        self.finding.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.before = photo_strip()
        self.after = photo_strip()
        photos_row = QHBoxLayout()
        for title, strip in (
            (self.tr("At the inspection"), self.before),
            (self.tr("After rectification"), self.after),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(title))
            box.addWidget(strip)
            photos_row.addLayout(box)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("HQ's note (needed to return an answer)"))
        self.accept_button = QPushButton(self.tr("Accept (close the finding)"))
        self.accept_button.setObjectName("primary")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.return_button = QPushButton(self.tr("Return to the branch"))
        self.return_button.clicked.connect(lambda: self.decide(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.accept_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.finding)
        rl.addLayout(photos_row)
        rl.addWidget(self.answer)
        rl.addStretch(1)
        rl.addLayout(buttons)
        self.empty = QLabel(self.tr("No branch response waiting for review."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        rl.insertWidget(0, self.empty)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([300, 700])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)

    def refresh(self) -> None:
        try:
            self._rows = review.queue(self.db)
        except UserError as e:
            log.warning("review queue: %s", e)
            self._rows = []
        self.list.blockSignals(True)
        self.list.clear()
        zh = self.tr("Rectification") != "Rectification"
        for r in self._rows:
            flags = ""
            if r.late:
                flags += " · " + self.tr("late")
            if not r.trusted:
                flags += " · " + self.tr("untrusted key")
            self.list.addItem(
                f"{r.branch_code} {r.branch_name}\n{r.title('zh' if zh else 'en')}\n"
                f"{r.number} · r{r.response_revision}{flags}"
            )
        self.list.blockSignals(False)
        has = bool(self._rows)
        self.empty.setVisible(not has)
        for w in (self.finding, self.answer, self.before, self.after, self.note,
                  self.accept_button, self.return_button):  # fmt: skip
            w.setVisible(has)
        if has:
            self.list.setCurrentRow(0)
            self._chosen(0)

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        r = self._rows[row]
        zh = self.tr("Rectification") != "Rectification"
        self.finding.setText(
            "\n".join(
                [
                    r.title("zh" if zh else "en"),
                    self.tr("Required: %1").replace("%1", r.action or "—"),
                    self.tr("Deadline: %1").replace(
                        "%1", r.deadline.isoformat() if r.deadline else "—"
                    ),
                ]
            )
        )
        lines = [
            self.tr("Measures: %1").replace("%1", r.note),
            self.tr("Cause: %1").replace("%1", r.cause or "—"),
            self.tr("Prevention: %1").replace("%1", r.prevention or "—"),
            self.tr("Done on %1 by %2")
            .replace("%1", r.done_on.isoformat() if r.done_on else "—")
            .replace("%2", r.done_by or "—"),
        ]
        if not r.trusted:
            lines.append(self.tr("Signed by a key not bound to the branch: %1").replace(
                "%1", r.signer))  # fmt: skip
        self.answer.setText("\n".join(lines))
        self.before.clear()
        for pid in r.finding_photo_ids:
            self._add(self.before, lambda p=pid: review.finding_photo(self.db, p))
        self.after.clear()
        for pid in r.photo_ids:
            self._add(self.after, lambda p=pid: response.photo_image(self.db, p, "thumb"))

    def _add(self, strip: QListWidget, load: Any) -> None:
        try:
            strip.addItem(QListWidgetItem(QIcon(thumb_pixmap(load())), ""))
        except UserError as e:
            log.warning("photo in the review queue: %s", e)

    def decide(self, accept: bool) -> bool:
        row = self.list.currentRow()
        if not 0 <= row < len(self._rows):
            return False
        r = self._rows[row]
        try:
            review.review(
                self.db,
                r.notice,
                f"{r.inspection}:{r.item}",
                accept=accept,
                note=self.note.text(),
                actor=self.actor,
            )
        except UserError as e:
            QMessageBox.warning(self, self.tr("Not saved"), user_text(e))
            return False
        self.note.clear()
        self.refresh()
        self.changed.emit()
        return True

    def choose_branch(self) -> None:
        branches = notice.branches_to_notify(self.db)
        if not branches:
            QMessageBox.information(
                self, self.tr("Rectification notice"), self.tr("No branch has open findings.")
            )
            return
        labels = [
            self.tr("%1 %2 (%3 findings)").replace("%1", c).replace("%2", n).replace("%3", str(k))
            for c, n, k in branches
        ]
        label, ok = QInputDialog.getItem(
            self, self.tr("Rectification notice"), self.tr("Branch:"), labels, 0, False
        )
        if not ok:
            return
        folder = filedialogs.choose_folder(
            self, self.tr("Folder for the notice"), self.settings.last_folder()
        )
        if folder is not None:
            self.settings.set_last_folder(str(folder))
            self.send_notice(branches[labels.index(label)][0], folder)

    def send_notice(self, code: str, folder: Path) -> Path | None:
        zh = self.tr("Rectification") != "Rectification"
        try:
            issued = notice.issue(
                self.db, code, folder, actor=self.actor, lang="zh" if zh else "en"
            )
        except UserError as e:
            QMessageBox.warning(self, self.tr("Notice not written"), user_text(e))
            return None
        QMessageBox.information(
            self,
            self.tr("Rectification notice"),
            self.tr("%1 (revision %2): %3 findings, due %4.\n\nSend this file to the branch:\n%5")
            .replace("%1", issued.number)
            .replace("%2", str(issued.revision))
            .replace("%3", str(issued.findings))
            .replace("%4", issued.deadline.isoformat())
            .replace("%5", str(issued.notice_path)),
        )
        self.changed.emit()
        return issued.notice_path
