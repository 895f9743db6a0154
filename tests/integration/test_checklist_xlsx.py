"""Checklists written in Excel (issue 22 §1): export, edit, import, every problem by cell."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from inspector.checklists import canonical_json, load_all
from inspector.checklists.xlsx import (
    WorkbookError,
    export_workbook,
    read_workbook_bytes,
)
from tests.conftest import Cli

REPO_CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"
SHIPPED = sorted(p.stem for p in REPO_CHECKLISTS.iterdir() if p.suffix == ".yaml")


def test_every_shipped_checklist_is_listed_here() -> None:
    # The round trip below must cover every shipped checklist, including new ones.
    loaded, problems = load_all()
    assert not problems
    ids = {c.id for c in loaded} - {"example"}
    assert ids == set(SHIPPED)


@pytest.mark.parametrize("checklist_id", [*SHIPPED, "example"])
def test_export_then_import_shows_the_same_checklist(
    run_cli: Cli, tmp_path: Path, checklist_id: str
) -> None:
    book = tmp_path / f"{checklist_id}.xlsx"
    out = tmp_path / f"{checklist_id}.yaml"
    assert run_cli.last_line("checklists", "export-xlsx", checklist_id, "-o", str(book)) == str(
        book
    )
    assert run_cli.last_line("checklists", "import-xlsx", str(book), "-o", str(out)) == str(out)
    original = run_cli.ok("checklists", "show", checklist_id, "--json")
    assert run_cli.ok("checklists", "show", str(out), "--json") == original
    # The workbook itself is a checklist source too.
    assert run_cli.ok("checklists", "show", str(book), "--json") == original


def _book(checklist_id: str = "mystery-shopper") -> openpyxl.Workbook:
    loaded = {c.id: c for c in load_all()[0]}[checklist_id]
    return openpyxl.load_workbook(io.BytesIO(export_workbook(loaded.resolved)))


def _cols(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    return {str(c.value): c.column_letter for c in ws[2] if c.value}


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_workbook_has_its_sheets_bilingual_columns_and_drop_downs() -> None:
    wb = _book()
    assert wb.sheetnames[:2] == ["说明", "表头"]
    assert {"等级", "情景", "分节", "条目", "选项", "刻度标签"} <= set(wb.sheetnames)
    assert wb["词表"].sheet_state == "hidden"
    items = wb["条目"]
    cols = _cols(items)
    for key in ("text.zh", "text.en", "guidance.zh", "guidance.en", "rights.1", "elements.1"):
        assert key in cols
    assert items[f"{cols['text.zh']}1"].value == "检查内容（中文）"
    validated = {
        str(rng).split(":")[0].rstrip("0123456789")
        for dv in items.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    for key in ("type", "evidence.onsite", "evidence.mystery", "rights.1", "elements.1", "veto"):
        assert cols[key] in validated, key
    readme = " ".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "mystery-shopper" in readme and "import-xlsx" in readme


def test_a_text_that_looks_like_a_formula_stays_text() -> None:
    wb = _book()
    ws = wb["条目"]
    cell = f"{_cols(ws)['text.en']}3"
    ws[cell] = '=HYPERLINK("http://x")'
    ws[cell].data_type = "s"
    c = read_workbook_bytes(_save(wb), "c.xlsx")
    assert c.items()[0].text.en == '=HYPERLINK("http://x")'


def test_every_problem_is_reported_by_cell_all_at_once(run_cli: Cli, tmp_path: Path) -> None:
    wb = _book()
    ws = wb["条目"]
    cols = _cols(ws)
    ws[f"{cols['points']}5"] = "abc"
    ws[f"{cols['type']}6"] = "maybe"
    ws[f"{cols['section']}7"] = "nope"
    ws[f"{cols['rights.1']}8"] = "freedom"
    ws[f"{cols['text.en']}9"] = None
    ws[f"{cols['veto']}11"] = "perhaps"
    book = tmp_path / "c.xlsx"
    book.write_bytes(_save(wb))
    out = tmp_path / "c.yaml"
    r = run_cli("checklists", "import-xlsx", str(book), "-o", str(out))
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    p, t, s, rt, te, v = (
        cols[k] for k in ("points", "type", "section", "rights.1", "text.en", "veto")
    )
    assert f"c.xlsx!条目!{p}5: points must be a number" in lines
    assert any(line.startswith(f"c.xlsx!条目!{t}6: type: 'maybe' is not one of") for line in lines)
    assert f"c.xlsx!条目!{s}7: section 'nope' is not on the sheet '分节'" in lines
    assert any(line.startswith(f"c.xlsx!条目!{rt}8: rights.1: 'freedom'") for line in lines)
    assert f"c.xlsx!条目!{te}9: text.en: Field required" in lines
    assert f"c.xlsx!条目!{v}11: veto must be 是/否 (yes/no), not 'perhaps'" in lines
    assert "6 problem(s) in c.xlsx; nothing written" in r.stderr
    assert "Traceback" not in r.output
    assert not out.exists()


def test_rules_across_items_name_the_cell() -> None:
    wb = _book()
    ws = wb["条目"]
    cols = _cols(ws)
    ws[f"{cols['show_if']}4"] = "{item: ms.not_there, result: [pass]}"
    ws[f"{cols['id']}6"] = ws[f"{cols['id']}5"].value
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(_save(wb), "c.xlsx")
    text = [str(p) for p in e.value.problems]
    assert any(t.startswith("c.xlsx!条目!A6: duplicate item id") for t in text), text


def test_a_bad_grade_and_header_are_found_where_they_are() -> None:
    wb = _book()
    header = wb["表头"]
    row = next(r for r in range(2, 30) if header[f"B{r}"].value == "veto_grade")
    header[f"C{row}"] = "nonesuch"
    grades = wb["等级"]
    grades["B3"] = "high"
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(_save(wb), "c.xlsx")
    text = [str(p) for p in e.value.problems]
    assert "c.xlsx!等级!B3: min must be a number" in text


def test_veto_grade_rule_names_its_header_cell() -> None:
    wb = _book()
    header = wb["表头"]
    row = next(r for r in range(2, 30) if header[f"B{r}"].value == "veto_grade")
    header[f"C{row}"] = "nonesuch"
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(_save(wb), "c.xlsx")
    assert [str(p) for p in e.value.problems] == [
        f"c.xlsx!表头!C{row}: veto_grade 'nonesuch' is not one of the grades"
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a zip",
        b"PK\x03\x04" + b"\x00" * 40,
    ],
)
def test_a_file_that_is_no_workbook_is_one_clear_problem(data: bytes) -> None:
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(data, "c.xlsx")
    (problem,) = e.value.problems
    assert str(problem).startswith("c.xlsx!说明!A1: not an Excel workbook")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(buf.getvalue(), "c.xlsx")
    assert "not an Excel workbook" in str(e.value.problems[0])


def test_a_workbook_unpacking_to_gigabytes_is_refused_before_it_is_read() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (300 * 1024 * 1024))
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(buf.getvalue(), "c.xlsx")
    assert "unpacks to more than" in str(e.value.problems[0])


def test_missing_sheet_and_unknown_column_are_reported() -> None:
    wb = _book()
    del wb["选项"]
    ws = wb["条目"]
    ws[f"{_cols(ws)['points']}2"] = "pionts"
    ws[f"{_cols(ws)['type']}2"] = None
    with pytest.raises(WorkbookError) as e:
        read_workbook_bytes(_save(wb), "c.xlsx")
    text = [str(p) for p in e.value.problems]
    assert any("the sheet '选项' is missing" in t for t in text)
    assert any("unknown column key 'pionts'" in t for t in text)
    assert any("column 'type' is missing" in t for t in text)
    assert not any("column 'points' is missing" in t for t in text)  # optional: a default


def test_a_workbook_without_an_optional_column_still_reads() -> None:
    # As one exported before a field was added to the format.
    wb = _book("disclosure")
    ws = wb["条目"]
    ws.delete_cols(openpyxl.utils.column_index_from_string(_cols(ws)["review"]))
    c = read_workbook_bytes(_save(wb), "c.xlsx")
    assert all(i.review is None for i in c.items())


def test_rights_may_be_written_by_their_chinese_name() -> None:
    wb = _book()
    ws = wb["条目"]
    cols = _cols(ws)
    ws[f"{cols['rights.1']}3"] = "知情权"
    ws[f"{cols['rights.2']}3"] = None
    ws[f"{cols['rights.3']}3"] = None
    c = read_workbook_bytes(_save(wb), "c.xlsx")
    assert [r.value for r in c.items()[0].rights] == ["right_to_know"]


def test_an_edited_workbook_gives_the_edit(run_cli: Cli, tmp_path: Path) -> None:
    wb = _book("disclosure")
    ws = wb["条目"]
    cols = _cols(ws)
    ws[f"{cols['points']}3"] = 7
    header = wb["表头"]
    row = next(r for r in range(2, 30) if header[f"B{r}"].value == "version")
    header[f"C{row}"] = "9.9.9"
    c = read_workbook_bytes(_save(wb), "c.xlsx")
    assert c.version == "9.9.9"
    assert c.items()[0].points == 7
    original = {x.id: x for x in load_all()[0]}["disclosure"].resolved
    assert canonical_json(c) != canonical_json(original)


def test_every_field_of_the_format_has_a_place_in_the_workbook() -> None:
    """A field added to the checklist format must get a column, or the round trip loses it."""
    from inspector.checklists.xlsx import GRADES, HEADER, ITEMS, OPTIONS, SCENARIOS, SECTIONS
    from inspector.domain.checklist import (
        Checklist,
        ChoiceOption,
        Grade,
        Item,
        Scenario,
        Section,
    )

    def covered(model: type, cols: list, extra: set[str] = frozenset()) -> set[str]:  # type: ignore[type-arg,assignment]
        keys = {c.key.split(".")[0] for c in cols}
        names = {f.alias or n for n, f in model.model_fields.items()}
        return names - keys - set(extra)

    assert covered(Item, ITEMS, {"options"}) == set()  # options: their own sheet
    assert covered(Section, SECTIONS, {"items"}) == set()
    assert covered(Checklist, HEADER, {"grades", "scenarios", "sections"}) == set()
    assert covered(Grade, GRADES) == set()
    assert covered(Scenario, SCENARIOS) == set()
    assert covered(ChoiceOption, OPTIONS, {"item"}) == set()
