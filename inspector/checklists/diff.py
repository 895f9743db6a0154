"""What changes between two versions of a checklist, before HQ publishes the new one.

:func:`diff` compares two resolved checklists: items added, removed and changed (field by
field: texts, points, thresholds, red line, evidence, N/A rules, rights tags, ...), sections
and the checklist's own settings, and the version change. Item ids are the stable key
across versions (checklists/README.md): an item whose id stays is the same check.

A version that did not go up while the content changed is an error (:attr:`Diff.problem`):
inspections store the version they were scored with, and two different contents under one
version number could never be told apart again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from inspector.checklists.loader import checklist_sha256
from inspector.domain.checklist import Checklist, Item, Section
from inspector.text import Lang, Message, Surface
from inspector.text import publish as T

# The order fields are listed in, and the group each belongs to (the words).
ITEM_FIELDS = (
    ("text", "text"),
    ("guidance", "text"),
    ("type", "type"),
    ("points", "points"),
    ("penalty", "points"),
    ("penalty_cap", "points"),
    ("scale", "thresholds"),
    ("count", "thresholds"),
    ("measure", "thresholds"),
    ("options", "thresholds"),
    ("text_rules", "thresholds"),
    ("veto", "red line"),
    ("veto_reason", "red line"),
    ("critical", "red line"),
    ("gate", "red line"),
    ("evidence", "evidence"),
    ("redact", "evidence"),
    ("na_allowed", "n/a"),
    ("na_if", "n/a"),
    ("show_if", "n/a"),
    ("required", "n/a"),
    ("modes", "n/a"),
    ("rights", "rights"),
    ("elements", "rights"),
    ("severity", "rectification"),
    ("rectify_days", "rectification"),
    ("source", "source"),
    ("review", "source"),
)
SECTION_FIELDS = ("title", "weight", "area", "description")
CHECKLIST_FIELDS = (
    "title",
    "description",
    "modes",
    "grades",
    "veto_grade",
    "hide_scores_in",
    "scenarios",
    "visit_facts",
    "narrative",
    "min_photos",
)


def _dump(model: Any) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """``"1.10.0"`` after ``"1.9.2"``: numeric parts compare as numbers, others as text."""
    parts = re.split(r"[.\-+_]", version.strip().lstrip("vV"))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


@dataclass(frozen=True)
class Change:
    field: str
    group: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "group": self.group, "old": self.old, "new": self.new}


@dataclass
class Diff:
    old: Checklist
    new: Checklist
    old_sha256: str
    new_sha256: str
    added: list[tuple[Section, Item]] = field(default_factory=list)
    removed: list[tuple[Section, Item]] = field(default_factory=list)
    changed: list[tuple[Item, list[Change]]] = field(default_factory=list)
    sections_added: list[Section] = field(default_factory=list)
    sections_removed: list[Section] = field(default_factory=list)
    sections_changed: list[tuple[Section, list[Change]]] = field(default_factory=list)
    settings_changed: list[Change] = field(default_factory=list)

    @property
    def content_changed(self) -> bool:
        return self.old_sha256 != self.new_sha256

    @property
    def version_raised(self) -> bool:
        return version_key(self.new.version) > version_key(self.old.version)

    @property
    def problem(self) -> tuple[Message, dict[str, object]] | None:
        """Why the new version may not be published as it is (None: it may)."""
        if not self.content_changed:
            return None
        if self.new.version == self.old.version:
            return T.VERSION_SAME, {"version": self.new.version}
        if not self.version_raised:
            return T.VERSION_LOWER, {"old": self.old.version, "new": self.new.version}
        return None

    def to_dict(self) -> dict[str, Any]:
        def item_ref(section: Section, item: Item) -> dict[str, Any]:
            return {
                "id": item.id,
                "section": section.id,
                "text": {"zh": item.text.zh, "en": item.text.en},
                "points": item.points,
                "veto": item.veto,
            }

        problem = self.problem
        return {
            "checklist": self.new.id,
            "old": {"version": self.old.version, "sha256": self.old_sha256},
            "new": {"version": self.new.version, "sha256": self.new_sha256},
            "content_changed": self.content_changed,
            "version_raised": self.version_raised,
            "problem": problem[0].render(Lang.EN, Surface.CLI, problem[1]) if problem else None,
            "items": {
                "added": [item_ref(s, i) for s, i in self.added],
                "removed": [item_ref(s, i) for s, i in self.removed],
                "changed": [
                    {
                        "id": i.id,
                        "groups": sorted({c.group for c in changes}),
                        "changes": [c.to_dict() for c in changes],
                    }
                    for i, changes in self.changed
                ],
            },
            "sections": {
                "added": [s.id for s in self.sections_added],
                "removed": [s.id for s in self.sections_removed],
                "changed": [
                    {"id": s.id, "changes": [c.to_dict() for c in changes]}
                    for s, changes in self.sections_changed
                ],
            },
            "settings": [c.to_dict() for c in self.settings_changed],
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
        }


def _changes(old: dict[str, Any], new: dict[str, Any], fields: Any) -> list[Change]:
    out = []
    for entry in fields:
        name, group = entry if isinstance(entry, tuple) else (entry, entry)
        if old.get(name) != new.get(name):
            out.append(Change(name, group, old.get(name), new.get(name)))
    return out


def diff(old: Checklist, new: Checklist) -> Diff:
    """What ``new`` changes relative to ``old`` (both resolved, the same checklist id)."""
    d = Diff(old, new, checklist_sha256(old), checklist_sha256(new))
    old_items = {i.id: (s, i) for s in old.real_sections() for i in s.items}
    new_items = {i.id: (s, i) for s in new.real_sections() for i in s.items}
    d.added = [new_items[k] for k in new_items if k not in old_items]
    d.removed = [old_items[k] for k in old_items if k not in new_items]
    for key, (new_section, new_item) in new_items.items():
        if key not in old_items:
            continue
        old_section, old_item = old_items[key]
        changes = _changes(_dump(old_item), _dump(new_item), ITEM_FIELDS)
        if old_section.id != new_section.id:
            changes.insert(0, Change("section", "section", old_section.id, new_section.id))
        if changes:
            d.changed.append((new_item, changes))
    old_sections = {s.id: s for s in old.real_sections()}
    new_sections = {s.id: s for s in new.real_sections()}
    d.sections_added = [s for k, s in new_sections.items() if k not in old_sections]
    d.sections_removed = [s for k, s in old_sections.items() if k not in new_sections]
    for key, section in new_sections.items():
        if key in old_sections:
            a = {k: v for k, v in _dump(old_sections[key]).items() if k != "items"}
            b = {k: v for k, v in _dump(section).items() if k != "items"}
            changes = _changes(a, b, SECTION_FIELDS)
            if changes:
                d.sections_changed.append((section, changes))
    d.settings_changed = _changes(_dump(old), _dump(new), CHECKLIST_FIELDS)
    return d
