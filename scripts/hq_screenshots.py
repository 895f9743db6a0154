"""Screenshots of the HQ dashboard in English and Chinese, for the README and docs/hq.md.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/hq_screenshots.py [OUT_DIR]

Fills a temporary database with the demo data (``inspector demo``: 40 branches in 6
regions, 1,500 inspections with their answers, mystery visits with scenarios), opens the
dashboard at 1366x768 with the bundled CJK font as the application font (offscreen Qt has
no system fonts), and saves one PNG per tab and language to docs/images/hq-*.png.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from inspector import paths
from inspector.db import open_database
from inspector.services import demo
from inspector.ui.hq import HqDashboard
from inspector.ui.translations import install_translations

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)

# File name -> tab index (the evidence-integrity tab is left out: nothing to show in demo data).
TABS = {
    "branches": 0,
    "items": 1,
    "trend": 2,
    "rectification": 3,
    "rights": 5,
    "mystery": 6,
    "assessment": 8,
}


def _wait_refreshed(dash: HqDashboard) -> None:
    loop = QEventLoop()
    dash.refreshed.connect(loop.quit)
    dash.failed.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    dash.refresh()
    loop.exec()


def shoot(out: Path, lang: str, db_path: Path) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Every translation the app loads (the dashboard shows the review queue's and the
    # rectification's strings too), not only the HQ file.
    loaded = install_translations(app, lang)
    if lang == "zh" and "hq_zh_CN.qm" not in loaded:
        raise SystemExit("cannot load hq_zh_CN.qm; run pyside6-lrelease first")
    db = open_database(str(db_path))
    dash = HqDashboard(db)
    dash.resize(1366, 768)  # a common office laptop screen
    dash.show()
    _wait_refreshed(dash)
    written = []
    for name, i in TABS.items():
        dash.tabs.setCurrentIndex(i)
        if name == "assessment":  # a branch clicked: where its points came from
            dash.assess_view.setCurrentIndex(dash.assess_view.model().index(0, 0))
        app.processEvents()
        path = out / f"hq-{name}-{lang}.png"
        dash.grab().save(str(path))
        written.append(path)
    dash.close()
    dash.deleteLater()
    app.processEvents()
    db.dispose()
    return written


def main() -> int:
    logging.basicConfig(level=logging.WARNING)
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        raise SystemExit(f"cannot load the bundled font {paths.cjk_font_path()}")
    app.setFont(QFont(families[0], 10))
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "hq-demo.sqlite3"
        db = open_database(str(db_path))
        demo.generate(db, inspections=1500, seed=11)
        db.dispose()
        for lang in ("en", "zh"):
            for p in shoot(out, lang, db_path):
                print(p)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
