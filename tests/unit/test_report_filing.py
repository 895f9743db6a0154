"""The inspection report as a document a bank files: read back from the PDF with pypdf.

Bookmarks open the page of their heading, the cover is an executive summary, the
rectification register is an action register, the sign-off block has what a filing
needs, a Chinese report is Chinese (and typeset as Chinese), photos are readable.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

from PIL import Image

from inspector.reports.inspection.base import NOTE_CUT, cut
from inspector.reports.inspection_report import render_report
from inspector.reports.model import (
    PHOTO_MAX_SIDE_PX,
    Bi,
    Filing,
    FindingRow,
    OrgInfo,
    ReportData,
)
from tests.pdfs import outline
from tests.unit.test_report_render import photo, reader, sample

CLOSING = "，。、；：！？）》」』】"
NO_WRITTEN = "行业惯例，未找到成文依据 (practice, no written source found)"


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in reader(pdf).pages]


def filing_sample(lang: str = "zh", **kw: object) -> ReportData:
    """Twelve items over two sections, a long note, several findings, a N/A section."""
    data = sample(lang=lang, n_items=12, photos_per_item=1, **kw)  # type: ignore[arg-type]
    items = tuple(
        replace(i, id=f"acc.item_{n}", number=f"{1 + n % 2}.{n // 2 + 1}")
        for n, i in enumerate(data.items)
    )
    items = tuple(
        replace(i, photos=tuple(replace(p, item_id=i.id) for p in i.photos)) for i in items
    )
    long_note = "扶手松动，坡道表面破损，已拍照留存。" * 30
    items = (replace(items[0], note=long_note, answer=Bi("5 / 7", "5 / 7")), *items[1:])
    findings = (
        FindingRow(
            item_id=items[0].id,
            text=items[0].text,
            note=long_note,
            points_lost=2,
            severity="high",
            source=NO_WRITTEN,
            source_inferred=True,
            action="立即整改扶手",
            owner="王五",
            deadline=date(2024, 5, 7),
            veto=True,
            status="overdue",
            answer=Bi("5 / 7", "5 / 7"),
            number=items[0].number,
        ),
        FindingRow(
            item_id=items[2].id,
            text=items[2].text,
            note="价目表未更新。",
            points_lost=1,
            severity="medium",
            source="《商业银行服务价格管理办法》(2014); 两告知两不准 (sales compliance training)",
            action="更换价目表",
            owner="运营主管李四",
            deadline=date(2024, 6, 1),
            status="closed",
            closed_at=date(2024, 5, 20),
            answer=Bi("否", "No"),
            number=items[2].number,
            repeat=True,
        ),
    )
    sections = (
        data.sections[0],
        replace(data.sections[1], percent=50.0, earned=2, possible=4, gated=False),
        data.sections[2],  # nothing applies: N/A
    )
    meta = replace(data.inspection, narrative="网点整体服务规范，无障碍设施需整改。")
    return replace(data, items=items, findings=findings, sections=sections, inspection=meta)


def test_every_bookmark_opens_the_page_of_its_heading() -> None:
    pdf = render_report(filing_sample())
    r = reader(pdf)
    texts = page_texts(pdf)
    entries = outline(r)
    assert len(entries) >= 6
    pages = {p for _, p in entries}
    assert len(pages) >= 4, entries  # not every bookmark on page 1
    for title, page in entries[1:]:  # [0] is the cover, titled by what it is
        words = title.split(". ", 1)[-1]
        assert words in texts[page].replace("\n", ""), (title, page)
    by_title = dict(entries)
    assert by_title["检查结论摘要"] == 0
    assert by_title["证据附录"] > by_title["检查项明细"] >= by_title["问题与整改清单"] >= 1


def test_section_heading_stays_with_its_first_item() -> None:
    pdf = render_report(filing_sample())
    texts = page_texts(pdf)
    for title, page in outline(reader(pdf)):
        if title.startswith("1. 无障碍") or title.startswith("2. 柜面"):
            number = title.split(".")[0]
            assert f"{number}.1 " in texts[page] or f"{number}.1" in texts[page], title


def test_long_note_is_cut_in_the_register_with_the_page_of_the_item() -> None:
    pdf = render_report(filing_sample())
    texts = page_texts(pdf)
    register = next(n for n, t in enumerate(texts) if "问题与整改清单" in t and "序号" in t)
    m = re.search(r"详见第 (\d+) 页", texts[register])
    assert m, texts[register]
    target = int(m.group(1)) - 1
    assert target >= register
    assert "1.1 [一票否决] · 检查项目0" in texts[target]
    # The register quotes the start of the note, cut with "…"; the rest is on the item page.
    quoted, was_cut = cut(filing_sample().findings[0].note, NOTE_CUT)
    assert was_cut and quoted.endswith("…")
    assert quoted in texts[register].replace("\n", "")


def test_cover_is_an_executive_summary() -> None:
    pdf = render_report(filing_sample())
    cover = page_texts(pdf)[0]
    order = ["消费者权益保护检查报告", "37.50", "不合格", "红线", "高 1", "已逾期 1", "主要问题"]
    positions = [cover.find(x) for x in order]
    assert all(p >= 0 for p in positions), list(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    assert "已整改 1" in cover and "网点整体服务规范" in cover  # the summary text
    assert "检查项目0" in cover  # the top finding by title


def test_not_applicable_section_is_na_never_zero() -> None:
    pdf = render_report(filing_sample())
    texts = page_texts(pdf)
    scores = next(t for t in texts if "评分与分项得分" in t)
    assert "宣传教育" in scores and "不适用" in scores
    # No 0.0 % in the table, no 0.0 bar in the chart (50.0 is the other section).
    assert not re.search(r"(?<![\d.])0\.0", scores)


def test_register_is_an_action_register() -> None:
    pdf = render_report(filing_sample())
    text = "\n".join(page_texts(pdf))
    start = text.index("问题与整改清单")
    register = text[start : text.index("检查项明细", start)]
    for header in (
        "序号",
        "检查项",
        "发现情况",
        "严重程度",
        "整改措施",
        "责任人",
        "整改期限",
        "状态",
    ):
        assert header in register, header  # never broken over two lines
    assert "5 / 7" in register  # what was seen: the answer itself
    assert "王五" in register and "运营主管李四" in register  # names whole
    assert "立即整改扶手" in register and "2024-05-07" in register
    assert "已逾期" in register and "已整改" in register and "2024-05-20" in register
    assert "行业通行做法" in register
    assert register.count("[屡查屡犯]") == 1  # the repeat of the previous inspection's finding


def test_chinese_report_has_no_english_and_no_raw_ids() -> None:
    pdf = render_report(filing_sample())
    text = "\n".join(page_texts(pdf))
    assert "acc.item_" not in text
    assert "practice" not in text and "fail" not in text.lower()
    assert "sales compliance" not in text
    # Latin words left: units of identity (SHA-256, UUID, UTC, EXIF), standard codes, hex.
    allowed = {"SHA", "UTC", "UUID", "EXIF", "GB", "CBSS", "CBA"}
    words = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in allowed}
    words = {w for w in words if not re.fullmatch(r"[0-9a-f]+", w.lower())}
    assert not words, sorted(words)
    en = "\n".join(page_texts(render_report(filing_sample(lang="en"))))
    assert "acc.item_0" in en and re.search(r"Established\s+practice", en)


def test_no_line_starts_with_closing_punctuation() -> None:
    # A note built so that a comma, a full stop or "）。" falls at every line position.
    note = "".join(f"检查{'甲' * k}，乙丙丁。（两不准之二）。" for k in range(1, 40))
    data = filing_sample()
    items = (replace(data.items[1], note=note), *data.items[2:])
    data = replace(data, items=(data.items[0], *items))
    data = replace(data, findings=(replace(data.findings[1], note=note, action=note[:90]),))
    for lang in ("zh", "both"):
        for page in reader(render_report(replace(data, lang=lang))).pages:
            for line in (page.extract_text() or "").splitlines():
                s = line.strip()
                assert not (s and s[0] in CLOSING), line


def test_ids_are_never_broken() -> None:
    text = "\n".join(page_texts(render_report(filing_sample())))
    assert "0f1e2d3c-4b5a-4697-8899-aabbccddeeff" in text
    assert "01" * 32 in text  # a photo's SHA-256 in the appendix, on one line


def test_sign_off_block_for_filing() -> None:
    logo = io.BytesIO()
    Image.new("RGB", (400, 120), (20, 60, 140)).save(logo, "PNG")
    data = replace(
        filing_sample(),
        org=OrgInfo("某某银行消费者权益保护部", logo.getvalue()),
        filing=Filing("消保检〔2024〕12号", "内部"),
    )
    pdf = render_report(data)
    texts = page_texts(pdf)
    assert "某某银行消费者权益保护部" in texts[0]
    assert "消保检〔2024〕12号" in texts[0] and "内部" in texts[0]
    assert "密级：内部" in texts[1]  # the classification heads every page
    last = texts[-1]
    for word in ("签署", "检查人", "张三", "网点负责人", "李四", "总行复核人", "盖章处", "日期"):
        assert word in last, word
    images = [img for page in reader(pdf).pages for img in page.images]
    plain = [img for page in reader(render_report(filing_sample())).pages for img in page.images]
    assert len(images) == len(plain) + 1  # the logo


def test_mystery_report_names_a_code_and_has_no_branch_signature() -> None:
    data = filing_sample()
    meta = replace(data.inspection, mode="mystery", inspector="赵六", shopper_code="MS-1A2B3C")
    data = replace(data, inspection=meta, signoff=replace(data.signoff, inspector="赵六"))
    text = "\n".join(page_texts(render_report(data)))
    assert "赵六" not in text and "MS-1A2B3C" in text
    assert "网点负责人" not in text and "总行复核人" in text
    assert (reader(render_report(data)).metadata or {}).get("/Author") != "赵六"
    named = "\n".join(page_texts(render_report(replace(data, show_shopper_name=True))))
    assert "赵六" in named


def test_large_photos_span_the_page() -> None:
    big = photo(1, "acc.item_3", w=2400, h=1800)
    data = filing_sample()
    two = (big, replace(big, id="p2"))
    data = replace(data, items=(*data.items[:3], replace(data.items[3], photos=two)))

    def widths(d: ReportData) -> list[int]:
        return [img.image.size[0] for p in reader(render_report(d)).pages for img in p.images]

    normal = widths(data)
    assert max(normal) <= PHOTO_MAX_SIDE_PX * 1.25  # a pair: half the width each
    every = widths(replace(data, photo_size="large"))
    assert sorted(every)[-2] > PHOTO_MAX_SIDE_PX * 1.5  # both photos of the pair, full width
    one = (replace(big, large=True), replace(big, id="p2"))
    per_photo = replace(data, items=(*data.items[:3], replace(data.items[3], photos=one)))
    w = widths(per_photo)
    assert max(w) > PHOTO_MAX_SIDE_PX * 1.5


def test_sections_and_items_are_numbered_for_citing() -> None:
    text = "\n".join(page_texts(render_report(filing_sample())))
    assert "1. 无障碍出入口" in text and "2. 柜面服务" in text
    assert re.search(r"1\.1 \[一票否决\]", text)


def test_cover_points_at_the_register_for_the_other_findings() -> None:
    data = filing_sample()
    more = tuple(replace(data.findings[1], item_id=f"acc.item_{n}") for n in range(3, 9))
    pdf = render_report(replace(data, findings=(*data.findings, *more)))
    texts = page_texts(pdf)
    assert "另有 3 项问题" in texts[0]
    m = re.search(r"详见第 (\d+) 页", texts[0])
    assert m and "问题与整改清单" in texts[int(m.group(1)) - 1]
    r = reader(pdf)
    links = [a.get_object() for a in r.pages[0].get("/Annots") or []]
    targets = [link["/Dest"][0].idnum for link in links if "/Dest" in link]
    assert r.pages[int(m.group(1)) - 1].indirect_reference.idnum in targets  # clickable


def test_no_heading_is_left_alone_at_the_foot_of_a_page() -> None:
    # Growing the register moves the later headings down the page, through its foot. The
    # first item under each heading is tall (a photo across the page, a short note).
    base = filing_sample()
    base = replace(base, items=(replace(base.items[0], note="扶手松动。"), *base.items[1:4]))
    firsts = {
        "问题与整改清单": "立即整改扶手",  # the first register row
        "检查项明细": "1.1 [一票否决] ·",
        "1. 无障碍出入口": "1.1 [",
        "2. 柜面服务": "2.1 ·",
    }
    for n in range(0, 24, 2):
        more = tuple(replace(base.findings[1], item_id=f"acc.item_{k % 12}") for k in range(n))
        pdf = render_report(replace(base, findings=(*base.findings, *more)))
        texts = page_texts(pdf)
        for title, page in outline(reader(pdf)):
            if title in firsts:
                assert firsts[title] in texts[page], f"{n} more findings: {title} alone"
