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
from inspector.text import branches as T
from inspector.text.parts import OR_SEP, Joined, Phrase, Term, phrase
from inspector.textsafe import has_control_chars, printable_line

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


def _max_len(column: str) -> int:
    length = getattr(Branch.__table__.c[column].type, "length", None)
    return int(length) if length else 10_000


# From the table itself, so the check and the columns never disagree: a code longer than
# its column was accepted once and then blocked every export of its inspections.
MAX_LENGTHS = {f: _max_len(f) for f in ("code", "name", "region", "address")}


def field_problem(field: str, value: str) -> Phrase | None:
    """Why ``value`` cannot be a branch's ``field``, or None."""
    name = Term(field, T.FIELD_LABELS[field])
    if len(value) > MAX_LENGTHS[field]:
        return phrase(T.FIELD_TOO_LONG, field=name, n=len(value), max=MAX_LENGTHS[field])
    if has_control_chars(value):
        return phrase(T.FIELD_CONTROL_CHAR, field=name, value=printable_line(value))
    return None


def _check(code: str, **fields: str) -> None:
    for field, value in {"code": code, **fields}.items():
        problem = field_problem(field, value)
        if problem:
            raise ValidationError(T.BRANCH_PROBLEM, code=printable_line(code[:64]), problem=problem)


def get_by_code(session: Session, code: str) -> Branch:
    branch = session.scalar(select(Branch).where(Branch.code == code))
    if branch is None:
        raise NotFoundError(T.NOT_FOUND, code=repr(code))
    return branch


def find_by_code(session: Session, code: str) -> Branch | None:
    return session.scalar(select(Branch).where(Branch.code == code))


def create(
    session: Session, *, code: str, name: str, region: str = "", address: str = "", actor: str = ""
) -> Branch:
    code, name = code.strip(), name.strip()
    if not code:
        raise ValidationError(T.NEEDS_CODE)
    if not name:
        raise ValidationError(T.NEEDS_NAME, code=code)
    _check(code, name=name, region=region.strip(), address=address.strip())
    if find_by_code(session, code) is not None:
        raise ValidationError(T.EXISTS, code=repr(code))
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


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a branch CSV file (UTF-8, with or without BOM, or GBK), all checked.

    Any bad row refuses the whole file with its line. Nothing is written (HQ packs carry
    the rows; :func:`import_csv` stores them).
    """
    try:
        raw = read_bounded(path, CSV_MAX_BYTES, "CSV")
    except FileAccessError as e:
        raise ValidationError(T.CSV_UNREADABLE, cause=e) from None
    text = _decode(raw, path)
    # Each row with the line it starts on (a quoted field may span lines).
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    starts: list[int] = []
    start = 1
    for row in reader:
        rows.append(row)
        starts.append(start)
        start = reader.line_num + 1
    if not rows:
        raise ValidationError(T.CSV_EMPTY, path=path)
    header = [h.strip().lower() for h in rows[0]]
    cols: dict[str, int] = {}
    for field, names in _HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                cols[field] = i
                break
    missing = [f for f in ("code", "name") if f not in cols]
    if missing:
        raise ValidationError(T.CSV_NO_COLUMN, path=path, missing=Joined(missing, OR_SEP))
    parsed: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for lineno, row in zip(starts[1:], rows[1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        extra = [cell.strip() for cell in row[len(header) :] if cell.strip()]
        if extra:
            # A name with an unquoted comma shifts every field after it: refused, never
            # stored with a column silently dropped.
            raise ValidationError(
                T.CSV_EXTRA_FIELDS,
                path=path,
                line=lineno,
                count=len(row),
                columns=len(header),
                extra=", ".join(repr(x) for x in extra[:3]),
            )
        rec = {f: (row[i].strip() if i < len(row) else "") for f, i in cols.items()}
        if not rec["code"]:
            raise ValidationError(T.CSV_EMPTY_CODE, path=path, line=lineno)
        if not rec["name"]:
            raise ValidationError(T.CSV_NO_NAME, path=path, line=lineno, code=rec["code"])
        for f, value in rec.items():
            problem = field_problem(f, value)
            if problem:
                raise ValidationError(T.CSV_LINE_PROBLEM, path=path, line=lineno, problem=problem)
        if rec["code"] in seen:
            raise ValidationError(
                T.CSV_REPEAT, path=path, line=lineno, code=rec["code"], first=seen[rec["code"]]
            )
        seen[rec["code"]] = lineno
        parsed.append(rec)
    return parsed


def import_csv(session: Session, path: Path, actor: str = "") -> ImportSummary:
    """Create or update branches from a CSV file (UTF-8, with or without BOM, or GBK).

    The whole file is checked first; any bad row refuses the whole file with its line.
    """
    return upsert(session, read_csv(path), actor)


def upsert(session: Session, parsed: list[dict[str, str]], actor: str = "") -> ImportSummary:
    """Create or update branches from checked rows (code, name, region, address)."""
    created = updated = unchanged = 0
    for rec in parsed:
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
    """UTF-8 (with or without BOM) or GBK; a file mixing the two is refused.

    Rows pasted from two sources can end up in one file half UTF-8, half GBK. Decoded
    as GBK, the UTF-8 rows turn into plausible-looking wrong characters (网点 becomes
    缃戠偣) that would be stored as branch names; so each line is classified first.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    utf8_line = 0
    other_line = 0
    for n, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or n
        else:
            utf8_line = utf8_line or n
        if utf8_line and other_line:
            raise ValidationError(
                T.CSV_MIXED_ENCODING,
                path=path,
                line=max(utf8_line, other_line),
                utf8_line=utf8_line,
                other_line=other_line,
            )
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as e:
        bad_line = raw[: e.start].count(b"\n") + 1
        raise ValidationError(T.CSV_NOT_TEXT, path=path, line=bad_line) from None
