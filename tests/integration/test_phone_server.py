"""The phone capture server's rules, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image
from sqlalchemy import select

from inspector.db import Database
from inspector.db.models import Photo
from inspector.errors import ReadOnlyError, ValidationError
from inspector.phone.handler import clean_file_name
from inspector.phone.interfaces import Interface, list_interfaces, resolve_bind
from inspector.phone.protocol import Limits
from inspector.phone.qr import qr_png
from inspector.phone.server import PhoneEvent, PhoneServer, active_server
from inspector.services import branches, photo_variants, photos
from inspector.services.inspections import answering, lifecycle, lookup, signoff
from inspector.services.inspections import visits as insp_visits
from inspector.text import Lang, Surface
from tests.conftest import PHOTOS, Cli
from tests.integration.conftest import dump_tables, make_finalized, photo_bytes

JPEG = PHOTOS / "Landscape_6.jpg"


def heic_bytes(label: str = "heic") -> bytes:
    import pillow_heif

    img = Image.new("RGB", (64, 48), (200, 30, 30))
    img.putpixel((1, 1), (len(label) % 255, 0, 0))
    buf = io.BytesIO()
    pillow_heif.from_pillow(img).save(buf, quality=60)
    return buf.getvalue()


def new_inspection(db: Database, *, mode: str = "onsite", checklist: str = "example") -> str:
    with db.session() as s:
        if branches.find_by_code(s, "SH001") is None:
            branches.create(s, code="SH001", name="上海分行浦东支行", region="上海")
        insp = lifecycle.create(
            s, branch_code="SH001", checklist_id=checklist, mode=mode, inspector="张三"
        )
        return insp.uuid


class Client:
    """Plain HTTP/1.1 calls to the server (what any script could do)."""

    def __init__(self, server: PhoneServer) -> None:
        self.host, self.port = server.address, server.port
        self.token = server.token

    def call(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        token: str | None = "default",
    ) -> tuple[int, dict[str, str], bytes]:
        t = self.token if token == "default" else token
        if t is not None:
            path += ("&" if "?" in path else "?") + f"t={t}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, dict(resp.getheaders()), resp.read()
        finally:
            conn.close()

    def json(self, method: str, path: str, data: Any = None, **kw: Any) -> tuple[int, Any]:
        body = None if data is None else json.dumps(data).encode()
        hdrs = {"Content-Type": "application/json"} if body is not None else {}
        status, _h, raw = self.call(method, path, body, hdrs, **kw)
        return status, json.loads(raw) if raw else None

    def upload(
        self, item: str | None, files: list[tuple[str, bytes]], **kw: Any
    ) -> tuple[int, Any]:
        body, ctype = multipart_body(item, files)
        status, _h, raw = self.call("POST", "/api/photos", body, {"Content-Type": ctype}, **kw)
        return status, json.loads(raw)


def multipart_body(item: str | None, files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    if item is not None:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\n'.encode())
        out.write(item.encode() + b"\r\n")
    for name, data in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def events() -> list[PhoneEvent]:
    return []


@pytest.fixture
def serve(db: Database, events: list[PhoneEvent]) -> Iterator[Any]:
    started: list[PhoneServer] = []

    def start(uuid_: str, **kw: Any) -> tuple[PhoneServer, Client]:
        server = PhoneServer(db, uuid_, bind="127.0.0.1", port=0, listener=events.append, **kw)
        server.start()
        started.append(server)
        return server, Client(server)

    yield start
    for s in started:
        s.stop("test ended")


def stored_photos(db: Database, uuid_: str) -> list[Photo]:
    with db.read_session() as s:
        return photos.photos_of(lookup.get(s, uuid_))


# ---------------------------------------------------------------- tokens
def test_requests_without_a_valid_token_are_refused_and_touch_nothing(
    db: Database, serve: Any, events: list[PhoneEvent]
) -> None:
    uid = new_inspection(db)
    server, c = serve(uid)
    before = dump_tables(db)
    for token, status in ((None, 401), ("", 401), ("wrong", 403), (server.token[:-1], 403)):
        assert c.call("GET", "/", token=token)[0] == status
        assert c.call("GET", "/api/state", token=token)[0] == status
        code, body = c.upload("ex.ramp", [("a.jpg", JPEG.read_bytes())], token=token)
        assert code == status and "error" in body
        code, _ = c.json("POST", "/api/visit", {"field": "arrival", "now": True}, token=token)
        assert code == status
    assert dump_tables(db) == before
    assert events == []


def test_page_and_state_show_this_inspection_only_and_no_scores(db: Database, serve: Any) -> None:
    other = make_finalized(db, label="other")
    uid = new_inspection(db)
    with db.session() as s:
        insp = lookup.get(s, uid)
        answering.set_answer(s, insp, "ex.polite", result="fail", actor="张三")
    _server, c = serve(uid)
    status, headers, html = c.call("GET", "/")
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert "script-src 'nonce-" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert b'capture="environment"' in html or b"capture" in html
    status, state = c.json("GET", "/api/state")
    assert status == 200
    ids = [i["id"] for i in state["items"]]
    assert "ex.ramp" in ids and "ex.forbidden" not in ids  # mystery-only item not asked onsite
    polite = next(i for i in state["items"] if i["id"] == "ex.polite")
    assert polite["answer"] == {"zh": "不符合", "en": "Fail"}
    ramp = next(i for i in state["items"] if i["id"] == "ex.ramp")
    assert ramp["photo_needed"] is True and ramp["photos"] == []
    text = json.dumps(state).lower()
    for word in ("score", "points", "grade", "finding", "veto", other[:8]):
        assert word not in text
    # A photo of another inspection is not served, even with a valid token.
    with db.read_session() as s:
        foreign = photos.photos_of(lookup.get(s, other))[0].id
    assert c.call("GET", f"/api/thumb?photo={foreign}")[0] == 404
    assert c.call("GET", "/api/other")[0] == 404
    assert c.call("DELETE", "/api/photos")[0] == 405


# ---------------------------------------------------------------- uploads
def test_upload_jpeg_and_heic_byte_exact_with_live_event(
    db: Database, serve: Any, events: list[PhoneEvent]
) -> None:
    uid = new_inspection(db)
    _server, c = serve(uid)
    jpeg, heic = JPEG.read_bytes(), heic_bytes()
    status, body = c.upload("ex.ramp", [("Landscape_6.jpg", jpeg), ("IMG_0001.HEIC", heic)])
    assert status == 200, body
    assert len(body["stored"]) == 2 and body["refused"] == []
    rows = stored_photos(db, uid)
    assert [p.id for p in rows] == body["stored"]
    assert [(p.item_id, p.format, p.file_name) for p in rows] == [
        ("ex.ramp", "JPEG", "Landscape_6.jpg"),
        ("ex.ramp", "HEIF", "IMG_0001.HEIC"),
    ]
    with db.read_session() as s:
        assert photo_variants.variant_bytes(s, photos.get(s, body["stored"][0]), "original") == jpeg
        assert photo_variants.variant_bytes(s, photos.get(s, body["stored"][1]), "original") == heic
    assert [e.kind for e in events] == ["photos"]
    assert events[0].photo_ids == tuple(body["stored"]) and events[0].item_id == "ex.ramp"
    # The page now shows the thumbnails, served as JPEG; the photo is no longer "needed".
    _s, state = c.json("GET", "/api/state")
    ramp = next(i for i in state["items"] if i["id"] == "ex.ramp")
    assert ramp["photos"] == body["stored"] and ramp["photo_needed"] is False
    status, headers, thumb = c.call("GET", f"/api/thumb?photo={body['stored'][1]}")
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(thumb)).format == "JPEG"


def test_refusals_are_named_per_file_and_good_files_are_kept(db: Database, serve: Any) -> None:
    uid = new_inspection(db)
    _server, c = serve(uid)
    good = photo_bytes("good")
    status, body = c.upload(
        "ex.ramp",
        [("notes.txt", b"hello, not a photo"), ("good.jpg", good), ("again.jpg", good)],
    )
    assert status == 200
    assert len(body["stored"]) == 1
    assert body["refused"][0]["file"] == "notes.txt"
    assert "text file" in body["refused"][0]["reason"]
    assert body["refused"][1]["file"] == "again.jpg"
    assert body["refused"][1]["photo"] == body["stored"][0]
    assert len(stored_photos(db, uid)) == 1


@pytest.mark.parametrize(
    ("item", "files", "status"),
    [
        ("no.such.item", [("a.jpg", b"x")], 400),
        (None, [("a.jpg", b"x")], 400),
        ("ex.ramp", [], 400),
    ],
)
def test_bad_upload_requests_store_nothing(
    db: Database, serve: Any, item: str | None, files: list[tuple[str, bytes]], status: int
) -> None:
    uid = new_inspection(db)
    _server, c = serve(uid)
    before = dump_tables(db)
    code, body = c.upload(item, files)
    assert code == status and body["error"]
    assert dump_tables(db) == before


def test_upload_limits(db: Database, serve: Any) -> None:
    uid = new_inspection(db)
    limits = Limits(
        photo_bytes=200_000, files_per_request=2, request_bytes=600_000, photos_per_session=2
    )
    _server, c = serve(uid, limits=limits)
    before = dump_tables(db)
    big = os.urandom(250_000)
    assert c.upload("ex.ramp", [("big.jpg", big)])[0] == 413
    three = [(f"{n}.jpg", photo_bytes(f"n{n}")) for n in range(3)]
    assert c.upload("ex.ramp", three)[0] == 413
    # A declared length over the request limit is refused before any byte is read.
    conn = http.client.HTTPConnection(c.host, c.port, timeout=30)
    conn.putrequest("POST", f"/api/photos?t={c.token}")
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.putheader("Content-Length", "700000")
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()
    assert c.call("POST", "/api/photos", b"{}", {"Content-Type": "application/json"})[0] == 415
    assert dump_tables(db) == before
    # Per session: the third photo is refused, with the reason.
    status, res = c.upload("ex.ramp", three[:2])
    assert status == 200 and len(res["stored"]) == 2
    status, res = c.upload("ex.ramp", [("4.jpg", photo_bytes("n4"))])
    assert res["stored"] == [] and "already took 2 photos" in res["refused"][0]["reason"]
    assert len(stored_photos(db, uid)) == 2


def test_refuses_finalized_inspections(db: Database, serve: Any) -> None:
    done = make_finalized(db)
    with pytest.raises(ReadOnlyError, match="finalized"):
        PhoneServer(db, done, bind="127.0.0.1")
    uid = new_inspection(db)
    _server, c = serve(uid)
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uid), by="张三", force=True)
    before = dump_tables(db)
    code, body = c.json("GET", "/api/state")
    assert code == 409 and body["finalized"] is True
    status, _h, page = c.call("GET", "/")
    assert status == 409 and "已定稿".encode() in page and b"<script" not in page
    code, body = c.upload("ex.ramp", [("a.jpg", photo_bytes("late"))])
    assert code == 409
    assert dump_tables(db) == before


# ---------------------------------------------------------------- session life
def test_stop_kills_the_token_and_one_session_at_a_time(db: Database, serve: Any) -> None:
    uid = new_inspection(db)
    first, c1 = serve(uid)
    second, c2 = serve(uid)
    assert not first.running and first.stop_reason == "another phone session started"
    assert first.token is None and first.check_token(c1.token) == 403
    assert active_server() is second
    with pytest.raises(OSError):
        c1.call("GET", "/api/state")  # the port is closed
    assert c2.call("GET", "/api/state")[0] == 200
    second.stop("dialog closed")
    assert active_server() is None and second.check_token(c2.token) == 403


def test_idle_session_stops(db: Database, events: list[PhoneEvent]) -> None:
    uid = new_inspection(db)
    now = [1000.0]
    server = PhoneServer(
        db, uid, bind="127.0.0.1", listener=events.append, idle_seconds=1800, clock=lambda: now[0]
    )
    try:
        now[0] += 1799
        assert server.check_idle() is False and server.running
        server.touch()
        now[0] += 1799
        assert server.check_idle() is False
        now[0] += 2
        assert server.check_idle() is True
        assert not server.running and server.token is None
        assert events[-1].kind == "stopped" and "30 minutes" in events[-1].reason
        # The app says why in its own language (issue 15).
        why = events[-1].why
        assert why is not None and why.render(Lang.ZH, Surface.GUI) == "30 分钟内没有请求"
    finally:
        server.stop()


# ---------------------------------------------------------------- mystery visit
def test_visit_facts_and_notes(db: Database, serve: Any, events: list[PhoneEvent]) -> None:
    uid = new_inspection(db, mode="mystery", checklist="mystery-shopper")
    _server, c = serve(uid)
    _s, state = c.json("GET", "/api/state")
    assert state["mystery"]["visit"]["arrival"] is None
    assert {s["id"] for s in state["mystery"]["scenarios"]} >= {"cash_purpose"}
    code, res = c.json("POST", "/api/visit", {"field": "arrival", "now": True})
    assert code == 200 and res["visit"]["arrival"]
    assert c.json("POST", "/api/visit", {"field": "ticket", "value": "A023"})[0] == 200
    assert c.json("POST", "/api/visit", {"field": "customers_waiting", "value": "4"})[0] == 200
    assert c.json("POST", "/api/visit", {"field": "scenario", "value": "cash_purpose"})[0] == 200
    assert c.json("POST", "/api/visit", {"field": "customers_waiting", "value": -1})[0] == 400
    assert c.json("POST", "/api/visit", {"field": "ticket", "now": True})[0] == 400
    assert c.json("POST", "/api/visit", {"field": "score", "value": "1"})[0] == 400
    assert c.json("POST", "/api/notes", {"text": "柜员态度好", "base": ""})[0] == 200
    with db.session() as s:
        insp_visits.set_narrative(s, lookup.get(s, uid), "laptop text", actor="张三")
    code, body = c.json("POST", "/api/notes", {"text": "phone text", "base": "柜员态度好"})
    assert code == 409 and body["notes"] == "laptop text"
    with db.read_session() as s:
        insp = lookup.get(s, uid)
        visit, narrative = dict(insp.visit), insp.narrative
    assert visit["ticket"] == "A023" and visit["customers_waiting"] == 4
    assert visit["scenario"] == "cash_purpose" and visit["arrival"] == res["visit"]["arrival"]
    assert narrative == "laptop text"
    assert {e.kind for e in events} == {"visit", "notes"}


def test_visit_facts_refused_in_onsite_mode(db: Database, serve: Any) -> None:
    _server, c = serve(new_inspection(db))
    assert c.json("POST", "/api/visit", {"field": "arrival", "now": True})[0] == 409
    assert c.call("POST", "/api/visit", b"not json", {"Content-Type": "text/plain"})[0] == 400


# ---------------------------------------------------------------- helpers and CLI
def test_resolve_bind_and_helpers() -> None:
    lan = [Interface("wlan0", "192.168.1.23"), Interface("lo", "127.0.0.1")]
    assert resolve_bind(None, lan) == "192.168.1.23"
    assert resolve_bind("wlan0", lan) == "192.168.1.23"
    assert resolve_bind("127.0.0.1", lan) == "127.0.0.1"
    for bad in ("0.0.0.0", "10.9.9.9", "eth9", "::1"):
        with pytest.raises(ValidationError):
            resolve_bind(bad, lan)
    with pytest.raises(ValidationError, match="no network interface"):
        resolve_bind(None, [Interface("lo", "127.0.0.1")])
    assert clean_file_name("../../etc/pass\x00wd") == "passwd"
    assert clean_file_name("C:\\DCIM\\IMG_1.HEIC") == "IMG_1.HEIC"
    assert clean_file_name("") == "photo"
    assert qr_png("http://192.168.1.23:8080/?t=abc").startswith(b"\x89PNG")


def test_interfaces_are_read_from_the_interface_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wi-Fi first, then virtual bridges, loopback last; down interfaces and IPv6 left out."""
    from types import SimpleNamespace

    from inspector.phone import interfaces

    def addr(family: int, address: str) -> SimpleNamespace:
        return SimpleNamespace(family=family, address=address)

    table = {
        "docker0": [addr(socket.AF_INET, "172.17.0.1")],
        "vEthernet (WSL)": [addr(socket.AF_INET, "172.20.0.1")],
        "lo": [addr(socket.AF_INET, "127.0.0.1")],
        "wlan0": [addr(socket.AF_INET6, "fe80::1"), addr(socket.AF_INET, "192.168.1.23")],
        "eth1": [addr(socket.AF_INET, "10.0.0.5")],
    }
    up = {name: SimpleNamespace(isup=name != "eth1") for name in table}
    fake = SimpleNamespace(net_if_addrs=lambda: table, net_if_stats=lambda: up)
    monkeypatch.setattr(interfaces, "psutil", fake)
    assert [i.name for i in list_interfaces()] == ["wlan0", "docker0", "vEthernet (WSL)", "lo"]
    assert resolve_bind(None) == "192.168.1.23"


def test_cli_refuses_finalized(db: Database, db_path: Path) -> None:
    done = make_finalized(db)
    r = Cli(db_path)("phone", done, "--bind", "127.0.0.1")
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and "finalized" in r.stderr
    r = Cli(db_path)("phone", new_inspection(db), "--bind", "0.0.0.0")
    assert r.exit_code == 1 and "every network" in r.stderr


def test_cli_serves_until_sigterm(db: Database, db_path: Path) -> None:
    uid = new_inspection(db)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "inspector", "--db", str(db_path), "phone", uid[:8]),
            *("--bind", "127.0.0.1", "--port", "0", "--no-qr"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.hostname == "127.0.0.1"
        token = dict(p.split("=", 1) for p in parts.query.split("&"))["t"]
        body, ctype = multipart_body("ex.ramp", [("Landscape_6.jpg", JPEG.read_bytes())])
        conn = http.client.HTTPConnection("127.0.0.1", parts.port, timeout=30)
        conn.request("POST", f"/api/photos?t={token}", body, {"Content-Type": ctype})
        res = json.loads(conn.getresponse().read())
        conn.close()
        assert len(res["stored"]) == 1
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert out == ""  # the URL was the last line
    assert "session ended" in err
    with db.read_session() as s:
        rows = list(s.scalars(select(Photo)))
    assert [r.file_name for r in rows] == ["Landscape_6.jpg"]


def test_one_session_per_computer_across_processes(db: Database, db_path: Path, serve: Any) -> None:
    uid = new_inspection(db)
    server, c = serve(uid)
    r = subprocess.run(
        [
            *(sys.executable, "-m", "inspector", "--db", str(db_path), "phone", uid),
            *("--bind", "127.0.0.1", "--no-qr"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("error: another phone session is running")
    assert str(os.getpid()) in r.stderr
    assert c.call("GET", "/api/state")[0] == 200  # the running session is untouched
    server.stop()
    # Released on stop: a new session (here, in this process) may start.
    _again, c2 = serve(uid)
    assert c2.call("GET", "/api/state")[0] == 200


def test_listener_runs_in_a_server_thread(db: Database) -> None:
    """The GUI must queue the news to its own thread: prove it comes from another one."""
    uid = new_inspection(db)
    seen: list[str] = []
    server = PhoneServer(
        db, uid, bind="127.0.0.1", listener=lambda e: seen.append(threading.current_thread().name)
    )
    server.start()
    try:
        Client(server).upload("ex.ramp", [("a.jpg", photo_bytes("thread"))])
    finally:
        server.stop()
    assert seen[0] != threading.main_thread().name


def test_uploads_wait_for_their_turn_then_503(db: Database, serve: Any) -> None:
    uid = new_inspection(db)
    server, c = serve(uid, limits=Limits(uploads=1, upload_wait=0.05))
    assert server.uploads.acquire()  # another upload is being read
    try:
        code, body = c.upload("ex.ramp", [("a.jpg", photo_bytes("busy"))])
        assert code == 503 and "busy" in body["error"]
    finally:
        server.uploads.release()
    code, body = c.upload("ex.ramp", [("a.jpg", photo_bytes("busy"))])
    assert code == 200 and len(body["stored"]) == 1


# ---------------------------------------------------------------- refusals in the page's words
def test_refusals_carry_the_pages_words_in_both_languages(db: Database, serve: Any) -> None:
    """Issue 15: the English ``error``/``reason`` stay; ``error_text``/``reason_text`` say the
    same in the app's words in Chinese and English, never a command to run."""
    uid = new_inspection(db)
    limits = Limits(photos_per_session=1)
    _server, c = serve(uid, limits=limits)
    status, res = c.upload("ex.ramp", [("1.jpg", photo_bytes("q1")), ("2.jpg", photo_bytes("q2"))])
    assert status == 200 and len(res["stored"]) == 1
    refused = res["refused"][0]
    assert refused["reason"] == "this session already took 1 photos; start a new one on the laptop"
    assert (
        refused["reason_text"]["zh"]
        == "本次会话已收到 1 张照片；请在电脑上点击“新二维码”开始新的会话"
    )
    assert "New code" in refused["reason_text"]["en"]
    code, body = c.json("POST", "/api/visit", {"field": "ticket", "value": "A1"})
    assert code == 409 and body["error"] == "visit facts belong to mystery-shopping visits"
    assert body["error_text"] == {
        "zh": "到访信息只用于暗访检查",
        "en": "visit facts belong to mystery-shopping visits",
    }
    # A finalized inspection: the CLI's remedy names a command, the page's never does.
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uid), by="张三", force=True)
    code, body = c.json("GET", "/api/state")
    assert code == 409 and body["finalized"] is True
    assert "'inspector amend ID --reason TEXT'" in body["error"]
    for text in body["error_text"].values():
        assert "inspector amend" not in text and "--reason" not in text
    assert "修订（生成新版本）" in body["error_text"]["zh"]
    status, _h, page = c.call("GET", "/")
    assert (
        status == 409 and "修订（生成新版本）".encode() in page and b"inspector amend" not in page
    )
    code, body = c.json("GET", "/api/state", token="wrong")
    assert code == 403 and body["error_text"]["zh"].startswith("令牌无效")
