"""Export → import round trips, merge rules (duplicates, revisions, conflicts), CLI, keys."""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspector.db import Database, open_database
from inspector.db.models import Branch, ImportRecord, Inspection, Photo
from inspector.services import branches, keys
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer, package_format
from inspector.services.inspections import lifecycle, lookup
from inspector.services.inspections import records as insp_records
from inspector.services.inspections import scoring as insp_scoring
from tests.conftest import Cli
from tests.hypothesis_profiles import examples
from tests.integration.conftest import (
    amend_and_finalize,
    dump_tables,
    logical_state,
    make_finalized,
)


def _export(db: Database, uuid_: str, revision: int | None = None, **kw: object) -> bytes:
    with db.session() as s:
        insp = lookup.get(s, uuid_) if revision is None else lookup.get_revision(s, uuid_, revision)
        return exchange_export.export_inspection(s, insp, **kw)  # type: ignore[arg-type]


def _write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def test_round_trip_gives_back_the_same_inspection(any_db: Database, tmp_path: Path) -> None:
    db = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(db, n_photos=2, redact=True, manager_signature=b"\x89PNG fake")
    pkg = _write(tmp_path, "a.inspection", _export(db, uuid_))
    receipt = importer.import_paths(any_db, [pkg])
    assert [e["id"] for e in receipt.imported] == [uuid_]
    assert receipt.imported[0]["untrusted"] is True
    with db.session() as s, any_db.session() as t:
        a, b = lookup.get(s, uuid_), lookup.get(t, uuid_)
        da, db_ = insp_records.show_dict(s, a), insp_records.show_dict(t, b)
        for key in ("origin",):
            da.pop(key), db_.pop(key)
        assert da == db_
        assert b.origin == "imported" and b.trusted is False and b.content_sha256
        assert b.manager_signature == b"\x89PNG fake"
        pa = {p.sha256: p for p in a.photos}
        pb = {p.sha256: p for p in b.photos}
        assert set(pa) == set(pb)
        redacted = [p for p in pb.values() if p.original_sha256 is None]
        plain = [p for p in pb.values() if p.original_sha256 is not None]
        # The redacted original never left the laptop; the plain one is byte-identical.
        assert len(redacted) == 1 and redacted[0].rendered_sha256
        assert len(plain) == 1 and plain[0].original_sha256 == pa[plain[0].sha256].original_sha256
        assert redacted[0].layers == pa[redacted[0].sha256].layers


def test_importing_twice_is_a_duplicate_and_changes_nothing(
    any_db: Database, tmp_path: Path
) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    pkg = _write(tmp_path, "a.inspection", _export(src, uuid_))
    again = _write(tmp_path, "again.inspection", _export(src, uuid_))  # re-exported later
    assert importer.import_paths(any_db, [pkg]).imported
    before = dump_tables(any_db)
    r = importer.import_paths(any_db, [pkg, again])
    assert [e["id"] for e in r.duplicates] == [uuid_, uuid_]
    assert r.ok and r.total == 2
    assert dump_tables(any_db) == before


def test_revisions_merge_in_any_order(any_db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    amend_and_finalize(src, uuid_)
    r1 = _write(tmp_path, "r1.inspection", _export(src, uuid_, 1))
    r2 = _write(tmp_path, "r2.inspection", _export(src, uuid_, 2))
    # Newer first: the older one is stored as history, not made current.
    rec = importer.import_paths(any_db, [r2, r1])
    assert [e["revision"] for e in rec.imported] == [2, 1]
    assert "earlier revision" in rec.imported[1]["notes"][0]
    with any_db.session() as s:
        rows = {i.revision: i.is_current for i in lookup.revisions(s, uuid_)}
    assert rows == {1: False, 2: True}


def test_newer_revision_updates_and_keeps_the_old_one(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    r1 = _write(tmp_path, "r1.inspection", _export(src, uuid_))
    amend_and_finalize(src, uuid_)
    r2 = _write(tmp_path, "r2.inspection", _export(src, uuid_))
    assert importer.import_paths(db, [r1]).imported
    rec = importer.import_paths(db, [r2])
    assert [e["revision"] for e in rec.updated] == [2]
    with db.session() as s:
        assert lookup.get(s, uuid_).revision == 2
        assert len(lookup.revisions(s, uuid_)) == 2
        outcomes = sorted(s.scalars(select(ImportRecord.outcome)))
    assert outcomes == ["imported", "updated"]


def test_same_revision_with_other_content_is_a_conflict(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    first = _write(tmp_path, "first.inspection", _export(src, uuid_))
    # The same revision edited behind the app's back on the device, then re-exported.
    with src.session() as s:
        insp = lookup.get(s, uuid_)
        insp.narrative = "changed after finalizing"
    second = _write(tmp_path, "second.inspection", _export(src, uuid_))
    assert importer.import_paths(db, [first]).imported
    before = dump_tables(db)
    rec = importer.import_paths(db, [second])
    assert not rec.ok and len(rec.conflicts) == 1
    c = rec.conflicts[0]
    assert c["stored_sha256"] != c["content_sha256"]
    assert c["stored_sha256"] in c["reason"] and c["content_sha256"] in c["reason"]
    assert dump_tables(db) == before


def test_unknown_checklist_and_branch_come_with_the_package(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src, checklist="accessibility", fail=(), branch_code="BJ009")
    pkg = _write(tmp_path, "a.inspection", _export(src, uuid_))
    with db.session() as s:
        s.add(Branch(code="OTHER", name="x"))
    rec = importer.import_paths(db, [pkg])
    assert rec.imported and "created from the package" in rec.imported[0]["notes"][0]
    with db.session() as s:
        insp = lookup.get(s, uuid_)
        assert insp.snapshot.checklist_id == "accessibility"
        assert insp.branch.name == "上海分行浦东支行"


def test_branch_name_at_hq_is_kept(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src, branch_code="SH002", branch_name="设备上的名字")
    with db.session() as s:
        s.add(Branch(code="SH002", name="总行的名字"))
    rec = importer.import_paths(db, [_write(tmp_path, "a.inspection", _export(src, uuid_))])
    assert "HQ's name kept" in rec.imported[0]["notes"][0]
    with db.session() as s:
        assert lookup.get(s, uuid_).branch.name == "总行的名字"


def test_drafts_are_not_exported(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    with db.session() as s:
        branches.create(s, code="SH001", name="n")
        uuid_ = lifecycle.create(s, branch_code="SH001", checklist_id="example").uuid
    r = run_cli("export", uuid_, "-o", str(tmp_path / "x.inspection"))
    assert r.exit_code == 1
    assert "is a draft" in r.stderr and "finalize" in r.stderr
    assert not (tmp_path / "x.inspection").exists()


def test_cli_export_import_keys(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid_ = make_finalized(db)
    draft_src = make_finalized(db, label="b", branch_code="SH003")
    with db.session() as s:
        lifecycle.amend(
            s, lookup.get(s, draft_src), reason="r", actor="x"
        )  # current is a draft now
    out = run_cli.last_line("export", uuid_[:8], "-o", str(tmp_path))
    assert out.endswith(".inspection") and Path(out).is_file()
    folder = tmp_path / "all"
    folder.mkdir()
    r = run_cli("export", "--all", "-o", str(folder))
    assert r.exit_code == 0, r.output
    assert [p.name for p in folder.iterdir()] == [Path(out).name]
    assert r.stdout.strip().splitlines()[-1].startswith("1 package(s)")
    assert run_cli("export", "--all", "--since", "2999-01-01", "-o", str(folder)).exit_code == 0

    fp = run_cli.last_line("keys", "show")
    assert json.loads(run_cli.ok("keys", "show", "--json"))["fingerprint"] == fp
    pub = run_cli.last_line("keys", "export", "-o", str(tmp_path / "device.pub"))
    assert keys.parse_public_file(Path(pub).read_bytes(), "x").fingerprint == fp

    hq = Cli(tmp_path / "hq.sqlite3")
    r = hq("import", "--json", "--trusted-only", str(folder))
    assert r.exit_code == 1
    receipt = json.loads(r.stdout)
    assert receipt["counts"]["rejected"] == 1 and "not on the trusted list" in r.stdout
    assert hq.last_line("keys", "trust", pub, "--label", "浦东 laptop") == fp
    assert json.loads(hq.ok("keys", "list", "--json"))[0]["label"] == "浦东 laptop"
    r = hq("import", "--json", "--trusted-only", str(folder))
    assert r.exit_code == 0, r.output
    receipt = json.loads(r.stdout)
    assert receipt["imported"][0]["untrusted"] is False
    text_out = hq.ok("import", out)
    assert "1 already imported" in text_out


def test_trusting_later_marks_earlier_imports_trusted(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    importer.import_paths(db, [_write(tmp_path, "a.inspection", _export(src, uuid_))])
    with db.session() as s:
        keys.trust(s, keys.device_keys().public.to_file_bytes())
    with db.session() as s:
        assert lookup.get(s, uuid_).trusted is True


def test_encrypted_package_opens_only_at_hq(db: Database, tmp_path: Path) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    uuid_ = make_finalized(src)
    hq_pub = keys.device_keys().public.to_file_bytes()  # this test's home acts as HQ
    data = _export(src, uuid_, encrypt_to=hq_pub)
    assert keys.is_encrypted(data) and not zipfile.is_zipfile(_write(tmp_path, "e", data))
    rec = importer.import_paths(db, [_write(tmp_path, "e.inspection", data)])
    assert [e["id"] for e in rec.imported] == [uuid_]


def test_with_report_puts_the_pdf_inside(db: Database, tmp_path: Path) -> None:
    uuid_ = make_finalized(db)
    data = _export(db, uuid_, include_report=True, lang="en")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zf:
        assert zf.read("report.pdf").startswith(b"%PDF")
    pkg = package_format.read_package(data)
    assert pkg.report is not None and pkg.manifest.report is not None


# ---------------------------------------------------------------- properties
@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Packages of several inspections and revisions from one device, made once."""
    folder = tmp_path_factory.mktemp("corpus")
    src = open_database(folder / "src.sqlite3")
    device = keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )
    a = make_finalized(src, label="a", n_photos=2, redact=True)
    amend_and_finalize(src, a)
    b = make_finalized(src, label="b", branch_code="GZ001", branch_name="广州分行天河支行")
    c = make_finalized(src, label="c", checklist="accessibility", fail=(), n_photos=0)
    out = []
    for uuid_, rev in ((a, 1), (a, 2), (b, 1), (c, 1)):
        with src.session() as s:
            insp = lookup.get_revision(s, uuid_, rev)
            data = exchange_export.export_inspection(s, insp, device=device)
        out.append(_write(folder, f"{uuid_[:8]}-{rev}.inspection", data))
    src.dispose()
    return out


def _import_fresh(paths: list[Path]) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as d:
        target = open_database(Path(d) / "hq.sqlite3")
        try:
            receipt = importer.import_paths(target, paths)
            assert receipt.total == len(paths) and receipt.ok
            return logical_state(target)
        finally:
            target.dispose()


# Each example imports five packages twice: a tenth of the profile's count (3 by default).
@settings(max_examples=examples(0.1), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_import_order_and_repetition_do_not_matter(corpus: list[Path], data: st.DataObject) -> None:
    expected = _import_fresh(corpus)
    order = data.draw(st.permutations(corpus))
    repeats = data.draw(st.lists(st.sampled_from(corpus), max_size=3))
    assert _import_fresh([*order, *repeats]) == expected
    currents = {(d["id"], d["revision"]) for d in expected if d["is_current"]}
    assert len(currents) == 3 and len(expected) == 4


def test_photos_and_scores_survive_the_trip(corpus: list[Path], tmp_path: Path) -> None:
    target = open_database(tmp_path / "hq.sqlite3")
    importer.import_paths(target, corpus)
    with target.session() as s:
        n = len(list(s.scalars(select(Photo))))
        assert n == 5  # a r1 (2) + a r2 (2) + b (1)
        for insp in s.scalars(select(Inspection)):
            assert insp.score_total == pytest.approx(
                insp_scoring.compute_score(insp).total, abs=1e-4
            )
    target.dispose()


def test_export_to_a_new_folder_with_a_trailing_slash(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    """'export ID -o out/' (as the README writes it) makes the folder, never a file 'out'."""
    uuid_ = make_finalized(db)
    out = tmp_path / "out"
    path = Path(run_cli.last_line("export", uuid_, "-o", f"{out}/"))
    assert out.is_dir() and path.parent == out and path.suffix == ".inspection"
    blocker = tmp_path / "taken"
    blocker.write_text("x")
    r = run_cli("export", uuid_, "-o", f"{blocker}/")
    assert r.exit_code == 1 and "exists and is not a folder" in r.stderr
    assert blocker.read_text() == "x"
