"""What the phone server and its HTTP handler share: the limits, the refusal a request
ends with, how an error reads on the page, and what the handler needs of the server."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Protocol

from inspector.errors import UserError
from inspector.text import Lang, Message, Surface


@dataclass(frozen=True, slots=True)
class Limits:
    """What one session accepts; a request over a limit is refused before it is stored."""

    photo_bytes: int = (
        40 * 1024 * 1024
    )  # an iPhone ProRAW is not a photo we take; 48 MP HEIC is ~15 MB
    files_per_request: int = 20
    request_bytes: int = 120 * 1024 * 1024
    photos_per_session: int = 500
    json_bytes: int = 64 * 1024
    notes_chars: int = 20_000
    connections: int = 16
    decodes: int = 1  # photos decoded at once: the laptop stays responsive
    uploads: int = 2  # upload bodies held in memory at once (each at most request_bytes)
    upload_wait: float = 120.0  # seconds an upload waits for its turn before 503


class Refusal(Exception):
    """Answer the request with ``status`` and JSON ``{"error": English, "error_text":
    {"zh": ..., "en": ...}}`` (the page shows ``error_text`` in its language), plus
    ``extra`` keys."""

    def __init__(
        self,
        status: HTTPStatus,
        message: Message,
        /,
        *,
        extra: dict[str, Any] | None = None,
        **fields: object,
    ) -> None:
        self.error = UserError(message, **fields)
        super().__init__(str(self.error))
        self.status = status
        self.extra = extra or {}

    @classmethod
    def of(
        cls, status: HTTPStatus, error: UserError, extra: dict[str, Any] | None = None
    ) -> Refusal:
        """Answer with an error a service raised, its words unchanged."""
        refusal = cls(status, error.message, extra=extra, **error.fields)
        refusal.error = error
        return refusal


def page_text(error: UserError) -> dict[str, str]:
    """An error as the phone page shows it: in the app's words, in both of its languages."""
    return {lang.value: error.render(lang, Surface.GUI) for lang in (Lang.ZH, Lang.EN)}


def refused_file(name: str, error: UserError, **extra: str) -> dict[str, Any]:
    """A refused file of an upload: the English ``reason`` and the page's ``reason_text``."""
    text = {k: strip_name(v, name) for k, v in page_text(error).items()}
    return {"file": name, "reason": strip_name(str(error), name), "reason_text": text, **extra}


def strip_name(message: str, name: str) -> str:
    # The page shows the file's name next to its reason: not twice (in either language).
    for prefix in (f"{name}: ", f"{name}："):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


class PhonePage(Protocol):
    """What the HTTP handler needs of the session it serves (:class:`.server.PhoneServer`)."""

    limits: Limits
    uploads: threading.BoundedSemaphore

    def check_token(self, given: str | None) -> HTTPStatus | None: ...
    def touch(self) -> None: ...
    def state(self) -> dict[str, Any]: ...
    def thumbnail(self, photo_id: str) -> bytes: ...
    def add_photos(self, item_id: str, files: list[tuple[str, bytes]]) -> dict[str, Any]: ...
    def set_visit(self, body: dict[str, Any]) -> dict[str, Any]: ...
    def set_notes(self, body: dict[str, Any]) -> dict[str, Any]: ...
