"""Shared fixtures: every test gets its own temporary SQLite database and data folder.

Qt runs offscreen (pytest-qt aborts without a display otherwise); set before Qt loads.

Property tests (hypothesis) run the ``fast`` profile by default, so the test command stays
quick; ``HYPOTHESIS_PROFILE=thorough`` (what ``python bench/run.py hypothesis`` uses) tries
many more examples. A test that is slow per example asks for a share of the profile's count
with ``examples()`` (tests/hypothesis_profiles.py) instead of a fixed number.
"""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The day every test runs on (inspector/clock.py): demo data, deadlines and "overdue" are
# built from this clock, so the suite gives the same result on any day. Set before anything
# reads the clock, and in os.environ so CLI subprocesses run on the same day.
os.environ["INSPECTOR_CLOCK"] = PINNED_CLOCK = "2026-11-20T02:00:00+00:00"

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspector.db import Database, open_database
from inspector.domain import timefmt
from tests.hypothesis_profiles import load_profile

load_profile()

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PHOTOS = FIXTURES / "photos" / "orientation"
EXAMPLE_CHECKLIST = FIXTURES / "checklists" / "example.yaml"
"""A small format demo used by most tests; it is not shipped (inspectors never see it)."""


@pytest.fixture(scope="session", autouse=True)
def checklists_with_example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped checklists plus the test-only ``example`` checklist, in one folder.

    Set for the whole session (module-scoped fixtures create inspections too), and in
    ``os.environ`` so that CLI subprocesses see it.
    """
    from inspector import paths

    folder = tmp_path_factory.mktemp("checklists")
    shipped = paths.checklists_dir()
    for f in shipped.iterdir():
        if f.is_file() and f.suffix in (".yaml", ".yml", ".json"):
            shutil.copyfile(f, folder / f.name)
    shutil.copyfile(EXAMPLE_CHECKLIST, folder / EXAMPLE_CHECKLIST.name)
    before = os.environ.get("INSPECTOR_CHECKLISTS")
    os.environ["INSPECTOR_CHECKLISTS"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("INSPECTOR_CHECKLISTS", None)
    else:
        os.environ["INSPECTOR_CHECKLISTS"] = before


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    checklists_with_example: Path,
) -> Path:
    """Per-user data (default database, device key, logs) goes to a temporary folder.

    Checklists come from a copy of the shipped ones plus the test-only example.
    """
    monkeypatch.setenv("INSPECTOR_CHECKLISTS", str(checklists_with_example))  # if a test unset it
    # Empty = unset; and no database's display.tz carries over from an earlier test.
    monkeypatch.setenv("INSPECTOR_TZ", "")
    timefmt.use_setting(None)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INSPECTOR_HOME", str(home))
    monkeypatch.delenv("INSPECTOR_DB", raising=False)
    monkeypatch.setenv("INSPECTOR_USER", "tester")
    monkeypatch.setenv("INSPECTOR_CLOCK", PINNED_CLOCK)  # if a test moved it
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
