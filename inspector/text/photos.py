"""Words for photo evidence: refused files, stored photos, layers, small report images.

Photo errors are read in the app (a file dropped or pasted on an item's photo strip, the
annotation editor, phone capture) as often as in a terminal, so every remedy that names a
command is a ``cli`` text, and the app's text names the photo strip's own menu entries
("Also use for item…", "Annotate / redact…") and the main window's menus.
"""

from __future__ import annotations

from inspector.text import Message, Text

# ---------------------------------------------------------------- one file
#: A refusal that concerns one file: its name, then why (``reason`` is rendered in the
#: same language and surface).
IN_FILE = Message(what=Text(zh="{file}：{reason}", en="{file}: {reason}"))

#: What a file that is not a photo looks like, by its first bytes.
FILE_KINDS: dict[str, Text] = {
    "pdf": Text(zh="这是 PDF 文档", en="a PDF document"),
    "gif": Text(zh="这是 GIF 图片", en="a GIF image"),
    "tiff": Text(zh="这是 TIFF 图片", en="a TIFF image"),
    "bmp": Text(zh="这是 BMP 图片", en="a BMP image"),
    "zip": Text(zh="这是 ZIP 压缩包或 Office 文档", en="a ZIP archive or Office document"),
    "svg": Text(zh="这是 SVG 矢量图", en="an SVG drawing"),
    "xml": Text(zh="这是 XML 文件", en="an XML file"),
    "text": Text(zh="这是文本文件", en="a text file"),
    "unknown": Text(zh="不是本程序能读取的图片", en="not an image this app reads"),
}

NOT_A_PHOTO = Message(
    what=Text(zh="{kind}", en="{kind}"),
    cli=Text(
        zh="请使用 JPEG、PNG、WebP 或 HEIC/HEIF 格式的照片",
        en="use a JPEG, PNG, WebP or HEIC/HEIF photo",
    ),
    gui=Text(
        zh="请使用 JPEG、PNG、WebP 或 HEIC/HEIF 格式的照片",
        en="use a JPEG, PNG, WebP or HEIC/HEIF photo",
    ),
)
_RESIZE = Text(zh="请先缩小图片再添加", en="resize it before adding it")
TOO_MANY_PIXELS = Message(
    what=Text(
        zh="图片过大，无法安全打开（{pixels} 像素，上限为 {limit}）",
        en="the image is too large to open safely ({pixels} pixels, the limit is {limit})",
    ),
    cli=_RESIZE,
    gui=_RESIZE,
)
TOO_MANY_PIXELS_SIZED = Message(
    what=Text(
        zh="图片过大，无法安全打开（{width}x{height} = {pixels} 像素，上限为 {limit}）",
        en="the image is too large to open safely ({width}x{height} = {pixels} pixels, "
        "the limit is {limit})",
    ),
    cli=_RESIZE,
    gui=_RESIZE,
)
TOO_LARGE_TO_OPEN = Message(
    what=Text(
        zh="图片过大，无法安全打开（上限为 {limit} 像素）",
        en="the image is too large to open safely (the limit is {limit} pixels)",
    ),
    cli=_RESIZE,
    gui=_RESIZE,
)
DAMAGED = Message(
    what=Text(zh="图片文件已损坏（{detail}）", en="damaged image file ({detail})"),
)
UNSUPPORTED_FORMAT = Message(
    what=Text(zh="不支持 {format} 格式的图片", en="{format} images are not supported"),
    cli=NOT_A_PHOTO.cli,
    gui=NOT_A_PHOTO.gui,
)
NO_PIXELS = Message(
    what=Text(
        zh="图片没有像素（{width}x{height}）", en="the image has no pixels ({width}x{height})"
    )
)
NO_MEMORY = Message(
    what=Text(zh="内存不足，无法解码这张图片", en="not enough memory to decode the image"),
    gui=Text(zh="请关闭其他程序后重试", en="close other programs and try again"),
)
_COPY_AGAIN = Text(zh="请从相机或手机重新复制", en="copy it again from the camera or phone")
TRUNCATED = Message(
    what=Text(
        zh="图片文件已损坏或不完整（{detail}）",
        en="damaged or truncated image file ({detail})",
    ),
    cli=_COPY_AGAIN,
    gui=_COPY_AGAIN,
)
EMPTY_FILE = Message(what=Text(zh="文件是空的", en="the file is empty"))
FILE_TOO_LARGE = Message(
    what=Text(
        zh="文件大小为 {size}，不接受超过 {limit} 的照片",
        en="the file is {size}; photos over {limit} are not accepted",
    )
)
UNREADABLE_FILE = Message(what=Text(zh="无法读取：{reason}", en="{reason}"))

# ---------------------------------------------------------------- stored photos
BLOB_MISSING = Message(
    what=Text(
        zh="数据库中缺少已存储的图片 {sha}",
        en="stored image {sha} is missing from the database",
    ),
    cli=Text(zh="请用备份恢复数据库", en="restore the database from a backup"),
    gui=Text(
        zh="请用备份恢复数据库（“文件 > 备份数据库…”可生成备份）",
        en="restore the database from a backup (File > Back up database… makes one)",
    ),
)
FINALIZED = Message(
    what=Text(
        zh="检查 {inspection} 已定稿，其照片不能再修改",
        en="inspection {inspection} is finalized: its photos cannot change",
    ),
    cli=Text(
        zh="请修订以生成新版本（'inspector amend ID --reason TEXT'）",
        en="amend it to make a new revision ('inspector amend ID --reason TEXT')",
    ),
    gui=Text(
        zh="请通过“检查 > 修订（生成新版本）…”生成新版本后再修改",
        en="use Inspection > Amend (new revision)… to make a new revision",
    ),
)
NO_ITEM = Message(
    what=Text(
        zh="检查表 {checklist} 中没有检查项 {item}",
        en="checklist {checklist} has no item {item}",
    ),
    cli=Text(
        zh="'inspector checklists show {checklist}' 列出其检查项",
        en="'inspector checklists show {checklist}' lists its items",
    ),
    gui=Text(zh="请在检查项列表中选择一项", en="pick an item in the list of items"),
)
DUPLICATE = Message(
    what=Text(
        zh="本次检查中已有这张照片（照片 {photo}，检查项{item}），未重复添加",
        en="this photo is already in the inspection (photo {photo}, item {item}); "
        "it was not added again",
    ),
    cli=Text(
        zh="如需同时用于本检查项，请关联：'inspector photo attach {photo} {target}'",
        en="to use it for this item too, attach it: 'inspector photo attach {photo} {target}'",
    ),
    gui=Text(
        zh="如需同时用于本检查项，请在检查项{item}的照片栏中右键单击这张照片，"
        "选择“同时用于其他检查项…”",
        en="to use it for this item too, right-click it among the photos of item {item} "
        "and choose 'Also use for item…'",
    ),
)
#: The same photo under the very item it is being added to: nothing to attach.
DUPLICATE_HERE = Message(what=DUPLICATE.what)
NOT_A_SHA256 = Message(
    what=Text(zh="{value} 不是 SHA-256 十六进制摘要", en="{value} is not a SHA-256 hex digest")
)
WITHHELD_DUPLICATE = Message(
    what=Text(
        zh="已在检查 {inspection} 的检查项 {item} 中（照片 {photo}）",
        en="already in inspection {inspection} for item {item} as photo {photo}",
    )
)
WITHHELD_NOT_JPEG = Message(
    what=Text(
        zh="未提供原图的照片，其渲染图必须是 JPEG，而不是 {format}",
        en="a withheld photo's rendering must be a JPEG, not {format}",
    )
)
BAD_LAYERS = Message(what=Text(zh="标注或遮挡无效：{cause}", en="{cause}"))
NOT_A_DATETIME = Message(
    what=Text(zh="{value} 不是 ISO 格式的日期时间", en="{value} is not an ISO date-time")
)
ID_TOO_SHORT = Message(
    what=Text(zh="照片编号 {ref} 太短", en="photo id {ref} is too short"),
    cli=Text(zh="请至少给出 {min} 个字符", en="give at least {min} characters"),
)
NO_PHOTO = Message(
    what=Text(zh="没有编号为 {ref} 的照片", en="no photo with id {ref}"),
    cli=Text(zh="'inspector photo list ID' 列出照片", en="'inspector photo list ID' lists them"),
    gui=Text(
        zh="它可能已被删除，请重新打开该检查项查看照片",
        en="it may have been deleted; open the item again to see its photos",
    ),
)
NOT_IN_INSPECTION = Message(
    what=Text(
        zh="照片 {ref} 不属于检查 {inspection}（当前版本）",
        en="photo {ref} is not a photo of inspection {inspection} (its current revision)",
    ),
    cli=Text(
        zh="'inspector photo list {inspection}' 列出该检查的照片",
        en="'inspector photo list {inspection}' lists that inspection's photos",
    ),
    gui=Text(
        zh="该照片已不在此检查中，请重新打开该检查项查看照片",
        en="the photo is no longer part of this inspection; open the item again to see its photos",
    ),
)
AMBIGUOUS_ID = Message(
    what=Text(zh="照片编号 {ref} 不唯一", en="photo id {ref} is ambiguous"),
    cli=Text(zh="请给出更多字符", en="give more characters"),
)
WITHHELD_LAYERS_FIXED = Message(
    what=Text(
        zh="照片 {photo}：原图未由发送方提供，其遮挡和标注已是图像的一部分，不能在此修改",
        en="photo {photo}: the original was withheld by the sender; its redactions and "
        "annotations are part of the image and cannot be changed here",
    )
)
ALREADY_EVIDENCE = Message(
    what=Text(
        zh="照片 {photo} 已是检查项{item}的证据",
        en="photo {photo} is already evidence of item {item}",
    )
)
ALREADY_ATTACHED = Message(
    what=Text(
        zh="照片 {photo} 已是检查项{item}的证据（照片 {other}），未重复关联",
        en="photo {photo} is already evidence of item {item} (as photo {other}); "
        "it was not attached again",
    )
)
NO_BOXES = Message(
    what=Text(zh="没有给出要遮挡的区域", en="no box to redact was given"),
    cli=Text(zh="请至少给出一个遮挡框", en="give at least one box to redact"),
    gui=Text(
        zh="请在“标注 / 遮挡…”中框选要遮挡的内容",
        en="drag over what must be hidden in 'Annotate / redact…'",
    ),
)
BAD_MAX_SIDE = Message(
    what=Text(
        zh="最长边（max_side）必须是正的像素数", en="max_side must be a positive number of pixels"
    )
)
ORIGINAL_WITHHELD = Message(
    what=Text(
        zh="照片 {photo}：原图未由发送方提供（已遮挡）",
        en="photo {photo}: the original was withheld by the sender (it is redacted)",
    ),
    cli=Text(
        zh="此处只有 display、thumb 和 rendered 三种版本",
        en="only the display, thumb and rendered variants exist here",
    ),
)
BAD_VARIANT = Message(
    what=Text(
        zh="版本必须是 {choices} 之一，而不是 {variant}",
        en="variant must be one of {choices}, not {variant}",
    )
)

# ---------------------------------------------------------------- signature and logo images
IMAGE_UNREADABLE = Message(
    what=Text(
        zh="{what} {path}：无法读取（{reason}）", en="{what} {path}: cannot be read ({reason})"
    )
)
IMAGE_FILE_TOO_LARGE = Message(
    what=Text(
        zh="{what} {path}：{size} KB 过大（最多 {limit} KB）",
        en="{what} {path}: {size} KB is too large (at most {limit} KB)",
    ),
    cli=Text(zh="请另存为更小的文件", en="save it smaller"),
    gui=Text(zh="请另存为更小的文件", en="save it smaller"),
)
IMAGE_TOO_LARGE = Message(
    what=Text(zh="{what}：过大（最多 {limit} KB）", en="{what}: too large (at most {limit} KB)")
)
IMAGE_TOO_MANY_PIXELS = Message(
    what=Text(
        zh="{what}：{width}×{height} 像素；最大接受 {side}×{side}",
        en="{what}: {width}×{height} pixels; at most {side}×{side} is accepted",
    )
)
IMAGE_NOT_READABLE = Message(
    what=Text(
        zh="{what}：不是可读取的 PNG 或 JPEG 图片（{detail}）",
        en="{what}: not a readable PNG or JPEG image ({detail})",
    )
)
