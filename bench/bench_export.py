"""Benchmark of ``hq export`` (Excel and CSV) and ``hq report`` (PDF) at a bank's size.

Usage::

    .venv/bin/python bench/bench_export.py [--inspections N] [--db PATH] [--lang zh|en]
                                           [--only export|report]

Issue 21 §8: at 100,000 inspections (the default) each command stays under 30 s and
400 MB. Fills a temporary SQLite database with ``inspector demo --inspections N`` (or uses
``--db``), then runs each command as its own process, as a user
does, and records its wall time, CPU time and peak memory (maximum resident set size,
from the operating system). The Excel export writes its findings sheet in a second
process: the CPU time counts both, the memory is the two processes' peaks added up (from
the export's log line; the operating system gives only the larger), and each process's
CPU time is printed beside them (on an idle machine the wall time is about the larger). The limits
are on wall time and that memory. The floor, measured in the same run on the same database:
a plain ``csv.writer`` of the same rows - every finding joined to its inspection and
branch, and every answer - read with plain SQL, the least any export of this data must
do. The ratio is our CPU time to the floor's (the machine may be shared; CPU time is
what the work costs, wall time is printed beside it).
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from inspector.services.hq.export_process import PEAK_LOG

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIME_LIMIT_S = 30.0
MEMORY_LIMIT_MB = 400.0

log = logging.getLogger(__name__)


def _floor(db: str, out: str) -> None:
    """The floor: every finding with its inspection and branch, and every answer, read
    with plain SQL and written with csv.writer (run in a child process)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerows(
            con.execute(
                "SELECT i.started_at, b.code, b.name, b.region, f.item_id, f.severity,"
                " f.action, f.owner, f.deadline, f.status, f.closed_at, f.closing_note,"
                " f.closed_via, i.uuid, f.repeat_of FROM findings f"
                " JOIN inspections i ON i.id = f.inspection_id"
                " JOIN branches b ON b.id = i.branch_id WHERE f.active"
                " ORDER BY f.deadline, b.code, f.item_id"
            )
        )
        w.writerows(
            con.execute(
                "SELECT i.uuid, b.code, b.name, b.region, i.started_at, i.score_total,"
                " a.item_id, a.result, a.value FROM answers a"
                " JOIN inspections i ON i.id = a.inspection_id"
                " JOIN branches b ON b.id = i.branch_id ORDER BY a.inspection_id"
            )
        )
    con.close()


PEAK_LINE = re.compile(
    re.escape(PEAK_LOG) + r": ([\d.]+) MB here, ([\d.]+) MB in the"
    r" findings sheet's process \(CPU ([\d.]+) s here, ([\d.]+) s there\)"
)


def _run(args: list[str], home: Path | None = None) -> tuple[float, float, float]:
    """Run ``args``; (wall s, CPU s, peak RSS MB): the CPU of the process and of the
    processes it waited for, the largest peak among them."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if home is not None:  # the command's log file goes there
        env["INSPECTOR_HOME"] = str(home)
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} -> {proc.returncode}\n{err[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _two_processes(home: Path) -> tuple[float, float, float, float] | None:
    """The export's peak memory (MB) and CPU time (s) in its first and its second
    process, from its log."""
    log_file = home / "logs" / "inspector.log"
    if not log_file.is_file():
        return None
    found = PEAK_LINE.findall(log_file.read_text(encoding="utf-8", errors="replace"))
    if not found:
        return None
    mb1, mb2, cpu1, cpu2 = (float(v) for v in found[-1])
    return mb1, mb2, cpu1, cpu2


def measure(
    db: Path | None = None,
    inspections: int = 100_000,
    lang: str = "zh",
    verbose: bool = True,
    only: str | None = None,
) -> list[tuple[str, float, str]]:
    """Run the commands (``only``: ``export`` for the two exports, ``report`` for the
    PDF; all by default) and the floor; one (name, ratio, detail) per command."""

    def say(text: str) -> None:
        if verbose:
            print(text, flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        if db is None or not db.exists():
            db = db or folder / "bench.sqlite3"
            t0 = time.perf_counter()
            # The shipped demo data (what bench_hq.py prefers too), filled by a child so
            # that this process stays small: a child's peak memory counts the parent's
            # pages it was forked with.
            _run(
                [
                    sys.executable,
                    "-m",
                    "inspector",
                    "--db",
                    str(db),
                    "demo",
                    "--inspections",
                    str(inspections),
                ]
            )
            say(f"data: inspector demo, ready in {time.perf_counter() - t0:.1f} s")
        cli = [sys.executable, "-m", "inspector", "--db", str(db)]
        f_wall, f_cpu, f_rss = _run(
            [sys.executable, str(Path(__file__).resolve()), "--floor", str(db), str(folder / "f")]
        )
        n = (
            sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            .execute("SELECT count(*) FROM inspections")
            .fetchone()[0]
        )
        say(
            f"{n} inspections; floor (csv.writer of every finding and answer): "
            f"{f_wall:.1f} s wall, {f_cpu:.1f} s CPU, {f_rss:.0f} MB"
        )
        commands = {
            "hq export (xlsx)": [*cli, "hq", "export", "-o", str(folder / "hq.xlsx")],
            "hq export (csv)": [*cli, "hq", "export", "--format", "csv", "-o", str(folder / "c")],
            "hq report (pdf)": [*cli, "hq", "report", "-o", str(folder / "hq.pdf")],
        }
        if only is not None:
            commands = {k: v for k, v in commands.items() if k.startswith(f"hq {only}")}
        results: list[tuple[str, float, str]] = []
        say(f"{'command':<20}{'wall s':>9}{'CPU s':>9}{'MB':>8}{'x floor':>9}  processes")
        for i, (name, args) in enumerate(commands.items()):
            home = folder / f"home{i}"
            home.mkdir()
            wall, cpu, rss = _run([*args, "--lang", lang], home)
            two = _two_processes(home)
            memory = two[0] + two[1] if two else rss
            # On an idle machine the wall time is about the larger CPU time of the two.
            split = (
                f"{two[0]:.0f} + {two[1]:.0f} MB, {two[2]:.1f} + {two[3]:.1f} s CPU"
                if two
                else "one"
            )
            ratio = cpu / f_cpu if f_cpu else float("inf")
            say(f"{name:<20}{wall:9.1f}{cpu:9.1f}{memory:8.0f}{ratio:9.1f}  {split}")
            ok = "ok" if wall <= TIME_LIMIT_S and memory <= MEMORY_LIMIT_MB else "OVER"
            where = f" in two processes ({split})" if two else ""
            results.append(
                (
                    f"'{name}' at {n} inspections",
                    ratio,
                    f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {memory:.0f} MB{where} ({ok}: "
                    f"limits {TIME_LIMIT_S:.0f} s, {MEMORY_LIMIT_MB:.0f} MB); "
                    f"floor {f_cpu:.1f} s CPU",
                )
            )
    return results


def run() -> list[tuple[str, float, str]]:
    """For bench/run.py: 100,000 demo inspections (BENCH_EXPORT_INSPECTIONS overrides)."""
    n = int(os.environ.get("BENCH_EXPORT_INSPECTIONS", "100000"))
    return measure(inspections=n, verbose=False)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--floor"]:  # the child process of the floor
        _floor(argv[1], argv[2])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inspections", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="use this database (filled if empty)")
    ap.add_argument("--lang", choices=["zh", "en"], default="zh")
    ap.add_argument(
        "--only",
        choices=["export", "report"],
        default=None,
        help="run only the two exports (xlsx, csv) or only the PDF report",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    for name, ratio, detail in measure(args.db, args.inspections, args.lang, only=args.only):
        print(f"{name}: ratio {ratio:.1f} ({detail})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
