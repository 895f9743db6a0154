"""The evidence strip: an item's photos as thumbnails, with add, drop, paste and delete.

Decoding photos is slow (tens to hundreds of milliseconds each), so ingest runs in a
worker (:class:`inspector.ui.workers.Job`) through
:func:`inspector.services.commands.photos.add_files`, which opens its own database session;
the strip shows a progress bar meanwhile and reports refused and duplicate files inline,
without a modal box, so the inspector can keep working.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.errors import UserError
from inspector.services import photos as svc
from inspector.services.commands import photos as commands
from inspector.services.commands.photos import IngestOutcome
from inspector.services.views import photos as views
from inspector.services.views.photos import PhotoRow
from inspector.text import Surface
from inspector.ui import filedialogs, workers
from inspector.ui.errors import ui_lang, user_text
from inspector.ui.photos.editor import PhotoEditorDialog, os_user

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")
THUMB = 96
#: Encoded image formats a clipboard or a drag may carry, best first, with the file suffix
#: the pasted photo is stored under. Their bytes are the photo itself (a camera JPEG with
#: its EXIF orientation, time and GPS), so they are ingested as they are; only a bare
#: bitmap (``application/x-qt-image``) is encoded as a PNG, since nothing better exists.
ENCODED_IMAGE_TYPES: tuple[tuple[str, str], ...] = (
    ("image/jpeg", ".jpg"),
    ("image/jpg", ".jpg"),
    ("image/pjpeg", ".jpg"),
    ("image/heic", ".heic"),
    ("image/heif", ".heif"),
    ("image/heic-sequence", ".heic"),
    ("image/webp", ".webp"),
    ("image/png", ".png"),
    ("image/x-png", ".png"),
)


class PhotoListModel(QAbstractListModel):
    """Thumbnails of one item's photos; ``Qt.UserRole`` is the photo id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PhotoRow] = []
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, rows: list[PhotoRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._icons = {}
        self.endResetModel()

    def row_at(self, row: int) -> PhotoRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            icon = self._icons.get(r.id)
            if icon is None:
                icon = QIcon(QPixmap.fromImage(QImage.fromData(r.thumb)))
                self._icons[r.id] = icon
            return icon
        if role == Qt.ItemDataRole.DisplayRole:
            marks = ("■" if r.redacted else "") + ("✎" if r.annotated else "")
            return f"{marks} {r.id[:6]}".strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [r.file_name.rsplit("/", 1)[-1] or r.id, f"{r.width} × {r.height}"]
            if r.taken_at:
                lines.append(self.tr("Taken (device clock): %1").replace("%1", r.taken_at[:16]))
            if r.redacted:
                lines.append(self.tr("Redacted"))
            if r.annotated:
                lines.append(self.tr("Annotated"))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class EvidenceStrip(QWidget):
    """Photos of one checklist item: thumbnails, add/drop/paste, edit, delete.

    Attributes:
        actor: who is recorded in the audit log (defaults to the inspection's inspector).

    Signals:
        photos_changed(): photos were added, deleted or edited (committed).
        ingest_finished(outcome): a batch ingest ended (an :class:`IngestOutcome`).
    """

    photos_changed = Signal()
    ingest_finished = Signal(object)
    photo_shown = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._uuid: str | None = None
        self._item: str | None = None
        self._read_only = True
        self._job: workers.Job | None = None
        self.actor = ""
        self.lang = "zh"  # language of the item texts in "Also use for item…"
        self.model = PhotoListModel(self)

        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setIconSize(QSize(THUMB, THUMB))
        self.view.setSpacing(4)
        self.view.setUniformItemSizes(True)
        self.view.setFixedHeight(THUMB + 48)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._open_index)
        # Drops land on the strip itself (handled below), not on the list's viewport.
        self.view.setAcceptDrops(False)
        self.view.viewport().setAcceptDrops(False)
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add photo…"), self)
        self.add_button.clicked.connect(self.choose_files)
        self.empty_label = QLabel(self.tr("No photos yet: drop files here or paste an image."))
        self.empty_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        # A thin bar (style sheet): its words go in a label, never inside the bar.
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("hint")
        self.progress_label.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("color: #8a4b00;")
        self.message.hide()

        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.empty_label)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.view, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)

        self.delete_action = QAction(self.tr("Delete photo"), self)
        self.delete_action.triggered.connect(lambda: self.delete_selected())
        self.edit_action = QAction(self.tr("Annotate / redact…"), self)
        self.edit_action.triggered.connect(self._open_current)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: self.delete_selected())
        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste)
        self._update_enabled()

    # ------------------------------------------------------------ public API
    def set_target(self, inspection_uuid: str, item_id: str, read_only: bool) -> None:
        """Show the photos of ``item_id`` in the inspection; ``read_only`` blocks changes."""
        self._uuid, self._item, self._read_only = inspection_uuid, item_id, read_only
        self.message.hide()
        self.reload()

    def is_busy(self) -> bool:
        return self._job is not None

    def reload(self) -> None:
        rows: list[PhotoRow] = []
        if self._uuid and self._item:
            shown = views.item_photos(self._db, self._uuid, self._item)
            if not self.actor:
                self.actor = shown.inspector or os_user()
            rows = shown.rows
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self._update_enabled()

    def add_files(self, files: list[Path]) -> bool:
        """Ingest ``files`` in a worker; False when nothing can be added now."""
        if not files or self._read_only or self._job is not None or not self._uuid:
            return False
        uuid, item, actor, db = self._uuid, str(self._item), self.actor or os_user(), self._db

        def work(progress: workers.ProgressFn) -> IngestOutcome:
            return commands.add_files(db, uuid, item, files, actor=actor, progress=progress)

        self._start(work, len(files))
        return True

    def add_image_bytes(self, data: bytes, file_name: str) -> bool:
        """Ingest one image given as bytes (pasted) in a worker."""
        if self._read_only or self._job is not None or not self._uuid:
            return False
        uuid, item, actor, db = self._uuid, str(self._item), self.actor or os_user(), self._db

        def work(progress: workers.ProgressFn) -> IngestOutcome:
            try:
                pid = commands.add_bytes(db, uuid, item, data, file_name=file_name, actor=actor)
            except svc.PhotoError as e:
                progress(1, 1)
                return IngestOutcome([], [], [(file_name, e)])
            progress(1, 1)
            return IngestOutcome([pid], [], [])

        self._start(work, 1)
        return True

    def choose_files(self) -> None:
        if self._read_only:
            return
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        files = filedialogs.open_files(
            self,
            self.tr("Add photos"),
            "",
            self.tr("Photos (%1)").replace("%1", patterns),
        )
        self.add_files(files)

    def paste(self) -> bool:
        """Ctrl+V: the clipboard's files, encoded image or bitmap become evidence.

        Returns True when an ingest was started.
        """
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        return self._ingest_mime(mime, self.tr("pasted image"))

    def _ingest_mime(self, mime: QMimeData, stem: str) -> bool:
        """Ingest what ``mime`` carries, keeping the original bytes whenever there are any.

        Files first (byte-exact, with their names), then encoded image bytes as the source
        application offered them (a JPEG keeps its EXIF orientation, time and place), and
        only as a last resort the decoded bitmap, which has lost all of that, as a PNG.
        """
        files = self._local_files(mime)
        if files:
            return self.add_files(files)
        encoded = _encoded_image(mime)
        if encoded is not None:
            data, suffix = encoded
            return self.add_image_bytes(data, stem + suffix)
        if mime.hasImage():
            image = QImage(mime.imageData())
            if image.isNull():
                return False
            return self.add_image_bytes(_png_bytes(image), stem + ".png")
        return False

    def delete_selected(self, confirm: bool = True) -> int:
        """Delete the selected photos (after a confirmation); returns how many."""
        if self._read_only or not self._uuid:
            return 0
        ids = [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.view.selectedIndexes()]
        if not ids:
            return 0
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete photos"),
                self.tr(
                    "Delete %n photo(s) from this item? This is recorded in the audit log.",
                    "",
                    len(ids),
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        try:
            commands.delete(self._db, self._uuid, ids, actor=self.actor or os_user())
        except UserError as e:
            self._show_message(user_text(e))
            return 0
        self.reload()
        self.photos_changed.emit()
        return len(ids)

    def open_editor(self, photo_id: str) -> PhotoEditorDialog:
        dialog = PhotoEditorDialog(self._db, photo_id, self, read_only=self._read_only)
        dialog.actor = self.actor or dialog.actor
        dialog.layers_saved.connect(self._layers_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not self._accepts(mime):
            event.ignore()
            return
        if self._ingest_mime(mime, self.tr("dropped image")):
            event.acceptProposedAction()
        else:
            event.ignore()

    def _accepts(self, mime: QMimeData) -> bool:
        if self._read_only or self._job is not None or not self._uuid:
            return False
        return bool(self._local_files(mime)) or _encoded_image(mime) is not None or mime.hasImage()

    @staticmethod
    def _local_files(mime: QMimeData) -> list[Path]:
        # Every local file is passed on, whatever its name: the services refuse what is not
        # a photo with a message, which beats silently ignoring a file the user dropped.
        return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]

    # ------------------------------------------------------------ worker plumbing
    def _start(self, work: Any, total: int) -> None:
        self.message.hide()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._show_progress(0, max(total, 1))
        self.progress.show()
        job = workers.Job(work)
        job.signals.progressed.connect(self._progressed)
        job.signals.succeeded.connect(self._succeeded)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._finished)
        self._job = job
        self._update_enabled()
        workers.start(job)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._show_progress(done, max(total, 1))

    def _show_progress(self, done: int, total: int) -> None:
        self.progress_label.setText(
            self.tr("Adding photos: %v of %m").replace("%v", str(done)).replace("%m", str(total))
        )
        self.progress_label.show()

    def _succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, IngestOutcome)
        self._finished()
        lines = [
            self.tr("%1: already in this inspection, not added again.").replace("%1", _short(f))
            for f, _pid in outcome.duplicates
        ]
        lines += [
            self.tr("%1 was refused: %2")
            .replace("%1", _short(f))
            .replace("%2", why.reason(ui_lang(), Surface.GUI))
            for f, why in outcome.refused
        ]
        if lines:
            self._show_message("\n".join(lines))
        self.reload()
        if outcome.added:
            self.show_photo(outcome.added[-1])
            self.photos_changed.emit()
        self.ingest_finished.emit(outcome)

    def _failed(self, message: str, user_error: bool) -> None:
        self._finished()
        self._show_message(
            message if user_error else self.tr("Adding photos failed: %1").replace("%1", message)
        )
        self.reload()
        self.ingest_finished.emit(IngestOutcome([], [], []))

    def _finished(self) -> None:
        self._job = None
        self.progress.hide()
        self.progress_label.hide()
        self._update_enabled()

    def show_photo(self, photo_id: str) -> None:
        """Select ``photo_id`` in the strip and scroll the strip to it; ``photo_shown``
        asks the page around it to bring the strip itself into view."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == photo_id:
                index = self.model.index(row, 0)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                break
        self.photo_shown.emit(photo_id)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # ------------------------------------------------------------ misc
    def _update_enabled(self) -> None:
        can_change = not self._read_only and self._uuid is not None and self._job is None
        self.add_button.setEnabled(can_change)
        self.delete_action.setEnabled(can_change)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_editor(str(index.data(Qt.ItemDataRole.UserRole)))

    def _open_current(self) -> None:
        self._open_index(self.view.currentIndex())

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        self.edit_action.setText(
            self.tr("View…") if self._read_only else self.tr("Annotate / redact…")
        )
        menu.addAction(self.edit_action)
        menu.addAction(self._attach_action())
        menu.addAction(self.delete_action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ reuse for another item
    def _attach_action(self) -> QAction:
        """ "Also use for item…": the photo becomes evidence of a second item (no copy)."""
        action = getattr(self, "_attach", None)
        if action is None:
            action = QAction(self.tr("Also use for item…"), self)
            action.triggered.connect(self.choose_item_for_attach)
            self._attach = action
        action.setEnabled(not self._read_only and self._uuid is not None and self._job is None)
        return action

    def attach_choices(self, photo_id: str) -> list[tuple[str, str]]:
        """(item id, label) of the items the photo can also be evidence of, in order."""
        if not self._uuid:
            return []
        return [
            (item_id, f"{item_id} · {text}")
            for item_id, text in views.attach_choices(self._db, self._uuid, photo_id, self.lang)
        ]

    def choose_item_for_attach(self) -> None:
        """Ask which item the current photo is also evidence of, then attach it."""
        index = self.view.currentIndex()
        if self._read_only or not index.isValid():
            return
        photo_id = str(index.data(Qt.ItemDataRole.UserRole))
        choices = self.attach_choices(photo_id)
        if not choices:
            self._show_message(self.tr("Every other item already has this photo."))
            return
        labels = [label for _id, label in choices]
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Also use for item"),
            self.tr("Use this photo as evidence of this item too (no second copy is stored):"),
            labels,
            0,
            False,
        )
        if ok and label in labels:
            self.attach_to_item(photo_id, choices[labels.index(label)][0])

    def attach_to_item(self, photo_id: str, item_id: str) -> str | None:
        """Attach the photo to ``item_id``; the new photo id, or None (message shown)."""
        if not self._uuid:
            return None
        # People read the item's title, never its id.
        choices = views.attach_choices(self._db, self._uuid, photo_id, self.lang)
        title = dict(choices).get(item_id, item_id)
        try:
            new_id = commands.attach_to_item(
                self._db, self._uuid, photo_id, item_id, actor=self.actor or os_user()
            )
        except UserError as e:
            self._show_message(user_text(e))
            return None
        self._show_message(
            self.tr("The photo is now also evidence of item %1.").replace("%1", f"“{title}”")
        )
        self.photos_changed.emit()
        return new_id

    def _layers_saved(self, _photo_id: str) -> None:
        self.reload()
        self.photos_changed.emit()


def _short(path: str) -> str:
    return Path(path).name or path


def _encoded_image(mime: QMimeData) -> tuple[bytes, str] | None:
    """The first encoded image ``mime`` carries and its file suffix, else None."""
    formats = set(mime.formats())
    for mime_type, suffix in ENCODED_IMAGE_TYPES:
        if mime_type in formats:
            data = bytes(mime.data(mime_type).data())
            if data:
                return data, suffix
    return None


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes, PySide wants str
    buffer.close()
    return bytes(data.data())
