"""Item details: each item's answer, note and photos."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Spacer,
    Table,
)

from inspector.domain.scoring import Outcome
from inspector.reports.inspection.base import ReportBase, downscale, esc, fmt_num
from inspector.reports.model import (
    PHOTO_BOX_MM,
    PHOTO_PRINT_DPI,
    ItemRow,
    PhotoData,
)
from inspector.text.report import (
    OUTCOMES,
)


class ItemsPart(ReportBase):
    """Item details: each item's answer, note and photos."""

    # ---- item details
    def _item_details(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(60 * mm)]
        # Headings waiting for the first item block: the part heading and each section
        # heading go onto the page of the item that follows them, never alone at a foot.
        heads: list[Flowable] = [self._heading(self.t("details"), self.plain("details"), 0, "H1")]
        by_section: dict[str, list[ItemRow]] = {}
        for item in self.data.items:
            by_section.setdefault(item.section_id, []).append(item)
        for n, sec in enumerate(self.data.sections, start=1):
            items = [i for i in by_section.get(sec.id, []) if i.outcome != "hidden" or i.photos]
            if not items:
                continue
            plain = f"{n}. {sec.title.get('en' if self.lang == 'en' else 'zh')}"
            heads.append(
                self._heading(f"{n}. {self.bi(sec.title, small_en=False)}", plain, 1, "H2")
            )
            for item in items:
                top, rest = self._item_block(item)
                out.append(KeepTogether([*heads, *top]))
                heads = []
                out += rest
        out += heads  # no item at all: the heading stands alone (nothing to keep it with)
        return out

    def _item_block(self, item: ItemRow) -> tuple[list[Flowable], list[Flowable]]:
        """The item's heading lines (kept together) and what follows (free to split)."""
        tags = ""
        if item.veto:
            tags += f' <font color="#B00020">[{self.t("veto_tag")}]</font>'
        if item.critical:
            tags += f' <font color="#C77700">[{self.t("critical_tag")}]</font>'
        colour = {"fail": "#B00020", "partial": "#C77700", "pass": "#2E7D32"}.get(
            item.outcome, "#444444"
        )
        head = self.p(f"{self.item_ref(item.id)}{tags} · {self.bi(item.text)}", "ItemHead")
        head._anchor = f"item:{item.id}"
        pts = (
            f"{fmt_num(item.points)} / {fmt_num(item.max_points)}"
            if item.max_points > 0 or item.outcome in (Outcome.PASS, Outcome.PARTIAL, Outcome.FAIL)
            else "—"
        )
        if item.penalty > 0:
            pts += f" (−{fmt_num(item.penalty)})"
        line = (
            f"{self.lab('answer')}{self.bi(item.answer, small_en=False)} · "
            f'{self.lab("result")}<font color="{colour}">{self.pair(OUTCOMES, item.outcome)}'
            f"</font> · {self.lab('points')}{pts}"
        )
        head_block: list[Flowable] = [head, self.p(line, "Body")]
        src = self.source(item.source, item.source_inferred)
        if src:
            head_block.append(self.p(f"{self.lab('source')}{src}", "Small"))
        out: list[Flowable] = []
        note = item.note.strip()
        short_note = len(note) <= 400
        if note:
            para = self.p(f"{self.lab('note')}{esc(note)}", "Body")
            # A short note stays with the heading; a long one flows across pages on its own
            # (outside any table and any KeepTogether, so it can split).
            (head_block if short_note else out).append(para)
        if item.photos:
            rows = self._photo_grid(item.photos)
            if short_note:
                # The first row of photos stays on the page of the item it belongs to (a
                # heading at the foot of a page with its photo overleaf reads as two items).
                head_block += [Spacer(1, 1.5 * mm), rows.pop(0)]
            else:
                out.append(Spacer(1, 1.5 * mm))
            out += rows
        out.append(Spacer(1, 2 * mm))
        return head_block, out

    def _photo_grid(self, photos: Sequence[PhotoData]) -> list[Flowable]:
        """Photos two per row; one photo alone, or a "large" one, across the text width.

        One small table per row so rows break between pages. A large photo is meant to be
        read (a fee schedule): it gets the full width and up to most of a page's height.
        """
        everything_large = self.data.photo_size == "large"
        single = len(photos) == 1
        out: list[Flowable] = []
        pending: list[PhotoData] = []

        def flush_pairs() -> None:
            for start in range(0, len(pending), 2):
                out.append(self._photo_row(pending[start : start + 2]))
            pending.clear()

        for photo in photos:
            if everything_large or photo.large or single:
                flush_pairs()
                out.append(self._photo_wide(photo, large=everything_large or photo.large))
            else:
                pending.append(photo)
        flush_pairs()
        return out

    def _photo_wide(self, photo: PhotoData, *, large: bool) -> Table:
        box_h = (185 if large else 120) * mm
        cell = [
            self._photo_image(photo, self.width - 6, box_h),
            self.p(self._caption(photo), "Caption"),
        ]
        tbl = Table([[cell]], colWidths=[self.width])
        tbl.setStyle(self._ts(self._photo_style()))
        tbl._photo_row = 1
        return tbl

    def _photo_row(self, pair: Sequence[PhotoData]) -> Table:
        col_w = self.width / 2
        box_w = min(PHOTO_BOX_MM * mm, col_w - 6)
        box_h = 70 * mm
        cells: list[list[Flowable]] = []
        for photo in pair:
            cells.append(
                [self._photo_image(photo, box_w, box_h), self.p(self._caption(photo), "Caption")]
            )
        while len(cells) < 2:
            cells.append([Spacer(1, 1)])
        tbl = Table([cells], colWidths=[col_w, col_w])
        tbl.setStyle(self._ts(self._photo_style()))
        tbl._photo_row = len(pair)
        return tbl

    def _photo_style(self) -> list[tuple[Any, ...]]:
        return [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]

    def _photo_image(self, photo: PhotoData, box_w: float, box_h: float) -> Image:
        scale = min(box_w / photo.width, box_h / photo.height)
        w, h = photo.width * scale, photo.height * scale
        data = photo.jpeg
        # More pixels than print needs at the placed size only make the file bigger.
        need = max(w, h) / 72 * PHOTO_PRINT_DPI
        if max(photo.width, photo.height) > need * 1.25:
            data = downscale(data, round(need))
        return Image(BytesIO(data), width=w, height=h)

    def _caption(self, photo: PhotoData) -> str:
        parts = [self.item_ref(photo.item_id)]
        parts.append(
            f"{self.t('taken')} {esc(self.dt(photo.taken_at))} ({self.t('device_time')})"
            if photo.taken_at
            else ""
        )
        if photo.gps is not None:
            lat, lon = photo.gps
            parts.append(f"{self.t('gps')} {lat:.5f}, {lon:.5f}")
        parts.append(f"SHA-256 {esc(photo.short_hash)}")
        if photo.redacted:
            parts.append(self.t("redacted"))
        text = " · ".join(p for p in parts if p)
        if photo.caption.strip():
            text += f"<br/>{esc(photo.caption.strip())}"
        return text
