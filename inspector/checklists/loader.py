"""Load checklist files, report every problem as ``FILE:LINE: message``, resolve includes.

YAML is parsed to its node tree first so that every value keeps the line it came from;
the data is then checked by the :mod:`inspector.domain.checklist` models (shape) and by
:func:`_check_rules` (rules across fields). All problems are collected, not just the
first, so an author fixes a file in one pass.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import yaml

from inspector import paths, strictjson
from inspector.domain.checklist import (
    ELEMENTS,
    FORMAT_VERSION,
    AnswerType,
    Checklist,
    Condition,
    Include,
    Item,
    Section,
)
from inspector.errors import NotFoundError, UserError
from inspector.files import CHECKLIST_MAX_BYTES, FileAccessError, read_bounded
from inspector.text import Lang, Message, Surface, Text
from inspector.text import checklists as T

log = logging.getLogger(__name__)

SUFFIXES = (".yaml", ".yml", ".json")

# libyaml's C parser (about 10x faster; the app parses every checklist when the new-
# inspection dialog opens) keeps line marks like the pure-Python one it replaces.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# One YAML parse at a time in this process: the HQ dashboard's worker threads read the
# checklist titles while the app may read checklists too, and libyaml's parser crashed
# (a segmentation fault in compose) when two threads used it at once.
_YAML_LOCK = threading.Lock()

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of a checklist file: where (file, line) and a catalogue message.

    ``fields`` fill the message (the key path, the item id, the value found); ``str()``
    is the English ``FILE:LINE: problem`` the CLI prints and authors' tools parse.
    """

    file: str
    line: int
    message: Message
    fields: Mapping[str, object] = field(default_factory=dict, hash=False)

    def text(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        """The problem alone, without the file and line."""
        return self.message.render(lang, surface, self.fields)

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return T.AT_LINE.render(
            lang, surface, file=self.file, line=self.line, problem=self.text(lang, surface)
        )

    def __str__(self) -> str:
        return self.render(Lang.EN, Surface.CLI)


def _problem(file: str, line: int, message: Message, **fields: object) -> Problem:
    return Problem(file, line, message, fields)


@dataclass(frozen=True, slots=True)
class _ProblemList:
    """A file's problems, one a line, in the reader's language."""

    problems: tuple[Problem, ...]

    def render(self, lang: Lang | str, surface: Surface = Surface.CLI) -> str:
        return "\n".join(p.render(lang, surface) for p in self.problems)


class ChecklistError(UserError):
    """A checklist file that does not load; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(T.PROBLEMS, problems=_ProblemList(tuple(problems)))


# ---------------------------------------------------------------- YAML with lines
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _alias_line(text: str) -> int:
    # Where the first alias (``*name``) is; only looked up once one has been found.
    try:
        with _YAML_LOCK:
            events = list(yaml.parse(text, Loader=_Loader))
        for event in events:
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                return int(event.start_mark.line) + 1
    except yaml.YAMLError:
        pass
    return 1


def _parse_with_lines(text: str, file: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML (JSON is YAML) keeping the 1-based line of every key and value.

    Aliases (``&a`` / ``*a``) and merge keys (``<<:``) are refused: a checklist never
    needs them, and a few lines of nested aliases expand to billions of nodes (the
    "billion laughs"). Any value the YAML constructor cannot build (an unknown tag, an
    integer of thousands of digits) is a problem at its line, never a crash.
    """
    lines: dict[Loc, int] = {}
    problems: list[Problem] = []
    try:
        with _YAML_LOCK:
            root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = mark.line + 1 if mark is not None else 1
        raise ChecklistError([_problem(file, line, T.NOT_YAML, detail=str(e.problem))]) from None
    except yaml.reader.ReaderError as e:
        # libyaml reports a byte offset, the Python reader a character offset: find the
        # first character YAML does not allow instead.
        bad = _NON_PRINTABLE.search(text)
        line = text[: bad.start()].count("\n") + 1 if bad else 1
        raise ChecklistError(
            [_problem(file, line, T.NOT_YAML_CHARACTER, character=repr(e.character))]
        ) from None
    except yaml.YAMLError as e:
        raise ChecklistError([_problem(file, 1, T.NOT_YAML, detail=str(e))]) from None
    except RecursionError:
        raise ChecklistError([_problem(file, 1, T.TOO_DEEP)]) from None
    if root is None:
        raise ChecklistError([_problem(file, 1, T.EMPTY)])
    constructor = yaml.SafeLoader("")
    seen: set[int] = set()

    def scalar(node: yaml.Node) -> Any:
        try:
            return constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as e:
            problems.append(
                _problem(file, node.start_mark.line + 1, T.YAML_VALUE, detail=str(e.problem))
            )
        except (ValueError, OverflowError) as e:
            # int("9" * 5000) exceeds Python's digit limit.
            problems.append(
                _problem(file, node.start_mark.line + 1, T.VALUE_UNREADABLE, detail=str(e))
            )
        return None

    def build(node: yaml.Node, loc: Loc) -> Any:
        if id(node) in seen:
            # The composer shares one node for an anchor and its aliases.
            raise ChecklistError([_problem(file, _alias_line(text), T.ALIASES)])
        seen.add(id(node))
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise ChecklistError(
                        [_problem(file, key_node.start_mark.line + 1, T.MERGE_KEYS)]
                    )
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(_problem(file, key_node.start_mark.line + 1, T.KEY_NOT_PLAIN))
                    continue
                key = scalar(key_node)
                if not isinstance(key, str | int):
                    problems.append(
                        _problem(file, key_node.start_mark.line + 1, T.KEY_NOT_TEXT, key=repr(key))
                    )
                    continue
                if key in out:
                    problems.append(
                        _problem(file, key_node.start_mark.line + 1, T.DUPLICATE_KEY, key=repr(key))
                    )
                lines[(*loc, key)] = key_node.start_mark.line + 1
                out[key] = build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(child, (*loc, i)) for i, child in enumerate(node.value)]
        return scalar(node)

    try:
        data = build(root, ())
    except RecursionError:
        raise ChecklistError([_problem(file, 1, T.TOO_DEEP)]) from None
    if problems:
        raise ChecklistError(_dedupe(problems))
    return data, lines


def _line(lines: dict[Loc, int], loc: Loc) -> int:
    """The line of ``loc`` or of its nearest ancestor that has one."""
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)


def _describe(loc: Loc) -> str | Text:
    return ".".join(str(p) for p in loc) or T.WHOLE_FILE


# ---------------------------------------------------------------- loading
@dataclass(frozen=True, slots=True)
class LoadedChecklist:
    """A checklist and where it came from; ``resolved`` has includes expanded."""

    path: Path
    raw: Checklist
    resolved: Checklist

    @property
    def id(self) -> str:
        return self.resolved.id

    @property
    def canonical_json(self) -> str:
        return canonical_json(self.resolved)

    @property
    def sha256(self) -> str:
        return checklist_sha256(self.resolved)


def canonical_json(checklist: Checklist) -> str:
    """The exact content an inspection's snapshot stores; its hash names that content."""
    data = checklist.model_dump(mode="json", by_alias=True, exclude_none=True)
    return strictjson.dumps(data, sort_keys=True, separators=(",", ":"))


def checklist_sha256(checklist: Checklist) -> str:
    return hashlib.sha256(canonical_json(checklist).encode("utf-8")).hexdigest()


class SnapshotDamagedError(UserError):
    """A checklist snapshot stored in the database no longer matches its hash or format."""


def checklist_from_json(text: str, sha256: str | None = None) -> Checklist:
    """Rebuild a checklist from a snapshot's canonical JSON (checked against ``sha256``).

    A snapshot is evidence of what an inspection was scored with: one that was changed
    in the database (a flipped byte, a damaged page) is refused with a clear error, not
    used as if nothing happened or left to crash a later command.
    """
    if sha256 is not None and hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise SnapshotDamagedError(T.SNAPSHOT_CHANGED, sha=sha256[:12])
    try:
        return Checklist.model_validate_json(text)
    except (pydantic.ValidationError, ValueError, RecursionError):
        if sha256:
            raise SnapshotDamagedError(T.SNAPSHOT_UNREADABLE, sha=sha256[:12]) from None
        raise SnapshotDamagedError(T.SNAPSHOT_UNREADABLE_UNNAMED) from None


def _read_text(path: Path) -> str:
    """A checklist file's text: a regular file, bounded in size, UTF-8 (BOM allowed)."""
    name = str(path)
    try:
        raw = read_bounded(path, CHECKLIST_MAX_BYTES, "checklist")
    except FileAccessError as e:
        raise ChecklistError([_problem(name, 1, T.UNREADABLE, reason=e.reason)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ChecklistError(
            [_problem(name, line, T.NOT_UTF8, byte=f"0x{raw[e.start]:02x}")]
        ) from None


def parse_file(path: Path) -> Checklist:
    """Parse and check one file on its own (includes are not followed)."""
    name = str(path)
    text = _read_text(path)
    data, lines = _parse_with_lines(text, name)
    if not isinstance(data, dict):
        raise ChecklistError([_problem(name, 1, T.NOT_A_MAPPING)])
    fmt = data.get("format")
    if isinstance(fmt, int) and fmt > FORMAT_VERSION:
        raise ChecklistError(
            [
                _problem(
                    name,
                    _line(lines, ("format",)),
                    T.FORMAT_NEWER,
                    format=fmt,
                    supported=FORMAT_VERSION,
                )
            ]
        )
    try:
        checklist = Checklist.model_validate(data)
    except pydantic.ValidationError as e:
        problems = []
        for err in e.errors():
            loc = _strip_union_loc(tuple(err["loc"]))
            line = _line(lines, loc)
            if err["type"] == "extra_forbidden":
                problems.append(
                    _problem(
                        name, line, T.UNKNOWN_KEY, where=_describe(loc[:-1]), key=repr(loc[-1])
                    )
                )
            else:
                problems.append(
                    _problem(name, line, T.FIELD_INVALID, where=_describe(loc), detail=err["msg"])
                )
        raise ChecklistError(_dedupe(problems)) from None
    problems = _check_rules(checklist, name, lines)
    if problems:
        raise ChecklistError(problems)
    return checklist


def _strip_union_loc(loc: Loc) -> Loc:
    # pydantic puts the union member's class name into the location of union errors
    # ("sections.0.Section.items..."); users never wrote that word.
    return tuple(p for p in loc if p not in ("section", "include"))


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, str]] = set()
    out = []
    for p in problems:
        if (p.line, p.text(Lang.EN)) not in seen:
            seen.add((p.line, p.text(Lang.EN)))
            out.append(p)
    return out


def _check_rules(c: Checklist, file: str, lines: dict[Loc, int]) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: Loc, msg: Message, **fields: object) -> None:
        problems.append(Problem(file, _line(lines, loc), msg, fields))

    grade_codes = [g.code for g in c.grades]
    if len(set(grade_codes)) != len(grade_codes):
        add(("grades",), T.GRADE_CODES_NOT_UNIQUE)
    if not any(g.min == 0 for g in c.grades):
        add(("grades",), T.NO_GRADE_FROM_ZERO)
    mins = [g.min for g in c.grades]
    if len(set(mins)) != len(mins):
        add(("grades",), T.GRADE_MINS_EQUAL)
    if c.veto_grade not in grade_codes:
        add(("veto_grade",), T.VETO_GRADE_UNKNOWN, grade=repr(c.veto_grade))
    for m in c.hide_scores_in:
        if m not in c.modes:
            add(("hide_scores_in",), T.HIDDEN_MODE_UNKNOWN, mode=repr(m.value))

    section_ids: set[str] = set()
    seen_items: dict[str, Item] = {}
    for si, entry in enumerate(c.sections):
        if isinstance(entry, Include):
            continue
        sloc: Loc = ("sections", si)
        if entry.id in section_ids:
            add((*sloc, "id"), T.DUPLICATE_SECTION, section=repr(entry.id))
        section_ids.add(entry.id)
        for ii, item in enumerate(entry.items):
            iloc: Loc = (*sloc, "items", ii)
            if item.id in seen_items:
                add((*iloc, "id"), T.DUPLICATE_ITEM, item=repr(item.id))
            _check_item(item, iloc, add, seen_items, c)
            seen_items[item.id] = item
    return problems


def _check_item(
    item: Item,
    loc: Loc,
    add: Any,
    earlier: dict[str, Item],
    c: Checklist,
) -> None:
    t = item.type
    i = item.id
    spec_for = {
        AnswerType.SCALE: "scale",
        AnswerType.COUNT: "count",
        AnswerType.MEASURE: "measure",
        AnswerType.CHOICE: "options",
    }
    for typ, key in spec_for.items():
        present = getattr(item, key) is not None
        if t == typ and not present:
            add((*loc, "type"), T.TYPE_NEEDS, item=i, type=t.value, key=key)
        if t != typ and present:
            add((*loc, key), T.ONLY_FOR_TYPE, item=i, type=typ.value, key=key)
    if item.scale is not None and item.scale.min >= item.scale.max:
        add((*loc, "scale"), T.SCALE_MIN_NOT_BELOW_MAX, item=i)
    if item.count is not None:
        cs = item.count
        if cs.pass_min is None and cs.pass_max is None:
            add((*loc, "count"), T.COUNT_NEEDS_LIMIT, item=i)
        if cs.pass_min is not None and cs.pass_max is not None and cs.pass_min > cs.pass_max:
            add((*loc, "count"), T.COUNT_LIMITS_CROSSED, item=i)
    if item.measure is not None:
        ms = item.measure
        if ms.min is None and ms.max is None:
            add((*loc, "measure"), T.MEASURE_NEEDS_LIMIT, item=i)
        if ms.min is not None and ms.max is not None and ms.min > ms.max:
            add((*loc, "measure"), T.MEASURE_LIMITS_CROSSED, item=i, min=ms.min, max=ms.max)
    if item.options is not None:
        ids = [o.id for o in item.options]
        if len(ids) < 2:
            add((*loc, "options"), T.TOO_FEW_OPTIONS, item=i)
        if len(set(ids)) != len(ids):
            add((*loc, "options"), T.OPTIONS_NOT_UNIQUE, item=i)
    role = item.points > 0 or item.penalty > 0 or item.gate or item.veto
    if not role and t != AnswerType.TEXT:
        add((*loc, "points"), T.NO_ROLE, item=i)
    if item.penalty > 0 and item.points > 0:
        add((*loc, "penalty"), T.PENALTY_WITH_POINTS, item=i)
    if item.penalty_cap is not None:
        if t != AnswerType.COUNT or item.penalty <= 0:
            add((*loc, "penalty_cap"), T.PENALTY_CAP_NEEDS_COUNT, item=i)
        elif item.penalty_cap < item.penalty:
            add(
                (*loc, "penalty_cap"),
                T.PENALTY_CAP_BELOW_PENALTY,
                item=i,
                cap=item.penalty_cap,
                penalty=item.penalty,
            )
    if item.veto and item.veto_reason is None:
        add((*loc, "veto"), T.VETO_WITHOUT_REASON, item=i)
    if item.veto_reason is not None and not item.veto:
        add((*loc, "veto_reason"), T.REASON_WITHOUT_VETO, item=i)
    if item.scenario_decides_na and item.allows_na:
        add((*loc, "na_allowed"), T.SCENARIO_NA_ALLOWED, item=i)
    if t == AnswerType.TEXT and (item.veto or item.gate):
        add((*loc, "type"), T.TEXT_AS_VETO, item=i)
    if item.modes is not None:
        for m in item.modes:
            if m not in c.modes:
                add((*loc, "modes"), T.ITEM_MODE_UNKNOWN, item=i, mode=repr(m.value))
    for element in item.elements:
        if element not in ELEMENTS:
            add(
                (*loc, "elements"),
                T.UNKNOWN_ELEMENT,
                item=i,
                element=repr(element),
                known=", ".join(sorted(ELEMENTS)),
            )
    for key in ("show_if", "na_if"):
        cond: Condition | None = getattr(item, key)
        if cond is None:
            continue
        if cond.item is None:
            if cond.scenario is None:
                add((*loc, key), T.CONDITION_NEEDS_TARGET, item=i, key=key)
            if any(x is not None for x in (cond.result, cond.value, cond.min, cond.max)):
                add((*loc, key), T.CONDITION_TESTS_NOTHING, item=i, key=key)
        elif cond.item == item.id:
            add((*loc, key), T.CONDITION_ON_ITSELF, item=i, key=key)
        elif cond.item not in earlier:
            add((*loc, key, "item"), T.CONDITION_ON_LATER, item=i, key=key, ref=repr(cond.item))
        elif all(x is None for x in (cond.result, cond.value, cond.min, cond.max)):
            add((*loc, key), T.CONDITION_NEEDS_TEST, item=i, key=key)
        if cond.min is not None and cond.max is not None and cond.min > cond.max:
            add((*loc, key), T.CONDITION_LIMITS_CROSSED, item=i, key=key)
        if cond.scenario is not None:
            known = {sc.id for sc in c.scenarios}
            for sid in cond.scenario:
                if sid not in known:
                    add(
                        (*loc, key, "scenario"),
                        T.CONDITION_SCENARIO_UNKNOWN,
                        item=i,
                        key=key,
                        scenario=repr(sid),
                    )


def rule_problems(checklist: Checklist, file: str) -> list[Problem]:
    """The rules across fields of a checklist that did not come from a file (an HQ pack's
    snapshot): the same checks as a file's, reported at line 1."""
    return _check_rules(checklist, file, {})


def resolve(checklist: Checklist, path: Path, _stack: tuple[str, ...] = ()) -> Checklist:
    """Expand ``include`` entries: each included checklist's sections, weights scaled."""
    if not any(isinstance(s, Include) for s in checklist.sections):
        return checklist
    sections: list[Section | Include] = []
    problems: list[Problem] = []
    for entry in checklist.sections:
        if isinstance(entry, Section):
            sections.append(entry)
            continue
        if entry.include in (*_stack, checklist.id):
            problems.append(_problem(str(path), 1, T.INCLUDE_CYCLE, include=repr(entry.include)))
            continue
        try:
            sub_path = find_file(entry.include, path.parent)
            sub = resolve(parse_file(sub_path), sub_path, (*_stack, checklist.id))
        except ChecklistError as e:
            problems.extend(e.problems)
            continue
        except NotFoundError as e:
            problems.append(_problem(str(path), 1, T.INCLUDE_FAILED, cause=e))
            continue
        subs = sub.real_sections()
        total = sum(s.weight for s in subs)
        for s in subs:
            sections.append(
                s.model_copy(
                    update={"weight": entry.weight * s.weight / total, "area": s.area or sub.id}
                )
            )
    if problems:
        raise ChecklistError(problems)
    merged = checklist.model_copy(update={"sections": sections})
    # Rules across the merged content (ids unique across included files, ...).
    rule_problems = _check_rules(merged, str(path), {})
    if rule_problems:
        raise ChecklistError(rule_problems)
    return merged


def load(path: Path) -> LoadedChecklist:
    raw = parse_file(path)
    return LoadedChecklist(path=path, raw=raw, resolved=resolve(raw, path))


def find_file(checklist_id: str, folder: Path | None = None) -> Path:
    """The file in ``folder`` (default: shipped checklists) whose ``id`` is ``checklist_id``."""
    folder = folder or paths.checklists_dir()
    for suffix in SUFFIXES:
        p = folder / f"{checklist_id}{suffix}"
        if p.is_file():
            return p
    for p in iter_files(folder):
        try:
            data, _ = _parse_with_lines(_read_text(p), str(p))
        except ChecklistError:
            continue
        if isinstance(data, dict) and data.get("id") == checklist_id:
            return p
    raise NotFoundError(T.NOT_FOUND, checklist=repr(checklist_id), folder=str(folder))


def iter_files(folder: Path) -> Iterable[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load_all(folder: Path | None = None) -> tuple[list[LoadedChecklist], list[Problem]]:
    """Every checklist in ``folder``; broken files are reported, not fatal."""
    folder = folder or paths.checklists_dir()
    loaded: list[LoadedChecklist] = []
    problems: list[Problem] = []
    for p in iter_files(folder):
        try:
            loaded.append(load(p))
        except ChecklistError as e:
            problems.extend(e.problems)
    return loaded, problems


def load_shipped(checklist_id: str) -> LoadedChecklist:
    return load(find_file(checklist_id))


def json_schema() -> dict[str, Any]:
    """JSON Schema of the file format (for editors and HQ tooling)."""
    schema = Checklist.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Branch Inspector checklist, format {FORMAT_VERSION}"
    return schema
