"""paths.py: packaged data (wheel, bundle) wins; an editable checkout reads its folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector import paths

ROOT = Path(__file__).resolve().parents[2]


def test_checkout_reads_the_top_level_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test run uses the editable install: the package carries no _data/ copy.
    # (The suite points INSPECTOR_CHECKLISTS at shipped + test-only checklists; not here.)
    monkeypatch.delenv("INSPECTOR_CHECKLISTS", raising=False)
    assert not (paths.package_dir() / paths.PACKAGED_DATA).exists()
    assert paths.checklists_dir() == ROOT / "checklists"
    assert paths.cjk_font_path() == ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    assert (paths.migrations_dir() / "env.py").is_file()


def test_packaged_copy_wins_over_neighbouring_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "inspector"
    for name in ("checklists", "resources"):
        (package / "_data" / name).mkdir(parents=True)
        (package.parent / name).mkdir()  # a stray folder beside the package: not used
    monkeypatch.setattr(paths, "package_dir", lambda: package)
    monkeypatch.delenv("INSPECTOR_CHECKLISTS", raising=False)
    assert paths.checklists_dir() == package / "_data" / "checklists"
    assert paths.resource_path("i18n") == package / "_data" / "resources" / "i18n"


def test_checklists_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INSPECTOR_CHECKLISTS", str(tmp_path))
    assert paths.checklists_dir() == tmp_path
