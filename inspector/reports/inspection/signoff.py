"""The sign-off: who inspected, the manager's acknowledgement and signatures."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
)

from inspector.domain.checklist import Mode
from inspector.reports.inspection.base import RULE, ReportBase, esc


class SignOffPart(ReportBase):
    """The sign-off: who inspected, the manager's acknowledgement and signatures."""

    # ---- sign-off
    def _signoff(self) -> list[Flowable]:
        d, s = self.data, self.data.signoff
        mystery = d.inspection.mode == Mode.MYSTERY
        head = self._heading(self.t("signoff"), self.plain("signoff"), 0, "H1")
        blank = Spacer(1, 14 * mm)
        date_txt = esc(self.day(s.signed_at)) if s.signed_at else ""
        rows: list[list[Any]] = [
            [self.p(self.t(k), "CellHead") for k in ("role", "name", "signature", "date")]
        ]
        if mystery:
            rows.append(
                [
                    self.p(self.t("shopper"), "CellHead"),
                    self.p(esc(self._shopper_name(s.inspector)) or " ", "Body"),
                    blank,
                    self.p(date_txt, "Cell"),
                ]
            )
        else:
            rows.append(
                [
                    self.p(self.t("inspector"), "CellHead"),
                    self.p(esc(s.inspector) or " ", "Body"),
                    blank,
                    self.p(date_txt, "Cell"),
                ]
            )
            sig: Flowable = blank
            if s.manager_signature:
                sig = self._image_fit(s.manager_signature, 50 * mm, 14 * mm, "signature") or blank
            rows.append(
                [
                    self.p(self.t("manager"), "CellHead"),
                    self.p(esc(s.manager_name) or " ", "Body"),
                    sig,
                    self.p(date_txt if s.manager_name else "", "Cell"),
                ]
            )
        rows.append([self.p(self.t("hq_reviewer"), "CellHead"), self.p(" "), blank, self.p(" ")])
        seal_w = 46 * mm
        sign_w = self.width - seal_w - 4 * mm
        label_w = 24 * mm if self.lang == "zh" else 30 * mm
        date_w = 24 * mm
        name_w = 32 * mm
        sig_w = sign_w - label_w - date_w - name_w
        table = Table(rows, colWidths=[label_w, name_w, sig_w, date_w])
        style = self._table_style()
        style.append(("VALIGN", (0, 1), (-1, -1), "MIDDLE"))
        table.setStyle(self._ts(style))
        seal = Table(
            [[self.p(self.t("seal"), "Seal")]], colWidths=[seal_w - 4 * mm], rowHeights=[40 * mm]
        )
        seal.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE, None, (3, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ]
            )
        )
        org = d.org.name.strip()
        left: list[Flowable] = []
        if org:
            left.append(self.p(f"{self.lab('org')}{esc(org)}", "Body"))
            left.append(Spacer(1, 2 * mm))
        left.append(table)
        if mystery and not d.show_shopper_name:
            left.append(Spacer(1, 1.5 * mm))
            left.append(self.p(self.t("shopper_code_note"), "Small"))
        outer = Table([[left, seal]], colWidths=[sign_w + 4 * mm, seal_w])
        outer.setStyle(
            self._ts(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (0, 0), 0),
                    ("RIGHTPADDING", (0, 0), (0, 0), 4 * mm),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ]
            )
        )
        return [Spacer(1, 6 * mm), KeepTogether([head, outer])]
