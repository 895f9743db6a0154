"""Per-user settings (QSettings in the per-user data folder) and the settings dialog.

The settings file lives beside the default database (``paths.user_data_dir()``), so
``INSPECTOR_HOME`` isolates tests and a crash-restart finds the same file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector import paths
from inspector.db import Database
from inspector.errors import UserError
from inspector.services.commands import settings as settings_commands
from inspector.services.views.settings import report_settings
from inspector.ui import filedialogs
from inspector.ui.errors import user_text

log = logging.getLogger(__name__)

LANGUAGES = (("zh", "中文（简体）"), ("en", "English"))
DEFAULT_LANGUAGE = "zh"


class AppSettings:
    """Typed access to the few values the app remembers between runs.

    Every setter syncs at once: the app may be killed at any moment and must reopen
    where the user was.
    """

    def __init__(self) -> None:
        path = paths.user_data_dir() / "settings.ini"
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return str(value) if value is not None else default

    def _set(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)
        self._qs.sync()

    # language: "zh" or "en"; the checklist text follows it too
    def language(self) -> str:
        lang = self._str("ui/language", DEFAULT_LANGUAGE)
        return lang if lang in dict(LANGUAGES) else DEFAULT_LANGUAGE

    def set_language(self, lang: str) -> None:
        self._set("ui/language", lang)

    def inspector_name(self) -> str:
        return self._str("inspection/inspector_name")

    def set_inspector_name(self, name: str) -> None:
        self._set("inspection/inspector_name", name.strip())

    def last_position(self) -> tuple[str, str]:
        """The inspection UUID and item id the user was last on ("" when none)."""
        return self._str("session/last_inspection"), self._str("session/last_item")

    def set_last_position(self, uuid: str, item_id: str) -> None:
        self._qs.setValue("session/last_inspection", uuid)
        self._qs.setValue("session/last_item", item_id)
        self._qs.sync()

    def clear_last_position(self) -> None:
        self.set_last_position("", "")

    def last_folder(self) -> str:
        return self._str("ui/last_folder")

    def set_last_folder(self, folder: str) -> None:
        self._set("ui/last_folder", folder)


class SettingsDialog(QDialog):
    """Language and inspector name (the main window rebuilds itself in a new language), and,
    with a database, what reports print: the organisation's name and logo and the time zone
    (stored in the database, shared with ``inspector settings``)."""

    def __init__(
        self, settings: AppSettings, parent: QWidget | None = None, db: Database | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._db = db
        self._logo_path: str | None = None  # a newly chosen file; "" clears the logo
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(460)
        self.language_combo = QComboBox()
        for code, label in LANGUAGES:
            self.language_combo.addItem(label, code)
        self.language_combo.setCurrentIndex(
            max(0, self.language_combo.findData(settings.language()))
        )
        self.name_edit = QLineEdit(settings.inspector_name())
        note = QLabel(
            self.tr("The window is rebuilt in the chosen language at once; nothing is lost.")
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language_combo)
        form.addRow(self.tr("Inspector name"), self.name_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        if db is not None:
            lay.addWidget(self._report_box(db))
        lay.addWidget(buttons)

    def _report_box(self, db: Database) -> QGroupBox:
        stored = report_settings(db)
        org, logo, tz = stored.org_name, stored.logo, stored.display_tz
        self._saved = {"org.name": org, "display.tz": tz}
        box = QGroupBox(self.tr("Reports (this database)"))
        self.org_edit = QLineEdit(org)
        self.org_edit.setPlaceholderText(self.tr("Printed on every report, e.g. the bank's name"))
        self.logo_label = QLabel(logo or self.tr("none"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_logo)
        clear = QPushButton(self.tr("Remove"))
        clear.clicked.connect(self._clear_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo_label, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(clear)
        self.tz_edit = QLineEdit(tz)
        self.tz_edit.setPlaceholderText("Asia/Shanghai")
        self.tz_edit.setToolTip(self.tr("Time zone of printed times: a name or an offset (+08:00)"))
        form = QFormLayout(box)
        form.addRow(self.tr("Organisation"), self.org_edit)
        form.addRow(self.tr("Logo"), logo_row)
        form.addRow(self.tr("Time zone"), self.tz_edit)
        return box

    def _choose_logo(self) -> None:
        chosen = filedialogs.open_file(
            self, self.tr("Organisation logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if chosen is not None:
            self._logo_path = str(chosen)
            self.logo_label.setText(str(chosen))

    def _clear_logo(self) -> None:
        self._logo_path = ""
        self.logo_label.setText(self.tr("none"))

    def _save_report_settings(self, db: Database) -> None:
        actor = self._settings.inspector_name() or "settings"
        org = self.org_edit.text().strip()
        if org != self._saved["org.name"]:
            settings_commands.set_value(db, "org.name", org, actor=actor)
            self._saved["org.name"] = org
        if self._logo_path is not None:
            settings_commands.set_value(db, "org.logo", self._logo_path, actor=actor)
            self._logo_path = None
        tz = self.tz_edit.text().strip()
        if tz != self._saved["display.tz"]:
            settings_commands.set_value(db, "display.tz", tz, actor=actor)
            self._saved["display.tz"] = tz

    def accept(self) -> None:
        if self._db is not None:
            try:
                self._save_report_settings(self._db)
            except UserError as e:
                # A bad logo or zone: say what, keep the dialog open to correct it.
                QMessageBox.warning(self, self.tr("Settings"), user_text(e))
                return
        self._settings.set_language(str(self.language_combo.currentData()))
        self._settings.set_inspector_name(self.name_edit.text())
        super().accept()
