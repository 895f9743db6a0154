"""HQ packs (issue 22 §3-5): publish at HQ, install on a laptop, and what then changes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from inspector.db import Database, open_database
from inspector.db.models import AuditEntry, Branch, Setting
from inspector.db.publish_models import HqChecklist, HqPack, PlanLine
from inspector.errors import UserError
from inspector.services import inspections as svc
from inspector.services import keys
from inspector.services.publish import catalog, plan_status
from inspector.services.publish.build import publish
from inspector.services.publish.install import install, status
from inspector.services.publish.pack import PackError, read_pack
from tests.conftest import EXAMPLE_CHECKLIST, Cli


def new_key() -> keys.DeviceKeys:
    return keys.DeviceKeys(
        signing=Ed25519PrivateKey.generate(), exchange=X25519PrivateKey.generate()
    )


@pytest.fixture
def hq_key() -> keys.DeviceKeys:
    return new_key()


@pytest.fixture
def hq_db(tmp_path: Path) -> Database:
    database = open_database(str(tmp_path / "hq.sqlite3"))
    yield database  # type: ignore[misc]
    database.dispose()


def example_v(tmp_path: Path, version: str, points: str = "2") -> Path:
    text = EXAMPLE_CHECKLIST.read_text(encoding="utf-8")
    text = text.replace('version: "1.0.0"', f'version: "{version}"', 1)
    text = text.replace("        points: 2\n", f"        points: {points}\n", 1)
    out = tmp_path / f"example-{version}.yaml"
    out.write_text(text, encoding="utf-8")
    return out


BRANCHES = "code,name,region,address\nSH001,上海分行浦东支行,上海,\nBJ001,北京分行朝阳支行,北京,\n"
PLAN = (
    "网点,检查表,方式,情景,批次,截止日期,检查人\n"
    "SH001,example,onsite,,,2026-11-10,\n"
    "BJ001,example,onsite,,,2026-12-31,tester\n"
    "BJ001,example,onsite,,,2026-12-31,someone-else\n"
)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The pack with members replaced (or removed, None), everything else as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in {**members(data), **changes}.items():
            if content is not None:
                zf.writestr(name, content)
    return out.getvalue()


def _publish(hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path, **kw: object) -> bytes:
    out = tmp_path / "out.hqpack"
    publish(hq_db, out, device=hq_key, **kw)  # type: ignore[arg-type]
    return out.read_bytes()


def _counts(db: Database) -> dict[str, int]:
    with db.read_session() as s:
        return {
            t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (HqPack, HqChecklist, PlanLine, Branch, Setting, AuditEntry)
        }


def test_a_pack_goes_from_hq_to_the_laptop(
    any_db: Database, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    db = any_db  # the laptop, on SQLite and on PostgreSQL
    (tmp_path / "b.csv").write_text(BRANCHES, encoding="utf-8")
    (tmp_path / "plan.csv").write_text(PLAN, encoding="utf-8")
    with hq_db.session() as s:
        from inspector.services import settings as settings_svc

        settings_svc.set_value(s, "org.name", "某某银行消保部", actor="hq")
    # A draft started before the pack keeps the version it started with.
    with db.session() as s:
        draft = svc.create(s, branch_code="SH001", branch_name="浦东", checklist_id="example")
        draft_sha = draft.snapshot.sha256
        draft_uuid = draft.uuid
    data = _publish(
        hq_db,
        hq_key,
        tmp_path,
        checklist_files=[example_v(tmp_path, "1.1.0", "4")],
        branches_csv=tmp_path / "b.csv",
        plan_file=tmp_path / "plan.csv",
        include_settings=True,
    )
    asked: list[str] = []
    result = install(
        db, data, file_name="p.hqpack", confirm_first=lambda fp: asked.append(fp) or True
    )
    assert asked == [hq_key.fingerprint] and result.first
    assert result.sequence == 1 and result.pinned == hq_key.fingerprint
    pin = status(db)
    assert pin is not None and pin.fingerprint == hq_key.fingerprint and pin.sequence == 1
    with db.session() as s:
        offered = {c.id: c.resolved.version for c in catalog.offered(s)}
        assert offered["example"] == "1.1.0"
        new = svc.create(s, branch_code="BJ001", checklist_id="example")
        assert new.snapshot.version == "1.1.0"
        assert svc.get(s, draft_uuid).snapshot.sha256 == draft_sha
        assert s.scalar(select(Branch.name).where(Branch.code == "BJ001")) == "北京分行朝阳支行"
        assert s.get(Setting, "org.name").value == "某某银行消保部"  # type: ignore[union-attr]
        mine = plan_status.lines(s, me="tester")
    # Overdue first; the line for someone else is not "mine"; BJ001's draft is in progress.
    assert [(x.branch, x.state) for x in mine] == [("SH001", "overdue"), ("BJ001", "in_progress")]


def test_install_refuses_replays_foreign_keys_and_tampering(
    any_db: Database, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    db = any_db  # the laptop, on SQLite and on PostgreSQL
    one = _publish(hq_db, hq_key, tmp_path, checklist_files=[example_v(tmp_path, "1.1.0")])
    two = _publish(hq_db, hq_key, tmp_path, checklist_files=[example_v(tmp_path, "1.2.0", "5")])
    install(db, two, expect_fingerprint=hq_key.fingerprint)
    before = _counts(db)
    with pytest.raises(PackError, match=r"already installed"):
        install(db, two)
    with pytest.raises(PackError, match=r"sequence 1\) is not newer than the installed one"):
        install(db, one)
    other_db = open_database(str(tmp_path / "other.sqlite3"))
    foreign = _publish(other_db, new_key(), tmp_path, withdraw=["example"])
    other_db.dispose()
    with pytest.raises(PackError, match=r"signed by another key"):
        install(db, foreign)
    manifest = members(two)["manifest.json"]
    with pytest.raises(PackError, match="signature does not verify"):
        install(db, rezip(two, {"manifest.json": manifest.replace(b"1.2.0", b"1.9.0")}))
    checklist = next(n for n in members(two) if n.startswith("checklists/"))
    with pytest.raises(PackError, match="is not what its manifest says"):
        install(db, rezip(two, {checklist: members(two)[checklist].replace(b"5.0", b"6.0")}))
    assert _counts(db) == before


def test_the_first_install_checks_the_expected_fingerprint_or_asks(
    db: Database, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    data = _publish(hq_db, hq_key, tmp_path, withdraw=["example"])
    before = _counts(db)
    with pytest.raises(PackError, match="not the expected"):
        install(db, data, expect_fingerprint="0000:1111")
    with pytest.raises(UserError, match="not confirmed"):
        install(db, data, confirm_first=lambda fp: False)
    assert _counts(db) == before
    install(db, data, confirm_first=lambda fp: True)
    # Withdrawn: no new inspection can start with it.
    with db.session() as s:
        with pytest.raises(UserError, match="withdrew the checklist 'example'"):
            svc.create(s, branch_code="SH001", branch_name="x", checklist_id="example")
        assert "example" not in {c.id for c in catalog.offered(s)}


def test_hq_can_hand_over_to_a_new_key_only_with_the_old_one(
    db: Database, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    successor = new_key()
    pub = tmp_path / "new-hq.pub"
    pub.write_bytes(successor.public.to_file_bytes())
    install(
        db, _publish(hq_db, hq_key, tmp_path, withdraw=["example"]), confirm_first=lambda f: True
    )
    # The successor cannot take over on its own.
    with pytest.raises(PackError, match="signed by another key"):
        install(db, _publish(hq_db, successor, tmp_path, withdraw=["example"]))
    handover = _publish(hq_db, hq_key, tmp_path, withdraw=["example"], next_key_file=pub)
    assert install(db, handover).pinned == successor.fingerprint
    install(db, _publish(hq_db, successor, tmp_path, withdraw=["example"]))
    with pytest.raises(PackError, match="signed by another key"):
        install(db, _publish(hq_db, hq_key, tmp_path, withdraw=["example"]))


def test_sequence_only_goes_up(hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path) -> None:
    seqs = [
        read_pack(_publish(hq_db, hq_key, tmp_path, withdraw=["example"])).sequence
        for _ in range(3)
    ]
    assert seqs == [1, 2, 3]


def test_publishing_changed_content_under_the_same_version_is_refused(
    hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match=r"content changed but the version is still 1\.0\.0"):
        _publish(hq_db, hq_key, tmp_path, checklist_files=[example_v(tmp_path, "1.0.0", "3")])
    _publish(hq_db, hq_key, tmp_path, checklist_files=[example_v(tmp_path, "1.1.0", "3")])
    with pytest.raises(UserError, match=r"version 1\.1\.0 was published before"):
        _publish(hq_db, hq_key, tmp_path, checklist_files=[example_v(tmp_path, "1.1.0", "4")])


def test_a_workbook_checklist_can_be_published(
    run_cli: Cli, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    book = tmp_path / "example.xlsx"
    run_cli.ok("checklists", "export-xlsx", "example", "-o", str(book))
    import openpyxl

    wb = openpyxl.load_workbook(book)
    header = wb["表头"]
    row = next(r for r in range(2, 30) if header[f"B{r}"].value == "version")
    header[f"C{row}"] = "1.5.0"
    wb.save(book)
    pack = read_pack(_publish(hq_db, hq_key, tmp_path, checklist_files=[book]))
    assert [(c.id, c.version) for c, _t, _s in pack.checklists] == [("example", "1.5.0")]


def test_exports_are_sealed_for_hq_once_a_pack_is_installed(
    db: Database, run_cli: Cli, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    from tests.integration.conftest import make_finalized

    uuid = make_finalized(db, n_photos=0)
    install(db, _publish(hq_db, hq_key, tmp_path, withdraw=["x"]), confirm_first=lambda f: True)
    sealed = tmp_path / "a.inspection"
    run_cli.ok("export", uuid, "-o", str(sealed))
    assert keys.is_encrypted(sealed.read_bytes())
    # HQ opens it with its own key.
    assert keys.decrypt(hq_key, sealed.read_bytes()).startswith(b"PK")
    plain = tmp_path / "b.inspection"
    run_cli.ok("export", uuid, "-o", str(plain), "--no-encrypt")
    assert plain.read_bytes().startswith(b"PK")


def test_cli_publish_install_status_plan(run_cli: Cli, tmp_path: Path) -> None:
    # One database and key here play both parts: enough for the commands' contract.
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,scenario,wave,due,assignee\nSH001,example,onsite,,,2026-12-01,\n",
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text(BRANCHES, encoding="utf-8")
    out = run_cli.last_line(
        "hq",
        "publish",
        "-o",
        str(tmp_path / "packs") + "/",
        "--branches",
        str(tmp_path / "b.csv"),
        "--plan",
        str(tmp_path / "plan.csv"),
    )
    assert out.endswith("hq-000001.hqpack")
    r = run_cli("install", out, input="n\n")
    assert r.exit_code == 1 and "HQ's key fingerprint" in r.stdout
    assert "nothing installed" in r.stderr
    assert json.loads(run_cli.ok("install", "--status", "--json")) is None
    r = run_cli("install", out, input="y\n")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip().splitlines()[-1] == "1"
    st = json.loads(run_cli.ok("install", "--status", "--json"))
    assert st["sequence"] == 1 and st["contents"]["plan"] == 1
    plan = json.loads(run_cli.ok("plan", "--json", "--status"))
    assert [x["branch"] for x in plan["lines"]] == ["SH001"]
    assert plan["counts"]["due"] == 1 and plan["counts"]["by_region"]["上海"]["total"] == 1
    uuid = run_cli.last_line("plan", "--start", "2")
    shown = json.loads(run_cli.ok("show", uuid, "--json"))
    assert shown["branch"]["code"] == "SH001"
    plan = json.loads(run_cli.ok("plan", "--json"))
    assert plan["lines"][0]["state"] == "in_progress"
    assert run_cli("plan", "--start", "99").exit_code == 1
    listed = json.loads(run_cli.ok("checklists", "list", "--json"))
    assert {c["id"]: c["source"] for c in listed}["example"] == "shipped"
    again = run_cli("install", out)
    assert again.exit_code == 1 and "already installed" in again.stderr


def test_a_plan_with_problems_lists_them_all(
    hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,scenario,wave,due,assignee\n"
        "SH001,nonesuch,onsite,,,2026-12-01,\n"
        "SH001,example,onsite,,,31/12/2026,\n"
        "=cmd,example,flying,,,2026-12-01,\n"
        "NOPE,example,onsite,,,2026-12-01,\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as e:
        _publish(hq_db, hq_key, tmp_path, plan_file=tmp_path / "plan.csv")
    text = str(e.value)
    assert "plan.csv:2: checklist: checklist 'nonesuch' is neither in this pack" in text
    assert "plan.csv:3: due: '31/12/2026' is not a date" in text
    assert "plan.csv:4: branch: starts with = + - or @" in text
    assert "plan.csv:5: branch: branch 'NOPE' is neither in the branch list" in text


def test_a_planned_wave_plays_the_plans_scenario(
    db: Database, hq_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    with hq_db.session() as s:
        from inspector.services import branches

        branches.create(s, code="SH001", name="浦东")
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,scenario,wave,due\n"
        "SH001,mystery-shopper,mystery,cash_purpose,W1,2026-12-31\n",
        encoding="utf-8",
    )
    install(
        db,
        _publish(hq_db, hq_key, tmp_path, plan_file=tmp_path / "plan.csv"),
        confirm_first=lambda f: True,
    )
    with db.session() as s:
        assert svc.wave_scenario(s, "W1", "mystery-shopper", exclude=-1) == "cash_purpose"
        assert svc.wave_scenario(s, "W2", "mystery-shopper", exclude=-1) is None


def test_at_hq_the_published_plan_counts_received_inspections(
    any_db: Database, hq_key: keys.DeviceKeys, tmp_path: Path
) -> None:
    hq_db = any_db  # HQ, on SQLite and on PostgreSQL
    from tests.integration.conftest import make_finalized

    (tmp_path / "b.csv").write_text(BRANCHES, encoding="utf-8")
    (tmp_path / "plan.csv").write_text(
        "branch,checklist,mode,due,assignee\n"
        "SH001,example,onsite,2026-12-31,tester\n"
        "BJ001,example,onsite,2026-11-01,李四\n",
        encoding="utf-8",
    )
    _publish(
        hq_db,
        hq_key,
        tmp_path,
        branches_csv=tmp_path / "b.csv",
        plan_file=tmp_path / "plan.csv",
    )
    with hq_db.session() as s:
        from inspector.services import branches

        branches.upsert(s, [{"code": "SH001", "name": "浦东", "region": "上海"}])
    make_finalized(hq_db, n_photos=0, branch_code="SH001")
    with hq_db.read_session() as s:
        counts = plan_status.counts(plan_status.lines(s))
    assert (counts["done"], counts["overdue"], counts["total"]) == (1, 1, 2)
    assert counts["by_assignee"]["李四"]["overdue"] == 1
    assert counts["by_region"]["上海"]["done"] == 1
