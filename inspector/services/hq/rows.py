"""HQ filter and result types: the plain frozen rows every HQ view returns."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.domain.states import ClosedVia, FindingState, InspectionStatus, Severity
from inspector.services.hq import mystery as hq_mystery
from inspector.services.hq import rights as hq_rights
from inspector.text import hq as T

log = logging.getLogger(__name__)


HISTORY_POINTS = 8  # scores kept per branch for the sparkline
TOP_ITEMS = 20
VETO_ROWS = 200
FINDING_ROWS = 5000
# Naive visit times are the branch's local time; our branches are in China (UTC+8).
LOCAL_TZ = timefmt.zone(timefmt.DEFAULT_TZ)
DEFAULT_TOLERANCE = timedelta(minutes=60)
# Stored totals are rounded to 4 places; anything further apart is a different score.
SCORE_TOLERANCE = 0.001


# ---------------------------------------------------------------- filter
@dataclass(frozen=True, slots=True)
class HqFilter:
    """What the dashboard's filter bar and the CLI options select."""

    region: str | None = None
    date_from: date | None = None  # local calendar days in ``tz``
    date_to: date | None = None
    checklist_id: str | None = None
    mode: Mode | None = None
    # Kept so older callers and scripts ('hq --finalized-only') work: finalized-only is
    # now the default, and this flag changes nothing.
    finalized_only: bool = False
    # Drafts count only when asked for (dashboard checkbox, '--include-drafts'), and are
    # then marked as drafts on every row and page: a half-answered draft must never move
    # a branch in the league without anyone seeing why.
    include_drafts: bool = False
    tz: str | None = None  # reader's time zone (None: INSPECTOR_TZ, else Asia/Shanghai)

    @property
    def zone(self) -> tzinfo:
        return timefmt.zone(self.tz)

    @property
    def drafts(self) -> bool:
        """Whether drafts are counted (the explicit include wins over the old flag)."""
        return self.include_drafts

    def describe(self, lang: str = "en") -> str:
        parts = []
        if self.region:
            parts.append(T.FILTER_REGION(lang, region=self.region))
        if self.date_from or self.date_to:
            a = self.date_from.isoformat() if self.date_from else "…"
            b = self.date_to.isoformat() if self.date_to else "…"
            parts.append(f"{a} – {b}")
        if self.checklist_id:
            parts.append(T.FILTER_CHECKLIST(lang, checklist=self.checklist_id))
        if self.mode:
            parts.append(T.FILTER_MODE(lang, mode=mode_label(self.mode, lang)))
        parts.append((T.FILTER_DRAFTS if self.drafts else T.FILTER_FINALIZED)(lang))
        if not (self.region or self.date_from or self.date_to):
            parts.insert(0, T.FILTER_EVERYTHING(lang))
        return T.LIST_SEP(lang).join(parts)

    def period(self, lang: str = "en") -> str:
        """The period in words, for a report's first page."""
        if not (self.date_from or self.date_to):
            return T.PERIOD_ALL(lang)
        a = self.date_from.isoformat() if self.date_from else "…"
        b = self.date_to.isoformat() if self.date_to else "…"
        return T.PERIOD(lang, start=a, end=b)


def mode_label(mode: Mode, lang: str) -> str:
    text = T.MODES.get(mode)
    return text(lang) if text is not None else mode


def status_label_insp(status: InspectionStatus, lang: str) -> str:
    return (T.RECORD_FINALIZED if status == InspectionStatus.FINALIZED else T.RECORD_DRAFT)(lang)


def _r(v: float | None) -> float | None:
    return numbers.record_or_none(v)


# ---------------------------------------------------------------- result types
@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    code: str
    name: str
    region: str


@dataclass(frozen=True, slots=True)
class LeagueRow:
    """A branch in the league table. ``trend`` is latest minus previous score.

    ``rank`` is None for a branch with no inspection in the selection: such branches are
    listed apart, never ranked as worst.
    """

    rank: int | None
    code: str
    name: str
    region: str
    latest_score: float | None
    latest_grade: str | None
    latest_at: datetime | None
    latest_uuid: str | None
    previous_score: float | None
    inspections: int
    average: float | None
    veto_failed: int
    untrusted: int
    history: tuple[float, ...]  # oldest first
    latest_passed: bool | None = None
    latest_draft: bool = False  # the latest inspection is a draft (only with drafts included)
    drafts: int = 0  # drafts among ``inspections``
    checklist_id: str = ""
    mode: Mode | None = None  # always given; None only to follow the defaults above
    # Mystery visits rank within one scenario (scenario_league): the scenario of this row;
    # None for on-site rows and for branches without a visit.
    scenario: str | None = None
    # With drafts included: the latest inspection is a draft with required items
    # unanswered (services/hq/drafts.py): listed apart, unranked, red lines not checked.
    incomplete: bool = False

    @classmethod
    def absent(
        cls, code: str, name: str, region: str, checklist_id: str, mode: Mode | None
    ) -> LeagueRow:
        """A branch with no inspection in the selection: listed apart, never ranked."""
        return cls(
            None, code, name, region, None, None, None, None, None, 0, None, 0, 0, (),
            checklist_id=checklist_id, mode=mode,
        )  # fmt: skip

    @staticmethod
    def numbered(rows: list[LeagueRow]) -> list[LeagueRow]:
        """``rows`` (already in rank order) with ranks 1, 2, … for those with a complete
        latest inspection; the others keep rank None (listed apart, never ranked as worst)."""
        out: list[LeagueRow] = []
        n = 0
        for lr in rows:
            if lr.latest_score is not None and not lr.incomplete:
                n += 1
                out.append(replace(lr, rank=n))
            else:
                out.append(lr)
        return out

    @property
    def trend(self) -> float | None:
        if self.latest_score is None or self.previous_score is None:
            return None
        return self.latest_score - self.previous_score

    @property
    def ranked(self) -> bool:
        return self.rank is not None

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """A row of ``hq league --json``."""
        return {
            "rank": self.rank,
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "score": _r(self.latest_score),
            "grade": self.latest_grade,
            "passed": None if self.incomplete else self.latest_passed,  # not checked
            "veto_failed": self.veto_failed,
            "inspections": self.inspections,
            "checklist": self.checklist_id,
            "mode": self.mode or "",
            "draft": self.latest_draft,
            "latest_at": _iso(self.latest_at, tz),
            "inspection": self.latest_uuid,
            "scenario": self.scenario,
            "incomplete": self.incomplete,
        }


@dataclass(frozen=True, slots=True)
class Heatmap:
    areas: list[str]
    branches: list[str]  # branch codes, league order
    branch_names: dict[str, str]
    values: dict[tuple[str, str], float]  # (code, area) -> percent
    area_titles: dict[str, tuple[str, str]]  # area -> (zh, en) checklist title

    def value(self, code: str, area: str) -> float | None:
        return self.values.get((code, area))

    def area_title(self, area: str, lang: str) -> str:
        zh, en = self.area_titles.get(area, (area, area))
        return zh if lang == "zh" else en


@dataclass(frozen=True, slots=True)
class FailingItem:
    item_id: str
    text_zh: str
    text_en: str
    failures: int
    branches: int
    share: float  # failures per 100 inspections in the selection

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" else self.text_en


@dataclass(frozen=True, slots=True)
class VetoRow:
    uuid: str
    code: str
    name: str
    region: str
    started_at: datetime
    score: float | None
    grade: str | None
    items: tuple[str, ...]  # item ids
    item_titles: tuple[tuple[str, str], ...] = ()  # (zh, en) per item, same order
    draft: bool = False

    def titles(self, lang: str) -> tuple[str, ...]:
        if not self.item_titles:
            return self.items
        return tuple(zh if lang == "zh" else en for zh, en in self.item_titles)


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: str  # YYYY-MM
    region: str  # "" = all regions
    average: float
    inspections: int


@dataclass(frozen=True, slots=True)
class RectificationRow:
    code: str
    name: str
    region: str
    open: int
    overdue: int
    closed: int
    submitted: int = 0  # the branch answered; HQ has not reviewed it yet
    returned: int = 0  # HQ returned the branch's answer (not yet overdue)

    @property
    def total(self) -> int:
        return self.open + self.overdue + self.closed + self.submitted + self.returned


@dataclass(frozen=True, slots=True)
class FindingRow:
    inspection_uuid: str
    code: str
    name: str
    region: str
    item_id: str
    severity: Severity
    owner: str
    action: str
    deadline: date | None
    status: FindingState  # open | overdue | submitted | returned | closed
    closed_at: datetime | None
    closed_by: str | None
    closing_note: str
    started_at: datetime
    item_zh: str = ""
    item_en: str = ""
    draft: bool = False
    checklist_id: str = ""
    repeat_of: str | None = None  # 屡查屡犯 as the laptop saw it (its previous inspection)
    closed_via: ClosedVia | None = None
    # 屡查屡犯 as HQ evaluates it over everything it holds (services/hq/repeats.py): the
    # newest earlier inspection that failed the item, how many did, and HQ's severity.
    hq_repeat_of: str | None = None
    hq_earlier: int = 0
    hq_severity: Severity | None = None

    @property
    def repeat(self) -> bool:
        """HQ's answer: an earlier finalized inspection failed the same item."""
        return self.hq_repeat_of is not None

    @property
    def effective_severity(self) -> Severity:
        """The severity HQ works with: raised one level for a repeat."""
        return self.hq_severity or self.severity

    def item_title(self, lang: str) -> str:
        t = self.item_zh if lang == "zh" else self.item_en
        return t or self.item_id

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        return {
            "repeat_of": self.repeat_of,
            "inspection": self.inspection_uuid,
            "branch": {"code": self.code, "name": self.name, "region": self.region},
            "item": self.item_id,
            "item_title": {"zh": self.item_title("zh"), "en": self.item_title("en")},
            "severity": self.severity,
            "owner": self.owner,
            "action": self.action,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "closed_at": _iso(self.closed_at, tz),
            "closed_by": self.closed_by,
            "note": self.closing_note,
            "closed_via": self.closed_via,
            "inspected_at": _iso(self.started_at, tz),
            "draft": self.draft,
            "hq_repeat": self.repeat,
            "hq_repeat_of": self.hq_repeat_of,
            "hq_repeat_earlier": self.hq_earlier,
            "hq_severity": self.effective_severity,
        }


def _iso(dt: datetime | None, tz: tzinfo | None) -> str | None:
    """ISO 8601 with the offset of the reader's zone (same instant as the stored UTC)."""
    if dt is None:
        return None
    return timefmt.local(dt, tz or timefmt.zone()).isoformat()


@dataclass(frozen=True, slots=True)
class IntegrityFlag:
    """A photo HQ should look at: reused elsewhere, or taken outside the visit."""

    kind: str  # duplicate_photo | outside_visit
    sha256: str
    inspection_uuid: str
    code: str
    name: str
    item_id: str
    taken_at: datetime | None
    detail: str  # English
    detail_zh: str = ""
    item_zh: str = ""
    item_en: str = ""

    def text(self, lang: str) -> str:
        return (self.detail_zh or self.detail) if lang == "zh" else self.detail

    def item_title(self, lang: str) -> str:
        return (self.item_zh if lang == "zh" else self.item_en) or self.item_id

    def kind_label(self, lang: str) -> str:
        text = T.KINDS.get(self.kind)
        return text(lang) if text is not None else self.kind

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sha256": self.sha256,
            "inspection": self.inspection_uuid,
            "branch": self.code,
            "branch_name": self.name,
            "item": self.item_id,
            "item_title": {"zh": self.item_title("zh"), "en": self.item_title("en")},
            "taken_at": _iso(self.taken_at, tz),
            "detail": self.detail,
            "detail_zh": self.text("zh"),
        }


@dataclass(frozen=True, slots=True)
class ScoreMismatch:
    """An inspection whose stored score is not what the scoring engine gives for its
    stored answers, checklist snapshot and visit facts."""

    inspection_uuid: str
    revision: int
    code: str
    name: str
    started_at: datetime
    status: InspectionStatus
    stored_total: float | None
    stored_grade: str | None
    stored_passed: bool | None
    stored_veto: int | None
    total: float
    grade: str
    passed: bool
    veto: int

    def describe(self, lang: str = "en") -> str:
        def f(v: float | None) -> str:
            return numbers.score(v)

        def yes(v: bool | None) -> object:
            # English has always printed Python's True/False here (scripts may read it).
            if lang == "zh" and v is not None:
                return T.YES if v else T.NO
            return v

        parts = []
        if self.stored_total is None or abs(self.stored_total - self.total) > SCORE_TOLERANCE:
            parts.append(T.STORED_TOTAL(lang, stored=f(self.stored_total), rescored=f(self.total)))
        if self.stored_grade != self.grade:
            parts.append(T.STORED_GRADE(lang, stored=self.stored_grade, rescored=self.grade))
        if self.stored_passed != self.passed or (self.stored_veto or 0) != self.veto:
            parts.append(
                T.STORED_VETO(
                    lang,
                    stored=self.stored_veto,
                    rescored=self.veto,
                    stored_passed=yes(self.stored_passed),
                    passed=yes(self.passed),
                )
            )
        return T.LIST_SEP(lang).join(parts)

    def as_dict(self, tz: tzinfo | None = None) -> dict[str, Any]:
        """A row of 'hq integrity --json' (kind score_mismatch)."""
        return {
            "kind": "score_mismatch",
            "sha256": "",
            "inspection": self.inspection_uuid,
            "revision": self.revision,
            "branch": self.code,
            "branch_name": self.name,
            "item": "",
            "taken_at": None,
            "inspected_at": _iso(self.started_at, tz),
            "stored": {
                "total": _r(self.stored_total),
                "grade": self.stored_grade,
                "passed": self.stored_passed,
                "veto_failed": self.stored_veto,
            },
            "rescored": {
                "total": _r(self.total),
                "grade": self.grade,
                "passed": self.passed,
                "veto_failed": self.veto,
            },
            "detail": self.describe("en"),
            "detail_zh": self.describe("zh"),
        }


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One region on the report's first page."""

    region: str
    branches: int
    inspected: int  # branches with at least one inspection in the selection
    inspections: int
    average: float | None
    vetoes: int  # inspections with a failed red line


@dataclass(frozen=True, slots=True)
class AnswerSheet:
    """Every answer of the selected inspections of one checklist (an Excel sheet)."""

    checklist_id: str
    title_zh: str
    title_en: str
    items: list[tuple[str, str, str]]  # (id, zh, en) in checklist order
    rows: list[tuple[Any, ...]]  # inspection columns then one answer text per item


@dataclass(frozen=True, slots=True)
class HqData:
    """Every HQ view for one filter."""

    filter: HqFilter
    generated_at: datetime
    inspections: int
    branches: int
    average: float | None
    league: list[LeagueRow]
    heatmap: Heatmap
    failing: list[FailingItem]
    vetoes: list[VetoRow]  # the newest VETO_ROWS of them
    trend: list[TrendPoint]
    rectification: list[RectificationRow]
    findings: list[FindingRow]
    integrity: list[IntegrityFlag] = field(default_factory=list)
    # grade code -> (zh, en) label, from the checklists the inspections were scored with
    grade_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    complete: bool = True  # False: only the first views (see load_first)
    league_checklist: str = ""
    league_mode: Mode | None = None  # set with league_checklist
    checklist_titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    drafts: int = 0  # drafts among ``inspections`` (0 unless drafts are included)
    veto_total: int = 0  # inspections with a failed red line, all of them (``vetoes`` is capped)
    regions: list[RegionRow] = field(default_factory=list)
    # Filled for exports only (see load(..., for_export=True)):
    all_findings: list[FindingRow] = field(default_factory=list)
    answer_sheets: list[AnswerSheet] = field(default_factory=list)
    # 'hq rights' and 'hq mystery' for this filter (None: not loaded; see load(extras=True))
    rights: list[hq_rights.BranchRights] | None = None
    mystery: list[hq_mystery.Visit] | None = None
    # Rectification figures (hq rectification) and the branch assessment (hq assess) for
    # this filter's period and region: a rectify.Rectification and an assess.Assessment
    # (None: not loaded; see assess_tables.attach).
    rectify: Any = None
    assessment: Any = None
    coverage: Any = None  # a coverage.Coverage (hq coverage) for the region and period
    # Per region, checklist and mode (likewise.RegionScopeRow): like with like.
    region_scopes: list[Any] = field(default_factory=list)
    # A league for every checklist and mode with data: [(checklist, mode, rows), ...].
    leagues: list[Any] = field(default_factory=list)
    # --compare-to: the earlier period, and per league row ((code, scenario)) and assessed
    # branch (code) its compare.Earlier figures.
    quarters: list[Any] = field(default_factory=list)  # likewise.QuarterRow
    compare_period: str = ""
    compare_league: dict[Any, Any] = field(default_factory=dict)
    compare_assess: dict[str, Any] = field(default_factory=dict)

    @property
    def tz(self) -> tzinfo:
        return self.filter.zone

    def grade_label(self, code: str | None, lang: str) -> str:
        """The grade as people read it (优秀 / Excellent), not its code."""
        if not code:
            return ""
        zh, en = self.grade_labels.get(code, (code, code))
        return zh if lang == "zh" else en

    def checklist_title(self, cid: str, lang: str) -> str:
        zh, en = self.checklist_titles.get(cid, (cid, cid))
        return zh if lang == "zh" else en

    def league_scope(self, lang: str) -> str:
        """'综合检查 · 现场检查': what the league compares."""
        if not self.league_checklist:
            return ""
        return (
            f"{self.checklist_title(self.league_checklist, lang)} · "
            f"{mode_label(self.league_mode, lang) if self.league_mode else ''}"
        )

    def ranked(self) -> list[LeagueRow]:
        return [r for r in self.league if r.rank is not None]

    def unranked(self) -> list[LeagueRow]:
        """Branches with no inspection in the selection: listed apart, never 'worst'."""
        return [r for r in self.league if r.rank is None and not r.incomplete]

    def incomplete_drafts(self) -> list[LeagueRow]:
        """Branches whose latest inspection is an incomplete draft: listed apart, unranked."""
        return [r for r in self.league if r.incomplete]

    def summary_dict(self) -> dict[str, Any]:
        """The ``hq summary --json`` contract."""
        return {
            "inspections": self.inspections,
            "branches": self.branches,
            "drafts": self.drafts,
            "league": {"checklist": self.league_checklist, "mode": self.league_mode or ""},
            "per_branch": [
                {
                    "code": r.code,
                    "name": r.name,
                    "region": r.region,
                    "latest_score": _r(r.latest_score),
                    "latest_grade": r.latest_grade,
                    "latest_at": _iso(r.latest_at, self.tz),
                    "inspections": r.inspections,
                    "rank": r.rank,
                    "draft": r.latest_draft,
                    "scenario": r.scenario,
                }
                for r in self.league
            ],
        }


#: (stored scores that differ, flags to review, stored evidence that fails its hash)
IntegrityFindings = tuple[list[ScoreMismatch], list[IntegrityFlag], list[IntegrityFlag]]
