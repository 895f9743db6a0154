"""Screenshots of the main screens in Chinese and English: docs/images/ui-*.png.

Runs the real widgets offscreen on a temporary database filled through the services:

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Branch time for the visit facts shown (the sample visit is in Shanghai).
os.environ["TZ"] = "Asia/Shanghai"
if hasattr(time, "tzset"):
    time.tzset()

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_PHOTOS = ROOT / "tests" / "fixtures" / "photos" / "orientation"

log = logging.getLogger("screenshots")


def _photo_bytes() -> tuple[bytes, str]:
    """A fixture photo if present, else a generated image of a counter."""
    for p in sorted(FIXTURE_PHOTOS.glob("*.jpg")) if FIXTURE_PHOTOS.is_dir() else []:
        return p.read_bytes(), p.name
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1200, 900), (214, 222, 230))
    d = ImageDraw.Draw(img)
    d.rectangle((100, 500, 1100, 880), fill=(120, 95, 70))
    d.rectangle((150, 300, 500, 500), fill=(60, 90, 130))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=88)
    return buf.getvalue(), "generated.jpg"


#: A 1366x768 laptop with a taskbar, less the title bar: what the window really gets.
WINDOW = (1366, 698)


def _fill(db_path: Path) -> tuple[str, str, str]:
    """Three inspections: on-site half done, mystery visit, a finalized one."""
    from inspector.db import open_database
    from inspector.domain.checklist import Mode
    from inspector.services import branches, photos
    from inspector.services.inspections import (
        answering,
        lifecycle,
        rescoring,
        signoff,
        snapshots,
        visits,
    )

    db = open_database(str(db_path))
    checklists = {p.stem for p in (ROOT / "checklists").glob("*.yaml")}
    onsite_id = "comprehensive" if "comprehensive" in checklists else "example"
    mystery_id = "mystery-shopper" if "mystery-shopper" in checklists else "example"
    with db.session() as s:
        for code, name, region in (
            ("310001", "陆家嘴支行", "上海分行"),
            ("310002", "静安寺支行", "上海分行"),
            ("110005", "国贸支行", "北京分行"),
        ):
            branches.create(s, code=code, name=name, region=region, actor="张三")
        a = lifecycle.create(s, branch_code="310001", checklist_id=onsite_id, inspector="张三")
        items = [i for i in snapshots.checklist_of(a).items() if i.applies_to(Mode.ONSITE)]
        for n, item in enumerate(items[:12]):
            # The first item is a red line: its banner shows in the live-score panel.
            result = "fail" if n in (0, 7) else "pass"
            answering.set_answer(s, a, item.id, result=result, actor="张三", rescore_now=False)
        rescoring.rescore(s, a)
        data, name = _photo_bytes()
        photo = photos.add_bytes(s, a, items[0].id, data, file_name=name, actor="张三")
        w, h = photo.width, photo.height
        photos.set_layers(
            s,
            photo,
            {
                "annotations": [
                    {
                        "kind": "arrow",
                        "x1": w // 6,
                        "y1": h * 4 // 5,
                        "x2": w * 2 // 5,
                        "y2": h * 3 // 5,
                    },
                    {"kind": "text", "x": w // 20, "y": h * 9 // 10, "text": "价目表未更新"},
                ],
                "redactions": [
                    {"x": w * 3 // 5, "y": h // 10, "w": w // 4, "h": h // 5, "style": "fill"}
                ],
            },
            actor="张三",
        )
        m = lifecycle.create(
            s, branch_code="310002", checklist_id=mystery_id, mode="mystery", inspector="李四"
        )
        c = snapshots.checklist_of(m)
        fields: dict[str, object] = {
            "arrival": "2026-11-20T09:42:00+08:00",
            "ticket": "A023",
            "customers_waiting": 4,
            "wait_started": "2026-11-20T09:43:10+08:00",
            "wait_called": "2026-11-20T09:51:40+08:00",
        }
        if c.scenarios:
            fields["scenario"] = c.scenarios[0].id
        visits.set_visit(s, m, actor="李四", **fields)
        visits.set_narrative(
            s,
            m,
            "9:42 进入网点，大堂经理主动问候并询问业务需求，引导取号。等候区座椅充足，"
            "宣传资料摆放整齐。",
            actor="李四",
        )
        f = lifecycle.create(
            s, branch_code="110005", checklist_id="accessibility", inspector="王五"
        )
        for item in snapshots.checklist_of(f).items():
            if item.applies_to(Mode.ONSITE):
                answering.set_answer(s, f, item.id, result="pass", actor="王五", rescore_now=False)
        rescoring.rescore(s, f)
        photos.add_bytes(s, f, "acc.entrance_access", data, file_name=name, actor="王五")
        signoff.finalize(s, f, by="王五", manager_name="赵六")
        uuids = (a.uuid, m.uuid, f.uuid)
    db.dispose()
    return uuids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="inspector-shots-"))
    os.environ["INSPECTOR_HOME"] = str(home)
    db_path = home / "shots.sqlite3"
    onsite, mystery, final = _fill(db_path)

    from PySide6.QtWidgets import QApplication, QWidget

    from inspector.app import create_application
    from inspector.db import open_database
    from inspector.ui.main_window import MainWindow
    from inspector.ui.runner.page import RunnerPage
    from inspector.ui.settings import AppSettings
    from inspector.ui.translations import install_translations

    app = create_application([sys.argv[0]])
    db = open_database(str(db_path))
    settings = AppSettings()

    def shot(widget: QWidget, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(out / f"ui-{name}.png"))
        print(out / f"ui-{name}.png")

    for lang in ("zh", "en"):
        settings.set_language(lang)
        settings.set_inspector_name("张三")
        install_translations(app, lang)
        w = MainWindow(db, settings)
        w.resize(*WINDOW)
        w.show()
        app.processEvents()
        w.home.reload()
        w.home.table.selectRow(0)
        shot(w, f"home-{lang}")
        w.open_inspection(onsite)
        ids = w.runner.visible_ids()
        w.runner.go_to_item(ids[0])
        shot(w, f"runner-{lang}")
        measure = [
            i.id
            for i in w.runner.state.checklist.items()  # type: ignore[union-attr]
            if i.type.value == "measure" and i.id in ids
        ]
        if measure:
            w.runner.go_to_item(measure[0])
            shot(w, f"runner-measure-{lang}")
        w.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINDINGS)
        shot(w, f"findings-{lang}")
        w.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
        shot(w, f"finalize-{lang}")
        editor = _photo_editor(db, onsite, w)
        if editor is not None:
            editor.resize(1200, 760)
            editor.show()
            shot(editor, f"photo-editor-{lang}")
            editor.close()
        w.open_inspection(final)
        w.runner.tabs.setCurrentIndex(RunnerPage.TAB_FINALIZE)
        shot(w, f"finalized-{lang}")
        _dialog_shots(db, w, settings, lang, shot, final, home)
        w.show_hq()
        if w.hq is not None:
            w.hq.wait_idle()
            app.processEvents()
            shot(w, f"hq-{lang}")
        w.open_inspection(mystery)
        shot(w, f"mystery-{lang}")
        w.runner.tabs.setCurrentIndex(RunnerPage.TAB_VISIT)
        shot(w, f"mystery-visit-{lang}")
        w.close()
        w.deleteLater()
        app.processEvents()
    db.dispose()
    QApplication.processEvents()
    return 0


def _dialog_shots(
    db: object, w: object, settings: object, lang: str, shot: object, final: str, home: Path
) -> None:
    """The new-inspection, import (with its receipt) and settings dialogs."""
    from PySide6.QtCore import QEventLoop, QTimer

    from inspector.services.exchange.export import write_package
    from inspector.ui.exchange import ImportDialog
    from inspector.ui.new_inspection import NewInspectionDialog
    from inspector.ui.settings import SettingsDialog

    new = NewInspectionDialog(db, settings, lang, w)  # type: ignore[arg-type]
    new.show()
    shot(new, f"new-inspection-{lang}")  # type: ignore[operator]
    new.close()
    package = write_package(db, final, home / f"pkg-{lang}.zip")  # type: ignore[arg-type]
    dialog = ImportDialog(db, settings, w)  # type: ignore[arg-type]
    dialog.add_paths([package])
    dialog.show()
    loop = QEventLoop()
    dialog.imported.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    dialog.start_import()
    loop.exec()
    shot(dialog, f"import-{lang}")  # type: ignore[operator]
    dialog.close()
    settings_dialog = SettingsDialog(settings, w)  # type: ignore[arg-type]
    settings_dialog.show()
    shot(settings_dialog, f"settings-{lang}")  # type: ignore[operator]
    settings_dialog.close()


def _photo_editor(db: object, uuid: str, parent: object) -> object | None:
    """The photo engineer's editor on the inspection's first photo, when it exists."""
    try:
        from inspector.ui.photos.editor import PhotoEditorDialog
    except ImportError:
        return None
    from inspector.services.inspections import lookup

    with db.session() as s:  # type: ignore[attr-defined]
        photo_id = lookup.get(s, uuid).photos[0].id
    return PhotoEditorDialog(db, photo_id, parent, read_only=False)


if __name__ == "__main__":
    sys.exit(main())
