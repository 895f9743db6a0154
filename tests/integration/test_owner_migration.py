"""Migration 0005 (owner_revisions): an existing database gets owners for what it imported,
and the downgrade removes them again."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select

from inspector.db import Database, open_database
from inspector.db.migrate import alembic_config
from inspector.db.models import InspectionOwner, TrustedKey
from inspector.services import keys
from inspector.services.exchange import export as exchange_export
from inspector.services.exchange import importer
from inspector.services.exchange import importer as exchange_importer
from inspector.services.inspections import lookup
from tests.integration.conftest import make_finalized


def test_upgrade_gives_imported_inspections_their_first_signer_as_owner(
    any_db: Database, tmp_path: Path
) -> None:
    src = open_database(tmp_path / "device.sqlite3")
    uuid_ = make_finalized(src)
    with src.session() as s:
        (tmp_path / "p.inspection").write_bytes(
            exchange_export.export_inspection(s, lookup.get(s, uuid_))
        )
    src.dispose()
    local = make_finalized(any_db, label="local", branch_code="HQ001")
    assert importer.import_paths(any_db, [tmp_path / "p.inspection"]).imported
    with any_db.session() as s:
        keys.trust(s, keys.device_keys().public.to_file_bytes(), can_amend=True)

    cfg = alembic_config(any_db.engine)
    with any_db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "integ_copied_from")  # just before owner_revisions
    any_db.dispose()
    url = any_db.engine.url.render_as_string(hide_password=False)
    upgraded = open_database(url)
    try:
        with upgraded.session() as s:
            owners = s.scalars(select(InspectionOwner)).all()
            assert [(o.uuid, o.fingerprint, o.first_revision) for o in owners] == [
                (uuid_, keys.device_keys().fingerprint, 1)
            ]
            # An inspection made here has no row: its owner is this installation.
            assert exchange_importer.owner_of(s, local) == keys.device_keys().fingerprint
            # Amend rights do not survive a downgrade: granted again explicitly.
            assert [k.can_amend for k in s.scalars(select(TrustedKey))] == [False]
    finally:
        upgraded.dispose()
