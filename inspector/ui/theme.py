"""Colours, fonts and the application style sheet: calm, high-contrast, touch-friendly."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from inspector import paths

log = logging.getLogger(__name__)

PRIMARY = "#1f4e79"
PRIMARY_LIGHT = "#e8eff7"
BACKGROUND = "#f4f6f9"
PANEL = "#ffffff"
BORDER = "#d5dce5"
TEXT = "#1f2933"
MUTED = "#5f6b7a"
PASS = "#2e7d32"  # noqa: S105 - a colour, not a password
FAIL = "#c62828"
PARTIAL = "#e08a00"
NA = "#757575"
UNANSWERED = "#9aa5b1"

OUTCOME_COLORS = {
    "pass": PASS,
    "fail": FAIL,
    "partial": PARTIAL,
    "na": NA,
    "unanswered": UNANSWERED,
    "hidden": UNANSWERED,
}


def color(name: str) -> QColor:
    return QColor(OUTCOME_COLORS.get(name, UNANSWERED))


_bundled: tuple[str | None, bool] | None = None


def install_fonts(app: QApplication) -> str | None:
    """Use the bundled CJK font when the system has no Chinese font; return its family.

    Without it Chinese text shows as empty boxes on machines (and the offscreen test
    platform) that ship no CJK font.
    """
    global _bundled
    if _bundled is None:
        # Checked before adding ours; the 5 MB font is read once per process.
        has_cjk = bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
        font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if font_id < 0:
            log.warning("could not load bundled font %s", paths.cjk_font_path())
        _bundled = (families[0] if families else None, has_cjk)
    family, has_cjk = _bundled
    font = QFont(app.font())
    if family and not has_cjk:
        font.setFamilies([family])
    elif family:
        # Keep the system's UI font and fall back to the bundled one for missing glyphs.
        font.setFamilies([*font.families(), family])
    font.setPointSizeF(10.5)
    app.setFont(font)
    return family


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; }}
QLabel#hint {{ color: {MUTED}; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; color: {PRIMARY}; }}
QLabel#itemText {{ font-size: 16pt; font-weight: 600; }}
QLabel#sectionTitle {{ color: {MUTED}; font-size: 10pt; letter-spacing: 1px; }}
QLabel#guidance {{
    background: {PRIMARY_LIGHT}; border-radius: 6px; padding: 10px 12px; color: {TEXT};
}}
QLabel#source {{ color: {MUTED}; }}
QLabel#tag {{
    border-radius: 4px; padding: 2px 8px; color: white; background: {MUTED};
    font-size: 9pt;
}}
QLabel#tagVeto {{
    border-radius: 4px; padding: 2px 8px; color: white; background: {FAIL}; font-size: 9pt;
}}
QLabel#banner {{
    background: #fff4e5; border: 1px solid #f0c27b; border-radius: 6px; padding: 8px 12px;
}}
QLabel#vetoBanner {{
    background: {FAIL}; color: white; border-radius: 6px; padding: 8px 10px;
    font-weight: 600;
}}
QLabel#bigScore {{ font-size: 30pt; font-weight: 700; color: {PRIMARY}; }}
QLabel#grade {{ font-size: 14pt; font-weight: 600; }}
QFrame#panel, QWidget#panel {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame#header {{ background: {PRIMARY}; }}
QFrame#header QLabel {{ color: white; }}
QFrame#header QLabel#readOnlyBadge {{
    border: 1px solid #8fb0cf; border-radius: 6px; padding: 4px 12px; font-weight: 600;
}}
QFrame#header QPushButton {{
    background: transparent; color: white; border: 1px solid #8fb0cf; border-radius: 6px;
    padding: 6px 14px;
}}
QPushButton {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; padding: 7px 16px;
    min-height: 22px;
}}
QPushButton:hover {{ border-color: {PRIMARY}; }}
QPushButton:disabled {{ color: #a0a9b4; background: #eef1f4; }}
QPushButton#primary {{
    background: {PRIMARY}; color: white; border: none; font-weight: 600;
}}
QPushButton#primary:disabled {{ background: #9db3c8; }}
QPushButton#danger {{ color: {FAIL}; border-color: #e6b3b3; }}
QPushButton#answerPass, QPushButton#answerFail, QPushButton#answerNa {{
    font-size: 15pt; font-weight: 600; min-height: 64px; min-width: 150px;
    border-radius: 10px; border: 2px solid {BORDER}; background: {PANEL};
}}
QPushButton#answerPass {{ color: {PASS}; }}
QPushButton#answerFail {{ color: {FAIL}; }}
QPushButton#answerNa {{ color: {NA}; }}
QPushButton#answerPass:checked {{ background: {PASS}; color: white; border-color: {PASS}; }}
QPushButton#answerFail:checked {{ background: {FAIL}; color: white; border-color: {FAIL}; }}
QPushButton#answerNa:checked {{ background: {NA}; color: white; border-color: {NA}; }}
QPushButton#choice {{
    font-size: 12pt; min-height: 44px; text-align: left; padding-left: 14px;
    border-radius: 8px;
}}
QPushButton#choice:checked {{ background: {PRIMARY}; color: white; border-color: {PRIMARY}; }}
QLineEdit, QPlainTextEdit {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 5px; padding: 5px 7px;
    min-height: 22px;
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border-color: {PRIMARY}; }}
QComboBox, QSpinBox, QDateEdit, QDateTimeEdit {{ min-height: 30px; }}
QTableView, QTreeView, QListView {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px;
    selection-background-color: {PRIMARY_LIGHT}; selection-color: {TEXT};
    alternate-background-color: #f8fafc;
}}
QTreeView::item, QListView::item {{ padding: 5px 2px; }}
QTableView::item {{ padding: 4px; }}
QHeaderView::section {{
    background: #eef2f6; border: none; border-bottom: 1px solid {BORDER}; padding: 7px 8px;
    font-weight: 600; color: {MUTED};
}}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    padding: 9px 20px; margin-right: 2px; border: none; color: {MUTED};
    border-bottom: 3px solid transparent; background: transparent;
}}
QTabBar::tab:selected {{ color: {PRIMARY}; border-bottom: 3px solid {PRIMARY}; font-weight: 600; }}
QProgressBar {{
    border: none; background: #e4e9ef; border-radius: 4px; height: 8px; text-align: center;
}}
QProgressBar::chunk {{ background: {PRIMARY}; border-radius: 4px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; }}
QToolTip {{ background: {TEXT}; color: white; border: none; padding: 4px; }}
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
