"""Screenshots of phone capture: the runner's QR dialog (Qt, offscreen) and the phone page
(the system Chromium at phone size): docs/images/phone-*.png.

    QT_QPA_PLATFORM=offscreen python scripts/phone_screenshots.py [--out docs/images]

Everything runs on a temporary database and listens on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PHOTOS = ROOT / "tests" / "fixtures" / "photos" / "orientation"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="phone-shots-")
    os.environ["INSPECTOR_HOME"] = home

    from playwright.sync_api import sync_playwright

    from inspector.db import open_database
    from inspector.phone import interfaces
    from inspector.phone.interfaces import Interface
    from inspector.phone.server import PhoneServer
    from inspector.services import branches, photos
    from inspector.services.inspections import answering, lifecycle

    db = open_database(str(Path(home) / "shots.sqlite3"))
    # The bundled CJK font for Chromium too (a server image may have none; phones do).
    fonts_conf = Path(home) / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{ROOT / 'resources' / 'fonts'}</dir></fontconfig>"
    )
    with db.session() as s:
        branches.create(s, code="310001", name="上海分行陆家嘴支行", region="上海")
        insp = lifecycle.create(s, branch_code="310001", checklist_id="example", inspector="张三")
        answering.set_answer(s, insp, "ex.ramp", result="pass", actor="张三")
        answering.set_answer(s, insp, "ex.polite", result="fail", actor="张三")
        photos.add_bytes(
            s,
            insp,
            "ex.counter_height",
            (PHOTOS / "Landscape_1.jpg").read_bytes(),
            file_name="IMG_0101.JPG",
            actor="张三",
        )
        uuid = insp.uuid

    # The QR dialog, as the runner opens it (the address shown is the loopback here).
    from PySide6.QtWidgets import QApplication

    from inspector.ui import theme
    from inspector.ui.phone import PhoneDialog
    from inspector.ui.translations import install_translations

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.install_fonts(app)
    theme.apply_style(app)
    install_translations(app, "zh")
    interfaces.list_interfaces = lambda: [Interface("wlan0", "127.0.0.1")]  # type: ignore[assignment]
    dialog = PhoneDialog(db, uuid, "张三")
    dialog.no_lan.hide()  # (the screenshot is made offline, on the loopback address)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "phone-dialog-zh.png"))
    dialog.close()

    server = PhoneServer(db, uuid, bind="127.0.0.1", port=0)
    server.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                ],
                env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
            )
            for lang in ("zh", "en"):
                ctx = browser.new_context(
                    viewport={"width": 390, "height": 844},
                    device_scale_factor=1,
                    is_mobile=True,
                    has_touch=True,
                )
                page = ctx.new_page()
                page.goto(server.url + f"&lang={lang}")
                page.locator("#item-ex\\.counter_height .thumbs img").first.wait_for()
                card = page.locator("#item-ex\\.ramp_slope")
                card.locator("input[type=file]").set_input_files(
                    [str(PHOTOS / "Landscape_3.jpg"), str(ROOT / "README.md")]
                )
                page.locator("#item-ex\\.ramp_slope .status[data-status=refused]").wait_for()
                page.locator("body[data-pending='0']").wait_for(state="attached")
                page.locator("#item-ex\\.ramp_slope .thumbs img[data-loaded]").first.wait_for()
                page.screenshot(path=str(out / f"phone-page-{lang}.png"))
                ctx.close()
            browser.close()
    finally:
        server.stop()
        db.dispose()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
