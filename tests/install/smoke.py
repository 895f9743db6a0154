"""Checks run against an installed program (a wheel in a fresh venv, or the bundle).

Each runs the real executables as a user would, from a folder that is not the checkout,
with a private home folder, and fails with the program's own output when something is off.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from inspector.app import AUTOPILOT_ENV

log = logging.getLogger(__name__)

TIMEOUT = 120
SHIPPED = {
    "accessibility",
    "branch-management",
    "comprehensive",
    "disclosure",
    "information-security",
    "mystery-shopper",
    "public-education",
}
ITEM = "acc.entrance_access"  # an item of the accessibility checklist


@dataclass
class Program:
    """How to start an installed program: its CLI, its GUI, and where it may write."""

    cli: list[str]
    gui: list[str]
    workdir: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "INSPECTOR_"))}
        env.update(
            INSPECTOR_HOME=str(self.workdir / "home"),
            INSPECTOR_USER="installer",
            QT_QPA_PLATFORM="offscreen",
        )
        return env

    def run(self, *args: str) -> str:
        """``inspector --db WORKDIR/smoke.sqlite3 ARGS``; its standard output."""
        db = self.workdir / "smoke.sqlite3"
        proc = subprocess.run(
            [*self.cli, "--db", str(db), *args],
            cwd=self.workdir,
            env=self.env(),
            capture_output=True,
            encoding="utf-8",  # what the program writes (the bundle runs in UTF-8 mode)
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
        assert proc.returncode == 0, f"inspector {' '.join(args)} -> {proc.returncode}\n" + (
            proc.stdout + proc.stderr
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout


def checklist_ids(program: Program) -> set[str]:
    return {c["id"] for c in json.loads(program.run("checklists", "list", "--json"))}


def heic_photo(path: Path) -> Path:
    """A small HEIC file (what an iPhone takes), written with pillow-heif."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    Image.new("RGB", (320, 240), (190, 40, 40)).save(path, format="HEIF", quality=80)
    return path


def report_of_new_inspection(program: Program) -> Path:
    """A draft inspection with a failed item and a HEIC photo, as a bilingual PDF; its path."""
    work = program.workdir
    answers = {"answers": {ITEM: {"result": "fail", "note": "坡道破损"}}}
    (work / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), "utf-8")
    created = program.run(
        *(
            "new",
            "--branch",
            "310001",
            "--branch-name",
            "陆家嘴支行",
            "--checklist",
            "accessibility",
        ),
        *("--inspector", "张三", "--answers", str(work / "answers.json")),
    )
    uuid = created.strip().splitlines()[-1]
    added = program.run("photo", "add", uuid, ITEM, str(heic_photo(work / "ramp.heic")))
    assert len(added.split()) == 1, added  # the new photo's id: the HEIC was decoded
    pdf = work / "report.pdf"
    program.run("report", uuid, "-o", str(pdf), "--lang", "both")
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    # Chinese comes out as text only when the bundled CJK font was found and embedded.
    assert "陆家嘴支行" in text and "坡道破损" in text, text[:500]
    return pdf


def gui_opens(program: Program) -> None:
    """The desktop app starts, shows its main window and runs its event loop; then is ended."""
    env = {**program.env(), AUTOPILOT_ENV: "0"}
    stderr_path = program.workdir / "gui-stderr.txt"
    with stderr_path.open("wb") as stderr:  # a file: a chatty app never blocks on a pipe
        proc = subprocess.Popen(
            [*program.gui, "--db", str(program.workdir / "gui.sqlite3")],
            cwd=program.workdir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            encoding="utf-8",
            errors="replace",
        )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    seen = []
    try:
        while True:
            line = lines.get(timeout=TIMEOUT)
            if line is None:
                stderr = stderr_path.read_text("utf-8", errors="replace")
                raise AssertionError(f"the app exited ({proc.wait()}): {seen}\n{stderr}")
            seen.append(line)
            if line.startswith("autopilot idle"):
                break
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)
    errors = stderr_path.read_text("utf-8", errors="replace")
    assert "Traceback" not in errors, errors


SPLIT_INSPECTIONS = 4_000  # demo inspections with findings enough for two processes


def export_in_two_processes(program: Program) -> Path:
    """'hq export' of a bank big enough that its findings sheet is written by a second
    process (multiprocessing's spawn: in the bundle, the executable started again, which
    needs freeze_support in its entry); the workbook's path."""
    import zipfile

    from inspector.services.hq.export_process import SPLIT_FINDINGS

    program.run("demo", "--inspections", str(SPLIT_INSPECTIONS))
    book = program.workdir / "hq.xlsx"
    program.run("hq", "export", "-o", str(book))
    log_text = (program.workdir / "home" / "logs" / "inspector.log").read_text("utf-8")
    assert "findings sheet written by a second process" in log_text, (
        f"{SPLIT_INSPECTIONS} demo inspections have fewer than {SPLIT_FINDINGS} findings?"
    )
    with zipfile.ZipFile(book) as z:
        assert z.testzip() is None
        assert len([n for n in z.namelist() if n.startswith("xl/worksheets/")]) > 10
    return book
