"""Picking the report's words (kept in :mod:`inspector.text.report`) for a report language.

A report is ``zh``, ``en`` or ``both`` (Chinese with the English beside or beneath it);
:func:`pick` turns one catalogue entry into the text of that language.
"""

from __future__ import annotations

import logging
import re

from inspector.domain.checklist import BANK_RULE, PRACTICE_REF
from inspector.text import Text
from inspector.text import report as T

log = logging.getLogger(__name__)

# How the shipped checklists say "no written rule found"; printed as a Chinese reader
# expects, not as the bilingual authoring note.
_NO_WRITTEN_RULE = re.compile(r"^\s*行业惯例[，,]?\s*未找到成文依据.*$")
# A parenthesised gloss in Latin letters, e.g. "(bank consumer-protection exam material)";
# years and clause numbers such as "(2014)" have no letters and stay.
_LATIN_GLOSS = re.compile(r"\s*[(（][^()（）]*[A-Za-z]{2,}[^()（）]*[)）]")


def source_text(ref: str, inferred: bool, lang: str) -> str:
    """The source of a requirement as the reader of ``lang`` expects to read it.

    zh: "行业通行做法" where there is no written rule, English glosses dropped, and
    "（部分依据行业通行做法）" where a written source is completed by practice.
    """
    ref = ref.strip()
    if not ref and not inferred:
        return ""
    generic = not ref or ref == PRACTICE_REF or bool(_NO_WRITTEN_RULE.match(ref))
    if generic:
        return pick(T.SOURCE_PRACTICE, lang)
    zh_ref = _LATIN_GLOSS.sub("", ref).strip().replace("; ", "；")
    if inferred:
        said = T.SOURCE_BANK_RULE if BANK_RULE in ref else T.SOURCE_PARTLY
        text = Text(zh=said.zh.format(ref=zh_ref), en=said.en.format(ref=ref))
    else:
        text = Text(zh=zh_ref, en=ref)
    return pick(text, lang)


def pick(text: Text, lang: str, sep: str = " / ", **fields: object) -> str:
    """One entry in ``lang``; for ``both``, Chinese then English joined by ``sep``."""
    if lang in ("zh", "en"):
        return text.template(lang).format(**fields) if fields else text.template(lang)
    zh, en = (t.format(**fields) if fields else t for t in (text.zh, text.en))
    return f"{zh}{sep}{en}"
