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
import html
import ipaddress
import json
import logging
import re
import secrets
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

import multipart
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector import strictjson
from inspector.db import Database
from inspector.db.models import Inspection, Photo
from inspector.domain import timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Evidence, Item, Mode, Result, Text
from inspector.domain.scoring import Outcome
from inspector.errors import ReadOnlyError, UserError, ValidationError
from inspector.services import inspections as svc
from inspector.services import photos as photo_svc
from inspector.services.phone.lock import SessionLock
from inspector.text import Lang, Message, Surface
from inspector.text import Text as Words
from inspector.text import labels as TL
from inspector.text import phone as T
from inspector.text import report as TR
from inspector.text.parts import CliOnly

log = logging.getLogger(__name__)

#: The session ends after this long without a request (the issue's 30 minutes).
IDLE_SECONDS = 30 * 60
#: The page's time fields and the fields the phone may set.
TIME_FIELDS = svc.TIME_FIELDS
PHONE_VISIT_FIELDS = (*TIME_FIELDS, "ticket", "customers_waiting", "scenario")
_TOKEN_BYTES = 32
_CHUNK = 64 * 1024


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


class _Refusal(Exception):
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


def page_text(error: UserError) -> dict[str, str]:
    """An error as the phone page shows it: in the app's words, in both of its languages."""
    return {lang.value: error.render(lang, Surface.GUI) for lang in (Lang.ZH, Lang.EN)}


def _refused(name: str, error: UserError, **extra: str) -> dict[str, Any]:
    """A refused file of an upload: the English ``reason`` and the page's ``reason_text``."""
    text = {k: _strip_name(v, name) for k, v in page_text(error).items()}
    return {"file": name, "reason": _strip_name(str(error), name), "reason_text": text, **extra}


# ---------------------------------------------------------------- one process, one session
_active_lock = threading.Lock()
_active: PhoneServer | None = None


def active_server() -> PhoneServer | None:
    """The running session of this process, if any."""
    with _active_lock:
        return _active


def _url_host(address: str) -> str:
    return f"[{address}]" if ipaddress.ip_address(address).version == 6 else address


class _HttpServer(ThreadingHTTPServer):
    """A threading server that turns connections away above a bound instead of queueing."""

    daemon_threads = True
    block_on_close = False
    # SO_REUSEADDR lets a restart take its fixed port back at once on POSIX; on Windows it
    # would let another program bind the same port, so it stays off there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], phone: PhoneServer) -> None:
        self.phone = phone
        self._slots = threading.BoundedSemaphore(phone.limits.connections)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            log.warning("phone: too many connections; one from %s closed", client_address[0])
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


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
        with db.read_session() as s:
            insp = svc.get(s, inspection_ref)
            _require_open(insp)
            self.inspection_pk = insp.id
            self.inspection_uuid = insp.uuid
            self.mode = Mode(insp.mode)
            self.actor = actor or insp.inspector or "phone"
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
            self._http = _HttpServer((bind, port), self)
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
    def _inspection(self, session: Session) -> Inspection:
        insp = session.get(Inspection, self.inspection_pk)
        if insp is None:
            raise _Refusal(HTTPStatus.GONE, T.DELETED)
        try:
            _require_open(insp)
        except ReadOnlyError as e:
            raise _Refusal(
                HTTPStatus.CONFLICT, T.CAUSE, cause=e, extra={"finalized": True}
            ) from None
        return insp

    def state(self) -> dict[str, Any]:
        """What the page shows (no scores, no findings, nothing of other inspections)."""
        with self.db.read_session() as s:
            insp = self._inspection(s)
            checklist = svc.checklist_of(insp)
            result = svc.compute_score(insp)
            answers = svc.answers_of(insp)
            mode = Mode(insp.mode)
            photos: dict[str, list[str]] = {}
            for p in photo_svc.photos_of(insp):
                photos.setdefault(p.item_id, []).append(p.id)
            items = []
            for item in checklist.items():
                outcome = result.items[item.id].outcome
                if outcome == Outcome.HIDDEN or not item.applies_to(mode):
                    continue
                rule = item.evidence.for_mode(mode)
                ans = answers.get(item.id)
                is_fail = ans is not None and ans.result is not None and ans.result == Result.FAIL
                wanted = rule == Evidence.REQUIRED and outcome != Outcome.NA
                wanted = wanted or (rule == Evidence.ON_FAIL and is_fail)
                have = photos.get(item.id, [])
                items.append(
                    {
                        "id": item.id,
                        "section": _text(checklist.section_of(item.id).title),
                        "title": _text(item.text),
                        "answer": _answer_label(item, ans),
                        "photos": have,
                        "photo_needed": wanted and not have,
                        "evidence": rule.value,
                    }
                )
            out: dict[str, Any] = {
                "inspection": {
                    "branch": f"{insp.branch.code} {insp.branch.name}",
                    "checklist": _text(checklist.title),
                    "mode": mode.value,
                    "revision": insp.revision,
                },
                "items": items,
                "limits": {
                    "photo_bytes": self.limits.photo_bytes,
                    "files_per_request": self.limits.files_per_request,
                    "notes_chars": self.limits.notes_chars,
                },
                "mystery": None,
            }
            if mode == Mode.MYSTERY:
                visit = dict(insp.visit or {})
                out["mystery"] = {
                    "visit": {k: visit.get(k) for k in PHONE_VISIT_FIELDS},
                    "scenarios": [
                        {"id": sc.id, "title": _text(sc.title)} for sc in checklist.scenarios
                    ],
                    "notes": insp.narrative or "",
                }
            return out

    def thumbnail(self, photo_id: str) -> bytes:
        """The thumbnail of one of this inspection's photos, annotations and redactions drawn."""
        with self.db.read_session() as s:
            insp = self._inspection(s)
            photo = s.scalar(
                select(Photo).where(Photo.id == photo_id, Photo.inspection_id == insp.id)
            )
            if photo is None:
                raise _Refusal(HTTPStatus.NOT_FOUND, T.NO_PHOTO)
            thumb = photo_svc.blob_bytes(s, photo.thumb_sha256)
            layers = photo.layers or {}
            if layers.get("redactions") or layers.get("annotations"):
                return photo_svc.preview(thumb, layers, photo.width)
            return thumb

    # ---------------------------------------------------------------- changes from the page
    def _check_item(self, item_id: str) -> None:
        with self.db.read_session() as s:
            insp = self._inspection(s)
            checklist = svc.checklist_of(insp)
            try:
                item = checklist.item(item_id)
            except KeyError:
                raise _Refusal(HTTPStatus.BAD_REQUEST, T.NO_ITEM, item=repr(item_id)) from None
            if not item.applies_to(Mode(insp.mode)):
                raise _Refusal(HTTPStatus.BAD_REQUEST, T.NOT_ASKED, item=item_id)

    def add_photos(self, item_id: str, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Store ``files`` (name, bytes) on ``item_id``; each is stored or refused alone."""
        self._check_item(item_id)
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
                return None, _refused(name, quota)
            self._reserved += 1
        added = False
        try:
            try:
                with self._decodes:
                    prep = photo_svc.prepare(data, name)
            except photo_svc.PhotoError as e:
                return None, _refused(name, e)
            with self.db.session() as s:
                insp = self._inspection(s)
                try:
                    res = photo_svc.add_prepared(s, insp, item_id, prep, actor=self.actor)
                except UserError as e:
                    return None, _refused(name, e)
            if res.added:
                added = True
                return res.added[0].id, None
            existing = res.duplicates[0][1]
            already = UserError(T.ALREADY_HERE, photo=existing[:8])
            return None, _refused(name, already, photo=existing)
        finally:
            with self._lock:
                self._reserved -= 1
                self._stored += 1 if added else 0

    def set_visit(self, body: dict[str, Any]) -> dict[str, Any]:
        """``{"field": F, "now": true}`` (the laptop's clock) or ``{"field": F, "value": V}``."""
        if self.mode != Mode.MYSTERY:
            raise _Refusal(HTTPStatus.CONFLICT, T.VISIT_MYSTERY_ONLY)
        key = body.get("field")
        if key not in PHONE_VISIT_FIELDS:
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.UNKNOWN_VISIT_FIELD, field=repr(key))
        value: Any
        if body.get("now") is True:
            if key not in TIME_FIELDS:
                raise _Refusal(HTTPStatus.BAD_REQUEST, T.NOT_A_TIME, field=key)
            value = timefmt.now().isoformat(timespec="seconds")
        else:
            value = body.get("value")
            if value is None or value == "":
                value = None
            elif key == "customers_waiting":
                if isinstance(value, str) and value.strip().isdigit():
                    value = int(value.strip())
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 9999:
                    raise _Refusal(HTTPStatus.BAD_REQUEST, T.CUSTOMERS_WAITING)
            elif not isinstance(value, str) or len(value) > 200:
                raise _Refusal(HTTPStatus.BAD_REQUEST, T.SHORT_TEXT, field=key)
        with self.db.session() as s:
            insp = self._inspection(s)
            svc.set_visit(s, insp, actor=self.actor, **{key: value})
            visit = dict(insp.visit or {})
        self._notify(PhoneEvent("visit", self.inspection_uuid))
        return {"visit": {k: visit.get(k) for k in PHONE_VISIT_FIELDS}}

    def set_notes(self, body: dict[str, Any]) -> dict[str, Any]:
        """``{"text": T, "base": B}``: refused (409) when the laptop changed it since ``B``."""
        if self.mode != Mode.MYSTERY:
            raise _Refusal(HTTPStatus.CONFLICT, T.NOTES_MYSTERY_ONLY)
        text, base = body.get("text"), body.get("base")
        if not isinstance(text, str) or not isinstance(base, str):
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.NOTES_BODY)
        if len(text) > self.limits.notes_chars:
            raise _Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, T.NOTES_TOO_LONG, limit=self.limits.notes_chars
            )
        with self.db.session() as s:
            insp = self._inspection(s)
            current = insp.narrative or ""
            if current != base and current != text:
                raise _Refusal(HTTPStatus.CONFLICT, T.NOTES_CHANGED, extra={"notes": current})
            svc.set_narrative(s, insp, text, actor=self.actor)
        self._notify(PhoneEvent("notes", self.inspection_uuid))
        return {"notes": text}


def _require_open(insp: Inspection) -> None:
    if insp.status != svc.DRAFT or not insp.is_current:
        raise ReadOnlyError(T.FINALIZED, uuid=insp.uuid)


def _text(t: Text) -> dict[str, str]:
    return {"zh": t.zh, "en": t.en}


def _answer_label(item: Item, ans: Answer | None) -> dict[str, str] | None:
    """The answer as the inspector gave it (a judgement and/or value), in both languages."""
    if ans is None or ans.is_empty:
        return None
    zh: list[str] = []
    en: list[str] = []
    if ans.value is not None:
        v: object = ans.value
        if item.type == AnswerType.CHOICE and item.options:
            opt = next((o for o in item.options if o.id == v), None)
            if opt is not None:
                zh.append(opt.label.zh)
                en.append(opt.label.en)
                v = None
        if isinstance(v, bool):
            zh.append((TR.YES if v else TR.NO).zh)
            en.append((TR.YES if v else TR.NO).en)
        elif v is not None:
            s = str(v)
            s = s if len(s) <= 60 else s[:59] + "…"
            zh.append(s)
            en.append(s)
    if ans.result is not None:
        result = TR.RESULTS.get(ans.result.value)
        if result is not None:
            zh.append(result.zh)
            en.append(result.en)
    if not zh:
        return None
    return {"zh": " · ".join(zh), "en": " · ".join(en)}


def _strip_name(message: str, name: str) -> str:
    # The page shows the file's name next to its reason: not twice (in either language).
    for prefix in (f"{name}: ", f"{name}："):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def clean_file_name(raw: str | None) -> str:
    """A phone's file name, made safe to store and show (no path, no control characters)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip()
    return name[:200] or "photo"


# ---------------------------------------------------------------- the page
@dataclass
class _Static:
    html: str = ""
    js: str = ""
    css: str = ""
    loaded: bool = field(default=False)


_static = _Static()


def _static_files() -> _Static:
    if not _static.loaded:
        folder = resources.files("inspector.services.phone") / "static"
        _static.html = (folder / "page.html").read_text(encoding="utf-8")
        _static.js = (folder / "page.js").read_text(encoding="utf-8")
        _static.css = (folder / "page.css").read_text(encoding="utf-8")
        _static.loaded = True
    return _static


def page_html(lang: str, nonce: str) -> str:
    s = _static_files()
    return (
        s.html.replace("{{LANG}}", "zh-CN" if lang == "zh" else "en")
        .replace("{{NONCE}}", nonce)
        .replace("{{CSS}}", s.css)
        .replace("{{JS}}", s.js)
    )


def _lang(query: dict[str, list[str]], accept: str | None) -> str:
    asked = (query.get("lang") or [""])[0]
    if asked in ("zh", "en"):
        return asked
    first = (accept or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh"


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    server_version = "BranchInspectorPhone"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 60  # a stalled client frees its thread (slow uploads send data all the time)

    @property
    def phone(self) -> PhoneServer:
        return self.server.phone

    # Logs never show the token (it is in the query string).
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("phone %s: %s", self.client_address[0], _redact(format % args))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.info("phone %s %s %s", self.client_address[0], _redact(self.requestline), code)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        self._body_left: int | None = None
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        status = self.phone.check_token(next(iter(query.get("t") or []), None))
        if status is not None:
            # Nothing is read: the body (if any) is dropped with the connection.
            self.close_connection = True
            token = T.TOKEN_MISSING if status == HTTPStatus.UNAUTHORIZED else T.TOKEN_INVALID
            if method == "GET" and parts.path == "/":
                # An old QR code scanned again: say so in words, not JSON.
                self._message_page(status, TL.PHONE_SESSION_ENDED)
                return
            self._error(status, UserError(token))
            return
        self.phone.touch()
        try:
            self._route(method, parts.path, query)
        except _Refusal as e:
            self._drain()
            self._error(e.status, e.error, e.extra)
        except UserError as e:
            self._error(HTTPStatus.BAD_REQUEST, e)
        except (ConnectionError, TimeoutError) as e:
            log.info("phone connection lost: %s", e)
            self.close_connection = True
        except Exception:
            log.exception("phone request %s %s failed", method, parts.path)
            self.close_connection = True
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, UserError(T.INTERNAL))
        finally:
            self.phone.touch()

    def _route(self, method: str, path: str, query: dict[str, list[str]]) -> None:
        routes: dict[tuple[str, str], Callable[[dict[str, list[str]]], None]] = {
            ("GET", "/"): self._page,
            ("GET", "/api/state"): lambda q: self._json(HTTPStatus.OK, self.phone.state()),
            ("GET", "/api/thumb"): self._thumb,
            ("POST", "/api/photos"): lambda q: self._json(HTTPStatus.OK, self._upload()),
            ("POST", "/api/visit"): lambda q: self._json(
                HTTPStatus.OK, self.phone.set_visit(self._json_body())
            ),
            ("POST", "/api/notes"): lambda q: self._json(
                HTTPStatus.OK, self.phone.set_notes(self._json_body())
            ),
        }
        handler = routes.get((method, path))
        if handler is None:
            if any(p == path for _m, p in routes):
                raise _Refusal(HTTPStatus.METHOD_NOT_ALLOWED, T.METHOD_NOT_ALLOWED, method=method)
            raise _Refusal(HTTPStatus.NOT_FOUND, T.NO_PAGE)
        handler(query)

    # ---------------------------------------------------------------- answers
    def _headers(self, status: HTTPStatus, ctype: str, length: int, csp: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", csp)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _error(
        self, status: HTTPStatus, error: UserError, extra: dict[str, Any] | None = None
    ) -> None:
        # ``error`` stays the English text it always was; the page shows ``error_text``.
        self._json(status, {"error": str(error), "error_text": page_text(error), **(extra or {})})

    def _json(self, status: HTTPStatus, data: dict[str, Any]) -> None:
        body = strictjson.dumps(data).encode()
        self._headers(
            status,
            "application/json; charset=utf-8",
            len(body),
            "default-src 'none'; frame-ancestors 'none'",
        )
        self.wfile.write(body)

    def _page(self, query: dict[str, list[str]]) -> None:
        try:
            self.phone.state()  # a finalized or deleted inspection: say so, in words
        except _Refusal as e:
            self._message_page(e.status, e.error)
            return
        nonce = secrets.token_urlsafe(16)
        body = page_html(_lang(query, self.headers.get("Accept-Language")), nonce).encode()
        self._headers(
            HTTPStatus.OK,
            "text/html; charset=utf-8",
            len(body),
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; "
            "frame-ancestors 'none'; base-uri 'none'",
        )
        self.wfile.write(body)

    def _message_page(self, status: HTTPStatus, text: Words | UserError) -> None:
        """A page of words in both languages: a catalogue text, or an error in the app's
        words (what to do names the laptop's buttons, never a command)."""
        zh, en = (
            (text.zh, text.en)
            if isinstance(text, Words)
            else (lambda t: (t["zh"], t["en"]))(page_text(text))
        )
        body = _MESSAGE_PAGE.format(zh=html.escape(zh), en=html.escape(en)).encode()
        self._headers(status, "text/html; charset=utf-8", len(body), "default-src 'none'")
        self.wfile.write(body)

    def _thumb(self, query: dict[str, list[str]]) -> None:
        photo_id = (query.get("photo") or [""])[0]
        if not re.fullmatch(r"[0-9a-f-]{8,40}", photo_id):
            raise _Refusal(HTTPStatus.NOT_FOUND, T.NO_PHOTO)
        body = self.phone.thumbnail(photo_id)
        self._headers(HTTPStatus.OK, "image/jpeg", len(body), "default-src 'none'")
        self.wfile.write(body)

    # ---------------------------------------------------------------- request bodies
    def _length(self, limit: int) -> int:
        if self.headers.get("Transfer-Encoding"):
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, T.LENGTH_REQUIRED)
        raw = self.headers.get("Content-Length")
        if raw is None or not raw.strip().isdigit():
            raise _Refusal(HTTPStatus.LENGTH_REQUIRED, T.LENGTH_REQUIRED)
        n = int(raw)
        self._body_left = n
        if n > limit:
            self._body_left = self.phone.limits.request_bytes + 1  # never drained
            raise _Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, T.REQUEST_TOO_LARGE, size=n, limit=limit
            )
        return n

    def _chunks(self, length: int) -> Iterator[bytes]:
        self._body_left = length
        while self._body_left > 0:
            chunk = self.rfile.read(min(_CHUNK, self._body_left))
            if not chunk:
                self._body_left = 0
                self.close_connection = True
                raise _Refusal(HTTPStatus.BAD_REQUEST, T.CUT_OFF)
            self._body_left -= len(chunk)
            yield chunk

    def _drain(self) -> None:
        """Read what is left of a refused request's body, so the client reads the answer.

        A browser that is still sending when the server closes reports a network error
        instead of the refusal. Only bodies within the request limit are drained; a larger
        declared length (or an unknown one) closes the connection instead.
        """
        left = getattr(self, "_body_left", None)
        if left is None:
            if self.command in ("POST", "PUT") and self.headers.get("Content-Length") != "0":
                self.close_connection = True  # a body we never started reading
            return
        if left > self.phone.limits.request_bytes:
            self.close_connection = True
            return
        try:
            while left > 0:
                chunk = self.rfile.read(min(_CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            self.close_connection = True
        self._body_left = 0

    def _json_body(self) -> dict[str, Any]:
        n = self._length(self.phone.limits.json_bytes)
        raw = b"".join(self._chunks(n))
        try:
            data = strictjson.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.NOT_JSON) from None
        if not isinstance(data, dict):
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.NOT_OBJECT)
        return data

    def _upload(self) -> dict[str, Any]:
        limits = self.phone.limits
        ctype, options = multipart.parse_options_header(self.headers.get("Content-Type", ""))
        boundary = options.get("boundary")
        if ctype != "multipart/form-data" or not boundary:
            raise _Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, T.NOT_MULTIPART)
        length = self._length(limits.request_bytes)
        if not self.phone.uploads.acquire(timeout=limits.upload_wait):
            raise _Refusal(HTTPStatus.SERVICE_UNAVAILABLE, T.BUSY)
        try:
            return self._read_upload(boundary, length)
        finally:
            self.phone.uploads.release()

    def _read_upload(self, boundary: str, length: int) -> dict[str, Any]:
        limits = self.phone.limits
        item_id: str | None = None
        files: list[tuple[str, bytes]] = []
        current: multipart.MultipartSegment | None = None
        buf = bytearray()
        try:
            with multipart.PushMultipartParser(
                boundary,
                content_length=length,
                max_segment_size=limits.photo_bytes,
                max_segment_count=limits.files_per_request + 1,
                strict=True,
            ) as parser:
                for chunk in self._chunks(length):
                    for event in parser.parse(chunk):
                        if isinstance(event, multipart.MultipartSegment):
                            current, buf = event, bytearray()
                            if event.name not in ("item", "photo"):
                                raise _Refusal(
                                    HTTPStatus.BAD_REQUEST, T.UNKNOWN_FIELD, field=repr(event.name)
                                )
                        elif event is None:
                            assert current is not None
                            if current.name == "item":
                                item_id = bytes(buf).decode("utf-8", "replace").strip()
                            else:
                                files.append((clean_file_name(current.filename), bytes(buf)))
                            current = None
                        else:
                            buf += event
        except multipart.ParserLimitReached:
            raise _Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                T.TOO_MANY_PHOTOS,
                count=limits.files_per_request,
                mb=limits.photo_bytes // (1024 * 1024),
            ) from None
        except multipart.MultipartError as e:
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.UPLOAD_INVALID, detail=str(e)) from None
        if not item_id:
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.ITEM_MISSING)
        if not files:
            raise _Refusal(HTTPStatus.BAD_REQUEST, T.NO_PHOTO_FILE)
        return self.phone.add_photos(item_id, files)


_MESSAGE_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Branch Inspector</title></head><body style="font:18px/1.5 sans-serif;margin:24px">
<p>{zh}</p><p>{en}</p></body></html>"""

_TOKEN_RE = re.compile(r"([?&]t=)[^&\s]*")


def _redact(text: str) -> str:
    return _TOKEN_RE.sub(r"\1…", text)


__all__ = [
    "IDLE_SECONDS",
    "Limits",
    "PhoneEvent",
    "PhoneServer",
    "active_server",
    "clean_file_name",
    "page_html",
]
