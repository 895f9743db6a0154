"""HQ evaluates 屡查屡犯 over everything it holds, across laptops and package order."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from inspector.db import Database, open_database
from inspector.domain.checklist import Mode
from inspector.services import branches, keys
from inspector.services.exchange.export import export_inspection
from inspector.services.exchange.importer import import_paths
from inspector.services.hq import repeats as hq_repeats
from inspector.services.hq.rectification import findings
from inspector.services.hq.rows import HqFilter
from inspector.services.inspections import lifecycle
from inspector.services.inspections.answering import set_answer
from inspector.services.inspections.lifecycle import create
from inspector.services.inspections.lookup import get
from inspector.services.inspections.records import show_dict
from inspector.services.inspections.rescoring import rescore
from inspector.services.inspections.signoff import finalize
from inspector.services.inspections.snapshots import checklist_of
from tests.conftest import Cli


def _device() -> keys.DeviceKeys:
    return keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )


def _inspect(db: Database, *, days: int, fail: tuple[str, ...], code: str = "SZ003") -> str:
    """A finalized on-site 'example' inspection ``days`` after the clock's now."""
    with db.session() as s:
        if branches.find_by_code(s, code) is None:
            branches.create(s, code=code, name="深圳分行南山支行", region="深圳")
        insp = create(s, branch_code=code, checklist_id="example", inspector="张三")
        insp.started_at = insp.started_at + timedelta(days=days)
        for item in checklist_of(insp).items():
            if item.applies_to(Mode.ONSITE):
                result = "fail" if item.id in fail else "pass"
                set_answer(s, insp, item.id, result=result, actor="张三", rescore_now=False)
        rescore(s, insp)
        finalize(s, insp, by="张三", manager_name="王经理", force=True)
        return insp.uuid


def _package(db: Database, uuid_: str, device: keys.DeviceKeys, folder: Path) -> Path:
    with db.session() as s:
        data = export_inspection(s, get(s, uuid_), device=device)
    path = folder / f"{uuid_[:8]}.inspection"
    path.write_bytes(data)
    return path


def _laptop_findings(db: Database, uuid_: str) -> dict[str, dict[str, object]]:
    with db.session() as s:
        return {f["item"]: f for f in show_dict(s, get(s, uuid_))["findings"]}


@pytest.fixture
def two_laptops(tmp_path: Path) -> dict[str, object]:
    """Laptop A inspects SZ003 on day 0 and day 60, laptop B on day 30; all fail ex.polite."""
    a = open_database(tmp_path / "a.sqlite3")
    b = open_database(tmp_path / "b.sqlite3")
    dev_a, dev_b = _device(), _device()
    a1 = _inspect(a, days=0, fail=("ex.polite", "ex.reading"))
    b1 = _inspect(b, days=30, fail=("ex.polite",))
    a2 = _inspect(a, days=60, fail=("ex.polite", "ex.counter_height"))
    out = {
        "a1": a1,
        "b1": b1,
        "a2": a2,
        "laptop": {
            a1: _laptop_findings(a, a1),
            b1: _laptop_findings(b, b1),
            a2: _laptop_findings(a, a2),
        },
        "pkgs": {
            a1: _package(a, a1, dev_a, tmp_path),
            b1: _package(b, b1, dev_b, tmp_path),
            a2: _package(a, a2, dev_a, tmp_path),
        },
    }
    a.dispose()
    b.dispose()
    return out


def test_repeats_span_laptops_and_late_packages(
    db: Database, run_cli: Cli, two_laptops: dict[str, object], tmp_path: Path
) -> None:
    a1, b1, a2 = (str(two_laptops[k]) for k in ("a1", "b1", "a2"))
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    laptop: dict[str, dict[str, dict[str, object]]] = two_laptops["laptop"]  # type: ignore[assignment]
    # Laptop B never saw A's inspection: no mark there. Laptop A marked its own repeat.
    assert laptop[b1]["ex.polite"]["repeat_of"] is None
    assert laptop[a2]["ex.polite"]["repeat_of"] == a1
    # B's package first, then A's: the earliest inspection arrives last (late, out of order).
    assert import_paths(db, [pkgs[b1], pkgs[a2]]).ok
    rows = json.loads(run_cli.ok("hq", "findings", "--json"))
    by = {(r["inspection"], r["item"]): r for r in rows}
    assert by[(b1, "ex.polite")]["hq_repeat"] is False  # nothing earlier at HQ yet
    assert by[(a2, "ex.polite")]["hq_repeat_of"] == b1
    assert import_paths(db, [pkgs[a1]]).ok
    rows = json.loads(run_cli.ok("hq", "findings", "--json"))
    by = {(r["inspection"], r["item"]): r for r in rows}
    polite_b = by[(b1, "ex.polite")]
    # The late package made B's finding a repeat: severity one level up at HQ only.
    assert polite_b["hq_repeat"] is True and polite_b["hq_repeat_of"] == a1
    assert polite_b["hq_repeat_earlier"] == 1
    assert polite_b["repeat_of"] is None  # the laptop's own mark, unchanged
    assert polite_b["severity"] == laptop[b1]["ex.polite"]["severity"]
    order = ["low", "medium", "high"]
    assert order.index(polite_b["hq_severity"]) == min(order.index(polite_b["severity"]) + 1, 2)
    # A2 repeats both earlier ones; the laptop raised it already, HQ does not raise it again.
    polite_a2 = by[(a2, "ex.polite")]
    assert polite_a2["hq_repeat_of"] == b1 and polite_a2["hq_repeat_earlier"] == 2
    assert polite_a2["hq_severity"] == polite_a2["severity"] == laptop[a2]["ex.polite"]["severity"]
    # Failed once only: no repeat anywhere.
    assert by[(a2, "ex.counter_height")]["hq_repeat"] is False
    assert by[(a1, "ex.reading")]["hq_repeat"] is False
    assert by[(a1, "ex.polite")]["hq_repeat"] is False  # the first time is not a repeat
    # --repeats lists exactly HQ's repeats; the text marks them.
    only = json.loads(run_cli.ok("hq", "findings", "--repeats", "--json"))
    assert sorted((r["inspection"], r["item"]) for r in only) == sorted(
        [(b1, "ex.polite"), (a2, "ex.polite")]
    )
    assert "屡查屡犯: 1 earlier" in run_cli.ok("hq", "findings")
    # Excel: the findings sheet has the repeat column and HQ's severity.
    out = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(out), "--lang", "en")
    ws = load_workbook(out)["Findings"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    marked = {
        (r[col["Inspection"]], r[col["Item id"]]): r[col["Repeat"]]
        for r in ws.iter_rows(min_row=2, values_only=True)
    }
    assert marked[(b1, "ex.polite")] == "repeat (1 earlier)"
    assert marked[(a1, "ex.polite")] in ("", None)


def test_reimport_and_amend_keep_the_evaluation_in_step(
    db: Database, two_laptops: dict[str, object]
) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    import_paths(db, list(pkgs.values()))
    with db.read_session() as s:
        first = [
            (r.inspection_uuid, r.item_id, r.hq_earlier)
            for r in findings(s, HqFilter(), repeats=True)
        ]
    # Evaluating everything again gives the same answer as the per-branch evaluations did,
    # and writes nothing: only what changed is written (each write moves the findings'
    # marks and their inspections' counts through triggers).
    writes: list[str] = []

    def seen(_c: object, _cur: object, stmt: str, *_a: object) -> None:
        if "hq_repeats" in stmt and not stmt.lstrip().upper().startswith("SELECT"):
            writes.append(stmt)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.session() as s:
            assert hq_repeats.evaluate(s) == 2
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert writes == []
    with db.read_session() as s:
        again = [
            (r.inspection_uuid, r.item_id, r.hq_earlier)
            for r in findings(s, HqFilter(), repeats=True)
        ]
    assert sorted(first) == sorted(again) and len(first) == 2


def _hq_rows(db: Database) -> list[tuple[object, ...]]:
    from sqlalchemy import select

    from inspector.db.models import HqRepeat

    with db.read_session() as s:
        return sorted(
            tuple(r)
            for r in s.execute(
                select(HqRepeat.finding_id, HqRepeat.repeat_of, HqRepeat.earlier, HqRepeat.severity)
            )
        )


@pytest.mark.parametrize("amendment_first", [False, True])
def test_an_amendment_re_evaluates_the_items_it_no_longer_fails(
    tmp_path: Path, amendment_first: bool
) -> None:
    """An import evaluates only the items its revision and the one it supersedes failed;
    that gives the same rows as evaluating everything, whatever the order of arrival."""
    a = open_database(tmp_path / "a.sqlite3")
    dev = _device()
    a1 = _inspect(a, days=0, fail=("ex.polite", "ex.reading"))
    a2 = _inspect(a, days=60, fail=("ex.polite", "ex.reading"))
    first = {u: _package(a, u, dev, tmp_path) for u in (a1, a2)}
    # Revision 2 of the first inspection passes ex.polite (and still fails ex.reading).
    with a.session() as s:
        new = lifecycle.amend(s, get(s, a1), reason="复核", actor="张三")
        set_answer(s, new, "ex.polite", result="pass", actor="张三", rescore_now=False)
        rescore(s, new)
        finalize(s, new, by="张三", manager_name="王经理", force=True)
    amended = tmp_path / "amended"
    amended.mkdir()
    rev2 = _package(a, a1, dev, amended)
    a.dispose()
    hq = open_database(tmp_path / "hq.sqlite3")
    order = [rev2, first[a1], first[a2]] if amendment_first else [first[a1], first[a2], rev2]
    for pkg in order:
        assert import_paths(hq, [pkg]).ok
    with hq.read_session() as s:
        got = sorted(
            (r.inspection_uuid, r.item_id, r.hq_repeat_of, r.hq_earlier)
            for r in findings(s, HqFilter(), repeats=True)
        )
    # ex.polite: only the later inspection fails it now, so it is no repeat any more.
    assert got == [(a2, "ex.reading", a1, 1)]
    scoped = _hq_rows(hq)
    with hq.session() as s:
        hq_repeats.evaluate(s)
    assert _hq_rows(hq) == scoped
    hq.dispose()


def test_coverage_names_branches_and_devices(
    db: Database, run_cli: Cli, two_laptops: dict[str, object], tmp_path: Path
) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    import_paths(db, list(pkgs.values()))
    with db.session() as s:
        branches.create(s, code="SH001", name="上海分行浦东支行", region="上海")
    data = json.loads(run_cli.ok("hq", "coverage", "--json"))
    assert (data["inspected"], data["total"]) == (1, 2)
    rows = {r["branch"]["code"]: r for r in data["branches"]}
    sz = rows["SZ003"]
    assert sz["inspected"] is True and sz["onsite"]["inspections"] == 3
    assert sz["onsite"]["latest"]["inspection"] == two_laptops["a2"]  # day 60, the newest
    assert sz["mystery"] == {"inspections": 0, "latest": None}
    assert rows["SH001"]["inspected"] is False and rows["SH001"]["onsite"]["latest"] is None
    # Two devices sent packages (neither trusted here): 2 from laptop A, 1 from laptop B.
    assert sorted(d["packages"] for d in data["devices"]) == [1, 2]
    assert all(d["trusted"] is False and d["last_package_at"] for d in data["devices"])
    # A period without the inspections: nobody inspected.
    later = json.loads(run_cli.ok("hq", "coverage", "--from", "2027-06-01", "--json"))
    assert later["inspected"] == 0
    # The HQ PDF's first page says it and names the branch not inspected.
    pdf = tmp_path / "hq.pdf"
    run_cli.ok("hq", "report", "-o", str(pdf), "--lang", "zh")
    from pypdf import PdfReader

    first = PdfReader(str(pdf)).pages[0].extract_text()
    assert "2 个网点中 1 个有已定稿的现场检查" in first
    assert "SH001 上海分行浦东支行" in first


def test_repeats_on_either_backend(any_db: Database, two_laptops: dict[str, object]) -> None:
    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    a1, b1, a2 = (str(two_laptops[k]) for k in ("a1", "b1", "a2"))
    # Newest first: every later import re-evaluates what came after it.
    assert import_paths(any_db, [pkgs[a2], pkgs[b1], pkgs[a1]]).ok
    with any_db.read_session() as s:
        rows = findings(s, HqFilter(), repeats=True)
    got = sorted((r.inspection_uuid, r.item_id, r.hq_repeat_of, r.hq_earlier) for r in rows)
    assert got == sorted([(b1, "ex.polite", a1, 1), (a2, "ex.polite", b1, 2)])


def test_the_migration_backfills_what_the_service_evaluates(
    db: Database, two_laptops: dict[str, object]
) -> None:
    """Upgrading an HQ database evaluates the repeats it already holds, by the same rule."""
    import importlib.util

    import sqlalchemy as sa
    from sqlalchemy import delete, select

    from inspector import paths
    from inspector.db.models import HqRepeat

    pkgs: dict[str, Path] = two_laptops["pkgs"]  # type: ignore[assignment]
    import_paths(db, list(pkgs.values()))

    def rows() -> list[tuple[object, ...]]:
        with db.read_session() as s:
            return sorted(
                tuple(r)
                for r in s.execute(
                    select(
                        HqRepeat.finding_id, HqRepeat.repeat_of, HqRepeat.earlier, HqRepeat.severity
                    )
                )
            )

    evaluated = rows()
    assert len(evaluated) == 2
    spec = importlib.util.spec_from_file_location(
        "m0013", paths.migrations_dir() / "versions" / "0013_hq_repeats.py"
    )
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with db.engine.begin() as conn:
        conn.execute(delete(HqRepeat))
        # The table as the migration sees it: plain columns, no ORM types.
        migration._backfill(conn, sa.Table("hq_repeats", sa.MetaData(), autoload_with=conn))
    assert rows() == evaluated
