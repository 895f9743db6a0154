"""The Rectification screen (整改): the branch opens HQ's notice, answers each finding with
photos (redacted in the photo editor), and writes the signed response for HQ.

Everything goes through :mod:`inspector.services.rectification` by the database handle
and ids, as the CLI's ``inspector rectify …`` does; a refusal is shown in the app's words
and nothing is half-saved.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector import clock
from inspector.db import Database
from inspector.domain.states import FindingState
from inspector.errors import UserError
from inspector.services.rectification import listing, notice, response
from inspector.services.rectification.formats import NOTICE_SUFFIX
from inspector.text import rectification as TR
from inspector.ui import filedialogs
from inspector.ui.errors import user_text
from inspector.ui.photos.editor import PhotoEditorDialog, os_user
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)

THUMB = 96


def menu_title() -> str:
    """The main window's menu entry (its words live with this screen's translations)."""
    return QCoreApplication.translate("RectificationPage", "Rectification…")


def photo_strip() -> QListWidget:
    """A one-row strip of photo thumbnails."""
    strip = QListWidget()
    strip.setViewMode(QListWidget.ViewMode.IconMode)
    strip.setIconSize(QSize(THUMB, THUMB))
    strip.setFlow(QListWidget.Flow.LeftToRight)
    strip.setWrapping(False)
    strip.setFixedHeight(THUMB + 30)
    strip.setMovement(QListWidget.Movement.Static)
    return strip


def thumb_pixmap(data: bytes) -> QPixmap:
    pm = QPixmap()
    pm.loadFromData(data)
    return pm


class RectificationPage(QWidget):
    """Notices (left), their findings (middle), the answer to the selected finding (right).

    Signals:
        back_requested: the user wants the inspections list again.
    """

    back_requested = Signal()

    def __init__(self, db: Database, settings: AppSettings | None = None, actor: str = "") -> None:
        super().__init__()
        self.db = db
        self.settings = settings or AppSettings()
        self.actor = actor or os_user()
        self._notices: list[listing.ListedNotice] = []
        self._notice: listing.ListedNotice | None = None
        self._finding: listing.ListedFinding | None = None

        header = QFrame()
        header.setObjectName("header")
        hl = QHBoxLayout(header)
        hl.setContentsMargins(16, 10, 20, 10)
        hl.setSpacing(12)
        back = QPushButton(self.tr("◀ Inspections"))
        back.clicked.connect(self.back_requested)
        title = QLabel(self.tr("Rectification"))
        title.setObjectName("pageTitle")
        title.setStyleSheet("color: white;")
        self.open_button = QPushButton(self.tr("Open notice…"))
        self.open_button.clicked.connect(self.choose_notice)
        self.pdf_button = QPushButton(self.tr("Save notice PDF…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.export_button = QPushButton(self.tr("Write response for HQ…"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.choose_export)
        hl.addWidget(back)
        hl.addWidget(title, 1)
        for b in (self.open_button, self.pdf_button, self.export_button):
            hl.addWidget(b)

        self.notice_list = QListWidget()
        self.notice_list.setMinimumWidth(220)
        self.notice_list.currentRowChanged.connect(self._notice_chosen)

        self.findings = QTableWidget(0, 4)
        self.findings.setHorizontalHeaderLabels(
            [self.tr("Finding"), self.tr("Deadline"), self.tr("State"), self.tr("Answer")]
        )
        self.findings.verticalHeader().hide()
        self.findings.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.findings.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.findings.setWordWrap(True)
        h = self.findings.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.findings.currentCellChanged.connect(lambda r, *_: self._finding_chosen(r))

        # The finding as HQ described it.
        self.finding_text = QLabel()
        self.finding_text.setWordWrap(True)
        self.finding_text.setTextFormat(Qt.TextFormat.PlainText)
        self.hq_photos = photo_strip()

        # The branch's answer.
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What was done (整改措施)"))
        self.cause = QPlainTextEdit()
        self.cause.setPlaceholderText(self.tr("Why it happened (原因分析)"))
        self.prevention = QPlainTextEdit()
        self.prevention.setPlaceholderText(self.tr("What stops it recurring (长效机制)"))
        for w in (self.note, self.cause, self.prevention):
            w.setMaximumHeight(64)
        self.done = QCheckBox(self.tr("Done on"))
        self.done_on = QDateEdit()
        self.done_on.setCalendarPopup(True)
        self.done_on.setDisplayFormat("yyyy-MM-dd")
        self.done.toggled.connect(self.done_on.setEnabled)
        self.by = QLineEdit()
        self.not_yet_box = QCheckBox(self.tr("Not yet, because:"))
        self.not_yet = QLineEdit()
        self.not_yet_box.toggled.connect(self._not_yet_toggled)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done)
        done_row.addWidget(self.done_on)
        done_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Measures"), self.note)
        form.addRow(self.tr("Cause"), self.cause)
        form.addRow(self.tr("Prevention"), self.prevention)
        form.addRow("", done_row)
        form.addRow(self.tr("Responsible"), self.by)
        form.addRow(self.not_yet_box, self.not_yet)

        self.photos = photo_strip()
        self.photos.itemDoubleClicked.connect(lambda _i: self.edit_photo())
        add = QPushButton(self.tr("Add photos…"))
        add.clicked.connect(self.choose_photos)
        self.redact_button = QPushButton(self.tr("Redact…"))
        self.redact_button.clicked.connect(self.edit_photo)
        remove = QPushButton(self.tr("Remove photo"))
        remove.clicked.connect(self.remove_photo)
        self.save_button = QPushButton(self.tr("Save answer"))
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save_answer)
        buttons = QHBoxLayout()
        for b in (add, self.redact_button, remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        self.answer_panel = QWidget()
        right = QVBoxLayout(self.answer_panel)
        right.setContentsMargins(8, 8, 8, 8)
        right.addWidget(self._heading(self.tr("The finding")))
        right.addWidget(self.finding_text)
        right.addWidget(self.hq_photos)
        right.addWidget(self._heading(self.tr("Your answer")))
        right.addLayout(form)
        right.addWidget(self._heading(self.tr("Photos after rectification")))
        right.addWidget(self.photos)
        right.addLayout(buttons)
        right.addStretch(1)

        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(0, 0, 0, 0)
        self.notice_info = QLabel()
        self.notice_info.setWordWrap(True)
        self.notice_info.setTextFormat(Qt.TextFormat.PlainText)
        ml.addWidget(self.notice_info)
        ml.addWidget(self.findings, 1)

        split = QSplitter()
        split.addWidget(self.notice_list)
        split.addWidget(middle)
        split.addWidget(self.answer_panel)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 3)
        split.setSizes([220, 520, 600])

        self.empty = QLabel(
            self.tr(
                "No rectification notice yet. When HQ sends a notice (a .notice file), "
                "open it here to answer each finding."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(self.empty)
        lay.addWidget(split, 1)
        self._split = split
        self.refresh()

    # ------------------------------------------------------------ widgets
    def _heading(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: bold; margin-top: 6px;")
        return label

    def _not_yet_toggled(self, on: bool) -> None:
        self.not_yet.setEnabled(on)
        for w in (self.note, self.cause, self.prevention):
            w.setEnabled(not on)

    # ------------------------------------------------------------ data
    def refresh(self, select: str | None = None) -> None:
        """Re-read the notices; keep (or move to) the notice ``select`` names."""
        keep = select or (self._notice.id if self._notice else None)
        keep_item = self._finding.item if self._finding else None
        try:
            self._notices = listing.notices(self.db)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Rectification"), user_text(e))
            self._notices = []
        self.notice_list.blockSignals(True)
        self.notice_list.clear()
        row = 0
        for n, ln in enumerate(self._notices):
            done = sum(1 for f in ln.findings if f.answer)
            item = QListWidgetItem(
                f"{ln.number}\n{ln.branch_name or ln.branch}\n"
                + self.tr("Due %1 · %2 of %3 answered")
                .replace("%1", ln.deadline.isoformat() if ln.deadline else "—")
                .replace("%2", str(done))
                .replace("%3", str(len(ln.findings)))
            )
            self.notice_list.addItem(item)
            if ln.id == keep:
                row = n
        self.notice_list.blockSignals(False)
        has = bool(self._notices)
        self.empty.setVisible(not has)
        self._split.setVisible(has)
        self.pdf_button.setEnabled(has)
        self.export_button.setEnabled(has)
        if has:
            self.notice_list.setCurrentRow(row)
            self._notice_chosen(row, keep_item)

    def _notice_chosen(self, row: int, keep_item: str | None = None) -> None:
        if not 0 <= row < len(self._notices):
            return
        n = self._notices[row]
        self._notice = n
        self.notice_info.setText(
            self.tr("%1 · revision %2 · due %3 · HQ key %4")
            .replace("%1", n.number)
            .replace("%2", str(n.revision))
            .replace("%3", n.deadline.isoformat() if n.deadline else "—")
            .replace("%4", n.signer)
        )
        self.findings.setRowCount(len(n.findings))
        chosen = 0
        for r, f in enumerate(n.findings):
            title = f.title("zh" if self._zh() else "en")
            if f.repeat:
                title = self.tr("[Repeated] ") + title
            cells = [
                title,
                f.deadline.isoformat() if f.deadline else "—",
                self._state(f.status),
                self._answer(f.answer),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 2 and f.status in (FindingState.OVERDUE, FindingState.RETURNED):
                    item.setForeground(Qt.GlobalColor.red)
                self.findings.setItem(r, c, item)
            if f.item == keep_item:
                chosen = r
        self.findings.resizeRowsToContents()
        if n.findings:
            self.findings.setCurrentCell(chosen, 0)
            self._finding_chosen(chosen)

    def _zh(self) -> bool:
        return self.tr("Rectification") != "Rectification"

    def _state(self, status: FindingState) -> str:
        names: dict[FindingState, str] = {
            FindingState.OPEN: self.tr("Open"),
            FindingState.OVERDUE: self.tr("Overdue"),
            FindingState.RETURNED: self.tr("Returned"),
            FindingState.SUBMITTED: self.tr("Sent to HQ"),
            FindingState.CLOSED: self.tr("Closed"),
        }
        return names.get(status, status)

    def _answer(self, answer: str | None) -> str:
        if answer == "answered":
            return self.tr("Answered")
        if answer == "not_yet":
            return self.tr("Not yet")
        return self.tr("—")

    def _finding_chosen(self, row: int) -> None:
        if self._notice is None or not 0 <= row < len(self._notice.findings):
            return
        f = self._notice.findings[row]
        self._finding = f
        lang = "zh" if self._zh() else "en"
        lines = [f.title(lang)]
        if f.seen(lang):
            lines.append(self.tr("Seen: %1").replace("%1", f.seen(lang)))
        if f.action:
            lines.append(self.tr("Required: %1").replace("%1", f.action))
        lines.append(
            self.tr("Owner: %1 · deadline %2")
            .replace("%1", f.owner or "—")
            .replace("%2", f.deadline.isoformat() if f.deadline else "—")
        )
        if f.returned_note:
            lines.append(self.tr("HQ returned the last answer: %1").replace("%1", f.returned_note))
        self.finding_text.setText("\n".join(lines))
        self.hq_photos.clear()
        for sha in f.notice_photos:
            try:
                pm = thumb_pixmap(listing.notice_photo(self.db, sha))
            except UserError as e:
                log.warning("notice photo %s: %s", sha[:12], e)
                continue
            self.hq_photos.addItem(QListWidgetItem(QIcon(pm), ""))
        self.hq_photos.setVisible(bool(f.notice_photos))
        self.note.setPlainText(f.note)
        self.cause.setPlainText(f.cause)
        self.prevention.setPlainText(f.prevention)
        self.done.setChecked(f.done_on is not None)
        self.done_on.setEnabled(f.done_on is not None)
        day = f.done_on or clock.local_today()
        self.done_on.setDate(QDate(day.year, day.month, day.day))
        self.by.setText(f.done_by)
        self.not_yet.setText(f.not_yet)
        self.not_yet_box.setChecked(f.answer == "not_yet")
        self._not_yet_toggled(f.answer == "not_yet")
        self._load_photos(f.photos)

    def _load_photos(self, ids: list[str]) -> None:
        self.photos.clear()
        for pid in ids:
            try:
                pm = thumb_pixmap(response.photo_image(self.db, pid, "thumb"))
            except UserError as e:
                log.warning("photo %s: %s", pid, e)
                continue
            item = QListWidgetItem(QIcon(pm), "")
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.photos.addItem(item)

    def _ref(self) -> tuple[str, str] | None:
        if self._notice is None or self._finding is None:
            return None
        return self._notice.id, f"{self._finding.inspection}:{self._finding.item}"

    # ------------------------------------------------------------ actions
    def choose_notice(self) -> None:
        path = filedialogs.open_file(
            self,
            self.tr("Rectification notice"),
            self.settings.last_folder(),
            self.tr("Rectification notices (*%1);;All files (*)").replace("%1", NOTICE_SUFFIX),
        )
        if path is not None:
            self.settings.set_last_folder(str(Path(path).parent))
            self.open_notice(Path(path))

    def open_notice(self, path: Path, expect: str | None = None) -> bool:
        try:
            opened = notice.open_file(self.db, path, expect_fingerprint=expect, actor=self.actor)
        except UserError as e:
            if e.message is TR.NOT_HQ_KEY:
                fp, ok = QInputDialog.getText(
                    self,
                    self.tr("HQ key changed?"),
                    user_text(e) + "\n\n" + self.tr("Expected fingerprint (from HQ):"),
                )
                if ok and fp.strip():
                    return self.open_notice(path, fp.strip())
                return False
            QMessageBox.warning(self, self.tr("Cannot open the notice"), user_text(e))
            return False
        if opened.newly_pinned:
            QMessageBox.information(
                self,
                self.tr("HQ key"),
                self.tr(
                    "This is the first notice opened here. HQ's key fingerprint is:\n\n%1\n\n"
                    "Check it with HQ (by phone or on the printed notice). Notices signed by "
                    "any other key will be refused."
                ).replace("%1", opened.fingerprint),
            )
        self.refresh(select=opened.uuid)
        return True

    def _answer_value(self) -> response.Answer:
        done = self.done_on.date()
        not_yet = self.not_yet_box.isChecked()
        return response.Answer(
            note="" if not_yet else self.note.toPlainText(),
            cause="" if not_yet else self.cause.toPlainText(),
            prevention="" if not_yet else self.prevention.toPlainText(),
            done_on=date(done.year(), done.month(), done.day()) if self.done.isChecked() else None,
            by=self.by.text(),
            not_yet=self.not_yet.text() if not_yet else "",
        )

    def save_answer(self) -> bool:
        ref = self._ref()
        if ref is None:
            return False
        try:
            response.respond(self.db, ref[0], ref[1], self._answer_value(), actor=self.actor)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Not saved"), user_text(e))
            return False
        self.refresh()
        return True

    def choose_photos(self) -> None:
        files = filedialogs.open_files(
            self,
            self.tr("Photos"),
            self.settings.last_folder(),
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.heic *.heif);;All files (*)"),
        )
        if files:
            self.settings.set_last_folder(str(Path(files[0]).parent))
            self.add_photos([Path(f) for f in files])

    def add_photos(self, files: list[Path]) -> list[str]:
        ref = self._ref()
        if ref is None:
            return []
        try:
            ids = response.add_photos(self.db, ref[0], ref[1], files, actor=self.actor)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Photos not added"), user_text(e))
            return []
        self.refresh()
        return ids

    def _selected_photo(self) -> str | None:
        item = self.photos.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def editor(self, photo_id: str) -> PhotoEditorDialog:
        """The photo editor on a rectification photo (redactions saved here)."""

        def save(pid: str, layers: dict[str, Any]) -> None:
            response.set_photo_layers(self.db, pid, layers, actor=self.actor)

        return PhotoEditorDialog(
            self.db,
            photo_id,
            self,
            photo=response.editor_photo(self.db, photo_id),
            save_layers=save,
        )

    def edit_photo(self) -> None:
        pid = self._selected_photo()
        if pid is None:
            return
        try:
            dlg = self.editor(pid)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Photo"), user_text(e))
            return
        dlg.layers_saved.connect(lambda _pid: self.refresh())
        dlg.exec()

    def remove_photo(self) -> None:
        pid = self._selected_photo()
        if pid is None:
            return
        try:
            response.remove_photo(self.db, pid, actor=self.actor)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Photo"), user_text(e))
            return
        self.refresh()

    def choose_export(self) -> None:
        if self._notice is None:
            return
        folder = filedialogs.choose_folder(
            self, self.tr("Folder for the response"), self.settings.last_folder()
        )
        if folder is not None:
            self.settings.set_last_folder(str(folder))
            self.export_to(folder)

    def export_to(self, folder: Path) -> Path | None:
        if self._notice is None:
            return None
        try:
            out = response.export(self.db, self._notice.id, folder, actor=self.actor)
        except UserError as e:
            QMessageBox.warning(self, self.tr("Response not written"), user_text(e))
            return None
        QMessageBox.information(
            self,
            self.tr("Response written"),
            self.tr("Response revision %1 for HQ:\n%2")
            .replace("%1", str(out.revision))
            .replace("%2", str(out.path)),
        )
        self.refresh()
        return out.path

    def save_pdf(self) -> None:
        if self._notice is None:
            return
        try:
            stem, data = notice.notice_pdf(
                self.db, self._notice.id, lang="zh" if self._zh() else "en"
            )
        except UserError as e:
            QMessageBox.warning(self, self.tr("Notice PDF"), user_text(e))
            return
        path = filedialogs.save_file(
            self,
            self.tr("Notice PDF"),
            Path(self.settings.last_folder()) / f"{stem}.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path is not None:
            from inspector.files import write_atomic

            write_atomic(Path(path), data)
