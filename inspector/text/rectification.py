"""Words of the rectification loop (整改闭环): notices, responses, HQ's review, the PDF.

A refused notice or response says what is wrong the same way on every surface; the CLI's
remedy may name a command, the app's names its buttons.
"""

from __future__ import annotations

from inspector.text import Message, Text

# ---------------------------------------------------------------- files
IMAGE_MISSING = Message(
    Text(
        zh="文件引用了图片 {sha}，但文件中没有该图片",
        en="the file names picture {sha} but does not contain it",
    )
)
PHOTO_FAILS = Message(
    Text(
        zh="问题 {item} 的照片 {photo} 无法使用：{cause}",
        en="photo {photo} of finding {item} cannot be used: {cause}",
    )
)

# ---------------------------------------------------------------- HQ's key at the branch
PIN_SOURCES: dict[str, Text] = {
    "pack": Text(zh="总行配置包", en="the installed HQ pack"),
    "given": Text(zh="指定的指纹", en="a fingerprint given on purpose"),
    "tofu": Text(zh="首次使用时信任", en="trust on first use"),
}
FINGERPRINT_DIFFERS = Message(
    Text(
        zh="通知书由密钥 {signer} 签名，而不是指定的 {expected}",
        en="the notice is signed by key {signer}, not by the expected {expected}",
    ),
    cli=Text(
        zh="请与总行核对指纹；文件可能被替换",
        en="check the fingerprint with HQ; the file may have been replaced",
    ),
    gui=Text(
        zh="请与总行核对指纹；文件可能被替换",
        en="check the fingerprint with HQ; the file may have been replaced",
    ),
)
NOT_HQ_KEY = Message(
    Text(
        zh="通知书由密钥 {signer} 签名，但本机认可的总行密钥是 {pinned}（来源：{source}）",
        en="the notice is signed by key {signer}, but the HQ key pinned here is {pinned} "
        "(from {source})",
    ),
    cli=Text(
        zh="若总行确已更换密钥，请与总行核对后用 --expect-fingerprint {signer} 打开",
        en="if HQ really changed its key, confirm it with HQ and open the file with "
        "--expect-fingerprint {signer}",
    ),
    gui=Text(
        zh="若总行确已更换密钥，请与总行核对新指纹后在“指定指纹”中填写",
        en="if HQ really changed its key, confirm the new fingerprint with HQ and enter it "
        "under 'Expected fingerprint'",
    ),
)

# ---------------------------------------------------------------- issuing (HQ)
UNKNOWN_BRANCH = Message(Text(zh="没有代码为 {code} 的网点", en="no branch with code {code}"))
NO_OPEN_FINDINGS = Message(
    Text(
        zh="网点 {code} 没有待整改的问题{period}",
        en="branch {code} has no open findings{period}",
    ),
    cli=Text(
        zh="'inspector hq findings --status open' 列出待整改问题",
        en="'inspector hq findings --status open' lists the open findings",
    ),
)
PERIOD = Text(zh="（{start} 至 {end}）", en=" ({start} to {end})")
NOTICE_DEADLINE_PAST = Message(
    Text(
        zh="整改期限 {day} 早于今天 {today}",
        en="the deadline {day} is before today ({today})",
    )
)
NOTICE_FOLDER = Message(
    Text(zh="文件夹 {folder} 不存在", en="folder {folder} does not exist"),
    cli=Text(zh="用 -o 指定已有的文件夹", en="give an existing folder with -o"),
    gui=Text(zh="请选择已有的文件夹", en="choose an existing folder"),
)

# ---------------------------------------------------------------- finding a notice
NO_SUCH_NOTICE = Message(
    Text(zh="没有整改通知书 {ref}", en="no rectification notice {ref}"),
    cli=Text(
        zh="'inspector rectify list' 列出本机的通知书",
        en="'inspector rectify list' lists the notices here",
    ),
    gui=Text(zh="请先打开通知书文件", en="open the notice file first"),
)
AMBIGUOUS_NOTICE = Message(
    Text(
        zh="{ref} 对应多份通知书：{matches}",
        en="{ref} matches several notices: {matches}",
    ),
    cli=Text(zh="请给出更长的编号", en="give more of the id"),
)
NOT_CARRIED = Message(
    Text(
        zh="通知书 {notice} 不含问题 {item}",
        en="notice {notice} does not carry finding {item}",
    ),
    cli=Text(
        zh="'inspector rectify list' 列出通知书所含问题",
        en="'inspector rectify list' lists the findings of each notice",
    ),
)
AMBIGUOUS_ITEM = Message(
    Text(
        zh="通知书 {notice} 中有多次检查的问题 {item}：{inspections}",
        en="notice {notice} carries item {item} for several inspections: {inspections}",
    ),
    cli=Text(zh="请写成 检查编号:检查项", en="write it as INSPECTION:ITEM"),
)
ITEM_SUPERSEDED = Message(
    Text(
        zh="通知书 {notice} 第 {revision} 版中的问题 {item} 已被第 {newer} 版取代",
        en="finding {item} of notice {notice} revision {revision} is superseded by "
        "revision {newer}",
    ),
    cli=Text(zh="请回复新版通知书", en="answer the newer revision"),
    gui=Text(zh="请回复新版通知书", en="answer the newer revision"),
)

# ---------------------------------------------------------------- answering (branch)
NEEDS_NOTE = Message(
    Text(
        zh="回复问题需写明整改措施，或说明尚未整改的原因",
        en="an answer says what was done, or why it is not done yet",
    ),
    cli=Text(zh="用 --note TEXT 或 --not-yet REASON", en="give --note TEXT or --not-yet REASON"),
    gui=Text(
        zh="请填写“整改措施”或“尚未整改的原因”", en="fill in 'What was done' or 'Not yet, because'"
    ),
)
NOTE_AND_NOT_YET = Message(
    Text(
        zh="不能同时填写整改措施和尚未整改的原因",
        en="an answer is either what was done or why not yet, not both",
    ),
    cli=Text(zh="--note 与 --not-yet 只给一个", en="give --note or --not-yet, not both"),
    gui=Text(zh="请只填写其中一项", en="fill in only one of them"),
)
DONE_IN_FUTURE = Message(
    Text(
        zh="完成日期 {day} 晚于今天 {today}",
        en="the completion date {day} is after today ({today})",
    )
)
BAD_DATE = Message(
    Text(zh="{value} 不是日期", en="{value} is not a date"),
    cli=Text(zh="请写成 YYYY-MM-DD", en="write it as YYYY-MM-DD"),
)
UNANSWERED = Message(
    Text(
        zh="通知书 {notice} 还有问题未回复：{items}",
        en="notice {notice} has findings not answered yet: {items}",
    ),
    cli=Text(
        zh="每个问题用 'inspector rectify respond NOTICE ITEM --note TEXT' 回复，"
        "或用 --not-yet REASON 说明原因",
        en="answer each with 'inspector rectify respond NOTICE ITEM --note TEXT', "
        "or say why not yet with --not-yet REASON",
    ),
    gui=Text(
        zh="请回复每个问题，或说明尚未整改的原因",
        en="answer each finding, or say why it is not done yet",
    ),
)
RETURNED_UNCHANGED = Message(
    Text(
        zh="总行退回了以下问题的回复，但回复尚未修改：{items}（通知书 {notice}）",
        en="HQ returned the answers to {items} (notice {notice}), and they have not been "
        "changed since",
    ),
    cli=Text(
        zh="按总行意见用 'inspector rectify respond' 修改后再导出",
        en="change them as HQ asks with 'inspector rectify respond', then export",
    ),
    gui=Text(
        zh="请按总行的退回意见修改回复后再生成整改报告",
        en="change the answers as HQ asks, then write the response",
    ),
)
NO_SUCH_PHOTO = Message(
    Text(zh="没有整改照片 {ref}", en="no rectification photo {ref}"),
    cli=Text(
        zh="'inspector rectify list --json' 列出照片编号",
        en="'inspector rectify list --json' lists the photo ids",
    ),
)
NOTICE_CONFLICT = Message(
    Text(
        zh="通知书 {notice} 第 {revision} 版已打开过，但内容不同",
        en="notice {notice} revision {revision} was opened before with different content",
    ),
    cli=Text(zh="请向总行确认哪份文件是真的", en="ask HQ which file is genuine"),
    gui=Text(zh="请向总行确认哪份文件是真的", en="ask HQ which file is genuine"),
)
WRONG_KIND = Message(
    Text(
        zh="{file} 不是整改通知书（.notice）",
        en="{file} is not a rectification notice (.notice)",
    )
)

# ---------------------------------------------------------------- receiving (HQ)
RESP_UNKNOWN_NOTICE = Message(
    Text(
        zh="所回复的通知书 {notice} 第 {revision} 版不是本机签发的",
        en="it answers notice {notice} revision {revision}, which was never issued here",
    )
)
RESP_OTHER_HQ = Message(
    Text(
        zh="所回复的通知书由密钥 {hq} 签发，而不是本机的 {own}",
        en="it answers a notice signed by key {hq}, not by this installation's {own}",
    )
)
RESP_OTHER_BRANCH = Message(
    Text(
        zh="回复写明网点 {branch}，但通知书发给 {notice_branch}",
        en="the response names branch {branch}, but the notice is for {notice_branch}",
    )
)
RESP_KEY_OTHER_BRANCH = Message(
    Text(
        zh="回复由密钥 {signer} 签名，该密钥属于网点 {bound}，而通知书发给 {branch}",
        en="it is signed by key {signer}, which is bound to branch {bound}; the notice is "
        "for {branch}",
    )
)
RESP_KEY_NOT_NOTICE = Message(
    Text(
        zh="通知书 {notice} 此前的回复来自密钥 {bound}；后续回复须来自同一密钥，"
        "而此回复来自 {signer}",
        en="notice {notice} was answered before by key {bound}; later responses must come "
        "from the same key, and this one is signed by {signer}",
    ),
    cli=Text(
        zh="若该网点换了电脑，请用 'inspector keys trust FILE --branch CODE' 绑定其密钥",
        en="if the branch changed computers, bind its key with "
        "'inspector keys trust FILE --branch CODE'",
    ),
)
RESP_NOT_TRUSTED = Message(
    Text(
        zh="回复由密钥 {signer} 签名，该密钥未绑定到网点 {branch}",
        en="it is signed by key {signer}, which is not bound to branch {branch}",
    ),
    cli=Text(
        zh="核对后用 'inspector keys trust FILE --branch {branch}' 绑定，"
        "或不加 --trusted-only 导入",
        en="check it, then bind it with 'inspector keys trust FILE --branch {branch}', or "
        "import without --trusted-only",
    ),
)
RESP_NOT_CARRIED = Message(
    Text(
        zh="回复了通知书第 {revision} 版未列出的问题 {item}（检查 {inspection}）",
        en="it answers finding {item} of inspection {inspection}, which notice revision "
        "{revision} does not carry",
    )
)
RESP_SUPERSEDED = Message(
    Text(
        zh="问题 {item} 在通知书第 {revision} 版中已被第 {newer} 版取代",
        en="finding {item} of notice revision {revision} is superseded by revision {newer}",
    ),
    cli=Text(zh="网点应回复第 {newer} 版", en="the branch should answer revision {newer}"),
)
RESP_FINDING_GONE = Message(
    Text(
        zh="检查 {inspection} 已没有问题 {item}",
        en="inspection {inspection} no longer has finding {item}",
    )
)
RESP_STALE = Message(
    Text(
        zh="这是第 {revision} 版回复，但已收到第 {latest} 版（重复发送的旧文件？）",
        en="this is response revision {revision}, but revision {latest} was received "
        "already (an old file sent again?)",
    )
)
RESP_CONFLICT = Message(
    Text(
        zh="第 {revision} 版回复此前已收到，但内容不同",
        en="response revision {revision} was received before with different content",
    )
)
RESP_DUPLICATE = Message(Text(zh="此回复已导入", en="this response was imported already"))
RESP_ALREADY_CLOSED = Text(
    zh="问题 {item} 已于 {day} 关闭，回复作为记录保存",
    en="finding {item} was closed on {day}; the answer is kept for the record",
)
RESP_LATE = Text(
    zh="回复晚于整改期限 {deadline}",
    en="the response is later than the deadline {deadline}",
)

# ---------------------------------------------------------------- review (HQ)
NOTHING_TO_REVIEW = Message(
    Text(
        zh="通知书 {notice} 的问题 {item} 没有待验收的回复（当前：{state}）",
        en="finding {item} of notice {notice} has no submitted answer to review (it is {state})",
    ),
    cli=Text(
        zh="'inspector hq review --list' 列出待验收的回复",
        en="'inspector hq review --list' lists the answers to review",
    ),
)
RETURN_NEEDS_NOTE = Message(
    Text(zh="退回需写明原因", en="returning an answer needs HQ's reason"),
    cli=Text(zh="用 --note TEXT 给出", en="give it with --note TEXT"),
    gui=Text(zh="请填写退回原因", en="write the reason for returning it"),
)
ACCEPTED_NOTE = Text(
    zh="整改报告验收通过（通知书 {number}，第 {revision} 版回复）",
    en="closed by branch response (notice {number}, response revision {revision})",
)

# ---------------------------------------------------------------- the notice PDF
PDF: dict[str, Text] = {
    "title": Text(zh="整改通知书", en="Rectification notice"),
    "number": Text(zh="文号：{number}", en="No. {number}"),
    "revision": Text(
        zh="（第 {revision} 版，取代此前版本所列问题）",
        en="(revision {revision}; supersedes earlier revisions for these findings)",
    ),
    "to": Text(zh="致：{name}（{code}）", en="To: {name} ({code})"),
    "intro": Text(
        zh="经检查，你行存在以下问题。请按“整改要求”逐项整改，于 {deadline} 前通过“整改”功能"
        "提交整改报告（整改措施、原因分析、长效机制、完成时间、责任人及整改后照片）。"
        "逾期未整改或屡查屡犯的问题将纳入考核。",
        en="The inspection found the problems below. Rectify each as required and send the "
        "rectification report (what was done, the cause, what stops it recurring, when, by "
        "whom, and photos) with the Rectification screen by {deadline}. Overdue and repeated "
        "findings count in the assessment.",
    ),
    "period": Text(zh="检查期间：{start} 至 {end}", en="Inspections from {start} to {end}"),
    "no": Text(zh="序号", en="No."),
    "finding": Text(zh="检查发现", en="Finding"),
    "action": Text(zh="整改要求", en="Required action"),
    "owner": Text(zh="责任人", en="Owner"),
    "deadline": Text(zh="整改期限", en="Deadline"),
    "severity": Text(zh="严重程度", en="Severity"),
    "seen": Text(zh="检查所见：", en="Seen: "),
    "inspected": Text(zh="检查日期：", en="Inspected: "),
    "repeat": Text(zh="屡查屡犯", en="Repeated"),
    "overdue": Text(zh="已逾期", en="Overdue"),
    "returned": Text(zh="前次整改报告被退回：", en="Previous answer returned: "),
    "photos": Text(zh="问题照片", en="Photos of the findings"),
    "photo_of": Text(zh="第 {no} 项", en="Finding {no}"),
    "issuer": Text(zh="签发单位（盖章）：", en="Issued by (seal): "),
    "signer": Text(zh="签发人：", en="Signed: "),
    "receiver": Text(zh="接收网点负责人（签字）：", en="Received by branch head (signature): "),
    "issued_on": Text(zh="签发日期：", en="Issued on: "),
    "received_on": Text(zh="接收日期：", en="Received on: "),
    "footer": Text(
        zh="通知书编号 {id} · 第 {revision} 版 · 总行签名密钥 {fingerprint} · 第 {page} 页",
        en="Notice {id} · revision {revision} · HQ signing key {fingerprint} · page {page}",
    ),
    "count": Text(zh="共 {n} 项问题", en="{n} findings"),
}
