"""``hq publish``: HQ builds a signed pack of checklists, branches, plan and settings.

The sequence number comes from ``hq_publications`` (one row per pack built, the primary key
settles a race) and only goes up. A checklist whose content differs from what HQ published
before (or from the shipped file of the same id) under a version that did not go up is
refused, as ``checklists diff`` would.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from inspector.checklists import LoadedChecklist, checklist_from_json, load_all
from inspector.checklists.diff import diff, version_key
from inspector.checklists.xlsx import load_any
from inspector.db import Database
from inspector.db.models import Branch, Setting, utcnow
from inspector.db.publish_models import HqPublication, PlanLine
from inspector.errors import UserError, ValidationError
from inspector.files import KEY_FILE_MAX_BYTES, FileAccessError, read_bounded, write_atomic
from inspector.services import audit, branches, keys
from inspector.services.publish.pack import SUFFIX, PackContent, read_pack, write_pack
from inspector.services.publish.plan import read_plan
from inspector.text import publish as T
from inspector.textsafe import is_formula_like

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    path: Path
    sequence: int
    fingerprint: str
    summary: dict[str, Any]


def _last_published(session: Session) -> dict[str, tuple[str, str]]:
    """checklist id -> (version, canonical JSON) of the newest version HQ published."""
    out: dict[str, tuple[str, str]] = {}
    for row in session.scalars(select(HqPublication).order_by(HqPublication.sequence)):
        for c in row.summary.get("checklist_content", []):
            out[c["id"]] = (c["version"], c["content"])
    return out


def _check_versions(session: Session, loaded: list[LoadedChecklist]) -> None:
    shipped = {c.id: c for c in load_all()[0]}
    before = _last_published(session)
    for c in loaded:
        bases = []
        if c.id in shipped:
            bases.append(shipped[c.id].resolved)
        if c.id in before:
            bases.append(checklist_from_json(before[c.id][1]))
        for base in bases:
            problem = diff(base, c.resolved).problem
            if problem is not None:
                raise ValidationError(
                    T.PUBLISH_VERSION_NOT_RAISED,
                    checklist=c.id,
                    problem=UserError(problem[0], **problem[1]),
                    version=base.version,
                )


def _branch_rows(path: Path) -> list[dict[str, str]]:
    rows = branches.read_csv(path)
    for n, row in enumerate(rows, start=1):
        for f, value in row.items():
            if is_formula_like(value):
                raise ValidationError(
                    T.PACK_BAD_VALUE,
                    where=f"{path.name}: {row.get('code', n)} {f}",
                    problem=T.PLAN_FORMULA,
                )
    return [
        {
            "code": r["code"],
            "name": r["name"],
            "region": r.get("region", ""),
            "address": r.get("address", ""),
        }
        for r in rows
    ]


def publish(
    db: Database,
    out: Path,
    *,
    checklist_files: Sequence[Path] = (),
    withdraw: Sequence[str] = (),
    branches_csv: Path | None = None,
    plan_file: Path | None = None,
    include_settings: bool = False,
    next_key_file: Path | None = None,
    actor: str = "",
    device: keys.DeviceKeys | None = None,
) -> Published:
    """Build, sign and write the next HQ pack to ``out`` (a file, or a folder)."""
    device = device or keys.device_keys()
    content = PackContent(withdrawn=sorted(set(withdraw)), include_settings=include_settings)
    loaded = [load_any(p) for p in checklist_files]
    ids = [c.id for c in loaded]
    for c in loaded:
        if ids.count(c.id) > 1:
            raise ValidationError(T.PUBLISH_CHECKLIST_TWICE, checklist=c.id)
        if c.id in content.withdrawn:
            raise ValidationError(T.PUBLISH_WITHDRAW_AND_SEND, checklist=c.id)
    content.checklists = [(c.resolved, c.canonical_json, c.sha256) for c in loaded]
    if branches_csv is not None:
        content.branches = _branch_rows(branches_csv)
    if next_key_file is not None:
        try:
            raw = read_bounded(next_key_file, KEY_FILE_MAX_BYTES, "key file")
        except FileAccessError as e:
            raise ValidationError(T.PACK_BAD_VALUE, where="--next-key", problem=e) from None
        nxt = keys.parse_public_file(raw, str(next_key_file))
        if nxt.exchange is None:
            raise ValidationError(T.PACK_BAD_VALUE, where="--next-key", problem="no X25519 key")
        if nxt.fingerprint == device.fingerprint:
            raise ValidationError(T.PUBLISH_NEXT_KEY_SAME)
        content.next_key = nxt.to_file_bytes()
    if not (
        content.checklists
        or content.withdrawn
        or content.branches is not None
        or plan_file is not None
        or include_settings
        or content.next_key
    ):
        raise ValidationError(T.PUBLISH_NOTHING)
    with db.session() as s:
        _check_versions(s, loaded)
        if plan_file is not None:
            available = {c.id: c.resolved for c in load_all()[0]}
            available.update({c.id: c.resolved for c in loaded})
            for wid in content.withdrawn:
                available.pop(wid, None)
            known = set(s.scalars(select(Branch.code)))
            known.update(b["code"] for b in content.branches or [])
            entries = read_plan(plan_file, available, known)
            content.plan = [{**e.to_dict()} for e in entries]
        if include_settings:
            name = s.get(Setting, "org.name")
            tz = s.get(Setting, "display.tz")
            logo = s.get(Setting, "org.logo")
            content.org_name = name.value if name is not None and name.value else None
            content.display_tz = tz.value if tz is not None and tz.value else None
            content.logo = logo.data if logo is not None else None
        sequence = (s.scalar(select(func.max(HqPublication.sequence))) or 0) + 1
        created = utcnow()
        data = write_pack(
            content,
            sequence=sequence,
            device=device,
            created_at=created.isoformat().replace("+00:00", "Z"),
        )
        pack = read_pack(data)
        summary = pack.summary()
        s.add(
            HqPublication(
                sequence=sequence,
                package_sha256=pack.package_sha256,
                hq_fingerprint=device.fingerprint,
                created_at=created,
                created_by=actor,
                summary={
                    **summary,
                    "checklist_content": [
                        {"id": c.id, "version": c.version, "content": text}
                        for c, text, _sha in content.checklists
                    ],
                },
            )
        )
        if content.branches is not None:
            # The branch list HQ gives the laptops is HQ's own too: its coverage counts
            # every branch (and plan line) of it by region, inspected or not.
            branches.upsert(s, content.branches, actor)
        if content.plan is not None:
            # HQ's coverage counts the plan it published last.
            s.execute(delete(PlanLine))
            s.add_all(
                PlanLine(
                    pack_sequence=sequence,
                    line=e["line"],
                    branch_code=e["branch"],
                    checklist_id=e["checklist"],
                    mode=e["mode"],
                    scenario=e["scenario"],
                    wave=e["wave"],
                    due=date.fromisoformat(e["due"]),
                    assignee=e["assignee"],
                )
                for e in content.plan
            )
        audit.record(
            s, actor=actor, entity="hq_pack", action="publish", key=str(sequence), new=summary
        )
        s.flush()
        target = out / f"hq-{sequence:06d}{SUFFIX}" if out.is_dir() else out
        # Written before the commit: a pack that could not be written leaves no sequence
        # behind; one written is recorded by the commit that follows.
        path = write_atomic(target, data)
    log.info("published HQ pack %s (%s)", sequence, path)
    return Published(path=path, sequence=sequence, fingerprint=device.fingerprint, summary=summary)


__all__ = ["Published", "publish", "version_key"]
