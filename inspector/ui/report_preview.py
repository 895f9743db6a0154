"""Preview of a built PDF report inside the app, before it is handed to the branch.

Pages are rendered by :mod:`inspector.reports.preview`, one per event-loop turn (tens of
milliseconds each), and appear one by one: a 40-page report never freezes the window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import UserError
from inspector.reports.preview import PdfPages
from inspector.ui.errors import user_text

log = logging.getLogger(__name__)


class ReportPreviewDialog(QDialog):
    """Shows the pages of ``path``; buttons open it in the system viewer or its folder.

    Signals:
        pages_rendered(int): all pages are shown (their number).
    """

    pages_rendered = Signal(int)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Report preview — {0}").format(path.name))
        self.resize(900, 760)
        self._pages: list[QImage] = []

        self.status = QLabel(self.tr("Rendering pages…"))
        self.status.setObjectName("hint")
        self.pages = QListWidget()
        self.pages.setViewMode(QListWidget.ViewMode.ListMode)
        self.pages.setFlow(QListWidget.Flow.TopToBottom)
        self.pages.setSpacing(12)
        self.pages.setIconSize(QSize(794, 1123))  # A4 at 96 dpi
        self.pages.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.pages.setStyleSheet("QListWidget { background: #5f6368; }")

        open_button = QPushButton(self.tr("Open in PDF viewer"))
        open_button.clicked.connect(self.open_external)
        folder_button = QPushButton(self.tr("Show in folder"))
        folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(folder_button)
        row.addWidget(open_button)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(row)

        self._source: PdfPages | None = None
        self._error: str | None = None
        try:
            self._source = PdfPages(path)
        except UserError as e:
            self._error = user_text(e)
            self.status.setText(self.tr("The preview failed: {0}").format(self._error))
            return
        # One page per event-loop turn keeps the window responsive (see reports.preview).
        QTimer.singleShot(0, self, self._next_page)

    def page_count(self) -> int:
        return self.pages.count()

    def open_external(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _next_page(self) -> None:
        source = self._source
        if source is None:
            return
        index, total = self.pages.count(), len(source)
        if index >= total:
            self._finish()
            return
        try:
            data, w, h = source.rgb(index)
        except Exception as e:  # a damaged page: say so, keep the pages already shown
            log.exception("preview of %s page %d failed", self.path, index + 1)
            self._error = str(e)
            self.status.setText(self.tr("The preview failed: {0}").format(self._error))
            self._finish()
            return
        image = QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        item = QListWidgetItem(QPixmap.fromImage(image), "")
        item.setToolTip(self.tr("Page {0} of {1}").format(index + 1, total))
        item.setSizeHint(image.size() + QSize(4, 4))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.pages.addItem(item)
        self.status.setText(self.tr("Rendering page {0} of {1}…").format(index + 1, total))
        QTimer.singleShot(0, self, self._next_page)

    def _finish(self) -> None:
        if self._source is None:
            return
        self._source.close()
        self._source = None
        n = self.pages.count()
        if self._error is None:
            self.status.setText(self.tr("{0} pages · {1}").format(n, str(self.path)))
        self.pages_rendered.emit(n)

    def done(self, result: int) -> None:
        self._finish()
        super().done(result)
