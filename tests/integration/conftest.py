"""Fixtures for database-level tests: PostgreSQL databases, finalized inspections, dumps.

``pg_db`` gives each test a brand-new PostgreSQL database (``CREATE DATABASE`` with a
unique name on the server named by ``INSPECTOR_TEST_PG_URL``, dropped afterwards). It
skips when that variable is unset, except in CI (``CI=true``), where that is a failure:
``scripts/test`` starts a private server and exports the URL.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import insert, make_url, select, text

from inspector.db import Database, open_database
from inspector.db.models import Base, Finding, HqRepeat, Inspection
from inspector.domain.checklist import Mode
from inspector.services import branches, photos
from inspector.services.findings.edit import update_finding
from inspector.services.findings.record import finding_dict
from inspector.services.inspections import (
    answering,
    lifecycle,
    lookup,
    rescoring,
    signoff,
    snapshots,
)
from inspector.services.inspections import records as insp_records

PG_ENV = "INSPECTOR_TEST_PG_URL"


def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} is not set in CI; scripts/test starts PostgreSQL and sets it")
        pytest.skip(f"{PG_ENV} is not set (run 'bash scripts/pg-test-server start' for a URL)")
    return url


def create_pg_database() -> str:
    """A fresh, empty database on the test server; returns its URL."""
    import psycopg

    base = make_url(pg_server_url())
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    import psycopg

    u = make_url(url)
    admin = u.set(drivername="postgresql", database=make_url(pg_server_url()).database)
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = create_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest) -> Database:
    """The test's database on SQLite, then on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("db")  # type: ignore[no-any-return]
    return request.getfixturevalue("pg_db")  # type: ignore[no-any-return]


# ---------------------------------------------------------------- test data
CHILD_COUNTS = (
    "SELECT (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM findings), "
    "(SELECT COUNT(*) FROM photos), (SELECT COUNT(*) FROM section_scores)"
)
"""The rows hanging off inspections: a migration that rebuilt ``inspections`` would lose them."""


def raw_rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    """``sql``'s rows as plain tuples, read past the ORM."""
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def mark_hq_repeat(db: Database, item_id: str, repeat_of: str) -> int:
    """HQ's repeat row for the finding of ``item_id`` (there must be one), written past the
    service as raw SQL would; returns the finding's id."""
    with db.session() as s:
        fid = int(s.scalars(select(Finding.id).where(Finding.item_id == item_id)).one())
        s.execute(
            insert(HqRepeat).values(
                finding_id=fid,
                repeat_of=repeat_of,
                earlier=1,
                severity="high",
                evaluated_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
        )
    return fid


def downgrade_to(db: Database, revision: str) -> str:
    """Take ``db``'s schema back to ``revision`` (as an old install left it) and close it;
    returns its URL, to open again with ``migrate=False`` (still old) or without (upgraded)."""
    from alembic import command

    from inspector.db.migrate import alembic_config

    cfg = alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    url = db.engine.url.render_as_string(hide_password=False)
    db.dispose()
    return url


@contextmanager
def imported_at_hq(db: Database, uuid_: str, folder: Path) -> Iterator[Database]:
    """A fresh HQ database (in ``folder``) that imported ``uuid_``'s package, finalized first."""
    from inspector.services.exchange import export as exchange_export
    from inspector.services.exchange import importer

    with db.session() as s:
        signoff.finalize(s, lookup.get(s, uuid_), by="t", force=True)
        package = exchange_export.export_inspection(s, lookup.get(s, uuid_))
    path = folder / "p.inspection"
    path.write_bytes(package)
    hq = open_database(folder / "hq.sqlite3")
    try:
        assert importer.import_paths(hq, [path]).imported
        yield hq
    finally:
        hq.dispose()


def new_mystery(db: Database, code: str) -> str:
    """A new mystery-shopper visit at branch ``code`` (created if needed); returns its UUID."""
    with db.session() as s:
        return lifecycle.create(
            s,
            branch_code=code,
            branch_name=f"支行{code}",
            checklist_id="mystery-shopper",
            mode="mystery",
            inspector="t",
        ).uuid


def photo_bytes(label: str, size: tuple[int, int] = (320, 240)) -> bytes:
    """A small JPEG with text on it; a different label gives different bytes."""
    h = abs(hash(label)) % 200
    img = Image.new("RGB", size, (40 + h % 50, 80, 120 + h % 100))
    ImageDraw.Draw(img).text((10, 10), label, fill=(255, 255, 0))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def make_finalized(
    db: Database,
    *,
    label: str = "a",
    branch_code: str = "SH001",
    branch_name: str = "上海分行浦东支行",
    checklist: str = "example",
    n_photos: int = 1,
    redact: bool = False,
    fail: tuple[str, ...] = ("ex.polite",),
    manager_signature: bytes | None = None,
) -> str:
    """A finalized onsite inspection with answers, a finding, photos; returns its UUID."""
    with db.session() as s:
        if branches.find_by_code(s, branch_code) is None:
            branches.create(s, code=branch_code, name=branch_name, region="上海")
        insp = lifecycle.create(
            s, branch_code=branch_code, checklist_id=checklist, inspector="张三"
        )
        items = [i for i in snapshots.checklist_of(insp).items() if i.applies_to(Mode.ONSITE)]
        for item in items:
            answering.set_answer(
                s,
                insp,
                item.id,
                result="fail" if item.id in fail else "pass",
                note=f"{label} {item.id}",
                actor="张三",
                rescore_now=False,
            )
        rescoring.rescore(s, insp)
        for f in insp.findings:
            update_finding(s, insp, f.item_id, actor="张三", owner="李四", action="整改")
        for n in range(n_photos):
            p = photos.add_bytes(
                s,
                insp,
                items[0].id,
                photo_bytes(f"{label}-{n}"),
                file_name=f"{label}-{n}.jpg",
                actor="张三",
            )
            if redact and n == 0:
                photos.redact(s, p, [(10, 10, 50, 40)], actor="张三")
        signoff.finalize(
            s,
            insp,
            by="张三",
            manager_name="王经理",
            manager_signature=manager_signature,
            force=True,
        )
        return insp.uuid


def amend_and_finalize(db: Database, uuid_: str, *, note: str = "amended") -> None:
    with db.session() as s:
        new = lifecycle.amend(s, lookup.get(s, uuid_), reason="typo", actor="张三")
        first = sorted(a.item_id for a in new.answers)[0]
        answering.set_answer(s, new, first, note=note, actor="张三")
        signoff.finalize(s, new, by="张三", force=True)


def dump_tables(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ordered: equal dumps mean an untouched database."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(r) for r in rows]
        out["_alembic"] = [tuple(r) for r in conn.execute(text("SELECT * FROM alembic_version"))]
    return out


def logical_state(db: Database) -> list[dict[str, Any]]:
    """What HQ knows, independent of row ids and import times (for order/idempotency)."""
    out = []
    with db.session() as s:
        rows = s.scalars(select(Inspection).order_by(Inspection.uuid, Inspection.revision))
        for insp in rows:
            d = insp_records.show_dict(s, insp)
            d["is_current"] = insp.is_current
            d["content_sha256"] = insp.content_sha256
            d["trusted"] = insp.trusted
            d["photos"] = sorted(
                (
                    p.sha256,
                    p.original_sha256,
                    p.display_sha256,
                    p.thumb_sha256,
                    p.rendered_sha256,
                    p.item_id,
                )
                for p in insp.photos
            )
            d["all_findings"] = sorted(finding_dict(f).items() for f in insp.findings)
            out.append(d)
    return out
