"""Photo decoding, pure: limits, format checks, EXIF metadata and derived images.

No database and no Qt: everything here works on bytes and Pillow images, so the GUI can
run it in a worker thread, the phone server and the package importer can reuse it, and
its tests need no database. Storage (blobs, rows, audit) is :mod:`inspector.services.photos`.

* Only JPEG, PNG, WebP and HEIC/HEIF are decoded, with Pillow's decoders restricted to
  those; corrupt or truncated files and decompression bombs are refused with a
  :class:`PhotoError` that names the file and the reason.
* :func:`decode` returns a :class:`DecodedImage`: the upright RGB pixels (EXIF orientation
  applied), the format, the orientation, the upright size of the whole image and the EXIF.
* :func:`prepare` turns one file into a :class:`Prepared` photo: hash, metadata, the upright
  display image (~1600 px) and thumbnail (~256 px).
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from inspector.errors import UserError, detail_of
from inspector.files import size_text
from inspector.text import Lang, Message, Surface
from inspector.text import photos as T

log = logging.getLogger(__name__)

#: Pillow format names we decode; everything else is refused before decoding.
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
#: Pillow's own decompression-bomb threshold (~89 MP): a 64 MP phone photo passes, a
#: 20000x20000 image (400 MP, ~1.2 GB decoded) is refused before its pixels are decoded.
MAX_PIXELS = 89_478_485
#: Larger files are refused before any parsing (a phone photo is a few MB).
MAX_FILE_BYTES = 200 * 1024 * 1024
DISPLAY_SIDE = 1600
THUMB_SIDE = 256
DISPLAY_QUALITY = 85
THUMB_QUALITY = 80
RENDER_QUALITY = 90

# EXIF tags (numbers from the EXIF 2.32 specification).
_ORIENTATION = 0x0112
_MAKE = 0x010F
_MODEL = 0x0110
_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_OFFSET_TIME_ORIGINAL = 0x9011

_TRANSPOSE: dict[int, tuple[Image.Transpose, ...]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}

# First bytes of formats people are likely to try, to say what the file is instead of
# only "not supported".
# The names are keys of ``inspector.text.photos.FILE_KINDS``.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "pdf"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"BM", "bmp"),
    (b"PK\x03\x04", "zip"),
    (b"<svg", "svg"),
    (b"<?xml", "xml"),
)


class PhotoError(UserError):
    """A photo that cannot be stored or used; the message names the file and the reason.

    ``file`` (when the error concerns one file) is said before the reason on every
    surface; :meth:`reason` is the reason alone, for a list that already names the file
    (the photo strip's "FILE was refused: REASON", ``photo add``'s ``error: FILE: REASON``).
    """

    def __init__(self, message: Message, /, *, file: str | None = None, **fields: object) -> None:
        self.file = file
        super().__init__(message, **fields)
        self.args = (str(self),)

    def reason(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        """The reason without the file name."""
        return super().render(lang, surface)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        reason = self.reason(lang, surface)
        if self.file is None:
            return reason
        return T.IN_FILE.render(lang, surface, {"file": self.file, "reason": reason})


# ---------------------------------------------------------------- decoding
@dataclass(frozen=True, slots=True)
class Prepared:
    """A validated photo, ready to store: original bytes, metadata and derivatives."""

    file_name: str
    data: bytes
    sha256: str
    format: str  # JPEG | PNG | WEBP | HEIF
    width: int  # upright
    height: int  # upright
    orientation: int
    display: bytes  # upright JPEG, long side <= DISPLAY_SIDE
    thumb: bytes  # upright JPEG, long side <= THUMB_SIDE
    taken_at: datetime | None = None  # EXIF, device-reported
    camera: str | None = None
    gps_lat: float | None = None  # device-reported
    gps_lon: float | None = None
    gps_alt: float | None = None

    @property
    def size(self) -> int:
        return len(self.data)


@cache
def _register_heif() -> None:
    # pillow-heif adds the "HEIF" format to Pillow; done once, on first use, so importing
    # this module stays cheap and side-effect free.
    import pillow_heif

    pillow_heif.register_heif_opener()


def _what_is(data: bytes) -> str:
    """A key of ``FILE_KINDS`` saying what ``data`` looks like."""
    head = data[:16].lstrip()
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if data[:16].isascii() and b"\x00" not in data[:512]:
        return "text"
    return "unknown"


def register_image_formats() -> None:
    """Make every format in FORMATS openable (HEIF needs its plugin registered)."""
    _register_heif()


def _open(data: bytes, file_name: str) -> Image.Image:
    """Open (header only) with restricted decoders; refuses bombs from the header size."""
    _register_heif()
    try:
        im = Image.open(io.BytesIO(data), formats=list(FORMATS))
    except UnidentifiedImageError:
        raise PhotoError(T.NOT_A_PHOTO, file=file_name, kind=T.FILE_KINDS[_what_is(data)]) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        m = re.search(r"\((\d+) pixels\)", str(e))
        limit = f"{MAX_PIXELS:,}"
        if m:
            raise PhotoError(
                T.TOO_MANY_PIXELS, file=file_name, pixels=f"{int(m.group(1)):,}", limit=limit
            ) from None
        raise PhotoError(T.TOO_LARGE_TO_OPEN, file=file_name, limit=limit) from None
    except Exception as e:  # hostile headers raise anything from struct.error to ValueError
        raise PhotoError(T.DAMAGED, file=file_name, detail=_reason(e)) from None
    if im.format not in (*FORMATS, "MPO"):  # Image.open(formats=...) already enforces it
        raise PhotoError(T.UNSUPPORTED_FORMAT, file=file_name, format=str(im.format))
    w, h = im.size
    if w <= 0 or h <= 0:
        raise PhotoError(T.NO_PIXELS, file=file_name, width=w, height=h)
    if w * h > MAX_PIXELS:
        raise PhotoError(
            T.TOO_MANY_PIXELS_SIZED,
            file=file_name,
            width=w,
            height=h,
            pixels=f"{w * h:,}",
            limit=f"{MAX_PIXELS:,}",
        )
    return im


def _reason(e: BaseException) -> str:
    return detail_of(e)


@dataclass(frozen=True, slots=True)
class DecodedImage:
    """One fully decoded image, as :func:`decode` returns it."""

    image: Image.Image  # upright RGB, reduced to about ``fit`` px when asked
    format: str  # JPEG | PNG | WEBP | HEIF (a multi-picture JPEG counts as JPEG)
    orientation: int  # EXIF orientation 1..8 (1 when absent or invalid)
    width: int  # upright width of the whole image, before any reduction
    height: int  # upright height of the whole image, before any reduction
    exif: Image.Exif

    @property
    def size(self) -> tuple[int, int]:
        """The upright ``(width, height)`` of the whole image."""
        return self.width, self.height


def decode(data: bytes, file_name: str, *, fit: int | None) -> DecodedImage:
    """Fully decode ``data`` (upright, RGB), reduced to about ``fit`` px when given.

    Decoding is complete: a truncated file fails here with a :class:`PhotoError`
    naming ``file_name``.
    """
    with warnings.catch_warnings():
        # Pillow only warns between ~89 and ~179 MP; an evidence app must refuse instead.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        im = _open(data, file_name)
        # A JPEG with extra pictures (phones' depth maps) opens as MPO: still a JPEG.
        fmt = "JPEG" if im.format == "MPO" else str(im.format)
        full = im.size
        if fit is not None and fmt == "JPEG":
            # DCT scaling decodes at 1/2, 1/4 or 1/8 size: several times faster, and the
            # whole entropy-coded stream is still read, so truncation is still detected.
            long_side = max(full)
            if long_side > fit:
                scale = fit / long_side
                im.draft("RGB", (max(1, int(full[0] * scale)), max(1, int(full[1] * scale))))
        try:
            im.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(T.TOO_LARGE_TO_OPEN, file=file_name, limit=f"{MAX_PIXELS:,}") from None
        except MemoryError:
            raise PhotoError(T.NO_MEMORY, file=file_name) from None
        except Exception as e:
            raise PhotoError(T.TRUNCATED, file=file_name, detail=_reason(e)) from None
    # After load(): PNG keeps EXIF in a chunk that may follow the pixels.
    try:
        exif = im.getexif()
    except Exception:  # a broken EXIF block must not make a good photo unusable
        log.warning("%s: unreadable EXIF data ignored", file_name, exc_info=True)
        exif = Image.Exif()
    orientation = exif.get(_ORIENTATION, 1)
    orientation = orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1
    img = _to_rgb(im)
    if fit is not None and max(img.size) > fit:
        # Bicubic after the draft's DCT reduction is as sharp as Lanczos at this ratio and
        # costs less; reducing_gap lets Pillow box-reduce huge PNGs first.
        img.thumbnail((fit, fit), Image.Resampling.BICUBIC, reducing_gap=2.0)
    for op in _TRANSPOSE.get(orientation, ()):
        img = img.transpose(op)
    width, height = (full[1], full[0]) if orientation in (5, 6, 7, 8) else full
    return DecodedImage(
        image=img, format=fmt, orientation=orientation, width=width, height=height, exif=exif
    )


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # Transparent areas would turn black in a JPEG; put them on white like a viewer.
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        return ImageOps.autocontrast(im.convert("F").convert("L")).convert("RGB")
    return im.convert("RGB")


def to_jpeg(img: Image.Image, quality: int) -> bytes:
    """``img`` (RGB) encoded as a baseline JPEG at ``quality``."""
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality, optimize=False, progressive=False)
    return out.getvalue()


def prepare(data: bytes, file_name: str) -> Prepared:
    """Validate and decode one photo file (no database): hash, metadata, derivatives.

    Pure and thread-safe, so the GUI can run it in a worker and the importer can reuse it.
    Raises :class:`PhotoError` naming ``file_name`` and the reason.
    """
    if not data:
        raise PhotoError(T.EMPTY_FILE, file=file_name)
    if len(data) > MAX_FILE_BYTES:
        raise PhotoError(
            T.FILE_TOO_LARGE,
            file=file_name,
            size=size_text(len(data)),
            limit=size_text(MAX_FILE_BYTES),
        )
    decoded = decode(data, file_name, fit=DISPLAY_SIDE)
    img = decoded.image
    display = to_jpeg(img, DISPLAY_QUALITY)
    img.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    thumb = to_jpeg(img, THUMB_QUALITY)
    meta = _exif_meta(decoded.exif, file_name)
    return Prepared(
        file_name=file_name,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        format=decoded.format,
        width=decoded.width,
        height=decoded.height,
        orientation=decoded.orientation,
        display=display,
        thumb=thumb,
        **meta,
    )


def derivatives_of_rendering(full: Image.Image) -> tuple[bytes, bytes]:
    """The display and thumbnail JPEGs derived from a full-size upright rendering.

    Used for a photo whose original was withheld: its rendering is all there is.
    """
    display = full.copy()
    display.thumbnail((DISPLAY_SIDE, DISPLAY_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
    thumb = display.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    return to_jpeg(display, DISPLAY_QUALITY), to_jpeg(thumb, THUMB_QUALITY)


# ---------------------------------------------------------------- EXIF metadata
def _exif_meta(exif: Image.Exif, file_name: str) -> dict[str, Any]:
    try:
        return {
            "taken_at": _exif_time(exif),
            "camera": _exif_camera(exif),
            **_exif_gps(exif),
        }
    except Exception:  # metadata is a bonus; a photo with odd EXIF is still evidence
        log.warning("%s: EXIF metadata ignored", file_name, exc_info=True)
        return {}


def _text(v: Any) -> str:
    if isinstance(v, bytes):
        v = v.decode("utf-8", "replace")
    return str(v).replace("\x00", "").strip() if v is not None else ""


def _exif_time(exif: Image.Exif) -> datetime | None:
    sub = exif.get_ifd(_EXIF_IFD)
    raw = _text(sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME))
    if not raw:
        return None
    try:
        naive = datetime.strptime(raw[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    offset = _text(sub.get(_OFFSET_TIME_ORIGINAL))
    m = re.fullmatch(r"([+-])(\d{2}):(\d{2})", offset)
    if m:
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        tz = timezone(delta if m.group(1) == "+" else -delta)
        return naive.replace(tzinfo=tz).astimezone(UTC)
    # No offset recorded: the camera's clock is taken to be in this computer's time zone
    # (inspections are local); the value stays labelled device-reported.
    return naive.astimezone(UTC)


def _exif_camera(exif: Image.Exif) -> str | None:
    make, model = _text(exif.get(_MAKE)), _text(exif.get(_MODEL))
    if make and model.lower().startswith(make.lower()):
        make = ""
    camera = " ".join(p for p in (make, model) if p)
    return camera[:200] or None


def _ratio(v: Any) -> float:
    return float(v)


def _dms(v: Any) -> float:
    d, m, s = (_ratio(x) for x in v)
    return d + m / 60 + s / 3600


def _exif_gps(exif: Image.Exif) -> dict[str, float | None]:
    gps = exif.get_ifd(_GPS_IFD)
    out: dict[str, float | None] = {}
    if not gps:
        return out
    try:
        lat = _dms(gps[2]) * (-1 if _text(gps.get(1)).upper() == "S" else 1)
        lon = _dms(gps[4]) * (-1 if _text(gps.get(3)).upper() == "W" else 1)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return out
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not all(map(math.isfinite, (lat, lon))):
        return out
    out["gps_lat"], out["gps_lon"] = round(lat, 7), round(lon, 7)
    if 6 in gps:
        try:
            alt = _ratio(gps[6])
            ref = gps.get(5, 0)
            below = ref in (1, b"\x01") or (isinstance(ref, bytes) and ref[:1] == b"\x01")
            out["gps_alt"] = round(-alt if below else alt, 2) if math.isfinite(alt) else None
        except (TypeError, ValueError, ZeroDivisionError):
            pass
    return out
