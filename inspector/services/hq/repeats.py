"""HQ's 屡查屡犯 evaluation: repeat findings over everything HQ holds.

A laptop marks a repeat (``findings.repeat_of``) only against what it has seen, when it
signs off. HQ holds every laptop's inspections, so it evaluates again, after every import
(in the import's own transaction) and every sign-off here, over all finalized, current
inspections of the branch: the rule is :mod:`inspector.domain.repeats` (same branch, same
checklist and mode, an earlier finalized inspection failed the same item; the severity is
raised one level). A late package re-evaluates the inspections after it, because each
item it touches is evaluated again over the whole branch (an import narrows the
evaluation to those items: the rule never links findings of different items). The result
lives in ``hq_repeats``; the laptop's own mark and severity are never changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from inspector.db.models import ChecklistSnapshot, Finding, HqRepeat, Inspection, utcnow
from inspector.domain import repeats as rule
from inspector.domain.states import InspectionStatus, Severity

log = logging.getLogger(__name__)

_BATCH = 500  # ids per IN (...) list


@cache
def _failures_query(branches: bool, scope: bool, items: bool) -> Select[*tuple[Any, ...]]:
    """The failures query with the filters asked for as parameters: built once per shape,
    since building and keying a statement costs ten times running it (one per import)."""
    q: Select[*tuple[Any, ...]] = (
        select(
            Finding.id,
            Inspection.branch_id,
            ChecklistSnapshot.checklist_id,
            Inspection.mode,
            Finding.item_id,
            Inspection.started_at,
            Inspection.uuid,
            Finding.severity,
            Finding.repeat_of,
        )
        .join(Inspection, Inspection.id == Finding.inspection_id)
        .join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id)
        .where(
            Finding.active.is_(True),
            Inspection.is_current.is_(True),
            Inspection.status == InspectionStatus.FINALIZED,
        )
    )
    if branches:
        q = q.where(Inspection.branch_id.in_(bindparam("branch_ids", expanding=True)))
    if scope:
        q = q.where(
            ChecklistSnapshot.checklist_id == bindparam("checklist_id"),
            Inspection.mode == bindparam("mode"),
        )
    if items:
        q = q.where(Finding.item_id.in_(bindparam("items", expanding=True)))
    return q


@cache
def _held_query(branches: bool, scope: bool, items: bool) -> Select[*tuple[Any, ...]]:
    """HQ's rows for the findings an evaluation of that shape covers (superseded revisions'
    and deactivated findings' too: they must go)."""
    old = select(Finding.id).join(Inspection, Inspection.id == Finding.inspection_id)
    if branches:
        old = old.where(Inspection.branch_id.in_(bindparam("branch_ids", expanding=True)))
    if scope:
        old = old.join(ChecklistSnapshot, ChecklistSnapshot.id == Inspection.snapshot_id).where(
            ChecklistSnapshot.checklist_id == bindparam("checklist_id"),
            Inspection.mode == bindparam("mode"),
        )
    if items:
        old = old.where(Finding.item_id.in_(bindparam("items", expanding=True)))
    return select(
        HqRepeat.finding_id, HqRepeat.repeat_of, HqRepeat.earlier, HqRepeat.severity
    ).where(HqRepeat.finding_id.in_(old))


_DELETE = delete(HqRepeat).where(HqRepeat.finding_id.in_(bindparam("ids", expanding=True)))
_UPDATE = (
    update(HqRepeat)
    .where(HqRepeat.finding_id == bindparam("fid"))
    .values(
        repeat_of=bindparam("repeat_of"),
        earlier=bindparam("earlier"),
        severity=bindparam("severity"),
        evaluated_at=bindparam("evaluated_at"),
    )
)
_INSERT = insert(HqRepeat)


def _params(
    branch_ids: Iterable[int] | None, scope: tuple[str, str] | None, items: Iterable[str] | None
) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if branch_ids is not None:
        params["branch_ids"] = sorted(set(branch_ids))
    if scope is not None:
        params["checklist_id"], params["mode"] = scope
    if items is not None:
        params["items"] = sorted(set(items))
    return params


def failures(
    session: Session,
    branch_ids: Iterable[int] | None = None,
    scope: tuple[str, str] | None = None,
    items: Iterable[str] | None = None,
) -> list[rule.Failure]:
    """Every active finding of a finalized, current inspection (of these branches; of one
    (checklist, mode) when ``scope`` is given; of these checklist items when ``items``
    is given). Read on the session's connection: flush what the ORM holds first."""
    q = _failures_query(branch_ids is not None, scope is not None, items is not None)
    return [
        rule.Failure(
            finding_id=int(r.id),
            key=(int(r.branch_id), str(r.checklist_id), str(r.mode), str(r.item_id)),
            started_at=r.started_at,
            inspection_uuid=str(r.uuid),
            severity=Severity(r.severity),
            laptop_repeat=r.repeat_of is not None,
        )
        for r in session.connection().execute(q, _params(branch_ids, scope, items))
    ]


def evaluate(
    session: Session,
    branch_ids: Iterable[int] | None = None,
    scope: tuple[str, str] | None = None,
    items: Iterable[str] | None = None,
) -> int:
    """Evaluate the repeats of these branches (all when None) again; returns how many.

    ``scope`` (checklist id, mode) narrows it to what one inspection can change: repeats
    only ever link inspections of the same checklist and mode. ``items`` (with a scope)
    narrows it further to those checklist items: the rule links findings of the same item
    only, so an imported revision changes the repeats of the items it or the revision it
    supersedes failed, and no others. The old rows of what is evaluated go (those of
    superseded revisions and deactivated findings too) and the rule's answer is written,
    in the caller's transaction.
    """
    ids = None if branch_ids is None else sorted(set(branch_ids))
    if ids == []:
        return 0
    # The statements below run on the session's connection, which does not autoflush:
    # what the caller changed through the ORM (a sign-off's findings) is written first.
    session.flush()
    if items is not None:
        wanted = sorted(set(items))
        return sum(
            _evaluate(session, ids, scope, wanted[n : n + _BATCH])
            for n in range(0, len(wanted), _BATCH)
        )
    return _evaluate(session, ids, scope, None)


def _evaluate(
    session: Session,
    ids: list[int] | None,
    scope: tuple[str, str] | None,
    items: list[str] | None,
) -> int:
    found = rule.evaluate(failures(session, ids, scope, items))
    # Plain statements on the session's connection: no HqRepeat object is loaded, so the
    # ORM has nothing to keep in step. Only what changed is written: an import re-evaluates
    # every earlier failure of its items at the branch, nearly all of them as they were,
    # and each row written or deleted sets the finding's repeat mark and its inspection's
    # counts through the database's triggers (migrations finding_facts, finding_tallies).
    conn = session.connection()
    want = {r.finding_id: (r.repeat_of, r.earlier, Severity(r.severity)) for r in found}
    if ids is None and scope is None and items is None:
        held_q = select(
            HqRepeat.finding_id, HqRepeat.repeat_of, HqRepeat.earlier, HqRepeat.severity
        )
        held_rows = conn.execute(held_q)
    else:
        held_rows = conn.execute(
            _held_query(ids is not None, scope is not None, items is not None),
            _params(ids, scope, items),
        )
    held = {int(f): (str(o), int(e), Severity(sev)) for f, o, e, sev in held_rows}
    gone = sorted(f for f in held if f not in want)
    changed = sorted(f for f, v in want.items() if f in held and held[f] != v)
    new = [r for r in found if r.finding_id not in held]
    now = utcnow()
    for start in range(0, len(gone), _BATCH):
        conn.execute(_DELETE, {"ids": gone[start : start + _BATCH]})
    if changed:
        conn.execute(
            _UPDATE,
            [
                {
                    "fid": f,
                    "repeat_of": want[f][0],
                    "earlier": want[f][1],
                    "severity": want[f][2],
                    "evaluated_at": now,
                }
                for f in changed
            ],
        )
    rows = [
        {
            "finding_id": r.finding_id,
            "repeat_of": r.repeat_of,
            "earlier": r.earlier,
            "severity": r.severity,
            "evaluated_at": now,
        }
        for r in new
    ]
    for start in range(0, len(rows), _BATCH):
        conn.execute(_INSERT, rows[start : start + _BATCH])
    log.info(
        "HQ repeat findings: %d in %s branch(es)",
        len(found),
        "all" if ids is None else len(ids),
    )
    return len(found)
