"""Benchmark: the PDF report of an 80-item inspection with 60 photos.

Ours: :func:`inspector.reports.render_report` on plain report data (cover, findings,
80 item details, 60 photos with captions, evidence appendix, sign-off, CJK font subset).
Baseline, measured in the same run on the same photos: ReportLab placing the same 60
pre-scaled JPEGs (print size, as the services hand them over) on pages with the same
embedded font and nothing else - the least any PDF report with these photos must do.
Targets: ratio <= 1.5, file <= 15 MB.

Photo rendering from the database (``services.photo_variants.render``) is measured by
``bench_photos.py``; this one measures the report itself.
"""

from __future__ import annotations

import io
import random
import time
from datetime import UTC, date, datetime, timedelta

from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image as RLImage
from reportlab.platypus import Paragraph, SimpleDocTemplate

from inspector.reports.fonts import register_fonts
from inspector.reports.inspection_report import render_report
from inspector.reports.model import (
    PHOTO_MAX_SIDE_PX,
    Bi,
    BranchInfo,
    ChecklistInfo,
    FindingRow,
    InspectionMeta,
    ItemRow,
    PhotoData,
    ReportData,
    ScoreSummary,
    SectionRow,
    SignOff,
    VetoFailure,
)

N_ITEMS = 80
N_PHOTOS = 60
N_SECTIONS = 8
REPEATS = 3
T0 = datetime(2024, 5, 6, 2, 30, tzinfo=UTC)


def _photos() -> list[tuple[bytes, int, int]]:
    """Print-size JPEGs with photo-like detail (gradients, shapes, noise)."""
    rng = random.Random(7)
    out = []
    for i in range(N_PHOTOS):
        size = (PHOTO_MAX_SIDE_PX, PHOTO_MAX_SIDE_PX * 3 // 4)
        if i % 4 == 3:
            size = (size[1], size[0])  # some portrait photos
        r = Image.linear_gradient("L").resize(size).rotate(rng.uniform(0, 360))
        g = Image.effect_noise((size[0] // 6, size[1] // 6), 60).resize(size)
        b = Image.effect_noise(size, 35)
        img = Image.merge("RGB", (r, g, b))
        draw = ImageDraw.Draw(img)
        for _ in range(25):
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            colour = tuple(rng.randrange(256) for _ in range(3))
            draw.rectangle(
                (x, y, x + rng.randrange(20, 200), y + rng.randrange(20, 200)),
                outline=colour,
                width=rng.randrange(1, 8),
            )
        img = img.filter(ImageFilter.SMOOTH)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=90)
        out.append((buf.getvalue(), size[0], size[1]))
    return out


def make_data(photos: list[tuple[bytes, int, int]], lang: str = "zh") -> ReportData:
    rng = random.Random(11)
    sections = []
    items = []
    findings = []
    per_section = N_ITEMS // N_SECTIONS
    photo_iter = iter(enumerate(photos))
    for s in range(N_SECTIONS):
        sid = f"sec{s}"
        sections.append(
            SectionRow(
                sid, Bi(f"第{s + 1}部分 消费者权益保护", f"Part {s + 1}"), 10 + s, 8, 10, 80.0
            )
        )
        for k in range(per_section):
            n = s * per_section + k
            failed = n % 7 == 0
            item_photos = []
            if n % 4 != 3:  # 60 of 80 items carry a photo
                nxt = next(photo_iter, None)
                if nxt is not None:
                    i, (jpeg, w, h) = nxt
                    item_photos.append(
                        PhotoData(
                            id=f"p{i}",
                            item_id=f"it.{n}",
                            jpeg=jpeg,
                            width=w,
                            height=h,
                            sha256=f"{i:04x}" * 16,
                            taken_at=T0,
                            imported_at=T0,
                            gps=(22.5 + rng.random() / 100, 114.0 + rng.random() / 100),
                        )
                    )
            text = Bi(f"检查项{n}：营业网点应在显著位置公示投诉电话和处理流程", f"Item {n}: notice")
            note = "现场检查发现公示内容不完整，部分信息过期。" * (3 if failed else 1)
            items.append(
                ItemRow(
                    id=f"it.{n}",
                    section_id=sid,
                    text=text,
                    answer=Bi("否", "No") if failed else Bi("是", "Yes"),
                    outcome="fail" if failed else "pass",
                    points=0 if failed else 1,
                    max_points=1,
                    note=note,
                    veto=n == 0,
                    source="银保监发〔2019〕38号",
                    photos=tuple(item_photos),
                )
            )
            if failed:
                findings.append(
                    FindingRow(
                        item_id=f"it.{n}",
                        text=text,
                        note=note,
                        points_lost=1,
                        severity="high" if n == 0 else "medium",
                        source="银保监发〔2019〕38号",
                        action="更新公示内容",
                        owner="网点负责人",
                        deadline=date(2024, 5, 6) + timedelta(days=7),
                        veto=n == 0,
                    )
                )
    return ReportData(
        branch=BranchInfo("310001", "深圳福田支行", "深圳市福田区深南大道1号", "华南"),
        checklist=ChecklistInfo("comprehensive", "2.0.0", "ab" * 32, Bi("综合检查", "General")),
        inspection=InspectionMeta(
            uuid="0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
            revision=1,
            status="finalized",
            mode="onsite",
            inspector="张三",
            started_at=T0,
            finalized_at=T0,
        ),
        score=ScoreSummary(
            total=78.4,
            base=78.4,
            penalties=0,
            grade="pass",
            grade_label=Bi("合格", "Pass"),
            passed=False,
            veto_failures=(VetoFailure("it.0", items[0].text),),
            answered=N_ITEMS,
            visible=N_ITEMS,
        ),
        sections=tuple(sections),
        items=tuple(items),
        findings=tuple(findings),
        signoff=SignOff("张三", "李四", T0),
        draft=False,
        lang=lang,
        generated_at=T0,
    )


def baseline(photos: list[tuple[bytes, int, int]]) -> bytes:
    """ReportLab placing the same photos at the same size, with the same embedded font."""
    font, _ = register_fonts()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, initialFontName=font)
    style = ParagraphStyle("c", fontName=font, fontSize=8)
    story = []
    for i, (jpeg, w, h) in enumerate(photos):
        scale = min(84 * mm / w, 70 * mm / h)
        story.append(RLImage(io.BytesIO(jpeg), width=w * scale, height=h * scale))
        story.append(Paragraph(f"照片 {i}", style))
    doc.build(story)
    return buf.getvalue()


def _best(fn: object, *args: object) -> tuple[float, bytes]:
    best = float("inf")
    out = b""
    for _ in range(REPEATS):
        t = time.perf_counter()
        out = fn(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return best, out


def run() -> list[tuple[str, float, str]]:
    photos = _photos()
    register_fonts()
    baseline(photos[:2])  # warm-up: font file parsed once per process
    data = make_data(photos)
    t_base, _ = _best(baseline, photos)
    t_ours, pdf = _best(render_report, data)
    mb = len(pdf) / 1e6
    ratio = t_ours / t_base
    detail = (
        f"{N_ITEMS} items, {N_PHOTOS} photos: {t_ours:.2f}s vs baseline {t_base:.2f}s; "
        f"{mb:.1f} MB (target ratio <= 1.5, <= 15 MB)"
    )
    return [("report_pdf", ratio, detail)]


if __name__ == "__main__":
    for name, ratio, detail in run():
        print(f"{name}: ratio {ratio:.2f} - {detail}")
