"""Benchmark of HQ import: 200 signed packages of 80 answers and 10 photos each.

Usage::

    .venv/bin/python bench/bench_import.py [--packages N] [--repeat N]

Ratio = time of ``exchange_importer.import_paths`` / time of a baseline measured in the same run
(each the best of ``--repeat`` runs, default 3, the two sides alternating):
plain ``sqlite3`` reading the same ZIP members, hashing them and inserting the same rows
and BLOBs into the same schema, one transaction per package, with the same pragmas
(WAL, synchronous=FULL). Target: ratio <= 1.5. Also reports tracemalloc's peak while
importing 50 and then 200 packages: it must not grow with the number of packages
(each package is read, verified, written and dropped before the next).

The floor also does, once and in the least costly way, the work HQ may not skip, so the
ratio measures the importer's overhead (the waste) and not the checks themselves:

* the Ed25519 signature over ``manifest.json`` is verified: an unsigned package is not
  evidence (docs/package-format.md);
* every image HQ will show is proved an image: each original's header is read and each
  display and thumbnail JPEG is decoded (at 1/8 scale, which still reads all its data),
  as the importer must before a report meets one that does not decode;
* the rows the importer must write are written too: the import's own audit entry, the
  section scores, the inspection's owner, the import record and HQ's repeat findings
  (issue 21 §1; one query of the earlier failures of the package's items at its branch,
  enough here because the packages arrive in time order).

What the floor still skips is the importer's to make cheap: the manifest's schema and
bounds, the answers checked against the checklist, scoring, the duplicate, conflict and
ownership look-ups, and a repeat evaluation that stays right for late packages.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from inspector import clock
from inspector.checklists import canonical_json, checklist_from_json
from inspector.db import open_database
from inspector.services import keys
from inspector.services.exchange import importer as exchange_importer
from inspector.services.exchange.manifest_schema import Manifest
from inspector.services.exchange.package_format import canonical_bytes, content_sha256

log = logging.getLogger(__name__)

ANSWERS = 80
PHOTOS = 10


def _checklist() -> tuple[str, str]:
    """An 80-item checklist (no shipped one is that long); packages carry it anyway."""
    sections = [
        {
            "id": f"s{s}",
            "title": {"zh": f"第{s}部分", "en": f"Part {s}"},
            "weight": 25,
            "items": [
                {
                    "id": f"s{s}.i{i:02d}",
                    "text": {"zh": f"检查项{s}-{i}", "en": f"Item {s}-{i}"},
                    "type": "yes_no",
                    "points": 1 + i % 3,
                }
                for i in range(ANSWERS // 4)
            ],
        }
        for s in range(4)
    ]
    raw = {
        "format": 1,
        "id": "bench80",
        "version": "1.0.0",
        "title": {"zh": "基准检查表", "en": "Benchmark checklist"},
        "modes": ["onsite"],
        "veto_grade": "fail",
        "grades": [
            {"code": "good", "min": 80, "label": {"zh": "良好", "en": "Good"}},
            {"code": "fail", "min": 0, "label": {"zh": "不合格", "en": "Fail"}, "passing": False},
        ],
        "sections": sections,
    }
    content = canonical_json(checklist_from_json(json.dumps(raw)))
    return content, hashlib.sha256(content.encode()).hexdigest()


# Real JPEGs (the importer decodes the derivatives and reads the original's header), each
# unique: a noise tile encoded once per size, with the photo's number burnt into a corner.
ORIGINAL_SIZE, DISPLAY_SIZE, THUMB_SIZE = (400, 300), (160, 120), (64, 48)


def _jpeg(rng: random.Random, size: tuple[int, int], tag: int) -> bytes:
    from PIL import Image

    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    img.putpixel((0, 0), (tag % 256, (tag // 256) % 256, (tag // 65536) % 256))
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=90)
    return out.getvalue()


def make_packages(folder: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    device = keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )
    content, sha = _checklist()
    items = [f"s{s}.i{i:02d}" for s in range(4) for i in range(ANSWERS // 4)]
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    paths = []
    for k in range(n):
        at = (t0 + timedelta(hours=k)).isoformat()
        blobs: dict[str, bytes] = {}
        photos = []
        for p in range(PHOTOS):
            shas = []
            for size in (ORIGINAL_SIZE, DISPLAY_SIZE, THUMB_SIZE):  # original, display, thumb
                b = _jpeg(rng, size, k * PHOTOS + p)
                h = hashlib.sha256(b).hexdigest()
                blobs[h] = b
                shas.append(h)
            photos.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "item_id": items[p],
                    "position": 0,
                    "sha256": shas[0],
                    "size": len(blobs[shas[0]]),
                    "format": "JPEG",
                    "file_name": f"IMG_{p}.jpg",
                    "width": ORIGINAL_SIZE[0],
                    "height": ORIGINAL_SIZE[1],
                    "imported_at": at,
                    "withheld": False,
                    "image_sha256": shas[0],
                    "display_sha256": shas[1],
                    "thumb_sha256": shas[2],
                }
            )
        fails = set(rng.sample(items, 6))
        data: dict[str, Any] = {
            "format": "branch-inspector-package",
            "format_version": 1,
            "app_version": "bench",
            "exported_at": at,
            "device_fingerprint": device.fingerprint,
            "content_sha256": "0" * 64,
            "inspection": {
                "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                "revision": 1,
                "mode": "onsite",
                "status": "finalized",
                "inspector": "张三",
                "created_at": at,
                "started_at": at,
                "updated_at": at,
                "finalized_at": at,
                "finalized_by": "张三",
            },
            "branch": {"code": f"B{k % 40:03d}", "name": f"测试支行{k % 40}"},
            "checklist": {"id": "bench80", "version": "1.0.0", "sha256": sha, "content": content},
            "answers": [
                {
                    "item_id": i,
                    "result": "fail" if i in fails else "pass",
                    "note": "现场检查记录",
                    "updated_at": at,
                }
                for i in items
            ],
            "findings": [
                {"item_id": i, "owner": "网点负责人", "created_at": at, "updated_at": at}
                for i in sorted(fails)
            ],
            "photos": photos,
            "audit": [
                {"at": at, "actor": "张三", "revision": 1, "entity": "answer", "action": "update"}
                for _ in range(20)
            ],
            "report": None,
            "members": [],
        }
        dumped = Manifest.model_validate(data).model_dump(mode="json")
        dumped["content_sha256"] = content_sha256(dumped)
        dumped["members"] = [
            {"path": f"blobs/{h}", "size": len(b), "sha256": h} for h, b in blobs.items()
        ]
        manifest = canonical_bytes(dumped)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zf:
            zf.writestr("manifest.json", manifest, zipfile.ZIP_DEFLATED)
            zf.writestr("manifest.sig", device.sign(manifest))
            zf.writestr("device.pub", device.public.to_file_bytes())
            for h, b in blobs.items():
                zf.writestr(f"blobs/{h}", b)
        path = folder / f"p{k:04d}.inspection"
        path.write_bytes(out.getvalue())
        paths.append(path)
    return paths


def _decode_floor(m: dict[str, Any], members: dict[str, bytes]) -> None:
    """The least image work HQ must do: each original's header, each derivative decoded."""
    from PIL import Image

    for p in m["photos"]:
        with Image.open(io.BytesIO(members[f"blobs/{p['sha256']}"])) as im:
            assert im.size == (p["width"], p["height"])
        for sha in (p["display_sha256"], p["thumb_sha256"]):
            with Image.open(io.BytesIO(members[f"blobs/{sha}"])) as im:
                im.draft("RGB", (max(1, im.size[0] // 8), max(1, im.size[1] // 8)))
                im.load()


def baseline(db_file: Path, paths: list[Path]) -> None:
    """Same reads, hashes, checks HQ cannot skip and rows, with plain sqlite3: the floor."""
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    now = clock.now().replace(tzinfo=None).isoformat(" ")
    for path in paths:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
            members = {}
            for info in zf.infolist():
                b = zf.read(info)
                hashlib.sha256(b).hexdigest()
                members[info.filename] = b
        public = keys.parse_public_file(members["device.pub"], "device.pub")
        if not keys.verify_signature(
            public.signing, members["manifest.sig"], members["manifest.json"]
        ):
            raise AssertionError("signature")
        m = json.loads(members["manifest.json"])
        _decode_floor(m, members)
        i = m["inspection"]
        conn.execute("BEGIN IMMEDIATE")
        b = m["branch"]
        conn.execute(
            "INSERT OR IGNORE INTO branches (code, name, region, address, created_at, updated_at)"
            " VALUES (?, ?, '', '', ?, ?)",
            (b["code"], b["name"], now, now),
        )
        branch_id = conn.execute("SELECT id FROM branches WHERE code=?", (b["code"],)).fetchone()
        c = m["checklist"]
        conn.execute(
            "INSERT OR IGNORE INTO checklist_snapshots (sha256, checklist_id, version, title_zh,"
            " title_en, content, created_at) VALUES (?, ?, ?, '', '', ?, ?)",
            (c["sha256"], c["id"], c["version"], c["content"], now),
        )
        snap = conn.execute(
            "SELECT id FROM checklist_snapshots WHERE sha256=?", (c["sha256"],)
        ).fetchone()
        cur = conn.execute(
            "INSERT INTO inspections (uuid, revision, is_current, mode, status, branch_id,"
            " snapshot_id, inspector, created_at, started_at, updated_at, finalized_at, visit,"
            " narrative, veto_failed, origin, content_sha256, imported_at)"
            " VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', '', 0, 'imported', ?, ?)",
            (
                i["uuid"], i["mode"], i["status"], branch_id[0], snap[0], i["inspector"],
                i["created_at"], i["started_at"], i["updated_at"], i["finalized_at"],
                m["content_sha256"], now,
            ),
        )  # fmt: skip
        iid = cur.lastrowid
        conn.executemany(
            "INSERT INTO answers (inspection_id, item_id, result, value, note, answered_by,"
            " updated_at) VALUES (?, ?, ?, 'null', ?, '', ?)",
            [(iid, a["item_id"], a["result"], a["note"], a["updated_at"]) for a in m["answers"]],
        )
        conn.executemany(
            "INSERT INTO findings (inspection_id, item_id, active, severity, action, owner,"
            " status, closing_note, created_at, updated_at)"
            " VALUES (?, ?, 1, 'medium', '', ?, 'open', '', ?, ?)",
            [(iid, f["item_id"], f["owner"], now, now) for f in m["findings"]],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
            [(k[6:], len(v), v) for k, v in members.items() if k.startswith("blobs/")],
        )
        conn.executemany(
            "INSERT INTO photos (id, inspection_id, item_id, position, sha256, size, format,"
            " file_name, width, height, imported_at, caption, layers, original_sha256,"
            " display_sha256, thumb_sha256) VALUES (?, ?, ?, 0, ?, ?, 'JPEG', '', ?, ?, ?, '',"
            " '{}', ?, ?, ?)",
            [
                (p["id"], iid, p["item_id"], p["sha256"], p["size"], p["width"], p["height"],
                 now, p["sha256"], p["display_sha256"], p["thumb_sha256"])
                for p in m["photos"]
            ],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO audit_log (at, actor, inspection_uuid, revision, entity, key, action)"
            " VALUES (?, ?, ?, 1, ?, '', ?)",
            [(now, e["actor"], i["uuid"], e["entity"], e["action"]) for e in m["audit"]]
            + [(now, "", i["uuid"], "inspection", "import")],
        )
        passed: dict[str, int] = {}
        for a in m["answers"]:
            section = a["item_id"].split(".")[0]
            passed[section] = passed.get(section, 0) + (a["result"] == "pass")
        conn.executemany(
            "INSERT INTO section_scores (inspection_id, section_id, area, weight, earned,"
            " possible, percent) VALUES (?, ?, '', 25, ?, ?, ?)",
            [(iid, sec, n, ANSWERS // 4, 100 * n / (ANSWERS // 4)) for sec, n in passed.items()],
        )
        conn.execute(
            "INSERT INTO inspection_owners (uuid, fingerprint, first_revision, at)"
            " VALUES (?, ?, 1, ?)",
            (i["uuid"], m["device_fingerprint"], now),
        )
        # HQ's repeat findings (issue 21 §1): the earlier failures of the same items at the
        # branch, one query; the packages arrive in time order, so nothing later to redo.
        failed = [f["item_id"] for f in m["findings"]]
        earlier = conn.execute(
            "SELECT f.item_id, count(*), max(i.started_at || ' ' || i.uuid) FROM findings f"
            " JOIN inspections i ON i.id = f.inspection_id"
            " WHERE i.branch_id = ? AND i.snapshot_id = ? AND i.mode = ? AND i.is_current = 1"
            " AND i.status = 'finalized' AND f.active = 1 AND i.started_at < ?"
            f" AND f.item_id IN ({','.join('?' * len(failed))}) GROUP BY f.item_id",
            (branch_id[0], snap[0], i["mode"], i["started_at"], *failed),
        ).fetchall()
        conn.executemany(
            "INSERT INTO hq_repeats (finding_id, repeat_of, earlier, severity, evaluated_at)"
            " SELECT id, ?, ?, 'high', ? FROM findings WHERE inspection_id = ? AND item_id = ?",
            [(latest.split(" ")[-1], n, now, iid, item) for item, n, latest in earlier],
        )
        conn.execute(
            "INSERT INTO imports (package_sha256, file_name, inspection_uuid, revision, outcome,"
            " device_fingerprint, trusted, at) VALUES (?, ?, ?, 1, 'imported', ?, 0, ?)",
            (
                hashlib.sha256(members["manifest.json"]).hexdigest(),
                path.name,
                i["uuid"],
                m["device_fingerprint"],
                now,
            ),
        )
        conn.execute("COMMIT")
    conn.close()


def _fresh(folder: Path, name: str) -> Path:
    path = folder / name
    open_database(path).dispose()
    return path


def _import(folder: Path, name: str, paths: list[Path], *, trace: bool) -> tuple[float, int]:
    """Seconds taken, and tracemalloc's peak when ``trace`` (tracing slows it: not timed)."""
    db = open_database(_fresh(folder, name))
    peak = 0
    try:
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        receipt = exchange_importer.import_paths(db, paths)
        took = time.perf_counter() - start
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        assert len(receipt.imported) == len(paths), receipt.to_dict()["rejected"][:1]
    finally:
        db.dispose()
    return took, peak


def run(packages: int = 200, repeat: int = 3) -> list[tuple[str, float, str]]:
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / "pk").mkdir()
        paths = make_packages(folder / "pk", packages)
        # Each side's best of ``repeat`` runs, alternating: on a shared machine one slow
        # fsync spell would otherwise decide the ratio.
        base = ours = float("inf")
        for n in range(repeat):
            base_db = _fresh(folder, f"baseline{n}.sqlite3")
            start = time.perf_counter()
            baseline(base_db, paths)
            base = min(base, time.perf_counter() - start)
            took, _p = _import(folder, f"ours{n}.sqlite3", paths, trace=False)
            ours = min(ours, took)
            for used in folder.glob(f"*{n}.sqlite3*"):  # a few hundred MB per run
                used.unlink()
        _t, peak_all = _import(folder, "all.sqlite3", paths, trace=True)
        small = paths[: max(1, packages // 4)]
        _t, peak_small = _import(folder, "small.sqlite3", small, trace=True)
    per = ours / packages * 1000
    return [
        (
            f"import {packages} packages ({ANSWERS} answers, {PHOTOS} photos)",
            ours / base,
            f"{ours:.2f}s vs baseline {base:.2f}s, {per:.1f} ms/package; target <= 1.5",
        ),
        (
            f"peak memory {packages} vs {max(1, packages // 4)} packages",
            peak_all / peak_small,
            f"{peak_all / 1e6:.1f} MB vs {peak_small / 1e6:.1f} MB; target ~1 (flat)",
        ),
    ]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", type=int, default=200)
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each side; the best counts (default 3)"
    )
    args = ap.parse_args(argv)
    for name, ratio, detail in run(args.packages, max(1, args.repeat)):
        print(f"{name}: ratio {ratio:.2f}  ({detail})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
