"""Demo data: realistic finalized inspections across 40 branches in 6 regions.

Made for trying the HQ views and for load tests (``inspector demo --inspections 100000``):
rows go in with bulk ``INSERT ... executemany`` in batches, one transaction per batch.
What is stored is decided by the same service functions the app uses for a user's
inspection (``score_for`` with the visit facts, ``finding_item_ids``, default severity and
deadline), so ``inspector hq integrity`` finds every demo score equal to a re-score. Each branch has
its own quality so league tables differ; findings get owners and deadlines, some closed,
some overdue; mystery visits get visit facts, a wave (one per quarter and scenario) and a
narrative. Photos (small generated images with text) go through the photo service like any
other photo.
"""

from __future__ import annotations

import io
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from inspector.checklists import LoadedChecklist, load_all
from inspector.db import Database
from inspector.db.models import Answer as AnswerRow
from inspector.db.models import (
    Branch,
    Finding,
    Inspection,
    Photo,
    SectionScoreRow,
    new_uuid,
    scenario_of,
    utcnow,
    wave_of,
)
from inspector.domain import numbers
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist, Item, Mode, Result
from inspector.domain.scoring import Outcome
from inspector.domain.states import FindingStatus, InspectionStatus, Origin
from inspector.errors import ValidationError
from inspector.services import audit, photo_decode, photos
from inspector.services.findings.sync import default_deadline, default_severity, finding_item_ids
from inspector.services.hq import repeats as hq_repeats
from inspector.services.inspections.scoring import score_for
from inspector.services.inspections.snapshots import snapshot_for
from inspector.text import cli as T
from inspector.text.parts import Term

log = logging.getLogger(__name__)

BATCH = 1000

REGIONS: dict[str, tuple[str, list[str]]] = {
    "上海分行": ("SH", ["浦东", "徐汇", "静安", "黄浦", "长宁", "闵行", "宝山"]),
    "北京分行": ("BJ", ["朝阳", "海淀", "西城", "东城", "丰台", "通州", "昌平"]),
    "广州分行": ("GZ", ["天河", "越秀", "海珠", "番禺", "白云", "荔湾", "黄埔"]),
    "深圳分行": ("SZ", ["福田", "南山", "罗湖", "宝安", "龙岗", "龙华"]),
    "杭州分行": ("HZ", ["西湖", "上城", "拱墅", "滨江", "萧山", "余杭"]),
    "成都分行": ("CD", ["锦江", "青羊", "武侯", "成华", "金牛", "高新", "双流"]),
}
INSPECTORS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴昊"]
OWNERS = ["网点负责人", "大堂经理", "运营主管", "个贷经理", "理财经理", "安保主管"]
ACTIONS = ["立即整改并拍照留存", "补充张贴公示材料", "组织员工培训", "更换设施", "完善登记台账"]
NARRATIVE = (
    "到达网点后取号等候，大堂经理主动询问业务需求并引导至相应窗口。柜员服务态度{a}，"
    "能够使用文明用语，对产品风险的解释{b}。等候区环境整洁，宣传资料摆放{c}。"
    "整体服务流程{d}，离开时工作人员礼貌道别。"
)


@dataclass
class DemoSummary:
    branches: int = 0
    inspections: int = 0
    photos: int = 0
    findings: int = 0
    by_region: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Plan:
    loaded: LoadedChecklist
    checklist: Checklist
    snapshot_id: int
    modes: tuple[Mode, ...]


def _table(model: type[Any]) -> Table:
    """The Core table of a model: plain executemany, without ORM bookkeeping."""
    return cast(Table, model.__table__)


def _branches(session: Session, rng: random.Random) -> list[tuple[Branch, float]]:
    """The 40 demo branches (created when missing) with a quality in [0.55, 0.98]."""
    out = []
    for region, (prefix, districts) in REGIONS.items():
        for n, district in enumerate(districts, 1):
            code = f"{prefix}{n:03d}"
            street = rng.randint(1, 999)  # drawn either way: same seed, same sequence
            b = session.scalar(select(Branch).where(Branch.code == code))
            if b is None:
                b = Branch(
                    code=code,
                    name=f"{region}{district}支行",
                    region=region,
                    address=f"{region[:2]}市{district}区人民路{street}号",
                )
                session.add(b)
                session.flush()
                audit.record(session, actor="demo", entity="branch", action="create", key=code)
            out.append((b, rng.uniform(0.55, 0.98)))
    return out


def _answer(item: Item, quality: float, rng: random.Random) -> tuple[str | None, Any]:
    if item.allows_na and rng.random() < 0.05:
        return Result.NA.value, None
    ok = rng.random() < quality
    if item.type == AnswerType.TEXT:
        return (
            Result.PASS.value if ok else Result.FAIL.value
        ), "现场核查情况良好，已与网点负责人确认。"
    return (Result.PASS.value if ok else Result.FAIL.value), None


def _photo_bytes(text: str, rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 360), (rng.randint(0, 120), rng.randint(60, 160), 140))
    draw = ImageDraw.Draw(img)
    draw.rectangle((20, 20, 460, 340), outline=(255, 255, 255), width=3)
    draw.text((40, 40), text, fill=(255, 255, 0))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def generate(
    db: Database,
    *,
    inspections: int,
    photos_per_inspection: int = 0,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Add ``inspections`` finalized demo inspections; returns what was made."""
    if inspections < 0 or photos_per_inspection < 0:
        raise ValidationError(
            T.DEMO_NEGATIVE,
            first=Term("--inspections", T.DEMO_INSPECTIONS),
            second=Term("--photos-per-inspection", T.DEMO_PHOTOS),
        )
    rng = random.Random(seed)
    summary = DemoSummary()
    loaded, _problems = load_all()
    with db.session() as s:
        branches = _branches(s, rng)
        plans = []
        for lc in loaded:
            if lc.id == "example":
                continue
            c = lc.resolved
            plans.append(_Plan(lc, c, snapshot_for(s, lc).id, tuple(c.modes)))
        branch_ids = [(b.id, b.region, q) for b, q in branches]
    if not plans:
        raise ValidationError(T.DEMO_NO_CHECKLIST)
    summary.branches = len(branch_ids)
    onsite = [p for p in plans if Mode.ONSITE in p.modes]
    mystery = [p for p in plans if Mode.MYSTERY in p.modes]
    items_by = {
        (p.loaded.id, m): [i for i in p.checklist.items() if i.applies_to(m)]
        for p in plans
        for m in p.modes
    }
    now = utcnow()
    today = now.date()
    done = 0
    while done < inspections:
        n = min(BATCH, inspections - done)
        with db.session() as s:
            _batch(
                s,
                n,
                rng=rng,
                branch_ids=branch_ids,
                onsite=onsite,
                mystery=mystery,
                items_by=items_by,
                now=now,
                today=today,
                photos_per_inspection=photos_per_inspection,
                summary=summary,
            )
        done += n
        if progress is not None:
            progress(done, inspections)
    summary.inspections = done
    if done:
        with db.session() as s:  # HQ's 屡查屡犯, as after an import of the same inspections
            hq_repeats.evaluate(s, [bid for bid, _region, _quality in branch_ids])
    log.info("demo: %d inspections, %d photos", done, summary.photos)
    return summary


def _batch(
    s: Session,
    n: int,
    *,
    rng: random.Random,
    branch_ids: list[tuple[int, str, float]],
    onsite: list[_Plan],
    mystery: list[_Plan],
    items_by: dict[tuple[str, Mode], list[Item]],
    now: datetime,
    today: date,
    photos_per_inspection: int,
    summary: DemoSummary,
) -> None:
    rows: list[dict[str, Any]] = []
    children: list[tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]] = []
    photo_items: list[list[str]] = []
    for _ in range(n):
        branch_id, region, quality = rng.choice(branch_ids)
        use_mystery = bool(mystery) and (not onsite or rng.random() < 0.2)
        plan = rng.choice(mystery if use_mystery else onsite)
        mode = Mode.MYSTERY if use_mystery else Mode.ONSITE
        started = now - timedelta(days=rng.uniform(0, 548), minutes=rng.randint(0, 600))
        finalized = started + timedelta(hours=rng.uniform(1, 6))
        items = items_by[(plan.loaded.id, mode)]
        # The visit facts come first: the scenario played decides which mystery items show,
        # and so the score (scoring without it stored totals the PDF did not print).
        visit: dict[str, Any] = {}
        narrative = ""
        if mode == Mode.MYSTERY:
            arrival = started
            visit = {
                "arrival": arrival.isoformat(timespec="minutes"),
                "departure": (arrival + timedelta(minutes=rng.randint(15, 70))).isoformat(
                    timespec="minutes"
                ),
                "ticket": f"A{rng.randint(1, 200):03d}",
                "customers_waiting": rng.randint(0, 15),
            }
            quarter = f"{started.year}Q{(started.month - 1) // 3 + 1}"
            visit["wave"] = quarter
            if plan.checklist.scenarios:
                scenario = rng.choice(plan.checklist.scenarios)
                visit["scenario"] = scenario.id
                # A wave per quarter and scenario ("2026Q2-3"), so every wave plays one
                # scenario as the app requires and HQ's ``--wave`` views have something to
                # compare; numbered, so the name reads the same in a Chinese report.
                visit["wave"] = f"{quarter}-{plan.checklist.scenarios.index(scenario) + 1}"
            good = quality > 0.8
            narrative = NARRATIVE.format(
                a="热情" if good else "一般",
                b="清楚完整" if good else "不够充分",
                c="整齐有序" if good else "略显杂乱",
                d="规范" if good else "有待改进",
            )
        answers: dict[str, Answer] = {}
        drawn: dict[str, tuple[str | None, Any]] = {}
        for item in items:
            result, value = _answer(item, quality, rng)
            drawn[item.id] = (result, value)
            answers[item.id] = Answer(result=Result(result) if result else None, value=value)
        # Scored exactly as the app scores a stored inspection (same service function).
        sc = score_for(plan.checklist, mode, answers, visit)
        # An inspector cannot answer an item the scenario hides; neither does the demo.
        ans_rows = [
            {
                "item_id": item_id,
                "result": result,
                "value": value,
                "note": "",
                "updated_at": started,
            }
            for item_id, (result, value) in drawn.items()
            if sc.items[item_id].outcome != Outcome.HIDDEN
        ]
        sec_rows = [
            {
                "section_id": sid,
                "area": sec.area,
                "weight": sec.weight,
                "earned": sec.earned,
                "possible": sec.possible,
                "percent": sec.percent,
            }
            for sid, sec in sc.sections.items()
        ]
        find_rows = []
        index = plan.checklist.item_index()
        for item_id in finding_item_ids(plan.checklist, sc):
            item = index[item_id]
            deadline = default_deadline(item, started.date())
            closed = deadline < today and rng.random() < 0.7
            find_rows.append(
                {
                    "item_id": item_id,
                    "active": True,
                    "severity": default_severity(item).value,
                    "action": rng.choice(ACTIONS),
                    "owner": rng.choice(OWNERS),
                    "deadline": deadline,
                    "status": FindingStatus.CLOSED if closed else FindingStatus.OPEN,
                    "closed_at": started + timedelta(days=rng.uniform(0.5, 20)) if closed else None,
                    "created_at": started,
                    "updated_at": started,
                }
            )
        inspector = rng.choice(INSPECTORS)
        rows.append(
            {
                "uuid": new_uuid(),
                "revision": 1,
                "is_current": True,
                "mode": mode.value,
                "status": InspectionStatus.FINALIZED,
                "branch_id": branch_id,
                "snapshot_id": plan.snapshot_id,
                "inspector": inspector,
                "created_at": started,
                "started_at": started,
                "updated_at": finalized,
                "finalized_at": finalized,
                "finalized_by": inspector,
                "visit": visit,
                "wave": wave_of(visit),  # a bulk insert: the ORM hook does not run
                "scenario": scenario_of(visit),
                "narrative": narrative,
                "manager_name": "网点负责人",
                "score_total": numbers.stored(sc.total),
                "grade": sc.grade,
                "passed": sc.passed,
                "veto_failed": len(sc.veto_failed),
                "origin": Origin.LOCAL,
            }
        )
        children.append((ans_rows, sec_rows, find_rows))
        photo_items.append([i.id for i in items[:photos_per_inspection]] if items else [])
        summary.by_region[region] = summary.by_region.get(region, 0) + 1
        summary.findings += len(find_rows)
    ids = list(
        s.scalars(insert(Inspection).returning(Inspection.id, sort_by_parameter_order=True), rows)
    )
    answers_all, sections_all, findings_all = [], [], []
    for iid, (a, sec, f) in zip(ids, children, strict=True):
        answers_all += [{**r, "inspection_id": iid} for r in a]
        sections_all += [{**r, "inspection_id": iid} for r in sec]
        findings_all += [{**r, "inspection_id": iid} for r in f]
    conn = s.connection()
    if answers_all:
        conn.execute(insert(_table(AnswerRow)), answers_all)
    if sections_all:
        conn.execute(insert(_table(SectionScoreRow)), sections_all)
    if findings_all:
        conn.execute(insert(_table(Finding)), findings_all)
    if photos_per_inspection:
        _photos(s, ids, rows, photo_items, photos_per_inspection, rng, summary)


def _photos(
    s: Session,
    ids: list[int],
    rows: list[dict[str, Any]],
    photo_items: list[list[str]],
    k: int,
    rng: random.Random,
    summary: DemoSummary,
) -> None:
    photo_rows = []
    for iid, row, items in zip(ids, rows, photo_items, strict=True):
        if not items:
            continue
        for n in range(k):
            item_id = items[n % len(items)]
            name = f"IMG_{row['uuid'][:6]}_{n + 1}.jpg"
            prep = photo_decode.prepare(
                _photo_bytes(f"{item_id}\n{row['uuid'][:8]} #{n + 1}", rng), name
            )
            photo_rows.append(
                {
                    "id": new_uuid(),
                    "inspection_id": iid,
                    "item_id": item_id,
                    "position": n,
                    "sha256": prep.sha256,
                    "size": prep.size,
                    "format": prep.format,
                    "file_name": name,
                    "width": prep.width,
                    "height": prep.height,
                    "imported_at": row["started_at"],
                    "original_sha256": photos.store_blob(s, prep.data),
                    "display_sha256": photos.store_blob(s, prep.display),
                    "thumb_sha256": photos.store_blob(s, prep.thumb),
                    "layers": {},
                    "caption": "",
                }
            )
    if photo_rows:
        s.connection().execute(insert(_table(Photo)), photo_rows)
        summary.photos += len(photo_rows)
