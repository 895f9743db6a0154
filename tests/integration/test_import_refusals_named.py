"""Issue 20 §5 and §7: what an import says when it refuses, and what it retries.

* the receipt names the signer of every package whose signature verified, even when its
  content is refused;
* only lock contention is retried as a race; a full or read-only disk is reported at once,
  for the package and the ones not tried, with nothing written;
* the audit trail a package carries must be of the revision it says it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from inspector.db import Database, open_database
from inspector.services import keys
from inspector.services.exchange import export, importer
from inspector.services.exchange.package_format import Limits
from inspector.services.inspections import lookup
from tests.integration.conftest import dump_tables, make_finalized
from tests.integration.test_hostile_packages import (
    _add_member,
    _members,
    _other_device,
    _resign,
    _set,
    _zip,
)


@pytest.fixture
def good_package(tmp_path: Path) -> bytes:
    src = open_database(tmp_path / "device.sqlite3")
    uuid_ = make_finalized(src, n_photos=1)
    with src.session() as s:
        data = export.export_inspection(s, lookup.get(s, uuid_))
    src.dispose()
    return data


def _one(db: Database, tmp_path: Path, name: str, data: bytes) -> importer.Receipt:
    path = tmp_path / f"{name}.inspection"
    path.write_bytes(data)
    return importer.import_paths(db, [path])


# ---------------------------------------------------------------- §5: the signer is named
def test_a_package_refused_for_its_content_names_its_signer(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    me = keys.device_keys().fingerprint

    def unknown_item(m: dict[str, Any]) -> None:
        m["answers"][0]["item_id"] = "no.such.item"

    cases = {
        # Refused by the content checks after the package was read.
        "unknown item": _resign(good_package, unknown_item),
        # Refused while the signed manifest is read (schema, members, hashes).
        "bad schema": _resign(good_package, _set("inspection.revision", -1)),
        "unlisted member": _add_member(good_package, "blobs/extra", b"x", listed=False),
        "content hash": _resign(good_package, _set("inspection.inspector", "x"), rehash=False),
    }
    for name, data in cases.items():
        r = _one(db, tmp_path, name.replace(" ", "_"), data)
        assert len(r.rejected) == 1, name
        entry = r.rejected[0]
        assert entry["signer"] == me, (name, entry)
        assert r.to_dict()["rejected"][0]["signer"] == me, name
    # Where the signature did not verify, nobody is named.
    stranger = _other_device()
    tampered = _zip(
        [
            (i, stranger.sign(b) if i.filename == "manifest.sig" else b)
            for i, b in _members(_resign(good_package, unknown_item))
        ]
    )
    r = _one(db, tmp_path, "tampered", tampered)
    assert r.rejected[0]["signer"] is None and "signature" in r.rejected[0]["reason"]


# ---------------------------------------------------------------- §7: retry only lock contention
def _operational(message: str) -> OperationalError:
    return OperationalError("INSERT INTO inspections ...", {}, sqlite3.OperationalError(message))


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("database or disk is full", "the disk is full"),
        ("attempt to write a readonly database", "is read-only"),
    ],
)
def test_a_full_or_read_only_disk_is_reported_at_once(
    db: Database,
    good_package: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message: str,
    said: str,
) -> None:
    calls: list[str] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls.append(message)
        raise _operational(message)

    monkeypatch.setattr(importer, "_merge", failing)
    before = dump_tables(db)
    a, b = tmp_path / "a.inspection", tmp_path / "b.inspection"
    a.write_bytes(good_package)
    b.write_bytes(good_package)
    r = importer.import_paths(db, [a, b])
    assert len(calls) == 1  # not retried, and the next package is not tried either
    assert [e["file"] for e in r.rejected] == [str(a), str(b)]
    for e in r.rejected:
        assert said in e["reason"] and "OperationalError" not in e["reason"], e["reason"]
    assert dump_tables(db) == before


def test_lock_contention_is_retried(
    db: Database, good_package: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importer._merge
    calls: list[int] = []

    def busy_twice(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) <= 2:
            raise _operational("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "_merge", busy_twice)
    r = _one(db, tmp_path, "busy", good_package)
    assert len(calls) == 3 and len(r.imported) == 1, r.to_dict()


def test_an_unknown_operational_error_is_not_retried(
    db: Database, good_package: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def odd(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        raise _operational("no such table: inspections")

    monkeypatch.setattr(importer, "_merge", odd)
    r = _one(db, tmp_path, "odd", good_package)
    assert len(calls) == 1 and len(r.rejected) == 1
    assert "log" in r.rejected[0]["reason"]


# ---------------------------------------------------------------- §7: the audit trail's revision
@pytest.mark.parametrize("other", [2, 7, None])
def test_an_audit_entry_of_another_revision_is_refused(
    db: Database, good_package: bytes, tmp_path: Path, other: int | None
) -> None:
    def change(m: dict[str, Any]) -> None:
        assert m["inspection"]["revision"] == 1 and len(m["audit"]) >= 2
        m["audit"][-1]["revision"] = other

    before = dump_tables(db)
    r = _one(db, tmp_path, "audit", _resign(good_package, change))
    assert len(r.rejected) == 1, r.to_dict()
    reason = r.rejected[0]["reason"]
    assert "audit entry" in reason and "revision 1" in reason, reason
    assert dump_tables(db) == before
    assert _one(db, tmp_path, "good", good_package).imported  # the untouched one is taken


# ---------------------------------------------------------------- §5: huge numbers in a package
def test_a_signed_checklist_with_huge_points_is_refused(
    db: Database, good_package: bytes, tmp_path: Path, run_cli: Any
) -> None:
    import hashlib
    import json

    def huge(m: dict[str, Any]) -> None:
        snap = json.loads(m["checklist"]["content"])
        snap["sections"][0]["items"][0]["points"] = 1e308
        snap["sections"][0]["weight"] = 1e308
        content = json.dumps(snap, ensure_ascii=False)  # the attacker's bytes, not ours
        m["checklist"]["content"] = content
        m["checklist"]["sha256"] = hashlib.sha256(content.encode("utf-8")).hexdigest()

    before = dump_tables(db)
    r = _one(db, tmp_path, "huge", _resign(good_package, huge))
    assert len(r.rejected) == 1, r.to_dict()
    assert "not a valid checklist" in r.rejected[0]["reason"]
    assert r.rejected[0]["signer"] == keys.device_keys().fingerprint
    assert dump_tables(db) == before
    # Nothing in, so every JSON output stays valid JSON (no NaN / Infinity tokens).
    from inspector import strictjson

    for args in (("list", "--json"), ("hq", "summary", "--json"), ("hq", "integrity", "--json")):
        strictjson.loads(run_cli.ok(*args))


# ---------------------------------------------------------------- §5: a folder hides nothing
def test_a_folder_lists_every_entry_named_like_a_package(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    import os

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.inspection").write_bytes(good_package)
    os.mkfifo(folder / "pipe.inspection")
    (folder / "null.inspection").symlink_to("/dev/null")
    (folder / "gone.inspection").symlink_to(folder / "nowhere")
    (folder / "sub.inspection").mkdir()
    (folder / "notes.txt").write_text("not a package")
    r = importer.import_paths(db, [folder])
    assert [e["file"] for e in r.imported] == [str(folder / "good.inspection")]
    reasons = {Path(e["file"]).name: e["reason"] for e in r.rejected}
    assert set(reasons) == {
        "pipe.inspection",
        "null.inspection",
        "gone.inspection",
        "sub.inspection",
    }
    assert "is a pipe (FIFO), not a package file" in reasons["pipe.inspection"]
    assert "device" in reasons["null.inspection"], reasons["null.inspection"]
    assert "no such file" in reasons["gone.inspection"].lower(), reasons["gone.inspection"]
    assert "folder" in reasons["sub.inspection"], reasons["sub.inspection"]
    # As when each is named on its own (a folder named on its own is a folder of packages).
    for name, reason in reasons.items():
        if name == "sub.inspection":
            continue
        alone = importer.import_paths(db, [folder / name])
        assert alone.rejected[0]["reason"] == reason


# ---------------------------------------------------------------- §5: sizes read humanly
def test_sizes_read_as_a_person_writes_them(db: Database, tmp_path: Path) -> None:
    from inspector.files import size_text

    assert [size_text(n) for n in (0, 1, 512, 1536, 10 * 2**20, 2 * 2**30, 2150 * 2**20)] == [
        "0 bytes", "1 byte", "512 bytes", "1.5 KB", "10 MB", "2 GB", "2.1 GB",
    ]  # fmt: skip
    big = tmp_path / "big.inspection"
    with big.open("wb") as f:  # sparse: costs no disk
        f.truncate(2 * 2**30 + 50 * 2**20)
    reason = importer.import_paths(db, [big]).rejected[0]["reason"]
    assert "larger than the limit of 2 GB (2.05 GB)" in reason, reason
    assert "e+" not in reason
    small = Limits(max_file_bytes=1000, max_entry_bytes=100, max_total_bytes=100)
    (tmp_path / "p.inspection").write_bytes(b"x" * 2000)
    reason = importer.import_paths(db, [tmp_path / "p.inspection"], limits=small).rejected[0]
    assert "1000 bytes" in reason["reason"] and "e+" not in reason["reason"]


# ---------------------------------------------------------------- §5: layers stored as signed
def _rect(x: float) -> dict[str, Any]:
    shape = {"kind": "rect", "x": x, "y": 1, "w": 10, "h": 10, "color": "#FF0000", "width": 2}
    return {"annotations": [shape], "redactions": [{"x": 1, "y": 1, "w": 5, "h": 5}]}


@pytest.mark.parametrize("where", ["annotations.0.x", "redactions.0.w"])
def test_a_fractional_layer_coordinate_is_refused_not_rounded(
    db: Database, good_package: bytes, tmp_path: Path, where: str
) -> None:
    def change(m: dict[str, Any]) -> None:
        layers = _rect(3)
        kind, n, key = where.split(".")
        layers[kind][int(n)][key] = 0.5 if key == "x" else 5.5
        m["photos"][0]["layers"] = layers

    before = dump_tables(db)
    r = _one(db, tmp_path, "half", _resign(good_package, change))
    assert len(r.rejected) == 1, r.to_dict()
    reason = r.rejected[0]["reason"]
    assert "must be a whole number of pixels" in reason and "photos.0.layers" in reason, reason
    assert dump_tables(db) == before


def test_whole_layer_coordinates_are_stored_as_signed(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from inspector.db.models import Photo

    def change(m: dict[str, Any]) -> None:
        m["photos"][0]["layers"] = _rect(2.0)  # a whole number written as 2.0

    r = _one(db, tmp_path, "whole", _resign(good_package, change))
    assert r.imported, r.to_dict()
    with db.session() as s:
        stored = [p.layers for p in s.scalars(select(Photo)) if p.layers]
    assert len(stored) == 1
    assert stored[0]["annotations"][0]["x"] == 2 and stored[0]["redactions"][0]["w"] == 5


def test_integrity_lists_a_stored_snapshot_with_huge_points(db: Database, run_cli: Any) -> None:
    """A snapshot stored before the bounds (a valid hash, points: 1e308) is listed by
    ``hq integrity`` as damaged; the other inspections are still checked, and every JSON
    output stays valid JSON."""
    import hashlib
    import json

    from sqlalchemy import select

    from inspector import strictjson
    from inspector.db.models import ChecklistSnapshot, Inspection

    bad = make_finalized(db)
    good = make_finalized(db, label="other", branch_code="BJ001")
    with db.session() as s:
        insp = s.scalars(select(Inspection).where(Inspection.uuid == bad)).one()
        data = json.loads(insp.snapshot.content)
        data["sections"][0]["items"][0]["points"] = 1e308
        content = json.dumps(data, ensure_ascii=False, sort_keys=True)
        sha = hashlib.sha256(content.encode("utf-8")).hexdigest()
        copy = ChecklistSnapshot(
            **{
                c.key: getattr(insp.snapshot, c.key)
                for c in ChecklistSnapshot.__table__.columns
                if c.key not in ("id", "content", "sha256")
            },
            content=content,
            sha256=sha,
        )
        s.add(copy)
        s.flush()
        insp.snapshot_id = copy.id
        other = s.scalars(select(Inspection).where(Inspection.uuid == good)).one()
        other.score_total = 1.0  # a stored score that differs from a re-score
    flags = strictjson.loads(run_cli.ok("hq", "integrity", "--json"))
    kinds = {(f.get("kind"), f.get("inspection")) for f in flags}
    assert ("snapshot_damaged", bad) in kinds, flags
    assert ("score_mismatch", good) in kinds, flags  # the others are still re-scored
    assert "snapshot" in run_cli.ok("hq", "integrity")
