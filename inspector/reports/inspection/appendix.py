"""The evidence appendix: every photo at print size with its capture facts."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from inspector.reports.inspection.base import LIGHT, Col, ReportBase, esc


class AppendixPart(ReportBase):
    """The evidence appendix: every photo at print size with its capture facts."""

    # ---- evidence appendix
    def _appendix(self) -> list[Flowable]:
        d, m = self.data, self.data.inspection
        out: list[Flowable] = [
            PageBreak(),
            self._heading(self.t("appendix"), self.plain("appendix"), 0, "H1"),
            self.p(self.t("package"), "H2"),
        ]
        ident = [
            ("uuid", esc(m.uuid)),
            ("revision", str(m.revision)),
            ("content_sha", esc(m.content_sha256) if m.content_sha256 else self.t("none")),
            ("checklist_sha", esc(d.checklist.sha256)),
        ]
        label_w = 38 * mm
        tbl = Table(
            [[self.p(self.t(k), "CellHead"), self.p(v, "Mono")] for k, v in ident],
            colWidths=[label_w, self.width - label_w],
        )
        st = self._table_style(header=False)
        st.append(("BACKGROUND", (0, 0), (0, -1), LIGHT))
        tbl.setStyle(self._ts(st))
        # The photo list's heading and note never end a page without the table's first rows.
        out += [tbl, Spacer(1, 4 * mm), CondPageBreak(40 * mm)]
        out.append(self.p(self.t("photos"), "H2"))
        photos = d.photos
        if not photos:
            out.append(self.p(self.t("no_photos")))
            return out
        out.append(self.p(self.t("device_claim", "<br/>"), "Small"))
        out.append(Spacer(1, 2 * mm))
        cols = (
            Col("no", fit=True),
            Col("item", fit=True, max_mm=30),
            Col("photo_sha", fit=True, max_mm=90),
            Col("taken_col", flex=1),
            Col("imported", flex=1),
        )
        rows: list[list[Flowable]] = [[self.p(self.t(c.key, "<br/>"), "CellHead") for c in cols]]
        for n, ph in enumerate(photos, start=1):
            taken = esc(self.dt(ph.taken_at)) if ph.taken_at else "—"
            if ph.gps is not None:
                taken += f"<br/>{ph.gps[0]:.5f}, {ph.gps[1]:.5f}"
            rows.append(
                [
                    self.p(str(n), "Cell"),
                    self.p(self.item_ref(ph.item_id, bold=False), "Cell"),
                    self.p(esc(ph.sha256), "Hash"),
                    self.p(taken, "Cell"),
                    self.p(esc(self.dt(ph.imported_at)), "Cell"),
                ]
            )
        item_texts = [self._numbers.get(ph.item_id, ph.item_id) for ph in photos]
        if self.show_ids:
            item_texts += [ph.item_id for ph in photos]
        # A SHA-256 is an identifier: its column is as wide as one hash in the hash font.
        sha_w = stringWidth("0" * 64, self.font, 6.5)
        texts: list[list[str]] = [[str(len(photos))], item_texts, [], [], []]
        texts = [t + self._label_lines(c.key) for t, c in zip(texts, cols, strict=True)]
        widths = self._fit(cols, texts)
        widths[2] = sha_w + 7
        rest = self.width - sum(widths[:3])
        widths[3] = widths[4] = rest / 2
        tbl = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(self._table_style()))
        out.append(tbl)
        return out
