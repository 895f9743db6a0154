"""Notes in any script reach the PDF: fallback fonts, Arabic joining, visible replacements.

Issue 11, group 9: the PDF silently dropped text its CJK font lacks (Arabic, emoji). Now
each such run is drawn in a fallback font, Arabic and Hebrew read right to left, and a
character no font has becomes a visible U+FFFD with a warning in the log.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from pypdf import PdfReader

from inspector.reports import render_report
from inspector.reports.fonts import fallback_markup
from inspector.reports.shaping import join_arabic, shape
from tests.unit.test_report_render import reader, sample, text_of

ARABIC = "السلام عليكم"
HEBREW = "שלום"
NOTE = f"坡道 {ARABIC} 12 {HEBREW} Ñandú Ωμέγα Привет 👍🏦 ok"
UNKNOWN = "\U0010fffd"  # a private-use code point no font has


def test_arabic_letters_join() -> None:
    # سلام: seen initial, lam medial... alef final after lam is the lam-alef ligature.
    assert join_arabic("سلام") == "\ufeb3\ufefc\ufee1"
    assert join_arabic("ب") == "\ufe8f"  # isolated
    assert join_arabic("بب") == "\ufe91\ufe90"  # initial, final
    assert join_arabic("ببب") == "\ufe91\ufe92\ufe90"  # medial between
    assert join_arabic("دب") == "\ufea9\ufe8f"  # dal never joins forward
    assert join_arabic("abc 上海") == "abc 上海"


def test_rtl_runs_are_reversed_numbers_kept() -> None:
    assert shape("abc שלום xyz") == "abc םולש xyz"
    assert shape("שלום 123 עולם") == "םלוע 123 םולש"
    assert shape("no rtl (here)") == "no rtl (here)"
    assert shape("a\nשלום") == "a\nםולש"


def test_fallback_markup_routes_each_run() -> None:
    m = fallback_markup(NOTE)
    assert m.startswith("坡道 ")
    assert '<font face="DejaVuSans">' in m  # Arabic, Hebrew, Greek...
    assert '<font face="Symbola">👍🏦</font>' in m  # emoji
    assert "ok" in m
    assert fallback_markup("<b> & 上海") == "&lt;b&gt; &amp; 上海"


def test_missing_glyph_is_visible_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="inspector.reports.fonts"):
        m = fallback_markup(f"before {UNKNOWN} after")
    assert "\ufffd" in m and UNKNOWN not in m
    assert "before" in m and "after" in m
    assert any("U+10FFFD" in r.getMessage() for r in caplog.records)


def test_report_embeds_fallback_fonts_and_keeps_every_word() -> None:
    pdf = render_report(sample(note=f"{NOTE} {UNKNOWN} end"))
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "Symbola"} <= fonts, fonts
    text = text_of(pdf)
    for word in ("坡道", "Ñandú", "Ωμέγα", "Привет", "ok", "end", "\ufffd"):
        assert word in text, word
    assert len(reader(pdf).pages) >= 1


def test_emoji_and_astral_characters_extract_as_themselves(tmp_path: Path) -> None:
    """Issue 20 §5: the fallback fonts' ToUnicode maps wrote U+1F600 as five hex digits,
    so pdftotext gave "ὠ" (U+1F60) for 😀: search and copy found other characters."""
    import shutil
    import subprocess

    from inspector.reports.fonts import to_unicode_cmap

    cmap = to_unicode_cmap("X", [0x41, 0x1F600, 0x4E0A])
    assert "<01> <D83DDE00>" in cmap and "<00> <0041>" in cmap and "<02> <4E0A>" in cmap
    note = "笑脸 😀 👍🏦 𝐀 ok"
    pdf = render_report(sample(note=note))
    extracted = text_of(pdf)
    for word in ("😀", "👍", "🏦", "𝐀"):
        assert word in extracted, (word, extracted[-300:])
    assert "ὠ" not in extracted
    if shutil.which("pdftotext") is None:  # pragma: no cover - CI installs poppler-utils
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for word in ("😀", "👍", "🏦", "笑脸"):
        assert word in out, (word, out[-300:])
    assert "ὠ" not in out
