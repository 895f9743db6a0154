"""The catalogue of user-facing words: complete in both languages, and the app's words never
name a command (issue 15: the GUI never tells a user to run ``inspector …``)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import inspector.text as text_pkg
from inspector.errors import NotFoundError, UserError
from inspector.text import Lang, Message, Surface, Text

CJK = re.compile(r"[\u3400-\u9fff]")
# A command line or an option: 'inspector list', `--by NAME`, "run inspector ...".
COMMAND = re.compile(r"\binspector\s+[a-z][a-z-]+|(?<![\w-])--[a-z][a-z-]+")


def _catalogue() -> list[tuple[str, Message | Text]]:
    out: list[tuple[str, Message | Text]] = []
    for info in pkgutil.iter_modules(text_pkg.__path__):
        module = importlib.import_module(f"inspector.text.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Message | Text):
                out.append((f"{info.name}.{name}", value))
            elif isinstance(value, dict):
                out.extend(
                    (f"{info.name}.{name}[{k!r}]", v)
                    for k, v in value.items()
                    if isinstance(v, Message | Text)
                )
    return out


ENTRIES = _catalogue()


def _texts(entry: Message | Text) -> list[Text]:
    return entry.texts() if isinstance(entry, Message) else [entry]


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=[n for n, _ in ENTRIES])
def test_both_languages_carry_the_same_fields(name: str, entry: Message | Text) -> None:
    for t in _texts(entry):
        assert t.en.strip(), f"{name}: the English text is empty"
        assert t.zh.strip(), f"{name}: the Chinese text is empty"
        assert _fields_of(t.zh) == _fields_of(t.en), (
            f"{name}: the languages name different fields ({t.zh!r} vs {t.en!r})"
        )


@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=[n for n, _ in ENTRIES])
def test_chinese_text_is_chinese(name: str, entry: Message | Text) -> None:
    for t in _texts(entry):
        words = re.sub(r"\{[^}]*\}", "", t.zh)
        if re.search(r"[A-Za-z]", words):  # a text of only fields and marks may stay as is
            assert CJK.search(words), f"{name}: the Chinese text has no Chinese: {t.zh!r}"


@pytest.mark.parametrize(
    ("name", "entry"),
    [(n, e) for n, e in ENTRIES if isinstance(e, Message)],
    ids=[n for n, e in ENTRIES if isinstance(e, Message)],
)
def test_the_apps_words_never_name_a_command(name: str, entry: Message | Text) -> None:
    assert isinstance(entry, Message)
    for t in [entry.what, *([entry.gui] if entry.gui else [])]:
        for template in (t.zh, t.en):
            found = COMMAND.search(template)
            assert found is None, (
                f"{name}: {found.group(0)!r} names a command in words the app shows: "
                f"{template!r}; put it in the message's cli remedy and say it in the app's "
                "terms in gui"
            )


def _fields_of(template: str) -> set[str]:
    return Text(zh=template, en=template).fields()


MSG = Message(
    what=Text(zh="没有编号为 {ref} 的检查", en="no inspection with id {ref}"),
    cli=Text(zh="'inspector list' 列出所有检查", en="'inspector list' shows the inspections"),
    gui=Text(zh="请在“检查”列表中选择", en="pick one in the Inspections list"),
)


def test_an_error_renders_per_surface_and_language() -> None:
    err = NotFoundError(MSG, ref="'ab12'")
    assert str(err) == "no inspection with id 'ab12'; 'inspector list' shows the inspections"
    assert err.render(Lang.ZH, Surface.GUI) == "没有编号为 'ab12' 的检查；请在“检查”列表中选择"
    assert (
        err.render(Lang.EN, Surface.GUI)
        == "no inspection with id 'ab12'; pick one in the Inspections list"
    )
    assert "inspector" not in err.render(Lang.ZH, Surface.GUI)


def test_a_nested_error_renders_in_the_outer_language() -> None:
    inner = NotFoundError(MSG, ref="x")
    outer = UserError(
        Message(Text(zh="无法导入：{cause}", en="cannot import: {cause}")), cause=inner
    )
    assert (
        outer.render(Lang.ZH, Surface.GUI) == "无法导入：没有编号为 x 的检查；请在“检查”列表中选择"
    )
    assert "'inspector list'" in str(outer)


def test_a_missing_field_names_the_text() -> None:
    with pytest.raises(KeyError, match="no inspection with id"):
        MSG.render(Lang.EN, Surface.CLI, {})
