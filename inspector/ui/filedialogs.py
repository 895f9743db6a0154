"""Every file dialog of the app, made in one place, that never opens a file it lists.

POSIX advisory locks belong to the process: closing *any* descriptor of the database file
drops the locks SQLite holds on it, and the next ``inspector`` command to close the same
database then checkpoints and deletes the WAL under the running app (issue 20). Qt's own
file dialog opens the files it lists: its icon provider and its "Type" column ask
``QMimeDatabase`` for each file's type, which reads the first bytes of any file whose name
says nothing (``site.db-wal``, ``site.db-shm``), and the path completer does the same for
every folder typed through. A system dialog (GTK, the desktop portal) sniffs contents too.

So every dialog here is Qt's widget dialog (never the system's), with:

* an icon provider that names icons and types from the file name and ``stat`` alone
  (:class:`NameOnlyIconProvider`), used by the list, the detail view and the completer,
  which share the dialog's one model;
* symbolic links not resolved, no custom folder icons (``desktop.ini``, ``.directory``);
* the open database's side files (``-wal``, ``-shm``, ``-journal``) and the app's lock file
  left out of the listing: they are never something to open or to overwrite.

The files chosen are read by :mod:`inspector.files`, which refuses the database's own files.
The dialogs speak the app's language: ``ui/translations.py`` loads Qt's ``qtbase`` catalogue
and ``resources/i18n/qtfixes_zh_CN.ts``, the dialog's words that catalogue lacks in Qt 6
("&Look in:", "Files of &type:", the default icon provider's "Folder"); sizes and times are
written with the app's locale.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QFileInfo,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QSplitter,
    QStyle,
    QTreeView,
    QWidget,
)

from inspector import files
from inspector.db.instance import LOCK_SUFFIX

__all__ = [
    "NameOnlyIconProvider",
    "choose_folder",
    "make_dialog",
    "open_file",
    "open_files",
    "save_file",
]

_Options = QFileDialog.Option
OPTIONS = (
    _Options.DontUseNativeDialog
    | _Options.DontResolveSymlinks
    | _Options.DontUseCustomDirectoryIcons
)
"""Qt's widget dialog, symbolic links shown as links, no per-folder icon files read."""


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from the file name and ``stat``; never a file's contents.

    Qt's provider asks ``QMimeDatabase`` for each file's type, which opens and reads any
    file whose name does not settle it. Icons are made once, on the GUI thread; the model
    may ask from its gatherer thread.
    """

    def __init__(self) -> None:
        super().__init__()
        style = QApplication.style()
        self._folder = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self._file = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self._link = style.standardIcon(QStyle.StandardPixmap.SP_FileLinkIcon)
        self._drive = style.standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)
        self._computer = style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        self._words = {
            "folder": QCoreApplication.translate("FileDialogs", "Folder"),
            "file": QCoreApplication.translate("FileDialogs", "File"),
            "suffixed": QCoreApplication.translate("FileDialogs", "%1 file"),
            "drive": QCoreApplication.translate("FileDialogs", "Drive"),
            "link": QCoreApplication.translate("FileDialogs", "Shortcut"),
        }

    def icon(self, what: object) -> QIcon:
        # Two overloads in C++: an IconType, or a QFileInfo.
        if not isinstance(what, QFileInfo):
            if what == QAbstractFileIconProvider.IconType.Computer:
                return self._computer
            if what == QAbstractFileIconProvider.IconType.Drive:
                return self._drive
            if what == QAbstractFileIconProvider.IconType.Folder:
                return self._folder
            return self._file
        if what.isRoot():
            return self._drive
        if what.isSymLink():
            return self._link
        if what.isDir():
            return self._folder
        return self._file

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return self._words["drive"]
        if info.isDir():
            return self._words["folder"]
        suffix = info.suffix()
        if suffix:
            return self._words["suffixed"].replace("%1", suffix.upper())
        return self._words["file"]


def _size(n: int) -> str:
    """A file size as file managers write it: "8 字节" / "8 bytes", "1.5 KB", "2.3 MB"."""
    locale = QLocale()
    if n < 1024:
        return locale.formattedDataSize(n)  # the locale's word for bytes
    value = n / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{locale.toString(value, 'f', 1)} {unit}"
        value /= 1024
    return f"{locale.toString(value, 'f', 1)} GB"


class _HideDatabaseFiles(QSortFilterProxyModel):
    """The listing without the open database's side files and the app's lock file; sizes
    and times written in the app's language (Qt uses the system's: "8 bytes")."""

    SIZE, DATE = 1, 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        model = self.sourceModel()
        if (
            role == Qt.ItemDataRole.DisplayRole
            and index.column() in (self.SIZE, self.DATE)
            and isinstance(model, QFileSystemModel)
        ):
            info = model.fileInfo(self.mapToSource(index))  # stat data, never the contents
            if index.column() == self.SIZE:
                return _size(info.size()) if info.isFile() else ""
            return QLocale().toString(info.lastModified(), QLocale.FormatType.ShortFormat)
        return super().data(index, role)

    def _hidden(self) -> set[str]:
        names = set()
        for own in files.database_files():
            name = str(own)
            if name.endswith(files.SQLITE_SIDE_SUFFIXES):
                names.add(name)
            else:
                names.add(name + LOCK_SUFFIX)
        return names

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The file model's own order (folders first, sizes and times by value), not the
        # proxy's comparison of display texts.
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QFileSystemModel):
            return True
        path = model.filePath(model.index(source_row, 0, source_parent))
        if not path:
            return True
        # realpath reads links and folders (lstat, readlink), never a file's contents.
        return os.path.normcase(os.path.realpath(path)) not in self._hidden()


def make_dialog(
    parent: QWidget | None,
    caption: str,
    folder: str | Path = "",
    filters: str = "",
    *,
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
) -> QFileDialog:
    """A file dialog of the app: never reads a listed file, hides the database's side files.

    ``folder`` may name a file (the suggested name of a save dialog). Not yet shown: the
    functions below run it modally; a test may ``open()`` it.
    """
    dialog = QFileDialog(parent, caption, str(folder), filters)
    options = OPTIONS
    if mode == QFileDialog.FileMode.Directory:
        options |= _Options.ShowDirsOnly
    dialog.setOptions(options)
    # Set before the dialog lists anything: the model asks the provider as it loads.
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog.setProperty("_inspector_icon_provider", provider)  # kept alive with the dialog
    dialog.setProxyModel(_HideDatabaseFiles(dialog))
    _widen(dialog)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    return dialog


def _widen(dialog: QFileDialog) -> None:
    """Room for the Chinese type names and full dates, and for the places on the left."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        for column, width in ((0, 300), (1, 90), (2, 110), (3, 150)):
            header.resizeSection(column, width)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        splitter.setSizes([150, 750])


def _run(dialog: QFileDialog) -> list[Path]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return []
        return [Path(f) for f in dialog.selectedFiles() if f]
    finally:
        dialog.deleteLater()


def open_file(
    parent: QWidget | None, caption: str, folder: str | Path = "", filters: str = ""
) -> Path | None:
    """One existing file chosen by the user, or None."""
    chosen = _run(make_dialog(parent, caption, folder, filters))
    return chosen[0] if chosen else None


def open_files(
    parent: QWidget | None, caption: str, folder: str | Path = "", filters: str = ""
) -> list[Path]:
    """Existing files chosen by the user (none if cancelled)."""
    return _run(
        make_dialog(parent, caption, folder, filters, mode=QFileDialog.FileMode.ExistingFiles)
    )


def save_file(
    parent: QWidget | None, caption: str, suggested: str | Path = "", filters: str = ""
) -> Path | None:
    """A file name to write, chosen by the user (an existing file is confirmed), or None."""
    chosen = _run(
        make_dialog(
            parent, caption, suggested, filters, mode=QFileDialog.FileMode.AnyFile, save=True
        )
    )
    return chosen[0] if chosen else None


def choose_folder(parent: QWidget | None, caption: str, folder: str | Path = "") -> Path | None:
    """An existing folder chosen by the user, or None."""
    chosen = _run(make_dialog(parent, caption, folder, mode=QFileDialog.FileMode.Directory))
    return chosen[0] if chosen else None
