"""Photo layers: the annotations and redactions drawn over a photo, as one typed model.

The same model checks layers wherever they enter: the photo editor and CLI (through
:func:`inspector.services.photos.set_layers`), an imported package's manifest, and the
database column (``Photo.layers``). Coordinates are upright pixels of the original, x,y
from the top left; the stored form is what :meth:`Layers.stored` returns.

:meth:`Layers.from_stored` reads what a database holds without ever failing, so no row
(an old one written before this model existed, or one edited by hand) can make a report
or a rendering crash: an unreadable annotation is left out, and an unreadable redaction
covers the whole photo, because a redaction that cannot be drawn must not reveal what it
was meant to hide.
"""

from __future__ import annotations

import logging
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from inspector.errors import MessageValueError
from inspector.text import layers as T
from inspector.text.parts import Phrase

log = logging.getLogger(__name__)

ANNOTATION_KINDS = ("arrow", "rect", "ellipse", "text")
REDACTION_STYLES = ("fill", "blur")
DEFAULT_COLOR = "#FF0000"
MAX_SHAPES = 500
MAX_TEXT = 500
# Far beyond any photo the app accepts, and inside a 32-bit integer column everywhere.
MAX_COORD = 100_000_000
# What an unreadable stored redaction becomes: a box over the whole photo (drawing clips it).
COVER_ALL: dict[str, Any] = {"x": 0, "y": 0, "w": MAX_COORD, "h": MAX_COORD, "style": "fill"}


class LayerError(MessageValueError):
    """Layers that do not fit the model or the photo; the message says which shape and why."""


#: Validation context key: coordinates must already be whole numbers (signed packages).
EXACT = "exact_coordinates"


def _whole(v: Any, info: ValidationInfo) -> Any:
    # Editors send floats from mouse positions; round them (half up), but never take text
    # or a bool (True would be 1 pixel) or a non-finite number as a coordinate. A signed
    # package is stored exactly as signed: there a fraction is refused, never rounded.
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError(f"must be a number, not {v!r}")
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"must be a finite number, not {v!r}")
        if abs(v) > MAX_COORD:
            raise ValueError(f"must be at most {MAX_COORD}")
        if not v.is_integer() and info.context and info.context.get(EXACT):
            raise ValueError(f"must be a whole number of pixels, not {v!r}")
        return math.floor(v + 0.5)
    return v


def _color(v: Any) -> Any:
    if not isinstance(v, str) or not _COLOR_RE.fullmatch(v):
        raise ValueError(f"must look like #RRGGBB, not {v!r}"[:80])
    return v.upper()


_COLOR_RE = re.compile(r"#[0-9A-Fa-f]{6}")


Coord = Annotated[int, BeforeValidator(_whole), Field(ge=0, le=MAX_COORD)]
Extent = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=MAX_COORD)]
LineWidth = Annotated[int, BeforeValidator(_whole), Field(ge=1, le=500)]
TextSize = Annotated[int, BeforeValidator(_whole), Field(ge=4, le=2000)]
Color = Annotated[str, BeforeValidator(_color)]


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    def points(self) -> list[tuple[int, int]]:
        return []

    def box(self) -> tuple[int, int, int, int] | None:
        return None


class Arrow(_Shape):
    kind: Literal["arrow"]
    color: Color = DEFAULT_COLOR
    width: LineWidth | None = None
    x1: Coord
    y1: Coord
    x2: Coord
    y2: Coord

    @model_validator(mode="after")
    def _not_a_point(self) -> Arrow:
        if (self.x1, self.y1) == (self.x2, self.y2):
            raise ValueError("start and end are the same point")
        return self

    def points(self) -> list[tuple[int, int]]:
        return [(self.x1, self.y1), (self.x2, self.y2)]


class Box(_Shape):
    """A rectangle or ellipse outline."""

    kind: Literal["rect", "ellipse"]
    color: Color = DEFAULT_COLOR
    width: LineWidth | None = None
    x: Coord
    y: Coord
    w: Extent
    h: Extent

    def box(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.w, self.h


class Label(_Shape):
    """A text label; ``size`` is the text height in pixels."""

    kind: Literal["text"]
    color: Color = DEFAULT_COLOR
    width: LineWidth | None = None
    x: Coord
    y: Coord
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    size: TextSize | None = None

    @model_validator(mode="after")
    def _not_blank(self) -> Label:
        if not self.text.strip():
            raise ValueError("text must not be empty")
        return self

    def points(self) -> list[tuple[int, int]]:
        return [(self.x, self.y)]


Annotation = Annotated[Arrow | Box | Label, Field(discriminator="kind")]


class Redaction(_Shape):
    """A box made unreadable: filled black, or blurred beyond recovery."""

    x: Coord
    y: Coord
    w: Extent
    h: Extent
    style: Literal["fill", "blur"] = "fill"

    def box(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.w, self.h


def default_line_width(width: int, height: int) -> int:
    """A line width visible on the whole photo (about 1/300 of its long side)."""
    return max(2, round(max(width, height) / 300))


def default_text_size(width: int, height: int) -> int:
    """A label size readable on the whole photo (about 1/30 of its long side)."""
    return max(12, round(max(width, height) / 30))


def _shape(kind: str, index: int, shape: str | None) -> Phrase:
    """``annotation 2 (text)``: the ``index``-th (0-based) shape of ``kind``."""
    if shape in ANNOTATION_KINDS:
        return Phrase(
            T.SHAPE_OF_KIND, {"kind": T.KINDS[kind], "n": index + 1, "shape": T.SHAPES[shape]}
        )
    return Phrase(T.SHAPE, {"kind": T.KINDS[kind], "n": index + 1})


def _where(loc: tuple[int | str, ...], raw: Any) -> Phrase:
    """``annotation 2 (text)`` from a pydantic location, for messages people read."""
    if len(loc) >= 2 and loc[0] in ("annotations", "redactions") and isinstance(loc[1], int):
        try:
            k = raw[loc[0]][loc[1]].get("kind")
        except (KeyError, IndexError, TypeError, AttributeError):
            k = None
        shape = _shape(str(loc[0])[:-1], loc[1], k if isinstance(k, str) else None)
        rest = [str(p) for p in loc[2:] if p not in ANNOTATION_KINDS and p != "rect|ellipse"]
        if not rest:
            return shape
        return Phrase(T.AT_FIELD, {"where": shape, "field": ".".join(rest)})
    if not loc:
        return Phrase(T.LAYERS)
    return Phrase(T.AT_FIELD, {"where": Phrase(T.LAYERS), "field": ".".join(str(p) for p in loc)})


class Layers(BaseModel):
    """A photo's annotations (drawn last) and redactions (drawn first)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    annotations: list[Annotation] = Field(default_factory=list, max_length=MAX_SHAPES)
    redactions: list[Redaction] = Field(default_factory=list, max_length=MAX_SHAPES)

    @model_validator(mode="after")
    def _not_too_many(self) -> Layers:
        if len(self.annotations) + len(self.redactions) > MAX_SHAPES:
            raise ValueError(f"more than {MAX_SHAPES} shapes on one photo")
        return self

    # ------------------------------------------------------------ in
    @classmethod
    def parse(cls, raw: Any) -> Layers:
        """Check ``raw`` (a dict as JSON gives it); raises :class:`LayerError`."""
        if isinstance(raw, Layers):
            return raw
        if raw is None:
            return cls()
        if not isinstance(raw, dict):
            raise LayerError(T.NOT_A_MAPPING, form='{"annotations": [...], "redactions": [...]}')
        try:
            return cls.model_validate(raw)
        except ValidationError as e:
            first = e.errors()[0]
            msg = str(first["msg"]).removeprefix("Value error, ")
            raise LayerError(
                T.INVALID, where=_where(tuple(first["loc"]), raw), detail=msg
            ) from None

    @classmethod
    def from_stored(cls, raw: Any) -> Layers:
        """Read stored layers, never failing (see the module docstring for what is kept)."""
        if isinstance(raw, Layers):
            return raw
        try:
            return cls.parse(raw)
        except LayerError as e:
            log.warning("stored photo layers do not fit the model (%s); read shape by shape", e)
        ann_raw = raw.get("annotations") if isinstance(raw, dict) else None
        red_raw = raw.get("redactions") if isinstance(raw, dict) else None
        annotations: list[Arrow | Box | Label] = []
        for a in ann_raw if isinstance(ann_raw, list) else []:
            try:
                annotations.append(_ANNOTATION.validate_python(a))
            except ValidationError:
                continue
        redactions: list[Redaction] = []
        reds = red_raw if isinstance(red_raw, list) else ([red_raw] if red_raw else [])
        for r in reds:
            try:
                redactions.append(Redaction.model_validate(r))
            except ValidationError:
                redactions.append(Redaction.model_validate(COVER_ALL))
        if isinstance(raw, dict) and not isinstance(ann_raw, list | None):
            log.warning("stored annotations are not a list; left out")
        return cls(annotations=annotations[:MAX_SHAPES], redactions=redactions[:MAX_SHAPES])

    # ------------------------------------------------------------ checks against a photo
    def check_fits(self, width: int, height: int) -> None:
        """Every shape lies inside a ``width`` x ``height`` photo; raises LayerError."""
        for kind, shapes in (("annotation", self.annotations), ("redaction", self.redactions)):
            for i, s in enumerate(shapes):
                name = _shape(kind, i, getattr(s, "kind", None))
                size = {"width": width, "height": height}
                for x, y in s.points():
                    if not (x <= width and y <= height):
                        raise LayerError(T.POINT_OUTSIDE, shape=name, x=x, y=y, **size)
                b = s.box()
                if b is not None and (b[0] + b[2] > width or b[1] + b[3] > height):
                    raise LayerError(
                        T.BOX_OUTSIDE, shape=name, x=b[0], y=b[1], w=b[2], h=b[3], **size
                    )

    def with_defaults(self, width: int, height: int) -> Layers:
        """Line widths and text sizes filled in for a ``width`` x ``height`` photo."""
        lw, ts = default_line_width(width, height), default_text_size(width, height)
        out: list[Arrow | Box | Label] = []
        for a in self.annotations:
            upd: dict[str, Any] = {}
            if a.width is None:
                upd["width"] = lw
            if isinstance(a, Label) and a.size is None:
                upd["size"] = ts
            out.append(a.model_copy(update=upd) if upd else a)
        return Layers(annotations=out, redactions=self.redactions)

    # ------------------------------------------------------------ out
    def stored(self) -> dict[str, Any]:
        """The JSON form kept in the database and in packages: empty lists left out."""
        out: dict[str, Any] = {}
        if self.annotations:
            out["annotations"] = [a.model_dump(exclude_none=True) for a in self.annotations]
        if self.redactions:
            out["redactions"] = [r.model_dump() for r in self.redactions]
        return out

    @property
    def is_empty(self) -> bool:
        return not self.annotations and not self.redactions


_ANNOTATION: TypeAdapter[Arrow | Box | Label] = TypeAdapter(Annotation)


def validate_for_photo(raw: Any, width: int, height: int) -> dict[str, Any]:
    """Checked, normalised stored layers for a photo of that size; raises LayerError."""
    layers = Layers.parse(raw)
    layers.check_fits(width, height)
    return layers.with_defaults(width, height).stored()
