"""Value errors of the domain that speak through the catalogue.

A value that does not fit (an answer outside an item's scale, a redaction outside its
photo) is a ``ValueError`` to the code around it, which often turns it into its own error,
but a person reads its words: in the runner, the photo editor or a terminal. So it carries
a catalogue :class:`~inspector.text.Message` and its fields, like
:class:`inspector.errors.UserError`, and renders itself per language and surface
(``inspector.ui.errors.user_text`` renders anything with ``render``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from inspector.text import Lang, Message, Surface, Text

log = logging.getLogger(__name__)


class MessageValueError(ValueError):
    """A ValueError whose message is a catalogue Message with fields."""

    def __init__(self, message: Message, /, **fields: object) -> None:
        self.message = message
        self.fields: Mapping[str, object] = fields
        super().__init__(message.render(Lang.EN, Surface.CLI, fields))

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.message.render(lang, surface, self.fields)

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A catalogue Text with its fields, rendered later in the reader's language.

    For a part of a message that is itself built from words (``annotation 2 (text)``),
    passed as a field of the message around it.
    """

    text: Text
    fields: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.text.render(lang, surface, **self.fields)

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)
