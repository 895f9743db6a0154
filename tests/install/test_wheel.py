"""The built wheel, installed into a fresh virtualenv, runs from any folder.

The wheel is built from a copy of the checkout (nothing is written into the checkout) and
installed with ``--no-deps``; its dependencies come from the environment running the tests
through a ``.pth`` line, so no download is needed. The checkout's own ``inspector`` (an
editable install) is not on that venv's path: what runs is what a user would get.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.install import smoke

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md"]
SOURCE_DIRS = ["inspector", "checklists", "resources"]


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{' '.join(cmd)} -> {proc.returncode}\n{proc.stdout}{proc.stderr}"
    return proc.stdout


def _build_wheel(tmp: Path) -> Path:
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_data")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(src)])
    (wheel,) = dist.glob("branch_inspector-*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    """A venv holding only the wheel, seeing this environment's packages; its bin folder."""
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)])
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    # Plain path lines: the editable install's own .pth files there are not processed.
    here = [*site.getsitepackages(), sysconfig.get_path("purelib")]
    lines = "\n".join(dict.fromkeys(here))
    Path(purelib.strip(), "zz_test_dependencies.pth").write_text(lines + "\n", "utf-8")
    return bin_dir


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _install(wheel, tmp_path_factory.mktemp("venv") / "venv")


@pytest.fixture
def program(installed: Path, tmp_path: Path) -> Iterator[smoke.Program]:
    work = tmp_path / "elsewhere"
    work.mkdir()
    yield smoke.Program(
        cli=[str(installed / "inspector")], gui=[str(installed / "inspector-gui")], workdir=work
    )


def test_wheel_carries_checklists_fonts_translations_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for checklist in smoke.SHIPPED:
        assert f"inspector/_data/checklists/{checklist}.yaml" in names
    assert "inspector/_data/resources/fonts/wqy-microhei.ttc" in names
    assert "inspector/_data/resources/fonts/LICENSE-wqy-microhei.txt" in names
    qm = {n for n in names if n.startswith("inspector/_data/resources/i18n/")}
    assert qm == {
        f"inspector/_data/resources/i18n/{p.name}" for p in (ROOT / "resources/i18n").glob("*.qm")
    }
    assert "inspector/db/migrations/env.py" in names
    versions = {p.name for p in (ROOT / "inspector/db/migrations/versions").glob("*.py")}
    assert {f"inspector/db/migrations/versions/{v}" for v in versions} <= names
    assert not [n for n in names if n.endswith(".ts") or "__pycache__" in n]


def test_console_and_gui_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        (ep,) = [n for n in z.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = z.read(ep).decode()
    console, _, gui = text.partition("[gui_scripts]")
    assert "inspector = inspector.__main__:main" in console
    assert "[console_scripts]" in console
    assert "inspector-gui = inspector.__main__:gui" in gui
    assert "inspector =" not in gui


def test_installed_program_reads_its_own_data(installed: Path, tmp_path: Path) -> None:
    python = installed / ("python.exe" if os.name == "nt" else "python")
    code = (
        "import inspector, inspector.paths as p; from PySide6.QtWidgets import QApplication; "
        "from inspector.ui.translations import install_translations; "
        "app = QApplication([]); "
        "print(inspector.__file__); print(p.checklists_dir()); print(p.cjk_font_path()); "
        "print(p.migrations_dir()); print(','.join(install_translations(app, 'zh')))"
    )
    env = smoke.Program([], [], tmp_path).env()
    out = _run([str(python), "-c", code], cwd=tmp_path, env=env).splitlines()
    package = Path(out[0]).parent
    assert package.parent.name == "site-packages" and ROOT not in package.parents
    assert Path(out[1]) == package / "_data" / "checklists"
    assert Path(out[2]) == package / "_data" / "resources" / "fonts" / "wqy-microhei.ttc"
    assert Path(out[2]).is_file() and (Path(out[3]) / "env.py").is_file()
    assert {"app_zh_CN.qm", "hq_zh_CN.qm", "photos_zh_CN.qm"} <= set(out[4].split(","))
    # Qt's own words (file dialogs, standard buttons) and the ones it lacks (issue 20).
    assert {"qtbase_zh_CN", "locks_zh_CN.qm", "qtfixes_zh_CN.qm"} <= set(out[4].split(","))


def test_installed_cli_lists_checklists_from_another_folder(program: smoke.Program) -> None:
    assert smoke.checklist_ids(program) >= smoke.SHIPPED


def test_installed_cli_writes_a_report(program: smoke.Program) -> None:
    assert smoke.report_of_new_inspection(program).stat().st_size > 10_000


def test_installed_cli_exports_hq_excel_in_two_processes(program: smoke.Program) -> None:
    smoke.export_in_two_processes(program)


def test_installed_gui_script_opens_the_app(program: smoke.Program) -> None:
    smoke.gui_opens(program)


def test_gui_script_refuses_cli_commands(installed: Path, tmp_path: Path) -> None:
    env = smoke.Program([], [], tmp_path).env()
    cmd = [str(installed / "inspector-gui"), "checklists", "list"]
    proc = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "usage: inspector-gui [--db URL_OR_PATH]" in proc.stderr
