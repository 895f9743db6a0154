"""Branch CSV lengths and encodings; control characters never reach the terminal raw.

Issue 11, group 9: a code longer than its column blocked every later export, a file
mixing UTF-8 and GBK rows was read as GBK (网点 -> 缃戠偣), and terminal escapes in names
were printed as they were.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.db import Database
from inspector.db.models import Branch
from inspector.errors import ValidationError
from inspector.services import branches
from inspector.services import inspections as svc
from inspector.textsafe import printable, printable_line
from tests.conftest import Cli

ESCAPE_NAME = "\x1b]0;owned\x07\x1b[2J上海\u202egnp.exe\x9b"


def test_csv_field_longer_than_its_column_is_refused(run_cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "b.csv"
    f.write_text("code,name\n310001,上海\n" + "9" * 65 + ",太长\n", encoding="utf-8")
    r = run_cli("branches", "import", str(f))
    assert r.exit_code == 1
    assert f"error: {f}:3: code is 65 characters long; at most 64 are allowed" in r.stderr
    f.write_text("code,name,region\n310001,上海," + "区" * 101 + "\n", encoding="utf-8")
    r = run_cli("branches", "import", str(f))
    assert r.exit_code == 1 and f"{f}:2: region is 101 characters long" in r.stderr
    assert json.loads(run_cli.ok("branches", "list", "--json")) == []
    r = run_cli("branches", "add", "--code", "1" * 65, "--name", "x")
    assert r.exit_code == 1 and "at most 64" in r.stderr


def test_a_row_with_more_fields_than_the_header_is_refused(run_cli: Cli, tmp_path: Path) -> None:
    """Issue 20 §5: an unquoted comma in a name shifted the region off the end of the row,
    and the import dropped it silently."""
    f = tmp_path / "b.csv"
    f.write_text(
        'code,name,region\n310001,"上海, 陆家嘴",上海\n320001,南京,南京\n330001,杭州,西湖,浙江\n',
        encoding="utf-8",
    )
    r = run_cli("branches", "import", str(f))
    assert r.exit_code == 1
    assert (
        f"error: {f}:4: this row has 4 fields but the header names 3 columns; '浙江' would be lost"
        in r.stderr
    ), r.stderr
    assert "double quotes" in r.stderr
    assert json.loads(run_cli.ok("branches", "list", "--json")) == []  # nothing half-done
    # Empty trailing fields (a spreadsheet's export) lose nothing and are accepted.
    f.write_text("code,name,region\n310001,上海,上海,,\n", encoding="utf-8")
    assert run_cli.ok("branches", "import", str(f)).startswith("1 created")


def test_mixed_utf8_and_gbk_is_refused_with_the_line(run_cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "mixed.csv"
    f.write_bytes(
        "code,name\n310001,上海网点\n".encode()
        + "320001,南京网点\n".encode("gbk")
        + "330001,杭州网点\n".encode()
    )
    r = run_cli("branches", "import", str(f))
    assert r.exit_code == 1
    assert f"error: {f}:3: this file mixes encodings: line 2 is UTF-8 but line 3 is not" in r.stderr
    assert json.loads(run_cli.ok("branches", "list", "--json")) == []
    # A pure GBK file still imports, correctly decoded.
    f.write_bytes("code,name\n310001,上海网点\n320001,南京网点\n".encode("gbk"))
    assert run_cli.ok("branches", "import", str(f)).startswith("2 created")
    names = {b["name"] for b in json.loads(run_cli.ok("branches", "list", "--json"))}
    assert names == {"上海网点", "南京网点"}


def test_control_characters_in_csv_are_refused(run_cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "esc.csv"
    f.write_text(f"code,name\n310001,{ESCAPE_NAME}\n", encoding="utf-8")
    r = run_cli("branches", "import", str(f))
    assert r.exit_code == 1 and f"{f}:2: name contains a control character" in r.stderr
    assert "\x1b" not in r.stderr
    with pytest.raises(ValidationError, match="control character"):
        from inspector.db import open_database

        database = open_database(str(tmp_path / "x.sqlite3"))
        try:
            with database.session() as s:
                branches.create(s, code="1", name="a\x1b[31mb")
        finally:
            database.dispose()


def test_printable_helpers() -> None:
    assert printable("a\x1b[2Jb\tc\nd") == "a\\u001b[2Jb\tc\nd"
    assert printable_line("a\nb\r") == "a\\nb\\u000d"
    assert printable("\u202e\x9b\x7f") == "\\u202e\\u009b\\u007f"
    assert printable("上海 ok") == "上海 ok"


def test_stored_escapes_are_printed_escaped(db: Database, run_cli: Cli) -> None:
    """Names that got into the database some other way (old versions, packages)."""
    with db.session() as s:
        s.add(Branch(code="310001", name=ESCAPE_NAME, region="\x1b[31m华东"))
        s.flush()
        insp = svc.create(s, branch_code="310001", checklist_id="example", inspector="\x1b[8m")
        uuid = insp.uuid
    outputs = [
        run_cli("branches", "list"),
        run_cli("list"),
        run_cli("show", uuid),
        run_cli("hq", "summary"),
        run_cli("show", "\x1b[2Jnope"),  # an error message quoting user input
    ]
    for r in outputs:
        for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
            assert ch not in r.output, (ch, r.output)
    assert "\\u001b]0;owned\\u0007" in outputs[0].stdout
    assert "上海\\u202egnp.exe\\u009b" in outputs[0].stdout
    assert "1b[2jnope" in outputs[4].stderr.lower()  # repr() or our escape
    data = json.loads(run_cli.ok("branches", "list", "--json"))
    assert data[0]["name"] == ESCAPE_NAME  # JSON keeps the data exact (and escaped)


def test_empty_db_option_is_refused(tmp_path: Path) -> None:
    r = Cli("")("list")  # type: ignore[arg-type]
    assert r.exit_code == 1
    assert r.stderr.startswith("error: --db: the value is empty")
