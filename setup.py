"""Build step: the wheel carries the checklists, fonts and translations inside the package.

People edit the top-level ``checklists/`` (YAML, schema) and ``resources/`` (fonts, ``.ts`` ->
``.qm``) folders; a wheel gets a copy of what the program reads under ``inspector/_data/``,
where ``inspector/paths.py`` finds it with ``importlib.resources``. An editable install
(``pip install -e .``) copies nothing: there ``paths.py`` reads the top-level folders, so an
edited checklist is live at once. Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent

# What the program reads at run time, by top-level folder. Translation sources (.ts) and
# editing notes stay out; the font's licence travels with the font.
DATA = {
    "checklists": ["*.yaml", "schema/*.json"],
    "resources": ["fonts/*.ttc", "fonts/LICENSE*", "i18n/*.qm", "assessment/*.yaml"],
}


def data_files() -> list[tuple[Path, str]]:
    """(source file, path inside the package) for every shipped data file."""
    found = []
    for folder, patterns in DATA.items():
        for pattern in patterns:
            for src in sorted((ROOT / folder).glob(pattern)):
                found.append((src, f"_data/{folder}/{src.relative_to(ROOT / folder).as_posix()}"))
    return found


class BuildPyWithData(build_py):
    """``build_py`` that also copies the data files into ``inspector/_data/``."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # paths.py reads the source folders in an editable install
        files = data_files()
        if not any(dest.startswith("_data/checklists/") for _, dest in files):
            raise SystemExit(f"no checklists found under {ROOT / 'checklists'}: cannot build")
        for src, dest in files:
            target = Path(self.build_lib, "inspector", dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            outputs += [str(Path(self.build_lib, "inspector", d)) for _, d in data_files()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
