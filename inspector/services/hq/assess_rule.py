"""The branch-assessment rule (消保考核): a versioned YAML file HQ edits.

Shipped default: ``resources/assessment/default.yaml`` (its comments give the reasoning).
A file is checked like a checklist: every mistake is a ``FILE:LINE: problem`` and the
whole file is refused (:class:`~inspector.checklists.ChecklistError`). The rule's
``version`` and the SHA-256 of the file's bytes go on every output made with it.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from inspector import paths
from inspector.checklists.loader import (
    ChecklistError,
    Problem,
    _describe,
    _line,
    _parse_with_lines,
    _read_text,
)
from inspector.text import checklists as TC
from inspector.text import hq_assess as TA

log = logging.getLogger(__name__)

DEFAULT_RULE = ("assessment", "default.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: str = Field(min_length=1, max_length=200)
    en: str = Field(min_length=1, max_length=200)


class Component(_Strict):
    weight: float = Field(ge=0, le=100)
    checklists: tuple[str, ...] = ()  # empty: every checklist of that mode


class MysteryComponent(Component):
    measure: Literal["relative", "absolute"] = "relative"


class Components(_Strict):
    onsite: Component
    mystery: MysteryComponent
    rectification: Component


class Penalty(_Strict):
    points: float = Field(ge=0, le=100)
    cap: float = Field(ge=0, le=100)


class Penalties(_Strict):
    repeat: Penalty
    redline: Penalty
    overdue: Penalty


class Rule(_Strict):
    id: str = Field(min_length=1, max_length=100)
    version: str = Field(min_length=1, max_length=50)
    title: Bilingual
    components: Components
    penalties: Penalties
    missing: Literal["reweight", "zero"] = "reweight"


@dataclass(frozen=True, slots=True)
class LoadedRule:
    rule: Rule
    file: str
    sha256: str

    def as_dict(self) -> dict[str, str]:
        return {
            "id": self.rule.id,
            "version": self.rule.version,
            "sha256": self.sha256,
            "file": self.file,
        }

    def stamp(self, lang: str) -> str:
        """The rule's title, version and hash: what every output made with it prints."""
        title = self.rule.title.zh if lang == "zh" else self.rule.title.en
        return TA.RULE_STAMP(lang, title=title, version=self.rule.version, sha256=self.sha256[:16])


def default_rule_path() -> Path:
    return paths.resource_path(*DEFAULT_RULE)


def load_rule(path: Path | None = None) -> LoadedRule:
    """The rule in ``path`` (default: the shipped one), checked; ChecklistError if not."""
    path = path or default_rule_path()
    name = str(path)
    text = _read_text(path)
    data, lines = _parse_with_lines(text, name)
    if not isinstance(data, dict):
        raise ChecklistError([Problem(name, 1, TC.NOT_A_MAPPING)])
    try:
        rule = Rule.model_validate(data)
    except pydantic.ValidationError as e:
        problems = []
        for err in e.errors():
            loc = tuple(err["loc"])
            line = _line(lines, loc)
            if err["type"] == "extra_forbidden":
                problems.append(
                    Problem(
                        name,
                        line,
                        TC.UNKNOWN_KEY,
                        {"where": _describe(loc[:-1]), "key": repr(loc[-1])},
                    )
                )
            else:
                problems.append(
                    Problem(
                        name,
                        line,
                        TC.FIELD_INVALID,
                        {"where": _describe(loc), "detail": err["msg"]},
                    )
                )
        raise ChecklistError(problems) from None
    c = rule.components
    total = c.onsite.weight + c.mystery.weight + c.rectification.weight
    if abs(total - 100) > 1e-9:
        raise ChecklistError(
            [
                Problem(
                    name,
                    _line(lines, ("components",)),
                    TA.WEIGHTS_NOT_100,
                    {"total": f"{total:g}"},
                )
            ]
        )
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    log.info("assessment rule %s %s (%s) from %s", rule.id, rule.version, sha[:12], name)
    return LoadedRule(rule, name, sha)
