"""The long fuzz run: ``python bench/run.py fuzz --minutes N [--target NAME ...]``.

Runs every target of ``tests/fuzz/targets.py`` in turn (round robin, one mutated input
at a time) for N minutes and prints, per target, how many inputs ran and how many
crashed. Each crash (an exception other than the user-facing ``UserError``) is saved
with its traceback under ``--out`` (default ``bench/fuzz-crashes/``) as
``TARGET-N.bin`` / ``.txt``; replay one with ``--replay FILE --target NAME``.
Everything runs in a throw-away home folder (database, device key, logs).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _checklists_with_example() -> str:
    """The shipped checklists plus the test fixture ``example``, in a temporary folder."""
    import shutil

    from inspector import paths

    root = Path(__file__).resolve().parents[1]
    folder = Path(tempfile.mkdtemp(prefix="fuzz-checklists-"))
    for f in paths.checklists_dir().iterdir():
        if f.is_file() and f.suffix in (".yaml", ".yml", ".json"):
            shutil.copyfile(f, folder / f.name)
    shutil.copyfile(
        root / "tests" / "fixtures" / "checklists" / "example.yaml", folder / "example.yaml"
    )
    return str(folder)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (all targets)")
    parser.add_argument("--target", action="append", help="only this target (repeatable)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--out", type=Path, default=HERE / "fuzz-crashes", help="crash folder")
    parser.add_argument("--replay", type=Path, help="run one saved input and show the result")
    args = parser.parse_args(argv)

    # Never touch the user's own database or device key.
    os.environ["INSPECTOR_HOME"] = tempfile.mkdtemp(prefix="fuzz-home-")
    # The package targets build their seed inspection on the test-only example checklist.
    os.environ["INSPECTOR_CHECKLISTS"] = _checklists_with_example()
    os.environ.pop("INSPECTOR_DB", None)
    sys.path.insert(0, str(ROOT))
    logging.disable(logging.CRITICAL)  # refusals log warnings by design; keep the output short
    warnings.simplefilter("ignore")  # Pillow warns about every corrupt EXIF block
    from tests.fuzz.targets import FACTORIES

    names = args.target or sorted(FACTORIES)
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        print(f"error: unknown target {', '.join(unknown)}; have {', '.join(FACTORIES)}")
        return 1
    targets = [FACTORIES[n]() for n in names]
    if args.replay:
        data = args.replay.read_bytes()
        try:
            targets[0].run(data)
        except Exception:
            traceback.print_exc()
            return 1
        print(f"{args.replay}: no crash in {targets[0].name}")
        return 0

    seed = args.seed if args.seed is not None else time.time_ns() % 2**32
    rng = random.Random(seed)
    print(f"fuzzing {', '.join(names)} for {args.minutes:g} min (seed {seed})", flush=True)
    runs = dict.fromkeys(names, 0)
    crashes = dict.fromkeys(names, 0)
    seen: set[tuple[str, str]] = set()
    deadline = time.monotonic() + args.minutes * 60
    next_report = time.monotonic() + 30
    while time.monotonic() < deadline:
        for t in targets:
            data = t.mutate(rng.choice(t.seeds), rng)
            runs[t.name] += 1
            try:
                t.run(data)
            except Exception as e:
                tb = traceback.format_exc()
                crashes[t.name] += 1
                # One file per distinct crash site (the last frame and the exception type).
                frame = traceback.extract_tb(e.__traceback__)[-1]
                key = (t.name, f"{type(e).__name__}@{frame.filename}:{frame.lineno}")
                if key not in seen:
                    seen.add(key)
                    args.out.mkdir(parents=True, exist_ok=True)
                    stem = args.out / f"{t.name}-{len(seen)}"
                    stem.with_suffix(".bin").write_bytes(data)
                    stem.with_suffix(".txt").write_text(f"{key[1]}\n\n{tb}", encoding="utf-8")
                    print(f"CRASH {t.name}: {key[1]} -> {stem}.bin", flush=True)
        if time.monotonic() > next_report:
            next_report += 30
            print("  " + ", ".join(f"{n} {runs[n]}" for n in names), flush=True)
    for n in names:
        print(f"{n:<10} runs {runs[n]:>7}  crashes {crashes[n]:>5}")
    print(f"distinct crashes: {len(seen)}")
    return 1 if seen else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
