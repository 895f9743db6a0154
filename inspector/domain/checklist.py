"""The checklist format: what a checklist file may say, as typed, immutable models.

A checklist file (YAML or JSON in ``checklists/``) is parsed into :class:`Checklist`.
These models are the schema: ``inspector checklists schema`` prints their JSON Schema,
and ``docs/checklist-format.md`` / ``checklists/README.md`` describe them for authors.

Pydantic checks each field's shape; :mod:`inspector.checklists.validate` checks the rules
that span fields (unique ids, thresholds, references between items, grade bands).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

# Severity lives with the other states; checklists name it, so it stays importable here.
from inspector.domain.states import Severity as Severity
from inspector.text import Lang
from inspector.text import Text as Wording
from inspector.text import labels as TL

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
"""The newest checklist format this code reads (``format:`` at the top of a file)."""

# Bounds on integers a checklist may hold: generous for any real checklist, and small
# enough that no number from a file can build a huge UI or overflow a database column.
MAX_PHOTOS = 1000
MAX_SCALE = 100
MAX_COUNT = 1_000_000_000
# Scoring numbers: an item's points, a section's (or include's) relative weight, a penalty
# off the 0-100 total, and a measured threshold. Bounded so that no sum or product the
# engine forms can overflow a float (``points: 1e308`` once made every total NaN).
MAX_POINTS = 1000
MAX_WEIGHT = 10_000
MAX_PENALTY = 100
MAX_THRESHOLD = 1e12  # as a measured answer (domain.answers.MAX_MEASURE)
Threshold = Annotated[float, Field(ge=-MAX_THRESHOLD, le=MAX_THRESHOLD)]


class _Model(BaseModel):
    # Unknown keys are errors (a typo like ``pionts`` must not silently score 0), and a
    # loaded checklist never changes: an inspection is scored with exactly what it used.
    # Numbers are finite: ``weight: .inf`` would validate and then score 0.00 (NaN).
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Text(_Model):
    """Bilingual text. Chinese is required; English falls back to Chinese if missing."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


RIGHT_NAMES: dict[str, Wording] = TL.RIGHTS
"""zh / en names of the eight rights, keyed by :class:`Right` value."""

ELEMENTS: dict[str, Wording] = TL.ELEMENTS
"""The regulator's evaluation elements an item can feed (``elements:`` in a checklist).

Our ids for the evaluation content of 《银行保险机构消费者权益保护监管评价办法》
(银保监发〔2021〕24号); checklists/README.md says what was and was not confirmed.
"""

PRACTICE_REF = "行业通行做法"
"""The ``ref`` of an item that rests on established practice alone (no written rule)."""

BANK_RULE = "行内要求"
"""Said in a ``ref`` whose requirement is (partly) the bank's own rule, not a regulation."""


def source_text(source: Source, lang: str) -> str:
    """How a source reads to an inspector or a branch, in their language.

    Review notes (``note``) are never part of it. An item resting on practice says so in the
    reader's language instead of citing a rule that does not exist.
    """
    ref = source.ref.strip()
    if not source.inferred:
        return ref
    lg = Lang.EN if lang == "en" else Lang.ZH
    if ref == PRACTICE_REF:
        return TL.SOURCE_PRACTICE(lg)
    if BANK_RULE in ref:
        return TL.SOURCE_BANK_RULE(lg, ref=ref)
    return TL.SOURCE_PARTLY(lg, ref=ref)


class Mode(StrEnum):
    ONSITE = "onsite"
    MYSTERY = "mystery"


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    YES_NO_NA = "yes_no_na"
    SCALE = "scale"
    COUNT = "count"
    MEASURE = "measure"
    CHOICE = "choice"
    TEXT = "text"


class Result(StrEnum):
    """The inspector's judgement of one item."""

    PASS = "pass"  # noqa: S105 - not a password
    FAIL = "fail"
    NA = "na"


class Evidence(StrEnum):
    """Photo evidence an item needs in a given mode.

    Authors write ``always`` / ``on_fail`` / ``never`` (or ``optional``); ``required`` and
    ``none`` are the stored spellings of ``always`` and ``never`` (snapshots of older
    inspections use them, so both are read).
    """

    REQUIRED = "required"  # "always": at least one photo, whatever the result
    ON_FAIL = "on_fail"  # at least one photo when the item fails or is partial
    OPTIONAL = "optional"
    NONE = "none"  # "never"


_EVIDENCE_ALIASES = {"always": Evidence.REQUIRED.value, "never": Evidence.NONE.value}


def _evidence_alias(value: object) -> object:
    return _EVIDENCE_ALIASES.get(value, value) if isinstance(value, str) else value


EvidenceValue = Annotated[
    Evidence,
    BeforeValidator(_evidence_alias),
    WithJsonSchema(
        {
            "enum": ["always", "on_fail", "optional", "never", "required", "none"],
            "description": "always / on_fail / optional / never (required = always, none = never)",
        }
    ),
]


class Right(StrEnum):
    """The eight rights of financial consumers (金融消费者八项权利) an item protects."""

    PROPERTY_SECURITY = "property_security"  # 财产安全权
    RIGHT_TO_KNOW = "right_to_know"  # 知情权
    FREE_CHOICE = "free_choice"  # 自主选择权
    FAIR_TRADE = "fair_trade"  # 公平交易权
    LAWFUL_CLAIMS = "lawful_claims"  # 依法求偿权
    EDUCATION = "education"  # 受教育权
    RESPECT = "respect"  # 受尊重权
    INFORMATION_SECURITY = "information_security"  # 信息安全权


class Source(_Model):
    """Where an item's requirement comes from."""

    ref: str = Field(min_length=1, description="Regulation or standard, e.g. 'GB 50763-2012 3.4'")
    inferred: bool = Field(
        default=False, description="True for established practice with no written source found"
    )
    note: str | None = Field(
        default=None,
        description=(
            "Reviewer's note on the source (what to check before quoting it). Shown only in "
            "the checklist tools ('checklists show'), never in the runner or a report."
        ),
    )


class Condition(_Model):
    """A test used by ``show_if`` and ``na_if``; true when any given part holds.

    * ``item`` + ``result``: the item's effective result is one of these;
    * ``item`` + ``value``: its typed value is one of these (choices, yes/no);
    * ``item`` + ``min`` / ``max``: its number lies in the range (bounds inclusive);
    * ``scenario``: the mystery-shopper scenario played is one of these ids.
    """

    item: str | None = None
    result: list[Result] | None = None
    value: list[str | int | float | bool] | None = None
    min: Threshold | None = None
    max: Threshold | None = None
    scenario: list[str] | None = None


class EvidenceRule(_Model):
    onsite: EvidenceValue = Evidence.OPTIONAL
    mystery: EvidenceValue = Evidence.OPTIONAL

    def for_mode(self, mode: Mode) -> Evidence:
        return self.onsite if mode == Mode.ONSITE else self.mystery


class PhotoCount(_Model):
    """Photos an inspection needs in all, per mode (e.g. at least 4 per branch visit)."""

    onsite: int = Field(default=0, ge=0, le=MAX_PHOTOS)
    mystery: int = Field(default=0, ge=0, le=MAX_PHOTOS)

    def for_mode(self, mode: Mode) -> int:
        return self.onsite if mode == Mode.ONSITE else self.mystery


class ScaleSpec(_Model):
    """A 0..n scale (e.g. polite phrases used, 0-5). Points scale linearly."""

    # Every step is a button on the item page: a scale is small.
    min: int = Field(default=0, ge=-MAX_SCALE, le=MAX_SCALE)
    max: int = Field(ge=1, le=MAX_SCALE)
    labels: dict[int, Text] | None = None


class CountSpec(_Model):
    """A count with a pass threshold: ``pass_min`` (at least) and/or ``pass_max`` (at most)."""

    pass_min: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    pass_max: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    partial: bool = Field(
        default=False,
        description="Below pass_min, earn points in proportion (2 of 3 kinds = 2/3).",
    )


class MeasureSpec(_Model):
    """A numeric measurement with a unit and a pass range (inclusive)."""

    unit: Text
    min: Threshold | None = None
    max: Threshold | None = None
    decimals: int = Field(default=2, ge=0, le=6)
    hint: Text | None = Field(default=None, description="How to measure, e.g. rise/run as 1:x")


class ChoiceOption(_Model):
    id: str = Field(min_length=1)
    label: Text
    credit: float = Field(ge=0, le=1, description="Share of the item's points this choice earns")


class TextSpec(_Model):
    min_length: int = Field(default=0, ge=0, le=1_000_000)
    multiline: bool = True


class Item(_Model):
    """One thing the inspector checks."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    text: Text
    guidance: Text | None = None
    source: Source | None = None
    type: AnswerType
    points: float = Field(default=1, ge=0, le=MAX_POINTS)
    veto: bool = Field(default=False, description="Red line: failing caps the grade")
    veto_reason: Text | None = Field(
        default=None,
        description=(
            "Why this item is a red line: the written rule (or the bank's own rule, said as "
            "行内要求) that makes one failure unacceptable whatever the score. Required with "
            "veto: true; reports and 'checklists show' print it."
        ),
    )
    critical: bool = Field(default=False, description="Listed first; high severity finding")
    gate: bool = Field(default=False, description="Failing zeroes the item's section")
    penalty: float = Field(
        default=0,
        ge=0,
        le=MAX_PENALTY,
        description="Points taken off the total when failed (after weighting)",
    )
    penalty_cap: float | None = Field(
        default=None,
        gt=0,
        le=MAX_PENALTY,
        description=(
            "On a count item: the penalty is taken once per occurrence beyond the pass "
            "threshold (e.g. per forbidden phrase), up to this many points in all"
        ),
    )
    na_allowed: bool | None = Field(
        default=None, description="May be answered N/A (default: yes for yes_no_na, else no)"
    )
    required: bool = Field(default=True, description="Must be answered before finalizing")
    modes: list[Mode] | None = Field(default=None, description="Only asked in these modes")
    show_if: Condition | None = None
    na_if: Condition | None = None
    evidence: EvidenceRule = EvidenceRule()
    rights: list[Right] = Field(
        default_factory=list, description="Consumer rights this item protects (八项权利)"
    )
    elements: list[str] = Field(
        default_factory=list,
        description="Regulator's evaluation elements the item feeds (ids in checklists/README.md)",
    )
    review: str | None = Field(
        default=None,
        description=(
            "Authoring note for HQ reviewers (open questions, what to confirm). Shown only in "
            "the checklist tools, never to an inspector or a branch."
        ),
    )
    redact: bool = Field(default=False, description="Photos likely show personal data")
    severity: Severity | None = None
    rectify_days: int | None = Field(default=None, ge=0, le=3650)
    scale: ScaleSpec | None = None
    count: CountSpec | None = None
    measure: MeasureSpec | None = None
    options: list[ChoiceOption] | None = None
    text_spec: TextSpec | None = Field(default=None, alias="text_rules")

    @property
    def allows_na(self) -> bool:
        if self.na_allowed is not None:
            return self.na_allowed
        return self.type == AnswerType.YES_NO_NA

    @property
    def scored(self) -> bool:
        """Whether the item takes part in the base score (penalty-only items do not)."""
        return self.points > 0

    def applies_to(self, mode: Mode) -> bool:
        return self.modes is None or mode in self.modes

    @property
    def scenario_decides_na(self) -> bool:
        """Whether the scenario played decides this item's N/A (``na_if`` names scenarios).

        Such an item is N/A by rule in the scenarios its ``na_if`` names and applies in
        every other one: the visitor cannot choose N/A there, so two visits of the same
        scenario with the same conduct score the same.
        """
        return self.na_if is not None and self.na_if.scenario is not None

    def na_choosable(self, scenario: str | None) -> bool:
        """Whether the inspector may answer N/A, given the scenario played (if any).

        Where the scenario decides (:attr:`scenario_decides_na`) and a scenario has been
        chosen, N/A is never the visitor's choice: the rule makes the item N/A in the
        scenarios it names (answering N/A there only agrees with it), and in the others the
        item applies and N/A is refused.
        """
        if self.na_if is not None and self.na_if.scenario is not None and scenario is not None:
            return scenario in self.na_if.scenario
        return self.allows_na

    def penalty_for(self, fraction: float, value: object) -> float:
        """Points this item takes off the total, given its earned share and typed value.

        A plain penalty item takes ``penalty`` x (1 - share). A count item with a
        ``penalty_cap`` takes ``penalty`` per occurrence beyond its pass threshold (a
        failure with no count given counts as one), never more than the cap.
        """
        if self.penalty <= 0:
            return 0.0
        if self.penalty_cap is None:
            return self.penalty * (1.0 - fraction)
        if fraction >= 1.0:
            return 0.0
        occurrences = 1.0
        if isinstance(value, int | float) and not isinstance(value, bool):
            allowed = self.count.pass_max if self.count and self.count.pass_max else 0
            occurrences = max(1.0, float(value) - allowed)
        return min(self.penalty * occurrences, self.penalty_cap)


class Section(_Model):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
    title: Text
    weight: float = Field(gt=0, le=MAX_WEIGHT)
    area: str | None = Field(
        default=None, description="Compliance area for HQ comparison (default: checklist id)"
    )
    description: Text | None = None
    items: list[Item] = Field(min_length=1)


class Include(_Model):
    """Pull another checklist's sections into this one, scaled to ``weight`` in total."""

    include: str
    weight: float = Field(gt=0, le=MAX_WEIGHT)


def _section_or_include(value: object) -> str:
    if isinstance(value, dict):
        return "include" if "include" in value else "section"
    return "include" if isinstance(value, Include) else "section"


class Grade(_Model):
    code: str = Field(min_length=1)
    min: float = Field(ge=0, le=100)
    label: Text
    passing: bool = True


class Scenario(_Model):
    id: str = Field(min_length=1)
    title: Text
    description: Text | None = None


class NarrativeRule(_Model):
    min_length: int = Field(default=0, ge=0, le=1_000_000)
    modes: list[Mode] = Field(default_factory=lambda: [Mode.MYSTERY])
    prompt: Text | None = None


class Checklist(_Model):
    format: int = Field(ge=1, le=1000)
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    version: str = Field(min_length=1)
    title: Text
    description: Text | None = None
    modes: list[Mode] = Field(min_length=1)
    grades: list[Grade] = Field(min_length=1)
    veto_grade: str = Field(description="Grade code a veto failure caps the result at")
    hide_scores_in: list[Mode] = Field(
        default_factory=list, description="Modes whose user does not see scores (mystery)"
    )
    scenarios: list[Scenario] = Field(default_factory=list)
    visit_facts: bool = Field(default=False, description="Record arrival/departure, ticket, ...")
    narrative: NarrativeRule | None = None
    min_photos: PhotoCount = Field(
        default_factory=PhotoCount, description="Photos the whole inspection needs, per mode"
    )
    sections: list[
        Annotated[
            Annotated[Section, Tag("section")] | Annotated[Include, Tag("include")],
            Discriminator(_section_or_include),
        ]
    ] = Field(min_length=1)

    # ---- helpers used everywhere -------------------------------------------------
    def real_sections(self) -> list[Section]:
        """The sections (a resolved checklist has no includes left)."""
        return [s for s in self.sections if isinstance(s, Section)]

    def items(self) -> list[Item]:
        return [i for s in self.real_sections() for i in s.items]

    def item(self, item_id: str) -> Item:
        for i in self.items():
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def item_index(self) -> dict[str, Item]:
        return {i.id: i for i in self.items()}

    def section_of(self, item_id: str) -> Section:
        for s in self.real_sections():
            if any(i.id == item_id for i in s.items):
                return s
        raise KeyError(item_id)

    def grade(self, code: str) -> Grade:
        for g in self.grades:
            if g.code == code:
                return g
        raise KeyError(code)
