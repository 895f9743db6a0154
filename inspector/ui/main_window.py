"""The main window: home list, runner, menus with every shortcut, status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from inspector import __version__
from inspector.db import Database
from inspector.domain import timefmt
from inspector.domain.checklist import Result
from inspector.errors import NotFoundError
from inspector.logs import log_file
from inspector.services.backup import backup_database
from inspector.ui import filedialogs, workers
from inspector.ui.exchange import ImportDialog, ReportExporter
from inspector.ui.home import HomePage
from inspector.ui.hq.dashboard import HqDashboard
from inspector.ui.hq.files import HqFiles
from inspector.ui.new_inspection import NewInspectionDialog
from inspector.ui.photos.editor import os_user
from inspector.ui.publish.install import HqUpdateInstaller, pack_paths
from inspector.ui.rectification import RectificationPage
from inspector.ui.rectification import menu_title as rectification_menu_title
from inspector.ui.runner.page import RunnerPage
from inspector.ui.settings import AppSettings, SettingsDialog
from inspector.ui.translations import install_translations

log = logging.getLogger(__name__)

#: The size the window opens at when the screen has room: a 1366x768 laptop's full width.
PREFERRED_WIDTH, PREFERRED_HEIGHT = 1366, 768
MIN_WIDTH, MIN_HEIGHT = 1000, 600
#: Room for the title bar and frame the window manager adds (unknown before showing).
FRAME_ALLOWANCE = 40


class MainWindow(QMainWindow):
    """Attributes:
    home: the inspections list. runner: the inspection being worked on.

    Signals:
    language_changed(str): the user chose another language in the settings.
    """

    language_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        settings: AppSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings or AppSettings()
        self.lang = self.settings.language()
        self.setWindowTitle(self.tr("Branch Inspector"))
        # Small enough for a 1366x768 laptop with a taskbar (about 1366x728 available, less
        # the title bar); every page scrolls rather than grow past it.
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.fit_to_screen()

        self.home = HomePage(db, self.settings, self.lang)
        self.runner = RunnerPage(db, self.settings, self.lang)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.runner)
        self.setCentralWidget(self.stack)
        self.hq: HqDashboard | None = None
        self.hq_page: QWidget | None = None
        self.hq_files: HqFiles | None = None
        self.rectification: RectificationPage | None = None

        self.home.open_requested.connect(self.open_inspection)
        self.home.new_requested.connect(self.new_inspection)
        self.home.plan_start_requested.connect(self.start_planned)
        # File → Install HQ update… and a .hqpack dropped on the window (issue 22).
        self.hq_updates = HqUpdateInstaller(db, self.settings, self)
        self.hq_updates.installed.connect(lambda _seq: self.home.reload())
        self.setAcceptDrops(True)
        self.home.hq_requested.connect(self.show_hq)
        self.runner.home_requested.connect(self.show_home)
        self.runner.status_message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.runner.state_changed.connect(self._update_actions)
        self.runner.inspection_amended.connect(lambda _: self._update_actions())
        self.runner.finalize_panel.report_requested.connect(self.build_report)
        self.runner.finalize_panel.export_requested.connect(self.export_package)
        self.stack.currentChanged.connect(lambda _: self._update_actions())

        self.db_label = QLabel(db.display_name)
        self.db_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.db_label)
        self.exporter = ReportExporter(db, self.settings, self.lang, self)
        self.exporter.report_saved.connect(
            lambda p: self.statusBar().showMessage(self.tr("Report saved: {0}").format(p), 8000)
        )
        self.exporter.package_saved.connect(
            lambda p: self.statusBar().showMessage(self.tr("Package saved: {0}").format(p), 8000)
        )
        self.home.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        app = QApplication.instance()
        if app is not None:
            # Typing still waiting for its pause is committed however the app ends.
            app.aboutToQuit.connect(self.runner.flush)
        self._build_actions()
        self.home.reload()
        self._update_actions()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Size the window to the preferred size or the screen's free area, whichever is less.

        ``available`` defaults to the screen's available geometry (without taskbars).
        """
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is None:
                self.resize(PREFERRED_WIDTH, PREFERRED_HEIGHT)
                return
            available = screen.availableGeometry()
        width = max(MIN_WIDTH, min(PREFERRED_WIDTH, available.width()))
        height = max(MIN_HEIGHT, min(PREFERRED_HEIGHT, available.height() - FRAME_ALLOWANCE))
        self.resize(width, height)
        self.move(
            available.x() + max(0, (available.width() - width) // 2),
            available.y() + max(0, (available.height() - FRAME_ALLOWANCE - height) // 2),
        )

    # ---------------------------------------------------------------- menus
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
        *shortcuts: str | QKeySequence.StandardKey,
    ) -> QAction:
        a = QAction(text, self)
        keys: list[QKeySequence] = []
        if shortcut is not None:
            keys.append(QKeySequence(shortcut))
        keys += [QKeySequence(s) for s in shortcuts]
        if keys:
            a.setShortcuts(keys)
        a.triggered.connect(slot)
        self.addAction(a)  # shortcuts work while the menu bar is hidden or closed too
        return a

    def _build_actions(self) -> None:
        mb = self.menuBar()
        f = mb.addMenu(self.tr("&File"))
        self.new_action = self._action(
            self.tr("New inspection…"), self.new_inspection, QKeySequence.StandardKey.New
        )
        self.home_action = self._action(self.tr("Inspections list"), self.show_home, "Ctrl+L")
        self.settings_action = self._action(self.tr("Settings…"), self.show_settings)
        # A lambda: triggered(bool) would arrive as ``path=False``.
        self.backup_action = self._action(
            self.tr("Back up database…"), lambda: self.back_up_database()
        )
        self.quit_action = self._action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.hq_action = self._action(self.tr("HQ view"), self.show_hq, "Ctrl+H")
        self.rectify_action = self._action(rectification_menu_title(), self.show_rectification)
        for a in (self.new_action, self.home_action, self.hq_action, self.rectify_action):
            f.addAction(a)
        f.addSeparator()
        self.install_action = self._action(
            self.hq_updates.action_text(), lambda: self.hq_updates.choose_and_install()
        )
        f.addAction(self.install_action)
        f.addAction(self.backup_action)
        f.addAction(self.settings_action)
        f.addSeparator()
        f.addAction(self.quit_action)

        e = mb.addMenu(self.tr("&Edit"))
        self.undo_action = self.runner.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.runner.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        e.addAction(self.undo_action)
        e.addAction(self.redo_action)

        am = mb.addMenu(self.tr("&Answer"))
        self.pass_action = self._action(
            self.tr("Pass"), lambda: self.runner.answer_current(Result.PASS), "1"
        )
        self.fail_action = self._action(
            self.tr("Fail"), lambda: self.runner.answer_current(Result.FAIL), "2"
        )
        self.na_action = self._action(
            self.tr("Not applicable"), lambda: self.runner.answer_current(Result.NA), "3"
        )
        self.next_action = self._action(
            self.tr("Next item"), self.runner.next_from_keyboard, "Return", "Enter", "Ctrl+Down"
        )
        self.prev_action = self._action(
            self.tr("Previous item"), self.runner.previous_item, "Ctrl+Up"
        )
        self.findings_action = self._action(
            self.tr("Findings"),
            lambda: self.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS),
            "Ctrl+2",
        )
        self.checklist_action = self._action(
            self.tr("Checklist"),
            lambda: self.runner.tabs.setCurrentIndex(RunnerPage.TAB_ITEM),
            "Ctrl+1",
        )
        self.finalize_action = self._action(
            self.tr("Finalize…"),
            lambda: self.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE),
            "Ctrl+4",
        )
        self.paste_action = self._action(
            self.tr("Paste photo as evidence"),
            self.runner.paste_photo,
            QKeySequence.StandardKey.Paste,
        )
        # On a scale item the digit keys choose that step of the scale (a "1" on a 0–7
        # scale is a 1, never a Pass); the judgement buttons stay on screen.
        self.scale_actions = [
            self._action(str(n), lambda _=False, n=n: self.runner.answer_scale(n), str(n))
            for n in range(10)
        ]
        self.next_unanswered_action = self._action(
            self.tr("Next unanswered item"), self.runner.next_unanswered, "Ctrl+J"
        )
        self.next_photo_action = self._action(
            self.tr("Next item needing a photo"), self.runner.next_needing_photo, "Ctrl+Shift+J"
        )
        self.find_action = self._action(
            self.tr("Find an item…"), self.runner.find_item, QKeySequence.StandardKey.Find
        )
        self.add_photo_action = self._action(
            self.tr("Add photo…"), self.runner.add_photo, QKeySequence.StandardKey.Open
        )
        self.summary_action = self._action(self.tr("Summary"), self.runner.show_summary, "Ctrl+3")
        self.manager_action = self._action(
            self.tr("Branch manager's name"), self.runner.show_manager, "Ctrl+M"
        )
        self.confirm_action = self._action(
            self.tr("Confirm the copied answer (re-verified)"),
            lambda: self.runner.confirm_copied(),
            "Ctrl+R",
        )
        for act in (self.pass_action, self.fail_action, self.na_action):
            am.addAction(act)
        am.addAction(self.confirm_action)
        am.addSeparator()
        am.addAction(self.paste_action)
        am.addAction(self.add_photo_action)
        am.addSeparator()
        for act in (
            self.next_action,
            self.prev_action,
            self.next_unanswered_action,
            self.next_photo_action,
            self.find_action,
        ):
            am.addAction(act)
        am.addSeparator()
        for act in (
            self.checklist_action,
            self.findings_action,
            self.summary_action,
            self.finalize_action,
            self.manager_action,
        ):
            am.addAction(act)
        self.runner_actions = [
            self.pass_action,
            self.fail_action,
            self.na_action,
            self.next_action,
            self.prev_action,
            self.findings_action,
            self.checklist_action,
            self.finalize_action,
            self.paste_action,
            self.next_unanswered_action,
            self.next_photo_action,
            self.find_action,
            self.summary_action,
            self.manager_action,
        ]
        im = mb.addMenu(self.tr("&Inspection"))
        self.report_action = self._action(self.tr("Report…"), self.build_report, "Ctrl+P")
        self.export_action = self._action(self.tr("Export package…"), self.export_package, "Ctrl+E")
        self.amend_action = self._action(self.tr("Amend (new revision)…"), self.amend_current)
        im.addAction(self.report_action)
        im.addAction(self.export_action)
        im.addSeparator()
        im.addAction(self.amend_action)
        self.import_action = self._action(self.tr("Import packages (HQ)…"), self.import_packages)
        f.insertAction(self.settings_action, self.import_action)
        f.insertSeparator(self.settings_action)

        h = mb.addMenu(self.tr("&Help"))
        self.keys_action = self._action(
            self.tr("Keyboard shortcuts"), self.show_keys, QKeySequence.StandardKey.HelpContents
        )
        h.addAction(self.keys_action)
        h.addAction(self._action(self.tr("Open the log folder"), self.open_log_folder))
        h.addAction(self._action(self.tr("About Branch Inspector"), self.show_about))

    def _update_actions(self) -> None:
        in_runner = self.stack.currentWidget() is self.runner and self.runner.state is not None
        editable = in_runner and self.runner.state is not None and not self.runner.state.read_only
        for act in self.runner_actions:
            act.setEnabled(in_runner)
        scale = editable and self.runner.current_is_scale()
        for act in (self.pass_action, self.fail_action, self.na_action):
            act.setEnabled(editable and not scale)
        for act in self.scale_actions:
            act.setEnabled(scale)
        for act in (self.add_photo_action, self.confirm_action):
            act.setEnabled(editable)
        st = self.runner.state if in_runner else None
        selected = self.home.selected_row() if not in_runner else None
        has_target = st is not None or selected is not None
        self.report_action.setEnabled(has_target)
        self.export_action.setEnabled(has_target)
        self.amend_action.setEnabled(st is not None and st.read_only)

    def _target_uuid(self) -> str | None:
        """The inspection the Inspection menu acts on: the open one, else the selected row."""
        if self.stack.currentWidget() is self.runner and self.runner.uuid:
            self.runner.flush()
            return self.runner.uuid
        row = self.home.selected_row()
        return row.uuid if row is not None else None

    def build_report(self) -> None:
        uuid = self._target_uuid()
        if uuid:
            self.exporter.report(uuid)

    def export_package(self) -> None:
        uuid = self._target_uuid()
        if uuid:
            self.exporter.export_package(uuid)

    def amend_current(self) -> None:
        self.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
        self.runner.finalize_panel.amend_button.click()

    def import_packages(self) -> None:
        dlg = ImportDialog(self.db, self.settings, self)
        dlg.imported.connect(lambda _: self.home.reload())
        dlg.exec()

    # ---------------------------------------------------------------- navigation
    def show_home(self) -> None:
        self.runner.close_inspection()
        self.settings.clear_last_position()
        self.home.reload()
        self.stack.setCurrentWidget(self.home)

    def show_branch(self, code: str) -> None:
        """The inspections list filtered to one branch (from the HQ league table)."""
        self.show_home()
        self.home.set_branch_filter(code)

    def show_hq(self) -> None:
        """The HQ dashboard (built on first use: its queries run only when asked for)."""
        self.runner.close_inspection()
        self.settings.clear_last_position()
        if self.hq is None or self.hq_page is None:
            self.hq = HqDashboard(self.db)
            self.hq.branch_activated.connect(self.show_branch)
            back = QPushButton(self.tr("◀ Inspections"))
            back.clicked.connect(self.show_home)
            title = QLabel(self.tr("HQ view"))
            title.setObjectName("pageTitle")
            title.setStyleSheet("color: white;")
            header = QFrame()
            header.setObjectName("header")
            hl = QHBoxLayout(header)
            hl.setContentsMargins(16, 10, 20, 10)
            hl.setSpacing(16)
            hl.addWidget(back)
            hl.addWidget(title, 1)
            # The dashboard's files, for the filter shown (as 'hq export' and 'hq report').
            hq = self.hq
            self.hq_files = HqFiles(
                self.db, self.settings, lambda: hq.current_filter(), hq.language, self
            )
            self.hq_files.saved.connect(
                lambda p: self.statusBar().showMessage(self.tr("Saved: {0}").format(p), 8000)
            )
            for text, act in (
                (self.hq_files.export_text(), self.hq_files.export_excel),
                (self.hq_files.report_text(), self.hq_files.write_report),
            ):
                button = QPushButton(text)
                button.clicked.connect(lambda _=False, act=act: act())
                hl.addWidget(button)
            page = QWidget()
            lay = QVBoxLayout(page)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(0)
            lay.addWidget(header)
            lay.addWidget(self.hq, 1)
            self.hq_page = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(self.hq_page)
        self.hq.refresh()

    def show_rectification(self) -> None:
        """The Rectification screen: answer HQ's notices (built on first use)."""
        self.runner.close_inspection()
        if self.rectification is None:
            self.rectification = RectificationPage(self.db, self.settings, os_user())
            self.rectification.back_requested.connect(self.show_home)
            self.stack.addWidget(self.rectification)
        self.stack.setCurrentWidget(self.rectification)
        self.rectification.refresh()

    def open_inspection(self, uuid: str, item_id: str | None = None) -> bool:
        try:
            self.runner.open(uuid, item_id)
        except NotFoundError as e:
            log.info("cannot open %s: %s", uuid, e)
            self.settings.clear_last_position()
            return False
        self.stack.setCurrentWidget(self.runner)
        self._update_actions()
        return True

    def restore_last_position(self) -> bool:
        """Reopen the inspection and item the user was on (after a crash or a quit)."""
        uuid, item_id = self.settings.last_position()
        if not uuid:
            return False
        return self.open_inspection(uuid, item_id or None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if pack_paths(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = pack_paths(event)
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        for path in paths:
            self.hq_updates.install(path)

    def start_planned(self, item: object) -> None:
        """The new-inspection dialog, pre-filled with what HQ's plan line assigns."""
        dlg = NewInspectionDialog(self.db, self.settings, self.lang, self)
        dlg.prefill(item)  # type: ignore[arg-type]
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.created_uuid:
            self.home.reload()
            self.open_inspection(dlg.created_uuid)

    def new_inspection(self) -> None:
        dlg = NewInspectionDialog(self.db, self.settings, self.lang, self)
        if dlg.exec() == QDialog.DialogCode.Accepted and dlg.created_uuid:
            self.home.reload()
            self.open_inspection(dlg.created_uuid)

    def back_up_database(self, path: Path | None = None) -> workers.Job | None:
        """Write a consistent copy of the database (safe while it is in use)."""
        if not self.db.is_sqlite:
            QMessageBox.information(
                self,
                self.tr("Back up database"),
                self.tr("This is a server database; back it up with the server's own tools."),
            )
            return None
        if path is None:
            stamp = timefmt.now().strftime("%Y%m%d-%H%M")
            folder = self.settings.last_folder() or str(Path.home())
            chosen = filedialogs.save_file(
                self,
                self.tr("Back up database"),
                str(Path(folder) / f"inspector-backup-{stamp}.sqlite3"),
                self.tr("Database files (*.sqlite3)"),
            )
            if chosen is None:
                return None
            path = chosen
        target, db = path, self.db
        return workers.run_with_progress(
            self,
            self.tr("Back up database"),
            self.tr("Writing the backup…"),
            lambda _progress: str(backup_database(db, target)),
            lambda result: self.statusBar().showMessage(
                self.tr("Backup written: {0}").format(result), 10000
            ),
        )

    def show_settings(self) -> None:
        before = self.lang
        SettingsDialog(self.settings, self, self.db).exec()
        if self.settings.language() != before:
            self.runner.flush()
            self.language_changed.emit(self.settings.language())

    def rebuilt(self) -> MainWindow:
        """A new window in the current language, on the same screen and the same item.

        Every widget is built in its language, so switching rebuilds the window instead of
        retranslating each one; all work is already committed, so nothing is lost.
        """
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translations(app, self.settings.language())
        new = MainWindow(self.db, self.settings)
        new.setGeometry(self.geometry())
        if self.stack.currentWidget() is self.runner and self.runner.uuid:
            new.open_inspection(self.runner.uuid, self.runner.current_item)
        elif self.hq_page is not None and self.stack.currentWidget() is self.hq_page:
            new.show_hq()
        new.show()
        self.close()
        self.deleteLater()
        return new

    def keys_text(self) -> list[tuple[str, str]]:
        """Every key of the runner, as shown in Help → Keyboard shortcuts."""
        return [
            ("1 / 2 / 3", self.tr("Pass / fail / N/A (on a scale item: the digits are the score)")),
            (self.tr("Digits in a field"), self.tr("Typed into the field, never an answer")),
            ("Esc", self.tr("Leave the value field (then 1 / 2 / 3 judge)")),
            ("Enter", self.tr("Next item (in a note: a new line)")),
            ("Ctrl+↑ / Ctrl+↓", self.tr("Previous / next item")),
            ("Ctrl+J", self.tr("Next unanswered item")),
            ("Ctrl+Shift+J", self.tr("Next item that still needs a photo")),
            ("Ctrl+F", self.tr("Find an item by text or id (Enter opens it, Esc clears)")),
            ("Ctrl+O", self.tr("Add photos to the current item")),
            ("Ctrl+V", self.tr("Paste a photo as evidence (in a text field: paste text)")),
            ("Ctrl+R", self.tr("Confirm a copied answer after re-verifying it")),
            ("Ctrl+Z / Ctrl+Shift+Z", self.tr("Undo / redo an answer")),
            ("Ctrl+1 / Ctrl+2", self.tr("Checklist / findings")),
            ("Ctrl+3", self.tr("Summary (or the visit narrative)")),
            ("Ctrl+4", self.tr("Finalize")),
            ("Ctrl+M", self.tr("Branch manager's name (sign-off)")),
            ("Ctrl+P / Ctrl+E", self.tr("Report / export package")),
            ("Ctrl+N / Ctrl+L / Ctrl+H", self.tr("New inspection / inspections list / HQ view")),
            ("F1", self.tr("This list")),
        ]

    def show_keys(self) -> QDialog:
        """Help → Keyboard shortcuts (F1): a window that may stay open beside the work."""
        rows = "".join(
            f"<tr><td style='padding-right:18px'><b>{k}</b></td><td>{v}</td></tr>"
            for k, v in self.keys_text()
        )
        box = QDialog(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        label = QLabel(f"<table>{rows}</table>")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setObjectName("keysTable")
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(box.close)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.addWidget(label)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        # Sized once, not constrained by its layout: the list does not change while open.
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        box.resize(box.sizeHint())
        box.setModal(False)
        box.show()
        return box

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file().parent)))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Branch Inspector"),
            self.tr("Branch Inspector {0}\nDatabase: {1}\nLog file: {2}").format(
                __version__, self.db.display_name, log_file()
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Typing still waiting for its pause is committed before the window goes.
        self.runner.flush()
        super().closeEvent(event)
