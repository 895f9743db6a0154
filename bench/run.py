"""Run every benchmark in this folder (``bench_*.py``) and print one line per result.

Each module exposes ``run() -> list[tuple[str, float, str]]``: a name, the ratio of our
time to the baseline measured in the same run (lower is better), and details. Usage:

    python bench/run.py              # all benchmarks
    python bench/run.py photos hq    # only bench_photos.py and bench_hq.py
    python bench/run.py fuzz --minutes 10   # the long fuzz run (see bench/fuzz.py)
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench.{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    if argv[:1] == ["fuzz"]:
        return int(_load(HERE / "fuzz.py").main(argv[1:]))
    wanted = {a.removeprefix("bench_").removesuffix(".py") for a in argv}
    files = sorted(HERE.glob("bench_*.py"))
    if wanted:
        files = [f for f in files if f.stem.removeprefix("bench_") in wanted]
        missing = wanted - {f.stem.removeprefix("bench_") for f in files}
        if missing:
            print(f"error: no benchmark named {', '.join(sorted(missing))}", file=sys.stderr)
            return 1
    failed = 0
    for path in files:
        start = time.perf_counter()
        try:
            results = _load(path).run()
        except Exception:
            failed += 1
            print(f"{path.name}: FAILED\n{traceback.format_exc()}", file=sys.stderr)
            continue
        took = time.perf_counter() - start
        for name, ratio, detail in results:
            print(f"{path.stem:<16} {name}: ratio {ratio:.2f}  ({detail})")
        print(f"{path.stem:<16} done in {took:.1f}s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
