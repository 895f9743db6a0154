"""The one catalogue of user-facing words outside the Qt widgets (which use ``tr()``).

Everything a user reads that is not drawn by a Qt widget -- error messages, report and HQ
labels, finalize checks -- is a :class:`Text` (a Chinese and an English template with
``{named}`` fields) kept in a module of this package, so wording is reviewed in one place and
no layer below the UI needs Qt to speak Chinese.

An error's words are a :class:`Message`: *what* went wrong and where (said the same way
everywhere), and what to do in the terms of each surface -- ``cli`` may name a command and its
options, ``gui`` names the app's buttons and menus and never a command. The CLI renders
``Surface.CLI`` in English (its output is a contract HQ scripts read); the app renders
``Surface.GUI`` in the user's language. ``tests/unit/test_text_catalogue.py`` checks that both
languages carry the same fields and that nothing meant for the app names a command.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Surface(StrEnum):
    """Where a message is shown: a terminal (commands may be named) or the app (never)."""

    CLI = "cli"
    GUI = "gui"


def lang_of(value: str | None) -> Lang:
    """``"zh"``/``"zh_CN"``/``Lang.ZH`` -> ``Lang.ZH``; anything else is English."""
    return Lang.ZH if value and str(value).lower().startswith("zh") else Lang.EN


def rendered(value: object, lang: Lang, surface: Surface) -> object:
    """``value`` in ``lang`` for ``surface`` if it renders itself (a nested error, a part of
    a message), else ``value`` as it is."""
    render = getattr(value, "render", None)
    if callable(render):
        return render(lang, surface)
    return value


@dataclass(frozen=True, slots=True)
class Text:
    """One wording in Chinese and English, with ``{named}`` fields filled at render time."""

    zh: str
    en: str

    def template(self, lang: Lang | str) -> str:
        return self.zh if lang_of(lang) is Lang.ZH else self.en

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI, /, **fields: object) -> str:
        lg = lang_of(lang)
        values = {k: rendered(v, lg, surface) for k, v in fields.items()}
        return self.template(lg).format_map(_Strict(values, self))

    def __call__(self, lang: Lang | str, /, **fields: object) -> str:
        return self.render(lang, Surface.CLI, **fields)

    def fields(self) -> set[str]:
        return _names(self.zh) | _names(self.en)


@dataclass(frozen=True, slots=True)
class Message:
    """An error's words: ``what`` happened, and what to do on each surface.

    ``cli`` and ``gui`` are the remedies; either may be None when there is nothing to do
    there, or when ``what`` already says it in words true on both surfaces.
    """

    what: Text
    cli: Text | None = None
    gui: Text | None = None

    def render(
        self, lang: Lang | str, surface: Surface, fields: Mapping[str, object] | None = None
    ) -> str:
        lg = lang_of(lang)
        values = dict(fields or {})
        text = self.what.render(lg, surface, **values)
        remedy = self.cli if surface is Surface.CLI else self.gui
        if remedy is not None:
            sep = "；" if lg is Lang.ZH else "; "
            text = text + sep + remedy.render(lg, surface, **values)
        return text

    def texts(self) -> list[Text]:
        return [t for t in (self.what, self.cli, self.gui) if t is not None]


class _Strict(dict[str, object]):
    """format_map values that name the Text in the error when a field is missing."""

    def __init__(self, values: Mapping[str, object], text: Text) -> None:
        super().__init__(values)
        self._text = text

    def __missing__(self, key: str) -> object:
        raise KeyError(f"{key!r} is not given for the text {self._text.en!r}")


def _names(template: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }
