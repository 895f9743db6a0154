"""Checklist files: loading, validation with file:line problems, include resolution."""

from inspector.checklists.loader import (
    ChecklistError,
    LoadedChecklist,
    Problem,
    SnapshotDamagedError,
    canonical_json,
    checklist_from_json,
    checklist_sha256,
    find_file,
    json_schema,
    load,
    load_all,
    load_shipped,
    parse_file,
)

__all__ = [
    "ChecklistError",
    "LoadedChecklist",
    "Problem",
    "SnapshotDamagedError",
    "canonical_json",
    "checklist_from_json",
    "checklist_sha256",
    "find_file",
    "json_schema",
    "load",
    "load_all",
    "load_shipped",
    "parse_file",
]
