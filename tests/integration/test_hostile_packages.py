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
from inspector.services import keys
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer as exchange_importer
from inspector.services.exchange.importer import Receipt
from inspector.services.exchange.package_format import (
    DEFAULT_LIMITS,
    Limits,
    canonical_bytes,
    content_sha256,
)
from inspector.services.inspections import lookup
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


def _cases(good: bytes) -> dict[str, tuple[bytes, str, Limits | None]]:
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

    def bad_checklist(m: dict[str, Any]) -> None:
        # Hash and signature match: the checklist itself is not one.
        import hashlib

        m["checklist"]["content"] = '{"id": "x"}'
        m["checklist"]["sha256"] = hashlib.sha256(b'{"id": "x"}').hexdigest()

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
        "too many members": (good, "too many members", Limits(max_entries=3)),
        "member too large": (good, "larger than", Limits(max_entry_bytes=100)),
        "package too large": (good, "larger than", Limits(max_file_bytes=1000)),
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
        "not a checklist": (
            _resign(good, bad_checklist),
            "the package's checklist snapshot is not a valid checklist",
            None,
        ),
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
        data = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    src.dispose()
    return data


def test_hostile_packages_are_refused_and_change_nothing(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    # HQ already holds one inspection, so "unchanged" is checked against real content.
    other = open_database(tmp_path / "other.sqlite3")
    uuid_ = make_finalized(other, label="other", branch_code="BJ001")
    with other.session() as s:
        first = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    (tmp_path / "first.inspection").write_bytes(first)
    assert exchange_importer.import_paths(db, [tmp_path / "first.inspection"]).imported
    before = dump_tables(db)
    cases = _cases(good_package)
    assert len(cases) >= 20
    for name, (data, reason, limits) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.inspection"
        path.write_bytes(data)
        r = exchange_importer.import_paths(db, [path], limits=limits or DEFAULT_LIMITS)
        assert r.total == 1 and len(r.rejected) == 1, (name, r.to_dict())
        got = r.rejected[0]["reason"]
        assert got.startswith(path.name + ": "), (name, got)
        assert reason in got, (name, got)
        assert dump_tables(db) == before, name
    # The untouched package is still accepted: the corpus is not refused for another reason.
    (tmp_path / "good.inspection").write_bytes(good_package)
    assert exchange_importer.import_paths(db, [tmp_path / "good.inspection"]).imported


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


# ---------------------------------------------------------------- values a schema must bound
def _resign_raw(
    data: bytes, change: Callable[[dict[str, Any]], None], old: bytes, new: bytes
) -> bytes:
    """Like _resign, then replace bytes in the signed manifest: for what JSON's encoder
    will not write (NaN, 1e999, 5,000 digits, deep nesting). The signature stays valid."""
    members = _members(data)
    manifest = json.loads(dict((i.filename, b) for i, b in members)["manifest.json"])
    change(manifest)
    manifest["content_sha256"] = content_sha256(manifest)
    raw = canonical_bytes(manifest)
    assert raw.count(old) == 1, old
    raw = raw.replace(old, new)
    return _zip(
        [
            (
                i,
                raw
                if i.filename == "manifest.json"
                else keys.device_keys().sign(raw)
                if i.filename == "manifest.sig"
                else b,
            )
            for i, b in members
        ]
    )


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting manifest[a][b]... (dotted path, list indexes as numbers)."""

    def change(m: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = m
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _revision(n: int) -> Callable[[dict[str, Any]], None]:
    """A change making the package revision ``n`` throughout, its audit trail included (a
    consistent package, refused, if at all, for who sent it, not for its content)."""

    def change(m: dict[str, Any]) -> None:
        m["inspection"]["revision"] = n
        for e in m["audit"]:
            e["revision"] = n

    return change


def _swap_original(good: bytes, content: bytes) -> bytes:
    """Photo 1's original replaced by ``content`` (listed, hashed, signed: valid)."""
    import hashlib

    sha = hashlib.sha256(content).hexdigest()

    def change(m: dict[str, Any]) -> None:
        m["photos"][0]["sha256"] = m["photos"][0]["image_sha256"] = sha
        m["members"].append({"path": f"blobs/{sha}", "size": len(content), "sha256": sha})

    return _zip([*_members(_resign(good, change)), (_info(f"blobs/{sha}"), content)])


def _swap_display(good: bytes, content: bytes) -> bytes:
    """Photo 1's display image replaced by ``content`` (listed, hashed, signed: valid)."""
    import hashlib

    sha = hashlib.sha256(content).hexdigest()

    def change(m: dict[str, Any]) -> None:
        m["photos"][0]["display_sha256"] = sha
        m["members"].append({"path": f"blobs/{sha}", "size": len(content), "sha256": sha})

    return _zip([*_members(_resign(good, change)), (_info(f"blobs/{sha}"), content)])


def _value_cases(good: bytes) -> dict[str, tuple[bytes, str]]:
    manifest = json.loads(dict((i.filename, b) for i, b in _members(good))["manifest.json"])
    display = dict((i.filename, b) for i, b in _members(good))[
        f"blobs/{manifest['photos'][0]['display_sha256']}"
    ]
    w, h = manifest["photos"][0]["width"], manifest["photos"][0]["height"]

    def raw(path: str, sentinel: Any, text: bytes) -> bytes:
        return _resign_raw(good, _set(path, sentinel), json.dumps(sentinel).encode(), text)

    return {
        "NaN GPS": (raw("photos.0.gps_lat", 12.345678, b"NaN"), "not a number a package may"),
        "infinite GPS": (raw("photos.0.gps_lon", 12.345678, b"1e999"), "out of range"),
        "GPS beyond 90": (_resign(good, _set("photos.0.gps_lat", 91.5)), "gps_lat"),
        "5000-digit int": (raw("photos.0.position", 123456789, b"9" * 5000), "out of range"),
        "deep nesting": (
            raw("audit.0.new", "DEEP-SENTINEL", b"[" * 100_000 + b"]" * 100_000),
            "nested deeper",
        ),
        "moderate nesting": (
            raw("audit.0.new", "DEEP-SENTINEL", b"[" * 60 + b"]" * 60),
            "nested deeper",
        ),
        "revision 2^63": (
            _resign(good, _set("inspection.revision", 2**63)),
            "inspection.revision: a whole number beyond 2^53",
        ),
        "revision 2^31": (
            _resign(good, _set("inspection.revision", 2**31)),
            "inspection.revision: Input should be less than or equal to 2147483647",
        ),
        "photo size 2^70": (_resign(good, _set("photos.0.size", 2**70)), "out of range"),
        "photo size 2^40": (_resign(good, _set("photos.0.size", 2**40)), "photos.0.size"),
        "audit int 2^60": (_resign(good, _set("audit.0.new", 2**60)), "audit.0.new: a whole"),
        "layers without fields": (
            _resign(good, _set("photos.0.layers", {"annotations": [{"kind": "text"}]})),
            "photos.0.layers.annotations.0.text.x: Field required",
        ),
        "layers outside photo": (
            _resign(
                good,
                _set("photos.0.layers", {"redactions": [{"x": 0, "y": 0, "w": 10**6, "h": 5}]}),
            ),
            "not inside",
        ),
        "answer value object": (_resign(good, _set("answers.0.value", {"a": 1})), "answers.0"),
        "answer value wrong type": (_resign(good, _set("answers.0.value", "maybe")), "answer"),
        "naive time": (
            _resign(good, _set("inspection.created_at", "2026-01-01T10:00:00")),
            "created_at",
        ),
        "year 10000": (
            _resign_raw(
                good,
                _set("inspection.created_at", "2026-01-01T10:00:00+00:00"),
                b"2026-01-01T10:00:00+00:00",
                b"9999-12-31T23:59:59-23:59",
            ),
            "created_at",
        ),
        "visit time year 9999 at -23:59": (
            _resign(good, _set("inspection.visit", {"arrival": "9999-12-31T23:59:59-23:59"})),
            "inspection.visit.arrival",
        ),
        "visit unknown key": (
            _resign(good, _set("inspection.visit", {"mood": "bad"})),
            "inspection.visit.mood",
        ),
        "visit scenario not in checklist": (
            _resign(good, _set("inspection.visit", {"scenario": "no-such"})),
            "visit scenario",
        ),
        "NUL in a note": (
            _resign(good, _set("answers.0.note", "a\x00b")),
            "answers.0.note: text contains a NUL",
        ),
        "lone surrogate": (
            raw("inspection.narrative", "SURROGATE-SENTINEL", b'"\\ud800"'),
            "inspection.narrative: text contains an invalid character",
        ),
        "display not an image": (
            _swap_display(good, b"%PDF-1.4 not a photo" * 10),
            "the display image is not a JPEG",
        ),
        "original not an image": (
            _swap_original(good, b"%PDF-1.4 not a photo" * 10),
            "the original is not an image the app reads (JPEG, PNG, WebP or HEIF)",
        ),
        # A text too long for any value: said as such, not as "should be a valid boolean"
        # (the first type of the value's union).
        "over-long text value": (
            _resign(good, _set("answers.0.value", "x" * 20_001)),
            "answers.0.value: String should have at most 20000 characters (1 problem(s))",
        ),
        "value of no type": (
            _resign(good, _set("answers.0.value", [1, 2])),
            "answers.0.value: Input should be true or false, a whole number, a number or text",
        ),
        "display truncated": (
            _swap_display(good, display[: len(display) // 2]),
            "the display image is damaged or not a JPEG",
        ),
        "original size differs": (
            _resign(good, _set("photos.0.width", w + 1)),
            f"the original is {w}x{h}, the manifest says {w + 1}x{h}",
        ),
        "original format differs": (
            _resign(good, _set("photos.0.format", "PNG")),
            "the original is a JPEG, the manifest says PNG",
        ),
        "photo format unknown": (_resign(good, _set("photos.0.format", "TIFF")), "format"),
        "too many pixels": (
            _resign(good, lambda m: m["photos"][0].update(width=100_000, height=100_000)),
            "pixels a photo may have",
        ),
        "long branch code": (_resign(good, _set("branch.code", "B" * 65)), "branch.code"),
        "huge narrative": (
            _resign(good, _set("inspection.narrative", "x" * 100_001)),
            "inspection.narrative",
        ),
    }


def test_hostile_values_are_refused_and_change_nothing(
    any_db: Database, good_package: bytes, tmp_path: Path
) -> None:
    before = dump_tables(any_db)
    for name, (data, reason) in _value_cases(good_package).items():
        path = tmp_path / f"{name.replace(' ', '_')}.inspection"
        path.write_bytes(data)
        r = exchange_importer.import_paths(any_db, [path])
        assert r.total == 1 and len(r.rejected) == 1, (name, r.to_dict())
        got = r.rejected[0]["reason"]
        assert reason in got, (name, got)
        assert "internal" not in got, (name, got)
        # A sentence about the user's file: no Python objects, no union member names.
        assert " at 0x" not in got and "<" not in got, (name, got)
        assert "constrained-" not in got and "valid boolean" not in got, (name, got)
        assert dump_tables(any_db) == before, name
    (tmp_path / "good.inspection").write_bytes(good_package)
    assert exchange_importer.import_paths(any_db, [tmp_path / "good.inspection"]).imported


def test_one_bad_package_never_takes_the_batch_down(
    db: Database, good_package: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import Cli

    other = open_database(tmp_path / "other.sqlite3")
    uuid2 = make_finalized(other, label="other", branch_code="BJ001")
    with other.session() as s:
        good2 = exchange_export.export_inspection(s, lookup.get(s, uuid2))
    bad = _value_cases(good_package)["NaN GPS"][0]
    files = []
    for name, data in (("1-good", good_package), ("2-bad", bad), ("3-good", good2)):
        files.append(tmp_path / f"{name}.inspection")
        files[-1].write_bytes(data)
    cli = Cli(Path(str(db.url.database)))
    r = cli("import", *map(str, files))
    assert r.exit_code == 1, r.output
    lines = r.stdout.splitlines()
    assert sum(line.startswith("imported") for line in lines) == 2
    assert any(line.startswith("rejected") and "2-bad.inspection" in line for line in lines)
    assert lines[-1] == (
        "3 read: 2 imported, 0 updated, 0 already imported, 0 in conflict, 1 rejected"
    )
    assert "internal error" not in r.output


def test_an_unforeseen_error_rejects_only_that_package(
    db: Database, good_package: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inspector.services.exchange import importer

    real = importer.check_content
    calls = []

    def flaky(pkg: Any) -> Any:
        calls.append(pkg)
        if len(calls) == 1:
            raise KeyError("a hole in the checks")
        return real(pkg)

    monkeypatch.setattr(importer, "check_content", flaky)
    a, b = tmp_path / "a.inspection", tmp_path / "b.inspection"
    a.write_bytes(good_package)
    b.write_bytes(good_package)
    r = exchange_importer.import_paths(db, [a, b])
    assert [e["file"] for e in r.rejected] == [str(a)]
    assert "KeyError" in r.rejected[0]["reason"] and "log" in r.rejected[0]["reason"]
    assert [e["file"] for e in r.imported] == [str(b)]


def test_fifo_is_refused_not_waited_for(db: Database, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.inspection"
    os.mkfifo(fifo)
    r = exchange_importer.import_paths(db, [fifo])
    assert "is a pipe (FIFO), not a package file" in r.rejected[0]["reason"]


def test_photo_id_of_another_inspection_is_a_clear_rejection(
    any_db: Database, good_package: bytes, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from inspector.db.models import Photo

    other = open_database(tmp_path / "other.sqlite3")
    uuid2 = make_finalized(other, label="other", branch_code="BJ001")
    with other.session() as s:
        first = exchange_export.export_inspection(s, lookup.get(s, uuid2))
    (tmp_path / "first.inspection").write_bytes(first)
    assert exchange_importer.import_paths(any_db, [tmp_path / "first.inspection"]).imported
    with any_db.session() as s:
        taken = s.scalars(select(Photo.id)).first()
    before = dump_tables(any_db)
    path = tmp_path / "clash.inspection"
    path.write_bytes(_resign(good_package, _set("photos.0.id", taken)))
    r = exchange_importer.import_paths(any_db, [path])
    assert len(r.rejected) == 1, r.to_dict()
    reason = r.rejected[0]["reason"]
    assert f"photo id {taken} is already used" in reason and uuid2 in reason
    assert "try again" not in reason
    assert dump_tables(any_db) == before


# ---------------------------------------------------------------- who may change an inspection
def _other_device() -> keys.DeviceKeys:
    return keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )


def _signed_by(
    device: keys.DeviceKeys, data: bytes, change: Callable[[dict[str, Any]], None] | None = None
) -> bytes:
    """The package as if ``device`` had exported it (its key file, fingerprint, signature)."""
    members = _members(data)
    manifest = json.loads(dict((i.filename, b) for i, b in members)["manifest.json"])
    if change is not None:
        change(manifest)
    manifest["device_fingerprint"] = device.fingerprint
    manifest["content_sha256"] = content_sha256(manifest)
    raw = canonical_bytes(manifest)
    out: Members = []
    for info, b in members:
        if info.filename == "manifest.json":
            b = raw
        elif info.filename == "manifest.sig":
            b = device.sign(raw)
        elif info.filename == "device.pub":
            b = device.public.to_file_bytes()
        out.append((info, b))
    return _zip(out)


@pytest.fixture
def two_revisions(tmp_path: Path) -> tuple[str, bytes, bytes]:
    """Revision 1 and 2 of one inspection, exported by this test's device (the owner)."""
    from tests.integration.conftest import amend_and_finalize

    src = open_database(tmp_path / "owner.sqlite3")
    uuid_ = make_finalized(src, n_photos=1)
    with src.session() as s:
        r1 = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    amend_and_finalize(src, uuid_, note="the owner's amendment")
    with src.session() as s:
        r2 = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    src.dispose()
    return uuid_, r1, r2


def _import(db: Database, tmp_path: Path, name: str, data: bytes) -> Receipt:
    path = tmp_path / f"{name}.inspection"
    path.write_bytes(data)
    return exchange_importer.import_paths(db, [path])


def _current_revision(db: Database, uuid_: str) -> int:
    with db.session() as s:
        return lookup.get(s, uuid_).revision


def test_another_devices_revision_never_merges_silently(
    any_db: Database, two_revisions: tuple[str, bytes, bytes], tmp_path: Path
) -> None:
    uuid_, r1, r2 = two_revisions
    owner = keys.device_keys().fingerprint
    intruder = _other_device()
    forged = _signed_by(intruder, r2, _set("inspection.narrative", "rewritten by someone else"))
    assert _import(any_db, tmp_path, "r1", r1).imported
    before = dump_tables(any_db)

    # Untrusted: refused, naming both devices; the owner's revision 1 stays current.
    r = _import(any_db, tmp_path, "forged-untrusted", forged)
    (e,) = r.rejected
    assert intruder.fingerprint in e["reason"] and owner in e["reason"], e
    assert (e["signer"], e["owner"]) == (intruder.fingerprint, owner)
    assert dump_tables(any_db) == before

    # Trusted, without amend rights: a conflict naming both fingerprints.
    with any_db.session() as s:
        keys.trust(s, intruder.public.to_file_bytes(), label="branch laptop 2")
    before = dump_tables(any_db)
    r = _import(any_db, tmp_path, "forged-trusted", forged)
    (e,) = r.conflicts
    assert intruder.fingerprint in e["reason"] and owner in e["reason"], e
    assert "--can-amend" in e["reason"]
    assert dump_tables(any_db) == before and not r.ok

    # Granted amend rights: accepted, and the receipt says who signed and who owns it.
    with any_db.session() as s:
        keys.trust(s, intruder.public.to_file_bytes(), can_amend=True)
    r = _import(any_db, tmp_path, "forged-amend", forged)
    (e,) = r.updated
    assert (e["signer"], e["owner"]) == (intruder.fingerprint, owner)
    assert any("may amend" in n for n in e["notes"])
    assert _current_revision(any_db, uuid_) == 2
    with any_db.session() as s:
        rows = exchange_importer.provenance(s, uuid_)
    assert [(x["revision"], x["signer"], x["owner"]) for x in rows] == [
        (1, owner, owner),
        (2, intruder.fingerprint, owner),
    ]
    # The owner's own revision 2 has other content: a conflict, never an overwrite.
    assert _import(any_db, tmp_path, "r2", r2).conflicts


def test_revision_99_from_another_device_cannot_pin_an_inspection(
    any_db: Database, two_revisions: tuple[str, bytes, bytes], tmp_path: Path
) -> None:
    uuid_, r1, r2 = two_revisions
    assert _import(any_db, tmp_path, "r1", r1).imported
    intruder = _other_device()
    pin = _revision(99)

    before = dump_tables(any_db)
    r = _import(any_db, tmp_path, "r99-untrusted", _signed_by(intruder, r2, pin))
    assert "does not own" in r.rejected[0]["reason"]
    # Even a trusted device with amend rights may not skip ahead: only the owner may.
    with any_db.session() as s:
        keys.trust(s, intruder.public.to_file_bytes(), can_amend=True)
    before = dump_tables(any_db)
    r = _import(any_db, tmp_path, "r99-amend", _signed_by(intruder, r2, pin))
    assert "skips ahead of revision 1" in r.rejected[0]["reason"], r.to_dict()
    assert dump_tables(any_db) == before
    # The genuine revision 2 becomes current, not "an earlier revision".
    r = _import(any_db, tmp_path, "r2", r2)
    assert r.updated and _current_revision(any_db, uuid_) == 2

    # The owner itself may skip ahead (HQ missed revisions it will receive later).
    def owner_r99(m: dict[str, Any]) -> None:
        import uuid

        pin(m)
        for p in m["photos"]:
            p["id"] = str(uuid.uuid4())  # a real later revision has photos of its own

    r = _import(any_db, tmp_path, "r99-owner", _resign(r2, owner_r99))
    assert r.updated and _current_revision(any_db, uuid_) == 99


def test_revisions_never_change_branch_or_mode(
    any_db: Database, two_revisions: tuple[str, bytes, bytes], tmp_path: Path
) -> None:
    _uuid, r1, r2 = two_revisions
    assert _import(any_db, tmp_path, "r1", r1).imported
    before = dump_tables(any_db)

    def branch(m: dict[str, Any]) -> None:
        m["branch"]["code"] = "BJ999"

    r = _import(any_db, tmp_path, "moved", _resign(r2, branch))
    assert "moves it from branch SH001 to BJ999" in r.rejected[0]["reason"], r.to_dict()
    r = _import(any_db, tmp_path, "mode", _resign(r2, _set("inspection.mode", "mystery")))
    assert "changes its mode from onsite to mystery" in r.rejected[0]["reason"], r.to_dict()
    assert dump_tables(any_db) == before
    assert _import(any_db, tmp_path, "r2", r2).updated


def test_cli_keys_can_amend_and_receipt_show_owner_and_signer(
    db: Database, two_revisions: tuple[str, bytes, bytes], tmp_path: Path
) -> None:
    from tests.conftest import Cli

    uuid_, r1, r2 = two_revisions
    cli = Cli(Path(str(db.url.database)))
    intruder = _other_device()
    pub = tmp_path / "laptop2.pub"
    pub.write_bytes(intruder.public.to_file_bytes())
    (tmp_path / "r1.inspection").write_bytes(r1)
    (tmp_path / "r2x.inspection").write_bytes(_signed_by(intruder, r2))
    owner = keys.device_keys().fingerprint

    out = cli.ok("import", str(tmp_path / "r1.inspection"))
    assert f"signed by {owner} (the owner)" in out
    cli.ok("keys", "trust", str(pub), "--label", "laptop 2")
    listed = json.loads(cli.ok("keys", "list", "--json"))
    assert [(k["fingerprint"], k["can_amend"]) for k in listed] == [(intruder.fingerprint, False)]
    r = cli("import", "--json", str(tmp_path / "r2x.inspection"))
    assert r.exit_code == 1
    (e,) = json.loads(r.stdout)["conflicts"]
    assert (e["signer"], e["owner"]) == (intruder.fingerprint, owner)

    cli.ok("keys", "trust", str(pub), "--can-amend")
    assert "can-amend" in cli.ok("keys", "list")
    assert json.loads(cli.ok("keys", "list", "--json"))[0]["can_amend"] is True
    out = cli.ok("import", str(tmp_path / "r2x.inspection"))
    assert f"signed by {intruder.fingerprint}, owner {owner}" in out
    prov = json.loads(cli.ok("provenance", uuid_, "--json"))
    assert prov["owner"] == owner
    assert [r["signer"] for r in prov["revisions"]] == [owner, intruder.fingerprint]
    assert "(not the owner)" in cli.ok("provenance", uuid_)
    listed_insp = json.loads(cli.ok("list", "--json"))
    assert (listed_insp[0]["signer"], listed_insp[0]["owner"]) == (intruder.fingerprint, owner)
    # Re-trusting without the flag keeps the right; --cannot-amend withdraws it.
    cli.ok("keys", "trust", str(pub))
    assert json.loads(cli.ok("keys", "list", "--json"))[0]["can_amend"] is True
    cli.ok("keys", "trust", str(pub), "--cannot-amend")
    assert json.loads(cli.ok("keys", "list", "--json"))[0]["can_amend"] is False


def test_a_laptop_that_imports_keeps_its_own_inspections(db: Database, tmp_path: Path) -> None:
    """The same rule on a laptop: another device's revision of a local inspection is refused."""
    uuid_ = make_finalized(db)
    with db.session() as s:
        mine = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    intruder = _other_device()
    before = dump_tables(db)
    r = _import(db, tmp_path, "theirs", _signed_by(intruder, mine, _revision(2)))
    assert keys.device_keys().fingerprint in r.rejected[0]["reason"], r.to_dict()
    assert dump_tables(db) == before


def test_a_stored_row_never_makes_a_later_command_crash(db: Database, tmp_path: Path) -> None:
    """Rows written before values were typed (or by hand) still give a report and a
    rendering; an unreadable redaction hides the whole photo rather than nothing."""
    from PIL import Image, ImageStat
    from sqlalchemy import text

    from tests.conftest import Cli

    uuid_ = make_finalized(db, n_photos=1)
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE photos SET layers = :v"),
            {"v": json.dumps({"annotations": [{"kind": "text"}], "redactions": [{"x": "a"}]})},
        )
        conn.execute(text("UPDATE answers SET value = :v"), {"v": json.dumps({"x": [1, 2]})})
        pid = conn.execute(text("SELECT id FROM photos")).scalar_one()
    cli = Cli(Path(str(db.url.database)))
    cli.ok("report", uuid_, "-o", str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    cli.ok("photo", "get", pid, "--variant", "rendered", "-o", str(tmp_path / "r.jpg"))
    with Image.open(tmp_path / "r.jpg") as im:
        assert max(ImageStat.Stat(im.convert("L")).extrema[0]) < 40  # covered, all dark
    assert json.loads(cli.ok("show", uuid_, "--json"))["id"] == uuid_
    # Writing such values through the ORM is refused at the column.
    from sqlalchemy.exc import StatementError

    from inspector.db.models import Photo

    with pytest.raises(StatementError), db.session() as s:
        s.get_one(Photo, pid).layers = {"annotations": [{"kind": "text"}]}
        s.flush()


def test_crashes_found_by_the_fuzzer_are_clear_rejections(
    db: Database, good_package: bytes, tmp_path: Path
) -> None:
    """Reproducers from ``bench/run.py fuzz``: each once escaped as "internal error"."""
    newer_zip = bytearray(good_package)
    newer_zip[newer_zip.rfind(b"PK\x01\x02") + 6] = 84  # "version needed to extract" 8.4
    members = _members(good_package)
    empty_name = _zip([*members, (_info(""), b"x")])
    huge_revision = _resign(good_package, _set("inspection.revision", 10**30))
    before = dump_tables(db)
    for name, data in (
        ("zip_version", bytes(newer_zip)),
        ("empty_name", empty_name),
        ("huge_revision", huge_revision),
    ):
        path = tmp_path / f"{name}.inspection"
        path.write_bytes(data)
        r = exchange_importer.import_paths(db, [path])
        assert r.total == 1 and len(r.rejected) == 1, (name, r.to_dict())
        reason = r.rejected[0]["reason"]
        assert reason.startswith(path.name + ": "), name
        # Each says what is wrong, not merely that something failed.
        assert "could not be read or stored" not in reason, reason
        assert dump_tables(db) == before, name
