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
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector import paths

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
    """Language and inspector name (the main window rebuilds itself in a new language)."""

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
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
        lay.addWidget(buttons)

    def accept(self) -> None:
        self._settings.set_language(str(self.language_combo.currentData()))
        self._settings.set_inspector_name(self.name_edit.text())
        super().accept()
