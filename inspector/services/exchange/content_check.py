"""What an import checks of a verified package's content, before anything is written.

The signature and the manifest's schema are checked by
:func:`inspector.services.exchange.package_format.read_package`; here: the answers, findings
and photos name items of the checklist the package carries, the answers fit their items,
and every image HQ will show decodes (:func:`check_content`). Each refusal is a
:class:`~inspector.services.exchange.package_format.PackageError`.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache

from PIL import Image, UnidentifiedImageError

from inspector.checklists import SnapshotDamagedError, checklist_from_json
from inspector.domain.answers import AnswerError, check_value
from inspector.domain.checklist import Checklist, Mode
from inspector.errors import detail_of
from inspector.services import photo_decode
from inspector.services.exchange.manifest_schema import PhotoData
from inspector.services.exchange.package_format import (
    PackageError,
    VerifiedPackage,
)
from inspector.services.photo_decode import FORMATS
from inspector.text import exchange as T

# Device derivatives are at most DISPLAY_SIDE; allow for other builds' settings.
MAX_DERIVATIVE_SIDE = 4096
_FORMATS, _JPEG = list(FORMATS), ["JPEG"]


@lru_cache(maxsize=32)
def _parse_checklist(sha256: str, content: str) -> Checklist:
    # Keyed by the verified hash: every package of a campaign carries the same checklist.
    return checklist_from_json(content)


def check_content(pkg: VerifiedPackage) -> Checklist:
    """The answers, findings and photos name items of the checklist the package carries."""
    m = pkg.manifest
    try:
        checklist = _parse_checklist(m.checklist.sha256, m.checklist.content)
    except SnapshotDamagedError:
        # The package's checklist, not one stored here: the package is refused, and nothing
        # about HQ's database needs restoring.
        raise PackageError(T.SNAPSHOT_INVALID) from None
    if checklist.id != m.checklist.id or checklist.version != m.checklist.version:
        raise PackageError(T.SNAPSHOT_OTHER)
    index = checklist.item_index()
    for a in m.answers:
        item = index.get(a.item_id)
        if item is None:
            continue  # reported below, with the other unknown items
        try:
            check_value(item, a.value)
        except AnswerError as e:
            raise PackageError(T.ANSWER_INVALID, cause=e) from None
    for kind, ids in (
        ("answer", [a.item_id for a in m.answers]),
        ("finding", [f.item_id for f in m.findings]),
        ("photo", [p.item_id for p in m.photos]),
    ):
        unknown = sorted({i for i in ids if i not in index})
        if unknown:
            raise PackageError(
                T.UNKNOWN_ITEMS,
                kind=T.ITEM_REFS[kind],
                checklist=checklist.id,
                items=", ".join(unknown[:5]),
            )
    scenario = m.inspection.visit.scenario
    if scenario and scenario not in {sc.id for sc in checklist.scenarios}:
        raise PackageError(T.SCENARIO_UNKNOWN, scenario=repr(scenario), checklist=checklist.id)
    if Mode(m.inspection.mode) not in checklist.modes:
        raise PackageError(T.MODE_WRONG, checklist=checklist.id, mode=m.inspection.mode)
    _check_images(pkg)
    return checklist


def _check_images(pkg: VerifiedPackage) -> None:
    """The images HQ will show are images: a report or rendering must never meet one that
    does not decode. The derivatives (small) are decoded at reduced scale, which still
    reads all their data; the original's header must match what the manifest says.
    A withheld photo's rendering is decoded in full when it is stored. Each image is
    opened once; Pillow's decompression-bomb warning is an error for all of them."""
    photo_decode.register_image_formats()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        for p in pkg.manifest.photos:
            if p.withheld:
                continue
            assert p.display_sha256 is not None and p.thumb_sha256 is not None
            _check_original(pkg.blobs[p.image_sha256], p)
            for kind, sha in (("display", p.display_sha256), ("thumbnail", p.thumb_sha256)):
                _check_derivative(pkg.blobs[sha], p, kind)


def _check_original(data: bytes, p: PhotoData) -> None:
    try:
        with Image.open(io.BytesIO(data), formats=_FORMATS) as im:
            fmt = "JPEG" if im.format == "MPO" else str(im.format)
            size = im.size
    except UnidentifiedImageError:
        raise PackageError(T.ORIGINAL_NOT_IMAGE, photo=p.id) from None
    except Exception as e:  # hostile headers raise anything from struct.error to ValueError
        raise PackageError(T.ORIGINAL_UNREADABLE, photo=p.id, detail=detail_of(e)) from None
    if fmt != p.format:
        raise PackageError(T.ORIGINAL_FORMAT, photo=p.id, actual=fmt, declared=p.format)
    if sorted(size) != sorted((p.width, p.height)):
        raise PackageError(
            T.ORIGINAL_SIZE,
            photo=p.id,
            actual=f"{size[0]}x{size[1]}",
            declared=f"{p.width}x{p.height}",
        )


def _check_derivative(data: bytes, p: PhotoData, kind: str) -> None:
    try:
        with Image.open(io.BytesIO(data), formats=_JPEG) as im:
            w, h = im.size
            if max(w, h) > MAX_DERIVATIVE_SIDE:
                raise PackageError(
                    T.DERIVATIVE_TOO_LARGE,
                    photo=p.id,
                    kind=T.IMAGE_KINDS[kind],
                    size=f"{w}x{h}",
                )
            im.draft("RGB", (max(1, w // 8), max(1, h // 8)))
            im.load()
    except PackageError:
        raise
    except UnidentifiedImageError:
        raise PackageError(T.DERIVATIVE_NOT_JPEG, photo=p.id, kind=T.IMAGE_KINDS[kind]) from None
    except Exception as e:
        raise PackageError(
            T.DERIVATIVE_DAMAGED, photo=p.id, kind=T.IMAGE_KINDS[kind], detail=detail_of(e)
        ) from None
