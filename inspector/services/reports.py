"""Inspection reports: turn an inspection into plain report data and render it to PDF.

The renderer (:mod:`inspector.reports`) never sees the database: this module reads the
inspection, its checklist snapshot, answers, score, findings and photos, phrases answers
for people, renders each photo (upright, annotated, redacted) at print size, and hands a
:class:`~inspector.reports.model.ReportData` over.

Photo rendering is the slow part, so ``progress(done, total)`` counts photos rendered and
then photos placed in the PDF; the GUI runs :func:`build_report` in a worker thread.
``progress`` may raise to cancel.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PIL import Image
from sqlalchemy.orm import Session

from inspector.db.models import Finding, Inspection, Photo, utcnow
from inspector.domain import numbers, timefmt
from inspector.domain.answers import Answer
from inspector.domain.checklist import AnswerType, Checklist, Item, Mode
from inspector.domain.scoring import Outcome, Score
from inspector.domain.states import FindingState
from inspector.errors import ReadOnlyError, ValidationError
from inspector.reports import render_report
from inspector.reports.model import (
    LANGS,
    PHOTO_LARGE_SIDE_PX,
    PHOTO_MAX_SIDE_PX,
    PHOTO_SIZES,
    Bi,
    BranchInfo,
    ChecklistInfo,
    Filing,
    FindingRow,
    InspectionMeta,
    ItemRow,
    OrgInfo,
    PhotoData,
    ReportData,
    ScoreSummary,
    SectionRow,
    SignOff,
    VetoFailure,
)
from inspector.services import audit
from inspector.services import inspections as insp_svc
from inspector.services import photos as photo_svc
from inspector.services import settings as settings_svc
from inspector.text import inspections as T
from inspector.text import report as TR
from inspector.text.parts import OR_SEP, Joined

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

_RESULT_TEXT = {k: Bi.of(t) for k, t in TR.RESULTS.items()}
_VISIT_LABELS = {k: Bi.of(t) for k, t in TR.VISIT_FACTS.items()}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValidationError(T.REPORT_LANG, lang=repr(lang))
    return lang


def answer_text(item: Item, answer: Answer | None) -> Bi:
    """The answer as a person would say it: "是", "1:14", "3 / 5", a choice's label."""
    if answer is None or answer.is_empty:
        return Bi.of(TR.NOT_ANSWERED)
    v = answer.value
    if v is None:
        assert answer.result is not None
        return _RESULT_TEXT[answer.result.value]
    t = item.type
    if t in (AnswerType.YES_NO, AnswerType.YES_NO_NA) and isinstance(v, bool):
        return Bi.of(TR.YES if v else TR.NO)
    if t == AnswerType.SCALE and item.scale is not None:
        label = item.scale.labels.get(int(v)) if item.scale.labels else None
        base = f"{v} / {item.scale.max}"
        if label is not None:
            return Bi(
                TR.SCALE_STEP("zh", step=base, label=label.zh),
                TR.SCALE_STEP("en", step=base, label=label.en),
            )
        return Bi(base, base)
    if t == AnswerType.MEASURE and item.measure is not None and isinstance(v, int | float):
        num = f"{float(v):.{item.measure.decimals}f}"
        unit = item.measure.unit
        if unit.zh.replace(" ", "") == "1:x":
            # A slope is said "1:14", not "1:14.00".
            ratio = num.rstrip("0").rstrip(".") if "." in num else num
            return Bi(f"1:{ratio}", f"1:{ratio}")
        return Bi(f"{num} {unit.zh}", f"{num} {unit.en}")
    if t == AnswerType.CHOICE and item.options is not None:
        for o in item.options:
            if o.id == v:
                return Bi(o.label.zh, o.label.en)
    return Bi(str(v), str(v))


def check_photo_size(size: str) -> str:
    if size not in PHOTO_SIZES:
        raise ValidationError(T.PHOTO_SIZE, sizes=Joined(PHOTO_SIZES, OR_SEP), size=repr(size))
    return size


def set_photo_print_size(session: Session, photo: Photo, size: str, *, actor: str) -> None:
    """Print ``photo`` "large" (across the page: a document to be read) or "normal".

    Only while the inspection is a draft, like every other change; recorded in the audit.
    """
    check_photo_size(size)
    insp = photo.inspection
    if insp.status == insp_svc.FINALIZED:
        raise ReadOnlyError(T.PHOTO_SIZE_READ_ONLY, uuid=insp.uuid)
    old = photo.print_size or "normal"
    if old == size:
        return
    photo.print_size = size
    audit.record(
        session,
        actor=actor,
        entity="photo",
        action="print_size",
        key=photo.id,
        old={"print_size": old},
        new={"print_size": size},
        inspection=insp,
    )


def shopper_code(name: str) -> str:
    """A stable pseudonym for a mystery shopper: the same name gives the same code.

    Printed instead of the name (the branch must not learn who visited); HQ can compute
    the code of each of its shoppers, or print the name with ``--shopper-name``.
    """
    digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()
    return f"MS-{digest[:6].upper()}"


def finding_status(f: Finding, today: date) -> str:
    """open | overdue | closed: overdue once the deadline has passed with the finding open."""
    return FindingState.of(f.status, f.deadline, today)


def _visit_time(value: str, tz: str) -> str:
    """A stored visit time (ISO 8601 with offset) as local time in ``tz`` with its offset."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if parsed.tzinfo is None:
        return value  # no offset recorded: print it as given rather than guess
    return timefmt.format_local(parsed, tz)


def _visit_rows(
    insp: Inspection, checklist: Checklist, lang: str = "zh", tz: str = timefmt.DEFAULT_TZ
) -> tuple[tuple[Bi, str], ...]:
    visit: dict[str, Any] = dict(insp.visit or {})
    rows: list[tuple[Bi, str]] = []
    for key, label in _VISIT_LABELS.items():
        value = visit.get(key)
        if value in (None, ""):
            continue
        text = str(value)
        if key in insp_svc.TIME_FIELDS:
            text = _visit_time(text, tz)
        if key == "scenario":
            for sc in checklist.scenarios:
                if sc.id == value:
                    text = {"zh": sc.title.zh, "en": sc.title.en or sc.title.zh}.get(
                        lang, f"{sc.title.zh} / {sc.title.en}"
                    )
        rows.append((label, text))
    return tuple(rows)


def _photo_data(photo: Photo, jpeg: bytes, *, large: bool = False) -> PhotoData:
    with Image.open(io.BytesIO(jpeg), formats=["JPEG"]) as im:
        w, h = im.size
    gps = (
        (photo.gps_lat, photo.gps_lon)
        if photo.gps_lat is not None and photo.gps_lon is not None
        else None
    )
    return PhotoData(
        id=photo.id,
        item_id=photo.item_id,
        jpeg=jpeg,
        width=w,
        height=h,
        sha256=photo.sha256,
        taken_at=photo.taken_at,
        imported_at=photo.imported_at,
        gps=gps,
        caption=photo.caption or "",
        redacted=photo_svc.is_redacted(photo),
        file_name=photo.file_name or "",
        large=large,
    )


def build_report_data(
    session: Session,
    insp: Inspection,
    lang: str = "zh",
    *,
    progress: Progress | None = None,
    progress_total: int | None = None,
    filing: Filing | None = None,
    photo_size: str = "normal",
    show_shopper_name: bool = False,
    tz: str | None = None,
) -> ReportData:
    """Everything the report shows, as plain data (photos rendered at print size).

    ``progress(done, total)`` is called after each photo is rendered; ``total`` is
    ``progress_total`` when given (so a caller can reserve steps for later work).
    ``filing`` carries 文号 / 密级; ``photo_size`` "large" prints every photo across the
    page; ``show_shopper_name`` prints a mystery shopper's name instead of the code;
    times are printed in zone ``tz`` (default: $INSPECTOR_TZ, else the ``display.tz``
    setting, else Asia/Shanghai).
    """
    check_lang(lang)
    check_photo_size(photo_size)
    tz = timefmt.zone_name(tz)
    try:
        timefmt.zone(tz)
    except ValueError as e:
        raise ValidationError(T.REPORT_TIME_ZONE, cause=e) from None
    checklist = insp_svc.checklist_of(insp)
    result: Score = insp_svc.compute_score(insp)
    answers = insp_svc.answers_of(insp)
    index = checklist.item_index()
    item_numbers: dict[str, str] = {}
    for s_n, sec in enumerate(checklist.real_sections(), start=1):
        for i_n, it in enumerate(sec.items, start=1):
            item_numbers[it.id] = f"{s_n}.{i_n}"
    generated = utcnow()
    today = timefmt.local_day(generated, tz) or generated.date()

    all_photos = photo_svc.photos_of(insp)
    per_item: dict[str, int] = {}
    for p in all_photos:
        per_item[p.item_id] = per_item.get(p.item_id, 0) + 1
    total = progress_total if progress_total is not None else len(all_photos)
    rendered: dict[str, list[PhotoData]] = {}
    for n, p in enumerate(all_photos, start=1):
        large = photo_size == "large" or p.print_size == "large"
        # A photo printed across the page (alone under its item, or "large") needs twice
        # the pixels of one in a pair to stay sharp.
        wide = large or per_item[p.item_id] == 1
        side = PHOTO_LARGE_SIDE_PX if wide else PHOTO_MAX_SIDE_PX
        jpeg = photo_svc.render(session, p, max_side=side)
        rendered.setdefault(p.item_id, []).append(_photo_data(p, jpeg, large=large))
        if progress is not None:
            progress(n, total)

    sections: list[SectionRow] = []
    items: list[ItemRow] = []
    for sec in checklist.real_sections():
        ss = result.sections[sec.id]
        sections.append(
            SectionRow(
                id=sec.id,
                title=Bi(sec.title.zh, sec.title.en),
                weight=sec.weight,
                earned=ss.earned,
                possible=ss.possible,
                percent=ss.percent,
                gated=ss.gated,
            )
        )
        for item in sec.items:
            s = result.items[item.id]
            a = answers.get(item.id)
            photos = tuple(rendered.get(item.id, ()))
            if s.outcome == Outcome.HIDDEN and not photos and a is None:
                continue
            items.append(
                ItemRow(
                    id=item.id,
                    section_id=sec.id,
                    text=Bi(item.text.zh, item.text.en),
                    answer=answer_text(item, a),
                    outcome=s.outcome.value,
                    points=s.points,
                    max_points=s.max_points,
                    penalty=s.penalty,
                    note=a.note if a is not None else "",
                    veto=item.veto,
                    critical=item.critical,
                    source=item.source.ref if item.source else "",
                    source_inferred=bool(item.source and item.source.inferred),
                    photos=photos,
                    number=item_numbers[item.id],
                )
            )

    findings: list[FindingRow] = []
    lost_by_item: dict[str, float] = {}
    for d in result.deductions:
        lost_by_item[d.item_id] = numbers.record(lost_by_item.get(d.item_id, 0.0) + d.points)
    for f in insp_svc.active_findings(insp):
        item_or_none = index.get(f.item_id)
        if item_or_none is None:
            log.warning("finding %s of %s is not in its checklist", f.item_id, insp.uuid)
            continue
        a = answers.get(f.item_id)
        findings.append(
            FindingRow(
                item_id=f.item_id,
                text=Bi(item_or_none.text.zh, item_or_none.text.en),
                note=a.note if a is not None else "",
                # 扣分 on the 100-point scale (score.deductions): the register's column adds
                # up to 100 − the printed total.
                points_lost=lost_by_item.get(f.item_id, 0.0),
                severity=f.severity,
                source=item_or_none.source.ref if item_or_none.source else "",
                action=f.action,
                owner=f.owner,
                deadline=f.deadline,
                veto=item_or_none.veto,
                critical=item_or_none.critical,
                status=finding_status(f, today),
                answer=answer_text(item_or_none, a),
                closed_at=timefmt.local_day(f.closed_at, tz),
                source_inferred=bool(item_or_none.source and item_or_none.source.inferred),
                number=item_numbers.get(f.item_id, ""),
                repeat=bool(f.repeat_of),
                closed_via=f.closed_via,
            )
        )

    grade = checklist.grade(result.grade)
    veto = tuple(
        VetoFailure(
            item_id=i,
            text=Bi(index[i].text.zh, index[i].text.en),
            note=answers[i].note if i in answers else "",
            reason=_veto_reason(index[i]),
        )
        for i in result.veto_failed
    )
    snap = insp.snapshot
    branch = insp.branch
    return ReportData(
        branch=BranchInfo(branch.code, branch.name, branch.address or "", branch.region or ""),
        checklist=ChecklistInfo(
            snap.checklist_id, snap.version, snap.sha256, Bi(snap.title_zh, snap.title_en)
        ),
        inspection=InspectionMeta(
            uuid=insp.uuid,
            revision=insp.revision,
            status=insp.status,
            mode=insp.mode,
            inspector=insp.inspector,
            started_at=insp.started_at,
            updated_at=insp.updated_at,
            finalized_at=insp.finalized_at,
            content_sha256=insp.content_sha256,
            supersedes_revision=insp.supersedes_revision,
            amendment_reason=insp.amendment_reason,
            visit=_visit_rows(insp, checklist, lang, tz),
            narrative=insp.narrative or "",
            shopper_code=shopper_code(insp.inspector) if insp.mode == Mode.MYSTERY else "",
        ),
        score=ScoreSummary(
            total=result.total,
            base=result.base,
            penalties=result.penalties,
            grade=result.grade,
            grade_label=Bi(grade.label.zh, grade.label.en),
            passed=result.passed,
            veto_failures=veto,
            gates_failed=result.gates_failed,
            answered=result.answered,
            visible=result.visible,
        ),
        sections=tuple(sections),
        items=tuple(items),
        findings=tuple(findings),
        signoff=SignOff(
            inspector=insp.finalized_by or insp.inspector,
            manager_name=insp.manager_name or "",
            signed_at=insp.finalized_at,
            manager_signature=insp.manager_signature,
        ),
        draft=insp.status != insp_svc.FINALIZED,
        lang=lang,
        generated_at=generated,
        org=OrgInfo(
            name=settings_svc.get_text(session, "org.name"),
            logo=settings_svc.get_image(session, "org.logo"),
        ),
        filing=filing or Filing(),
        photo_size=photo_size,
        show_shopper_name=show_shopper_name,
        tz=tz,
    )


def build_report(
    session: Session,
    insp: Inspection,
    *,
    lang: str = "zh",
    progress: Progress | None = None,
    filing: Filing | None = None,
    photo_size: str = "normal",
    show_shopper_name: bool = False,
    tz: str | None = None,
) -> bytes:
    """The PDF report of ``insp`` (any revision; a draft gets a DRAFT watermark).

    ``progress(done, total)``: one step per photo rendered, one per photo placed in the
    PDF, and a last one when the file is complete. The other options: see
    :func:`build_report_data`.
    """
    check_lang(lang)
    n = len(insp.photos)
    total = 2 * n + 1
    data = build_report_data(
        session,
        insp,
        lang,
        progress=progress,
        progress_total=total,
        filing=filing,
        photo_size=photo_size,
        show_shopper_name=show_shopper_name,
        tz=tz,
    )

    def placed(done: int, _total: int) -> None:
        if progress is not None:
            progress(n + done, total)

    pdf = render_report(data, placed if progress is not None else None)
    if progress is not None:
        progress(total, total)
    log.info(
        "report of %s r%d (%s, %d photos): %d bytes", insp.uuid, insp.revision, lang, n, len(pdf)
    )
    return pdf


def _veto_reason(item: Item) -> Bi | None:
    """Why the item is a red line, as the checklist states it (older snapshots may not)."""
    r = item.veto_reason
    return Bi(r.zh, r.en) if r is not None else None
