"""Shared fixtures: every test gets its own temporary SQLite database and data folder.

Qt runs offscreen (pytest-qt aborts without a display otherwise); set before Qt loads.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.db import Database, open_database

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHOTOS = FIXTURES / "photos" / "orientation"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Per-user data (default database, device key, logs) goes to a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INSPECTOR_HOME", str(home))
    monkeypatch.delenv("INSPECTOR_DB", raising=False)
    monkeypatch.setenv("INSPECTOR_USER", "tester")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(str(db_path))
    yield database
    database.dispose()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Cli:
    """Runs ``inspector --db PATH ...`` in-process through the real entry function."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> CliResult:
        from inspector import cli

        with self.runner.isolation(input=input) as streams:
            code = cli.main(["--db", str(self.db_path), *args])
            out = streams[0].getvalue().decode("utf-8")
            err = streams[1].getvalue().decode("utf-8")
        return CliResult(code, out, err)

    def ok(self, *args: str) -> str:
        r = self(*args)
        assert r.exit_code == 0, f"inspector {' '.join(args)} -> {r.exit_code}\n{r.output}"
        return r.stdout

    def last_line(self, *args: str) -> str:
        return self.ok(*args).strip().splitlines()[-1]


@pytest.fixture
def run_cli(db_path: Path) -> Cli:
    return Cli(db_path)
