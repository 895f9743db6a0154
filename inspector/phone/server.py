"""The phone capture server: one inspection's mobile page and its small JSON API.

One :class:`PhoneServer` serves one draft inspection on one interface, for one laptop
session. Its rules (see ``docs/phone.md`` for the threat model):

* every request carries the session's token (query parameter ``t``); without it the
  answer is 401, with a wrong or expired one 403, and nothing is read or written;
* the token is random (256 bits), made for this session only and dead when it ends:
  on :meth:`PhoneServer.stop`, after :data:`IDLE_SECONDS` without a request, or when
  another session starts in this process; a session in another process (the desktop
  app and the CLI) is refused while one runs (:class:`~.lock.SessionLock`);
* the page sees this inspection only: item titles, answers, whether a photo is still
  needed, thumbnails of its photos, and in mystery mode the visit facts and notes. No
  scores, points, findings or other inspections; no original photo ever goes back;
* uploads are bounded (bytes per photo, photos per request and per session, bytes per
  request, concurrent connections) and go through :func:`inspector.services.photos.prepare`
  and :func:`~inspector.services.photos.add_prepared`, like the desktop's;
* a finalized (or no longer current) inspection is refused with 409.

Each request that writes has its own unit of work (``Database.session``: BEGIN IMMEDIATE
on SQLite), committed before the answer is sent; the decode of a photo happens before the
write lock is taken. A listener (the GUI) is told of every committed change from the
request thread, so it must hand the news to its own thread (a queued Qt signal).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from inspector.db import Database
from inspector.domain import timefmt
from inspector.domain.checklist import Mode
from inspector.errors import ReadOnlyError, UserError, ValidationError
from inspector.phone.handler import HttpServer
from inspector.phone.lock import SessionLock
from inspector.phone.protocol import Limits, Refusal, refused_file
from inspector.services import photo_decode
from inspector.services.commands import phone as phone_commands
from inspector.services.photo_decode import PhotoError
from inspector.services.views import phone as phone_views
from inspector.services.views.phone import PHONE_VISIT_FIELDS, TIME_FIELDS
from inspector.text import phone as T
from inspector.text.parts import CliOnly

log = logging.getLogger(__name__)

#: The session ends after this long without a request (the issue's 30 minutes).
IDLE_SECONDS = 30 * 60
#: The page's time fields and the fields the phone may set.
_TOKEN_BYTES = 32


@dataclass(frozen=True, slots=True)
class PhoneEvent:
    """A change the phone made, committed; or the session's end (``kind == "stopped"``)."""

    kind: str  # photos | visit | notes | stopped
    inspection_uuid: str
    item_id: str | None = None
    photo_ids: tuple[str, ...] = ()
    reason: str = ""
    # Why the session stopped, for the app to say in its language (None: ``reason`` only).
    why: UserError | None = None


Listener = Callable[[PhoneEvent], None]


# ---------------------------------------------------------------- one process, one session
_active_lock = threading.Lock()
_active: PhoneServer | None = None


def active_server() -> PhoneServer | None:
    """The running session of this process, if any."""
    with _active_lock:
        return _active


def _url_host(address: str) -> str:
    return f"[{address}]" if ipaddress.ip_address(address).version == 6 else address


class PhoneServer:
    """The phone page and API for one draft inspection; see the module docstring.

    ``start()`` listens in background threads (the GUI); ``serve()`` blocks until
    :meth:`stop` (the CLI). ``clock`` is injectable so idle expiry is testable.
    """

    def __init__(
        self,
        db: Database,
        inspection_ref: str,
        *,
        bind: str,
        port: int = 0,
        actor: str = "",
        listener: Listener | None = None,
        limits: Limits | None = None,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.limits = limits or Limits()
        self.idle_seconds = idle_seconds
        self.listener = listener
        self._clock = clock
        target = phone_views.phone_target(db, inspection_ref)
        self.inspection_pk = target.pk
        self.inspection_uuid = target.uuid
        self.mode = target.mode
        self.actor = actor or target.inspector or "phone"
        self._token: str | None = secrets.token_urlsafe(_TOKEN_BYTES)
        self._lock = threading.Lock()
        self._last_seen = clock()
        self._stored = 0
        self._reserved = 0
        self._decodes = threading.BoundedSemaphore(self.limits.decodes)
        self.uploads = threading.BoundedSemaphore(self.limits.uploads)
        self._stopped = threading.Event()
        self._threads: list[threading.Thread] = []
        self._stop_reason = ""
        self._session_lock = SessionLock()
        if not 0 <= port <= 65535:
            raise ValidationError(T.PORT_RANGE, option=CliOnly("--port "), port=port)
        try:
            self._http = HttpServer((bind, port), self)
        except OSError as e:
            raise UserError(
                T.CANNOT_LISTEN, bind=bind, port=port, detail=str(e.strerror or e)
            ) from None
        self.address = bind
        self.port = int(self._http.server_address[1])

    # ---------------------------------------------------------------- session
    @property
    def url(self) -> str:
        """The page's address with the token (what the QR code holds)."""
        return f"http://{_url_host(self.address)}:{self.port}/?t={self._token or ''}"

    @property
    def token(self) -> str | None:
        return self._token

    @property
    def running(self) -> bool:
        return not self._stopped.is_set()

    @property
    def stop_reason(self) -> str:
        return self._stop_reason

    def start(self) -> None:
        """Serve in background threads; ends any other session of this process first."""
        global _active
        with _active_lock:
            previous, _active = _active, self
        if previous is not None and previous is not self:
            previous.stop(UserError(T.STOPPED_BY_ANOTHER))
        if not self._session_lock.acquire():
            holder = self._session_lock.holder()
            with _active_lock:
                if _active is self:
                    _active = None
            self._token = None
            self._stopped.set()
            self._http.server_close()
            raise UserError(T.ANOTHER_SESSION, pid=holder)
        serve = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="phone-http",
            daemon=True,
        )
        watch = threading.Thread(target=self._watch_idle, name="phone-idle", daemon=True)
        self._threads = [serve, watch]
        serve.start()
        watch.start()
        log.info("phone session for %s on %s:%d", self.inspection_uuid, self.address, self.port)

    def serve(self) -> None:
        """Serve until :meth:`stop` (a signal handler, the idle timer)."""
        self.start()
        self._stopped.wait()
        self.join()

    def wait(self, timeout: float | None = None) -> bool:
        """True once the session has ended."""
        return self._stopped.wait(timeout)

    def stop(self, reason: str | UserError = "stopped") -> None:
        """End the session: the token dies at once, the port is closed. Idempotent.

        ``reason`` is English (logs, ``stop_reason``), or an error the app can render."""
        global _active
        why = reason if isinstance(reason, UserError) else None
        reason = str(reason)
        with self._lock:
            if self._stopped.is_set():
                return
            self._token = None
            self._stop_reason = reason
            self._stopped.set()
        with _active_lock:
            if _active is self:
                _active = None
        # shutdown() waits for serve_forever to return: never call it from its own thread.
        # (it runs in its own thread; handlers and the idle watch run in others).
        if self._threads:
            self._http.shutdown()
        self._http.server_close()
        self._session_lock.release()
        log.info("phone session for %s ended: %s", self.inspection_uuid, reason)
        self._notify(PhoneEvent("stopped", self.inspection_uuid, reason=reason, why=why))

    def join(self) -> None:
        """Wait for the server's threads to end (after :meth:`stop`)."""
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout=5)

    def touch(self) -> None:
        with self._lock:
            self._last_seen = self._clock()

    def idle_for(self) -> float:
        with self._lock:
            return self._clock() - self._last_seen

    def check_idle(self) -> bool:
        """Stop the session when it has been idle too long; True when it did."""
        if self.running and self.idle_for() >= self.idle_seconds:
            self.stop(UserError(T.STOPPED_IDLE, minutes=int(self.idle_seconds // 60)))
            return True
        return False

    def _watch_idle(self) -> None:
        # Wakes at most every 5 s (or when stopped) to compare the idle time with the limit.
        while not self._stopped.wait(min(5.0, max(0.05, self.idle_seconds / 10))):
            self.check_idle()

    def check_token(self, given: str | None) -> HTTPStatus | None:
        """None when ``given`` is this session's live token; else the status to answer."""
        if not given:
            return HTTPStatus.UNAUTHORIZED
        current = self._token
        if current is None or not hmac.compare_digest(given.encode(), current.encode()):
            return HTTPStatus.FORBIDDEN
        return None

    def _notify(self, event: PhoneEvent) -> None:
        if self.listener is None:
            return
        try:
            self.listener(event)
        except Exception:
            log.exception("phone listener failed on %s", event.kind)

    # ---------------------------------------------------------------- data for the page
    def _served(self, error: UserError) -> Refusal:
        """The whole request's refusal when the served inspection is gone or signed."""
        if isinstance(error, phone_views.InspectionGone):
            return Refusal(HTTPStatus.GONE, T.DELETED)
        if isinstance(error, ReadOnlyError):
            return Refusal(HTTPStatus.CONFLICT, T.CAUSE, cause=error, extra={"finalized": True})
        return Refusal.of(HTTPStatus.BAD_REQUEST, error)

    def state(self) -> dict[str, Any]:
        """What the page shows (no scores, no findings, nothing of other inspections)."""
        try:
            page = phone_views.page_state(self.db, self.inspection_pk)
        except UserError as e:
            raise self._served(e) from None
        limits = {
            "photo_bytes": self.limits.photo_bytes,
            "files_per_request": self.limits.files_per_request,
            "notes_chars": self.limits.notes_chars,
        }
        # The keys in the order the page has always had them.
        return {
            "inspection": page["inspection"],
            "items": page["items"],
            "limits": limits,
            "mystery": page["mystery"],
        }

    def thumbnail(self, photo_id: str) -> bytes:
        """The thumbnail of one of this inspection's photos, annotations and redactions drawn."""
        try:
            return phone_views.thumbnail(self.db, self.inspection_pk, photo_id)
        except phone_views.PhotoNotHere:
            raise Refusal(HTTPStatus.NOT_FOUND, T.NO_PHOTO) from None
        except UserError as e:
            raise self._served(e) from None

    # ---------------------------------------------------------------- changes from the page
    def add_photos(self, item_id: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Store ``files`` (name, bytes) on ``item_id``; each is stored or refused alone."""
        try:
            phone_views.check_item(self.db, self.inspection_pk, item_id)
        except ValidationError as e:
            raise Refusal.of(HTTPStatus.BAD_REQUEST, e) from None
        except UserError as e:
            raise self._served(e) from None
        stored: list[str] = []
        refused: list[dict[str, str]] = []
        for name, data in files:
            photo_id, refusal = self._add_one(item_id, name, data)
            if photo_id is not None:
                stored.append(photo_id)
            if refusal is not None:
                refused.append(refusal)
        if stored:
            self._notify(
                PhoneEvent("photos", self.inspection_uuid, item_id=item_id, photo_ids=tuple(stored))
            )
        log.info(
            "phone upload to %s/%s: %d stored, %d refused",
            self.inspection_uuid,
            item_id,
            len(stored),
            len(refused),
        )
        return {"stored": stored, "refused": refused}

    def _add_one(
        self, item_id: str, name: str, data: bytes
    ) -> tuple[str | None, dict[str, str] | None]:
        """(new photo id, None) or (None, refusal); a slot of the session's quota is
        reserved before the decode, so parallel uploads never overshoot it."""
        with self._lock:
            if self._stored + self._reserved >= self.limits.photos_per_session:
                quota = UserError(T.QUOTA, count=self.limits.photos_per_session)
                return None, refused_file(name, quota)
            self._reserved += 1
        added = False
        try:
            try:
                with self._decodes:
                    prep = photo_decode.prepare(data, name)
            except PhotoError as e:
                return None, refused_file(name, e)
            try:
                res = phone_commands.add_photo(
                    self.db, self.inspection_pk, item_id, prep, actor=self.actor
                )
            except (phone_views.InspectionGone, ReadOnlyError) as e:
                raise self._served(e) from None
            except UserError as e:
                return None, refused_file(name, e)
            if res.photo_id is not None:
                added = True
                return res.photo_id, None
            existing = res.duplicate_of or ""
            already = UserError(T.ALREADY_HERE, photo=existing[:8])
            return None, refused_file(name, already, photo=existing)
        finally:
            with self._lock:
                self._reserved -= 1
                self._stored += 1 if added else 0

    def set_visit(self, body: dict[str, Any]) -> dict[str, Any]:
        """``{"field": F, "now": true}`` (the laptop's clock) or ``{"field": F, "value": V}``."""
        if self.mode != Mode.MYSTERY:
            raise Refusal(HTTPStatus.CONFLICT, T.VISIT_MYSTERY_ONLY)
        key = body.get("field")
        if not isinstance(key, str) or key not in PHONE_VISIT_FIELDS:
            raise Refusal(HTTPStatus.BAD_REQUEST, T.UNKNOWN_VISIT_FIELD, field=repr(key))
        value: Any
        if body.get("now") is True:
            if key not in TIME_FIELDS:
                raise Refusal(HTTPStatus.BAD_REQUEST, T.NOT_A_TIME, field=key)
            value = timefmt.now().isoformat(timespec="seconds")
        else:
            value = body.get("value")
            if value is None or value == "":
                value = None
            elif key == "customers_waiting":
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value.strip())
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 9999:
                    raise Refusal(HTTPStatus.BAD_REQUEST, T.CUSTOMERS_WAITING)
            elif not isinstance(value, str) or len(value) > 200:
                raise Refusal(HTTPStatus.BAD_REQUEST, T.SHORT_TEXT, field=key)
        try:
            visit = phone_commands.set_visit_field(
                self.db, self.inspection_pk, key, value, actor=self.actor
            )
        except (phone_views.InspectionGone, ReadOnlyError) as e:
            raise self._served(e) from None
        self._notify(PhoneEvent("visit", self.inspection_uuid))
        return {"visit": visit}

    def set_notes(self, body: dict[str, Any]) -> dict[str, Any]:
        """``{"text": T, "base": B}``: refused (409) when the laptop changed it since ``B``."""
        if self.mode != Mode.MYSTERY:
            raise Refusal(HTTPStatus.CONFLICT, T.NOTES_MYSTERY_ONLY)
        text, base = body.get("text"), body.get("base")
        if not isinstance(text, str) or not isinstance(base, str):
            raise Refusal(HTTPStatus.BAD_REQUEST, T.NOTES_BODY)
        if len(text) > self.limits.notes_chars:
            raise Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, T.NOTES_TOO_LONG, limit=self.limits.notes_chars
            )
        try:
            phone_commands.set_notes(self.db, self.inspection_pk, text, base=base, actor=self.actor)
        except phone_commands.NotesChanged as e:
            raise Refusal(
                HTTPStatus.CONFLICT, T.NOTES_CHANGED, extra={"notes": e.current}
            ) from None
        except (phone_views.InspectionGone, ReadOnlyError) as e:
            raise self._served(e) from None
        self._notify(PhoneEvent("notes", self.inspection_uuid))
        return {"notes": text}
