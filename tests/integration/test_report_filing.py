"""Filing a report end to end: settings, finalize rules and options, CLI report options."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from inspector.db import Database
from inspector.db.models import AuditEntry
from inspector.domain import numbers
from inspector.services import inspections as svc
from inspector.services import photos as photo_svc
from inspector.services import reports
from tests.conftest import PHOTOS, Cli
from tests.integration.test_report_cli import _make


def _text(pdf: Path | bytes) -> str:
    src = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return "\n".join(p.extract_text() or "" for p in PdfReader(src).pages)


def _png(path: Path, size: tuple[int, int] = (300, 100)) -> Path:
    Image.new("RGBA", size, (0, 0, 0, 0)).save(path, "PNG")
    return path


def _images(pdf: Path) -> list[tuple[int, int]]:
    return [img.image.size for p in PdfReader(pdf).pages for img in p.images]


def _photos(pdf: Path) -> list[tuple[int, int]]:
    """Sizes of the JPEG photos (a draft's watermark and a signature are PNG)."""
    return [
        img.image.size
        for p in PdfReader(pdf).pages
        for img in p.images
        if img.name.endswith(".jpg")
    ]


def test_red_line_finding_without_action_or_owner_blocks_finalize(
    db: Database, run_cli: Cli
) -> None:
    uuid = _make(db, finalize=False, photos=1)  # ex.cash_kept (a red line) failed
    r = run_cli("finalize", uuid, "--by", "张三", "--manager", "王经理")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "ex.cash_kept" in r.stderr and "action and owner" in r.stderr
    with db.session() as s:
        missing = svc.missing_for_finalize(svc.get(s, uuid))
    kinds = [(m.kind, m.item_id) for m in missing]
    assert ("rectification", "ex.cash_kept") in kinds
    assert "整改措施、责任人" in next(m.message("zh") for m in missing if m.kind == "rectification")
    run_cli.ok("finding", uuid, "ex.cash_kept", "--action", "恢复现金柜台")
    r = run_cli("finalize", uuid, "--by", "张三", "--manager", "王经理")
    assert r.exit_code == 1 and "owner" in r.stderr and "action and" not in r.stderr
    run_cli.ok("finding", uuid, "ex.cash_kept", "--owner", "王五")
    run_cli.ok("finalize", uuid, "--by", "张三", "--manager", "王经理")


def test_finalize_with_a_manager_signature(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=False, photos=1)
    run_cli.ok("finding", uuid, "ex.cash_kept", "--action", "恢复现金柜台", "--owner", "王五")
    jpeg = tmp_path / "sig.jpg"
    Image.new("RGB", (320, 120), "white").save(jpeg, "JPEG")
    bad = tmp_path / "sig.png"
    bad.write_bytes(b"not an image at all")
    r = run_cli(
        "finalize", uuid, "--by", "张三", "--manager", "李四", "--manager-signature", str(bad)
    )
    assert r.exit_code == 1 and "not a readable PNG or JPEG" in r.stderr
    huge = _png(tmp_path / "huge.png", (5000, 10))
    r = run_cli(
        "finalize", uuid, "--by", "张三", "--manager", "李四", "--manager-signature", str(huge)
    )
    assert r.exit_code == 1 and "5000×10" in r.stderr
    r = run_cli("finalize", uuid, "--by", "张三", "--manager-signature", str(jpeg))
    assert r.exit_code == 1 and "--manager" in r.stderr
    with db.session() as s:
        assert svc.get(s, uuid).status == "draft"  # nothing half-done by the refusals
    run_cli.ok(
        "finalize", uuid, "--by", "张三", "--manager", "李四", "--manager-signature", str(jpeg)
    )
    with db.session() as s:
        sig = svc.get(s, uuid).manager_signature
    assert sig is not None and sig.startswith(b"\x89PNG")  # stored as PNG, as the app draws
    out = tmp_path / "r.pdf"
    run_cli.ok("report", uuid, "-o", str(out))
    assert (320, 120) in _images(out)


def test_organisation_settings_print_on_the_report(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    assert '"value": ""' in run_cli.ok("settings", "show", "--json")  # shipped empty
    run_cli.ok("settings", "set", "org.name", "某某银行消费者权益保护部")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (600, 200), (10, 50, 120)).save(logo, "PNG")
    run_cli.ok("settings", "set", "org.logo", str(logo))
    shown = run_cli.ok("settings", "show")
    assert "某某银行消费者权益保护部" in shown and "logo.png" in shown
    r = run_cli("settings", "set", "org.colour", "red")
    assert r.exit_code == 1 and "unknown setting" in r.stderr
    r = run_cli("settings", "set", "org.logo", str(tmp_path / "missing.png"))
    assert r.exit_code == 1 and "cannot be read" in r.stderr
    uuid = _make(db, finalize=True, photos=0)
    out = tmp_path / "r.pdf"
    run_cli.ok(
        "report", uuid, "-o", str(out), "--number", "消保检〔2026〕3号", "--classification", "内部"
    )
    text = _text(out)
    assert text.count("某某银行消费者权益保护部") >= 2  # letterhead and sign-off
    assert "消保检〔2026〕3号" in text and "密级：内部" in text
    assert (600, 200) in _images(out)
    run_cli.ok("settings", "unset", "org.name")
    run_cli.ok("report", uuid, "-o", str(out))
    assert "某某银行" not in _text(out)
    with db.session() as s:
        entries = s.query(AuditEntry).filter(AuditEntry.entity == "setting").count()
    assert entries == 3


def test_report_times_follow_the_zone(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=True, photos=0)
    out = tmp_path / "r.pdf"
    run_cli.ok("report", uuid, "-o", str(out))
    assert "(UTC+08:00)" in _text(out)
    run_cli.ok("report", uuid, "-o", str(out), "--tz", "UTC")
    assert "(UTC+00:00)" in _text(out) and "(UTC+08:00)" not in _text(out)
    r = run_cli("report", uuid, "-o", str(out), "--tz", "Mars/Olympus")
    assert r.exit_code == 1 and "time zone" in r.stderr


def test_large_photos_per_report_and_per_photo(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    uuid = _make(db, finalize=False, photos=2)
    normal, large = tmp_path / "n.pdf", tmp_path / "l.pdf"
    run_cli.ok("report", uuid, "-o", str(normal))
    run_cli.ok("report", uuid, "-o", str(large), "--photos", "large")
    assert max(max(s) for s in _photos(large)) > 1.5 * max(max(s) for s in _photos(normal))
    with db.session() as s:
        first = photo_svc.photos_of(svc.get(s, uuid))[0].id
    run_cli.ok("photo", "print-size", first, "large")
    one = tmp_path / "one.pdf"
    run_cli.ok("report", uuid, "-o", str(one))
    sizes = sorted(max(s) for s in _photos(one))
    assert sizes[-1] > 1.5 * sizes[0]  # the large one across the page, the other normal
    assert '"print_size": "large"' in run_cli.ok("photo", "list", uuid, "--json")
    run_cli.ok("finding", uuid, "ex.cash_kept", "--action", "恢复现金柜台", "--owner", "王五")
    run_cli.ok("finalize", uuid, "--by", "张三", "--manager", "王经理")
    r = run_cli("photo", "print-size", first, "normal")
    assert r.exit_code == 1 and "finalized" in r.stderr


def test_mystery_report_identifies_the_shopper_by_code(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    with db.session() as s:
        insp = svc.create(
            s,
            branch_code="310001",
            branch_name="深圳福田支行",
            checklist_id="example",
            mode="mystery",
            inspector="赵六",
        )
        uuid = insp.uuid
    code = reports.shopper_code("赵六")
    assert re.fullmatch(r"MS-[0-9A-F]{6}", code) and code == reports.shopper_code(" 赵六 ")
    out = tmp_path / "m.pdf"
    run_cli.ok("report", uuid, "-o", str(out))
    text = _text(out)
    assert code in text and "赵六" not in text
    assert "网点负责人" not in text  # no branch signature on a mystery-shopping report
    assert PdfReader(out).metadata is not None and "赵六" not in str(PdfReader(out).metadata)
    run_cli.ok("report", uuid, "-o", str(out), "--shopper-name")
    assert "赵六" in _text(out)


def test_chinese_report_of_a_shipped_checklist_reads_as_chinese(db: Database) -> None:
    with db.session() as s:
        insp = svc.create(
            s,
            branch_code="310001",
            branch_name="深圳福田支行",
            checklist_id="disclosure",
            inspector="张三",
            answers={
                "dis.rate_boards": {"value": False, "note": "汇率牌数据为昨日，未标更新日期。"},
                "dis.price_list": {"result": "fail"},
            },
        )
        photo_svc.add_files(
            s, insp, "dis.rate_boards", sorted(PHOTOS.glob("*.jpg"))[:1], actor="张三"
        )
        pdf = reports.build_report(s, insp, lang="zh")
    text = _text(pdf)
    assert "行业通行做法" in text
    for english in ("practice", "fail", "Fail", "dis.rate_boards", "Page ", "Generated"):
        assert english not in text, english
    allowed = {"SHA", "UTC", "UUID", "EXIF", "GB", "CBSS", "CBA", "LED"}
    words = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in allowed}
    assert not {w for w in words if not re.fullmatch(r"[0-9a-f]+", w.lower())}


def test_repeat_finding_is_tagged_in_the_register(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    _make(db, finalize=True, photos=1)  # ex.cash_kept failed at this branch before
    uuid = _make(db, finalize=False, photos=1)
    run_cli.ok("finding", uuid, "ex.cash_kept", "--action", "恢复现金柜台", "--owner", "王五")
    run_cli.ok("finalize", uuid, "--by", "张三", "--manager", "王经理")
    out = tmp_path / "r.pdf"
    run_cli.ok("report", uuid, "-o", str(out))
    assert _text(out).count("[屡查屡犯]") >= 1


def test_register_deductions_add_up_to_the_printed_score(db: Database) -> None:
    """扣分 in the register: 100 − Σ扣分 is the printed total (issue 14)."""
    uuid = _make(db, finalize=False, photos=0)
    with db.session() as s:
        data = reports.build_report_data(s, svc.get(s, uuid), "zh")
    lost = [f.points_lost for f in data.findings]
    assert all(p > 0 for p in lost), lost
    assert round(100 - sum(lost), 2) == numbers.record(data.score.total)
    with db.session() as s:
        pdf = reports.build_report(s, svc.get(s, uuid), lang="zh")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "扣分" in text
    assert numbers.score(lost[0]) in text
