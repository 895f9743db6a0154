"""Layer drawing on images (no database): redactions, annotations, scale and variants."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat

from inspector.domain.layers import Layers
from inspector.services.photo_render import (
    apply_layers,
    preview,
    reduced,
    render_on_display,
    shown_variant,
)


def _jpeg(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


def _img(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def _detailed(w: int, h: int) -> Image.Image:
    """A picture with fine detail (stripes) that a redaction must destroy."""
    img = Image.new("RGB", (w, h), (255, 255, 255))
    for x in range(0, w, 4):
        img.paste((0, 0, 0), (x, 0, x + 2, h))
    return img


def _mean(img: Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    return list(ImageStat.Stat(img.crop(box)).mean)


def test_fill_redaction_is_black_at_scale_and_input_is_untouched() -> None:
    base = Image.new("RGB", (200, 100), (250, 250, 250))
    layers = {"redactions": [{"x": 100, "y": 50, "w": 100, "h": 50}]}
    out = apply_layers(base, layers, 0.5)  # layers are in a 400x200 photo's pixels
    assert out.getpixel((75, 37)) == (0, 0, 0)
    assert out.getpixel((49, 24)) == (250, 250, 250)  # just outside the box
    assert out.getpixel((101, 51)) == (250, 250, 250)
    assert base.getpixel((75, 37)) == (250, 250, 250)  # a copy was drawn on


def test_blur_redaction_leaves_no_detail() -> None:
    base = _detailed(160, 160)
    out = apply_layers(
        base, {"redactions": [{"x": 0, "y": 0, "w": 160, "h": 160, "style": "blur"}]}, 1
    )
    # Stripes 2 px wide: after the blur every pixel is near the average grey.
    stddev = ImageStat.Stat(out.convert("L")).stddev[0]
    assert stddev < 12
    assert ImageStat.Stat(base.convert("L")).stddev[0] > 100


def test_annotations_are_drawn_over_redactions() -> None:
    base = Image.new("RGB", (300, 300), (255, 255, 255))
    layers = Layers.model_validate(
        {
            "redactions": [{"x": 0, "y": 0, "w": 300, "h": 300}],
            "annotations": [
                {
                    "kind": "rect",
                    "x": 50,
                    "y": 50,
                    "w": 200,
                    "h": 200,
                    "color": "#00FF00",
                    "width": 6,
                },
            ],
        }
    )
    out = apply_layers(base, layers, 1.0)
    r, g, b = out.getpixel((52, 150))  # on the rectangle's left edge
    assert g > 200 and r < 50 and b < 50
    assert out.getpixel((150, 150)) == (0, 0, 0)  # inside: still redacted


def test_arrow_and_chinese_label_change_pixels() -> None:
    base = Image.new("RGB", (400, 200), (255, 255, 255))
    out = apply_layers(
        base,
        {
            "annotations": [
                {"kind": "arrow", "x1": 10, "y1": 100, "x2": 390, "y2": 100, "color": "#FF0000"},
                {"kind": "text", "x": 10, "y": 10, "text": "消保检查", "size": 40},
            ]
        },
        1.0,
    )
    assert out.getpixel((200, 100))[0] > 200 and out.getpixel((200, 100))[1] < 60
    assert sum(_mean(out, (10, 10, 200, 50))) < 740  # the label drew something


def test_unreadable_stored_layers_never_make_drawing_fail() -> None:
    base = Image.new("RGB", (50, 50), (1, 2, 3))
    out = apply_layers(base, {"annotations": "garbage", "redactions": [{"x": "?"}]}, 1.0)
    assert out.size == (50, 50)


def test_preview_maps_photo_coordinates_onto_the_display_image() -> None:
    display = _jpeg(Image.new("RGB", (160, 120), (255, 255, 255)))
    # The photo is 10x larger than its display image; the box covers its right half.
    data = preview(display, {"redactions": [{"x": 800, "y": 0, "w": 800, "h": 1200}]}, 1600)
    img = _img(data)
    assert img.format == "JPEG" and img.size == (160, 120)
    assert sum(_mean(img, (85, 5, 155, 115))) < 15
    assert sum(_mean(img, (5, 5, 75, 115))) > 740


def test_render_on_display_is_reduced_to_max_side() -> None:
    display = _jpeg(Image.new("RGB", (400, 300), (255, 255, 255)))
    layers = {"redactions": [{"x": 0, "y": 0, "w": 400, "h": 1200}]}
    img = _img(render_on_display(display, layers, 1600, max_side=100, file_name="p.jpg"))
    assert img.size == (100, 75)
    assert sum(_mean(img, (2, 2, 20, 70))) < 15  # left quarter redacted
    assert sum(_mean(img, (40, 2, 98, 70))) > 740


@pytest.mark.parametrize(("thumb", "size"), [(True, (256, 192)), (False, (1600, 1200))])
def test_shown_variant_draws_layers_on_display_or_thumbnail(
    thumb: bool, size: tuple[int, int]
) -> None:
    display = _jpeg(_detailed(1600, 1200))
    layers = {"redactions": [{"x": 0, "y": 0, "w": 3200, "h": 2400}]}  # photo 3200x2400
    img = _img(shown_variant(display, layers, 3200, thumb=thumb, file_name="p.jpg"))
    assert img.size == size
    corner = (0, 0, size[0] // 2 - 2, size[1] // 2 - 2)
    assert sum(_mean(img, corner)) < 15


def test_reduced_keeps_the_picture_upright_and_small() -> None:
    img = _img(
        reduced(_jpeg(Image.new("RGB", (1000, 500), (9, 99, 199))), max_side=300, file_name="r.jpg")
    )
    assert img.format == "JPEG"
    assert max(img.size) <= 300 and img.width > img.height
