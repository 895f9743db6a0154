"""An on-site inspection is signed off with the branch manager's name: its report prints the
manager's sign-off line. A mystery visit has no manager (the shopper is covert)."""

from __future__ import annotations

import json

import pytest

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.errors import ValidationError
from inspector.services import branches
from inspector.services import inspections as svc
from inspector.text import Lang, Surface
from tests.conftest import Cli

NO_MANAGER = (
    "the branch manager's name is missing (the report prints their sign-off line) "
    "(give it with inspector finalize ID --by NAME --manager NAME)"
)


def _complete(db: Database, mode: str) -> str:
    """An inspection with every item answered pass (and the photos it needs)."""
    from tests.integration.conftest import photo_bytes

    with db.session() as s:
        if branches.find_by_code(s, "SH001") is None:
            branches.create(s, code="SH001", name="浦东支行", region="上海")
        insp = svc.create(s, branch_code="SH001", checklist_id="example", mode=mode)
        while unanswered := [
            i.id
            for i in svc.checklist_of(insp).items()
            if i.applies_to(Mode(mode)) and i.id not in svc.answers_of(insp)
        ]:
            for item_id in unanswered:
                svc.set_answer(s, insp, item_id, result="pass", actor="t")
        from inspector.services import photos

        for m in svc.missing_for_finalize(insp):
            if m.kind == "evidence" and m.item_id:
                photos.add_bytes(
                    s, insp, m.item_id, photo_bytes(m.item_id), file_name="e.jpg", actor="t"
                )
        if mode == Mode.MYSTERY:
            svc.set_visit(
                s,
                insp,
                actor="t",
                arrival="2026-11-20T09:00:00+08:00",
                departure="2026-11-20T09:30:00+08:00",
                scenario="cash",
            )
            svc.set_narrative(s, insp, "到店取号，等候十分钟后办理。" * 10, actor="t")
        return insp.uuid


def test_onsite_sign_off_needs_the_managers_name(db: Database) -> None:
    uuid = _complete(db, "onsite")
    with db.session() as s:
        insp = svc.get(s, uuid)
        (gap,) = svc.missing_for_finalize(insp)
        assert gap.kind == "manager" and gap.item_id is None
        assert gap.message() == NO_MANAGER
        assert gap.message(Lang.ZH, Surface.GUI) == (
            "未填写网点负责人姓名（报告中有其确认签收栏）（在“定稿”页填写“网点负责人”）"
        )
        with pytest.raises(ValidationError) as info:
            svc.finalize(s, insp, by="张三")
        assert str(info.value) == f"cannot finalize, 1 thing(s) missing: {NO_MANAGER}"
        with pytest.raises(ValidationError):
            svc.finalize(s, insp, by="张三", manager_name="   ")  # blanks are no name
    with db.session() as s:
        svc.finalize(s, svc.get(s, uuid), by="张三", manager_name="王经理")
    with db.read_session() as s:
        insp = svc.get(s, uuid)
        assert insp.status == svc.FINALIZED and insp.manager_name == "王经理"


def test_a_name_saved_before_sign_off_is_enough(db: Database) -> None:
    uuid = _complete(db, "onsite")
    with db.session() as s:
        insp = svc.get(s, uuid)
        svc.set_manager_name(s, insp, "王经理", actor="t")
        assert svc.missing_for_finalize(insp) == []
        svc.finalize(s, insp, by="张三")


def test_a_mystery_visit_needs_no_manager(db: Database) -> None:
    uuid = _complete(db, "mystery")
    with db.session() as s:
        insp = svc.get(s, uuid)
        assert [m.kind for m in svc.missing_for_finalize(insp)] == []
        svc.finalize(s, insp, by="张三")


def test_the_cli_requires_manager_for_onsite(db: Database, run_cli: Cli) -> None:
    uuid = _complete(db, "onsite")
    shown = json.loads(run_cli.ok("show", uuid, "--json"))
    assert shown["missing"] == [{"kind": "manager", "item": None, "message": NO_MANAGER}]
    r = run_cli("finalize", uuid, "--by", "张三")
    assert r.exit_code == 1
    assert r.stderr == f"error: cannot finalize, 1 thing(s) missing: {NO_MANAGER}\n"
    run_cli.ok("finalize", uuid, "--by", "张三", "--manager", "王经理")
