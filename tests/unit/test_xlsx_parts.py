"""The xlsx writer's zip container and its sheets written elsewhere (issue 21 §8).

A sheet written by :func:`write_sheet_part` with the cell formats the workbook has before
it, and added with :meth:`XlsxStream.put`, is the XML :meth:`XlsxStream.sheet` writes in
its place; the container is read by zipfile, zip64 records included.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from inspector.services.hq import xlsx
from inspector.services.hq.xlsx import XlsxStream, write_sheet_part

EAST8 = timezone(timedelta(hours=8))


def _rows(n: int) -> list[list[Any]]:
    return [
        [
            f"branch {i % 7}",
            i,
            i / 3,
            date(2026, 1, 1) + timedelta(days=i % 40),
            datetime(2026, 3, 5, 6, 30, tzinfo=UTC) + timedelta(hours=i),
            i % 2 == 0,
            Decimal("1.25"),
            '=HYPERLINK("x")' if i % 5 == 0 else None,
            " padded " if i % 3 == 0 else "",
        ]
        for i in range(n)
    ]


HEAD = ["name", "n", "share", "day", "taken", "flag", "dec", "formula", "note"]
FORMATS: list[str | None] = [None, "0", "0.00", "yyyy-mm-dd", None, None, "0.00", None, None]
OTHER: list[str | None] = ["0.0", None, "yyyy-mm-dd hh:mm", None]  # a sheet before
WIDTHS = [10.0] * len(HEAD)


def _local(value: datetime) -> datetime:
    return value.astimezone(EAST8).replace(tzinfo=None)


def _book(path: Path, elsewhere: Path | None) -> dict[str, bytes]:
    with XlsxStream(path, localize=_local) as book:
        book.sheet("first", ["a", "b", "c", "d"], OTHER, [8.0] * 4, [[1.5, 2, None, "x"]])
        if elsewhere is None:
            book.sheet("big", HEAD, FORMATS, WIDTHS, _rows(300))
        else:
            styles = book.style_keys()
            place = book.reserve("big", FORMATS)
            part = write_sheet_part(
                elsewhere, styles, HEAD, FORMATS, WIDTHS, _rows(300), localize=_local
            )
        book.sheet("last", ["x", "when"], ["0.000", None], [8.0, 8.0], [[1, date(2026, 2, 1)]])
        if elsewhere is not None:
            book.put(place, part)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        return {n: z.read(n) for n in z.namelist()}


def test_a_sheet_written_elsewhere_is_the_sheet_written_in_place(tmp_path: Path) -> None:
    here = _book(tmp_path / "here.xlsx", None)
    there = _book(tmp_path / "there.xlsx", tmp_path / "big.part")
    assert sorted(here) == sorted(there)
    for name in here:
        assert here[name] == there[name], name
    big = here["xl/worksheets/sheet2.xml"].decode()
    assert 'quotePrefix="1"' in here["xl/styles.xml"].decode()
    assert 't="b"' in big and "<is><t>=HYPERLINK" in big


def test_a_part_written_with_other_formats_is_refused(tmp_path: Path) -> None:
    with (
        pytest.raises(ValueError, match="other cell formats"),
        XlsxStream(tmp_path / "x.xlsx") as book,
    ):
        book.sheet("first", ["a", "b", "c", "d"], OTHER, [8.0] * 4, [[1.5, 2, None, "x"]])
        place = book.reserve("big", FORMATS)
        # Written without the first sheet's formats: its style numbers would be others.
        part = write_sheet_part(tmp_path / "p.part", (), HEAD, FORMATS, WIDTHS, _rows(3))
        book.put(place, part)


def test_a_reserved_sheet_never_put_is_no_workbook(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="never put"), XlsxStream(tmp_path / "x.xlsx") as book:
        book.reserve("big", FORMATS)


def test_zip64_records_where_sizes_and_offsets_need_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offsets and sizes past the limit (lowered here from 2 GB) take the zip64 fields of
    the central directory and its zip64 end records; zipfile reads the same workbook."""
    plain = _book(tmp_path / "plain.xlsx", tmp_path / "a.part")
    monkeypatch.setattr(xlsx, "_ZIP64_LIMIT", 100)
    big = _book(tmp_path / "zip64.xlsx", tmp_path / "b.part")
    assert big == plain
    raw = (tmp_path / "zip64.xlsx").read_bytes()
    assert b"PK\x06\x06" in raw and b"PK\x06\x07" in raw  # zip64 end record and locator
    assert b"PK\x06\x06" not in (tmp_path / "plain.xlsx").read_bytes()
