"""Exceptions whose message is meant for the user.

A :class:`UserError` carries a catalogue :class:`~inspector.text.Message` and the fields it
names (ids, paths, limits), not a finished sentence: the CLI renders it in English for a
terminal (``str(exc)``, so it may name a command to run), the app renders it in the user's
language for the app (``exc.render(lang, Surface.GUI)``, which names buttons and menus, never a
command). Everything else raised is a bug, logged with its traceback and reported with the log
file's location.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from inspector.text import Lang, Message, Surface


class _Worded(Exception):
    """An exception whose words are a catalogue Message and its fields."""

    def __init__(self, message: Message, /, **fields: object) -> None:
        self.message = message
        self.fields: Mapping[str, object] = fields
        super().__init__(message.render(Lang.EN, Surface.CLI, fields))

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return self.message.render(lang, surface, self.fields)

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)


class UserError(_Worded):
    """A problem the user can fix; its message says what, where and what to do."""


class MessageValueError(_Worded, ValueError):
    """A value that does not fit (an answer outside its item's scale, a redaction outside
    its photo): a ``ValueError`` to the code around it, which often turns it into its own
    error, but a person reads its words in the runner, the photo editor or a terminal."""


class NotFoundError(UserError):
    """An id or code given by the user does not exist."""


class ValidationError(UserError):
    """Input that breaks a rule: a wrong answer type, a value out of range, ..."""


class ReadOnlyError(UserError):
    """A change to something that can no longer change (a finalized inspection)."""


_OBJECT_REPR = re.compile(r"\s*<[^<>]*\bat 0x[0-9a-fA-F]+>")
_DETAIL_MAX = 200


def detail_of(e: BaseException) -> str:
    """A library's complaint, fit for a person's eyes inside a sentence about their file.

    Its first line, at most 200 characters, without Python object representations
    (Pillow says ``cannot identify image file <_io.BytesIO object at 0x7f…>``: the file is
    the user's, the object is ours); the exception's class name when nothing is left.
    """
    text = _OBJECT_REPR.sub("", str(e)).strip()
    first = text.splitlines()[0].strip() if text else ""
    first = first.rstrip(" :") or type(e).__name__
    return first if len(first) <= _DETAIL_MAX else first[: _DETAIL_MAX - 1] + "…"
