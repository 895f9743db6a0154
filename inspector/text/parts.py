"""Pieces of a message that are themselves rendered per language and surface.

A :class:`~inspector.errors.UserError` field may be anything with ``render(lang, surface)``:
these are the three shapes the error messages need -- a catalogue text bound to its fields
(one problem in a list of problems), a name the CLI spells one way and the app another (a
setting key vs. the field's label), and a list joined with the language's separator.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from inspector.text import Lang, Surface, Text, lang_of, rendered

log = logging.getLogger(__name__)

# How each language joins the parts of a list.
LIST_SEP = Text(zh="；", en="; ")  # clauses: one problem after another
NAMES_SEP = Text(zh="、", en=", ")  # names: item ids, columns
OR_SEP = Text(zh="或", en=" or ")  # alternatives: one of these


@dataclass(frozen=True, slots=True)
class Phrase:
    """A :class:`Text` with its fields, rendered when the whole message is."""

    text: Text
    fields: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.text.render(lang, surface, **self.fields)

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)


def phrase(text: Text, /, **fields: object) -> Phrase:
    return Phrase(text, fields)


@dataclass(frozen=True, slots=True)
class Term:
    """Words that differ by surface inside a sentence: a name as the CLI spells it (a setting
    key, an option; or a phrase such as a shell hint) and as the app says it (the label the
    user sees next to the field, plain words)."""

    cli: str | Text
    gui: Text

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        if surface is not Surface.CLI:
            return self.gui.render(lang, surface)
        return self.cli if isinstance(self.cli, str) else self.cli.render(lang, surface)


@dataclass(frozen=True, slots=True)
class CliOnly:
    """A field shown in the terminal only: the option a bad value came from. The CLI says
    ``--db: /x is a folder``; the app has no options, so it says ``/x is a folder``."""

    text: str

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.text if surface is Surface.CLI else ""


@dataclass(frozen=True, slots=True)
class Joined:
    """Several parts in one field, joined the way each language lists things."""

    parts: Sequence[object]
    sep: Text = field(default_factory=lambda: LIST_SEP)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        lg = lang_of(lang)
        return self.sep.template(lg).join(str(rendered(p, lg, surface)) for p in self.parts)


# How the app names a checklist item in a message: by the words the runner shows.
ITEM_TITLE = Text(zh="“{title}”", en="“{title}”")


@dataclass(frozen=True, slots=True)
class ItemName:
    """A checklist item as each surface names it: the CLI by its id (what its commands
    take), the app by its title in the reader's language (what the runner lists)."""

    id: str
    zh: str
    en: str

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        if surface is Surface.CLI:
            return self.id
        title = self.zh if lang_of(lang) is Lang.ZH else self.en
        return ITEM_TITLE.render(lang, surface, title=title)

    def __str__(self) -> str:
        return self.id
