"""`inspector report` end to end: database → services → PDF, checked through pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from inspector.db import Database
from inspector.domain import numbers
from inspector.services import inspections as svc
from inspector.services import photos as photo_svc
from inspector.services import reports
from tests.conftest import PHOTOS, Cli

HOSTILE = '<img src="/etc/passwd"> & <b>'


def _make(db: Database, *, finalize: bool, photos: int = 3) -> str:
    with db.session() as s:
        insp = svc.create(
            s,
            branch_code="310001",
            branch_name="深圳福田支行",
            checklist_id="example",
            inspector="张三",
            answers={
                "ex.ramp": {"result": "pass", "note": "东侧入口坡道"},
                "ex.ramp_slope": {"value": 14},
                "ex.counter_height": {"value": 780},
                "ex.manager": {"value": True},
                "ex.cash_kept": {"value": False, "note": HOSTILE},
                "ex.polite": {"value": 4},
                "ex.reading": {"value": 2},
                "ex.answer_quality": {"value": "partly"},
            },
        )
        files = sorted(PHOTOS.glob("*.jpg"))[:photos]
        added = photo_svc.add_files(s, insp, "ex.ramp", files, actor="张三").added
        assert len(added) == photos
        if added:
            photo_svc.redact(s, added[0], [(0, 0, 200, 100)], actor="张三")
        if finalize:
            svc.finalize(s, insp, by="张三", manager_name="李四", force=True)
        return insp.uuid


def _text(pdf: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(pdf).pages)


def test_report_of_finalized_inspection(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=True)
    out = tmp_path / "r.pdf"
    r = run_cli("report", uuid[:8], "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines()[-1] == str(out.resolve())
    reader = PdfReader(out)
    text = _text(out)
    assert "深圳福田支行" in text
    with db.session() as s:
        total = svc.get(s, uuid).score_total
    assert total is not None and numbers.score(total) in text
    assert '<img src="/etc/passwd">' in text
    assert "李四" in text and "张三" in text
    assert "DRAFT" not in text
    images = set()
    for page in reader.pages:
        xobjs = page["/Resources"].get("/XObject")
        for ref in xobjs.get_object().values() if xobjs else []:
            if ref.get_object().get("/Subtype") == "/Image":
                images.add(ref.idnum)
    assert len(images) == 3
    assert 3 <= len(reader.pages) <= 12
    assert not list(tmp_path.glob(".r.pdf.*")), "temporary file left behind"


def test_draft_report_marks_every_page(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=False, photos=2)
    out = tmp_path / "d.pdf"
    r = run_cli("report", uuid, "-o", str(out), "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "draft" in r.stderr
    pages = PdfReader(out).pages
    for page in pages:
        # Once in words (cover note or running header); the watermark is a picture.
        assert (page.extract_text() or "").count("DRAFT") == 1
    assert "Page 1 of" in (pages[0].extract_text() or "")


def test_earlier_revision(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=True, photos=0)
    with db.session() as s:
        svc.amend(s, svc.get(s, uuid), reason="补充照片", actor="张三")
    out = tmp_path / "r1.pdf"
    assert run_cli("report", uuid, "-o", str(out), "--revision", "1").exit_code == 0
    assert "草稿" not in _text(out)  # revision 1 is the finalized one
    out2 = tmp_path / "r2.pdf"
    assert run_cli("report", uuid, "-o", str(out2)).exit_code == 0
    assert "草稿" in _text(out2)
    r = run_cli("report", uuid, "-o", str(out), "--revision", "7")
    assert r.exit_code == 1 and r.stderr.startswith("error: ") and "revision 7" in r.stderr


def test_errors_are_one_line(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=False, photos=0)
    r = run_cli("report", uuid, "-o", str(tmp_path / "missing" / "x.pdf"))
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "does not exist" in r.stderr
    r = run_cli("report", "ffffffff", "-o", str(tmp_path / "x.pdf"))
    assert r.exit_code == 1 and "no inspection" in r.stderr
    r = run_cli("report", uuid, "-o", str(tmp_path / "x.pdf"), "--lang", "fr")
    assert r.exit_code == 1 and r.stderr.startswith("error: ")


def test_existing_file_is_replaced(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=True, photos=0)
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    assert run_cli("report", uuid, "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_photos_are_upright_redacted_and_print_sized(db: Database) -> None:
    uuid = _make(db, finalize=True, photos=2)
    with db.session() as s:
        insp = svc.get(s, uuid)
        data = reports.build_report_data(s, insp, "zh")
        stored = {p.id: (p.width, p.height) for p in insp.photos}
    shown = data.photos
    assert len(shown) == 2
    for ph in shown:
        w, h = stored[ph.id]
        assert max(ph.width, ph.height) <= 700
        # Same orientation as the upright original (EXIF rotation applied).
        assert (ph.width >= ph.height) == (w >= h)
    assert shown[0].redacted
    with Image.open(io.BytesIO(shown[0].jpeg)) as im:
        px = im.convert("RGB").getpixel((2, 2))
    assert max(px) < 30, "redaction box must be filled black in the report rendering"


def test_progress_reaches_total(db: Database) -> None:
    uuid = _make(db, finalize=True, photos=3)
    calls: list[tuple[int, int]] = []
    with db.session() as s:
        reports.build_report(
            s, svc.get(s, uuid), lang="both", progress=lambda d, t: calls.append((d, t))
        )
    assert calls[-1] == (7, 7)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] >= 1


def test_unknown_language_is_a_user_error(db: Database) -> None:
    from inspector.errors import UserError

    uuid = _make(db, finalize=False, photos=0)
    with db.session() as s, pytest.raises(UserError, match="zh, en or both"):
        reports.build_report(s, svc.get(s, uuid), lang="de")
