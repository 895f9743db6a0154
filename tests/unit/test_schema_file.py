"""The shipped JSON Schema of the checklist format matches the format in the code."""

from __future__ import annotations

import json
from pathlib import Path

from inspector.checklists import json_schema

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "checklists" / "schema" / "checklist-format-1.schema.json"
)


def test_schema_file_is_up_to_date() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), (
        "checklists/schema/checklist-format-1.schema.json is stale: regenerate it with "
        "'inspector checklists schema > checklists/schema/checklist-format-1.schema.json'"
    )
