"""Issue 15, per area: the CLI's English is what it was; the app's Chinese names no command.

Files, the database, device keys, export, phone capture and the report's font/preview.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector.db.engine import resolve_url
from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded, write_atomic
from inspector.phone.interfaces import resolve_bind
from inspector.services import keys
from inspector.services.exchange.package_format import PackageError, read_package
from inspector.text import Lang, Surface
from inspector.text import exchange as TX
from inspector.text import keys as TK
from inspector.text import phone as TP
from inspector.text import reports_errors as TR

CJK = re.compile(r"[\u3400-\u9fff]")


def _gui_zh(e: UserError) -> str:
    text = e.render(Lang.ZH, Surface.GUI)
    assert CJK.search(text), text
    assert not re.search(r"\binspector\s+[a-z]|(?<![\w-])--[a-z]", text), text
    return text


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError) as e:
        read_bounded(tmp_path, 10, "photo")
    assert str(e.value) == f"{tmp_path}: is a folder, not a photo file"
    assert e.value.reason == "is a folder, not a photo file"
    assert _gui_zh(e.value) == f"{tmp_path}：这是文件夹，不是照片文件"
    with pytest.raises(FileAccessError) as e:
        write_atomic(tmp_path / "no" / "x.pdf", b"x")
    assert str(e.value).endswith("does not exist; create it first")
    assert "请先创建该文件夹" in _gui_zh(e.value)


def test_database_option_errors_name_the_option_in_the_terminal_only(tmp_path: Path) -> None:
    with pytest.raises(UserError) as e:
        resolve_url(" ")
    assert str(e.value).startswith("--db: the value is empty; give a database file or URL")
    assert "--db" not in _gui_zh(e.value)
    with pytest.raises(UserError) as e:
        resolve_url(tmp_path)
    assert str(e.value) == f"--db: {tmp_path} is a folder; give a database file path"
    assert _gui_zh(e.value) == f"{tmp_path} 是文件夹；请给出数据库文件的路径"


def test_key_file_errors() -> None:
    with pytest.raises(UserError) as e:
        keys.parse_public_file(b"hello", "hq.pub")
    assert str(e.value) == (
        "hq.pub: no Ed25519 public key found; give the file written by 'inspector keys export' "
        "on the device"
    )
    assert "管理员" in _gui_zh(e.value)


def test_export_and_receipt_remedies() -> None:
    draft = UserError(TX.DRAFT_NOT_EXPORTED, uuid="u" * 36, short="uuuuuuuu")
    assert "'inspector finalize uuuuuuuu --by NAME'" in str(draft)
    assert "定稿并签署" in _gui_zh(draft)  # the real button
    assert "Finalize and sign off" in draft.render(Lang.EN, Surface.GUI)
    amend = UserError(
        TX.FOREIGN_NO_AMEND, file="a.inspection", revision=2, uuid="u", signer="s", owner="o"
    )
    assert str(amend).endswith(
        "nothing changed; If that device may amend others' inspections: 'inspector keys "
        "trust FILE --can-amend', then import again"
    )
    assert "总行管理员" in _gui_zh(amend)
    trusted = UserError(TX.NOT_TRUSTED, file="a.inspection", device="d")
    assert "'inspector keys trust FILE' adds it" in str(trusted)
    assert "受信任列表" in _gui_zh(trusted)


def test_a_package_error_keeps_its_english_reason_and_says_it_in_chinese() -> None:
    with pytest.raises(PackageError) as e:
        read_package(b"not a zip at all")
    assert e.value.reason == str(e.value)
    assert e.value.reason.startswith("not a package: not a ZIP file, or truncated (")
    assert _gui_zh(e.value).startswith("不是数据包：不是 ZIP 文件")


def test_phone_start_errors() -> None:
    with pytest.raises(UserError) as e:
        resolve_bind("0.0.0.0", [])
    assert str(e.value).startswith("--bind 0.0.0.0 would listen on every network")
    assert not _gui_zh(e.value).startswith("--bind")
    other = UserError(TP.ANOTHER_SESSION, pid=42)
    assert str(other).startswith("another phone session is running on this computer")
    assert "'inspector phone'" in str(other)
    assert "停止并关闭" in _gui_zh(other)
    damaged = UserError(TK.DEVICE_KEY_DAMAGED, path="/k.pem")
    assert str(damaged).startswith("device key file /k.pem is damaged; restore it from a backup")
    assert "备份" in _gui_zh(damaged)


def test_report_errors() -> None:
    gone = UserError(TR.REPORT_GONE, path="/r.pdf")
    assert str(gone) == "/r.pdf: the report file is gone; build it again"
    assert "生成报告" in _gui_zh(gone)
