"""Loading the UI translations: ours and every other ``*_zh_CN.qm`` in resources/i18n/."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from inspector import paths

log = logging.getLogger(__name__)

_translators: list[QTranslator] = []


def qt_translation_dirs() -> list[str]:
    """Where Qt's own ``qtbase_*.qm`` may be: Qt's answer first, then PySide6's folders.

    A wheel install has them in ``PySide6/Qt/translations`` (``PySide6/translations`` on
    Windows), which is what Qt reports; a bundle keeps the same layout under its own folder,
    where Qt's answer can point at the build machine, hence the fallbacks.
    """
    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    candidates = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(base / "Qt" / "translations"),
        str(base / "translations"),
    ]
    return list(dict.fromkeys(c for c in candidates if c))


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
    t = QTranslator(app)
    if any(t.load("qtbase_zh_CN", folder) for folder in qt_translation_dirs()):
        app.installTranslator(t)
        _translators.append(t)
        loaded.append("qtbase_zh_CN")
    else:
        log.warning("Qt's own translation qtbase_zh_CN.qm not found in %s", qt_translation_dirs())
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
