"""What still blocks signing off an inspection (``missing_for_finalize``).

The app lists these on its sign-off page in the user's language; the CLI prints them in
English (``inspector finalize`` refuses with the first five, ``inspector show --json`` lists
them under ``"missing"``). Each gap is a :class:`~inspector.text.Message` whose ``what``
names the item (``{item}``: its id on the CLI, its title in the app) and the gap; a remedy,
where there is one, follows it directly and carries its own brackets: ``cli`` may name the
command, ``gui`` names the app's tab.
"""

from __future__ import annotations

import logging

from inspector.text import Message, Text

log = logging.getLogger(__name__)

COPIED_NOT_VERIFIED = Message(
    Text(zh="{item}复制的答案尚待现场复核", en="{item}: the copied answer is not re-verified yet")
)
NOT_ANSWERED = Message(Text(zh="{item}未作答", en="{item} is not answered"))
NEEDS_PHOTO = Message(Text(zh="{item}缺少照片证据", en="{item} needs a photo"))
TEXT_TOO_SHORT = Message(
    Text(zh="{item}至少需要 {n} 个字", en="{item} needs at least {n} characters")
)
TOO_FEW_PHOTOS = Message(
    Text(
        zh="全部照片仅 {have} 张，本检查至少需要 {need} 张",
        en="the inspection has {have} photo(s); at least {need} are needed",
    )
)
NARRATIVE_TOO_SHORT = Message(
    Text(
        zh="总体描述仅 {n} 字，至少需要 {min} 字",
        en="the narrative has {n} characters; at least {min} are needed",
    )
)
VISIT_FACT_MISSING = Message(Text(zh="未填写{fact}", en="the {fact} is missing"))
# The visit facts a mystery-shopper visit must record (the {fact} above).
VISIT_FACTS: dict[str, Text] = {
    "arrival": Text(zh="到达时间", en="arrival time"),
    "departure": Text(zh="离开时间", en="departure time"),
}
NO_SCENARIO = Message(Text(zh="未选择检测场景", en="no scenario chosen"))
# An on-site inspection's report prints the branch manager's sign-off line (确认签收).
NO_MANAGER = Message(
    what=Text(
        zh="未填写网点负责人姓名（报告中有其确认签收栏）",
        en="the branch manager's name is missing (the report prints their sign-off line)",
    ),
    cli=Text(
        zh="（用 inspector finalize ID --by NAME --manager NAME 给出）",
        en=" (give it with inspector finalize ID --by NAME --manager NAME)",
    ),
    gui=Text(
        zh="（在“定稿”页填写“网点负责人”）",
        en=" (fill in the branch manager on the Finalize tab)",
    ),
)

RED_LINE_UNRECTIFIED = Message(
    what=Text(
        zh="{item}红线项不符合，须填写{lacking}",
        en="{item} failed a red line and needs a rectification {lacking}",
    ),
    cli=Text(
        zh="（用 inspector finding ID {item} --action ... --owner ... 填写）",
        en=" (inspector finding ID {item} --action ... --owner ...)",
    ),
    gui=Text(zh="（在“问题与整改”页填写）", en=" (fill it in on the Findings tab)"),
)
# What a failed red-line item still lacks (the {lacking} above).
LACKS_ACTION_AND_OWNER = Text(zh="整改措施、责任人", en="action and owner")
LACKS_ACTION = Text(zh="整改措施", en="action")
LACKS_OWNER = Text(zh="责任人", en="owner")
