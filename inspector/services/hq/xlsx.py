"""A streaming .xlsx writer for the HQ export: rows go to the file as they come.

At 100,000 inspections the export has some 15 million cells (every finding, every answer).
openpyxl keeps a Python object per cell (gigabytes) and even its write-only mode spends
about 20 µs a cell (minutes); XlsxWriter's constant-memory mode about 10 µs. This writer
produces the few parts of SpreadsheetML the export uses - typed cells (text, numbers,
booleans, dates), number formats, a bold filled header row, frozen header, column widths
and an auto-filter - straight into a zip entry, row by row, in about 1 µs a cell and a
few MB of memory whatever the size.

Text is always written as an inline string, never as a formula, so a value from a package
such as ``=HYPERLINK(...)`` can never run; formula-like text additionally gets Excel's
quote prefix (the cell shows and edits as text), as the openpyxl export did.

The zip container is written here as well (the few records of the format a workbook
needs, zip64 where a size or offset needs it): a sheet deflated by another process
(:func:`write_sheet_part`, the export's second process) is added to the workbook as its
compressed bytes, which zipfile cannot do.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from inspector.textsafe import is_formula_like

_EPOCH = datetime(1899, 12, 30)
# XML 1.0 allows no C0 control other than tab, newline and carriage return; a cell keeps
# them in Excel's own escape (_x000B_), which Excel and LibreOffice turn back into the
# character. A literal "_x0041_" in the text is escaped the same way so that it survives.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
# Anything that text needs changed for XML: most texts have none, and skip the work.
_SPECIAL = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_FLUSH_BYTES = 1 << 20
# Texts repeat (labels, answer texts, branch names): a sheet keeps the cell XML of the
# first this many distinct texts of a column, and of this many over all its columns; a
# column of ids or notes that never repeat stops adding once its share is full.
_TEXT_CACHE = 50_000
_TEXT_CACHE_COLUMN = 4_096


def column_letter(index: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``."""
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def excel_serial(value: date) -> float | int:
    """A date or time as Excel's serial day number (the 1900 date system, as openpyxl)."""
    dt = value if isinstance(value, datetime) else datetime.combine(value, time())
    delta = dt.replace(tzinfo=None) - _EPOCH
    days = delta.days
    if 0 < days <= 60:  # Excel's phantom 1900-02-29
        days -= 1
    secs = delta.seconds + delta.microseconds / 1e6
    return days + secs / 86400 if secs else days


def _sub_escape(m: re.Match[str]) -> str:
    s = m.group(0)
    if len(s) == 1:
        return f"_x{ord(s):04X}_"
    return "_x005F" + s  # a literal _xHHHH_ (the underscore escaped)


def _text_xml(s: str) -> str:
    if _SPECIAL.search(s):
        if _NEEDS_ESCAPE.search(s):
            s = _NEEDS_ESCAPE.sub(_sub_escape, s)
        s = escape(s, {"\r": "&#13;"})
    if s[:1].isspace() or s[-1:].isspace():
        return f'<is><t xml:space="preserve">{s}</t></is>'
    return f"<is><t>{s}</t></is>"


class _Styles:
    """Cell formats (``cellXfs``): the default, the header, and one per number format
    with and without the quote prefix."""

    HEADER = 1

    def __init__(self) -> None:
        self._fmt_ids: dict[str, int] = {}
        self._xfs: list[tuple[int, bool]] = []  # (numFmtId, quotePrefix) after the header
        self._index: dict[tuple[str, bool], int] = {}

    def xf(self, fmt: str | None, quote: bool = False) -> int:
        key = (fmt or "", quote)
        found = self._index.get(key)
        if found is not None:
            return found
        num = 0
        if fmt:
            num = self._fmt_ids.setdefault(fmt, 164 + len(self._fmt_ids))
        self._xfs.append((num, quote))
        idx = self._index[key] = len(self._xfs) + 1  # 0 default, 1 header
        return idx

    def keys(self) -> tuple[tuple[str, bool], ...]:
        """The formats as registered, in order: :meth:`replay` gives the same indexes."""
        return tuple(self._index)

    def replay(self, keys: Sequence[tuple[str, bool]]) -> None:
        for fmt, quote in keys:
            self.xf(fmt or None, quote)

    def xml(self, header_fill: str) -> str:
        fmts = "".join(
            f"<numFmt numFmtId={quoteattr(str(i))} formatCode={quoteattr(code)}/>"
            for code, i in self._fmt_ids.items()
        )
        xfs = "".join(
            f'<xf numFmtId="{num}" fontId="0" fillId="0" borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if num else "")
            + (' quotePrefix="1"' if quote else "")
            + "/>"
            for num, quote in self._xfs
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + (f'<numFmts count="{len(self._fmt_ids)}">{fmts}</numFmts>' if fmts else "")
            + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{header_fill}"/>'
            "</patternFill></fill></fills>"
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{len(self._xfs) + 2}">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"'
            ' applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
            f"{xfs}</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


# ---------------------------------------------------------------- the zip container
# The parts of the format (PKWARE's APPNOTE) the workbook needs: deflated entries, the
# zip64 extensions for a sheet of more than 2 GB. Written here rather than with zipfile so
# that a sheet deflated by another process is added as its compressed bytes.
_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<IIQI")
_ZIP64_LIMIT = (1 << 31) - 1  # as zipfile: some readers take the 32-bit fields as signed
_FULL32 = 0xFFFFFFFF
_DEFLATED = 8
_DOS_DATE = 1 << 5 | 1  # 1980-01-01, the date zipfile gives an entry without one
_UNIX_RW = 0o600 << 16
_MADE_BY = 3 << 8  # Unix


class _Deflater:
    """Raw deflate (level 1, as a zip entry holds it) of what is written, into ``out``."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        # Level 1: the XML is repetitive, so it still shrinks about tenfold, several
        # times faster than the default level.
        self._z = zlib.compressobj(1, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0
        self.compressed = 0

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        packed = self._z.compress(data)
        if packed:
            self.compressed += len(packed)
            self._out.write(packed)

    def finish(self) -> None:
        packed = self._z.flush()
        self.compressed += len(packed)
        self._out.write(packed)


@dataclass(frozen=True, slots=True)
class _Entry:
    name: bytes
    offset: int
    crc: int
    size: int
    compressed: int
    zip64: bool  # its local header has the zip64 sizes


class _Zip:
    """A new zip file at ``path``, its entries written one after another."""

    def __init__(self, path: Path) -> None:
        self._fh = open(path, "wb")  # noqa: SIM115 - closed by close() or discard()
        self._entries: list[_Entry] = []

    @staticmethod
    def _local(name: bytes, crc: int, size: int, compressed: int, zip64: bool) -> bytes:
        if zip64:  # sizes in the extra field (unknown when the header is first written)
            extra = struct.pack("<HHQQ", 1, 16, size, compressed)
            return (
                _LOCAL.pack(
                    0x04034B50,
                    45,
                    0,
                    _DEFLATED,
                    0,
                    _DOS_DATE,
                    crc,
                    _FULL32,
                    _FULL32,
                    len(name),
                    len(extra),
                )
                + name
                + extra
            )
        return (
            _LOCAL.pack(
                0x04034B50, 20, 0, _DEFLATED, 0, _DOS_DATE, crc, compressed, size, len(name), 0
            )
            + name
        )

    @contextlib.contextmanager
    def entry(self, name: str) -> Iterator[_Deflater]:
        """An entry of unknown size, deflated as it is written; its header gets the
        sizes and checksum when the block ends."""
        raw = name.encode()
        fh = self._fh
        offset = fh.tell()
        fh.write(self._local(raw, 0, 0, 0, True))
        out = _Deflater(fh)
        yield out
        out.finish()
        end = fh.tell()
        fh.seek(offset)
        fh.write(self._local(raw, out.crc, out.size, out.compressed, True))
        fh.seek(end)
        self._entries.append(_Entry(raw, offset, out.crc, out.size, out.compressed, True))

    def writestr(self, name: str, text: str) -> None:
        data = text.encode()
        z = zlib.compressobj(1, zlib.DEFLATED, -15)
        packed = z.compress(data) + z.flush()
        raw, crc = name.encode(), zlib.crc32(data)
        offset = self._fh.tell()
        self._fh.write(self._local(raw, crc, len(data), len(packed), False))
        self._fh.write(packed)
        self._entries.append(_Entry(raw, offset, crc, len(data), len(packed), False))

    def add_deflated(self, name: str, part: SheetPart) -> None:
        """An entry whose deflated bytes are the file ``part.path``, copied as they are."""
        raw = name.encode()
        fh = self._fh
        offset = fh.tell()
        fh.write(self._local(raw, part.crc, part.size, part.compressed, True))
        with open(part.path, "rb") as src:
            if os.fstat(src.fileno()).st_size != part.compressed:
                raise ValueError(f"{part.path} is not the sheet that was written")
            shutil.copyfileobj(src, fh, 1 << 20)
        self._entries.append(_Entry(raw, offset, part.crc, part.size, part.compressed, True))

    def close(self) -> None:
        """The central directory (zip64 records where a size or offset needs them)."""
        fh = self._fh
        start = fh.tell()
        for e in self._entries:
            more: list[int] = []
            size, compressed, offset = e.size, e.compressed, e.offset
            if size > _ZIP64_LIMIT:
                more.append(size)
                size = _FULL32
            if compressed > _ZIP64_LIMIT:
                more.append(compressed)
                compressed = _FULL32
            if offset > _ZIP64_LIMIT:
                more.append(offset)
                offset = _FULL32
            extra = struct.pack(f"<HH{len(more)}Q", 1, 8 * len(more), *more) if more else b""
            version = 45 if e.zip64 or more else 20
            fh.write(
                _CENTRAL.pack(
                    0x02014B50,
                    _MADE_BY | version,
                    version,
                    0,
                    _DEFLATED,
                    0,
                    _DOS_DATE,
                    e.crc,
                    compressed,
                    size,
                    len(e.name),
                    len(extra),
                    0,
                    0,
                    0,
                    _UNIX_RW,
                    offset,
                )
                + e.name
                + extra
            )
        end = fh.tell()
        count, length = len(self._entries), end - start
        if count > 0xFFFF or start > _ZIP64_LIMIT or length > _ZIP64_LIMIT:
            fh.write(
                _END64.pack(0x06064B50, 44, _MADE_BY | 45, 45, 0, 0, count, count, length, start)
            )
            fh.write(_LOCATOR64.pack(0x07064B50, 0, end, 1))
            fh.write(_END.pack(0x06054B50, 0, 0, 0xFFFF, 0xFFFF, _FULL32, _FULL32, 0))
        else:
            fh.write(_END.pack(0x06054B50, 0, 0, count, count, length, start, 0))
        fh.close()

    def discard(self) -> None:
        self._fh.close()


def _column_styles(
    st: _Styles, formats: Sequence[str | None]
) -> tuple[list[str], list[str], list[str], list[str]]:
    """The style attribute of each column's cells, by what the cell holds: a plain value,
    formula-like text, a date, a time. Registers the formats in ``st`` in a fixed order
    (a sheet written elsewhere, :func:`write_sheet_part`, relies on it)."""

    def attr(xf: int) -> str:
        return f' s="{xf}"' if xf else ""

    plain = [attr(st.xf(f)) if f else "" for f in formats]
    quoted = [attr(st.xf(f, True)) for f in formats]
    date_xf = [attr(st.xf(f or XlsxStream.DATE_FMT)) for f in formats]
    datetime_xf = [attr(st.xf(f or XlsxStream.DATETIME_FMT)) for f in formats]
    return plain, quoted, date_xf, datetime_xf


def _write_sheet(
    fh: _Deflater,
    st: _Styles,
    serials: dict[date, float | int],
    localize: Callable[[datetime], datetime] | None,
    headers: Sequence[str],
    formats: Sequence[str | None],
    widths: Sequence[float],
    rows: Iterable[Sequence[Any]],
) -> int:
    """One sheet's XML into ``fh``: a header row, then ``rows``; returns the number of
    data rows."""
    ncols = len(headers)
    letters = [column_letter(i + 1) for i in range(ncols)]
    plain, quoted, date_xf, datetime_xf = _column_styles(st, formats)
    # A cell is heads[i] + row number + the rest; the rest of a text cell is kept per
    # column and text (labels, answers and names repeat), of a number made per cell.
    heads = [f'<c r="{letter}' for letter in letters]
    number_open = [f'"{p}><v>' for p in plain]
    date_open = [f'"{p}><v>' for p in date_xf]
    tails: list[dict[str, str]] = [{} for _ in range(ncols)]
    kept = 0  # texts whose cell XML is remembered in this sheet
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>"
    )

    def text_tail(i: int, v: str) -> str:
        nonlocal kept
        style = quoted[i] if is_formula_like(v) else plain[i]
        tail = f'"{style} t="inlineStr">{_text_xml(v)}</c>'
        known = tails[i]
        if kept < _TEXT_CACHE and len(known) < _TEXT_CACHE_COLUMN:
            known[v] = tail
            kept += 1
        return tail

    def serial(v: date) -> float | int:
        day = serials.get(v)
        if day is None:
            day = serials[v] = excel_serial(v)
        return day

    def other(i: int, v: Any, ref: str) -> str:
        """A cell that is not plain text, a plain number or a plain date."""
        if isinstance(v, str):
            return "" if v == "" else ref + (tails[i].get(v) or text_tail(i, v))
        if isinstance(v, bool):
            return f'{ref}" t="b"><v>{int(v)}</v></c>'
        if isinstance(v, int | float):
            return f"{ref}{number_open[i]}{v!r}</v></c>"
        if isinstance(v, Decimal):
            return f"{ref}{number_open[i]}{v}</v></c>"
        if isinstance(v, datetime):
            if v.tzinfo is not None and localize is not None:
                v = localize(v)
            return f'{ref}"{datetime_xf[i]}><v>{excel_serial(v)!r}</v></c>'
        if isinstance(v, date):
            return f"{ref}{date_open[i]}{serial(v)!r}</v></c>"
        return f'{ref}"{plain[i]} t="inlineStr">{_text_xml(str(v))}</c>'

    header_cells = "".join(
        f'<c r="{letters[i]}1" s="{_Styles.HEADER}" t="inlineStr">{_text_xml(h)}</c>'
        for i, h in enumerate(headers)
        if h
    )
    buf: list[str] = [head, f'<row r="1">{header_cells}</row>']
    size = 0
    n = 1
    for row in rows:
        n += 1
        ns = str(n)
        cells: list[str] = [f'<row r="{ns}">']
        add = cells.append
        i = -1
        for v in row:
            i += 1
            if v is None:
                continue
            cls = v.__class__
            if cls is str:
                if v:
                    add(f"{heads[i]}{ns}{tails[i].get(v) or text_tail(i, v)}")
            elif cls is int or cls is float:
                add(f"{heads[i]}{ns}{number_open[i]}{v!r}</v></c>")
            elif cls is date:  # days repeat: each one's serial number is made once
                day = serials.get(v)
                if day is None:
                    day = serials[v] = excel_serial(v)
                add(f"{heads[i]}{ns}{date_open[i]}{day!r}</v></c>")
            else:
                add(other(i, v, heads[i] + ns))
        add("</row>")
        text = "".join(cells)
        buf.append(text)
        size += len(text)
        if size > _FLUSH_BYTES:
            fh.write("".join(buf).encode())
            buf.clear()
            size = 0
    last = letters[-1] if letters else "A"
    buf.append(f'</sheetData><autoFilter ref="A1:{last}{n}"/>')
    buf.append(
        '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5"'
        ' footer="0.5"/></worksheet>'
    )
    fh.write("".join(buf).encode())
    return n - 1


@dataclass(frozen=True, slots=True)
class SheetPart:
    """A worksheet deflated into a file of its own (by another process, see
    :func:`write_sheet_part`): what :meth:`XlsxStream.put` needs to add it as it is."""

    path: str
    crc: int
    size: int  # bytes of XML
    compressed: int  # bytes in the file
    rows: int
    styles: tuple[tuple[str, bool], ...]  # the cell formats known after the sheet


def write_sheet_part(
    path: Path,
    styles: Sequence[tuple[str, bool]],
    headers: Sequence[str],
    formats: Sequence[str | None],
    widths: Sequence[float],
    rows: Iterable[Sequence[Any]],
    *,
    localize: Callable[[datetime], datetime] | None = None,
) -> SheetPart:
    """One sheet, as :meth:`XlsxStream.sheet` writes it, deflated into ``path``.

    ``styles`` are the cell formats the workbook knows before this sheet
    (:meth:`XlsxStream.style_keys`), so that the sheet's cells name the same formats as
    they would in the workbook; the workbook adds the sheet with :meth:`XlsxStream.put`.
    """
    st = _Styles()
    st.replay(styles)
    with open(path, "wb") as out:
        fh = _Deflater(out)
        n = _write_sheet(fh, st, {}, localize, headers, formats, widths, rows)
        fh.finish()
    return SheetPart(str(path), fh.crc, fh.size, fh.compressed, n, st.keys())


class XlsxStream:
    """Write sheets one after another into ``path`` (a new file; the caller renames it).

    Usage: ``with XlsxStream(path) as x: x.sheet(name, headers, formats, widths, rows)``.
    ``formats`` holds a number format per column (or None); a date or datetime in a
    column without one gets ``yyyy-mm-dd`` / ``yyyy-mm-dd h:mm:ss`` as openpyxl gives it.
    ``localize`` turns a datetime with a zone into the naive local time the cell shows
    (default: its own wall time).

    A sheet may be written by another process: :meth:`reserve` takes its place (name and
    cell formats) among the sheets, :func:`write_sheet_part` writes it there with the
    formats of :meth:`style_keys` as they were before it, and :meth:`put` adds it.
    """

    DATE_FMT = "yyyy-mm-dd"
    DATETIME_FMT = "yyyy-mm-dd h:mm:ss"

    def __init__(
        self,
        path: Path,
        *,
        header_fill: str = "DCE3EF",
        localize: Callable[[datetime], datetime] | None = None,
    ) -> None:
        self._zip = _Zip(path)
        self._sheets: list[str] = []
        self._styles = _Styles()
        self._header_fill = header_fill
        self._localize = localize
        self._serials: dict[date, float | int] = {}
        self._reserved: dict[int, tuple[tuple[str, bool], ...]] = {}

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:  # the caller throws the unfinished file away
            self._zip.discard()

    def sheet(
        self,
        name: str,
        headers: Sequence[str],
        formats: Sequence[str | None],
        widths: Sequence[float],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        """One sheet: a header row, then ``rows``; returns the number of data rows."""
        self._sheets.append(name)
        with self._zip.entry(f"xl/worksheets/sheet{len(self._sheets)}.xml") as fh:
            return _write_sheet(
                fh, self._styles, self._serials, self._localize, headers, formats, widths, rows
            )

    def style_keys(self) -> tuple[tuple[str, bool], ...]:
        """The cell formats the sheets so far use, in order (for :func:`write_sheet_part`)."""
        return self._styles.keys()

    def reserve(self, name: str, formats: Sequence[str | None]) -> int:
        """The next sheet's place, for a sheet written elsewhere with these column
        formats; returns its number for :meth:`put`."""
        self._sheets.append(name)
        _column_styles(self._styles, formats)
        number = len(self._sheets)
        self._reserved[number] = self._styles.keys()
        return number

    def put(self, number: int, part: SheetPart) -> None:
        """Add the sheet of place ``number`` (:meth:`reserve`), written as ``part``."""
        expected = self._reserved.pop(number)
        if part.styles != expected:  # written with other formats than its place has
            raise ValueError(f"sheet {number} was written with other cell formats")
        self._zip.add_deflated(f"xl/worksheets/sheet{number}.xml", part)

    def close(self) -> None:
        """Write the workbook parts that list the sheets and styles, and close the file."""
        if self._reserved:
            raise ValueError(f"sheets {sorted(self._reserved)} were reserved but never put")
        z = self._zip
        n = len(self._sheets)
        decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        sheet_types = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, n + 1)
        )
        z.writestr(
            "[Content_Types].xml",
            decl + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{sheet_types}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        sheets = "".join(
            f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
            for i, name in enumerate(self._sheets, start=1)
        )
        z.writestr(
            "xl/workbook.xml",
            decl + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, n + 1)
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            decl + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships">{rels}<Relationship Id="rId{n + 1}" Type="http://'
            "schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
            '" Target="styles.xml"/></Relationships>',
        )
        z.writestr("xl/styles.xml", self._styles.xml(self._header_fill))
        z.close()
