"""A corpus of hostile packages, one per refusal reason: each is refused with its reason and
the database is left exactly as it was (every table compared)."""

from __future__ import annotations

import io
import json
import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inspector.db import Database, open_database
from inspector.services import exchange, keys
from inspector.services import inspections as svc
from inspector.services.exchange.package_format import canonical_bytes, content_sha256
from tests.integration.conftest import dump_tables, make_finalized

Members = list[tuple[zipfile.ZipInfo, bytes]]


def _members(data: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def _zip(members: Members) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one case
        with zipfile.ZipFile(out, "w") as zf:
            for info, b in members:
                zf.writestr(info, b)
    return out.getvalue()


def _info(name: str, method: int = zipfile.ZIP_STORED) -> zipfile.ZipInfo:
    i = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    i.compress_type = method
    return i


def _resign(data: bytes, change: Callable[[dict[str, Any]], None], *, rehash: bool = True) -> bytes:
    """Change the manifest and sign it again with this device's key (a valid signature)."""
    members = _members(data)
    out: Members = []
    manifest = json.loads(dict((i.filename, b) for i, b in members)["manifest.json"])
    change(manifest)
    if rehash:
        manifest["content_sha256"] = content_sha256(manifest)
    raw = canonical_bytes(manifest)
    for info, b in members:
        if info.filename == "manifest.json":
            b = raw
        elif info.filename == "manifest.sig":
            b = keys.device_keys().sign(raw)
        out.append((info, b))
    return _zip(out)


def _add_member(data: bytes, name: str, content: bytes, *, listed: bool, method: int = 0) -> bytes:
    def change(m: dict[str, Any]) -> None:
        if listed:
            import hashlib

            m["members"].append(
                {"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
            )

    base = _resign(data, change) if listed else data
    return _zip([*_members(base), (_info(name, method or zipfile.ZIP_STORED), content)])


def _blob_name(data: bytes) -> str:
    return next(i.filename for i, _ in _members(data) if i.filename.startswith("blobs/"))


def _cases(good: bytes) -> dict[str, tuple[bytes, str, exchange.Limits | None]]:
    blob = _blob_name(good)
    members = _members(good)

    def replace(name: str, content: bytes) -> bytes:
        return _zip([(i, content if i.filename == name else b) for i, b in members])

    def symlink() -> bytes:
        info = _info("blobs/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        return _zip([*members, (info, b"/etc/passwd")])

    other = keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )
    manifest = dict((i.filename, b) for i, b in members)["manifest.json"]
    bomb = b"\0" * (8 * 1024 * 1024)

    def bad_item(m: dict[str, Any]) -> None:
        m["answers"][0]["item_id"] = "no.such.item"

    def wrong_size(m: dict[str, Any]) -> None:
        m["members"][0]["size"] += 1

    def future(m: dict[str, Any]) -> None:
        m["format_version"] = 2

    def draft(m: dict[str, Any]) -> None:
        m["inspection"]["status"] = "draft"

    def dup_listing(m: dict[str, Any]) -> None:
        m["members"].append(m["members"][0])

    return {
        "unknown format version": (_resign(good, future), "unknown package format version", None),
        "bad signature": (
            replace("manifest.json", manifest.replace(b"\xe5\xbc\xa0", b"\xe6\x9d\x8e")),
            "signature does not verify",
            None,
        ),
        "signed by another key": (
            replace("manifest.sig", other.sign(manifest)),
            "signature does not verify",
            None,
        ),
        "hash mismatch": (
            replace(blob, bytes(len(next(b for i, b in members if i.filename == blob)))),
            "differs from the manifest",
            None,
        ),
        "missing member": (
            _zip([(i, b) for i, b in members if i.filename != blob]),
            "listed but missing",
            None,
        ),
        "extra member": (_add_member(good, "extra.txt", b"hi", listed=False), "not listed", None),
        "dot-dot name": (
            _add_member(good, "blobs/../../evil", b"x", listed=True),
            "'..'",
            None,
        ),
        "absolute name": (_add_member(good, "/etc/evil", b"x", listed=True), "absolute", None),
        "duplicate name": (_zip([*members, (_info(blob), b"other")]), "appears twice", None),
        "symlink": (symlink(), "symbolic link", None),
        "too many members": (good, "too many members", exchange.Limits(max_entries=3)),
        "member too large": (good, "larger than", exchange.Limits(max_entry_bytes=100)),
        "package too large": (good, "larger than", exchange.Limits(max_file_bytes=1000)),
        "compression ratio": (
            _add_member(good, "blobs/bomb", bomb, listed=True, method=zipfile.ZIP_DEFLATED),
            "expands more than",
            None,
        ),
        "truncated": (good[: len(good) // 2], "truncated", None),
        "not a zip": (b"%PDF-1.4 not a package", "not a ZIP", None),
        "empty file": (b"", "not a ZIP", None),
        "size differs from manifest": (_resign(good, wrong_size), "size", None),
        "member listed twice": (_resign(good, dup_listing), "twice", None),
        "content hash forged": (
            _resign(good, lambda m: m.update(narrative="x"), rehash=False),
            "manifest.json",
            None,
        ),
        "unknown item": (_resign(good, bad_item), "not in checklist", None),
        "draft inspection": (_resign(good, draft), "inspection.status", None),
        "encrypted to another key": (
            keys.encrypt_to(other.public.exchange or b"", good),
            "cannot decrypt",
            None,
        ),
        "missing signature": (
            _zip([(i, b) for i, b in members if i.filename != "manifest.sig"]),
            "manifest.sig missing",
            None,
        ),
    }


@pytest.fixture
def good_package(tmp_path: Path) -> bytes:
    src = open_database(tmp_path / "device.sqlite3")
    uuid_ = make_finalized(src, n_photos=2)
    with src.session() as s:
        data = exchange.export_inspection(s, svc.get(s, uuid_))
    src.dispose()
    return data


def test_hostile_packages_are_refused_and_change_nothing(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    # HQ already holds one inspection, so "unchanged" is checked against real content.
    other = open_database(tmp_path / "other.sqlite3")
    uuid_ = make_finalized(other, label="other", branch_code="BJ001")
    with other.session() as s:
        first = exchange.export_inspection(s, svc.get(s, uuid_))
    (tmp_path / "first.inspection").write_bytes(first)
    assert exchange.import_paths(db, [tmp_path / "first.inspection"]).imported
    before = dump_tables(db)
    cases = _cases(good_package)
    assert len(cases) >= 20
    for name, (data, reason, limits) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.inspection"
        path.write_bytes(data)
        r = exchange.import_paths(db, [path], limits=limits or exchange.DEFAULT_LIMITS)
        assert r.total == 1 and len(r.rejected) == 1, (name, r.to_dict())
        got = r.rejected[0]["reason"]
        assert got.startswith(path.name + ": "), (name, got)
        assert reason in got, (name, got)
        assert dump_tables(db) == before, name
    # The untouched package is still accepted: the corpus is not refused for another reason.
    (tmp_path / "good.inspection").write_bytes(good_package)
    assert exchange.import_paths(db, [tmp_path / "good.inspection"]).imported


def test_missing_file_and_cli_exit_status(db: Database, tmp_path: Path) -> None:
    from tests.conftest import Cli

    (tmp_path / "junk.inspection").write_bytes(b"junk")
    r = Cli(Path(str(db.url.database)))(
        "import", "--json", str(tmp_path / "nope.inspection"), str(tmp_path)
    )
    assert r.exit_code == 1
    receipt = json.loads(r.stdout)
    assert receipt["counts"] == {
        "read": 2,
        "imported": 0,
        "updated": 0,
        "duplicates": 0,
        "conflicts": 0,
        "rejected": 2,
    }
    assert "no such file" in receipt["rejected"][0]["reason"]
