"""The HQ dashboard's files: the Excel workbook and the HQ report (PDF) for the filter shown.

The same service calls as ``inspector hq export`` and ``inspector hq report`` (the views in
:mod:`inspector.services.views.hq_lists`), run in a worker behind a busy dialog: at a bank's
size they take seconds, and the window must stay responsive. A file is written whole or
not at all (the services write through ``files.atomic_path``), so there is nothing to
cancel half-way: the dialog has no Cancel button.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from inspector import clock
from inspector.db import Database
from inspector.services.hq.rows import HqFilter
from inspector.services.views import hq_lists
from inspector.ui import filedialogs, workers
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)


class FilingDialog(QDialog):
    """文号 and 密级 for the HQ report, as ``hq report --number --classification`` take."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("HQ report"))
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(self.tr("optional, e.g. 消保〔2026〕12号"))
        self.classification_edit = QLineEdit(self)
        self.classification_edit.setPlaceholderText(self.tr("optional, e.g. 内部"))
        for edit in (self.number_edit, self.classification_edit):
            edit.setMaxLength(hq_lists.FILING_MAX)  # what the page header holds
        form = QFormLayout(self)
        form.addRow(self.tr("Document number"), self.number_edit)
        form.addRow(self.tr("Classification"), self.classification_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)


class HqFiles(QObject):
    """Writes the dashboard's Excel workbook and HQ report.

    Signals: saved(str): a file was written (its path); failed(str): the message shown.
    ``filter_of`` gives the dashboard's current filter and ``lang`` its language.
    """

    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        settings: AppSettings,
        filter_of: Callable[[], HqFilter],
        lang: Callable[[], str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.db, self.settings, self._parent = db, settings, parent
        self._filter_of, self._lang = filter_of, lang
        self.quiet = False
        """Tests: no message boxes (the outcome is in ``last_message``)."""
        self.last_message = ""
        self.job: workers.Job | None = None

    @property
    def busy(self) -> bool:
        """A file is being written: the buttons start no second one meanwhile."""
        return self.job is not None

    def export_text(self) -> str:
        return self.tr("Export Excel…")

    def report_text(self) -> str:
        return self.tr("HQ report (PDF)…")

    def _suggested(self, stem: str, suffix: str) -> str:
        folder = Path(self.settings.last_folder() or Path.home())
        return str(folder / f"{stem}-{clock.local_today().isoformat()}{suffix}")

    def export_excel(self, path: Path | None = None) -> workers.Job | None:
        """Every view of the current filter as one workbook (``hq export``); None when
        cancelled, or while another file is being written."""
        if self.busy:
            return None
        if path is None:
            path = filedialogs.save_file(
                self._parent,
                self.tr("Export Excel"),
                self._suggested("hq", ".xlsx"),
                self.tr("Excel workbooks (*.xlsx)"),
            )
            if path is None:
                return None
        db, flt, lang, target = self.db, self._filter_of(), self._lang(), path
        return self._run(
            self.tr("Writing the Excel workbook (every finding and answer)…"),
            lambda: hq_lists.write_export(db, flt, target, "xlsx", lang, rule_file=None),
            target,
        )

    def write_report(
        self, path: Path | None = None, number: str | None = None, classification: str = ""
    ) -> workers.Job | None:
        """The HQ report (PDF) of the current filter (``hq report``); asks for 文号 and 密级
        unless given; None when cancelled, or while another file is being written."""
        if self.busy:
            return None
        if number is None:
            dialog = FilingDialog(self._parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            number, classification = dialog.number_edit.text(), dialog.classification_edit.text()
        if path is None:
            path = filedialogs.save_file(
                self._parent,
                self.tr("HQ report"),
                self._suggested("hq-report", ".pdf"),
                self.tr("PDF files (*.pdf)"),
            )
            if path is None:
                return None
        db, flt, lang, target = self.db, self._filter_of(), self._lang(), path
        filing = {"number": number, "classification": classification}
        return self._run(
            self.tr("Writing the HQ report…"),
            lambda: hq_lists.write_report(
                db, flt, target, lang, rule_file=None, compare_to=None, **filing
            ),
            target,
        )

    def _run(self, label: str, work: Callable[[], Any], target: Path) -> workers.Job:
        def succeeded(_result: object) -> None:
            self.job = None
            self.settings.set_last_folder(str(target.parent))
            self.last_message = self.tr("Saved %1").replace("%1", str(target))
            self.saved.emit(str(target))

        def failed(message: str, _user_error: bool) -> None:
            self.job = None
            self.last_message = message
            if not self.quiet:
                QMessageBox.warning(self._parent, self.tr("HQ files"), message)
            self.failed.emit(message)

        self.job = workers.run_with_progress(
            self._parent,
            self.tr("HQ files"),
            label,
            lambda _progress: work(),
            succeeded,
            failed,
            cancellable=False,  # the file is written whole or not at all
            what="HQ file",
        )
        return self.job
