"""Text being typed is kept apart from the record (``typed_texts``): never audited, settled
into the record (audited once) when typing settles or when a crash left it behind."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from inspector.db import Database
from inspector.db.models import AuditEntry
from inspector.domain.answers import Answer
from inspector.errors import ReadOnlyError, ValidationError
from inspector.services import inspections as svc
from inspector.services import typed
from inspector.services.commands import inspections as commands
from inspector.services.commands import typed as typed_commands
from tests.integration.conftest import make_finalized


def _draft(db: Database) -> str:
    from inspector.services import branches

    with db.session() as s:
        branches.create(s, code="SH001", name="浦东支行", region="上海")
        return svc.create(s, branch_code="SH001", checklist_id="example").uuid


def _audits(db: Database, uuid: str) -> int:
    with db.read_session() as s:
        n = s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.inspection_uuid == uuid)
        )
        return int(n or 0)


def test_keys_name_known_fields_only() -> None:
    F = typed.Field
    assert typed.key(F.VALUE, "ex.reading") == "value:ex.reading"
    assert typed.key(F.NARRATIVE) == "narrative"
    assert typed.parse_key("note:ex.ramp") == (F.NOTE, "ex.ramp")
    assert typed.parse_key("visit:ticket") == (F.VISIT, "ticket")
    for bad in ("value", "narrative:x", "visit:arrival", "colour:ex.ramp", ""):
        assert typed.parse_key(bad) is None, bad


def test_keeping_is_not_audited_and_replaces(db: Database) -> None:
    uuid = _draft(db)
    before = _audits(db, uuid)
    k = typed.key(typed.Field.VALUE, "ex.reading")
    for text in ("1", "12", "123"):
        typed_commands.keep(db, uuid, k, text)
    assert typed_commands.pending(db, uuid) == {k: "123"}
    assert _audits(db, uuid) == before
    with pytest.raises(ValidationError):
        typed_commands.keep(db, uuid, "colour:ex.ramp", "red")


def test_recording_the_value_discards_what_was_kept_in_the_same_unit(db: Database) -> None:
    uuid = _draft(db)
    k = typed.key(typed.Field.VALUE, "ex.reading")
    typed_commands.keep(db, uuid, k, "4")
    commands.store_answer(db, uuid, "ex.reading", Answer(value=4), actor="t")
    assert typed_commands.pending(db, uuid) == {}
    # A refused value leaves what was typed kept (it is still in the field).
    typed_commands.keep(db, uuid, k, "-1")
    with pytest.raises(ValidationError):
        commands.store_answer(db, uuid, "ex.reading", Answer(value=-1), actor="t")
    assert typed_commands.pending(db, uuid) == {k: "-1"}


def test_recover_records_each_field_once_and_reports_refusals(db: Database) -> None:
    uuid = _draft(db)
    F = typed.Field
    typed_commands.keep(db, uuid, typed.key(F.VALUE, "ex.reading"), "7")
    typed_commands.keep(db, uuid, typed.key(F.VALUE, "ex.counter_height"), "tall")
    typed_commands.keep(db, uuid, typed.key(F.NOTE, "ex.reading"), "shelf by the door")
    typed_commands.keep(db, uuid, typed.key(F.MANAGER), "王经理")
    done = typed_commands.recover(db, uuid, actor="张三")
    outcome = {(r.field, r.item_id): r.refused for r in done}
    assert outcome[(F.VALUE, "ex.reading")] is None
    assert outcome[(F.NOTE, "ex.reading")] is None
    assert outcome[(F.MANAGER, "")] is None
    refused = outcome[(F.VALUE, "ex.counter_height")]
    assert refused is not None and "tall" in str(refused)
    with db.read_session() as s:
        insp = svc.get(s, uuid)
        answer = svc.answers_of(insp)["ex.reading"]
        assert (answer.value, answer.note) == (7, "shelf by the door")
        assert insp.manager_name == "王经理"
        assert "ex.counter_height" not in svc.answers_of(insp)
    assert typed_commands.pending(db, uuid) == {}
    assert typed_commands.recover(db, uuid, actor="张三") == []  # nothing twice


def test_an_emptied_value_is_recovered_as_no_value_keeping_the_judgement(db: Database) -> None:
    uuid = _draft(db)
    commands.store_answer(db, uuid, "ex.reading", Answer(result=None, value=5), actor="t")
    commands.store_answer(db, uuid, "ex.counter_height", Answer(value=760.0), actor="t")
    commands.store_answer(
        db, uuid, "ex.counter_height", Answer(result=None, value=760.0), actor="t"
    )
    with db.session() as s:
        svc.set_answer(s, svc.get(s, uuid), "ex.counter_height", result="fail", value=760.0)
    F = typed.Field
    typed_commands.keep(db, uuid, typed.key(F.VALUE, "ex.reading"), "")
    typed_commands.keep(db, uuid, typed.key(F.VALUE, "ex.counter_height"), " ")
    typed_commands.recover(db, uuid, actor="t")
    with db.read_session() as s:
        answers = svc.answers_of(svc.get(s, uuid))
    assert "ex.reading" not in answers
    assert answers["ex.counter_height"].value is None
    assert answers["ex.counter_height"].result is not None


def test_a_finalized_inspection_keeps_nothing(db: Database) -> None:
    uuid = make_finalized(db)
    with pytest.raises(ReadOnlyError):
        typed_commands.keep(db, uuid, typed.key(typed.Field.NARRATIVE), "late")
