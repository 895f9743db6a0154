"""Arabic and Hebrew text laid out for ReportLab, which neither joins letters nor reorders.

ReportLab draws characters one after another, left to right, each in its isolated
form: an Arabic note would come out as unconnected letters in reverse order. This
helper does the two steps a text engine would do for the common case:

* **joining**: each Arabic letter becomes its isolated / final / initial / medial
  presentation form (Unicode Presentation Forms-A/B, which DejaVu Sans covers), with
  the mandatory lam-alef ligatures;
* **ordering**: each run of right-to-left text is reversed into visual order, numbers
  inside it keeping their left-to-right order.

It is deliberately small (no full Unicode bidi algorithm): enough that a branch name or
an inspector's note in Arabic, Persian or Hebrew reads correctly on one line.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# letter -> (isolated, final, initial, medial); two forms for right-joining letters.
_FORMS: dict[int, tuple[int, ...]] = {
    0x0621: (0xFE80,),
    0x0622: (0xFE81, 0xFE82),
    0x0623: (0xFE83, 0xFE84),
    0x0624: (0xFE85, 0xFE86),
    0x0625: (0xFE87, 0xFE88),
    0x0626: (0xFE89, 0xFE8A, 0xFE8B, 0xFE8C),
    0x0627: (0xFE8D, 0xFE8E),
    0x0628: (0xFE8F, 0xFE90, 0xFE91, 0xFE92),
    0x0629: (0xFE93, 0xFE94),
    0x062A: (0xFE95, 0xFE96, 0xFE97, 0xFE98),
    0x062B: (0xFE99, 0xFE9A, 0xFE9B, 0xFE9C),
    0x062C: (0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0),
    0x062D: (0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4),
    0x062E: (0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8),
    0x062F: (0xFEA9, 0xFEAA),
    0x0630: (0xFEAB, 0xFEAC),
    0x0631: (0xFEAD, 0xFEAE),
    0x0632: (0xFEAF, 0xFEB0),
    0x0633: (0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4),
    0x0634: (0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8),
    0x0635: (0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC),
    0x0636: (0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0),
    0x0637: (0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4),
    0x0638: (0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8),
    0x0639: (0xFEC9, 0xFECA, 0xFECB, 0xFECC),
    0x063A: (0xFECD, 0xFECE, 0xFECF, 0xFED0),
    0x0641: (0xFED1, 0xFED2, 0xFED3, 0xFED4),
    0x0642: (0xFED5, 0xFED6, 0xFED7, 0xFED8),
    0x0643: (0xFED9, 0xFEDA, 0xFEDB, 0xFEDC),
    0x0644: (0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0),
    0x0645: (0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4),
    0x0646: (0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8),
    0x0647: (0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC),
    0x0648: (0xFEED, 0xFEEE),
    0x0649: (0xFEEF, 0xFEF0),
    0x064A: (0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4),
    # Persian and Urdu letters (Presentation Forms-A).
    0x067E: (0xFB56, 0xFB57, 0xFB58, 0xFB59),
    0x0686: (0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D),
    0x0698: (0xFB8A, 0xFB8B),
    0x06A9: (0xFB8E, 0xFB8F, 0xFB90, 0xFB91),
    0x06AF: (0xFB92, 0xFB93, 0xFB94, 0xFB95),
    0x06CC: (0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF),
}
_TATWEEL = 0x0640  # joins on both sides, has no forms of its own
# lam + alef variant -> (isolated, final) ligature
_LAM_ALEF: dict[int | None, tuple[int, int]] = {
    0x0622: (0xFEF5, 0xFEF6),
    0x0623: (0xFEF7, 0xFEF8),
    0x0625: (0xFEF9, 0xFEFA),
    0x0627: (0xFEFB, 0xFEFC),
}


def _transparent(code: int) -> bool:
    # Vowel marks sit on a letter and do not break the joining.
    return 0x064B <= code <= 0x065F or code == 0x0670


def _joins_forward(code: int | None) -> bool:
    """Whether a letter connects to the one after it (dual-joining, or tatweel)."""
    return code is not None and (code == _TATWEEL or len(_FORMS.get(code, ())) == 4)


def _joins_back(code: int | None) -> bool:
    """Whether a letter connects to the one before it."""
    return code is not None and (code == _TATWEEL or len(_FORMS.get(code, ())) >= 2)


def _neighbour(codes: list[int], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(codes) and _transparent(codes[j]):
        j += step
    return codes[j] if 0 <= j < len(codes) else None


def join_arabic(text: str) -> str:
    """Arabic letters replaced by their contextual presentation forms (logical order)."""
    if not any(0x0600 <= ord(ch) <= 0x06FF for ch in text):
        return text
    codes = [ord(ch) for ch in text]
    out: list[str] = []
    i = 0
    while i < len(codes):
        c = codes[i]
        prev = _neighbour(codes, i, -1)
        nxt = _neighbour(codes, i, 1)
        if c == 0x0644 and nxt in _LAM_ALEF and codes[i + 1] == nxt:
            lig = _LAM_ALEF[nxt]
            out.append(chr(lig[1] if _joins_forward(prev) else lig[0]))
            i += 2
            continue
        forms = _FORMS.get(c)
        if not forms:
            out.append(chr(c))
            i += 1
            continue
        back = _joins_forward(prev) and len(forms) >= 2
        fwd = len(forms) == 4 and _joins_back(nxt)
        if back and fwd:
            out.append(chr(forms[3]))
        elif back:
            out.append(chr(forms[1]))
        elif fwd:
            out.append(chr(forms[2]))
        else:
            out.append(chr(forms[0]))
        i += 1
    return "".join(out)


_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A right-to-left run: RTL letters, and spaces/punctuation/digits between two of them.
_RTL_RUN = re.compile(f"[{_RTL}](?:[^{_RTL}A-Za-z\\n]*[{_RTL}])*")
_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,:/][0-9\u0660-\u0669\u06f0-\u06f9]+)*")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


def _visual(run: str) -> str:
    # Reverse the run, then put each number back in reading order; brackets mirror.
    rev = run[::-1].translate(_MIRROR)
    return _NUMBER.sub(lambda m: m.group()[::-1], rev)


def shape(text: str) -> str:
    """``text`` ready for a left-to-right renderer: Arabic joined, RTL runs in visual order."""
    if not re.search(f"[{_RTL}]", text):
        return text
    lines = []
    for line in join_arabic(text).split("\n"):
        lines.append(_RTL_RUN.sub(lambda m: _visual(m.group()), line))
    return "\n".join(lines)
