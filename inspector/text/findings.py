"""Words of the finding lifecycle errors (closing a finding by hand or by a re-check)."""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

CLOSE_NEEDS_NOTE = Message(
    what=Text(
        zh="关闭问题需填写整改情况说明",
        en="closing a finding needs a note saying how it was rectified",
    ),
    cli=Text(zh="用 --note TEXT 给出", en="give it with --note TEXT"),
    gui=Text(zh="请填写整改情况说明后再关闭", en="write how it was rectified, then close it"),
)
NOT_A_FINDING = Message(
    what=Text(
        zh="检查项 {item} 不是检查 {uuid} 的问题",
        en="item {item} is not a finding of inspection {uuid}",
    ),
    cli=Text(
        zh="'inspector hq findings' 列出全部问题", en="'inspector hq findings' lists the findings"
    ),
)
ALREADY_CLOSED = Message(
    what=Text(
        zh="检查 {uuid} 的问题 {item} 已关闭{when}",
        en="finding {item} of inspection {uuid} is already closed{when}",
    )
)
CLOSED_ON = Text(zh="（{day}）", en=" ({day})")
CANNOT_MOVE = Message(
    what=Text(
        zh="检查 {uuid} 的问题 {item} 当前为“{status}”，不能改为“{to}”",
        en="finding {item} of inspection {uuid} is {status} and cannot become {to}",
    ),
    cli=Text(
        zh="'inspector hq findings --json' 显示其状态",
        en="'inspector hq findings --json' shows its state",
    ),
)

# How a closed finding was closed (findings.closed_via).
CLOSED_VIA: dict[str, Text] = {
    "recheck": Text(zh="复查通过", en="re-check passed"),
    "response": Text(zh="整改报告验收通过", en="branch response accepted"),
    "hand": Text(zh="总行手工关闭", en="closed by hand at HQ"),
}
