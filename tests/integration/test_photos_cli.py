"""``inspector photo ...`` end to end through the real CLI entry point."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from inspector.db import open_database
from inspector.services.inspections import lookup, signoff
from tests.conftest import PHOTOS, Cli


@pytest.fixture
def insp(run_cli: Cli) -> str:
    return run_cli.last_line(
        "new", "--branch", "B001", "--branch-name", "测试支行", "--checklist", "example"
    )


def test_add_keeps_good_files_and_refuses_bad_ones(run_cli: Cli, insp: str, tmp_path: Path) -> None:
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    trunc = tmp_path / "cut.jpg"
    trunc.write_bytes((PHOTOS / "Landscape_3.jpg").read_bytes()[:50_000])
    r = run_cli(
        "photo",
        "add",
        insp,
        "ex.ramp",
        str(PHOTOS / "Landscape_3.jpg"),
        str(bad),
        str(trunc),
        str(PHOTOS / "Portrait_8.jpg"),
    )
    assert r.exit_code == 1
    ids = r.stdout.split()
    assert len(ids) == 2 and all(len(i) == 36 for i in ids)
    errors = r.stderr.strip().splitlines()
    assert errors[0] == f"error: {bad}: a PDF document; use a JPEG, PNG, WebP or HEIC/HEIF photo"
    assert errors[1].startswith(f"error: {trunc}: damaged or truncated image file")
    assert "Traceback" not in r.output
    listed = json.loads(run_cli.ok("photo", "list", insp, "--json"))
    assert [p["id"] for p in listed] == ids
    assert listed[1]["width"] == 1200 and listed[1]["height"] == 1800  # upright portrait
    shown = json.loads(run_cli.ok("show", insp, "--json"))
    assert {p["id"] for p in shown["photos"]} == set(ids)


def test_duplicate_is_reported_and_exit_is_zero(run_cli: Cli, insp: str) -> None:
    first = run_cli.ok("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_1.jpg")).strip()
    r = run_cli("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_1.jpg"))
    assert r.exit_code == 0
    assert r.stdout == ""
    assert f"already in this inspection as photo {first}" in r.stderr
    assert len(json.loads(run_cli.ok("photo", "list", insp, "--json"))) == 1


def test_get_original_is_byte_exact_and_display_is_upright(
    run_cli: Cli, insp: str, tmp_path: Path
) -> None:
    src = PHOTOS / "Portrait_6.jpg"
    pid = run_cli.ok("photo", "add", insp, "ex.ramp", str(src)).strip()
    out = tmp_path / "o.jpg"
    run_cli.ok("photo", "get", pid[:8], "--variant", "original", "-o", str(out))
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(src.read_bytes()).digest()
    disp = tmp_path / "d.jpg"
    run_cli.ok("photo", "get", pid, "--variant", "display", "-o", str(disp))
    assert Image.open(disp).size == (1067, 1600)


def test_redact_annotate_and_rendered_output(run_cli: Cli, insp: str, tmp_path: Path) -> None:
    pid = run_cli.ok("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_5.jpg")).strip()
    run_cli.ok("photo", "redact", pid, "--box", "100,100,300,200", "--box", "900,600,200,200")
    run_cli.ok(
        "photo",
        "annotate",
        pid,
        "--arrow",
        "1500,1000,1200,800",
        "--rect",
        "10,900,300,200",
        "--ellipse",
        "1300,100,300,300",
        "--text",
        "600,50,坡道破损, 需整改",
        "--color",
        "#00aaff",
    )
    (p,) = json.loads(run_cli.ok("photo", "list", insp, "--json"))
    assert p["redacted"] and p["annotated"]
    out = tmp_path / "r.jpg"
    run_cli.ok("photo", "get", pid, "--variant", "rendered", "-o", str(out))
    img = Image.open(out).convert("RGB")
    assert img.size == (1800, 1200)
    assert max(ImageStat.Stat(img.crop((105, 105, 395, 295))).var) < 2
    audit = json.loads(run_cli.ok("audit", insp, "--json"))
    assert [a["action"] for a in audit if a["entity"] == "photo"] == ["create", "layers", "layers"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["redact", "{pid}", "--box", "1700,0,200,10"], "is not inside the 1800x1200 image"),
        (["redact", "{pid}", "--box", "1,2,3"], "expected 4 whole numbers X,Y,W,H"),
        (["redact", "{pid}"], "give --box"),
        (["annotate", "{pid}", "--arrow", "5,5,5,5"], "start and end are the same point"),
        (["annotate", "{pid}", "--text", "5,5"], "expected X,Y,TEXT"),
        (["annotate", "{pid}", "--rect", "0,0,9,9", "--color", "red"], "#RRGGBB"),
        (["get", "{pid}", "-o", "{tmp}/x.jpg", "--variant", "raw"], "is not one of"),
        (["get", "abc", "-o", "{tmp}/x.jpg"], "too short"),
        (["delete", "0000000000"], "no photo with id"),
    ],
)
def test_bad_input_is_one_error_line(
    run_cli: Cli, insp: str, tmp_path: Path, args: list[str], needle: str
) -> None:
    pid = run_cli.ok("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_1.jpg")).strip()
    r = run_cli("photo", *[a.format(pid=pid, tmp=tmp_path) for a in args])
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and len(r.stderr.strip().splitlines()) == 1
    assert needle in r.stderr


def test_finalized_inspection_is_read_only(run_cli: Cli, insp: str) -> None:
    pid = run_cli.ok("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_1.jpg")).strip()
    # Finalized directly: the example checklist would first need every answer.
    db = open_database(str(run_cli.db_path))
    with db.session() as s:
        signoff.finalize(s, lookup.get(s, insp), by="t", force=True)
    db.dispose()
    for args in (
        ("add", insp, "ex.ramp", str(PHOTOS / "Landscape_2.jpg")),
        ("redact", pid, "--box", "0,0,10,10"),
        ("delete", pid),
    ):
        r = run_cli("photo", *args)
        assert r.exit_code == 1
        assert "finalized" in r.stderr and "amend" in r.stderr


def test_delete_then_list_is_empty(run_cli: Cli, insp: str) -> None:
    pid = run_cli.ok("photo", "add", insp, "ex.ramp", str(PHOTOS / "Landscape_1.jpg")).strip()
    assert "deleted" in run_cli.ok("photo", "delete", pid[:10])
    assert json.loads(run_cli.ok("photo", "list", insp, "--json")) == []


def test_heic_and_png_from_the_command_line(run_cli: Cli, insp: str, tmp_path: Path) -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    heic = tmp_path / "IMG_0001.HEIC"
    Image.new("RGB", (640, 480), (200, 30, 30)).save(heic, format="HEIF")
    png = tmp_path / "screen.png"
    buf = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 255, 128)).save(buf, format="PNG")
    png.write_bytes(buf.getvalue())
    out = run_cli.ok("photo", "add", insp, "ex.manager", str(heic), str(png))
    assert len(out.split()) == 2
    formats = [p["format"] for p in json.loads(run_cli.ok("photo", "list", insp, "--json"))]
    assert sorted(formats) == ["HEIF", "PNG"]
