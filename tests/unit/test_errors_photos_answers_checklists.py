"""Photo, answer, layer, image, time-zone and checklist errors: Chinese in the app, with
the app's words for what to do; the CLI's English unchanged (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspector.checklists import ChecklistError, SnapshotDamagedError, checklist_from_json, load
from inspector.domain import timefmt
from inspector.domain.answers import AnswerError, coerce_value
from inspector.domain.layers import LayerError, validate_for_photo
from inspector.errors import UserError
from inspector.services.images import normalise_image
from inspector.services.photo_decode import PhotoError, prepare
from inspector.text import Lang, Surface
from tests.conftest import PHOTOS

CJK = re.compile(r"[\u4e00-\u9fff]")
EXAMPLE = Path(__file__).parents[1] / "fixtures" / "checklists" / "example.yaml"


def _gui_zh(err: UserError | AnswerError | LayerError) -> str:
    text = err.render(Lang.ZH, Surface.GUI)
    assert CJK.search(text), text
    assert "inspector " not in text and " --" not in text, text
    return text


def test_a_truncated_photo_names_the_file_on_both_surfaces() -> None:
    data = (PHOTOS / "Landscape_1.jpg").read_bytes()
    with pytest.raises(PhotoError) as e:
        prepare(data[: len(data) // 2], "cut.jpg")
    assert str(e.value).startswith("cut.jpg: damaged or truncated image file (")
    assert str(e.value).endswith("; copy it again from the camera or phone")
    zh = _gui_zh(e.value)
    assert zh.startswith("cut.jpg：图片文件已损坏或不完整（") and zh.endswith(
        "请从相机或手机重新复制"
    )
    # The reason alone, for lists that name the file already.
    assert e.value.reason(Lang.ZH, Surface.GUI).startswith("图片文件已损坏或不完整")


def test_a_pdf_is_named_as_one_in_chinese() -> None:
    with pytest.raises(PhotoError) as e:
        prepare(b"%PDF-1.7\n" * 10, "scan.pdf")
    assert str(e.value) == "scan.pdf: a PDF document; use a JPEG, PNG, WebP or HEIC/HEIF photo"
    assert _gui_zh(e.value) == (
        "scan.pdf：这是 PDF 文档；请使用 JPEG、PNG、WebP 或 HEIC/HEIF 格式的照片"
    )


def test_an_answer_out_of_range_in_chinese_and_english() -> None:
    item = load(EXAMPLE).resolved.item("ex.polite")
    assert item.scale is not None
    with pytest.raises(AnswerError) as e:
        coerce_value(item, item.scale.max + 4)
    value = item.scale.max + 4
    assert str(e.value) == (
        f"item ex.polite (scale): value {value} must be between "
        f"{item.scale.min} and {item.scale.max}"
    )
    # The app names the item by its title (the CLI by its id, above).
    assert _gui_zh(e.value) == (
        f"检查项 “文明用语（请、您好、谢谢、对不起、再见）”（评分）：值 {value} 必须在 "
        f"{item.scale.min} 到 {item.scale.max} 之间"
    )


def test_na_is_an_option_on_the_cli_and_a_button_in_the_app() -> None:
    item = load(EXAMPLE).resolved.item("ex.ramp")
    with pytest.raises(AnswerError) as e:
        coerce_value(item, "maybe")
    assert "--result na" in str(e.value)
    assert _gui_zh(e.value).endswith("或点击“不适用”")
    assert e.value.render(Lang.EN, Surface.GUI).endswith("or press N/A")


def test_a_box_outside_the_photo_says_which_shape_in_chinese() -> None:
    layers = {"redactions": [{"x": 90, "y": 0, "w": 20, "h": 10}]}
    with pytest.raises(LayerError) as e:
        validate_for_photo(layers, 100, 100)
    assert str(e.value) == (
        "redaction 1: box 90,0,20,10 is not inside the 100x100 image "
        "(upright pixels, x,y from the top left)"
    )
    assert _gui_zh(e.value).startswith("第 1 个遮挡：框 90,0,20,10 不在 100x100 的图片内")


def test_a_bad_annotation_field_keeps_the_technical_detail() -> None:
    layers = {"annotations": [{"kind": "text", "x": 1, "y": 1, "text": " "}]}
    with pytest.raises(LayerError) as e:
        validate_for_photo(layers, 100, 100)
    assert str(e.value) == "annotation 1 (text): text must not be empty"
    assert _gui_zh(e.value) == "第 1 个标注（文字）：text must not be empty"


def test_a_logo_that_is_not_an_image() -> None:
    with pytest.raises(UserError) as e:
        normalise_image(b"hello", what="org.logo")
    assert str(e.value).startswith("org.logo: not a readable PNG or JPEG image (")
    assert _gui_zh(e.value).startswith("org.logo：不是可读取的 PNG 或 JPEG 图片（")


def test_an_unknown_time_zone() -> None:
    with pytest.raises(UserError) as e:
        timefmt.zone("Mars/Base")
    assert str(e.value) == (
        "unknown time zone 'Mars/Base'; use a name such as Asia/Shanghai or an offset "
        "such as +08:00"
    )
    assert _gui_zh(e.value).startswith("未知的时区 'Mars/Base'；")


def test_a_checklist_problem_keeps_file_and_line_in_both_languages(tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("format: 1\nid: a\nid: b\n", encoding="utf-8")
    with pytest.raises(ChecklistError) as e:
        load(bad)
    (problem,) = e.value.problems
    assert str(problem) == f"{bad}:3: duplicate key 'id'"
    assert problem.render(Lang.ZH, Surface.GUI) == f"{bad}:3：键 'id' 重复"
    assert str(e.value) == f"{bad}:3: duplicate key 'id'"
    assert e.value.render(Lang.ZH, Surface.GUI) == f"{bad}:3：键 'id' 重复"


def test_a_damaged_snapshot_names_the_backup_menu_not_a_command() -> None:
    with pytest.raises(SnapshotDamagedError) as e:
        checklist_from_json("{}", sha256="0" * 64)
    assert "'inspector backup' makes one" in str(e.value)
    zh = _gui_zh(e.value)
    assert "“文件 > 备份数据库…”" in zh and "inspector" not in zh
