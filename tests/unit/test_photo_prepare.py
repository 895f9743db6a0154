"""prepare() and decode(): orientation, metadata and refusal of bad files (no database)."""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zlib
from datetime import UTC, datetime
from fractions import Fraction

import pytest
from PIL import Image, ImageChops, ImageStat

from inspector.services.photo_decode import (
    MAX_PIXELS,
    DecodedImage,
    PhotoError,
    Prepared,
    decode,
    derivatives_of_rendering,
    prepare,
)
from tests.conftest import PHOTOS


def _img(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def _diff(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


@pytest.fixture(scope="module")
def reference() -> dict[str, Prepared]:
    return {
        kind: prepare((PHOTOS / f"{kind}_1.jpg").read_bytes(), f"{kind}_1.jpg")
        for kind in ("Landscape", "Portrait")
    }


@pytest.mark.parametrize("kind", ["Landscape", "Portrait"])
@pytest.mark.parametrize("n", range(9))
def test_every_orientation_comes_out_upright(
    kind: str, n: int, reference: dict[str, Prepared]
) -> None:
    path = PHOTOS / f"{kind}_{n}.jpg"
    data = path.read_bytes()
    prep = prepare(data, path.name)
    ref = reference[kind]
    # The original is untouched, byte for byte.
    assert prep.data == data
    assert prep.sha256 == hashlib.sha256(data).hexdigest()
    assert prep.size == len(data)
    assert prep.format == "JPEG"
    assert (prep.width, prep.height) == (ref.width, ref.height)
    display, thumb = _img(prep.display), _img(prep.thumb)
    assert display.size == _img(ref.display).size
    assert max(display.size) == 1600
    assert max(thumb.size) == 256
    assert display.format == thumb.format == "JPEG"
    # Same picture the same way up: a wrong rotation or mirror differs by far more.
    assert _diff(display, _img(ref.display)) < 12
    mirrored = _img(ref.display).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    assert _diff(display, mirrored) > 20


def test_landscape_is_wider_than_tall_and_portrait_taller() -> None:
    land = prepare((PHOTOS / "Landscape_6.jpg").read_bytes(), "l6")
    port = prepare((PHOTOS / "Portrait_6.jpg").read_bytes(), "p6")
    assert land.width > land.height
    assert port.height > port.width


def _jpeg(size: tuple[int, int] = (320, 240), **save: object) -> bytes:
    im = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    im.save(out, format="JPEG", **save)  # type: ignore[arg-type]
    return out.getvalue()


def test_exif_time_camera_and_gps_are_read() -> None:
    exif = Image.Exif()
    exif[0x010F] = "Huawei"
    exif[0x0110] = "P60 Pro"
    exif[0x0112] = 1
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:05:06 09:30:00"
    sub[0x9011] = "+08:00"
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (Fraction(31), Fraction(14), Fraction(3030, 100))
    gps[3] = "E"
    gps[4] = (Fraction(121), Fraction(28), Fraction(0))
    gps[5] = b"\x00"
    gps[6] = Fraction(125, 10)
    prep = prepare(_jpeg(exif=exif.tobytes()), "meta.jpg")
    assert prep.taken_at == datetime(2024, 5, 6, 1, 30, tzinfo=UTC)
    assert prep.camera == "Huawei P60 Pro"
    assert prep.gps_lat == pytest.approx(31 + 14 / 60 + 30.3 / 3600, abs=1e-6)
    assert prep.gps_lon == pytest.approx(121 + 28 / 60, abs=1e-6)
    assert prep.gps_alt == pytest.approx(12.5)


def test_photo_without_exif_has_no_metadata() -> None:
    prep = prepare(_jpeg(), "plain.jpg")
    assert prep.taken_at is None and prep.camera is None and prep.gps_lat is None


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "HEIF"])
def test_other_formats_are_accepted(fmt: str) -> None:
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    im = Image.new("RGB", (400, 300), (20, 120, 200))
    out = io.BytesIO()
    im.save(out, format=fmt)
    prep = prepare(out.getvalue(), f"x.{fmt.lower()}")
    assert prep.format == fmt
    assert (prep.width, prep.height) == (400, 300)
    r, g, b = _img(prep.display).getpixel((200, 150))  # type: ignore[misc]
    assert abs(r - 20) < 8 and abs(g - 120) < 8 and abs(b - 200) < 8


def test_transparent_png_is_put_on_white() -> None:
    im = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    out = io.BytesIO()
    im.save(out, format="PNG")
    disp = _img(prepare(out.getvalue(), "t.png").display)
    assert min(disp.getpixel((25, 25))) > 240  # type: ignore[arg-type]


def _huge_png(w: int, h: int) -> bytes:
    """A valid 1-bit PNG of w x h pixels, tiny on disk (all zeros compress well)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    row = b"\x00" * (1 + (w + 7) // 8)
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(h)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"just some notes\n" * 20, "a text file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        (b"\x00\x01\x02\x03" * 100, "not an image"),
    ],
)
def test_non_images_are_refused_naming_the_file(data: bytes, needle: str) -> None:
    with pytest.raises(PhotoError) as e:
        prepare(data, "evidence.bin")
    assert str(e.value).startswith("evidence.bin: ")
    assert needle in str(e.value)


def test_gif_is_refused_as_unsupported_format() -> None:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    with pytest.raises(PhotoError, match=r"^a\.gif: a GIF image; use a JPEG"):
        prepare(out.getvalue(), "a.gif")


def test_truncated_jpeg_is_refused() -> None:
    data = (PHOTOS / "Landscape_1.jpg").read_bytes()
    # verify() would pass this; only a full decode notices the missing half.
    Image.open(io.BytesIO(data[: len(data) // 2])).verify()
    with pytest.raises(PhotoError, match=r"^half\.jpg: damaged or truncated"):
        prepare(data[: len(data) // 2], "half.jpg")


def test_corrupt_png_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(out, format="PNG")
    data = bytearray(out.getvalue())
    data[60:80] = b"\xff" * 20  # inside the compressed pixels
    with pytest.raises(PhotoError, match=r"^bad\.png: damaged"):
        prepare(bytes(data), "bad.png")


def test_decompression_bomb_is_refused_quickly() -> None:
    data = _huge_png(20000, 20000)
    assert len(data) < 200_000  # small file, 400 MP of pixels
    start = time.perf_counter()
    with pytest.raises(PhotoError) as e:
        prepare(data, "bomb.png")
    assert time.perf_counter() - start < 2
    assert str(e.value).startswith("bomb.png: the image is too large")
    assert "400,000,000 pixels" in str(e.value)


def test_just_over_the_limit_is_refused_not_just_warned() -> None:
    side = int(MAX_PIXELS**0.5) + 2
    with pytest.raises(PhotoError, match="too large"):
        prepare(_huge_png(side, side), "big.png")


# ---------------------------------------------------------------- decode() and DecodedImage
def test_decode_names_every_field_and_keeps_the_whole_upright_size() -> None:
    data = (PHOTOS / "Landscape_6.jpg").read_bytes()
    with Image.open(io.BytesIO(data)) as raw:
        stored_w, stored_h = raw.size  # as stored: rotated 90°, so taller than wide
    full = decode(data, "Landscape_6.jpg", fit=None)
    assert isinstance(full, DecodedImage)
    assert full.format == "JPEG"
    assert full.orientation == 6
    # Orientation 6 is a quarter turn: the upright size swaps the stored one.
    assert full.size == (full.width, full.height) == (stored_h, stored_w)
    assert full.image.size == full.size
    assert full.image.mode == "RGB"
    assert full.exif.get(0x0112) == 6
    small = decode(data, "Landscape_6.jpg", fit=200)
    # Reduced pixels, but width/height still describe the whole photo (layer coordinates).
    assert max(small.image.size) <= 200
    assert small.size == full.size
    assert small.image.width > small.image.height


def test_decoded_image_is_immutable() -> None:
    decoded = decode(_jpeg(), "a.jpg", fit=None)
    with pytest.raises(AttributeError):
        decoded.format = "PNG"  # type: ignore[misc]


def test_decode_without_exif_orientation_is_upright_as_stored() -> None:
    im = Image.new("RGBA", (30, 20), (255, 0, 0, 0))
    out = io.BytesIO()
    im.save(out, "PNG")
    decoded = decode(out.getvalue(), "t.png", fit=None)
    assert (decoded.format, decoded.orientation, decoded.size) == ("PNG", 1, (30, 20))
    # Transparency goes on white, as in prepare().
    assert decoded.image.getpixel((0, 0)) == (255, 255, 255)


def test_decode_refuses_a_truncated_file_naming_it() -> None:
    data = _jpeg((800, 600))
    with pytest.raises(PhotoError, match=r"^cut\.jpg: damaged or truncated"):
        decode(data[: len(data) // 2], "cut.jpg", fit=None)


def test_derivatives_of_a_rendering_are_display_and_thumbnail_jpegs() -> None:
    display, thumb = derivatives_of_rendering(Image.new("RGB", (4000, 3000), (10, 200, 30)))
    d, t = _img(display), _img(thumb)
    assert (d.format, d.size) == ("JPEG", (1600, 1200))
    assert (t.format, t.size) == ("JPEG", (256, 192))
    small_d, _ = derivatives_of_rendering(Image.new("RGB", (300, 200)))
    assert _img(small_d).size == (300, 200)  # never enlarged
