"""The PDF renderer on plain ReportData (no database): fonts, text, images, safety, drafts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from inspector.reports import render_report
from inspector.reports.model import (
    PHOTO_LARGE_SIDE_PX,
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

HOSTILE = '<img src="/etc/passwd"> & <b>'
T0 = datetime(2024, 5, 6, 2, 30, tzinfo=UTC)


def jpeg(w: int, h: int, colour: tuple[int, int, int] = (40, 120, 200)) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGB", (w, h), colour)
    # A marker in the top-left corner so a page image shows which way is up.
    img.paste((250, 30, 30), (0, 0, w // 4, h // 4))
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


def photo(n: int, item_id: str, w: int = 600, h: int = 450, **kw: Any) -> PhotoData:
    data = jpeg(w, h, (40 + n * 7 % 200, 120, 200 - n * 5 % 150))
    return PhotoData(
        id=f"p{n}",
        item_id=item_id,
        jpeg=data,
        width=w,
        height=h,
        sha256=f"{n:02d}" * 32,
        taken_at=T0,
        imported_at=T0,
        gps=(22.54321, 114.05678) if n % 2 == 0 else None,
        **kw,
    )


def sample(
    *,
    lang: str = "zh",
    draft: bool = False,
    note: str = "坡道扶手松动，已拍照。",
    photos_per_item: int = 1,
    n_items: int = 6,
    signature: bytes | None = None,
) -> ReportData:
    sections = (
        SectionRow("s.entrance", Bi("无障碍出入口", "Accessible entrance"), 40, 5, 8, 62.5),
        SectionRow("s.service", Bi("柜面服务", "Counter service"), 60, 0, 4, 0.0, gated=True),
        SectionRow("s.edu", Bi("宣传教育", "Public education"), 10, 0, 0, None),
    )
    items: list[ItemRow] = []
    pn = 0
    for i in range(n_items):
        sid = "s.entrance" if i % 2 == 0 else "s.service"
        ph = []
        for _ in range(photos_per_item):
            ph.append(photo(pn, f"it.{i}"))
            pn += 1
        items.append(
            ItemRow(
                id=f"it.{i}",
                section_id=sid,
                text=Bi(f"检查项目{i}：坡道坡度不大于1:12", f"Item {i}: ramp slope no steeper"),
                answer=Bi("否", "No") if i == 0 else Bi("是", "Yes"),
                outcome="fail" if i == 0 else "pass",
                points=0 if i == 0 else 2,
                max_points=2,
                note=note if i == 0 else "",
                veto=i == 0,
                source="GB 50763-2012 3.4.4",
                photos=tuple(ph),
            )
        )
    findings = (
        FindingRow(
            item_id="it.0",
            text=items[0].text,
            note=note,
            points_lost=2,
            severity="high",
            source="GB 50763-2012 3.4.4",
            action="立即整改扶手",
            owner="王五",
            deadline=date(2024, 5, 7),
            veto=True,
        ),
    )
    return ReportData(
        branch=BranchInfo("310001", "深圳福田支行", "深圳市福田区深南大道1号", "华南"),
        checklist=ChecklistInfo("accessibility", "1.0.0", "ab" * 32, Bi("无障碍检查", "Access")),
        inspection=InspectionMeta(
            uuid="0f1e2d3c-4b5a-4697-8899-aabbccddeeff",
            revision=2,
            status="draft" if draft else "finalized",
            mode="onsite",
            inspector="张三",
            started_at=T0,
            finalized_at=None if draft else T0,
            content_sha256="cd" * 32,
        ),
        score=ScoreSummary(
            total=37.5,
            base=37.5,
            penalties=0,
            grade="fail",
            grade_label=Bi("不合格", "Fail"),
            passed=False,
            veto_failures=(VetoFailure("it.0", items[0].text),),
            answered=n_items,
            visible=n_items,
        ),
        sections=sections,
        items=tuple(items),
        findings=findings,
        signoff=SignOff("张三", "李四", T0, signature),
        draft=draft,
        lang=lang,
        generated_at=T0,
    )


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in reader(pdf).pages)


def _fonts(r: PdfReader) -> Iterator[tuple[str, Any]]:
    for page in r.pages:
        res = page.get("/Resources")
        fonts = res.get_object().get("/Font") if res else None
        if fonts is None:
            continue
        for name, ref in fonts.get_object().items():
            yield name, ref.get_object()


def _image_xobjects(r: PdfReader) -> set[Any]:
    found: set[Any] = set()

    def walk(res: Any) -> None:
        xobjs = res.get("/XObject") if res else None
        if xobjs is None:
            return
        for ref in xobjs.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.add(getattr(ref, "idnum", id(obj)))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in r.pages:
        res = page.get("/Resources")
        walk(res.get_object() if res else None)
    return found


def test_every_font_is_embedded() -> None:
    r = reader(render_report(sample(lang="both")))
    seen = 0
    for name, font in _fonts(r):
        seen += 1
        descriptors = [font.get("/FontDescriptor")]
        for d in font.get("/DescendantFonts", []) or []:
            descriptors.append(d.get_object().get("/FontDescriptor"))
        descriptors = [d.get_object() for d in descriptors if d is not None]
        assert descriptors, f"font {name} ({font.get('/BaseFont')}) has no descriptor"
        assert any("/FontFile2" in d for d in descriptors), f"{font.get('/BaseFont')} not embedded"
    assert seen > 0


def test_chinese_branch_name_and_total_are_text() -> None:
    text = text_of(render_report(sample()))
    assert "深圳福田支行" in text
    assert "37.50" in text
    assert "一票否决项不符合" in text
    assert "第 1 页 / 共" in text


def test_a_failed_red_line_prints_why_it_is_one() -> None:
    data = sample()
    reason = Bi(
        "规定要求当面公示，缺失即无法事前告知",
        "The rule requires it posted; without it nothing is told",
    )
    veto = (replace(data.score.veto_failures[0], reason=reason),)
    data = replace(data, score=replace(data.score, veto_failures=veto))
    text = text_of(render_report(data))
    assert "红线理由：规定要求当面公示" in text.replace("\n", "")
    en = text_of(render_report(replace(data, lang="en")))
    assert "Why it is a red line: The rule requires it posted" in en.replace("\n", " ")
    # Without a stated reason (an older snapshot) the box is as before.
    assert "红线理由" not in text_of(render_report(sample()))


def test_english_and_both() -> None:
    en = text_of(render_report(sample(lang="en")))
    assert "Page 1 of" in en
    assert "Veto (red-line) items failed" in en
    assert "检查项目" not in en  # checklist text in English only
    both = text_of(render_report(sample(lang="both")))
    assert "检查项目0" in both and "Item 0" in both


def test_one_image_per_photo_plus_signature() -> None:
    data = sample(photos_per_item=2, n_items=5)
    assert len(_image_xobjects(reader(render_report(data)))) == 10
    sig = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(sig, "PNG")
    with_sig = replace(data, signoff=replace(data.signoff, manager_signature=sig.getvalue()))
    assert len(_image_xobjects(reader(render_report(with_sig)))) == 11


def test_hostile_note_prints_literally() -> None:
    pdf = render_report(sample(note=HOSTILE))
    text = text_of(pdf)
    assert '<img src="/etc/passwd">' in text
    assert "& <b>" in text


def test_control_characters_and_unclosed_markup_do_not_break_the_build() -> None:
    pdf = render_report(sample(note="a\x00b\x07c <b><i> </a> ]]> &amp;"))
    assert "&amp;" in text_of(pdf)


def test_very_long_note_breaks_across_pages() -> None:
    short = len(reader(render_report(sample())).pages)
    long_note = ("消保检查发现的问题描述" * 2000)[:20_000]
    pdf = render_report(sample(note=long_note))
    assert len(reader(pdf).pages) >= short + 4


def test_unbroken_long_token_does_not_overflow() -> None:
    # No spaces, no CJK: a naive word wrap would leave one line running off the page.
    pdf = render_report(sample(note="x" * 5000))
    assert len(reader(pdf).pages) >= 2


def _images_by_page(r: PdfReader) -> list[set[Any]]:
    out = []
    for page in r.pages:
        res = page.get("/Resources")
        xobjs = res.get_object().get("/XObject") if res else None
        ids = set()
        for ref in xobjs.get_object().values() if xobjs is not None else []:
            if ref.get_object().get("/Subtype") == "/Image":
                ids.add(getattr(ref, "idnum", None))
        out.append(ids)
    return out


def test_draft_marks_every_page_with_one_drawn_image() -> None:
    pdf = render_report(sample(draft=True, photos_per_item=2))
    r = reader(pdf)
    assert len(r.pages) >= 3
    # One image object, drawn on every page: the watermark.
    common = set.intersection(*_images_by_page(r))
    assert len(common) == 1
    for n, page in enumerate(r.pages):
        t = page.extract_text() or ""
        # Said in words on every page (header, or the draft note on the cover) ...
        assert "草稿" in t, n
        # ... but the watermark itself is a picture: its letters never reach the text.
        assert "DRAFT" not in t and "草 稿" not in t, n
    final = reader(render_report(sample(photos_per_item=2)))
    assert not set.intersection(*_images_by_page(final))
    assert all("草稿" not in (p.extract_text() or "") for p in final.pages)


def test_english_draft_says_draft_in_words_only_in_the_header() -> None:
    r = reader(render_report(sample(draft=True, lang="en")))
    for page in r.pages:
        # The cover note or the running header, nothing interleaved.
        assert (page.extract_text() or "").count("DRAFT") == 1


def test_metadata_and_outline() -> None:
    r = reader(render_report(sample()))
    meta = r.metadata
    assert meta is not None
    assert "310001" in (meta.title or "")
    assert meta.author == "张三"
    assert "0f1e2d3c" in (meta.subject or "")
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    assert "问题与整改清单" in titles
    assert "证据附录" in titles


def _image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [img.image.size for page in reader(pdf).pages for img in page.images]


def test_large_photos_are_scaled_to_print_resolution() -> None:
    big = photo(1, "it.0", w=3000, h=2250)
    data = sample(n_items=1)
    # Two photos under one item: each is half the text width.
    pair = replace(data, items=(replace(data.items[0], photos=(big, photo(2, "it.0"))),))
    sizes = _image_sizes(render_report(pair))
    assert sizes and max(max(s) for s in sizes) <= PHOTO_MAX_SIDE_PX * 1.25
    # One photo alone under its item uses the full text width, so it keeps more pixels.
    alone = replace(data, items=(replace(data.items[0], photos=(big,)),))
    sizes = _image_sizes(render_report(alone))
    assert PHOTO_MAX_SIDE_PX * 1.25 < max(sizes[0]) <= PHOTO_LARGE_SIDE_PX * 1.25


def test_progress_counts_photos() -> None:
    calls: list[tuple[int, int]] = []
    render_report(sample(photos_per_item=3, n_items=3), lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 9)
    assert calls[-1] == (9, 9)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_progress_may_cancel() -> None:
    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done >= 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        render_report(sample(photos_per_item=2, n_items=3), cancel)


def test_unknown_lang_is_refused() -> None:
    with pytest.raises(ValueError, match="lang"):
        render_report(sample(lang="fr"))


def test_visit_facts_narrative_and_amendment_are_shown() -> None:
    data = sample(lang="en")
    meta = replace(
        data.inspection,
        mode="mystery",
        visit=((Bi("到达时间", "Arrival"), "09:05"), (Bi("排队号", "Ticket"), "A017")),
        narrative="The lobby manager greeted me at once. <script>",
        supersedes_revision=1,
        amendment_reason="added photos",
    )
    text = text_of(render_report(replace(data, inspection=meta)))
    assert "Mystery shopping" in text
    assert "Arrival" in text and "A017" in text
    assert "greeted me at once. <script>" in text
    assert "r1 → r2: added photos" in text


def test_report_without_findings_or_photos() -> None:
    data = sample(photos_per_item=0)
    data = replace(data, findings=(), score=replace(data.score, veto_failures=(), passed=True))
    text = text_of(render_report(data))
    assert "本次检查未发现问题" in text
    assert "本次检查无照片" in text
    assert "一票否决项不符合" not in text


def test_answers_are_phrased_for_people() -> None:
    from inspector.checklists import load_shipped
    from inspector.domain.answers import Answer
    from inspector.domain.checklist import Result
    from inspector.services.reports import answer_text

    c = load_shipped("example").resolved
    assert answer_text(c.item("ex.ramp_slope"), Answer(value=14.0)).zh == "1:14"
    assert answer_text(c.item("ex.counter_height"), Answer(value=780)).en == "780 mm"
    assert answer_text(c.item("ex.polite"), Answer(value=4)).zh == "4 / 5"
    assert answer_text(c.item("ex.answer_quality"), Answer(value="partly")).en == "Partly accurate"
    assert answer_text(c.item("ex.cash_kept"), Answer(value=False)).zh == "否"
    assert answer_text(c.item("ex.ramp"), Answer(result=Result.NA)).zh == "不适用"
    assert answer_text(c.item("ex.ramp"), None).en == "Not answered"
