"""The screens' read models (services/views) and changes by id (services/commands), no Qt.

Each command is one committed unit of work: a refused change leaves nothing behind, and
what a read model returns is plain data, usable after its session closed and free of ORM
objects (workers hand it across threads).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from inspector.checklists import LoadedChecklist, load_all
from inspector.db import Database
from inspector.db.models import AuditEntry, Base, Branch, Inspection, Photo
from inspector.domain.answers import Answer
from inspector.domain.checklist import Mode, Result
from inspector.errors import NotFoundError, ReadOnlyError, UserError
from inspector.services import hq
from inspector.services import inspections as svc
from inspector.services import photos as photo_svc
from inspector.services.commands import branches as branch_commands
from inspector.services.commands import inspections as commands
from inspector.services.commands import photos as photo_commands
from inspector.services.commands import settings as settings_commands
from inspector.services.views import files, home, inspection_list, photos, runner
from inspector.services.views import hq as hq_view
from inspector.services.views import settings as settings_view
from inspector.services.views.branches import branch_choices
from tests.conftest import PHOTOS, Cli
from tests.integration.conftest import make_finalized, photo_bytes

ITEM, OTHER = "ex.counter_height", "ex.ramp"


def _example() -> LoadedChecklist:
    loaded, _problems = load_all()
    return next(c for c in loaded if c.id == "example")


def _new(db: Database, code: str = "B001", **kw: Any) -> str:
    new_branch = commands.NewBranch(code, "测试支行", region="上海") if code != "SH001" else None
    return commands.create(
        db,
        branch_code=code,
        checklist=_example(),
        mode=kw.get("mode", Mode.ONSITE.value),
        inspector="张三",
        new_branch=new_branch,
    )


def _count(db: Database, model: type[Base]) -> int:
    with db.read_session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _orm_objects(value: object, path: str = "") -> list[str]:
    """Where ``value`` (a read model) holds an ORM object, if anywhere."""
    if isinstance(value, Base):
        return [path or "."]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            hit
            for f in dataclasses.fields(value)
            for hit in _orm_objects(getattr(value, f.name), f"{path}.{f.name}")
        ]
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in _orm_objects(v, f"{path}[{k!r}]")]
    if isinstance(value, list | tuple | set | frozenset):
        return [hit for i, v in enumerate(value) for hit in _orm_objects(v, f"{path}[{i}]")]
    return []


# ---------------------------------------------------------------- runner
def test_an_answer_is_committed_and_read_back_in_the_state(db: Database) -> None:
    uuid = _new(db)
    commands.store_answer(db, uuid, ITEM, Answer(result=Result.FAIL), actor="张三")
    state = runner.inspection_state(db, uuid)
    assert state.answers[ITEM].result == Result.FAIL
    assert state.branch_code == "B001" and state.inspector == "张三"
    assert [f.item_id for f in state.findings] == [ITEM]  # a failed item is a finding
    assert state.score.answered == 1 and not state.read_only
    assert _orm_objects(state) == []
    # Cleared with a note: the judgement goes, the note stays (one unit of work).
    commands.store_answer(db, uuid, ITEM, Answer(note="量过两次"), actor="张三")
    state = runner.inspection_state(db, uuid)
    assert state.answers[ITEM].result is None and state.notes == {ITEM: "量过两次"}
    assert state.findings == []


def test_a_refused_change_writes_nothing(db: Database) -> None:
    uuid = make_finalized(db)
    before = _count(db, AuditEntry)
    with pytest.raises(ReadOnlyError):
        commands.store_answer(db, uuid, ITEM, Answer(result=Result.FAIL), actor="x")
    with pytest.raises(ReadOnlyError):
        commands.set_narrative(db, uuid, "改写", actor="x")
    with pytest.raises(NotFoundError):
        commands.store_answer(db, "0" * 32, ITEM, Answer(result=Result.PASS), actor="x")
    assert _count(db, AuditEntry) == before
    state = runner.inspection_state(db, uuid)
    assert state.read_only and state.status == svc.FINALIZED
    assert state.manager_name == "王经理" and state.finalized_by == "张三"


def test_visit_narrative_finding_and_notes_go_through_commands(db: Database) -> None:
    uuid = _new(db)
    commands.store_answer(db, uuid, ITEM, Answer(result=Result.FAIL), actor="张三")
    commands.update_finding(db, uuid, ITEM, actor="张三", owner="李四", action="降低柜台")
    commands.set_note(db, uuid, ITEM, "柜台 90 cm", actor="张三")
    commands.set_narrative(db, uuid, "整体良好", actor="张三")
    commands.set_manager_name(db, uuid, "王经理", actor="张三")
    state = runner.inspection_state(db, uuid)
    finding = state.findings[0]
    assert (finding.owner, finding.action) == ("李四", "降低柜台")
    assert state.notes[ITEM] == "柜台 90 cm" and state.answers[ITEM].result == Result.FAIL
    assert state.narrative == "整体良好" and state.manager_name == "王经理"
    with pytest.raises(UserError):
        commands.set_visit(db, uuid, actor="张三", no_such_field="x")


def test_finalize_then_amend_by_uuid(db: Database) -> None:
    uuid = _new(db)
    state = runner.inspection_state(db, uuid)
    with pytest.raises(UserError):  # unanswered items: refused, still a draft
        commands.finalize(db, uuid, by="张三", manager_name="王经理")
    assert runner.inspection_state(db, uuid).status == svc.DRAFT
    while unanswered := [i.id for i in state.visible_items() if i.id not in state.answers]:
        # An answer may show further items (show_if): answer until none is left.
        for item_id in unanswered:
            commands.store_answer(db, uuid, item_id, Answer(result=Result.PASS), actor="张三")
        state = runner.inspection_state(db, uuid)
    for m in state.missing:
        if m.kind == "evidence" and m.item_id:
            photo_commands.add_bytes(
                db, uuid, m.item_id, photo_bytes(m.item_id), file_name="e.jpg", actor="张三"
            )
    # Only the manager's name is left: it is given with the sign-off.
    assert [m.kind for m in runner.inspection_state(db, uuid).missing] == ["manager"]
    commands.finalize(db, uuid, by="张三", manager_name="王经理")
    assert runner.inspection_state(db, uuid).read_only
    commands.amend(db, uuid, reason="补充照片", actor="张三")
    amended = runner.inspection_state(db, uuid)
    assert amended.revision == 2 and not amended.read_only
    assert amended.amendment_reason == "补充照片"


# ---------------------------------------------------------------- home and list
def test_create_with_a_new_branch_is_one_unit_of_work(db: Database) -> None:
    uuid = _new(db, "N001")
    assert [b.code for b in branch_choices(db)] == ["N001"]
    assert runner.inspection_state(db, uuid).branch_name == "测试支行"
    # The branch is refused (its code exists): no inspection is made either.
    with pytest.raises(UserError):
        _new(db, "N001")
    assert _count(db, Inspection) == 1 and _count(db, Branch) == 1


def test_home_view_rows_total_and_branches(db: Database) -> None:
    first = make_finalized(db, label="a")
    second = _new(db, "B002")
    view = home.home_view(db, limit=1)
    assert view.total == 2 and [r.uuid for r in view.rows] == [second]
    assert {b.code for b in view.branches} == {"SH001", "B002"}
    only = home.home_view(db, "SH001")
    assert [r.uuid for r in only.rows] == [first] and only.total == 1
    row = only.rows[0]
    assert row.status == svc.FINALIZED and row.grade_zh and row.grade_en
    assert row.checklist_title("en") and not row.scores_hidden
    assert _orm_objects(view) == []


def test_inspector_list_prints_the_same_rows(db: Database, run_cli: Cli) -> None:
    make_finalized(db, label="a")
    _new(db, "B002")
    printed = json.loads(run_cli.ok("list", "--json"))
    rows = inspection_list.list_inspections(db).rows
    assert printed == [r.as_dict() for r in rows]
    assert [p["id"] for p in printed] == [r.uuid for r in home.home_view(db).rows]
    assert set(printed[0]) >= {"id", "revision", "status", "branch", "checklist", "grade"}


def test_duplicate_and_delete_draft(db: Database) -> None:
    uuid = make_finalized(db)
    copy = commands.duplicate(db, uuid, actor="张三")
    state = runner.inspection_state(db, copy)
    assert state.copied_from == uuid and state.copied and not state.read_only
    item = next(iter(state.copied))
    commands.confirm_copied_answer(db, copy, item, actor="张三")
    assert item not in runner.inspection_state(db, copy).copied
    with pytest.raises(UserError):  # finalized: never deleted
        commands.delete_draft(db, uuid, actor="张三")
    commands.delete_draft(db, copy, actor="张三")
    with pytest.raises(NotFoundError):
        runner.inspection_state(db, copy)
    assert [r.uuid for r in home.home_view(db).rows] == [uuid]


def test_branch_import_by_path(db: Database, tmp_path: Any) -> None:
    csv = tmp_path / "branches.csv"
    csv.write_text("code,name,region\nC001,一号支行,北京\nC002,二号支行,北京\n", encoding="utf-8")
    result = branch_commands.import_csv(db, csv, actor="张三")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert [(b.code, b.region) for b in branch_choices(db)] == [("C001", "北京"), ("C002", "北京")]
    csv.write_text("code,name,region\nC003,三号支行,北京\nC003,重复,北京\n", encoding="utf-8")
    with pytest.raises(UserError):
        branch_commands.import_csv(db, csv, actor="张三")
    assert len(branch_choices(db)) == 2  # a bad file adds nothing


# ---------------------------------------------------------------- photos
def test_photo_strip_and_editor_by_id(db: Database) -> None:
    uuid = _new(db)
    outcome = photo_commands.add_files(
        db, uuid, ITEM, [PHOTOS / "Landscape_6.jpg", PHOTOS / "Landscape_6.jpg"], actor="张三"
    )
    assert len(outcome.added) == 1 and len(outcome.duplicates) == 1 and not outcome.refused
    pid = outcome.added[0]
    shown = photos.item_photos(db, uuid, ITEM)
    assert shown.inspector == "张三" and [r.id for r in shown.rows] == [pid]
    assert shown.rows[0].thumb[:2] == b"\xff\xd8" or shown.rows[0].thumb[:4] == b"\x89PNG"
    assert _orm_objects(shown) == []
    assert runner.inspection_state(db, uuid).photos == {ITEM: 1}

    choices = photos.attach_choices(db, uuid, pid, "zh")
    assert ITEM not in [c[0] for c in choices] and OTHER in [c[0] for c in choices]
    new_id = photo_commands.attach_to_item(db, uuid, pid, OTHER, actor="张三")
    assert OTHER not in [c[0] for c in photos.attach_choices(db, uuid, pid, "zh")]
    assert [r.id for r in photos.item_photos(db, uuid, OTHER).rows] == [new_id]

    editor = photos.editor_photo(db, pid)
    assert (editor.width, editor.height) != (0, 0) and editor.display
    assert not editor.finalized and not editor.withheld and editor.layers["annotations"] == []
    box = {"kind": "rect", "x": 1, "y": 1, "w": 20, "h": 20, "color": "#ff0000"}
    photo_commands.set_layers(db, uuid, pid, {"annotations": [box], "redactions": []}, actor="张三")
    (stored,) = photos.editor_photo(db, pid).layers["annotations"]  # normalised on save
    assert {k: stored[k] for k in ("kind", "x", "y", "w", "h")} == {
        "kind": "rect",
        "x": 1,
        "y": 1,
        "w": 20,
        "h": 20,
    }
    assert photos.item_photos(db, uuid, ITEM).rows[0].annotated

    pasted = photo_commands.add_bytes(
        db, uuid, ITEM, photo_bytes("pasted"), file_name="p.jpg", actor="张三"
    )
    with pytest.raises(photo_svc.PhotoError):  # the same bytes again: refused, not stored
        photo_commands.add_bytes(
            db, uuid, ITEM, photo_bytes("pasted"), file_name="p.jpg", actor="x"
        )
    photo_commands.delete(db, uuid, [pasted, new_id], actor="张三")
    assert [r.id for r in photos.item_photos(db, uuid, ITEM).rows] == [pid]
    assert photos.item_photos(db, uuid, OTHER).rows == []
    assert _count(db, Photo) == 1


def test_photo_commands_refuse_a_photo_of_another_inspection(db: Database) -> None:
    """Issue 20 §7: every photo write checks the photo is the named inspection's."""
    mine, other = _new(db), _new(db, "B002")
    pid = photo_commands.add_files(db, other, ITEM, [PHOTOS / "Landscape_6.jpg"], actor="x").added[
        0
    ]
    box = {"kind": "rect", "x": 1, "y": 1, "w": 20, "h": 20, "color": "#ff0000"}
    writes = {
        "delete": lambda: photo_commands.delete(db, mine, [pid], actor="x"),
        "attach": lambda: photo_commands.attach_to_item(db, mine, pid, OTHER, actor="x"),
        "layers": lambda: photo_commands.set_layers(
            db, mine, pid, {"annotations": [box], "redactions": []}, actor="x"
        ),
        "choices": lambda: photos.attach_choices(db, mine, pid, "en"),
    }
    for name, write in writes.items():
        with pytest.raises(NotFoundError) as e:
            write()
        assert f"is not a photo of inspection {mine}" in str(e.value), name
    assert [r.id for r in photos.item_photos(db, other, ITEM).rows] == [pid]
    assert photos.item_photos(db, other, OTHER).rows == []
    assert not photos.editor_photo(db, pid).layers["annotations"]
    assert photos.editor_photo(db, pid).inspection == other


def test_cli_photo_writes_check_the_inspection(db: Database, run_cli: Cli) -> None:
    mine, other = _new(db), _new(db, "B002")
    added = photo_commands.add_files(db, other, ITEM, [PHOTOS / "Landscape_6.jpg"], actor="x")
    pid = added.added[0]
    for args in (
        ("delete", pid),
        ("attach", pid, OTHER),
        ("redact", pid, "--box", "1,1,5,5"),
        ("annotate", pid, "--rect", "1,1,5,5"),
        ("print-size", pid, "large"),
    ):
        r = run_cli("photo", *args, "--inspection", mine)
        assert r.exit_code != 0 and f"is not a photo of inspection {mine}" in r.stderr, args
    assert [r.id for r in photos.item_photos(db, other, ITEM).rows] == [pid]
    run_cli.ok("photo", "print-size", pid, "large", "--inspection", other)


def test_photos_of_a_finalized_inspection_are_read_only(db: Database) -> None:
    uuid = make_finalized(db)
    pid = photos.item_photos(db, uuid, runner.inspection_state(db, uuid).visible_items()[0].id)
    photo_id = pid.rows[0].id
    assert photos.editor_photo(db, photo_id).finalized
    with pytest.raises(ReadOnlyError):
        photo_commands.delete(db, uuid, [photo_id], actor="x")
    assert _count(db, Photo) == 1


# ---------------------------------------------------------------- settings, files, HQ
def test_report_settings_round_trip(db: Database) -> None:
    assert settings_view.report_settings(db) == settings_view.ReportSettings("", "", "")
    settings_commands.set_value(db, "org.name", "某某银行", actor="张三")
    settings_commands.set_value(db, "display.tz", "+08:00", actor="张三")
    stored = settings_view.report_settings(db)
    assert (stored.org_name, stored.display_tz) == ("某某银行", "+08:00")
    with pytest.raises(UserError):
        settings_commands.set_value(db, "display.tz", "Mars/Olympus", actor="张三")
    assert settings_view.report_settings(db).display_tz == "+08:00"


def test_file_stem_and_report_pdf(db: Database) -> None:
    uuid = make_finalized(db)
    stem = files.file_stem(db, uuid)
    assert stem.endswith(f"_SH001_{uuid[:8]}") and len(stem.split("_")[0]) == 10
    steps: list[tuple[int, int]] = []
    pdf = files.report_pdf(db, uuid, lang="en", progress=lambda d, t: steps.append((d, t)))
    assert pdf.startswith(b"%PDF") and steps and steps[-1][0] == steps[-1][1]


def test_hq_dashboard_first_views_then_all(db: Database) -> None:
    make_finalized(db, label="a")
    make_finalized(db, label="b", branch_code="SH002", branch_name="二号支行")
    seen: list[hq_view.HqResult] = []
    result = hq_view.load_dashboard(db, hq.HqFilter(), on_first=seen.append)
    assert len(seen) == 1 and not seen[0].data.complete
    assert result.data.complete and result.regions == ["上海"]
    assert result.checklists == ["example"]
    assert len(result.data.league) == 2

    class Stop(Exception):
        pass

    def stop(_first: hq_view.HqResult) -> None:
        raise Stop

    with pytest.raises(Stop):  # a newer filter was chosen: the rest is not computed
        hq_view.load_dashboard(db, hq.HqFilter(), on_first=stop)


def test_the_orm_check_finds_a_nested_orm_object() -> None:
    @dataclasses.dataclass
    class Leaky:
        rows: list[dict[str, object]]

    assert _orm_objects(Leaky([{"a": 1}, {"b": Branch(code="X")}])) == [".rows[1]['b']"]
    assert _orm_objects(Leaky([{"a": 1}])) == []


def test_file_names_carry_the_local_day_and_a_file_safe_branch_code(db: Database) -> None:
    """Report and package names share one stem: the day the inspection started where it
    was made (01:30 in Shanghai is still that day, not the UTC day before)."""
    from datetime import UTC, datetime

    from inspector.services.exchange import export

    uuid = _new(db)
    with db.session() as s:
        insp = svc.get(s, uuid)
        insp.started_at = datetime(2026, 3, 4, 17, 30, tzinfo=UTC)  # 01:30 on the 5th, +08:00
        insp.branch.code = "SH/01 区"
        name = export.package_file_name(insp)
    stem = files.file_stem(db, uuid)
    assert stem == f"2026-03-05_SH_01_{uuid[:8]}"
    assert name == f"{stem}_r1{export.SUFFIX}"
