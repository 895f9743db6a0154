"""A photo as people see it: the rendering with its layers drawn, the display and thumbnail
variants (redacted when the photo is), the photo editor's base image, and the export.

Built on :mod:`inspector.services.photos` (storage, blobs) and the pure
:mod:`inspector.services.photo_render`; a redacted photo never yields unredacted pixels here.
"""

from __future__ import annotations

import logging
import threading

from PIL import Image
from sqlalchemy.orm import Session

from inspector import strictjson
from inspector.db.models import Photo
from inspector.errors import ValidationError

# The pure parts (decoding, EXIF, derivatives, layer drawing) live in photo_decode and
# photo_render; these names stay importable as photos.* for the CLI, GUI, importer and tests.
from inspector.services.photo_decode import (
    DISPLAY_SIDE,
    RENDER_QUALITY,
    PhotoError,
    decode,
    to_jpeg,
)
from inspector.services.photo_render import (
    apply_layers,
    reduced,
    render_on_display,
    shown_variant,
)
from inspector.services.photos import VARIANTS, Variant, blob_bytes, siblings, store_blob
from inspector.text import photos as T

log = logging.getLogger(__name__)


def _upright_full(session: Session, photo: Photo) -> Image.Image:
    assert photo.original_sha256 is not None
    data = blob_bytes(session, photo.original_sha256)
    name = photo.file_name or photo.id
    return decode(data, name, fit=None).image


def render(session: Session, photo: Photo, *, max_side: int | None = None) -> bytes:
    """A JPEG of the upright photo with redactions and annotations applied.

    Full size (``max_side`` None) is cached in ``rendered_sha256``. A smaller rendering
    for reports is drawn on the display image when that is large enough (much faster).
    A withheld original renders from the stored rendering, which already has its layers.
    """
    if max_side is not None and max_side < 1:
        raise ValidationError(T.BAD_MAX_SIDE)
    layers = photo.layers or {}
    if photo.original_sha256 is None:
        data = blob_bytes(session, photo.rendered_sha256 or photo.display_sha256)
        if max_side is None:
            return data
        return reduced(data, max_side=max_side, file_name=photo.file_name or photo.id)
    if max_side is None or max_side > DISPLAY_SIDE:
        if photo.rendered_sha256 is None:
            _share_rendering(session, photo)
        if photo.rendered_sha256 is not None:
            full_bytes = blob_bytes(session, photo.rendered_sha256)
        else:
            full = apply_layers(_upright_full(session, photo), layers, 1.0)
            full_bytes = to_jpeg(full, RENDER_QUALITY)
            photo.rendered_sha256 = store_blob(session, full_bytes)
            # Blur redactions add noise, so a second rendering would differ byte for byte:
            # the rows of an attached photo share this one (one blob, one export member).
            for other in siblings(session, photo):
                if other.rendered_sha256 is None and other.layers == photo.layers:
                    other.rendered_sha256 = photo.rendered_sha256
            session.flush()
        if max_side is None or max_side >= max(photo.width, photo.height):
            return full_bytes
        return reduced(full_bytes, max_side=max_side, file_name=photo.file_name or photo.id)
    return render_on_display(
        blob_bytes(session, photo.display_sha256),
        layers,
        photo.width,
        max_side=max_side,
        file_name=photo.file_name or photo.id,
    )


def _share_rendering(session: Session, photo: Photo) -> None:
    """Reuse the cached rendering of the same photo under another item (same layers)."""
    for other in siblings(session, photo):
        if other.rendered_sha256 is not None and other.layers == photo.layers:
            photo.rendered_sha256 = other.rendered_sha256
            return


def variant_bytes(session: Session, photo: Photo, variant: Variant) -> bytes:
    """The bytes of one variant; ``rendered`` is made (and cached) on demand.

    ``display`` and ``thumb`` show the photo as it is exported and printed: a photo with
    layers gets its redactions (and annotations) drawn on, so no list, strip or preview
    ever shows what a redaction hides. The bare upright image for the editor is
    :func:`editor_base`.
    """
    if variant == "original":
        if photo.original_sha256 is None:
            raise PhotoError(T.ORIGINAL_WITHHELD, photo=photo.id)
        return blob_bytes(session, photo.original_sha256)
    if variant in ("display", "thumb"):
        if _has_layers(photo):
            return _shown(session, photo, variant)
        return blob_bytes(
            session, photo.display_sha256 if variant == "display" else photo.thumb_sha256
        )
    if variant == "rendered":
        return render(session, photo)
    raise ValidationError(T.BAD_VARIANT, choices=", ".join(VARIANTS), variant=repr(variant))


def editor_base(session: Session, photo: Photo) -> bytes:
    """The upright display image without layers: only the annotation editor draws on it."""
    return blob_bytes(session, photo.display_sha256)


def _has_layers(photo: Photo) -> bool:
    # A withheld original's display and thumbnail were derived from its rendering, which
    # already carries its layers: drawing them again would double the annotations.
    layers = photo.layers or {}
    return photo.original_sha256 is not None and bool(
        layers.get("redactions") or layers.get("annotations")
    )


#: Rendered thumbnails by (display image, layers): the evidence strip asks for them on
#: every item change, and drawing them is ~20-50 ms each. Keyed by content, so a changed
#: layer set or photo can never be served a stale image.
_SHOWN_CACHE: dict[tuple[str, str, str], bytes] = {}
_SHOWN_CACHE_MAX = 512
# The phone-capture server's threads read thumbnails too: evicting while another thread
# inserts would raise "dictionary changed size during iteration".
_SHOWN_LOCK = threading.Lock()


def _shown(session: Session, photo: Photo, variant: Variant) -> bytes:
    layers = photo.layers or {}
    key = (photo.display_sha256, strictjson.dumps(layers, sort_keys=True), variant)
    with _SHOWN_LOCK:
        cached = _SHOWN_CACHE.get(key)
    if cached is not None:
        return cached
    data = shown_variant(
        blob_bytes(session, photo.display_sha256),
        layers,
        photo.width,
        thumb=variant == "thumb",
        file_name=photo.file_name or photo.id,
    )
    with _SHOWN_LOCK:
        if len(_SHOWN_CACHE) >= _SHOWN_CACHE_MAX:
            _SHOWN_CACHE.pop(next(iter(_SHOWN_CACHE)))
        _SHOWN_CACHE[key] = data
    return data


def export_image(session: Session, photo: Photo) -> tuple[bytes, str]:
    """What may leave the laptop: the original, or the redacted rendering.

    Returns ``(bytes, "original")`` for a photo without redactions, else the full-size
    rendering with redactions and annotations, ``(bytes, "rendered")``. An unredacted
    original of a redacted photo is never returned.
    """
    if photo.original_sha256 is None:
        return render(session, photo), "rendered"
    if (photo.layers or {}).get("redactions"):
        return render(session, photo), "rendered"
    return blob_bytes(session, photo.original_sha256), "original"
