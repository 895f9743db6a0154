"""Hostile HQ packs (issue 22 §6): every one is refused with a reason, and nothing changes.

Zip hazards, foreign keys, replays, a bad checklist signed by HQ's own key, oversized
members, branch lists with formulas or control characters, and an install killed with
SIGKILL before its commit.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, select

from inspector.db import Database, open_database
from inspector.db.models import AuditEntry, Branch, ChecklistSnapshot, Setting
from inspector.db.publish_models import HqChecklist, HqPack, PlanLine
from inspector.errors import UserError
from inspector.services import keys
from inspector.services.exchange.package_format import Limits, canonical_bytes
from inspector.services.publish.build import publish
from inspector.services.publish.install import install
from inspector.services.publish.pack import read_pack
from tests.conftest import EXAMPLE_CHECKLIST


def _key() -> keys.DeviceKeys:
    return keys.DeviceKeys(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("hqpack")
    key = _key()
    checklist = folder / "example.yaml"
    checklist.write_text(
        EXAMPLE_CHECKLIST.read_text(encoding="utf-8").replace(
            'version: "1.0.0"', 'version: "1.1.0"'
        ),
        encoding="utf-8",
    )
    (folder / "b.csv").write_text("code,name,region\nSH001,浦东支行,上海\n", encoding="utf-8")
    hq = open_database(str(folder / "hq.sqlite3"))
    out = folder / "p.hqpack"
    publish(hq, out, checklist_files=[checklist], branches_csv=folder / "b.csv", device=key)
    hq.dispose()
    return {"key": key, "pack": out.read_bytes(), "folder": folder}


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def forge(
    world: dict[str, Any],
    edit: Callable[[dict[str, Any], dict[str, bytes]], None] | None = None,
    key: keys.DeviceKeys | None = None,
) -> bytes:
    """The pack with its manifest and members edited, then signed again (by HQ's key)."""
    key = key or world["key"]
    parts = members(world["pack"])
    manifest = json.loads(parts.pop("manifest.json"))
    parts.pop("manifest.sig")
    if edit is not None:
        edit(manifest, parts)
    parts["hq.pub"] = key.public.to_file_bytes()
    manifest["hq_fingerprint"] = key.fingerprint
    raw = canonical_bytes(manifest)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", raw)
        zf.writestr("manifest.sig", key.sign(raw))
        for name, content in parts.items():
            zf.writestr(name, content)
    return out.getvalue()


def state(db: Database) -> dict[str, int]:
    with db.read_session() as s:
        return {
            t.__tablename__: int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (HqPack, HqChecklist, PlanLine, Branch, Setting, AuditEntry, ChecklistSnapshot)
        }


def refused(db: Database, data: bytes, reason: str) -> None:
    before = state(db)
    with pytest.raises(UserError) as e:
        install(db, data, confirm_first=lambda _fp: True)
    assert reason in str(e.value), str(e.value)
    assert state(db) == before


def _raw_zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info, content in entries:
            zf.writestr(info, content)
    return out.getvalue()


def test_the_genuine_pack_installs(db: Database, world: dict[str, Any]) -> None:
    install(db, world["pack"], confirm_first=lambda _fp: True)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil", "'..'"),
        ("/abs", "absolute"),
        ("a\\b", "absolute"),
    ],
)
def test_hostile_member_names_are_refused(
    db: Database, world: dict[str, Any], name: str, reason: str
) -> None:
    parts = members(world["pack"])
    data = _raw_zip([*parts.items(), (name, b"x")])
    with pytest.raises(UserError) as e:
        install(db, data, confirm_first=lambda _fp: True)
    assert state(db)["hq_packs"] == 0
    assert "member" in str(e.value) or reason in str(e.value)


def test_a_symlink_member_is_refused(db: Database, world: dict[str, Any]) -> None:
    link = zipfile.ZipInfo("checklists/link")
    link.external_attr = 0o120777 << 16
    data = _raw_zip([*members(world["pack"]).items(), (link, b"/etc/passwd")])
    refused(db, data, "symbolic link")


def test_a_member_twice_is_refused(db: Database, world: dict[str, Any]) -> None:
    parts = list(members(world["pack"]).items())
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, by design
        data = _raw_zip([*parts, parts[-1]])
    refused(db, data, "twice")


def test_an_unlisted_member_is_refused(db: Database, world: dict[str, Any]) -> None:
    def edit(_m: dict[str, Any], parts: dict[str, bytes]) -> None:
        parts["extra.txt"] = b"surprise"

    refused(db, forge(world, edit), "does not list: extra.txt")


def test_a_missing_signature_or_key_is_refused(db: Database, world: dict[str, Any]) -> None:
    parts = members(world["pack"])
    parts.pop("manifest.sig")
    refused(db, _raw_zip(list(parts.items())), "lacks manifest.sig")


def test_not_a_zip_and_truncated_are_refused(db: Database, world: dict[str, Any]) -> None:
    refused(db, b"hello", "not a readable ZIP")
    refused(db, world["pack"][: len(world["pack"]) // 2], "not an HQ pack")


def test_a_zip_bomb_member_is_refused(world: dict[str, Any]) -> None:
    def edit(m: dict[str, Any], parts: dict[str, bytes]) -> None:
        bomb = b"\x00" * (8 * 1024 * 1024)
        parts["settings/logo"] = bomb
        m["settings"] = {"org_name": None, "display_tz": None, "logo_sha256": _sha(bomb)}
        m["members"].append({"path": "settings/logo", "size": len(bomb), "sha256": _sha(bomb)})

    data = forge(world, edit)
    with pytest.raises(UserError, match=r"ZIP bomb"):
        read_pack(data)


def test_an_oversized_member_is_refused(world: dict[str, Any]) -> None:
    small = Limits(
        max_file_bytes=10**9,
        max_entries=50,
        max_entry_bytes=100,
        max_total_bytes=10**9,
        max_manifest_bytes=10**7,
    )
    with pytest.raises(UserError, match="larger than"):
        read_pack(world["pack"], limits=small)


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def test_a_pack_from_another_key_is_refused_after_the_first(
    db: Database, world: dict[str, Any]
) -> None:
    install(db, world["pack"], confirm_first=lambda _fp: True)

    def later(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["sequence"] = 99

    refused(db, forge(world, later, key=_key()), "signed by another key")
    # A replay of the installed pack and an older sequence: both refused.
    refused(db, world["pack"], "already installed")


def test_a_bad_checklist_signed_by_hq_is_refused(db: Database, world: dict[str, Any]) -> None:
    def edit(m: dict[str, Any], parts: dict[str, bytes]) -> None:
        (entry,) = m["checklists"]
        content = json.loads(parts.pop(entry["path"]))
        content["veto_grade"] = "nonesuch"
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        b = text.encode()
        entry["sha256"] = _sha(b)
        entry["path"] = f"checklists/{entry['sha256']}.json"
        parts[entry["path"]] = b
        m["members"] = [
            {"path": p, "size": len(c), "sha256": _sha(c)}
            for p, c in parts.items()
            if p != "hq.pub"
        ]

    refused(db, forge(world, edit), "veto_grade 'nonesuch' is not one of the grades")


@pytest.mark.parametrize(
    ("name", "reason"),
    [('=HYPERLINK("http://x")', "formula"), ("浦东\x1b[31m支行", "control characters")],
)
def test_branch_values_with_formulas_or_control_characters_are_refused(
    db: Database, world: dict[str, Any], name: str, reason: str
) -> None:
    def edit(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["branches"] = [{"code": "SH009", "name": name, "region": "", "address": ""}]

    refused(db, forge(world, edit), reason)


def test_a_branch_csv_with_formulas_is_refused_at_hq(tmp_path: Path, db: Database) -> None:
    csv = tmp_path / "b.csv"
    csv.write_text("code,name,region\nSH001,+cmd|' /C calc'!A0,上海\n", encoding="utf-8")
    with pytest.raises(UserError, match="formula"):
        publish(db, tmp_path / "x.hqpack", branches_csv=csv, device=_key())
    csv.write_text("code,name,region\nSH001,浦东\x07支行,上海\n", encoding="utf-8")
    with pytest.raises(UserError, match="control"):
        publish(db, tmp_path / "x.hqpack", branches_csv=csv, device=_key())
    assert not (tmp_path / "x.hqpack").exists()


def test_a_manifest_of_the_wrong_kind_is_refused(db: Database, world: dict[str, Any]) -> None:
    def edit(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["format"] = "branch-inspector-package"

    refused(db, forge(world, edit), "not an HQ pack")

    def newer(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["format_version"] = 2

    refused(db, forge(world, newer), "newer than this program reads")

    def huge(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["sequence"] = 2**40

    refused(db, forge(world, huge), "sequence")


INSTALLER = textwrap.dedent(
    """
    import os, signal, sys
    from inspector.db import open_database
    from inspector.services.publish.install import install

    db = open_database(sys.argv[1])
    data = open(sys.argv[2], "rb").read()

    def die():
        print("about to commit", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    install(db, data, confirm_first=lambda fp: True, before_commit=die)
    print("committed", flush=True)
    """
)


def test_an_install_killed_before_its_commit_leaves_the_laptop_as_it_was(
    tmp_path: Path, world: dict[str, Any]
) -> None:
    db_path = tmp_path / "laptop.sqlite3"
    laptop = open_database(str(db_path))
    before = state(laptop)
    laptop.dispose()
    pack = tmp_path / "p.hqpack"
    pack.write_bytes(world["pack"])
    proc = subprocess.run(
        [sys.executable, "-c", INSTALLER, str(db_path), str(pack)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert proc.stdout.strip() == "about to commit"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    laptop = open_database(str(db_path))
    try:
        assert state(laptop) == before
        # And the same pack installs cleanly afterwards.
        install(laptop, world["pack"], confirm_first=lambda _fp: True)
        assert state(laptop)["hq_packs"] == 1
    finally:
        laptop.dispose()


def test_a_plan_naming_a_checklist_this_laptop_lacks_is_refused(
    db: Database, world: dict[str, Any]
) -> None:
    def edit(m: dict[str, Any], _p: dict[str, bytes]) -> None:
        m["plan"] = [
            {
                "line": 2,
                "branch": "SH001",
                "checklist": "nonesuch",
                "mode": "onsite",
                "scenario": None,
                "wave": None,
                "due": "2026-12-31",
                "assignee": "",
            }
        ]

    refused(db, forge(world, edit), "line 2 of the plan uses the checklist nonesuch")
