"""Install an HQ update: verify the pack, show what it brings (and, the first time, HQ's key
fingerprint to compare with the one HQ gave), install it in one step, say what changed."""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from inspector.db import Database
from inspector.services.publish.install import Installed
from inspector.services.publish.pack import SUFFIX
from inspector.services.publish.screens import PackPreview, install_file, preview_pack
from inspector.ui import filedialogs, workers
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)


def pack_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The ``.hqpack`` files among what is dragged (local files only)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [
        Path(u.toLocalFile())
        for u in mime.urls()
        if u.isLocalFile() and u.toLocalFile().lower().endswith(SUFFIX)
    ]


class HqUpdateInstaller(QObject):
    """Checks and installs HQ update packs, one at a time, in a worker thread.

    Verifying a pack (signature, every file's hash, every checklist validated) and installing
    it run behind a progress dialog, so the window stays responsive; only the questions and
    the outcome are on the GUI thread. Packs dropped together are taken in turn.

    Signals: installed(int): a pack (its sequence) was installed; finished(bool): one pack's
    attempt ended (installed or not), after its message was shown.
    """

    installed = Signal(int)
    finished = Signal(bool)

    def __init__(self, db: Database, settings: AppSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.settings, self._parent = db, settings, parent
        # Tests answer the questions instead of a user (True: yes).
        self.auto_answer: bool | None = None
        self.last_message = ""
        self._waiting: deque[Path] = deque()
        self.job: workers.Job | None = None
        """The running check or install, if any."""

    def action_text(self) -> str:
        return self.tr("Install HQ update…")

    def choose_and_install(self) -> bool:
        """Ask for a pack and start installing it; False if the user chose none."""
        path = filedialogs.open_file(
            self._parent,
            self.tr("Install HQ update"),
            self.settings.last_folder(),
            self.tr("HQ updates (*{0});;All files (*)").format(SUFFIX),
        )
        if path is None:
            return False
        self.install(path)
        return True

    def _ask(self, title: str, text: str) -> bool:
        if self.auto_answer is not None:
            self.last_message = text
            return self.auto_answer
        answer = QMessageBox.question(
            self._parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _tell(self, title: str, text: str, *, warning: bool = False) -> None:
        self.last_message = text
        if self.auto_answer is not None:
            return
        if warning:
            QMessageBox.warning(self._parent, title, text)
        else:
            QMessageBox.information(self._parent, title, text)

    def _contents(self, summary: dict[str, object]) -> str:
        lines = []
        for c in summary.get("checklists") or []:  # type: ignore[attr-defined]
            lines.append(self.tr("Checklist {0}, version {1}").format(c["id"], c["version"]))
        for w in summary.get("withdrawn") or []:  # type: ignore[attr-defined]
            lines.append(self.tr("Checklist {0} withdrawn").format(w))
        if summary.get("branches") is not None:
            lines.append(self.tr("Branch list: {0} branches").format(summary["branches"]))
        if summary.get("plan") is not None:
            lines.append(self.tr("Inspection plan: {0} line(s)").format(summary["plan"]))
        if summary.get("settings") is not None:
            lines.append(self.tr("Organisation name, logo and time zone"))
        return "\n".join(f"• {x}" for x in lines) or self.tr("(HQ's key only)")

    @property
    def busy(self) -> bool:
        """A pack is being checked, asked about or installed."""
        return self.job is not None

    def install(self, path: Path) -> None:
        """Check ``path`` and, if the user agrees, install it (after any pack before it);
        ``finished`` tells the outcome."""
        self._waiting.append(path)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self._waiting:
            self.job = None
            return
        path = self._waiting.popleft()
        db = self.db
        self.job = workers.run_with_progress(
            self._parent,
            self.tr("Install HQ update"),
            self.tr("Checking the HQ update's signature and files…"),
            lambda _progress: preview_pack(db, path),
            lambda preview: self._confirm(path, preview),
            self._refused,
            cancellable=False,  # its end (a question, or why not) must always come
        )

    def _refused(self, message: str, _user_error: bool = True) -> None:
        self._tell(
            self.tr("Install HQ update"),
            self.tr("This HQ update cannot be installed. Nothing was changed.\n\n{0}").format(
                message
            ),
            warning=True,
        )
        self._end(False)

    def _end(self, ok: bool) -> None:
        self.job = None
        self.finished.emit(ok)
        self._next()

    def _confirm(self, path: Path, preview: PackPreview) -> None:
        pack = preview.pack
        contents = self._contents(pack.summary())
        if preview.first:
            question = self.tr(
                "This is the first HQ update on this computer. It is signed by the key with "
                "the fingerprint\n\n{0}\n\nCompare it with the fingerprint HQ gave you (by "
                "phone or in person). Every later update must be signed by this key.\n\n"
                "It brings:\n{1}\n\nTrust this key and install?"
            ).format(pack.fingerprint, contents)
        else:
            question = self.tr("Install HQ update {0}?\n\nIt brings:\n{1}").format(
                pack.sequence, contents
            )
        if not self._ask(self.tr("Install HQ update"), question):
            self._end(False)
            return
        db, actor = self.db, self.settings.inspector_name() or ""
        self.job = workers.run_with_progress(
            self._parent,
            self.tr("Install HQ update"),
            self.tr("Installing the HQ update…"),
            lambda _progress: install_file(db, preview, path, actor=actor),
            lambda result: self._installed(path, result, contents),
            self._refused,
            cancellable=False,  # an install is whole or nothing: never "cancelled" after it
        )

    def _installed(self, path: Path, result: Installed, contents: str) -> None:
        self.settings.set_last_folder(str(path.parent))
        self._tell(
            self.tr("Install HQ update"),
            self.tr("HQ update {0} is installed.\n\n{1}").format(result.sequence, contents),
        )
        self.installed.emit(result.sequence)
        self._end(True)
