"""Layer drawing, pure: redactions and annotations rendered onto upright images.

No database and no Qt. Layers (``Photo.layers``, typed in :mod:`inspector.domain.layers`)
are in upright original pixel coordinates; each function here takes the scale from those
to the pixels it draws on. Caching renderings and storing them is
:mod:`inspector.services.photos`.
"""

from __future__ import annotations

import logging
import math
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from inspector import paths
from inspector.domain.layers import Arrow, Box, Label, Layers
from inspector.services.photo_decode import (
    DISPLAY_QUALITY,
    RENDER_QUALITY,
    THUMB_QUALITY,
    THUMB_SIDE,
    decode,
    to_jpeg,
)

log = logging.getLogger(__name__)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _font_cached(max(4, min(size, 2000)))


@cache
def _font_cached(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        # The bundled CJK font, so Chinese labels render on any machine.
        return ImageFont.truetype(str(paths.cjk_font_path()), size)
    except OSError:
        log.warning("CJK font missing; labels use Pillow's default font")
        return ImageFont.load_default(size)


def _hex(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _blur_box(img: Image.Image, box: tuple[int, int, int, int]) -> None:
    """Make a box unrecoverable: down to <= 4x4 colours, up, heavy blur, then noise.

    Only up to 16 average colours survive the first step, so no detail (a face, a card
    number) can be reconstructed; blur and noise make it look like a blur, not mosaic.
    """
    x0, y0, x1, y1 = box
    region = img.crop(box)
    w, h = region.size
    small = region.resize(
        (max(1, min(4, round(4 * w / max(w, h)))), max(1, min(4, round(4 * h / max(w, h))))),
        Image.Resampling.BOX,
    )
    big = small.resize((w, h), Image.Resampling.BILINEAR)
    big = big.filter(ImageFilter.GaussianBlur(radius=max(2.0, max(w, h) / 8)))
    noise = Image.effect_noise((w, h), 12).convert("RGB")
    big = Image.blend(big, Image.merge("RGB", (noise.getchannel(0),) * 3), 0.06)
    img.paste(big, (x0, y0, x1, y1))


def apply_layers(img: Image.Image, layers: dict[str, Any] | Layers, scale: float) -> Image.Image:
    """Draw redactions, then annotations, on an upright RGB image at ``scale``.

    ``scale`` maps layer coordinates (upright original pixels) to ``img`` pixels.
    Redactions go first so that arrows and labels drawn over them stay visible. Layers are
    read with :meth:`Layers.from_stored`, so no stored value can make drawing fail.
    """
    model = Layers.from_stored(layers)
    img = img.copy()
    iw, ih = img.size
    for r in model.redactions:
        x0 = max(0, min(iw, math.floor(r.x * scale)))
        y0 = max(0, min(ih, math.floor(r.y * scale)))
        x1 = max(0, min(iw, math.ceil((r.x + r.w) * scale)))
        y1 = max(0, min(ih, math.ceil((r.y + r.h) * scale)))
        if x1 <= x0 or y1 <= y0:
            continue
        if r.style == "blur":
            _blur_box(img, (x0, y0, x1, y1))
        else:
            img.paste((0, 0, 0), (x0, y0, x1, y1))
    draw = ImageDraw.Draw(img)
    for a in model.annotations:
        color = _hex(a.color)
        width = max(1, round((a.width or 3) * scale))
        if isinstance(a, Arrow):
            _arrow(draw, a, scale, color, width)
        elif isinstance(a, Box):
            box = (a.x * scale, a.y * scale, (a.x + a.w) * scale, (a.y + a.h) * scale)
            if a.kind == "rect":
                draw.rectangle(box, outline=color, width=width)
            else:
                draw.ellipse(box, outline=color, width=width)
        elif isinstance(a, Label):
            size = max(4, round((a.size or 24) * scale))
            draw.text(
                (a.x * scale, a.y * scale),
                a.text,
                fill=color,
                font=_font(size),
                stroke_width=max(1, size // 12),
                stroke_fill=(255, 255, 255) if sum(color) < 384 else (0, 0, 0),
            )
    return img


def _arrow(
    draw: ImageDraw.ImageDraw,
    a: Arrow,
    scale: float,
    color: tuple[int, int, int],
    width: int,
) -> None:
    x1, y1, x2, y2 = (v * scale for v in (a.x1, a.y1, a.x2, a.y2))
    length = math.hypot(x2 - x1, y2 - y1)
    head = min(max(4.0 * width, 10.0), length * 0.5)
    ang = math.atan2(y2 - y1, x2 - x1)
    # The shaft stops where the head begins so a thick line does not poke through the tip.
    bx, by = x2 - head * 0.8 * math.cos(ang), y2 - head * 0.8 * math.sin(ang)
    draw.line((x1, y1, bx, by), fill=color, width=width)
    spread = math.radians(25)
    left = (x2 - head * math.cos(ang - spread), y2 - head * math.sin(ang - spread))
    right = (x2 - head * math.cos(ang + spread), y2 - head * math.sin(ang + spread))
    draw.polygon([(x2, y2), left, right], fill=color)


def preview(display: bytes, layers: dict[str, Any] | Layers, photo_width: int) -> bytes:
    """JPEG of ``layers`` drawn on a display image (for an editor's preview; no DB)."""
    base = decode(display, "display image", fit=None).image
    return to_jpeg(apply_layers(base, layers, base.width / photo_width), RENDER_QUALITY)


def render_on_display(
    display: bytes,
    layers: dict[str, Any] | Layers,
    photo_width: int,
    *,
    max_side: int,
    file_name: str,
) -> bytes:
    """JPEG of ``layers`` drawn on a display image reduced to at most ``max_side`` px.

    For a report's smaller rendering: the display image is large enough and far faster
    to decode than the original.
    """
    base = decode(display, file_name, fit=None).image
    if max(base.size) > max_side:
        base.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return to_jpeg(apply_layers(base, layers, base.width / photo_width), RENDER_QUALITY)


def shown_variant(
    display: bytes,
    layers: dict[str, Any] | Layers,
    photo_width: int,
    *,
    thumb: bool,
    file_name: str,
) -> bytes:
    """The display image (or thumbnail when ``thumb``) with ``layers`` drawn on, as JPEG."""
    # A thumbnail is drawn on a DCT-reduced decode (~2x its size): several times faster.
    base = decode(display, file_name, fit=THUMB_SIDE * 2 if thumb else None).image
    img = apply_layers(base, layers, base.width / photo_width)
    if thumb:
        img.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.BICUBIC, reducing_gap=2.0)
        return to_jpeg(img, THUMB_QUALITY)
    return to_jpeg(img, DISPLAY_QUALITY)


def reduced(data: bytes, *, max_side: int, file_name: str) -> bytes:
    """An upright JPEG of ``data`` reduced to about ``max_side`` px, at render quality."""
    return to_jpeg(decode(data, file_name, fit=max_side).image, RENDER_QUALITY)
