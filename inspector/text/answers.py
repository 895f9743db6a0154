"""Words for answers that do not fit their item (a number out of range, a wrong choice).

The runner shows these under the answer field as the inspector types, so the app's words
name its buttons ("N/A"), never a command-line option; ``inspector answer`` prints the
same error in English, where ``--result na`` may be named.
"""

from __future__ import annotations

from inspector.text import Message, Text

#: What each answer type is called in a message (the English names are the file format's).
ANSWER_TYPES: dict[str, Text] = {
    "yes_no": Text(zh="是/否", en="yes_no"),
    "yes_no_na": Text(zh="是/否/不适用", en="yes_no_na"),
    "scale": Text(zh="评分", en="scale"),
    "count": Text(zh="计数", en="count"),
    "measure": Text(zh="测量值", en="measure"),
    "choice": Text(zh="选项", en="choice"),
    "text": Text(zh="文字", en="text"),
}

NUMBER_TOO_LONG = Text(zh="（数字太长，无法显示）", en="(a number too long to show)")

# ---------------------------------------------------------------- the whole refusal
#: ``reason`` is one of the reasons below, said after the value.
VALUE_REFUSED = Message(
    what=Text(
        zh="检查项 {item}（{type}）：值 {value} {reason}",
        en="item {item} ({type}): value {value} {reason}",
    )
)
NOT_USABLE = Message(
    what=Text(
        zh="检查项 {item}（{type}）：值 {value} 不是可用的{type}值",
        en="item {item} ({type}): value {value} is not a usable {type} value",
    )
)
UNKNOWN_TYPE = Message(
    what=Text(
        zh="检查项 {item}：未知的答案类型 {type}", en="item {item}: unknown answer type {type}"
    )
)
RESULT_WORDS = Message(
    what=Text(
        zh="结果必须是 pass、fail 或 na，而不是 {value}",
        en="result must be pass, fail or na, not {value}",
    )
)

# ---------------------------------------------------------------- reasons
BETWEEN = Message(what=Text(zh="必须在 {min} 到 {max} 之间", en="must be between {min} and {max}"))
NEGATIVE_COUNT = Message(what=Text(zh="不能为负数（计数）", en="a count cannot be negative"))
ONE_OF = Message(what=Text(zh="必须是 {choices} 之一", en="must be one of {choices}"))
TOO_LONG = Message(what=Text(zh="不能超过 {max} 个字符", en="must be at most {max} characters"))
MUST_BE_TEXT = Message(what=Text(zh="必须是文字", en="must be text"))
YES_OR_NO = Message(what=Text(zh="必须是“是”或“否”", en="must be yes or no"))
YES_OR_NO_OR_NA = Message(
    what=Text(zh="必须是“是”或“否”", en="must be yes or no"),
    cli=Text(zh="或使用 --result na", en="or use --result na"),
    gui=Text(zh="或点击“不适用”", en="or press N/A"),
)
WHOLE_NUMBER = Message(what=Text(zh="必须是整数", en="must be a whole number"))
NUMBER = Message(what=Text(zh="必须是数字", en="must be a number"))
TOO_LARGE = Message(what=Text(zh="过大", en="is too large"))
NUMBER_OR_SLOPE = Message(
    what=Text(
        zh="必须是数字（坡度可写作 1:12）", en="must be a number (a slope may be written 1:12)"
    )
)
FINITE_NUMBER = Message(what=Text(zh="必须是有限的数字", en="must be a finite number"))
#: The type check's own words (technical, from the validation library).
NOT_OF_TYPE = Message(what=Text(zh="不符合要求（{detail}）", en="{detail}"))
