"""Loading the UI translations: ours and every other ``*_zh_CN.qm`` in resources/i18n/."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from inspector import paths

log = logging.getLogger(__name__)

_translators: list[QTranslator] = []


def install_translations(app: QApplication, lang: str) -> list[str]:
    """Load every ``resources/i18n/*_zh_CN.qm`` (ours, the photo and HQ widgets') and Qt's.

    English is the source language: nothing is loaded for it. Returns the files loaded.
    """
    for t in _translators:
        app.removeTranslator(t)
    _translators.clear()
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    t = QTranslator(app)
    if t.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(t)
        _translators.append(t)
        loaded.append("qtbase_zh_CN")
    folder = paths.resource_path("i18n")
    for qm in sorted(folder.glob("*_zh_CN.qm")) if folder.is_dir() else []:
        t = QTranslator(app)
        if t.load(str(qm)):
            app.installTranslator(t)
            _translators.append(t)
            loaded.append(qm.name)
        else:
            log.warning("could not load translation %s", qm)
    return loaded
