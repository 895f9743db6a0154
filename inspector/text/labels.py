"""Names and short phrases used across the app outside the Qt widgets.

The eight consumer rights and the regulator's evaluation elements (checklists tag items with
them; HQ reports on them), how a requirement's source reads when it rests on practice, a
duration in words, and the phone capture page's own messages.
"""

from __future__ import annotations

import logging

from inspector.text import Text

log = logging.getLogger(__name__)

# The eight consumer rights (八项权利), keyed by ``Right`` value.
RIGHTS: dict[str, Text] = {
    "property_security": Text(zh="财产安全权", en="Property security"),
    "right_to_know": Text(zh="知情权", en="Right to know"),
    "free_choice": Text(zh="自主选择权", en="Free choice"),
    "fair_trade": Text(zh="公平交易权", en="Fair trade"),
    "lawful_claims": Text(zh="依法求偿权", en="Lawful claims"),
    "education": Text(zh="受教育权", en="Education"),
    "respect": Text(zh="受尊重权", en="Respect"),
    "information_security": Text(zh="信息安全权", en="Information security"),
}

# The evaluation elements of 《银行保险机构消费者权益保护监管评价办法》 an item can feed.
ELEMENTS: dict[str, Text] = {
    "mechanism": Text(zh="体制机制建设", en="Mechanisms: training, emergency plans"),
    "controls": Text(zh="机制控制", en="Controls: information protection, special-group services"),
    "operations": Text(zh="业务经营", en="Business conduct: disclosure, fees, sales, service"),
    "complaints": Text(zh="投诉处理", en="Complaint handling"),
    "education": Text(zh="教育宣传", en="Education and publicity"),
}

# A requirement's source (the runner's item view): practice instead of a written rule.
SOURCE_PRACTICE = Text(zh="行业通行做法（无成文规定）", en="Established practice (no written rule)")
SOURCE_PARTLY = Text(zh="{ref}（部分为行业通行做法）", en="{ref} (partly established practice)")
# A source that says it is the bank's own rule (行内要求): the Chinese already says so.
SOURCE_BANK_RULE = Text(zh="{ref}", en="{ref} (partly the bank's own rule, not a regulation)")

# A duration in words ('16 h 18 min' / '16 小时 18 分钟'); days from 48 hours on.
MINUTES = Text(zh="{m} 分钟", en="{m} min")
HOURS = Text(zh="{h} 小时", en="{h} h")
HOURS_MINUTES = Text(zh="{h} 小时 {m} 分钟", en="{h} h {m} min")
DAYS = Text(zh="{d} 天", en="{d} d")
DAYS_HOURS = Text(zh="{d} 天 {h} 小时", en="{d} d {h} h")

# The phone capture page, when it can no longer be used (shown in both languages).
PHONE_SESSION_ENDED = Text(
    zh="会话已结束或二维码已失效：请在电脑上重新扫描二维码。",
    en="This session has ended or the QR code is no longer valid: scan the code on the "
    "laptop again.",
)
