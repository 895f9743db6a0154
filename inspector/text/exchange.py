"""Words for export packages, their verification, and HQ's import receipts.

A refused package's reason is in the receipt: its English (CLI) rendering is the ``reason``
that HQ scripts read from ``inspector import --json``; the app shows the same error in its
own language and words. Package-format problems are technical (a member name, a hash):
they say exactly what is wrong, the same on every surface.
"""

from __future__ import annotations

from inspector.text import Message, Text

# A cause rendered as it is (a key file error inside a package error, a file error).
CAUSE = Message(Text(zh="{cause}", en="{cause}"))

# ---------------------------------------------------------------- package members
MEMBER_EMPTY_NAME = Message(Text(zh="数据包中有一个成员没有名称", en="a member has an empty name"))
MEMBER_SYMLINK = Message(Text(zh="成员 {name} 是符号链接", en="member {name} is a symbolic link"))
MEMBER_FOLDER = Message(
    Text(
        zh="成员 {name} 是文件夹；数据包中只能有文件",
        en="member {name} is a folder; packages hold only files",
    )
)
MEMBER_ENCRYPTED = Message(
    Text(zh="成员 {name} 使用了 ZIP 加密", en="member {name} is ZIP-encrypted")
)
MEMBER_ABSOLUTE = Message(
    Text(
        zh="成员名 {name} 是绝对路径或不是普通的相对路径",
        en="member name {name} is absolute or not a plain relative path",
    )
)
MEMBER_DOTDOT = Message(
    Text(
        zh="成员名 {name} 含有“..”或空的路径段",
        en="member name {name} contains '..' or empty parts",
    )
)
MEMBER_TOO_LARGE = Message(
    Text(zh="成员 {name} 超过 {limit}", en="member {name} is larger than {limit}")
)
MEMBER_BOMB = Message(
    Text(
        zh="成员 {name} 解压后膨胀超过 {ratio} 倍（疑似 ZIP 炸弹）",
        en="member {name} expands more than {ratio}x (a ZIP bomb?)",
    )
)
MEMBER_ZIP_FEATURE = Message(
    Text(
        zh="成员 {name} 使用了本程序不读取的 ZIP 功能（{detail}）",
        en="member {name} uses a ZIP feature this program does not read ({detail})",
    ),
    cli=Text(
        zh="请用 Branch Inspector 重新导出该数据包",
        en="export the package again with Branch Inspector",
    ),
    gui=Text(
        zh="请用 Branch Inspector 重新导出该数据包",
        en="export the package again with Branch Inspector",
    ),
)
MEMBER_DAMAGED = Message(
    Text(
        zh="成员 {name} 已损坏或不完整（{detail}）",
        en="member {name} is damaged or truncated ({detail})",
    )
)
MEMBER_SIZE_MISMATCH = Message(
    Text(
        zh="成员 {name}：声明的大小与内容不符",
        en="member {name}: declared size does not match its content",
    )
)
MEMBER_TWICE = Message(Text(zh="成员名 {name} 出现了两次", en="member name {name} appears twice"))

# ---------------------------------------------------------------- the package as a whole
ENCRYPTED_NO_KEY = Message(
    Text(
        zh="数据包已加密，但没有可用的解密密钥",
        en="the package is encrypted and no decryption key is available",
    )
)
ENCRYPTED_BAD = Message(Text(zh="加密数据包：{detail}", en="encrypted package: {detail}"))
PACKAGE_TOO_LARGE = Message(Text(zh="数据包超过 {limit}", en="the package is larger than {limit}"))
NOT_READABLE = Message(
    Text(
        zh="不是本程序能读取的数据包（{detail}）",
        en="not a package this program reads ({detail})",
    )
)
NOT_ZIP = Message(
    Text(
        zh="不是数据包：不是 ZIP 文件，或文件不完整（{detail}）",
        en="not a package: not a ZIP file, or truncated ({detail})",
    )
)
TOO_MANY_MEMBERS = Message(
    Text(zh="成员过多（{count} > {limit}）", en="too many members ({count} > {limit})")
)
CONTROL_MISSING = Message(Text(zh="不是数据包：缺少 {names}", en="not a package: {names} missing"))
SIGNATURE_BAD = Message(
    Text(
        zh="签名验证失败：清单在签名后被改动过，或是用另一个密钥签名的",
        en="the signature does not verify: the manifest was changed after signing, "
        "or was signed with another key",
    )
)
DEVICE_MISMATCH = Message(
    Text(
        zh="清单中写的设备与签名所用的密钥不是同一台设备",
        en="the manifest names another device than the key that signed it",
    )
)
MANIFEST_MEMBER_TWICE = Message(
    Text(zh="清单中同一成员列了两次", en="the manifest lists a member twice")
)
UNLISTED = Message(
    Text(zh="清单中未列出的成员：{names}", en="member(s) not listed in the manifest: {names}")
)
ABSENT = Message(
    Text(zh="清单中列出但缺失的成员：{names}", en="member(s) listed but missing: {names}")
)
TOTAL_TOO_LARGE = Message(
    Text(zh="各成员合计超过 {limit}", en="the members add up to more than {limit}")
)
SIZE_DIFFERS = Message(
    Text(zh="成员 {name}：大小与清单不符", en="member {name}: size differs from the manifest")
)
HASH_DIFFERS = Message(
    Text(
        zh="成员 {name}：SHA-256 {digest} 与清单中的 {expected} 不符",
        en="member {name}: SHA-256 {digest} differs from the manifest's {expected}",
    )
)
UNKNOWN_MEMBER = Message(
    Text(zh="成员 {name} 不是已知类型的成员", en="member {name} is not a known kind of member")
)
CONTENT_HASH = Message(
    Text(
        zh="清单的内容哈希与其内容不符",
        en="the manifest's content hash does not match its content",
    )
)

# ---------------------------------------------------------------- manifest.json
TOO_DEEP_AT = Message(
    Text(
        zh="manifest.json：{path}…：嵌套超过 {depth} 层",
        en="manifest.json: {path}...: nested deeper than {depth} levels",
    )
)
BIG_INT = Message(
    Text(
        zh="manifest.json：{path}：整数超过 2^53",
        en="manifest.json: {path}: a whole number beyond 2^53",
    )
)
NUL_CHAR = Message(
    Text(
        zh="manifest.json：{path}：文本中含有 NUL 字符",
        en="manifest.json: {path}: text contains a NUL character",
    )
)
SURROGATE = Message(
    Text(
        zh="manifest.json：{path}：文本中含有无效字符（孤立的 UTF-16 代理项）",
        en="manifest.json: {path}: text contains an invalid character (a lone UTF-16 surrogate)",
    )
)
TOO_DEEP = Message(
    Text(
        zh="manifest.json 嵌套超过 {depth} 层",
        en="manifest.json is nested deeper than {depth} levels",
    )
)
NOT_JSON = Message(
    Text(
        zh="manifest.json 不是有效的 UTF-8 JSON（{detail}）",
        en="manifest.json is not valid UTF-8 JSON ({detail})",
    )
)
MANIFEST_VALUE = Message(Text(zh="清单 manifest.json：{detail}", en="manifest.json: {detail}"))
NOT_OBJECT = Message(Text(zh="manifest.json 不是 JSON 对象", en="manifest.json is not an object"))
WRONG_FORMAT = Message(
    Text(
        zh="不是 Branch Inspector 数据包（格式 {format}）",
        en="not a Branch Inspector package (format {format})",
    )
)
WRONG_VERSION = Message(
    Text(
        zh="未知的数据包格式版本 {version}（本程序读取第 {supported} 版）",
        en="unknown package format version {version} (this build reads version {supported})",
    ),
    cli=Text(zh="请更新总行的 Branch Inspector", en="update Branch Inspector at HQ"),
    gui=Text(zh="请更新总行的 Branch Inspector", en="update Branch Inspector at HQ"),
)
SCHEMA = Message(
    Text(
        zh="manifest.json：{loc}：{detail}（共 {count} 处问题）",
        en="manifest.json: {loc}: {detail} ({count} problem(s))",
    )
)

# ---------------------------------------------------------------- references and content
SNAPSHOT_HASH = Message(
    Text(
        zh="检查表快照与其 SHA-256 不符",
        en="the checklist snapshot does not match its SHA-256",
    )
)
WITHHELD_EXTRA = Message(
    Text(
        zh="照片 {photo}：已遮挡的照片只能附带其渲染图",
        en="photo {photo}: a withheld photo carries only its rendering",
    )
)
NOT_ORIGINAL = Message(
    Text(
        zh="照片 {photo}：图像不是其所指的原图",
        en="photo {photo}: the image is not the original it names",
    )
)
DERIVATIVES_MISSING = Message(
    Text(
        zh="照片 {photo}：缺少显示图或缩略图",
        en="photo {photo}: display or thumbnail image missing",
    )
)
BLOB_MISSING = Message(
    Text(
        zh="数据块 {sha} 被引用，但不在数据包中",
        en="blob {sha} is referenced but not in the package",
    )
)
REPORT_MISMATCH = Message(
    Text(
        zh="report.pdf 与清单中的报告条目不一致",
        en="report.pdf and the manifest's report entry disagree",
    )
)
PHOTO_TWICE = Message(Text(zh="清单中同一照片列了两次", en="the manifest lists a photo twice"))
PHOTO_TWICE_ITEM = Message(
    Text(
        zh="清单中同一检查项下同一照片列了两次",
        en="the manifest lists the same photo twice for one item",
    )
)
ANSWER_TWICE = Message(
    Text(zh="清单中同一检查项有两个答案", en="the manifest answers an item twice")
)
FINDING_TWICE = Message(Text(zh="清单中同一问题列了两次", en="the manifest lists a finding twice"))
AUDIT_REVISION = Message(
    Text(
        zh="审计记录第 {n} 条属于第 {got} 版，而数据包是该检查的第 {revision} 版；"
        "数据包只能携带本版本的审计记录",
        en="audit entry {n} belongs to revision {got}, but the package is revision {revision} "
        "of the inspection; a package carries its own revision's audit trail only",
    )
)

SNAPSHOT_INVALID = Message(
    Text(
        zh="数据包中的检查表快照不是有效的检查表",
        en="the package's checklist snapshot is not a valid checklist",
    )
)
SNAPSHOT_OTHER = Message(
    Text(
        zh="检查表快照不是清单所写的那份检查表",
        en="the checklist snapshot is not the checklist the manifest names",
    )
)
ANSWER_INVALID = Message(Text(zh="答案：{cause}", en="answer: {cause}"))
# What refers to items that the checklist does not have.
ITEM_REFS = {
    "answer": Text(zh="答案", en="answer"),
    "finding": Text(zh="问题", en="finding"),
    "photo": Text(zh="照片", en="photo"),
}
UNKNOWN_ITEMS = Message(
    Text(
        zh="{kind}所指的检查项不在检查表 {checklist} 中：{items}",
        en="{kind}(s) for item(s) not in checklist {checklist}: {items}",
    )
)
SCENARIO_UNKNOWN = Message(
    Text(
        zh="暗访场景 {scenario} 不在检查表 {checklist} 中",
        en="visit scenario {scenario} is not in checklist {checklist}",
    )
)
MODE_WRONG = Message(
    Text(
        zh="检查表 {checklist} 不适用于 {mode} 类检查",
        en="checklist {checklist} is not for {mode} inspections",
    )
)
ORIGINAL_UNREADABLE = Message(
    Text(
        zh="照片 {photo}：原图不是可读取的图像（{detail}）",
        en="photo {photo}: the original is not a readable image ({detail})",
    )
)
ORIGINAL_FORMAT = Message(
    Text(
        zh="照片 {photo}：原图是 {actual}，清单写的是 {declared}",
        en="photo {photo}: the original is a {actual}, the manifest says {declared}",
    )
)
ORIGINAL_SIZE = Message(
    Text(
        zh="照片 {photo}：原图是 {actual}，清单写的是 {declared}",
        en="photo {photo}: the original is {actual}, the manifest says {declared}",
    )
)
IMAGE_KINDS = {
    "display": Text(zh="显示图", en="display"),
    "thumbnail": Text(zh="缩略图", en="thumbnail"),
}
DERIVATIVE_TOO_LARGE = Message(
    Text(
        zh="照片 {photo}：{kind}为 {size}，超出{kind}可能的大小",
        en="photo {photo}: the {kind} image is {size}, larger than a {kind} image can be",
    )
)
ORIGINAL_NOT_IMAGE = Message(
    Text(
        zh="照片 {photo}：原图不是本程序可读的图像（JPEG、PNG、WebP 或 HEIF）",
        en="photo {photo}: the original is not an image the app reads (JPEG, PNG, WebP or HEIF)",
    )
)
DERIVATIVE_NOT_JPEG = Message(
    Text(
        zh="照片 {photo}：{kind}不是 JPEG 图像", en="photo {photo}: the {kind} image is not a JPEG"
    )
)
DERIVATIVE_DAMAGED = Message(
    Text(
        zh="照片 {photo}：{kind}已损坏或不是 JPEG（{detail}）",
        en="photo {photo}: the {kind} image is damaged or not a JPEG ({detail})",
    )
)
PHOTO_ID_CLASH = Message(
    Text(
        zh="照片编号 {photo} 已被检查 {uuid} 第 {revision} 版的照片使用；照片编号必须唯一，"
        "因此拒收该数据包",
        en="photo id {photo} is already used by a photo of inspection {uuid} revision "
        "{revision}; photo ids must be unique, so this package is refused",
    )
)
PHOTO_CAUSE = Message(Text(zh="照片 {photo}：{cause}", en="photo {photo}: {cause}"))

# ---------------------------------------------------------------- receipt reasons
IN_FILE = Message(Text(zh="{file}：{cause}", en="{file}: {cause}"))
UNEXPECTED = Message(
    Text(
        zh="{file}：无法读取或保存（{kind}）；已拒收该数据包，详情见日志",
        en="{file}: could not be read or stored ({kind}); the package is refused and the "
        "details are in the log",
    )
)
RACED_OUT = Message(
    Text(zh="{file}：无法保存（{kind}）", en="{file}: could not be stored ({kind})"),
    cli=Text(zh="请重试", en="try again"),
    gui=Text(zh="请重新导入", en="import it again"),
)
NOT_TRUSTED = Message(
    Text(
        zh="{file}：由设备 {device} 签名，该设备不在受信任列表中",
        en="{file}: signed by device {device}, which is not on the trusted list",
    ),
    cli=Text(zh="'inspector keys trust FILE' 可添加", en="'inspector keys trust FILE' adds it"),
    gui=Text(
        zh="如该设备可信，请总行管理员将其公钥加入受信任列表后重新导入",
        en="if the device is to be trusted, ask HQ's administrator to add its public key to "
        "the trusted list, then import again",
    ),
)
DUPLICATE = Message(Text(zh="{file}：已导入过", en="{file}: already imported"))
UNTRUSTED_FOREIGN = Message(
    Text(
        zh="{file}：检查 {uuid} 的第 {revision} 版由设备 {signer} 签名，该设备不是其所有者"
        "（所有者为 {owner}），也不受信任；未做任何改动",
        en="{file}: revision {revision} of {uuid} is signed by device {signer}, which does "
        "not own it (the owner is {owner}) and is not trusted; nothing changed",
    )
)
FOREIGN_NO_AMEND = Message(
    Text(
        zh="{file}：检查 {uuid} 的第 {revision} 版由设备 {signer} 签名，但该检查属于设备 "
        "{owner}；未做任何改动",
        en="{file}: revision {revision} of {uuid} is signed by device {signer}, but the "
        "inspection belongs to device {owner}; nothing changed",
    ),
    cli=Text(
        zh="如该设备可以修订他人的检查：'inspector keys trust FILE --can-amend'，然后重新导入",
        en="If that device may amend others' inspections: 'inspector keys trust FILE "
        "--can-amend', then import again",
    ),
    gui=Text(
        zh="如该设备可以修订他人的检查，请总行管理员授予它修订权限，然后重新导入",
        en="if that device may amend others' inspections, ask HQ's administrator to allow it "
        "to amend, then import again",
    ),
)
CONTENT_CONFLICT = Message(
    Text(
        zh="{file}：总行已有检查 {uuid} 的第 {revision} 版，但内容不同（已存 {stored}，"
        "数据包 {package}）；未做任何改动",
        en="{file}: HQ already holds revision {revision} of {uuid} with different content "
        "(stored {stored}, package {package}); nothing changed",
    )
)
MOVED = Message(
    Text(
        zh="{file}：检查 {uuid} 的第 {revision} 版{moved}；同一检查的各版本不能改变网点或"
        "检查方式（请新建检查）；未做任何改动",
        en="{file}: revision {revision} of {uuid} {moved}; the revisions of one inspection "
        "never change its branch or mode (start a new inspection instead); nothing changed",
    )
)
MOVED_BRANCH = Message(
    Text(zh="把网点从 {old} 改为 {new}", en="moves it from branch {old} to {new}")
)
MOVED_MODE = Message(
    Text(zh="把检查方式从 {old} 改为 {new}", en="changes its mode from {old} to {new}")
)
SKIPS_AHEAD = Message(
    Text(
        zh="{file}：检查 {uuid} 的第 {revision} 版越过了第 {latest} 版；只有所属设备"
        "（{owner}）可以发送超前一版以上的版本；未做任何改动",
        en="{file}: revision {revision} of {uuid} skips ahead of revision {latest}; only the "
        "owning device ({owner}) may send a revision more than one ahead; nothing changed",
    )
)

# ---------------------------------------------------------------- export
PHOTO_OF_ITEM = Message(Text(zh="检查项 {item} 的照片 {photo}", en="photo {photo} of item {item}"))
STORED_DATA_MISSING = Message(
    Text(
        zh="{what}：数据库中缺少已存数据 {sha}",
        en="{what}: stored data {sha} is missing from the database",
    ),
    cli=Text(
        zh="请运行 'inspector check' 或用备份恢复",
        en="run 'inspector check' or restore a backup",
    ),
    gui=Text(
        zh="请用备份替换数据库（备份由“文件 › 备份数据库…”生成）",
        en="replace the database with a backup (File › Back up database… makes them)",
    ),
)
DRAFT_NOT_EXPORTED = Message(
    Text(
        zh="检查 {uuid} 是草稿；只有已定稿的检查才能导出",
        en="inspection {uuid} is a draft; only finalized inspections are exported",
    ),
    cli=Text(
        zh="请先定稿：'inspector finalize {short} --by NAME'",
        en="finalize it first: 'inspector finalize {short} --by NAME'",
    ),
    gui=Text(
        zh="请先定稿：在该检查的“定稿”标签页（作答 › 定稿…）点击“定稿并签署”",
        en="finalize it first: on its Finalize tab (Answer › Finalize…) press "
        "“Finalize and sign off”",
    ),
)
NO_X25519 = Message(
    Text(
        zh="{option}该密钥文件中没有加密（X25519）公钥",
        en="{option}the key file has no encryption (X25519) key",
    ),
    cli=Text(
        zh="请使用总行用 'inspector keys export' 导出的文件",
        en="use the file written by 'inspector keys export' at HQ",
    ),
    gui=Text(
        zh="请使用总行管理员导出的总行公钥文件",
        en="use HQ's public key file, as HQ's administrator exported it",
    ),
)
NO_SUCH_FOLDER = Message(
    Text(zh="{option}{folder}：文件夹不存在", en="{option}{folder}: no such folder"),
    cli=Text(zh="请先创建", en="create it first"),
    gui=Text(
        zh="请先创建该文件夹，或另选一个文件夹", en="create it first or choose another folder"
    ),
)
