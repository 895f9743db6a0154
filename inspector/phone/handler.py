"""The phone page over HTTP: routing, the token check, bounded bodies and uploads, the
static page, and answers with strict headers; the data comes from :class:`.protocol.PhonePage`."""

from __future__ import annotations

import html
import json
import logging
import re
import secrets
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

import multipart

from inspector import strictjson
from inspector.errors import UserError
from inspector.phone.protocol import PhonePage, Refusal, page_text
from inspector.text import Text as Words
from inspector.text import labels as TL
from inspector.text import phone as T

log = logging.getLogger(__name__)

_CHUNK = 64 * 1024


_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def clean_file_name(raw: str | None) -> str:
    """A phone's file name, made safe to store and show (no path, no control characters)."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("", name).strip()
    return name[:200] or "photo"


class HttpServer(ThreadingHTTPServer):
    """A threading server that turns connections away above a bound instead of queueing."""

    daemon_threads = True
    block_on_close = False
    # SO_REUSEADDR lets a restart take its fixed port back at once on POSIX; on Windows it
    # would let another program bind the same port, so it stays off there.
    allow_reuse_address = sys.platform != "win32"

    def __init__(self, address: tuple[str, int], phone: PhonePage) -> None:
        self.phone = phone
        self._slots = threading.BoundedSemaphore(phone.limits.connections)
        super().__init__(address, Handler)

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
        folder = resources.files("inspector.phone") / "static"
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


class Handler(BaseHTTPRequestHandler):
    server: HttpServer
    server_version = "BranchInspectorPhone"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 60  # a stalled client frees its thread (slow uploads send data all the time)

    @property
    def phone(self) -> PhonePage:
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
        except Refusal as e:
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
                raise Refusal(HTTPStatus.METHOD_NOT_ALLOWED, T.METHOD_NOT_ALLOWED, method=method)
            raise Refusal(HTTPStatus.NOT_FOUND, T.NO_PAGE)
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
        except Refusal as e:
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
            raise Refusal(HTTPStatus.NOT_FOUND, T.NO_PHOTO)
        body = self.phone.thumbnail(photo_id)
        self._headers(HTTPStatus.OK, "image/jpeg", len(body), "default-src 'none'")
        self.wfile.write(body)

    # ---------------------------------------------------------------- request bodies
    def _length(self, limit: int) -> int:
        if self.headers.get("Transfer-Encoding"):
            raise Refusal(HTTPStatus.LENGTH_REQUIRED, T.LENGTH_REQUIRED)
        raw = self.headers.get("Content-Length")
        if raw is None or not raw.strip().isdigit():
            raise Refusal(HTTPStatus.LENGTH_REQUIRED, T.LENGTH_REQUIRED)
        n = int(raw)
        self._body_left = n
        if n > limit:
            self._body_left = self.phone.limits.request_bytes + 1  # never drained
            raise Refusal(
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
                raise Refusal(HTTPStatus.BAD_REQUEST, T.CUT_OFF)
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
            raise Refusal(HTTPStatus.BAD_REQUEST, T.NOT_JSON) from None
        if not isinstance(data, dict):
            raise Refusal(HTTPStatus.BAD_REQUEST, T.NOT_OBJECT)
        return data

    def _upload(self) -> dict[str, Any]:
        limits = self.phone.limits
        ctype, options = multipart.parse_options_header(self.headers.get("Content-Type", ""))
        boundary = options.get("boundary")
        if ctype != "multipart/form-data" or not boundary:
            raise Refusal(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, T.NOT_MULTIPART)
        length = self._length(limits.request_bytes)
        if not self.phone.uploads.acquire(timeout=limits.upload_wait):
            raise Refusal(HTTPStatus.SERVICE_UNAVAILABLE, T.BUSY)
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
                                raise Refusal(
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
            raise Refusal(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                T.TOO_MANY_PHOTOS,
                count=limits.files_per_request,
                mb=limits.photo_bytes // (1024 * 1024),
            ) from None
        except multipart.MultipartError as e:
            raise Refusal(HTTPStatus.BAD_REQUEST, T.UPLOAD_INVALID, detail=str(e)) from None
        if not item_id:
            raise Refusal(HTTPStatus.BAD_REQUEST, T.ITEM_MISSING)
        if not files:
            raise Refusal(HTTPStatus.BAD_REQUEST, T.NO_PHOTO_FILE)
        return self.phone.add_photos(item_id, files)


_MESSAGE_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Branch Inspector</title></head><body style="font:18px/1.5 sans-serif;margin:24px">
<p>{zh}</p><p>{en}</p></body></html>"""

_TOKEN_RE = re.compile(r"([?&]t=)[^&\s]*")


def _redact(text: str) -> str:
    return _TOKEN_RE.sub(r"\1…", text)
