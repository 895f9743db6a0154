"""Small images a person hands in for a report: a signature, an organisation's logo.

Both are printed, never trusted: each is decoded with Pillow before it is accepted (only
PNG or JPEG, bounded in bytes and in pixels, so a decompression bomb or a renamed file
is refused with a message), then stored re-encoded as PNG so the report reads one format.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PIL import Image

from inspector.errors import ValidationError
from inspector.files import FileAccessError, read_bounded
from inspector.text import photos as T

log = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 4000


def read_image_file(path: Path, *, what: str) -> bytes:
    """The PNG bytes of the PNG or JPEG at ``path``, or ValidationError saying why not."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ValidationError(
            T.IMAGE_UNREADABLE, what=what, path=str(path), reason=str(e.strerror or e)
        ) from None
    if size > MAX_BYTES:
        raise ValidationError(
            T.IMAGE_FILE_TOO_LARGE,
            what=what,
            path=str(path),
            size=size // 1024,
            limit=MAX_BYTES // 1024,
        )
    try:
        # Bounded, and never a file of the open database (reading it would drop its locks).
        data = read_bounded(path, MAX_BYTES, "file")
    except FileAccessError as e:
        raise ValidationError(
            T.IMAGE_UNREADABLE, what=what, path=str(path), reason=e.problem
        ) from None
    return normalise_image(data, what=f"{what} {path}")


def normalise_image(data: bytes, *, what: str) -> bytes:
    """``data`` (PNG or JPEG) checked and re-encoded as PNG; ValidationError otherwise."""
    if len(data) > MAX_BYTES:
        raise ValidationError(T.IMAGE_TOO_LARGE, what=what, limit=MAX_BYTES // 1024)
    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as im:
            w, h = im.size
            if w < 1 or h < 1 or w > MAX_SIDE or h > MAX_SIDE:
                raise ValidationError(
                    T.IMAGE_TOO_MANY_PIXELS, what=what, width=w, height=h, side=MAX_SIDE
                )
            im.load()
            # Keep transparency (a signature drawn on a transparent background).
            mode = "RGBA" if im.mode in ("RGBA", "LA", "P") else "RGB"
            out = io.BytesIO()
            im.convert(mode).save(out, "PNG", optimize=True)
    except ValidationError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as e:
        raise ValidationError(T.IMAGE_NOT_READABLE, what=what, detail=str(e)) from None
    return out.getvalue()
