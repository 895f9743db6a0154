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
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from inspector.textsafe import is_formula_like

_EPOCH = datetime(1899, 12, 30)
# XML 1.0 allows no C0 control other than tab, newline and carriage return; a cell keeps
# them in Excel's own escape (_x000B_), which Excel and LibreOffice turn back into the
# character. A literal "_x0041_" in the text is escaped the same way so that it survives.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_FLUSH_BYTES = 1 << 20
# Texts repeat (labels, answer texts, branch names): the first this many distinct ones
# keep their escaped XML; ids and notes that never repeat stop adding once it is full.
_TEXT_CACHE = 50_000


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


class XlsxStream:
    """Write sheets one after another into ``path`` (a new file; the caller renames it).

    Usage: ``with XlsxStream(path) as x: x.sheet(name, headers, formats, widths, rows)``.
    ``formats`` holds a number format per column (or None); a date or datetime in a
    column without one gets ``yyyy-mm-dd`` / ``yyyy-mm-dd h:mm:ss`` as openpyxl gives it.
    """

    DATE_FMT = "yyyy-mm-dd"
    DATETIME_FMT = "yyyy-mm-dd h:mm:ss"

    def __init__(self, path: Path, *, header_fill: str = "DCE3EF") -> None:
        # Level 1: the XML is repetitive, so it still shrinks about tenfold, several
        # times faster than the default level.
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheets: list[str] = []
        self._styles = _Styles()
        self._header_fill = header_fill
        self._serials: dict[date, float | int] = {}
        # Texts seen (labels, answers): formula-like or not, and their escaped XML.
        self._texts: dict[str, tuple[bool, str]] = {}

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self._zip.close()

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
        ncols = len(headers)
        letters = [column_letter(i + 1) for i in range(ncols)]
        st = self._styles

        def attr(xf: int) -> str:
            return f' s="{xf}"' if xf else ""

        # The style attribute of each column's cells, by what the cell holds.
        plain = [attr(st.xf(f)) if f else "" for f in formats]
        quoted = [attr(st.xf(f, True)) for f in formats]
        date_xf = [attr(st.xf(f or self.DATE_FMT)) for f in formats]
        datetime_xf = [attr(st.xf(f or self.DATETIME_FMT)) for f in formats]
        serials = self._serials
        texts = self._texts
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
        entry = f"xl/worksheets/sheet{len(self._sheets)}.xml"
        with self._zip.open(entry, "w", force_zip64=True) as fh:
            fh.write(head.encode())
            header_cells = "".join(
                f'<c r="{letters[i]}1" s="{_Styles.HEADER}" t="inlineStr">{_text_xml(h)}</c>'
                for i, h in enumerate(headers)
                if h
            )
            buf: list[str] = [f'<row r="1">{header_cells}</row>']
            size = 0
            n = 1
            for row in rows:
                n += 1
                cells: list[str] = [f'<row r="{n}">']
                for i, v in enumerate(row):
                    if v is None or v == "":
                        continue
                    ref = letters[i]
                    if isinstance(v, str):
                        hit = texts.get(v)
                        if hit is None:
                            hit = (is_formula_like(v), _text_xml(v))
                            if len(texts) < _TEXT_CACHE:
                                texts[v] = hit
                        style = quoted[i] if hit[0] else plain[i]
                        cells.append(f'<c r="{ref}{n}"{style} t="inlineStr">{hit[1]}</c>')
                    elif isinstance(v, bool):
                        cells.append(f'<c r="{ref}{n}" t="b"><v>{int(v)}</v></c>')
                    elif isinstance(v, int | float):
                        cells.append(f'<c r="{ref}{n}"{plain[i]}><v>{v!r}</v></c>')
                    elif isinstance(v, Decimal):
                        cells.append(f'<c r="{ref}{n}"{plain[i]}><v>{v}</v></c>')
                    elif isinstance(v, datetime):
                        when = excel_serial(v)
                        cells.append(f'<c r="{ref}{n}"{datetime_xf[i]}><v>{when!r}</v></c>')
                    elif isinstance(v, date):
                        day = serials.get(v)
                        if day is None:
                            day = serials[v] = excel_serial(v)
                        cells.append(f'<c r="{ref}{n}"{date_xf[i]}><v>{day!r}</v></c>')
                    else:
                        cells.append(f'<c r="{ref}{n}"{plain[i]} t="inlineStr">')
                        cells.append(_text_xml(str(v)))
                        cells.append("</c>")
                cells.append("</row>")
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

    def close(self) -> None:
        """Write the workbook parts that list the sheets and styles, and close the file."""
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
