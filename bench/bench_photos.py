"""Benchmark: ingesting 30 generated 12-MP JPEGs (4000x3000) into a fresh database.

Baseline, measured in the same run on the same files: what any photo importer must do at
least - Pillow draft decode, a display image and a thumbnail (encoded as JPEG) and the
SHA-256 of each file. Ours adds full validation, EXIF metadata, orientation, storing the
original byte-exact plus derivatives in SQLite (WAL, synchronous=FULL) and the audit
entry. Target: ratio <= 1.5.
"""

from __future__ import annotations

import hashlib
import io
import random
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from inspector.db import open_database
from inspector.services import photos
from inspector.services.inspections import lifecycle

N_PHOTOS = 30
SIZE = (4000, 3000)


def _make_photos(folder: Path) -> list[Path]:
    """Realistic-sized JPEGs: gradients, shapes and sensor-like noise (~3-5 MB each)."""
    rng = random.Random(42)
    base = Image.linear_gradient("L").resize(SIZE)
    noise = Image.effect_noise(SIZE, 40)
    paths = []
    for i in range(N_PHOTOS):
        r = base.rotate(rng.uniform(0, 360), expand=False, fillcolor=rng.randrange(256))
        g = Image.effect_noise((SIZE[0] // 8, SIZE[1] // 8), 60).resize(SIZE)
        img = Image.merge("RGB", (r, g, noise.rotate(90 * (i % 4), expand=False)))
        draw = ImageDraw.Draw(img)
        for _ in range(40):
            x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
            w, h = rng.randrange(50, 800), rng.randrange(50, 800)
            color = tuple(rng.randrange(256) for _ in range(3))
            draw.rectangle((x, y, x + w, y + h), outline=color, width=rng.randrange(1, 20))
        img = img.filter(ImageFilter.SMOOTH) if i % 3 == 0 else img
        path = folder / f"IMG_{i:04d}.jpg"
        img.save(path, format="JPEG", quality=92)
        paths.append(path)
    return paths


def _baseline(paths: list[Path]) -> None:
    for path in paths:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        im = Image.open(io.BytesIO(data))
        im.draft("RGB", (1600, 1200))
        im.thumbnail((1600, 1600))
        im.save(io.BytesIO(), format="JPEG", quality=85)
        im.thumbnail((256, 256))
        im.save(io.BytesIO(), format="JPEG", quality=80)


def _ingest(paths: list[Path], db_file: Path) -> int:
    db = open_database(str(db_file))
    try:
        with db.session() as s:
            insp = lifecycle.create(
                s,
                branch_code="BENCH",
                branch_name="Bench",
                checklist_id="accessibility",
                inspector="b",
            )
            res = photos.add_files(
                s, insp, "acc.entrance_access", paths, actor="bench", commit_each=True
            )
            if res.refused or len(res.added) != len(paths):
                raise RuntimeError(f"ingest refused files: {res.refused}")
            return len(res.added)
    finally:
        db.dispose()


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        folder = Path(tmp)
        paths = _make_photos(folder)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        # Warm the file cache and Pillow's plugins so neither side pays first-use costs.
        _baseline(paths[:2])
        t0 = time.perf_counter()
        _baseline(paths)
        base = time.perf_counter() - t0
        t0 = time.perf_counter()
        n = _ingest(paths, folder / "bench.sqlite3")
        ours = time.perf_counter() - t0
    return [
        (
            f"ingest {n} JPEGs of {SIZE[0]}x{SIZE[1]} ({mb:.0f} MB)",
            ours / base,
            f"ingest {ours:.2f}s ({ours / n * 1000:.0f} ms each), "
            f"draft decode + thumbnails + SHA-256 {base:.2f}s",
        )
    ]


if __name__ == "__main__":
    for name, ratio, detail in run():
        print(f"{name}: ratio {ratio:.2f} ({detail})")
