"""Words of the HQ consumer-rights and mystery-shopping tables (PDF, Excel, CSV)."""

from __future__ import annotations

import logging

from inspector.text import Text

log = logging.getLogger(__name__)

TITLES: dict[str, Text] = {
    "rights": Text(zh="八项权利得分率（各网点）", en="Consumer rights by branch"),
    "elements": Text(zh="监管评价要素得分率（各网点）", en="Evaluation elements by branch"),
    "mystery_scenarios": Text(zh="暗访：按场景比较", en="Mystery shopping by scenario"),
    "mystery_visits": Text(zh="暗访：各次暗访", en="Mystery-shopping visits"),
}
SHEETS: dict[str, Text] = {
    "rights": Text(zh="八项权利", en="Consumer rights"),
    "elements": Text(zh="评价要素", en="Evaluation elements"),
    "mystery_scenarios": Text(zh="暗访场景", en="Mystery scenarios"),
    "mystery_visits": Text(zh="暗访明细", en="Mystery visits"),
}
COLUMNS: dict[str, Text] = {
    "finalized": Text(zh="定稿日期", en="Finalized"),
    "scenario": Text(zh="场景", en="Scenario"),
    "visits": Text(zh="暗访次数", en="Visits"),
    "average_total": Text(zh="平均总分", en="Average total"),
    "wave": Text(zh="批次", en="Wave"),
    "total": Text(zh="总分", en="Total"),
    "result": Text(zh="结果", en="Result"),
    "started": Text(zh="暗访日期", en="Visit date"),
}
PASSED = Text(zh="通过", en="passed")
FAILED = Text(zh="未通过", en="failed")
NO_SCENARIO = Text(zh="（未选场景）", en="(no scenario)")
RIGHTS_NOTE = Text(
    zh="{checklist}：每个网点最近一次已定稿的检查（不受期间筛选影响）；得分率＝得分÷可得分，"
    "不适用的检查项不计入。",
    en="{checklist}: each branch's latest finalized inspection, whatever the period; percent of "
    "the points possible, items not applicable left out.",
)
MYSTERY_NOTE = Text(
    zh="已定稿的神秘客暗访（不受期间、检查表和方式筛选影响）。某部分的平均分只计入适用该部分的暗访；"
    "总分只在同一场景或同一批次内可比。",
    en="Finalized mystery-shopper visits, whatever the period, checklist and mode. A section's "
    "average counts only the visits where it applied; totals compare within one scenario or "
    "one wave.",
)
