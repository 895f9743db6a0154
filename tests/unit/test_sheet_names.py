"""Excel sheet names are shortened by whole words, never cut inside one."""

from __future__ import annotations

import pytest

from inspector.services.hq.files import shorten_sheet_name


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Answers-Accessibility and elderly-friendly service", "Answers-Accessibility"),
        ("Answers-Comprehensive on-site inspection", "Answers-Comprehensive on-site"),
        ("Answers-Personal financial information protection", "Answers-Personal financial"),
        ("League table", "League table"),
        ("答卷-综合现场检查", "答卷-综合现场检查"),
        ("答" * 40, "答" * 31),
        ("A" * 40, "A" * 31),
    ],
)
def test_shortened_by_whole_words(name: str, short: str) -> None:
    got = shorten_sheet_name(name)
    assert got == short and len(got) <= 31
    if " " in name or "-" in name:
        assert name.startswith(got)
        rest = name[len(got) :]
        assert not rest or rest[0] in " -"  # the cut falls between words
