"""One photo as evidence of a second item: no second copy, layers in step, export once."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select

from inspector.db import Database, open_database
from inspector.db.migrate import alembic_config
from inspector.db.models import AuditEntry, Blob, Photo
from inspector.errors import NotFoundError, ReadOnlyError
from inspector.services import photo_variants, photos
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer
from inspector.services.inspections import answering, lifecycle, lookup, signoff
from inspector.services.photo_decode import PhotoError
from tests.conftest import PHOTOS, Cli
from tests.integration.conftest import photo_bytes

FIRST, SECOND = "ex.counter_height", "ex.ramp"


@pytest.fixture
def insp_uuid(db: Database) -> str:
    with db.session() as s:
        insp = lifecycle.create(
            s, branch_code="B001", branch_name="测试支行", checklist_id="example", inspector="t"
        )
        return insp.uuid


def _count(db: Database, model: type[Blob] | type[Photo]) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _add(db: Database, uuid_: str, item: str = FIRST, label: str = "p") -> str:
    with db.session() as s:
        insp = lookup.get(s, uuid_)
        data = photo_bytes(label)
        return photos.add_bytes(s, insp, item, data, file_name=f"{label}.jpg", actor="t").id


def _attach(db: Database, photo_id: str, item: str = SECOND) -> str:
    with db.session() as s:
        return photos.attach_to_item(s, photos.get(s, photo_id), item, actor="t").id


def test_attach_shares_the_blobs_and_is_audited(db: Database, insp_uuid: str) -> None:
    pid = _add(db, insp_uuid)
    blobs_before = _count(db, Blob)
    new_id = _attach(db, pid)
    assert new_id != pid
    assert _count(db, Blob) == blobs_before  # no second copy of any image
    assert _count(db, Photo) == 2
    with db.session() as s:
        a, b = photos.get(s, pid), photos.get(s, new_id)
        assert (b.item_id, a.item_id) == (SECOND, FIRST)
        for col in ("sha256", "original_sha256", "display_sha256", "thumb_sha256", "size"):
            assert getattr(a, col) == getattr(b, col)
        insp = lookup.get(s, insp_uuid)
        assert [p.id for p in photos.photos_of(insp, SECOND)] == [new_id]
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "photo", AuditEntry.action == "attach")
        ).one()
        assert entry.key == new_id and entry.actor == "t"
        assert entry.new["from_photo"] == pid and entry.new["item"] == SECOND


def test_attach_refuses_same_item_twice_unknown_item_and_finalized(
    db: Database, insp_uuid: str
) -> None:
    pid = _add(db, insp_uuid)
    with pytest.raises(PhotoError, match="already evidence of item"):
        _attach(db, pid, FIRST)
    new_id = _attach(db, pid)
    with pytest.raises(PhotoError, match=new_id[:8]):
        _attach(db, pid)
    with pytest.raises(NotFoundError, match=r"no item 'ex\.nope'"):
        _attach(db, pid, "ex.nope")
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, insp_uuid), by="t", force=True)
    with pytest.raises(ReadOnlyError):
        _attach(db, pid, "ex.polite")
    assert _count(db, Photo) == 2


def test_adding_the_same_file_again_points_to_attach(db: Database, insp_uuid: str) -> None:
    pid = _add(db, insp_uuid)
    hint = re.escape(f"inspector photo attach {pid[:8]} {SECOND}")
    with pytest.raises(PhotoError, match=hint):
        _add(db, insp_uuid, SECOND)


def test_redaction_stays_in_step_under_every_item(db: Database, insp_uuid: str) -> None:
    pid = _add(db, insp_uuid)
    with db.session() as s:
        photos.redact(s, photos.get(s, pid), [(10, 10, 50, 40)], style="blur", actor="t")
    new_id = _attach(db, pid)
    with db.session() as s:
        a, b = photos.get(s, pid), photos.get(s, new_id)
        assert photos.is_redacted(b) and b.layers == a.layers
        # Redacting more under the second item hides the same pixels under the first.
        photos.redact(s, b, [(100, 100, 30, 30)], actor="t")
    with db.session() as s:
        a, b = photos.get(s, pid), photos.get(s, new_id)
        assert len(a.layers["redactions"]) == 2 and a.layers == b.layers
        # One rendering for both rows, even though blur adds random noise.
        ra, kind = photo_variants.export_image(s, a)
        rb, _ = photo_variants.export_image(s, b)
        assert kind == "rendered" and ra == rb
        assert a.rendered_sha256 == b.rendered_sha256 is not None


def test_deleting_one_attachment_keeps_the_other(db: Database, insp_uuid: str) -> None:
    pid = _add(db, insp_uuid)
    new_id = _attach(db, pid)
    blobs = _count(db, Blob)
    with db.session() as s:
        photos.delete(s, photos.get(s, pid), actor="t")
    assert _count(db, Blob) == blobs
    with db.session() as s:
        b = photos.get(s, new_id)
        assert photo_variants.variant_bytes(s, b, "original") == photo_bytes("p")


def test_finalize_counts_the_attached_photo_for_the_second_item(
    db: Database, insp_uuid: str
) -> None:
    _add(db, insp_uuid)
    with db.session() as s:
        insp = lookup.get(s, insp_uuid)
        answering.set_answer(s, insp, SECOND, result="pass", actor="t")
        missing = {(m.kind, m.item_id) for m in signoff.missing_for_finalize(insp)}
    assert ("evidence", SECOND) in missing
    with db.session() as s:
        pid = s.scalars(select(Photo.id)).one()
    _attach(db, pid)
    with db.session() as s:
        missing = {
            (m.kind, m.item_id) for m in signoff.missing_for_finalize(lookup.get(s, insp_uuid))
        }
    assert ("evidence", SECOND) not in missing


def test_cli_attach_prints_the_new_id_last(run_cli: Cli) -> None:
    insp = run_cli.last_line(
        "new", "--branch", "B001", "--branch-name", "测试支行", "--checklist", "example"
    )
    run_cli.ok("photo", "add", insp, FIRST, str(PHOTOS / "Landscape_3.jpg"))
    first = json.loads(run_cli.ok("photo", "list", insp, "--json"))[0]["id"]
    new_id = run_cli.last_line("photo", "attach", first[:8], SECOND, "--by", "王五")
    rows = json.loads(run_cli.ok("photo", "list", insp, "--json"))
    assert {(r["id"], r["item"]) for r in rows} == {(first, FIRST), (new_id, SECOND)}
    # Adding the same file to a third item says how to attach it instead.
    dup = run_cli("photo", "add", insp, "ex.polite", str(PHOTOS / "Landscape_3.jpg"))
    assert dup.exit_code == 0
    assert f"inspector photo attach {first[:8]} ex.polite" in dup.stderr
    again = run_cli("photo", "attach", first[:8], SECOND)
    assert again.exit_code == 1
    assert again.stderr.startswith("error: ") and "Traceback" not in again.output


def test_export_carries_the_bytes_once_and_import_keeps_both_items(
    any_db: Database, tmp_path: Path
) -> None:
    src = open_database(tmp_path / "src.sqlite3")
    with src.session() as s:
        insp = lifecycle.create(
            s, branch_code="B001", branch_name="测试支行", checklist_id="example", inspector="t"
        )
        uuid_ = insp.uuid
        plain = photos.add_bytes(s, insp, FIRST, photo_bytes("a"), file_name="a.jpg", actor="t")
        red = photos.add_bytes(s, insp, FIRST, photo_bytes("b"), file_name="b.jpg", actor="t")
        photos.redact(s, red, [(5, 5, 40, 40)], style="blur", actor="t")
        photos.attach_to_item(s, plain, SECOND, actor="t")
        photos.attach_to_item(s, red, SECOND, actor="t")
        signoff.finalize(s, insp, by="t", force=True)
    with src.session() as s:
        data = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    pkg = tmp_path / "a.inspection"
    pkg.write_bytes(data)
    with zipfile.ZipFile(pkg) as zf:
        members = [n for n in zf.namelist() if n.startswith("blobs/")]
        original = photo_bytes("a")
        holding = [n for n in members if zf.read(n) == original]
    # plain: original + display + thumb; redacted: one rendering; nothing twice.
    assert len(members) == 4 and len(set(members)) == 4
    assert len(holding) == 1
    receipt = importer.import_paths(any_db, [pkg])
    assert [e["id"] for e in receipt.imported] == [uuid_]
    with any_db.session() as t:
        got = lookup.get(t, uuid_)
        items = sorted((p.item_id, p.sha256) for p in got.photos)
        assert len(items) == 4 and {i for i, _ in items} == {FIRST, SECOND}
        withheld = [p for p in got.photos if p.original_sha256 is None]
        assert len(withheld) == 2
        assert len({(p.display_sha256, p.rendered_sha256) for p in withheld}) == 1
        assert withheld[0].layers == withheld[1].layers
        stored = t.scalar(select(func.count()).select_from(Blob))
    # 3 blobs for the plain photo, rendering + display + thumb for the redacted one.
    assert stored == 6


def test_migration_down_keeps_first_rows_and_up_allows_attach_again(any_db: Database) -> None:
    with any_db.session() as s:
        insp = lifecycle.create(
            s, branch_code="B001", branch_name="测试支行", checklist_id="example", inspector="t"
        )
        uuid_ = insp.uuid
        p = photos.add_bytes(s, insp, FIRST, photo_bytes("m"), file_name="m.jpg", actor="t")
        pid = p.id
        photos.attach_to_item(s, p, SECOND, actor="t")
    cfg = alembic_config(any_db.engine)
    with any_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "report_settings")  # the old rule: once per inspection
    any_db.dispose()
    url = any_db.engine.url.render_as_string(hide_password=False)
    upgraded = open_database(url)
    try:
        with upgraded.session() as s:
            assert [(r.id, r.item_id) for r in s.scalars(select(Photo))] == [(pid, FIRST)]
            photos.attach_to_item(s, photos.get(s, pid), SECOND, actor="t")
        with upgraded.session() as s:
            assert len(lookup.get(s, uuid_).photos) == 2
    finally:
        upgraded.dispose()
