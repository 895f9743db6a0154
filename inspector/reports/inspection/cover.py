"""The cover: letterhead, the veto and score boxes, key figures, top findings, the facts."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    Table,
)

from inspector.domain import numbers
from inspector.domain.states import FindingState, Severity
from inspector.reports.inspection.base import (
    _OPTIONAL_STATES,
    _PLAIN_FAIL,
    _SEVERITY_COLOUR,
    LIGHT,
    RED,
    RULE,
    SUMMARY_CUT,
    TOP_FINDINGS,
    Col,
    PageRef,
    ReportBase,
    cut,
    esc,
    fmt_num,
)
from inspector.reports.labels import pick
from inspector.text import Text
from inspector.text.report import (
    CHECKLIST_VERSION,
    MODES,
    SEVERITIES_SHORT,
    STATUSES,
)


class CoverPart(ReportBase):
    """The cover: letterhead, the veto and score boxes, key figures, top findings, the facts."""

    # ---- cover: the executive summary
    def _cover(self) -> list[Flowable]:
        d = self.data
        out: list[Flowable] = [self._letterhead(), Spacer(1, 3 * mm)]
        out.append(self._heading(self.t("title", "<br/>"), self.plain("exec_summary"), 0, "Title"))
        out.append(self.p(self.bi(d.checklist.title, small_en=False), "Subtitle"))
        out.append(Spacer(1, 4 * mm))
        if d.draft:
            out.append(self._boxed(self.p(self.t("draft_note", "<br/>"), "Draft"), RED))
            out.append(Spacer(1, 3 * mm))
        out.append(self._score_box())
        out.append(Spacer(1, 3 * mm))
        out.append(self._figures())
        out.append(Spacer(1, 3 * mm))
        if d.score.veto_failures:
            out.append(self._veto_box())
            out.append(Spacer(1, 3 * mm))
        out += self._top_findings()
        summary = d.inspection.narrative.strip()
        if summary:
            text, was_cut = cut(summary, SUMMARY_CUT)
            out.append(self.p(self.t("summary_text"), "H3"))
            para = esc(text)
            out.append(self.p(para, "Body"))
            if was_cut:
                out.append(PageRef(self, "narrative", "full_text_below", 8))
            out.append(Spacer(1, 3 * mm))
        out.append(self.p(self.t("branch") + " · " + self.t("report_id"), "H3"))
        out.append(self._info_table())
        out.append(PageBreak())
        return out

    def _letterhead(self) -> Table:
        """Logo and organisation name on the left; 文号 and 密级 on the right."""
        d = self.data
        left: list[Flowable] = []
        if d.org.logo:
            logo = self._image_fit(d.org.logo, 45 * mm, 14 * mm, "organisation logo")
            if logo is not None:
                left.append(logo)
        if d.org.name.strip():
            left.append(self.p(esc(d.org.name.strip()), "Org"))
        if not left:
            left.append(Spacer(1, 1))
        fields = []
        for key, value in (
            ("doc_number", d.filing.number),
            ("classification", d.filing.classification),
        ):
            fields.append(
                [self.p(self.lab(key), "Cell"), self.p(esc(value.strip()) or " ", "Cell")]
            )
        label_w = 16 * mm if self.lang == "zh" else 26 * mm
        right = Table(fields, colWidths=[label_w, 40 * mm])
        right.setStyle(
            self._ts(
                [
                    ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        rw = label_w + 40 * mm
        tbl = Table([[left, right]], colWidths=[self.width - rw, rw])
        tbl.setStyle(
            self._ts(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return tbl

    def _boxed(self, content: Flowable, colour: colors.Color) -> Table:
        tbl = Table([[content]], colWidths=[self.width])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 1.5, colour),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF4F4")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return tbl

    def _veto_box(self) -> Table:
        sc = self.data.score
        rows: list[Flowable] = [
            self.p("■ " + self.t("veto_title"), "Veto"),
            self.p(self.t("veto_text", "<br/>"), "Body"),
        ]
        for v in sc.veto_failures:
            rows.append(
                self.p(
                    f"• {self.item_ref(v.item_id)} {self.bi(v.text, small_en=False)}", "VetoItem"
                )
            )
            if v.reason is not None:
                rows.append(self.p(f"{self.lab('veto_reason')}{self.bi(v.reason)}", "VetoReason"))
        inner = Table([[r] for r in rows], colWidths=[self.width - 16])
        inner.setStyle(
            self._ts(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return self._boxed(inner, RED)

    def _score_box(self) -> Table:
        sc = self.data.score
        verdict_colour = "#2E7D32" if sc.passed else "#B00020"
        verdict = self.t("passed" if sc.passed else "not_passed")
        grade = self.bi(sc.grade_label, small_en=False)
        if self.lang != "zh":
            grade += f'<br/><font size="9" color="#666666">{esc(sc.grade)}</font>'
        cells = [
            [
                self.p(self.t("total"), "BigLabel"),
                self.p(self.t("grade"), "BigLabel"),
                self.p(self.t("result"), "BigLabel"),
            ],
            [
                self.p(numbers.score(sc.total), "Big"),
                self.p(grade, "Verdict"),
                self.p(f'<font color="{verdict_colour}">{verdict}</font>', "Verdict"),
            ],
        ]
        w = self.width / 3
        tbl = Table(cells, colWidths=[w, w, w])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBEFORE", (1, 0), (2, 1), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return tbl

    def _figures(self) -> Table:
        """Four key figures: red lines, findings by severity, rectification, answers."""
        d = self.data
        sc = d.score
        sev: dict[str, int] = {k: 0 for k in Severity}
        status: dict[str, int] = {k: 0 for k in FindingState}
        for f in d.findings:
            sev[f.severity] = sev.get(f.severity, 0) + 1
            status[f.status] = status.get(f.status, 0) + 1
        n_veto = len(sc.veto_failures)
        veto_colour = "#B00020" if n_veto else "#2E7D32"

        def counts(table: dict[str, Text], values: dict[str, int]) -> str:
            return " · ".join(f"{self.pair(table, k)} {n}" for k, n in values.items())

        overdue = status.get(FindingState.OVERDUE, 0)
        for k in _OPTIONAL_STATES:
            if not status.get(k):
                status.pop(k, None)
        rect = counts(STATUSES, status)
        if overdue:
            rect = f'<font color="#B00020">{rect}</font>'
        cells = [
            [
                self.p(self.t(k), "BigLabel")
                for k in ("red_lines", "findings_by_sev", "rect_status")
            ],
            [
                self.p(f'<font color="{veto_colour}">{n_veto}</font>', "Figure"),
                self.p(counts(SEVERITIES_SHORT, sev), "Figure"),
                self.p(rect, "Figure"),
            ],
            [
                self.p(
                    f"{self.t('answered')} {sc.answered} / {sc.visible} · "
                    + self.tf(
                        "score_breakdown",
                        base=fmt_num(sc.base),
                        penalties=fmt_num(sc.penalties),
                        total=fmt_num(sc.total),
                    ),
                    "Small",
                ),
                "",
                "",
            ],
        ]
        w = self.width
        tbl = Table(cells, colWidths=[w * 0.26, w * 0.37, w * 0.37])
        tbl.setStyle(
            self._ts(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                    ("LINEBEFORE", (1, 0), (2, 1), 0.4, RULE),
                    ("SPAN", (0, 2), (-1, 2)),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return tbl

    def _top_findings(self) -> list[Flowable]:
        findings = self.data.findings
        if not findings:
            return [self.p(self.t("no_findings")), Spacer(1, 3 * mm)]
        out: list[Flowable] = [self.p(self.t("top_findings"), "H3")]
        rows = []
        for n, f in enumerate(findings[:TOP_FINDINGS], start=1):
            sev_colour = _SEVERITY_COLOUR.get(f.severity, "#333333")
            tag = f'<font color="#B00020">[{self.t("veto_tag")}]</font> ' if f.veto else ""
            seen = self.bi(f.answer, small_en=False) if f.answer.get(self.lang) else ""
            line = f"{tag}{self.item_ref(f.item_id)} {self.bi(f.text, small_en=False)}"
            if seen and f.answer.zh not in _PLAIN_FAIL:
                line += f' <font color="#666666">({self.lab("seen")}{seen})</font>'
            rows.append(
                [
                    self.p(str(n), "Cell"),
                    self.p(line, "Cell"),
                    self.p(
                        f'<font color="{sev_colour}">{self.pair(SEVERITIES_SHORT, f.severity)}'
                        "</font>",
                        "CellCenter",
                    ),
                    self.p(self._status_markup(f), "Cell"),
                ]
            )
        cols = [Col("no", fit=True), Col("item", flex=1), Col("severity", fit=True),
                Col("status", fit=True)]  # fmt: skip
        texts = [
            [str(len(rows))],
            [""],
            [pick(v, self.lang) for v in SEVERITIES_SHORT.values()],
            self._status_texts(),
        ]
        tbl = Table(rows, colWidths=self._fit(cols, texts), splitInRow=1)
        tbl.setStyle(self._ts(self._table_style(header=False)))
        out.append(tbl)
        more = len(findings) - TOP_FINDINGS
        if more > 0:
            out.append(self.p(self.tf("more_findings", n=more), "Small"))
            out.append(PageRef(self, "register", "see_page", 7.5))
        out.append(Spacer(1, 3 * mm))
        return out

    def _info_table(self) -> Table:
        d, m, b = self.data, self.data.inspection, self.data.branch
        branch = esc(f"{b.code} {b.name}".strip())
        if b.region:
            branch += f' <font color="#666666">({esc(b.region)})</font>'
        rows: list[tuple[str, str]] = [
            ("branch", branch),
            ("address", esc(b.address) if b.address else "—"),
            ("started", esc(self.dt(m.started_at))),
            (
                "finalized",
                esc(self.dt(m.finalized_at)) if m.finalized_at else self.t("not_finalized"),
            ),
            ("inspector", esc(self.person(m.inspector)) or "—"),
            ("mode", self.pair(MODES, m.mode)),
            (
                "checklist",
                f"{esc(d.checklist.id)} v{esc(d.checklist.version)} — "
                f"{self.bi(d.checklist.title, small_en=False)}",
            ),
            ("report_id", f"{esc(m.uuid)} · {self.t('revision')} {m.revision}"),
        ]
        if self.lang == "zh":
            # The checklist id is a file name, not Chinese: say the title and version.
            rows[6] = (
                "checklist",
                CHECKLIST_VERSION(
                    "zh", title=self.bi(d.checklist.title), version=esc(d.checklist.version)
                ),
            )
        if m.supersedes_revision is not None:
            rows.append(
                (
                    "amended",
                    f"r{m.supersedes_revision} → r{m.revision}: {esc(m.amendment_reason or '')}",
                )
            )
        label_w = 34 * mm if self.lang != "zh" else 24 * mm
        data = [[self.p(self.t(k), "CellHead"), self.p(v, "Cell")] for k, v in rows]
        tbl = Table(data, colWidths=[label_w, self.width - label_w], splitInRow=1)
        style = self._table_style(header=False)
        style.append(("BACKGROUND", (0, 0), (0, -1), LIGHT))
        tbl.setStyle(self._ts(style))
        return tbl
