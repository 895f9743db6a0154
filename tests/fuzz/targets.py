"""Fuzz targets: hostile bytes into every parser that takes files from outside.

Each target takes bytes and feeds them to one entry point; the only exceptions it may
raise are the typed refusals the app shows to a user (``UserError`` and subclasses).
Anything else is a crash: the CLI would print "internal error" for it.

Used by the short hypothesis run in ``tests/fuzz/test_fuzz.py`` (part of the test
command) and by the long run ``python bench/run.py fuzz --minutes N``, which share the
seeds and the mutator below.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import random
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from inspector.errors import UserError

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]

INTERESTING = [
    b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00",
    b"-1", b"1e999", b"NaN", b"Infinity", b"9" * 40, b"&a", b"*a", b"<<: ", b"[", b"{",
    b'"', b"\\", b"\n", b"\r\n", b"\t", b"\xef\xbb\xbf", b"\xc3\x28", b"%", b"!!python/",
]  # fmt: skip


def mutate(data: bytes, rng: random.Random, *, max_ops: int = 4) -> bytes:
    """A few random byte-level edits: flips, inserts, deletes, splices, interesting values."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, max_ops)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip bits
            i = min(pos, len(buf) - 1)
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # random byte
            buf[pos:pos] = bytes([rng.randrange(256)])
        elif op == 2 and buf:  # delete a range
            buf[pos : pos + rng.randint(1, 64)] = b""
        elif op == 3:  # interesting token
            buf[pos:pos] = rng.choice(INTERESTING)
        elif op == 4 and buf:  # duplicate a chunk
            start = rng.randrange(len(buf))
            chunk = buf[start : start + rng.randint(1, 256)]
            buf[pos:pos] = chunk * rng.randint(1, 4)
        elif op == 5 and buf:  # overwrite with an interesting token
            tok = rng.choice(INTERESTING)
            buf[pos : pos + len(tok)] = tok
        elif op == 6:  # truncate
            del buf[pos:]
    return bytes(buf)


# ---------------------------------------------------------------- JSON values
def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A hostile JSON-ish value: huge and non-finite numbers, long strings, nesting."""
    kind = rng.randrange(12 if depth < 6 else 9)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2**31, 2**63, -(2**63) - 1, 2**70, 10**30])
    if kind == 3:
        return rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, -0.0, 1e-320])
    if kind == 4:
        return rng.choice(["", "x" * 10_000, "=1+1", "\x00\x1b[2J", "../../etc/passwd", "上海"])
    if kind == 5:
        return rng.uniform(-1e6, 1e6)
    if kind == 6:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randint(0, 20)))
    if kind == 7:
        return rng.randint(-(10**6), 10**6)
    if kind == 8:
        return "2024-13-45T99:99:99"
    if kind in (9, 10):
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {
        rng.choice(["kind", "x", "y", "text", "value", "a", ""]): random_json(rng, depth + 1)
        for _ in range(rng.randint(0, 3))
    }


def replace_random_value(obj: Any, rng: random.Random) -> Any:
    """``obj`` (JSON) with one value, at a random path, replaced by :func:`random_json`."""
    if isinstance(obj, dict) and obj and rng.random() < 0.85:
        key = rng.choice(sorted(obj, key=str))
        return {**obj, key: replace_random_value(obj[key], rng)}
    if isinstance(obj, list) and obj and rng.random() < 0.85:
        i = rng.randrange(len(obj))
        return [*obj[:i], replace_random_value(obj[i], rng), *obj[i + 1 :]]
    return random_json(rng)


# ---------------------------------------------------------------- targets
@dataclass
class Target:
    """One entry point: ``run(data)`` raises only ``UserError`` for bad input."""

    name: str
    seeds: list[bytes]
    run: Callable[[bytes], Any]
    mutate: Callable[[bytes, random.Random], bytes] = mutate
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="fuzz-")))


def _image_seeds() -> list[bytes]:
    out = []
    for fmt, mode in (("JPEG", "RGB"), ("PNG", "RGBA"), ("PNG", "P"), ("WEBP", "RGB")):
        buf = io.BytesIO()
        im = Image.new(mode, (24, 16), 128 if mode == "P" else (200, 30, 30)[: len(mode)])
        exif = Image.Exif()
        exif[0x0112] = 6  # orientation
        im.save(buf, fmt, exif=exif.tobytes()) if fmt != "PNG" else im.save(buf, fmt)
        out.append(buf.getvalue())
    return out


def photo_target() -> Target:
    from inspector.services import photos

    def run(data: bytes) -> None:
        with contextlib.suppress(UserError):
            photos.prepare(data, "fuzz.jpg")

    return Target("photo", _image_seeds(), run)


def checklist_target() -> Target:
    from inspector.checklists import ChecklistError, load

    seeds = [
        next(
            p.read_bytes()
            for p in (
                ROOT / "tests/fixtures/checklists/example.yaml",
                ROOT / "checklists/example.yaml",
            )
            if p.is_file()
        ),
        (ROOT / "checklists" / "mystery-shopper.yaml").read_bytes(),
        b"a: &x [1, 2]\nb: *x\nc: {<<: *x}\n",
    ]
    t = Target("checklist", seeds, lambda _b: None)

    def run(data: bytes) -> None:
        path = t.workdir / "fuzz.yaml"
        path.write_bytes(data)
        with contextlib.suppress(ChecklistError):
            load(path)

    t.run = run
    return t


@dataclass
class _PackageWorld:
    db: Any
    package: bytes
    manifest: bytes


_world: _PackageWorld | None = None


def _package_world() -> _PackageWorld:
    """A database with one finalized inspection, and that inspection's package."""
    global _world
    if _world is None:
        from inspector.db import open_database
        from inspector.services import exchange
        from inspector.services import inspections as svc
        from tests.integration.conftest import make_finalized

        folder = Path(tempfile.mkdtemp(prefix="fuzz-pkg-"))
        db = open_database(str(folder / "source.sqlite3"))
        uuid = make_finalized(db, n_photos=1)
        with db.session() as s:
            package = exchange.export_inspection(s, svc.get(s, uuid))
        db.dispose()
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            manifest = zf.read("manifest.json")
        hq = open_database(str(folder / "hq.sqlite3"))
        _world = _PackageWorld(hq, package, manifest)
    return _world


def _import(world: _PackageWorld, data: bytes, path: Path) -> None:
    from inspector.services import exchange

    path.write_bytes(data)
    receipt = exchange.import_paths(world.db, [path])
    assert receipt.total == 1, receipt.to_dict()  # classified, whatever the outcome


def package_target() -> Target:
    """Package bytes -> import: a damaged package is rejected, never a crash."""
    world = _package_world()
    t = Target("package", [world.package], lambda _b: None)
    t.run = lambda data: _import(world, data, t.workdir / "fuzz.inspection")
    return t


def manifest_target() -> Target:
    """manifest.json bytes -> the package schema (PackageError or a Manifest)."""
    from inspector.services.exchange.package_format import PackageError, _parse_manifest

    world = _package_world()

    def run(data: bytes) -> None:
        with contextlib.suppress(PackageError):
            _parse_manifest(data)

    def mutate_json(data: bytes, rng: random.Random) -> bytes:
        if rng.random() < 0.5:
            return mutate(data, rng)
        obj = json.loads(data)
        for _ in range(rng.randint(1, 3)):
            obj = replace_random_value(obj, rng)
        return json.dumps(obj, ensure_ascii=False, allow_nan=True).encode()

    return Target("manifest", [world.manifest], run, mutate_json)


def signed_manifest_target() -> Target:
    """A manifest changed and signed again (a validly signed hostile package) -> import.

    Goes past the signature check into the importer; the long run only (the exchange
    rules it exercises are tightened in their own branch).
    """
    from inspector.services import keys
    from inspector.services.exchange.package_format import canonical_bytes, content_sha256

    world = _package_world()
    t = Target("signed", [world.manifest], lambda _b: None)

    def run(data: bytes) -> None:
        try:
            manifest = json.loads(data)
        except ValueError:
            return
        if not isinstance(manifest, dict):
            return
        try:
            manifest["content_sha256"] = content_sha256(manifest)
            raw = canonical_bytes(manifest)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return  # the harness cannot hash it (no such package can be made): skip
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(world.package)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                b = src.read(info)
                if info.filename == "manifest.json":
                    b = raw
                elif info.filename == "manifest.sig":
                    b = keys.device_keys().sign(raw)
                dst.writestr(info, b)
        _import(world, out.getvalue(), t.workdir / "signed.inspection")

    def mutate_json(data: bytes, rng: random.Random) -> bytes:
        obj = json.loads(data)
        for _ in range(rng.randint(1, 2)):
            obj = replace_random_value(obj, rng)
        return json.dumps(obj, ensure_ascii=False, allow_nan=True).encode()

    t.run = run
    t.mutate = mutate_json
    return t


@dataclass
class _HqWorld:
    laptop: Any
    key: Any
    pack: bytes
    manifest: bytes


_hq_world: _HqWorld | None = None


def _hq_pack_world() -> _HqWorld:
    """An HQ pack with a checklist, branches, a plan and settings, and a laptop database."""
    global _hq_world
    if _hq_world is None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

        from inspector.db import open_database
        from inspector.services import keys
        from inspector.services.publish.build import publish

        folder = Path(tempfile.mkdtemp(prefix="fuzz-hqpack-"))
        key = keys.DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
        text = (ROOT / "tests/fixtures/checklists/example.yaml").read_text(encoding="utf-8")
        checklist = folder / "example.yaml"
        checklist.write_text(text.replace('version: "1.0.0"', 'version: "1.1.0"'), "utf-8")
        (folder / "b.csv").write_text("code,name,region\nSH001,浦东支行,上海\n", "utf-8")
        (folder / "plan.csv").write_text(
            "branch,checklist,mode,due,assignee\nSH001,example,onsite,2026-12-31,张三\n", "utf-8"
        )
        hq = open_database(str(folder / "hq.sqlite3"))
        out = folder / "p.hqpack"
        publish(
            hq,
            out,
            checklist_files=[checklist],
            branches_csv=folder / "b.csv",
            plan_file=folder / "plan.csv",
            include_settings=True,
            device=key,
        )
        hq.dispose()
        pack = out.read_bytes()
        with zipfile.ZipFile(io.BytesIO(pack)) as zf:
            manifest = zf.read("manifest.json")
        laptop = open_database(str(folder / "laptop.sqlite3"))
        _hq_world = _HqWorld(laptop, key, pack, manifest)
    return _hq_world


def hqpack_target() -> Target:
    """HQ pack bytes -> install on a laptop: refused with a reason, never a crash."""
    from inspector.services.publish.install import install

    world = _hq_pack_world()

    def run(data: bytes) -> None:
        with contextlib.suppress(UserError):
            install(world.laptop, data, confirm_first=lambda _fp: True)

    return Target("hqpack", [world.pack], run)


def signed_hqpack_target() -> Target:
    """A pack manifest changed and signed again by HQ's key -> the pack reader.

    A validly signed hostile pack: past the signature, into every value rule.
    """
    from inspector.services.exchange.package_format import canonical_bytes
    from inspector.services.publish.pack import read_pack

    world = _hq_pack_world()
    t = Target("signed-hqpack", [world.manifest], lambda _b: None)

    def run(data: bytes) -> None:
        try:
            manifest = json.loads(data)
            raw = canonical_bytes(manifest)
        except (ValueError, TypeError, RecursionError):
            return  # not JSON the harness can sign: no such pack can be made
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(world.pack)) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                b = src.read(info)
                if info.filename == "manifest.json":
                    b = raw
                elif info.filename == "manifest.sig":
                    b = world.key.sign(raw)
                dst.writestr(info, b)
        with contextlib.suppress(UserError):
            read_pack(out.getvalue())

    def mutate_json(data: bytes, rng: random.Random) -> bytes:
        obj = json.loads(data)
        for _ in range(rng.randint(1, 2)):
            obj = replace_random_value(obj, rng)
        return json.dumps(obj, ensure_ascii=False, allow_nan=True).encode()

    t.run = run
    t.mutate = mutate_json
    return t


def signed_response_target() -> Target:
    """A rectification response's manifest changed and signed again -> the response reader.

    A validly signed hostile response: past the signature, into every schema rule.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from inspector.services import keys
    from inspector.services.exchange.package_format import canonical_bytes, write_container
    from inspector.services.rectification.formats import read_response

    key = keys.DeviceKeys(
        signing=Ed25519PrivateKey.generate(), exchange=X25519PrivateKey.generate()
    )
    uuid = "00000000-0000-4000-8000-000000000001"
    seed: dict[str, Any] = {
        "format": "branch-inspector-response",
        "format_version": 1,
        "app_version": "0.1.0",
        "exported_at": "2026-11-20T02:00:00+00:00",
        "device_fingerprint": key.fingerprint,
        "response": {
            "notice": uuid,
            "notice_revision": 1,
            "revision": 1,
            "branch": "SH001",
            "hq_fingerprint": "3f2a:9c41",
        },
        "answers": [
            {
                "inspection": uuid,
                "item": "ex.polite",
                "notice_revision": 1,
                "answered": True,
                "note": "已整改",
                "cause": "培训不足",
                "prevention": "每月抽查",
                "done_on": "2026-11-18",
                "by": "赵行长",
                "not_yet": "",
                "photos": [],
            }
        ],
    }
    write_container(dict(seed), {}, key, lambda _d: None)  # the seed itself is valid
    seed["members"] = []
    t = Target("signed-response", [canonical_bytes(seed)], lambda _b: None)

    def run(data: bytes) -> None:
        try:
            manifest = json.loads(data)
            if not isinstance(manifest, dict):
                return
            manifest.pop("members", None)
            signed = write_container(manifest, {}, key, lambda _d: None)
        except (ValueError, TypeError, RecursionError):
            return  # not JSON the harness can sign: no such response can be made
        with contextlib.suppress(UserError):
            read_response(signed)

    def mutate_json(data: bytes, rng: random.Random) -> bytes:
        obj = json.loads(data)
        for _ in range(rng.randint(1, 2)):
            obj = replace_random_value(obj, rng)
        return json.dumps(obj, ensure_ascii=False, allow_nan=True).encode()

    t.run = run
    t.mutate = mutate_json
    return t


FACTORIES: dict[str, Callable[[], Target]] = {
    "photo": photo_target,
    "checklist": checklist_target,
    "package": package_target,
    "manifest": manifest_target,
    "signed": signed_manifest_target,
    "hqpack": hqpack_target,
    "signed-hqpack": signed_hqpack_target,
    "signed-response": signed_response_target,
}
