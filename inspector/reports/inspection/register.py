"""The rectification register (整改清单): one row per finding."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Spacer,
    Table,
)

from inspector.domain import numbers
from inspector.reports.inspection.base import (
    _SEVERITY_COLOUR,
    NOTE_CUT,
    RED,
    Col,
    PageRef,
    ReportBase,
    cut,
    esc,
)
from inspector.reports.labels import pick
from inspector.reports.model import (
    FindingRow,
)
from inspector.text.report import (
    SEVERITIES_SHORT,
)


class RegisterPart(ReportBase):
    """The rectification register (整改清单): one row per finding."""

    # ---- the rectification register (整改清单)
    REGISTER = (
        Col("no", fit=True),
        Col("item", flex=3.0),
        Col("seen", flex=3.0),
        Col("severity", fit=True),
        Col("lost", fit=True),
        Col("action", flex=2.2),
        Col("owner", fit=True, max_mm=26),
        Col("deadline", fit=True),
        Col("status", fit=True),
    )

    def _findings(self) -> list[Flowable]:
        head = self._heading(self.t("findings"), self.plain("findings"), 0, "H1")
        head._anchor = "register"
        out: list[Flowable] = [CondPageBreak(45 * mm), head]
        findings = self.data.findings
        if not findings:
            out.append(self.p(self.t("no_findings")))
            out.append(Spacer(1, 6 * mm))
            return out
        cols = self.REGISTER
        rows: list[list[Any]] = [[self.p(self.t(c.key, "<br/>"), "CellHead") for c in cols]]
        style = self._table_style()
        for n, f in enumerate(findings, start=1):
            rows.append(self._finding_row(n, f))
            if f.veto:
                style += [
                    ("BACKGROUND", (0, n), (-1, n), colors.HexColor("#FDECEC")),
                    ("LINEBEFORE", (0, n), (0, n), 2.5, RED),
                ]
        texts: dict[str, list[str]] = {
            "no": [str(len(findings))],
            "severity": [pick(v, self.lang) for v in SEVERITIES_SHORT.values()],
            "lost": [numbers.score(f.points_lost) for f in findings],
            "owner": [f.owner for f in findings],
            "deadline": [self.day(f.deadline) for f in findings],
            "status": self._status_texts(),
        }
        col_texts = [texts.get(c.key, []) + self._label_lines(c.key) for c in cols]
        tbl = Table(rows, colWidths=self._fit(cols, col_texts), repeatRows=1, splitInRow=1)
        tbl.setStyle(self._ts(style))
        out.append(tbl)
        out.append(Spacer(1, 6 * mm))
        return out

    def _finding_row(self, n: int, f: FindingRow) -> list[Any]:
        tags = []
        if f.veto:
            tags.append(f'<font color="#B00020">[{self.t("veto_tag")}]</font>')
        elif f.critical:
            tags.append(f'<font color="#C77700">[{self.t("critical_tag")}]</font>')
        if f.repeat:
            tags.append(f'<font color="#B00020">[{self.t("repeat_tag")}]</font>')
        item = f"{' '.join(tags)} {self.item_ref(f.item_id)}<br/>{self.bi(f.text)}".strip()
        src = self.source(f.source, f.source_inferred)
        if src:
            item += f'<br/><font color="#666666" size="7">{self.lab("source")}{src}</font>'
        seen_parts = []
        if f.answer.get(self.lang):
            seen_parts.append(f"<b>{self.bi(f.answer, small_en=False)}</b>")
        note, was_cut = cut(f.note, NOTE_CUT)
        if note:
            seen_parts.append(esc(note))
        seen: list[Flowable] = [self.p("<br/>".join(seen_parts) or "—", "Cell")]
        if was_cut:
            seen.append(PageRef(self, f"item:{f.item_id}", "see_page", 7.5))
        sev_colour = _SEVERITY_COLOUR.get(f.severity, "#333333")
        cells: dict[str, Any] = {
            "no": self.p(str(n), "Cell"),
            "item": self.p(item, "Cell"),
            "seen": seen,
            "severity": self.p(
                f'<font color="{sev_colour}">{self.pair(SEVERITIES_SHORT, f.severity)}</font>',
                "CellCenter",
            ),
            "lost": self.p(numbers.score(f.points_lost) if f.points_lost else "—", "CellCenter"),
            "action": self.p(esc(f.action) if f.action else "—", "Cell"),
            "owner": self.p(esc(f.owner) if f.owner else "—", "Cell"),
            "deadline": self.p(esc(self.day(f.deadline)), "Cell"),
            "status": self.p(self._status_markup(f), "Cell"),
        }
        return [cells[c.key] for c in self.REGISTER]
