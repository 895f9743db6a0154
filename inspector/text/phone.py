"""Words for phone capture: starting a session, and what the phone page is told.

The phone page is an app surface: it shows a refusal in the page's language (``error_text``
and ``reason_text`` carry both) and in the app's words; the English ``error``/``reason``
stay as they were for scripts and the CLI's log.
"""

from __future__ import annotations

from inspector.text import Message, Text

# ---------------------------------------------------------------- starting a session
PORT_RANGE = Message(
    Text(
        zh="{option}{port}：端口须在 0（任一空闲端口）到 65535 之间",
        en="{option}{port}: give 0 (any free port) to 65535",
    )
)
CANNOT_LISTEN = Message(
    Text(
        zh="无法在 {bind}:{port} 上监听（{detail}）",
        en="cannot listen on {bind}:{port} ({detail})",
    ),
    cli=Text(
        zh="请换一个网络接口或端口（--port 0 会选一个空闲端口）",
        en="choose another interface or port (--port 0 picks a free one)",
    ),
    gui=Text(
        zh="请在“网络：”中另选一个网络，再点击“新二维码”",
        en="choose another network under “Network:” and press “New code”",
    ),
)
ANOTHER_SESSION = Message(
    Text(
        zh="本机已有另一个手机拍照会话在运行（进程 {pid}）",
        en="another phone session is running on this computer (process {pid})",
    ),
    cli=Text(
        zh="它属于桌面应用或 'inspector phone'：请先停止它",
        en="it is the desktop app or 'inspector phone': stop it first",
    ),
    gui=Text(
        zh="请先停止它：在另一个窗口的“手机拍照”中点击“停止并关闭”，"
        "或结束在终端中运行的手机拍照命令",
        en="stop it first: press “Stop and close” in the other window's Phone capture, or end "
        "the phone command running in a terminal",
    ),
)
FINALIZED = Message(
    Text(
        zh="检查 {uuid} 已定稿：手机不能再向其添加内容",
        en="inspection {uuid} is finalized: the phone cannot add to it",
    ),
    cli=Text(
        zh="请先修订（'inspector amend ID --reason TEXT'）",
        en="amend it first ('inspector amend ID --reason TEXT')",
    ),
    gui=Text(
        zh="如需补充，请先在电脑上修订（检查 › 修订（生成新版本）…）",
        en="to add to it, amend it on the laptop first (Inspection › Amend (new revision)…)",
    ),
)

# Why a session ended (shown in the Phone capture window).
STOPPED_BY_ANOTHER = Message(
    Text(zh="另一个手机拍照会话已开始", en="another phone session started")
)
STOPPED_IDLE = Message(Text(zh="{minutes} 分钟内没有请求", en="no request for {minutes} minutes"))

# ``--bind``: the CLI's choice of network (the app offers a list instead).
NO_INTERFACE = Message(
    Text(
        zh="没有已连接且有 IPv4 地址的网络接口",
        en="no network interface with an IPv4 address is up",
    ),
    cli=Text(
        zh="请连接网点 Wi-Fi 或手机热点，或用 --bind ADDR 指定（接口：{known}）",
        en="join the branch Wi-Fi or the phone's hotspot, or give --bind ADDR (interfaces: "
        "{known})",
    ),
    gui=Text(
        zh="请连接网点 Wi-Fi 或手机热点（接口：{known}）",
        en="join the branch Wi-Fi or the phone's hotspot (interfaces: {known})",
    ),
)
BIND_UNKNOWN = Message(
    Text(
        zh="{option}{text} 既不是 IPv4 地址也不是网络接口名（接口：{known}）",
        en="{option}{text} is neither an IPv4 address nor an interface name (interfaces: {known})",
    )
)
BIND_V6 = Message(
    Text(
        zh="{option}{text}：只支持 IPv4 地址",
        en="{option}{text}: only IPv4 addresses are supported",
    )
)
BIND_ALL = Message(
    Text(
        zh="{option}{text} 会在所有网络上监听；请给出某一个接口的地址（接口：{known}）",
        en="{option}{text} would listen on every network; give one interface's address "
        "(interfaces: {known})",
    )
)
BIND_NOT_HERE = Message(
    Text(
        zh="{option}{text} 不是本机的地址（接口：{known}）",
        en="{option}{text} is not an address of this computer (interfaces: {known})",
    )
)
NO_INTERFACES = Text(zh="无", en="none")

# ---------------------------------------------------------------- what the page is told
CAUSE = Message(Text(zh="{cause}", en="{cause}"))
TOKEN_MISSING = Message(
    Text(
        zh="缺少令牌：请在电脑上重新扫描二维码",
        en="token missing: scan the QR code on the laptop again",
    )
)
TOKEN_INVALID = Message(
    Text(
        zh="令牌无效：请在电脑上重新扫描二维码",
        en="token not valid: scan the QR code on the laptop again",
    )
)
INTERNAL = Message(Text(zh="电脑端出现内部错误", en="internal error on the laptop"))
DELETED = Message(Text(zh="该检查已在电脑上删除", en="this inspection was deleted on the laptop"))
NO_PHOTO = Message(Text(zh="本检查中没有这张照片", en="no such photo in this inspection"))
NO_ITEM = Message(Text(zh="本检查没有检查项 {item}", en="this inspection has no item {item}"))
NOT_ASKED = Message(Text(zh="检查项 {item} 在本次检查中不适用", en="item {item} is not asked here"))
QUOTA = Message(
    Text(zh="本次会话已收到 {count} 张照片", en="this session already took {count} photos"),
    cli=Text(zh="请在电脑上开始新的会话", en="start a new one on the laptop"),
    gui=Text(
        zh="请在电脑上点击“新二维码”开始新的会话",
        en="start a new one on the laptop (“New code”)",
    ),
)
ALREADY_HERE = Message(
    Text(
        zh="本检查中已有这张照片（照片 {photo}）",
        en="already in this inspection (photo {photo})",
    )
)
VISIT_MYSTERY_ONLY = Message(
    Text(zh="到访信息只用于暗访检查", en="visit facts belong to mystery-shopping visits")
)
UNKNOWN_VISIT_FIELD = Message(
    Text(zh="未知的到访信息字段 {field}", en="unknown visit field {field}")
)
NOT_A_TIME = Message(Text(zh="{field} 不是时间", en="{field} is not a time"))
CUSTOMERS_WAITING = Message(
    Text(
        zh="等候客户数：须为 0 或以上的整数",
        en="customers waiting: a whole number, 0 or more",
    )
)
SHORT_TEXT = Message(Text(zh="{field}：应为一段简短文字", en="{field}: expected a short text"))
NOTES_MYSTERY_ONLY = Message(
    Text(zh="暗访记录只用于暗访检查", en="notes belong to mystery-shopping visits")
)
NOTES_BODY = Message(
    Text(
        zh='请求格式应为 {{"text": ..., "base": ...}}',
        en='expected {{"text": ..., "base": ...}}',
    )
)
NOTES_TOO_LONG = Message(
    Text(zh="暗访记录最多 {limit} 个字符", en="notes are limited to {limit} characters")
)
NOTES_CHANGED = Message(
    Text(
        zh="暗访记录已在电脑上修改；你的文字仍保留在手机上",
        en="the notes were changed on the laptop; your text was kept on the phone",
    )
)
METHOD_NOT_ALLOWED = Message(Text(zh="此处不允许 {method}", en="{method} is not allowed here"))
NO_PAGE = Message(Text(zh="没有这个页面", en="no such page"))
LENGTH_REQUIRED = Message(
    Text(zh="请求须带 Content-Length", en="send the body with a Content-Length")
)
REQUEST_TOO_LARGE = Message(
    Text(
        zh="请求有 {size} 字节；最多接受 {limit} 字节",
        en="the request is {size} bytes; at most {limit} are accepted",
    )
)
CUT_OFF = Message(Text(zh="上传被中断", en="the upload was cut off"))
NOT_JSON = Message(Text(zh="请求内容不是 JSON", en="the body is not JSON"))
NOT_OBJECT = Message(Text(zh="请求内容必须是 JSON 对象", en="the body must be a JSON object"))
NOT_MULTIPART = Message(
    Text(
        zh="请以 multipart/form-data 发送，带字段 'item' 和一个或多个 'photo' 文件",
        en="send multipart/form-data with a field 'item' and one or more 'photo' files",
    )
)
BUSY = Message(
    Text(zh="电脑正忙于其他上传", en="the laptop is busy with other uploads"),
    cli=Text(zh="请重试", en="try again"),
    gui=Text(zh="请稍后重试", en="try again"),
)
UNKNOWN_FIELD = Message(
    Text(
        zh="未知字段 {field}；请发送 'item' 和 'photo'",
        en="unknown field {field}; send 'item' and 'photo'",
    )
)
TOO_MANY_PHOTOS = Message(
    Text(
        zh="一次上传最多 {count} 张照片，每张不超过 {mb} MB",
        en="at most {count} photos of {mb} MB each in one upload",
    )
)
UPLOAD_INVALID = Message(
    Text(zh="上传内容无效（{detail}）", en="the upload is not valid ({detail})")
)
ITEM_MISSING = Message(Text(zh="缺少字段 'item'", en="the field 'item' is missing"))
NO_PHOTO_FILE = Message(Text(zh="上传中没有 'photo' 文件", en="no 'photo' file in the upload"))
