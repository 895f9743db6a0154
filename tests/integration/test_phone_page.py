"""The phone page in a real headless Chromium (the system's, driven by Playwright):
photos from the camera button and visit facts reach the database."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inspector.db import Database
from inspector.phone.server import PhoneServer
from inspector.services import photo_decode, photo_variants, photos
from inspector.services.inspections import lookup
from inspector.services.photo_decode import PhotoError
from inspector.text import Lang, Surface
from tests.integration.test_phone_server import JPEG, heic_bytes, new_inspection

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: A small phone (iPhone 12/13/14 size, CSS pixels).
PHONE = {"width": 390, "height": 844}


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI; scripts/test installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def serve(db: Database) -> Iterator[Any]:
    started: list[PhoneServer] = []

    def start(uuid_: str) -> PhoneServer:
        server = PhoneServer(db, uuid_, bind="127.0.0.1", port=0)
        server.start()
        started.append(server)
        return server

    yield start
    for s in started:
        s.stop("test ended")


def test_camera_button_uploads_jpeg_and_heic_byte_exact(
    db: Database, serve: Any, phone_page: Any, tmp_path: Path
) -> None:
    uid = new_inspection(db)
    server = serve(uid)
    heic = tmp_path / "IMG_0042.HEIC"
    heic.write_bytes(heic_bytes("page"))
    text = tmp_path / "notes.txt"
    text.write_text("not a photo")
    page = phone_page
    page.goto(server.url)
    card = page.locator("#item-ex\\.ramp")
    card.get_by_text("仍需照片").wait_for()
    card.locator("input[type=file]").set_input_files([str(JPEG), str(heic), str(text)])
    stored = page.locator("#item-ex\\.ramp .status[data-status=stored]")
    refused = page.locator("#item-ex\\.ramp .status[data-status=refused]")
    stored.nth(1).wait_for()
    refused.first.wait_for()
    assert stored.count() == 2 and refused.count() == 1
    # The page is in Chinese: the photo service's reason as the app words it in Chinese.
    with pytest.raises(PhotoError) as err:
        photo_decode.prepare(text.read_bytes(), "notes.txt")
    said = err.value.render(Lang.ZH, Surface.GUI)
    assert (
        said.removeprefix("notes.txt: ").removeprefix("notes.txt：") in refused.first.inner_text()
    )
    # After the uploads the page reloads its state: two thumbnails, no "photo needed".
    page.locator("#item-ex\\.ramp .thumbs img").nth(1).wait_for()
    assert card.get_by_text("仍需照片").count() == 0
    card.scroll_into_view_if_needed()
    # The thumbnails decode (JPEG, fetched with the token): the page marks each loaded one.
    page.locator("#item-ex\\.ramp .thumbs img[data-loaded]").nth(1).wait_for()
    with db.read_session() as s:
        rows = photos.photos_of(lookup.get(s, uid))
        got = [
            (p.item_id, p.file_name, photo_variants.variant_bytes(s, p, "original")) for p in rows
        ]
    assert got == [
        ("ex.ramp", "Landscape_6.jpg", JPEG.read_bytes()),
        ("ex.ramp", "IMG_0042.HEIC", heic.read_bytes()),
    ]


def test_mystery_visit_facts_and_notes_from_the_page(
    db: Database, serve: Any, phone_page: Any
) -> None:
    uid = new_inspection(db, mode="mystery", checklist="mystery-shopper")
    server = serve(uid)
    page = phone_page
    page.goto(server.url)
    page.locator("#now-arrival").click()
    page.locator("#value-arrival").filter(has_text=":").wait_for()
    page.locator("#ticket").fill("A023")
    page.locator("#ticket").press("Enter")
    page.locator("#waiting-plus").click()
    page.locator("#waiting-plus").click()
    page.locator("#scenario").select_option("cash_purpose")
    page.locator("#notes").fill("柜员主动询问资金用途，态度良好。")
    page.locator("#notes-save").click()
    page.locator("#notes-state").filter(has_text="已保存").wait_for()
    page.locator("#now-wait_started").click()
    page.locator("#value-wait_started").filter(has_text=":").wait_for()

    def visit() -> tuple[dict[str, Any], str]:
        with db.read_session() as s:
            insp = lookup.get(s, uid)
            return dict(insp.visit or {}), insp.narrative

    # The page counts its requests in flight; each change is committed before it answers.
    page.locator("body[data-pending='0']").wait_for(state="attached")
    v, narrative = visit()
    assert v["arrival"] and v["wait_started"] and v["ticket"] == "A023"
    assert v["scenario"] == "cash_purpose" and v["customers_waiting"] == 2
    assert narrative == "柜员主动询问资金用途，态度良好。"
    body = page.locator("main").inner_text()  # (the footer says no scores are shown)
    assert "评分" not in body and "得分" not in body and "score" not in body.lower()
    # Language switch: the same page in English.
    page.locator("#lang").click()
    page.get_by_text("Visit facts").wait_for()
    assert page.locator("#now-departure").inner_text() == "Now"


def test_page_after_the_session_ends_says_so(db: Database, serve: Any, phone_page: Any) -> None:
    server = serve(new_inspection(db))
    page = phone_page
    page.goto(server.url)
    page.locator("#item-ex\\.ramp").wait_for()
    server.stop("dialog closed")
    server2 = serve(new_inspection(db))  # a new session on another port; the old token died
    page.goto(server2.url.replace(server2.token or "", "stale"))
    page.get_by_text("会话已结束").wait_for()
    assert page.locator("#items .card").count() == 0


def test_a_refusal_is_shown_in_the_pages_language_and_follows_a_switch(
    db: Database, phone_page: Any
) -> None:
    """Issue 15: the laptop's refusal reads in the page's language, in the app's words."""
    from inspector.phone.protocol import Limits
    from tests.integration.test_phone_server import photo_bytes

    uid = new_inspection(db)
    server = PhoneServer(db, uid, bind="127.0.0.1", port=0, limits=Limits(photos_per_session=1))
    server.start()
    try:
        page = phone_page
        page.goto(server.url)
        card = page.locator("#item-ex\\.ramp")
        card.get_by_text("仍需照片").wait_for()
        files = [
            {"name": f"{n}.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes(f"p{n}")}
            for n in (1, 2)
        ]
        card.locator("input[type=file]").set_input_files(files)
        refused = page.locator("#item-ex\\.ramp .status[data-status=refused]")
        refused.first.wait_for()
        page.locator("body[data-pending='0']").wait_for(state="attached")
        assert "本次会话已收到 1 张照片" in refused.first.inner_text()
        page.locator("#lang").click()
        english = "this session already took 1 photos"
        page.locator("#item-ex\\.ramp .status[data-status=refused]", has_text=english).wait_for()
        assert "本次会话" not in page.locator("#item-ex\\.ramp").inner_text()
    finally:
        server.stop("test ended")
