"""The app's file dialogs: one maker, Chinese words, no file read (issue 20, point 1).

Qt 6's own ``qtbase_zh_CN.qm`` left "Look in:" and "Files of type:" in English (the
labels gained an ``&``); ``locks_zh_CN.ts`` translates them, and the type column comes
from the file name in the app's language.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.ui import filedialogs
from inspector.ui.translations import install_translations

SHOTS = Path("/tmp/inspector-shots")
UI = Path(filedialogs.__file__).resolve().parent
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(styled_app: QApplication) -> Iterator[QApplication]:
    loaded = install_translations(styled_app, "zh")
    assert "qtbase_zh_CN" in loaded and "locks_zh_CN.qm" in loaded
    yield styled_app
    install_translations(styled_app, "en")


def _words(dialog: QFileDialog) -> list[str]:
    """Every label, button text and tooltip the dialog shows (file names excluded)."""
    words = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton) and w.isVisible() and w.text():
            words.append(w.text())
        if w.toolTip():
            words.append(w.toolTip())
    return words


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_file_dialog_speaks_chinese(
    qtbot: QtBot, chinese: QApplication, db: Database, db_path: Path
) -> None:
    folder = db_path.parent
    (folder / "报告.pdf").write_bytes(b"%PDF-1.4")
    (folder / "说明").write_bytes(b"x")
    (folder / "照片").mkdir()
    dialog = filedialogs.make_dialog(
        None, "保存报告", folder / "报告.pdf", "PDF 文件 (*.pdf);;所有文件 (*)", save=True
    )
    qtbot.addWidget(dialog)
    dialog.selectNameFilter("所有文件 (*)")
    dialog.resize(900, 560)
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    with qtbot.waitSignal(model.directoryLoaded, timeout=10_000):
        dialog.open()
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    words = _words(dialog)
    assert "查找范围(&L)：" in words and "文件类型(&T)：" in words, words
    tree = dialog.findChild(QTreeView, "treeView")
    assert tree is not None
    assert tree.model().headerData(1, Qt.Orientation.Horizontal) == "大小"
    english = [w for w in words if not CJK.search(w)]
    assert english == [], english
    # The type column, from the name alone; the database's side files are not listed.
    proxy = dialog.proxyModel()
    root = proxy.mapFromSource(model.index(str(folder)))
    rows = {
        proxy.index(i, 0, root).data(): proxy.index(i, 2, root).data()
        for i in range(proxy.rowCount(root))
    }
    assert rows["报告.pdf"] == "PDF 文件" and rows["说明"] == "文件" and rows["照片"] == "文件夹"
    assert db_path.name in rows

    # The file model's order: folders first, then files by name.
    def names() -> list[str]:
        at = proxy.mapFromSource(model.index(str(folder)))  # sorting moves the rows
        return [proxy.index(i, 0, at).data() for i in range(proxy.rowCount(at))]

    # (Names in the locale's collation: pinyin order for Chinese.)
    qtbot.waitUntil(lambda: names() == ["照片", "报告.pdf", "说明", "test.sqlite3"])
    root = proxy.mapFromSource(model.index(str(folder)))
    sizes = {
        proxy.index(i, 0, root).data(): proxy.index(i, 1, root).data()
        for i in range(proxy.rowCount(root))
    }
    assert sizes["报告.pdf"] == "8 字节" and sizes["照片"] == ""
    assert sizes[db_path.name].endswith(" KB"), sizes
    assert not [n for n in rows if n.startswith(db_path.name + "-")], rows
    combo = dialog.findChild(QComboBox, "fileTypeCombo")
    assert combo is not None and combo.currentText() == "所有文件 (*)"
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "file_dialog_zh.png"))
    dialog.reject()


def test_every_file_dialog_is_made_in_one_place() -> None:
    """No module but filedialogs.py names QFileDialog's static functions or builds one."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "filedialogs.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name == "QFileDialog":
                    offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []
