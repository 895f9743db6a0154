"""Words for photo layers (annotations and redactions) that do not fit the photo or the model.

The photo editor draws shapes that always fit, so these are read mostly where layers come
from outside: ``inspector photo annotate/redact`` and an imported package. The part that
says which shape (``annotation 2 (text)``) is built from the texts below; the validation
library's own words for a bad field stay as a technical ``detail``.
"""

from __future__ import annotations

from inspector.text import Message, Text

KINDS: dict[str, Text] = {
    "annotation": Text(zh="标注", en="annotation"),
    "redaction": Text(zh="遮挡", en="redaction"),
}
#: Annotation shapes as the editor's tools call them.
SHAPES: dict[str, Text] = {
    "arrow": Text(zh="箭头", en="arrow"),
    "rect": Text(zh="矩形", en="rect"),
    "ellipse": Text(zh="椭圆", en="ellipse"),
    "text": Text(zh="文字", en="text"),
}
#: ``annotation 2``, ``annotation 2 (text)``; ``n`` counts from 1.
SHAPE = Text(zh="第 {n} 个{kind}", en="{kind} {n}")
SHAPE_OF_KIND = Text(zh="第 {n} 个{kind}（{shape}）", en="{kind} {n} ({shape})")
#: A field of a shape or of the layers: ``annotation 2 (text): size``.
AT_FIELD = Text(zh="{where}：{field}", en="{where}: {field}")
LAYERS = Text(zh="标注和遮挡", en="layers")

NOT_A_MAPPING = Message(
    what=Text(zh="标注和遮挡必须是 {form}", en="layers must be {form}"),
)
INVALID = Message(what=Text(zh="{where}：{detail}", en="{where}: {detail}"))
POINT_OUTSIDE = Message(
    what=Text(
        zh="{shape}：点 ({x},{y}) 超出了 {width}x{height} 的图片",
        en="{shape}: point ({x},{y}) is outside the {width}x{height} image",
    )
)
BOX_OUTSIDE = Message(
    what=Text(
        zh="{shape}：框 {x},{y},{w},{h} 不在 {width}x{height} 的图片内"
        "（摆正后的像素，x,y 从左上角起）",
        en="{shape}: box {x},{y},{w},{h} is not inside the {width}x{height} image "
        "(upright pixels, x,y from the top left)",
    )
)
