"""Report, export and HQ import, each run in a worker with a progress bar.

* Report…: ``services.reports.build_report`` → PDF saved where the user says, then opened.
* Export package…: ``services.exchange.write_package`` (a signed ``.inspection`` file).
* Import packages… (HQ): files or a folder, ``services.exchange.import_paths``; the
  receipt lists imported / updated / duplicates / conflicts / rejected with reasons.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain.states import ImportOutcome
from inspector.files import write_atomic
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer
from inspector.services.exchange.package_format import REASON_ERROR, SUFFIX
from inspector.services.publish.install import hq_public_file
from inspector.services.views.files import file_stem, report_pdf
from inspector.ui import filedialogs, theme, workers
from inspector.ui.errors import user_text
from inspector.ui.models.table import Column, RowsTableModel
from inspector.ui.report_preview import ReportPreviewDialog
from inspector.ui.review_queue import response_filter
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
OUTCOMES = tuple(ImportOutcome)


def build_report_file(
    db: Database, uuid: str, path: Path, lang: str, progress: workers.ProgressFn
) -> Path:
    """Worker body: build the PDF (the service reads in its own session) and write it."""
    write_atomic(path, report_pdf(db, uuid, lang=lang, progress=progress))
    return path


class ReportExporter(QObject):
    """Runs the Report… and Export package… actions for one window.

    Signals:
        report_saved(str), package_saved(str): the file written.
    """

    report_saved = Signal(str)
    package_saved = Signal(str)

    def __init__(self, db: Database, settings: AppSettings, lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, lang
        self._parent = parent
        self.open_after_save = True

    def _default_name(self, uuid: str, suffix: str) -> str:
        name = file_stem(self.db, uuid)
        folder = self.settings.last_folder() or str(Path.home())
        return str(Path(folder) / f"{name}{suffix}")

    def report(self, uuid: str, path: Path | None = None) -> workers.Job | None:
        if path is None:
            chosen = filedialogs.save_file(
                self._parent,
                self.tr("Save report"),
                self._default_name(uuid, ".pdf"),
                self.tr("PDF files (*.pdf)"),
            )
            if chosen is None:
                return None
            path = chosen
        self.settings.set_last_folder(str(path.parent))
        db, lang = self.db, self.lang
        return workers.run_with_progress(
            self._parent,
            self.tr("Report"),
            self.tr("Building the PDF report…"),
            lambda progress: build_report_file(db, uuid, path, lang, progress),
            self._report_done,
        )

    def _report_done(self, result: object) -> None:
        path = str(result)
        self.report_saved.emit(path)
        if self.open_after_save:
            # Preview in the app: a branch laptop may have no PDF viewer; the dialog
            # still offers the system viewer and the folder.
            preview = ReportPreviewDialog(Path(path), self._parent)
            preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            preview.open()

    def export_package(self, uuid: str, path: Path | None = None) -> workers.Job | None:
        if path is None:
            chosen = filedialogs.save_file(
                self._parent,
                self.tr("Export package"),
                self._default_name(uuid, SUFFIX),
                self.tr("Inspection packages (*{0})").format(SUFFIX),
            )
            if chosen is None:
                return None
            path = chosen
        self.settings.set_last_folder(str(path.parent))
        db, target = self.db, path

        def work(progress: workers.ProgressFn) -> Path:
            progress(0, 1)
            # Sealed for HQ once an HQ pack is installed (issue 22).
            out = exchange_export.write_package(db, uuid, target, encrypt_to=hq_public_file(db))
            progress(1, 1)
            return out

        return workers.run_with_progress(
            self._parent,
            self.tr("Export package"),
            self.tr("Writing the signed package…"),
            work,
            lambda p: self.package_saved.emit(str(p)),
        )


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    outcome: ImportOutcome
    file: str
    inspection: str
    revision: str
    reason: str
    signer: str = ""
    owner: str = ""


def short_fingerprint(fp: str) -> str:
    """The first two groups of a fingerprint: enough to tell devices apart in a table."""
    return ":".join(fp.split(":")[:2]) + "…" if fp else ""


def _reason_text(entry: dict[str, Any]) -> str:
    """The reason in the app's language and words when the receipt carries its error (an
    import run here), else its English text (a receipt read back from JSON)."""
    error = entry.get(REASON_ERROR)
    if isinstance(error, BaseException):
        return user_text(error)
    return str(entry.get("reason") or "")


def receipt_rows(receipt: dict[str, Any]) -> list[ReceiptRow]:
    rows = []
    for outcome in OUTCOMES:
        for e in receipt.get(outcome, []):
            rows.append(
                ReceiptRow(
                    outcome=outcome,
                    file=Path(str(e.get("file") or "")).name,
                    inspection=str(e.get("id") or "")[:8],
                    revision=str(e.get("revision") or ""),
                    reason=_reason_text(e),
                    signer=str(e.get("signer") or ""),
                    owner=str(e.get("owner") or e.get("signer") or ""),
                )
            )
    return rows


class ReceiptModel(RowsTableModel[ReceiptRow]):
    COL_OUTCOME, COL_FILE, COL_INSPECTION, COL_REVISION, COL_SIGNER, COL_OWNER, COL_REASON = range(
        7
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        fg = Qt.ItemDataRole.ForegroundRole
        self.set_columns(
            [
                Column(
                    self.tr("Outcome"),
                    lambda r: self.outcome_label(r.outcome),
                    roles={fg: self._outcome_brush},
                ),
                Column(self.tr("File"), lambda r: r.file),
                Column(self.tr("Inspection"), lambda r: r.inspection),
                Column(self.tr("Rev."), lambda r: r.revision),
                Column(
                    self.tr("Signed by"),
                    lambda r: short_fingerprint(r.signer) + (" ⚠" if self._foreign(r) else ""),
                    tooltip=self._signer_tooltip,
                    roles={
                        fg: lambda r: QBrush(QColor(theme.PARTIAL)) if self._foreign(r) else None
                    },
                ),
                Column(
                    self.tr("Owner"),
                    lambda r: short_fingerprint(r.owner),
                    tooltip=self._signer_tooltip,
                ),
                Column(self.tr("Reason"), self.reason),
            ]
        )

    def outcome_label(self, outcome: ImportOutcome) -> str:
        labels: dict[ImportOutcome, str] = {
            ImportOutcome.IMPORTED: self.tr("Imported"),
            ImportOutcome.UPDATED: self.tr("Updated"),
            ImportOutcome.DUPLICATES: self.tr("Duplicate"),
            ImportOutcome.CONFLICTS: self.tr("Conflict"),
            ImportOutcome.REJECTED: self.tr("Rejected"),
        }
        return labels.get(outcome, outcome)

    def reason(self, r: ReceiptRow) -> str:
        """The reason as the user reads it: a duplicate needs no service message."""
        if r.outcome == ImportOutcome.DUPLICATES:
            return self.tr("{0}: already imported").format(r.file)
        return r.reason

    @staticmethod
    def _foreign(r: ReceiptRow) -> bool:
        return bool(r.signer) and r.signer != r.owner

    def _signer_tooltip(self, r: ReceiptRow) -> str | None:
        if not r.signer:
            return None
        if self._foreign(r):
            return self.tr("Signed by {0}, which is not the owner {1}").format(r.signer, r.owner)
        return self.tr("Signed by {0}, the device that owns this inspection").format(r.signer)

    @staticmethod
    def _outcome_brush(r: ReceiptRow) -> QBrush:
        colour: dict[ImportOutcome, str] = {
            ImportOutcome.IMPORTED: theme.PASS,
            ImportOutcome.UPDATED: theme.PASS,
            ImportOutcome.CONFLICTS: theme.PARTIAL,
            ImportOutcome.REJECTED: theme.FAIL,
        }
        return QBrush(QColor(colour.get(r.outcome, theme.MUTED)))

    def row_role(self, row: ReceiptRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.reason(row) or row.file
        return None


class ImportDialog(QDialog):
    """HQ: pick package files or folders, import them in a worker, show the receipt.

    Signals:
        imported(dict): the receipt (``Receipt.to_dict()``) after an import.
    """

    imported = Signal(dict)

    def __init__(self, db: Database, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.settings = db, settings
        self.receipt: dict[str, Any] | None = None
        self._job: workers.Job | None = None
        self.setWindowTitle(self.tr("Import packages"))
        self.resize(900, 600)
        self.paths_list = QListWidget()
        self.paths_list.setMaximumHeight(120)
        add_files = QPushButton(self.tr("Add files…"))
        add_folder = QPushButton(self.tr("Add folder…"))
        clear = QPushButton(self.tr("Clear"))
        add_files.clicked.connect(self._add_files)
        add_folder.clicked.connect(self._add_folder)
        clear.clicked.connect(self.paths_list.clear)
        self.trusted_only = QCheckBox(self.tr("Only accept packages signed by trusted devices"))
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFixedHeight(18)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("itemText")
        self.summary_label.setWordWrap(True)
        self.model = ReceiptModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(ReceiptModel.COL_REASON, QHeaderView.ResizeMode.Stretch)

        pick = QHBoxLayout()
        pick.addWidget(add_files)
        pick.addWidget(add_folder)
        pick.addWidget(clear)
        pick.addStretch(1)
        run = QHBoxLayout()
        run.addWidget(self.trusted_only)
        run.addStretch(1)
        run.addWidget(self.cancel_button)
        run.addWidget(self.import_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 14)
        lay.setSpacing(10)
        lay.addLayout(pick)
        lay.addWidget(self.paths_list)
        lay.addLayout(run)
        lay.addWidget(self.progress)
        lay.addWidget(self.progress_label)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(close)
        self.progress.hide()

    def add_paths(self, paths: list[Path]) -> None:
        for p in paths:
            self.paths_list.addItem(str(p))

    def _add_files(self) -> None:
        files = filedialogs.open_files(
            self,
            self.tr("Packages"),
            self.settings.last_folder(),
            # Branch rectification responses import through the same dialog.
            self.tr("Inspection packages (*{0});;All files (*)")
            .format(SUFFIX)
            .replace(";;", f";;{response_filter()};;", 1),
        )
        self.add_paths(files)
        if files:
            self.settings.set_last_folder(str(files[0].parent))

    def _add_folder(self) -> None:
        folder = filedialogs.choose_folder(
            self, self.tr("Folder of packages"), self.settings.last_folder()
        )
        if folder is not None:
            self.add_paths([folder])
            self.settings.set_last_folder(str(folder))

    def paths(self) -> list[Path]:
        return [Path(self.paths_list.item(i).text()) for i in range(self.paths_list.count())]

    def start_import(self) -> workers.Job | None:
        paths = self.paths()
        if not paths:
            QMessageBox.information(self, self.windowTitle(), self.tr("Add files or a folder."))
            return None
        db, trusted = self.db, self.trusted_only.isChecked()
        actor = self.settings.inspector_name()

        def work(progress: workers.ProgressFn) -> dict[str, Any]:
            def report(done: int, total: int, _name: str) -> None:
                progress(done, total)

            receipt = importer.import_paths(
                db, paths, trusted_only=trusted, progress=report, actor=actor
            )
            return receipt.to_dict(errors=True)

        job = workers.Job(work)
        job.signals.progressed.connect(self._progressed)
        job.signals.succeeded.connect(self._done)
        job.signals.failed.connect(self._failed)
        job.signals.cancelled.connect(self._cancelled)
        self._job = job
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(self.tr("Reading packages…"))
        return workers.start(job)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.tr("{0} of {1} packages").format(done, total))

    def _finish(self) -> None:
        self._job = None
        self.import_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, result: object) -> None:
        self._finish()
        assert isinstance(result, dict)
        self.receipt = result
        counts = result.get("counts", {})
        self.summary_label.setText(
            self.tr(
                "Read {0} · imported {1} · updated {2} · duplicates {3} · conflicts {4} · rejected {5}"  # noqa: E501 - one string for the translators
            ).format(
                counts.get("read", 0),
                counts.get(ImportOutcome.IMPORTED, 0),
                counts.get(ImportOutcome.UPDATED, 0),
                counts.get(ImportOutcome.DUPLICATES, 0),
                counts.get(ImportOutcome.CONFLICTS, 0),
                counts.get(ImportOutcome.REJECTED, 0),
            )
        )
        self.progress_label.setText(self.tr("Done."))
        self.model.set_rows(receipt_rows(result))
        self.imported.emit(result)

    def _failed(self, message: str, _user: bool) -> None:
        self._finish()
        self.progress.hide()
        QMessageBox.warning(self, self.windowTitle(), message)

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def _cancelled(self) -> None:
        self._finish()
        self.progress_label.setText(self.tr("Import cancelled; packages read before it are kept."))

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
            workers.wait_all()
        super().reject()
