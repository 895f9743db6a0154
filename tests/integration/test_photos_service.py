"""services.photos against a real (temporary, migrated) SQLite database."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat
from sqlalchemy import func, select

from inspector.db import Database
from inspector.db.models import AuditEntry, Blob, Photo
from inspector.errors import NotFoundError, ReadOnlyError, ValidationError
from inspector.services import photo_variants, photos
from inspector.services.inspections import lifecycle, lookup, signoff
from inspector.services.inspections import records as insp_records
from inspector.services.photo_decode import PhotoError
from tests.conftest import PHOTOS

ITEM = "ex.ramp"


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


def _add(db: Database, uuid: str, *files: Path) -> photos.AddResult:
    with db.session() as s:
        insp = lookup.get(s, uuid)
        return photos.add_files(s, insp, ITEM, list(files), actor="t")


def _img(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_good_files_are_stored_bad_ones_refused_without_leftovers(
    db: Database, insp_uuid: str, tmp_path: Path
) -> None:
    trunc = tmp_path / "trunc.jpg"
    trunc.write_bytes((PHOTOS / "Portrait_3.jpg").read_bytes()[:60_000])
    text = tmp_path / "notes.txt"
    text.write_text("not a photo")
    seen: list[tuple[int, int]] = []
    with db.session() as s:
        insp = lookup.get(s, insp_uuid)
        res = photos.add_files(
            s,
            insp,
            ITEM,
            [PHOTOS / "Landscape_6.jpg", trunc, text, PHOTOS / "Portrait_1.jpg"],
            actor="t",
            progress=lambda done, total: seen.append((done, total)),
        )
        added = [p.id for p in res.added]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert len(added) == 2
    assert [f for f, _ in res.refused] == [str(trunc), str(text)]
    assert "truncated" in res.refused[0][1]
    assert _count(db, Photo) == 2
    assert _count(db, Blob) == 6  # original, display, thumb for each good photo
    with db.session() as s:
        p = photos.get(s, added[0])
        original = photo_variants.variant_bytes(s, p, "original")
        assert original == (PHOTOS / "Landscape_6.jpg").read_bytes()
        assert p.sha256 == hashlib.sha256(original).hexdigest()
        assert (p.width, p.height) == (1800, 1200)
        assert p.format == "JPEG"
        assert _img(photo_variants.variant_bytes(s, p, "display")).size == (1600, 1067)
        assert max(_img(photo_variants.variant_bytes(s, p, "thumb")).size) == 256
        show = insp_records.show_dict(s, lookup.get(s, insp_uuid))
        assert {ph["id"] for ph in show["photos"]} == set(added)
        actions = [
            (e.entity, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
        assert actions.count(("photo", "create")) == 2


def test_same_photo_twice_is_reported_not_stored(db: Database, insp_uuid: str) -> None:
    first = _add(db, insp_uuid, PHOTOS / "Landscape_1.jpg")
    again = _add(db, insp_uuid, PHOTOS / "Landscape_1.jpg", PHOTOS / "Landscape_1.jpg")
    assert again.added == []
    assert again.duplicates == [(str(PHOTOS / "Landscape_1.jpg"), first.added[0].id)] * 2
    assert _count(db, Photo) == 1
    with db.session() as s, pytest.raises(PhotoError, match="already in the inspection"):
        photos.add_bytes(
            s,
            lookup.get(s, insp_uuid),
            ITEM,
            (PHOTOS / "Landscape_1.jpg").read_bytes(),
            file_name="pasted.jpg",
            actor="t",
        )


def test_add_bytes_and_prefix_lookup(db: Database, insp_uuid: str) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (9, 90, 200)).save(buf, format="PNG")
    with db.session() as s:
        p = photos.add_bytes(
            s, lookup.get(s, insp_uuid), ITEM, buf.getvalue(), file_name="clip.png", actor="t"
        )
        pid = p.id
    with db.session() as s:
        assert photos.get(s, pid[:6].upper()).id == pid
        with pytest.raises(NotFoundError, match="too short"):
            photos.get(s, pid[:5])
        with pytest.raises(NotFoundError, match="no photo"):
            photos.get(s, "ffffffffff")
        d = photos.photo_dict(photos.get(s, pid))
        assert d["format"] == "PNG" and d["file_name"] == "clip.png" and d["gps"] is None


def test_unknown_item_and_finalized_inspection_are_refused(db: Database, insp_uuid: str) -> None:
    with db.session() as s, pytest.raises(NotFoundError, match="no item 'nope'"):
        photos.add_files(s, lookup.get(s, insp_uuid), "nope", [], actor="t")
    res = _add(db, insp_uuid, PHOTOS / "Landscape_1.jpg")
    pid = res.added[0].id
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, insp_uuid), by="t", force=True)
    with db.session() as s:
        insp = lookup.get(s, insp_uuid)
        with pytest.raises(ReadOnlyError, match="finalized"):
            photos.add_files(s, insp, ITEM, [PHOTOS / "Landscape_2.jpg"], actor="t")
        p = photos.get(s, pid)
        with pytest.raises(ReadOnlyError):
            photos.redact(s, p, [(0, 0, 10, 10)], actor="t")
        with pytest.raises(ReadOnlyError):
            photos.delete(s, p, actor="t")


def _pid(db: Database, uuid: str, name: str = "Landscape_1.jpg") -> str:
    return _add(db, uuid, PHOTOS / name).added[0].id


def test_fill_redaction_is_solid_and_export_never_leaks(db: Database, insp_uuid: str) -> None:
    pid = _pid(db, insp_uuid)
    box = (600, 300, 400, 300)
    with db.session() as s:
        p = photos.get(s, pid)
        data, kind = photo_variants.export_image(s, p)
        assert kind == "original" and data == (PHOTOS / "Landscape_1.jpg").read_bytes()
        photos.redact(s, p, [box], style="fill", actor="t")
    with db.session() as s:
        p = photos.get(s, pid)
        rendered = photo_variants.variant_bytes(s, p, "rendered")
        assert p.rendered_sha256 == hashlib.sha256(rendered).hexdigest()
        data, kind = photo_variants.export_image(s, p)
        assert kind == "rendered" and data == rendered
        small = photo_variants.render(s, p, max_side=800)
    x, y, w, h = box
    region = _img(rendered).crop((x + 2, y + 2, x + w - 2, y + h - 2))
    stat = ImageStat.Stat(region)
    assert max(stat.var) < 2 and max(stat.mean) < 3
    # Outside the box the photo is intact.
    orig = _img((PHOTOS / "Landscape_1.jpg").read_bytes())
    outside = (50, 50, 500, 250)
    diff = ImageStat.Stat(ImageChops.difference(_img(rendered).crop(outside), orig.crop(outside)))
    assert max(diff.mean) < 3
    # The small rendering for reports is redacted too.
    s_img = _img(small)
    assert max(s_img.size) == 800
    k = 800 / 1800
    inner = s_img.crop((int(x * k) + 2, int(y * k) + 2, int((x + w) * k) - 2, int((y + h) * k) - 2))
    assert max(ImageStat.Stat(inner).var) < 2


def test_blur_redaction_is_unrecoverable(db: Database, insp_uuid: str) -> None:
    pid = _pid(db, insp_uuid, "Portrait_1.jpg")
    # The big "1" in the middle of the fixture: high-contrast detail to hide.
    box = (400, 700, 400, 400)
    with db.session() as s:
        p = photos.get(s, pid)
        photos.redact(s, p, [box], style="blur", actor="t")
        rendered = photo_variants.render(s, p)
    x, y, w, h = box
    orig = _img((PHOTOS / "Portrait_1.jpg").read_bytes()).crop((x, y, x + w, y + h))
    blurred = _img(rendered).crop((x, y, x + w, y + h))
    assert max(ImageStat.Stat(blurred).var) < max(ImageStat.Stat(orig).var) / 3
    # Within any 20x20 patch nothing is left but faint noise: the detail is gone, and
    # only a smooth blend of at most 4x4 average colours remains.
    assert _local_var(orig) > 50
    assert _local_var(blurred) < 5


def _local_var(img: Image.Image) -> float:
    w, h = img.size
    tiles = [
        max(ImageStat.Stat(img.crop((i, j, i + 20, j + 20))).var)
        for i in range(0, w - 19, 20)
        for j in range(0, h - 19, 20)
    ]
    return sum(tiles) / len(tiles)


def test_layers_are_validated_audited_and_invalidate_the_cache(
    db: Database, insp_uuid: str
) -> None:
    pid = _pid(db, insp_uuid)
    with db.session() as s:
        p = photos.get(s, pid)
        first = photo_variants.render(s, p)
        cached = p.rendered_sha256
        assert cached is not None
        photos.set_layers(
            s,
            p,
            {
                "annotations": [
                    {"kind": "arrow", "x1": 10, "y1": 10, "x2": 400, "y2": 300, "color": "#00ff00"},
                    {"kind": "rect", "x": 100, "y": 100, "w": 200, "h": 100},
                    {"kind": "ellipse", "x": 500, "y": 500, "w": 300, "h": 200, "width": 8},
                    {"kind": "text", "x": 50, "y": 900, "text": "消防通道被堵"},
                ]
            },
            actor="t",
        )
        assert p.rendered_sha256 is None
        assert p.layers["annotations"][0]["color"] == "#00FF00"
        second = photo_variants.render(s, p)
        assert second != first
        # The replaced rendering is not kept around.
        assert s.get(Blob, cached) is None
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "layers").order_by(AuditEntry.id)
        ).one()
        assert entry.key == pid and entry.old == {} and len(entry.new["annotations"]) == 4
        # Annotated but not redacted: the original may travel as is.
        assert photo_variants.export_image(s, p)[1] == "original"
        bad: list[dict[str, object]] = [
            {"annotations": [{"kind": "star", "x": 1, "y": 1}]},
            {"annotations": [{"kind": "rect", "x": 1700, "y": 0, "w": 200, "h": 10}]},
            {"annotations": [{"kind": "text", "x": 1, "y": 1, "text": " "}]},
            {"annotations": [{"kind": "rect", "x": 1, "y": 1, "w": 5, "h": 5, "color": "red"}]},
            {"redactions": [{"x": 0, "y": 0, "w": 0, "h": 10}]},
            {"redactions": [{"x": 0, "y": 0, "w": 10, "h": 10, "style": "pixel"}]},
            {"redactions": [{"x": "0", "y": 0, "w": 10, "h": 10}]},
            {"stickers": []},
        ]
        for layers in bad:
            with pytest.raises(ValidationError):
                photos.set_layers(s, p, layers, actor="t")


def test_delete_removes_row_and_unused_blobs(db: Database, insp_uuid: str) -> None:
    keep = _pid(db, insp_uuid, "Landscape_1.jpg")
    gone = _pid(db, insp_uuid, "Landscape_2.jpg")
    with db.session() as s:
        p = photos.get(s, gone)
        photos.redact(s, p, [(0, 0, 100, 100)], actor="t")
        photo_variants.render(s, p)
    assert _count(db, Blob) == 7
    with db.session() as s:
        photos.delete(s, photos.get(s, gone), actor="t")
    assert _count(db, Photo) == 1
    assert _count(db, Blob) == 3
    with db.session() as s:
        assert photos.get(s, keep)
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one().key == gone


def test_amended_revision_shares_blobs_and_delete_keeps_them(db: Database, insp_uuid: str) -> None:
    pid = _pid(db, insp_uuid)
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, insp_uuid), by="t", force=True)
    with db.session() as s:
        new = lifecycle.amend(s, lookup.get(s, insp_uuid), reason="fix", actor="t")
        copy = next(p for p in new.photos)
        photos.delete(s, copy, actor="t")
    with db.session() as s:
        old = photos.get(s, pid)
        assert (
            photo_variants.variant_bytes(s, old, "original")
            == (PHOTOS / "Landscape_1.jpg").read_bytes()
        )


def test_withheld_original_travels_as_rendering_only(db: Database, insp_uuid: str) -> None:
    pid = _pid(db, insp_uuid)
    with db.session() as s:
        p = photos.get(s, pid)
        photos.redact(s, p, [(0, 0, 900, 600)], actor="t")
        rendered, kind = photo_variants.export_image(s, p)
        meta = photos.photo_dict(p) | {"layers": p.layers}
        sha = p.sha256
    assert kind == "rendered"
    with db.session() as s:
        other = lifecycle.create(s, branch_code="B001", checklist_id="example", inspector="hq")
        w = photos.add_withheld(
            s, other, ITEM, original_sha256=sha, rendered=rendered, meta={**meta, "id": None}
        )
        wid = w.id
    with db.session() as s:
        w = photos.get(s, wid)
        assert w.original_sha256 is None and w.sha256 == sha
        assert (w.width, w.height) == (1800, 1200)
        assert photo_variants.variant_bytes(s, w, "rendered") == rendered
        assert photo_variants.export_image(s, w) == (rendered, "rendered")
        assert photos.photo_dict(w)["redacted"] is True
        with pytest.raises(PhotoError, match="withheld"):
            photo_variants.variant_bytes(s, w, "original")
        with pytest.raises(PhotoError, match="withheld"):
            photos.set_layers(s, w, {}, actor="hq")
        region = _img(photo_variants.variant_bytes(s, w, "display")).crop((10, 10, 700, 450))
        assert max(ImageStat.Stat(region).mean) < 5


def test_commit_each_keeps_photos_stored_before_a_failure(db: Database, insp_uuid: str) -> None:
    """A batch interrupted part-way keeps what was already stored (and acknowledged)."""
    files = [PHOTOS / "Landscape_1.jpg", PHOTOS / "Portrait_1.jpg", PHOTOS / "Landscape_2.jpg"]

    def progress(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt  # the process dies after the second photo

    with pytest.raises(KeyboardInterrupt), db.session() as s:
        insp = lookup.get(s, insp_uuid)
        photos.add_files(s, insp, ITEM, files, actor="t", progress=progress, commit_each=True)
    with db.read_session() as s:
        assert len(lookup.get(s, insp_uuid).photos) == 2
