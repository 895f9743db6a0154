"""Issue 12, points 6, 7 and 11: pasted photos keep their bytes, thumbnails never show what a
redaction hides, and the screens fit a 1366x768 laptop in both languages with no English left
on the Chinese ones."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QProgressDialog,
    QScrollArea,
    QSpinBox,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.services import photo_variants
from inspector.services import photos as photo_svc
from inspector.services import reports as report_svc
from inspector.services.inspections import answering, lifecycle, lookup, signoff, snapshots
from inspector.services.inspections import scoring as insp_scoring
from inspector.ui.main_window import MainWindow
from inspector.ui.photos.editor import PhotoEditorDialog
from inspector.ui.runner.page import RunnerPage
from inspector.ui.settings import AppSettings
from inspector.ui.translations import install_translations
from tests.conftest import PHOTOS
from tests.gui.conftest import make_inspection

ITEM = "ex.ramp"
#: A 1366x768 laptop with a 40 px taskbar, less a 30 px title bar.
LAPTOP_CLIENT = QSize(1366, 728 - 30)


def _img(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean per-pixel difference (0-255) of two images scaled to the same small size."""
    size = (64, 48)
    diff = ImageChops.difference(a.resize(size), b.resize(size))
    return sum(ImageStat.Stat(diff).mean) / 3


# ---------------------------------------------------------------- point 6
def test_p6_pasted_jpeg_keeps_original_bytes(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    """A clipboard with the encoded JPEG (as file managers, browsers and phones' companion
    apps offer it) stores those bytes, EXIF orientation honoured; a bare bitmap is a PNG."""
    uuid = make_inspection(db)
    window.open_inspection(uuid, ITEM)
    original = (PHOTOS / "Landscape_3.jpg").read_bytes()  # EXIF orientation 3 (upside down)
    mime = QMimeData()
    # The decoded bitmap comes without the orientation: stored as it is, it is upside down.
    mime.setImageData(QImage.fromData(original))
    mime.setData("image/jpeg", original)
    QGuiApplication.clipboard().setMimeData(mime)
    strip = window.runner.evidence
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000) as done:
        window.paste_action.trigger()
    assert done.args[0].added, done.args[0]
    with db.session() as s:
        (p,) = photo_svc.photos_of(lookup.get(s, uuid), ITEM)
        assert p.format == "JPEG"
        assert photo_variants.variant_bytes(s, p, "original") == original
        shown = _img(photo_variants.variant_bytes(s, p, "display"))
        report = report_svc.build_report_data(s, lookup.get(s, uuid), "en")
    upright = _img((PHOTOS / "Landscape_1.jpg").read_bytes())
    assert _difference(shown, upright) < 12, "the pasted photo is not upright in the app"
    (photo,) = next(i for i in report.items if i.id == ITEM).photos
    assert _difference(_img(photo.jpeg), upright) < 12, (
        "the pasted photo is not upright in the report"
    )

    # A bare bitmap (a screenshot tool, an image editor) has nothing better: a PNG.
    bitmap = QImage(320, 200, QImage.Format.Format_RGB32)
    bitmap.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(bitmap)
    with qtbot.waitSignal(strip.ingest_finished, timeout=20_000) as done:
        window.paste_action.trigger()
    assert done.args[0].added
    with db.session() as s:
        formats = sorted(p.format for p in photo_svc.photos_of(lookup.get(s, uuid), ITEM))
    assert formats == ["JPEG", "PNG"]


# ---------------------------------------------------------------- point 7
@pytest.fixture
def redacted(db: Database) -> Iterator[tuple[str, str, tuple[float, float]]]:
    """An inspection with one photo whose middle is blacked out; (uuid, photo id, centre)."""
    uuid = make_inspection(db)
    with db.session() as s:
        insp = lookup.get(s, uuid)
        p = photo_svc.add_bytes(
            s, insp, ITEM, (PHOTOS / "Landscape_1.jpg").read_bytes(), file_name="a.jpg", actor="t"
        )
        w, h = p.width, p.height
        photo_svc.redact(s, p, [(w // 4, h // 4, w // 2, h // 2)], actor="t")
        pid = p.id
    yield uuid, pid, (0.5, 0.5)


def _dark(image: Image.Image, where: tuple[float, float]) -> bool:
    x, y = round(image.width * where[0]), round(image.height * where[1])
    box = image.crop((x - 3, y - 3, x + 3, y + 3))
    return max(ImageStat.Stat(box).mean) < 20


def _qimage_to_pil(image: QImage) -> Image.Image:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    ptr = image.constBits()
    return Image.frombuffer(
        "RGB", (image.width(), image.height()), bytes(ptr), "raw", "RGB", image.bytesPerLine()
    )


def test_p7_redacted_photo_thumbnails_show_the_redaction(
    qtbot: QtBot, db: Database, window: MainWindow, redacted: tuple[str, str, tuple[float, float]]
) -> None:
    uuid, pid, centre = redacted
    with db.session() as s:
        p = photo_svc.get(s, pid)
        # The original really has light pixels there (else the test proves nothing).
        assert not _dark(_img(photo_variants.variant_bytes(s, p, "original")), centre)
        # Service side: every shown variant carries the redaction.
        for variant in ("thumb", "display", "rendered"):
            assert _dark(_img(photo_variants.variant_bytes(s, p, variant)), centre), variant
        report = report_svc.build_report_data(s, lookup.get(s, uuid), "zh")
    (photo,) = next(i for i in report.items if i.id == ITEM).photos
    assert _dark(_img(photo.jpeg), centre)

    # The evidence strip in the runner.
    window.open_inspection(uuid, ITEM)
    model = window.runner.evidence.model
    assert model.rowCount() == 1
    icon = model.data(model.index(0, 0, QModelIndex()), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    thumb = icon.pixmap(icon.availableSizes()[0]).toImage()
    assert _dark(_qimage_to_pil(thumb), centre), "the strip shows the unredacted original"

    # The editor opens on the redacted rendering; the original only when asked for.
    editor = window.runner.evidence.open_editor(pid)
    qtbot.addWidget(editor)
    assert isinstance(editor, PhotoEditorDialog)
    shown = _qimage_to_pil(editor._pixmap_item.pixmap().toImage())
    assert _dark(shown, centre)
    editor.set_preview(False)
    # Edit mode draws the box over the original (opaque for a fill redaction).
    assert editor.preview_action.isChecked() is False
    editor.reject()


# ---------------------------------------------------------------- point 11: the zh walker
#: ASCII words that are not English prose: formats, units, names. Anything else made of two
#: or more Latin letters on a Chinese screen is an untranslated string.
ALLOWED_WORDS = frozenset(
    {
        *("PDF", "CSV", "HQ", "ID", "GPS", "EXIF", "SHA", "UUID", "PNG", "JPEG", "JPG"),
        *("HEIC", "HEIF", "WebP", "WEBP", "SQLite", "PostgreSQL", "YAML", "JSON", "ZIP"),
        *("Ctrl", "Shift", "Alt", "Enter", "Tab", "Esc", "Del", "Backspace", "Space", "PgUp"),
        *("PgDn", "Home", "End"),
        *("mm", "cm", "km", "px", "MB", "KB", "GB", "lx", "lux", "dB", "kg", "pt", "min"),
        *("Qt", "PySide", "WenQuanYi", "Micro", "Hei", "OK", "UTC", "Excel"),
        "English",  # the language chooser names each language in itself
    }
)
_TAGS = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;")
_NOT_PROSE = re.compile(
    r"\S*[/\\]\S*"  # paths and URLs
    r"|\*\.\w+"  # file patterns in file dialogs (*.pdf)
    r"|\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"  # UUIDs
    r"|\b[0-9a-f]{4}(?::[0-9a-f]{4})+\b"  # key fingerprints (groups may be all letters)
    r"|\b[0-9a-f]{4,}…"  # shortened ids and fingerprints ("dbad…")
    r"|\b[0-9a-f]{8}-[0-9a-f-]*"  # UUIDs cut short
    r"|\b[0-9a-f]{6,64}\b"  # id prefixes and hashes
    r"|\b[\w-]+(?:\.[\w-]+)+\b"  # item ids, file names, versions
    r"|\b\w*\d\w*\b"  # anything with a digit (tickets, revisions, hashes)
    r"|%[\w]"  # Qt placeholders (%v of %m)
    r"|\{\w*\}"  # unformatted placeholders are caught below
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def english_words(text: str) -> list[str]:
    """The English words in ``text`` once markup, paths, ids and numbers are left out."""
    plain = _NOT_PROSE.sub(" ", _TAGS.sub(" ", text.replace("&&", "&").replace("&", "")))
    return [w for w in _WORD.findall(plain) if w not in ALLOWED_WORDS]


def _bundled_metrics() -> QFontMetrics:
    from inspector.ui import theme

    family = theme.install_fonts(QApplication.instance())  # type: ignore[arg-type]
    assert family, "the bundled CJK font did not load"
    return QFontMetrics(QFont(family))


def missing_glyphs(text: str, metrics: QFontMetrics) -> list[str]:
    """Characters the bundled CJK font cannot draw (shown as a box where it is the only one)."""
    plain = _TAGS.sub(" ", text)
    return sorted({c for c in plain if not c.isspace() and not metrics.inFontUcs4(ord(c))})


@dataclass
class Walker:
    """Collects every string a user can see on a screen: labels, buttons, tabs, titles,
    placeholders, tooltips, menus and toolbars, combo items, table headers and cells, and the
    titles and texts of every dialog and message box the app opens while it is driven."""

    seen: dict[str, set[str]] = field(default_factory=dict)
    screen: str = ""
    #: Visible widgets laid out smaller than their minimum (text or frame cut off).
    clipped: dict[str, set[str]] = field(default_factory=dict)
    #: Windows left over from earlier tests (made before this walk, in another language);
    #: held, so their Python wrappers stay the ones topLevelWidgets() returns for them.
    earlier: list[QWidget] = field(default_factory=lambda: list(QApplication.topLevelWidgets()))

    def add(self, text: object, where: str) -> None:
        if isinstance(text, str) and text.strip():
            self.seen.setdefault(text, set()).add(f"{self.screen}: {where}")

    def walk(self, top: QWidget) -> None:
        for w in [top, *top.findChildren(QWidget)]:
            name = type(w).__name__
            if top.isVisible() and w.isVisible():
                self._check_clipped(w, name)
            if w.isWindow():
                self.add(w.windowTitle(), f"{name} title")
            self.add(w.toolTip(), f"{name} tooltip")
            self.add(w.statusTip(), f"{name} status tip")
            if isinstance(w, QLabel | QAbstractButton):
                self.add(w.text(), name)
            elif isinstance(w, QGroupBox):
                self.add(w.title(), name)
            elif isinstance(w, QComboBox):
                for i in range(w.count()):
                    self.add(w.itemText(i), f"{name} item")
                    tip = w.itemData(i, Qt.ItemDataRole.ToolTipRole)
                    self.add(tip, f"{name} item tip")
            elif isinstance(w, QTabBar):
                for i in range(w.count()):
                    self.add(w.tabText(i), "tab")
                    self.add(w.tabToolTip(i), "tab tooltip")
            elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
                self.add(w.placeholderText(), f"{name} placeholder")
                if w.isReadOnly() and isinstance(w, QTextEdit):
                    self.add(w.toPlainText(), name)
            elif isinstance(w, QAbstractSpinBox):
                self.add(w.specialValueText(), f"{name} special value")
                if isinstance(w, QSpinBox | QDoubleSpinBox):
                    self.add(w.prefix(), f"{name} prefix")
                    self.add(w.suffix(), f"{name} suffix")
            elif isinstance(w, QProgressBar) and w.isTextVisible():
                self.add(w.format(), f"{name} format")
            elif isinstance(w, QAbstractItemView) and w.model() is not None:
                if _in_file_dialog(w):
                    self._file_listing(w, name)
                else:
                    self._model(w.model(), name)
            elif isinstance(w, QStatusBar):
                self.add(w.currentMessage(), "status bar")
            elif isinstance(w, QMenu):
                self.add(w.title(), "menu")
            for action in w.actions():
                self._action(action, f"{name} action")

    def _check_clipped(self, w: QWidget, name: str) -> None:
        if isinstance(w, QLabel) and w.wordWrap():
            need = QSize(0, w.heightForWidth(w.width()))
        elif isinstance(w, QAbstractButton | QLabel | QLineEdit | QComboBox | QAbstractSpinBox):
            need = w.minimumSizeHint()
        else:
            return
        if w.height() < need.height() - 1 or w.width() < need.width() - 1:
            text = getattr(w, "text", lambda: "")() or w.objectName() or name
            self.clipped.setdefault(f"{name} {text!r}", set()).add(
                f"{self.screen}: {w.width()}x{w.height()} < {need.width()}x{need.height()}"
            )

    def _action(self, action: QAction, where: str) -> None:
        if action.isSeparator():
            return
        self.add(action.text(), where)
        self.add(action.toolTip(), f"{where} tooltip")
        self.add(action.statusTip(), f"{where} status tip")
        # (Not action.menu(): PySide 6 returns None from it without a reference, and enough
        # calls crash the interpreter. Menus are widgets and are walked as such.)

    def _model(
        self, model: QAbstractItemModel, where: str, parent: QModelIndex | None = None
    ) -> None:
        parent = parent or QModelIndex()
        if not parent.isValid():
            for c in range(_columns(model, parent)):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    header = model.headerData(c, Qt.Orientation.Horizontal, role)
                    self.add(header, f"{where} header")
        for r in range(min(model.rowCount(parent), 60)):
            for c in range(_columns(model, parent)):
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    self.add(model.data(index, role), f"{where} cell")
            first = model.index(r, 0, parent)
            if _columns(model, parent) and _has_children(model, first):
                self._model(model, where, first)

    def _file_listing(self, view: QAbstractItemView, where: str) -> None:
        """A file dialog's listing: its headers and every column but the names (the user's
        files and folders are data, not words of the app)."""
        model = view.model()
        root = view.rootIndex()
        for c in range(_columns(model, QModelIndex())):
            self.add(model.headerData(c, Qt.Orientation.Horizontal), f"{where} header")
        for r in range(min(model.rowCount(root), 60)):
            for c in range(1, _columns(model, root)):
                self.add(model.data(model.index(r, c, root)), f"{where} file cell")

    def walk_all(self) -> None:
        for top in QApplication.topLevelWidgets():
            if any(top is e for e in self.earlier):
                continue
            if top.isVisible() or isinstance(top, QDialog):
                self.walk(top)


def _in_file_dialog(w: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QFileDialog):
            return True
        parent = parent.parentWidget()
    return False


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models make columnCount private
        return 1


def _has_children(model: QAbstractItemModel, index: QModelIndex) -> bool:
    try:
        return model.hasChildren(index)
    except TypeError:
        return False


@contextmanager
def capture_dialogs(walker: Walker, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every dialog the app opens is walked and answered No / Cancel instead of shown."""

    def record(*args: object, kind: str) -> None:
        for a in args:
            walker.add(a, kind)

    def exec_(self: QDialog) -> int:
        walker.walk(self)
        return int(QDialog.DialogCode.Rejected)

    def open_(self: QDialog) -> None:
        walker.walk(self)

    def box(_parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
        record(title, text, kind="message box")
        return QMessageBox.StandardButton.No

    def about(_parent: object, title: str, text: str) -> None:
        record(title, text, kind="about box")

    def input_text(_parent: object, title: str, label: str, *_a: object, **_k: object) -> object:
        record(title, label, kind="input dialog")
        return "", False

    for cls in (QDialog, QMessageBox, QInputDialog, QFileDialog, QProgressDialog):
        monkeypatch.setattr(cls, "exec", exec_)
        monkeypatch.setattr(cls, "open", open_)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(box))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(about))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(input_text))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(input_text))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(input_text))
    # "Open the log folder", "Open in the PDF viewer": nothing leaves the test.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: True))
    yield


def _fill_zh(db: Database, tmp_path: Path) -> dict[str, str]:
    """Inspections that bring every screen out: on-site with every answer type, findings, a
    red-line failure and an annotated, redacted photo; a mystery visit; a finalized one."""
    from inspector.services import branches

    with db.session() as s:
        branches.create(s, code="310001", name="陆家嘴支行", region="上海分行", actor="张三")
        branches.create(s, code="110005", name="国贸支行", region="北京分行", actor="张三")
        on = lifecycle.create(s, branch_code="310001", checklist_id="example", inspector="张三")
        for item, result in (("ex.ramp", "fail"), ("ex.manager", "pass"), ("ex.cash_kept", "fail")):
            answering.set_answer(s, on, item, result=result, actor="张三")
        p = photo_svc.add_bytes(
            s,
            on,
            "ex.ramp",
            (PHOTOS / "Landscape_1.jpg").read_bytes(),
            file_name="a.jpg",
            actor="张三",
        )
        photo_svc.redact(s, p, [(10, 10, 200, 200)], actor="张三")
        my = lifecycle.create(
            s, branch_code="310001", checklist_id="example", mode="mystery", inspector="张三"
        )
        fin = lifecycle.create(s, branch_code="110005", checklist_id="example", inspector="张三")
        for item in snapshots.checklist_of(fin).items():
            if item.applies_to(Mode.ONSITE) and item.type.value in ("yes_no", "yes_no_na"):
                answering.set_answer(s, fin, item.id, result="pass", actor="张三")
        ids = {"onsite": on.uuid, "mystery": my.uuid, "final": fin.uuid, "photo": p.id}
    with db.session() as s:
        fin = lookup.get(s, ids["final"])
        for item in snapshots.checklist_of(fin).items():
            if item.applies_to(Mode.ONSITE) and insp_scoring.answers_of(fin).get(item.id) is None:
                _answer_any(s, fin, item)
        photo_svc.add_bytes(
            s,
            fin,
            "ex.ramp",
            (PHOTOS / "Portrait_1.jpg").read_bytes(),
            file_name="b.jpg",
            actor="张三",
        )
        signoff.finalize(s, fin, by="张三", manager_name="赵六")
    return ids


def _answer_any(s: object, insp: object, item: object) -> None:
    """Some valid answer for any item type (values through the service's own validation)."""
    t = item.type.value  # type: ignore[attr-defined]
    kw: dict[str, object] = {"result": "pass"}
    if t == "scale":
        kw = {"value": item.scale.max}  # type: ignore[attr-defined]
    elif t == "count":
        kw = {"value": 5}
    elif t == "measure":
        lo = item.measure.min if item.measure.min is not None else item.measure.max  # type: ignore[attr-defined]
        kw = {"value": lo}
    elif t == "choice":
        kw = {"value": item.options[0].id}  # type: ignore[attr-defined]
    elif t == "text":
        kw = {"value": "正常"}
    answering.set_answer(s, insp, item.id, actor="张三", **kw)  # type: ignore[arg-type, attr-defined]


def _click_everything(
    walker: Walker, root: QWidget, restore: Callable[[], None], qtbot: QtBot
) -> None:
    """Click each visible, enabled button under ``root`` once, walking every window after
    each click, then put the screen back: dialogs a button opens are walked too."""
    labels = [
        (type(b).__name__, b.text(), b.objectName())
        for b in root.findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled()
    ]
    for kind, text, name in labels:
        restore()
        match = [
            b
            for b in root.findChildren(QAbstractButton)
            if (type(b).__name__, b.text(), b.objectName()) == (kind, text, name)
            and b.isVisible()
            and b.isEnabled()
        ]
        if not match:
            continue
        match[0].click()
        QApplication.processEvents()
        walker.walk_all()
    restore()


def _walk_app(
    lang: str,
    qtbot: QtBot,
    db: Database,
    settings: AppSettings,
    app: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Walker:
    """Drive the whole app in ``lang`` at the laptop's client size; what it showed."""
    ids = _fill_zh(db, tmp_path)
    settings.set_language(lang)
    settings.set_inspector_name("张三")
    install_translations(app, lang)
    walker = Walker()
    try:
        with capture_dialogs(walker, monkeypatch):
            w = MainWindow(db, settings)
            qtbot.addWidget(w)
            w.resize(LAPTOP_CLIENT)
            w.show()
            qtbot.waitExposed(w)
            _drive(walker, w, ids, qtbot, tmp_path)
            w.runner.flush()
    finally:
        install_translations(app, "en")
        settings.set_language("en")
    assert len(walker.seen) > 300, "the walker saw too little to be trusted"
    return walker


def _clipped(walker: Walker) -> list[str]:
    return [f"{k}: {sorted(v)[0]}" for k, v in sorted(walker.clipped.items())]


def _exercise_combos(walker: Walker, root: QWidget) -> None:
    """Choose each entry of each visible combo box in turn (strings that appear only for
    some choices: a checklist's description, a custom period's dates, a new branch's form),
    walking the windows after each; the first entry is chosen again at the end."""
    for combo in root.findChildren(QComboBox):
        if not (combo.isVisible() and combo.isEnabled()):
            continue
        for i in [*range(combo.count()), 0]:
            combo.setCurrentIndex(i)
            QApplication.processEvents()
            walker.walk_all()


# Showing a dialog whose minimum size changes: the offscreen platform only says it cannot
# pass the hint on to a window manager.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_p11_every_zh_screen_is_chinese_and_drawable(
    qtbot: QtBot,
    db: Database,
    settings: AppSettings,
    styled_app: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Walks every screen, tab, menu, button and dialog in Chinese at 1366x768: no English
    word, no glyph the bundled font lacks (a box on a laptop without other CJK fonts), no
    button, field or label laid out smaller than it needs."""
    walker = _walk_app("zh", qtbot, db, settings, styled_app, tmp_path, monkeypatch)
    metrics = _bundled_metrics()
    problems = []
    for text, places in sorted(walker.seen.items()):
        words = english_words(text)
        boxes = missing_glyphs(text, metrics)
        if words or boxes:
            where = sorted(places)[0]
            problems.append(f"{text!r} ({where}): english={words} missing glyphs={boxes}")
    assert not problems, f"{len(problems)} untranslated or undrawable strings:\n" + "\n".join(
        problems
    )
    assert not _clipped(walker), "cut off at 1366x768:\n" + "\n".join(_clipped(walker))


# Showing a dialog whose minimum size changes: the offscreen platform only says it cannot
# pass the hint on to a window manager.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_p11_every_en_screen_fits_and_draws(
    qtbot: QtBot,
    db: Database,
    settings: AppSettings,
    styled_app: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same walk in English (longer words): nothing cut off, every glyph drawable."""
    walker = _walk_app("en", qtbot, db, settings, styled_app, tmp_path, monkeypatch)
    metrics = _bundled_metrics()
    boxes = {t: missing_glyphs(t, metrics) for t in walker.seen}
    assert not {t: b for t, b in boxes.items() if b}
    assert not _clipped(walker), "cut off at 1366x768:\n" + "\n".join(_clipped(walker))


def _drive(walker: Walker, w: MainWindow, ids: dict[str, str], qtbot: QtBot, tmp: Path) -> None:
    runner = w.runner

    def screen(name: str) -> None:
        walker.screen = name
        QApplication.processEvents()
        walker.walk_all()

    # Home, its buttons and every menu action (dialogs are walked, then refused).
    w.show_home()
    w.home.table.selectRow(0)
    screen("home")
    _click_everything(walker, w.home, lambda: (w.show_home(), w.home.table.selectRow(0)), qtbot)
    menu_actions = [
        a
        for m in w.menuBar().findChildren(QMenu)
        for a in m.actions()
        if not a.isSeparator() and a is not w.quit_action
    ]
    for a in menu_actions:
        w.show_home()
        w.home.table.selectRow(0)
        walker.screen = f"menu {a.text()}"
        a.trigger()
        QApplication.processEvents()
        walker.walk_all()

    # The runner on every item of the on-site draft, then each tab and its buttons.
    def on_item(uuid: str, item: str | None, tab: int) -> Callable[[], None]:
        def restore() -> None:
            if w.stack.currentWidget() is not runner or runner.uuid != uuid:
                w.open_inspection(uuid, item)
            if item and runner.current_item != item:
                runner.go_to_item(item)
            runner.tabs.setCurrentIndex(tab)

        return restore

    w.open_inspection(ids["onsite"])
    for item in runner.visible_ids():
        runner.go_to_item(item)
        screen(f"runner item {item}")
    for tab in range(runner.tabs.count()):
        if not runner.tabs.isTabVisible(tab):
            continue
        restore = on_item(ids["onsite"], "ex.ramp", tab)
        restore()
        screen(f"on-site tab {tab}")
        _click_everything(walker, runner.tabs.widget(tab), restore, qtbot)
    # Menu actions in the runner (Report, Export, Amend… are enabled here).
    for a in menu_actions:
        on_item(ids["onsite"], "ex.ramp", RunnerPage.TAB_ITEM)()
        walker.screen = f"runner menu {a.text()}"
        if a.isEnabled():
            a.trigger()
            QApplication.processEvents()
            walker.walk_all()
    # The photo editor and the strip's context menu actions.
    on_item(ids["onsite"], "ex.ramp", RunnerPage.TAB_ITEM)()
    # The photo editor, with a shape drawn (its undo text) and in both modes.
    walker.screen = "photo editor"
    editor = runner.evidence.open_editor(ids["photo"])
    qtbot.addWidget(editor)
    editor.set_tool("rect")
    editor._on_drag(QPointF(5, 5), QPointF(60, 60))
    editor.set_tool("redact_blur")
    editor._on_drag(QPointF(70, 5), QPointF(120, 60))
    walker.walk(editor)
    editor.set_preview(True)
    walker.walk(editor)
    for act in editor.findChildren(QAction):
        walker.add(act.text(), "editor action")
    # The strip's context menu actions.
    for act in runner.evidence.findChildren(QAction):
        walker.add(act.text(), "strip action")

    # The report preview (opened once the PDF is written).
    walker.screen = "report preview"
    with qtbot.waitSignal(w.exporter.report_saved, timeout=60_000):
        w.exporter.report(ids["onsite"], tmp / "r.pdf")
    QApplication.processEvents()
    walker.walk_all()

    # The mystery visit and the finalized inspection.
    w.open_inspection(ids["mystery"])
    for tab in range(runner.tabs.count()):
        if runner.tabs.isTabVisible(tab):
            restore = on_item(ids["mystery"], None, tab)
            restore()
            screen(f"mystery tab {tab}")
            _click_everything(walker, runner.tabs.widget(tab), restore, qtbot)
    w.open_inspection(ids["final"])
    for tab in range(runner.tabs.count()):
        if runner.tabs.isTabVisible(tab):
            restore = on_item(ids["final"], None, tab)
            restore()
            screen(f"finalized tab {tab}")
            _click_everything(walker, runner.tabs.widget(tab), restore, qtbot)

    # The HQ view, all tabs (hidden pages are walked as well).
    w.show_hq()
    assert w.hq is not None
    w.hq.wait_idle()
    screen("hq")
    _exercise_combos(walker, w.hq)
    w.hq.wait_idle()
    _click_everything(walker, w.hq, lambda: None, qtbot)
    w.hq.wait_idle()

    # The new-inspection dialog, built directly so its combo boxes are filled.
    from inspector.ui.new_inspection import NewInspectionDialog

    walker.screen = "new inspection"
    new = NewInspectionDialog(db_of(w), w.settings, w.lang, w)
    qtbot.addWidget(new)
    new.show()
    qtbot.waitExposed(new)
    _exercise_combos(walker, new)
    _click_everything(walker, new, lambda: None, qtbot)

    # The import dialog with a receipt: the finalized inspection again is a duplicate.
    from inspector.services.exchange.export import write_package
    from inspector.ui.exchange import ImportDialog

    package = write_package(db_of(w), ids["final"], tmp / "pkg.zip")
    dialog = ImportDialog(db_of(w), w.settings, w)
    qtbot.addWidget(dialog)
    dialog.add_paths([package])
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        dialog.start_import()
    walker.screen = "import receipt"
    walker.walk(dialog)

    # Settings and report preview.
    from inspector.ui.settings import SettingsDialog

    walker.screen = "settings"
    walker.walk(SettingsDialog(w.settings, w))


def db_of(w: MainWindow) -> Database:
    return w.db


# ---------------------------------------------------------------- point 11: layout
#: A 1366x768 laptop with a 40 px taskbar, less a 30 px title bar.
LAPTOP_CLIENT = QSize(1366, 728 - 30)


@pytest.fixture
def zh_window(
    qtbot: QtBot, db: Database, settings: AppSettings, styled_app: QApplication
) -> Iterator[tuple[MainWindow, str]]:
    """The runner in Chinese on the comprehensive checklist with its first red line failed."""
    from inspector.services import branches

    with db.session() as s:
        branches.create(s, code="310001", name="陆家嘴支行", region="上海分行", actor="张三")
        insp = lifecycle.create(
            s, branch_code="310001", checklist_id="comprehensive", inspector="张三"
        )
        items = [i for i in snapshots.checklist_of(insp).items() if i.applies_to(Mode.ONSITE)]
        for item in items[:30]:  # several sections answered: their percents show
            if item.type.value in ("yes_no", "yes_no_na"):
                result = "fail" if item.veto and item.id == "dis.price_list" else "pass"
                answering.set_answer(s, insp, item.id, result=result, actor="张三")
        uuid = insp.uuid
    settings.set_language("zh")
    install_translations(styled_app, "zh")
    try:
        w = MainWindow(db, settings)
        qtbot.addWidget(w)
        w.resize(LAPTOP_CLIENT)
        w.show()
        qtbot.waitExposed(w)
        w.open_inspection(uuid, "dis.price_list")
        QApplication.processEvents()
        yield w, uuid
        w.runner.flush()
    finally:
        install_translations(styled_app, "en")
        settings.set_language("en")


def _cut_off(label: QLabel) -> bool:
    need = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    return label.height() < need or (
        not label.wordWrap() and label.width() < label.sizeHint().width()
    )


def test_p11_score_sections_not_cut_off_by_red_line_banner(
    zh_window: tuple[MainWindow, str],
) -> None:
    w, _uuid = zh_window
    assert w.size() == LAPTOP_CLIENT
    panel = w.runner.score_panel
    assert panel.veto_label.isVisible(), "the red-line banner should be showing"
    labels = [x for x in panel.findChildren(QLabel) if x.isVisibleTo(panel) and x.text()]
    percents = [x for x in labels if x.text().endswith("%")]
    assert len(percents) >= 4
    cut = [x.text() for x in labels if _cut_off(x)]
    assert not cut, f"cut off in the live-score panel: {cut}"


def test_p11_main_window_fits_a_laptop_screen_with_a_taskbar(
    qtbot: QtBot, zh_window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _uuid = zh_window
    # Everything the runner shows (banner included) fits in the laptop's client area.
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    assert hint.width() <= LAPTOP_CLIENT.width() and hint.height() <= LAPTOP_CLIENT.height()
    # A new window on such a screen opens inside it, title bar included.
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(0, 0, 1366, 728))
    fresh = MainWindow(w.db, w.settings)
    qtbot.addWidget(fresh)
    assert fresh.width() <= 1366
    assert fresh.y() >= 0 and fresh.y() + fresh.height() + 30 <= 728


def test_p11_next_item_title_visible_after_enter(
    qtbot: QtBot, zh_window: tuple[MainWindow, str]
) -> None:
    w, _uuid = zh_window
    view = w.runner.item_view
    scroll = view.findChild(QScrollArea)
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the item page should need scrolling at this size"
    bar.setValue(bar.maximum())  # the inspector scrolled down to the note and photos
    before = view.text_label.text()
    w.runner.setFocus()
    qtbot.keyClick(w.runner, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert view.text_label.text() != before
    # The page starts at the top: the section, position and the whole title are in view.
    assert bar.value() == 0, "the next item opened scrolled down, its title (partly) hidden"
    top = view.text_label.mapTo(scroll.viewport(), QPoint(0, 0))
    assert top.y() >= 0, "the next item's title is scrolled out of sight"
    assert top.y() + view.text_label.height() <= scroll.viewport().height()


def test_pyside_returning_none_never_aborts_a_long_session() -> None:
    """The walker above makes tens of thousands of Qt calls that return None; with PySide 6.12
    on Python 3.11 each took a reference from None and the process aborted
    ("none_dealloc"). The app makes None immortal when the binding has that bug."""
    from PySide6.QtCore import QObject

    from inspector.ui import pyside_fixes

    probe = QObject()
    for _ in range(20_000):  # an afternoon of Enter presses with nothing focused
        probe.parent()
    if sys.version_info < (3, 12) and pyside_fixes.none_loses_references():
        assert pyside_fixes.protect_none()
        assert sys.getrefcount(None) > 1 << 39
