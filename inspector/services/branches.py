"""Branches: look-up, creation and CSV import."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import Branch
from inspector.errors import NotFoundError, ValidationError
from inspector.files import CSV_MAX_BYTES, FileAccessError, read_bounded
from inspector.services import audit

log = logging.getLogger(__name__)

# Accepted header names, English and Chinese, for each field.
_HEADERS = {
    "code": ("code", "branch_code", "网点代码", "网点编号", "机构号", "代码"),
    "name": ("name", "branch_name", "网点名称", "名称"),
    "region": ("region", "area", "分行", "区域", "地区"),
    "address": ("address", "地址"),
}


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def get_by_code(session: Session, code: str) -> Branch:
    branch = session.scalar(select(Branch).where(Branch.code == code))
    if branch is None:
        raise NotFoundError(
            f"no branch with code {code!r}; add it with 'inspector branches import FILE.csv' "
            "or give --branch-name NAME to create it"
        )
    return branch


def find_by_code(session: Session, code: str) -> Branch | None:
    return session.scalar(select(Branch).where(Branch.code == code))


def create(
    session: Session, *, code: str, name: str, region: str = "", address: str = "", actor: str = ""
) -> Branch:
    code, name = code.strip(), name.strip()
    if not code:
        raise ValidationError("a branch needs a code")
    if not name:
        raise ValidationError(f"branch {code}: a branch needs a name")
    if find_by_code(session, code) is not None:
        raise ValidationError(f"a branch with code {code!r} already exists")
    branch = Branch(code=code, name=name, region=region.strip(), address=address.strip())
    session.add(branch)
    session.flush()
    audit.record(session, actor=actor, entity="branch", action="create", key=code, new=_d(branch))
    return branch


def list_all(session: Session) -> list[Branch]:
    return list(session.scalars(select(Branch).order_by(Branch.region, Branch.code)))


def _d(b: Branch) -> dict[str, Any]:
    return {"code": b.code, "name": b.name, "region": b.region, "address": b.address}


def as_dict(b: Branch) -> dict[str, Any]:
    return _d(b)


def import_csv(session: Session, path: Path, actor: str = "") -> ImportSummary:
    """Create or update branches from a CSV file (UTF-8, with or without BOM, or GBK).

    The whole file is checked first; any bad row refuses the whole file with its line.
    """
    try:
        raw = read_bounded(path, CSV_MAX_BYTES, "CSV")
    except FileAccessError as e:
        raise ValidationError(str(e)) from None
    text = _decode(raw, path)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError(f"{path}: the file is empty; expected a header row with code,name")
    header = [h.strip().lower() for h in rows[0]]
    cols: dict[str, int] = {}
    for field, names in _HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                cols[field] = i
                break
    missing = [f for f in ("code", "name") if f not in cols]
    if missing:
        raise ValidationError(
            f"{path}:1: header has no {' or '.join(missing)} column; "
            "expected columns code,name[,region,address]"
        )
    parsed: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        rec = {f: (row[i].strip() if i < len(row) else "") for f, i in cols.items()}
        if not rec["code"]:
            raise ValidationError(f"{path}:{lineno}: the branch code is empty")
        if not rec["name"]:
            raise ValidationError(f"{path}:{lineno}: branch {rec['code']} has no name")
        if rec["code"] in seen:
            raise ValidationError(
                f"{path}:{lineno}: branch code {rec['code']} repeats line {seen[rec['code']]}"
            )
        seen[rec["code"]] = lineno
        parsed.append((lineno, rec))
    created = updated = unchanged = 0
    for _, rec in parsed:
        branch = find_by_code(session, rec["code"])
        if branch is None:
            create(
                session,
                code=rec["code"],
                name=rec["name"],
                region=rec.get("region", ""),
                address=rec.get("address", ""),
                actor=actor,
            )
            created += 1
            continue
        old = _d(branch)
        for f in ("name", "region", "address"):
            if rec.get(f):
                setattr(branch, f, rec[f])
        if _d(branch) != old:
            audit.record(
                session,
                actor=actor,
                entity="branch",
                action="update",
                key=branch.code,
                old=old,
                new=_d(branch),
            )
            updated += 1
        else:
            unchanged += 1
    return ImportSummary(created, updated, unchanged)


def _decode(raw: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError(f"{path}: not a text file in UTF-8 or GBK encoding")
