"""Every file the app reads is a regular file, read at most to its limit (issue 11, group 6).

``/dev/zero`` used to grow the process to 24 GB, a FIFO hung for ever and a sparse 300 MB
file was read whole before its size was checked. Each test runs the real command; a FIFO
with no writer would hang a reader that opens it blocking, so "no hang" is what passes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from inspector.errors import UserError
from inspector.files import FileAccessError, read_bounded, read_text_bounded
from inspector.services import photos
from tests.conftest import PHOTOS, Cli


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    p = tmp_path / "pipe"
    os.mkfifo(p)
    return p


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    """A 300 MB file that takes no disk space (reading it whole would take 300 MB RAM)."""
    p = tmp_path / "sparse.bin"
    with p.open("wb") as f:
        f.truncate(300 * 1024 * 1024)
    return p


@pytest.fixture
def insp(run_cli: Cli) -> str:
    return run_cli.last_line(
        "new", "--branch", "B001", "--branch-name", "测试支行", "--checklist", "example"
    )


def test_read_bounded(tmp_path: Path, fifo: Path, sparse: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_bytes(b"12345")
    assert read_bounded(ok, 5) == b"12345"
    with pytest.raises(FileAccessError, match="larger than the limit of 4 bytes"):
        read_bounded(ok, 4)
    with pytest.raises(FileAccessError, match="is a device"):
        read_bounded("/dev/zero", 1024)
    with pytest.raises(FileAccessError, match="is a pipe"):
        read_bounded(fifo, 1024)
    with pytest.raises(FileAccessError, match="is a folder"):
        read_bounded(tmp_path, 1024)
    with pytest.raises(FileAccessError, match="no such file"):
        read_bounded(tmp_path / "missing", 1024)
    with pytest.raises(FileAccessError, match=r"larger than the limit of 200 MB \(300 MB\)"):
        read_bounded(sparse, 200 * 1024 * 1024, "photo")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n" * 21 + b"\xff\n")
    with pytest.raises(FileAccessError, match=r"line 22: not UTF-8"):
        read_text_bounded(bad, 1024)


def test_read_bounded_never_reads_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose size grows after fstat (as /proc files do) is cut at limit + 1."""
    big = tmp_path / "big"
    big.write_bytes(b"x" * 10_000)
    asked: list[int] = []
    real_read = os.read

    def spy(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    real_fstat = os.fstat

    def small_fstat(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))

    monkeypatch.setattr("inspector.files.os.read", spy)
    monkeypatch.setattr("inspector.files.os.fstat", small_fstat)
    with pytest.raises(FileAccessError, match="grew"):
        read_bounded(big, 100)
    assert sum(asked) <= 101


def test_photo_add_refuses_devices_fifos_and_sparse_giants(
    run_cli: Cli, insp: str, fifo: Path, sparse: Path
) -> None:
    r = run_cli(
        "photo", "add", insp, "ex.ramp", "/dev/zero", str(fifo), str(sparse),
        str(PHOTOS / "Landscape_1.jpg"),
    )  # fmt: skip
    assert r.exit_code == 1
    assert len(r.stdout.split()) == 1  # the good photo is still added
    errors = r.stderr.strip().splitlines()
    assert errors[0] == "error: /dev/zero: is a device, not a photo file"
    assert errors[1] == f"error: {fifo}: is a pipe (FIFO), not a photo file"
    assert errors[2] == f"error: {sparse}: the photo is larger than the limit of 200 MB (300 MB)"
    with pytest.raises(UserError, match="is a device"):
        photos._read_and_prepare(Path("/dev/zero"))


def test_narrative_and_answers_files(run_cli: Cli, tmp_path: Path, fifo: Path) -> None:
    mystery = run_cli.last_line(
        "new", "--branch", "B1", "--branch-name", "一", "--checklist", "mystery-shopper",
        "--mode", "mystery",
    )  # fmt: skip
    for bad, what in [(fifo, "is a pipe"), (Path("/dev/zero"), "is a device")]:
        r = run_cli("visit", mystery, "--narrative-file", str(bad))
        assert r.exit_code == 1 and f"error: --narrative-file: {bad}: {what}" in r.stderr
        r = run_cli("new", "--branch", "B1", "--checklist", "example", "--answers", str(bad))
        assert r.exit_code == 1 and f"error: --answers: {bad}: {what}" in r.stderr
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(5 * 1024 * 1024)
    r = run_cli("visit", mystery, "--narrative-file", str(big))
    assert r.exit_code == 1 and "limit of 1 MB" in r.stderr
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"answers": {}}) + "\n" + "\u00e9", encoding="latin-1")
    r = run_cli("new", "--branch", "B1", "--checklist", "example", "--answers", str(answers))
    assert r.exit_code == 1 and "line 2: not UTF-8" in r.stderr


def test_branch_csv_key_file_and_package(run_cli: Cli, fifo: Path, sparse: Path) -> None:
    for target, what in [(fifo, "is a pipe"), (Path("/dev/zero"), "is a device")]:
        r = run_cli("branches", "import", str(target))
        assert r.exit_code == 1 and f"error: {target}: {what}" in r.stderr, r.output
        r = run_cli("keys", "trust", str(target))
        assert r.exit_code == 1 and f"{target}: {what}" in r.stderr, r.output
        r = run_cli("import", str(target))
        assert r.exit_code == 1 and what in r.output, r.output
        assert "internal error" not in r.output
    r = run_cli("import", str(sparse))
    assert r.exit_code == 1 and "rejected" in r.output and "internal error" not in r.output


def test_checklist_validate(run_cli: Cli, fifo: Path, sparse: Path) -> None:
    for target, what in [(fifo, "is a pipe"), (Path("/dev/zero"), "is a device")]:
        r = run_cli("checklists", "validate", str(target))
        assert r.exit_code == 1 and f"{target}:1: {what}" in r.stderr, r.output
    r = run_cli("checklists", "validate", str(sparse))
    assert r.exit_code == 1 and "limit of 4 MB" in r.stderr
