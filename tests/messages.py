"""A catalogue message made on the spot, for tests that need some user error."""

from __future__ import annotations

from inspector.text import Message, Text


def plain_message(en: str, zh: str | None = None) -> Message:
    """``en`` (and ``zh``, default the same) as a message with no remedy; braces are text."""

    def esc(s: str) -> str:
        return s.replace("{", "{{").replace("}", "}}")

    return Message(Text(zh=esc(zh if zh is not None else en), en=esc(en)))
