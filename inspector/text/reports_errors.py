"""Words for errors while building or previewing a PDF report (the report's own labels live
in :mod:`inspector.text.report`)."""

from __future__ import annotations

from inspector.text import Message, Text

REPORT_GONE = Message(
    Text(zh="{path}：报告文件已不存在", en="{path}: the report file is gone"),
    cli=Text(zh="请重新生成", en="build it again"),
    gui=Text(zh="请重新生成（检查 › 生成报告…）", en="build it again (Inspection › Report…)"),
)
NOT_A_PDF = Message(
    Text(zh="{path}：不是可读取的 PDF（{detail}）", en="{path}: not a readable PDF ({detail})")
)
FONT_MISSING = Message(
    Text(zh="报告字体 {path} 缺失", en="the report font {path} is missing"),
    cli=Text(
        zh="请重新安装 Branch Inspector（resources/fonts/ 中须有 wqy-microhei.ttc）",
        en="reinstall Branch Inspector (resources/fonts/ must hold wqy-microhei.ttc)",
    ),
    gui=Text(
        zh="请重新安装 Branch Inspector（安装中须有 wqy-microhei.ttc 字体）",
        en="reinstall Branch Inspector (it must include the font wqy-microhei.ttc)",
    ),
)
FONT_UNREADABLE = Message(
    Text(
        zh="报告字体 {path} 无法读取（{detail}）",
        en="the report font {path} cannot be read ({detail})",
    ),
    cli=Text(zh="请重新安装", en="reinstall"),
    gui=Text(zh="请重新安装 Branch Inspector", en="reinstall Branch Inspector"),
)
