"""The HQ dashboard: compare branches, see what fails, follow rectification and evidence.

A tab of the main window working on the HQ database (SQLite or PostgreSQL). The filter bar
(region, period, checklist, mode) re-queries in a worker thread; the tabs show the league
table with trend sparklines, the area x branch heatmap, the items failed most often and the
veto failures, the score trend per region, rectification per branch, and photos flagged
for review, the scores per consumer right (八项权利) and the mystery-shopping visits
compared per scenario and section (the numbers of ``inspector hq rights`` and ``inspector hq
mystery`` for the same filter).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain import numbers, timefmt
from inspector.domain.checklist import Mode
from inspector.services.hq import rows as hq_rows
from inspector.services.hq import scope as hq_scope
from inspector.services.hq.rows import HqData, HqFilter, LeagueRow
from inspector.services.views import hq as hq_view
from inspector.ui.hq.charts import (
    BarChart,
    HeatmapData,
    HeatmapWidget,
    SparklineDelegate,
    TrendChart,
)
from inspector.ui.hq.models import (
    SORT_ROLE,
    AssessModel,
    FindingsModel,
    IntegrityModel,
    LeagueModel,
    MysteryScenarioModel,
    MysteryVisitModel,
    RectificationModel,
    RectifyModel,
    RightsModel,
    VetoModel,
)
from inspector.ui.hq.worker import HqLoader, HqResult
from inspector.ui.review_queue import ReviewQueue, queue_title

log = logging.getLogger(__name__)

PERIODS = ("all", "90d", "12m", "year", "custom")


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    if key == "90d":
        return today - timedelta(days=90), None
    if key == "12m":
        return today - timedelta(days=365), None
    if key == "year":
        return date(today.year, 1, 1), None
    return None, None


class HqDashboard(QWidget):
    """HQ view over all inspections in ``db``.

    Signals:
        refreshed: new data is on screen.
        failed(str): a query failed; the message is also shown in the status line.
        branch_activated(str): a branch (its code) was double-clicked in the league table.
    """

    refreshed = Signal()
    failed = Signal(str)
    branch_activated = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._loader = HqLoader(db, self)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._data: HqData | None = None
        self._league_shown: list[LeagueRow] | None = None
        self._heatmap_codes: list[str] = []  # the heatmap's rows (branch codes)
        self._result: HqResult | None = None
        self._build()

    # ------------------------------------------------------------ layout
    def _table(self, model: QAbstractTableModel) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView(self)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    def _build(self) -> None:
        self.region_box = QComboBox(self)
        self.period_box = QComboBox(self)
        for key, text in zip(
            PERIODS,
            (
                self.tr("All time"),
                self.tr("Last 90 days"),
                self.tr("Last 12 months"),
                self.tr("This year"),
                self.tr("From … to …"),
            ),
            strict=True,
        ):
            self.period_box.addItem(text, key)
        # Shown for "From … to …": any period, e.g. a quarter for the regulator's report.
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-3), self)
        self.to_edit = QDateEdit(today, self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._custom_dates_changed)
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self.checklist_box = QComboBox(self)
        self.mode_box = QComboBox(self)
        self.mode_box.addItem(self.tr("All modes"), "")
        self.mode_box.addItem(self.tr("On-site"), "onsite")
        self.mode_box.addItem(self.tr("Mystery shopper"), "mystery")
        self._fill_choices([], [])
        # Finalized inspections only unless asked: a half-answered draft would rank a
        # branch on little. Drafts shown are marked as drafts on every row.
        self.drafts_box = QCheckBox(self.tr("Include drafts"), self)
        self.drafts_box.setToolTip(
            self.tr(
                "Count draft (not finalized) inspections too; they are marked as drafts. "
                "Half-answered drafts can move a branch in the league."
            )
        )
        self.drafts_box.toggled.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        for box in (self.region_box, self.period_box, self.checklist_box, self.mode_box):
            box.currentIndexChanged.connect(self.refresh)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        bar = QHBoxLayout()
        for label, box in (
            (self.tr("Region"), self.region_box),
            (self.tr("Period"), self.period_box),
            (self.tr("Checklist"), self.checklist_box),
            (self.tr("Mode"), self.mode_box),
        ):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(box)
            if box is self.period_box:
                bar.addWidget(self.from_edit)
                bar.addWidget(self.to_edit)
        bar.addWidget(self.drafts_box)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)

        self.summary_label = QLabel(self)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet("color: #5f6b7a;")

        self.league_model = LeagueModel(self)
        self.league_view = self._table(self.league_model)
        self.league_view.setItemDelegateForColumn(LeagueModel.COL_TREND, SparklineDelegate(self))
        self.league_view.setToolTip(self.tr("Double-click a branch to list its inspections"))
        self.league_view.doubleClicked.connect(self._league_double_clicked)
        self.heatmap = HeatmapWidget()
        self.heatmap.setToolTip(self.tr("Double-click a branch to list its inspections"))
        self.heatmap.row_activated.connect(self._heatmap_row_activated)
        heat_scroll = QScrollArea(self)
        heat_scroll.setWidget(self.heatmap)
        heat_scroll.setWidgetResizable(False)
        heat_box = QWidget(self)
        hl = QVBoxLayout(heat_box)
        hl.setContentsMargins(0, 0, 0, 0)
        self.heatmap_title = QLabel(self.tr("Area scores, latest inspection per branch and area"))
        hl.addWidget(self.heatmap_title)
        hl.addWidget(heat_scroll)
        branches_tab = QSplitter(Qt.Orientation.Vertical, self)
        branches_tab.addWidget(self.league_view)
        branches_tab.addWidget(heat_box)
        branches_tab.setSizes([380, 260])

        self.bars = BarChart()
        bars_scroll = QScrollArea(self)
        bars_scroll.setWidget(self.bars)
        bars_scroll.setWidgetResizable(True)
        self.veto_model = VetoModel(self)
        self.veto_view = self._table(self.veto_model)
        items_tab = QSplitter(Qt.Orientation.Vertical, self)
        items_tab.addWidget(self._titled(self.tr("Items failed most often"), bars_scroll))
        items_tab.addWidget(self._titled(self.tr("Veto failures"), self.veto_view))
        items_tab.setSizes([360, 240])

        self.trend_chart = TrendChart(self)
        self.trend_title = QLabel(self)
        self.trend_title.setStyleSheet("font-weight: bold;")
        self.trend_step_box = QComboBox(self)
        self.trend_step_box.addItem(self.tr("Monthly"), "month")
        self.trend_step_box.addItem(self.tr("Quarter on quarter"), "quarter")
        self.trend_step_box.currentIndexChanged.connect(self._show_trend)
        trend_top = QHBoxLayout()
        trend_top.addWidget(self.trend_title, 1)
        trend_top.addWidget(self.trend_step_box)
        trend_tab = QWidget(self)
        tl = QVBoxLayout(trend_tab)
        tl.setContentsMargins(0, 4, 0, 0)
        tl.addLayout(trend_top)
        tl.addWidget(self.trend_chart, 1)

        self.rect_model = RectificationModel(self)
        self.rect_view = self._table(self.rect_model)
        self.findings_model = FindingsModel(self)
        self.findings_view = self._table(self.findings_model)
        rect_tab = QSplitter(Qt.Orientation.Horizontal, self)
        rect_tab.addWidget(self._titled(self.tr("Rectification per branch"), self.rect_view))
        rect_tab.addWidget(self._titled(self.tr("Open and overdue findings"), self.findings_view))
        rect_tab.setSizes([380, 620])

        self.integrity_model = IntegrityModel(self)
        self.integrity_view = self._table(self.integrity_model)
        integrity_tab = self._titled(
            self.tr(
                "Photos to review: the same image in other inspections, or a capture "
                "time outside the visit (device clocks can be wrong)"
            ),
            self.integrity_view,
        )

        rights_tab = self._build_rights()
        mystery_tab = self._build_mystery()
        assess_tab = self._build_assessment()

        self.tabs = QTabWidget(self)
        self.tabs.addTab(branches_tab, self.tr("Branches"))
        self.tabs.addTab(items_tab, self.tr("Items and vetoes"))
        self.tabs.addTab(trend_tab, self.tr("Trend"))
        self.tabs.addTab(rect_tab, self.tr("Rectification"))
        self.tabs.addTab(integrity_tab, self.tr("Evidence integrity"))
        self.tabs.addTab(rights_tab, self.tr("Consumer rights"))
        self.tabs.addTab(mystery_tab, self.tr("Mystery shopping"))
        # The rectification loop: branch responses to review, notices to send.
        self.review_queue = ReviewQueue(self._db, self)
        self.review_queue.changed.connect(self.refresh)
        self.tabs.addTab(self.review_queue, queue_title())
        self.tabs.addTab(assess_tab, self.tr("Branch assessment"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

    def _note(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #5f6b7a;")
        return label

    def _stack(self, content: QWidget) -> tuple[QStackedWidget, QLabel]:
        """``content`` or, when there is nothing to show, a centred line saying why."""
        stack = QStackedWidget(self)
        stack.addWidget(content)
        empty = QLabel(self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setTextFormat(Qt.TextFormat.PlainText)
        empty.setStyleSheet("color: #5f6b7a; font-size: 11pt;")
        stack.addWidget(empty)
        return stack, empty

    def _build_rights(self) -> QWidget:
        self.rights_model = RightsModel(self)
        self.rights_model.relabel(self.language())  # right names before the first load
        self.rights_view = self._table(self.rights_model)
        self.rights_show_box = QComboBox(self)
        self.rights_show_box.addItem(self.tr("Eight consumer rights"), RightsModel.RIGHTS)
        self.rights_show_box.addItem(self.tr("Evaluation elements"), RightsModel.ELEMENTS)
        self.rights_show_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rights_show_box.currentIndexChanged.connect(self._show_rights)
        self.rights_note = self._note()
        self.rights_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by code, as the CLI
        self.rights_stack, self.rights_empty = self._stack(self.rights_view)
        return self._choice_tab(
            self.tr("Show"), self.rights_show_box, self.rights_note, self.rights_stack
        )

    def _build_assessment(self) -> QWidget:
        """The 消保考核 (``hq assess``) and the rectification figures (``hq rectification``)."""
        self.assess_model = AssessModel(self)
        self.assess_model.relabel(self.language())  # its headers are data labels
        self.assess_view = self._table(self.assess_model)
        self.assess_view.setToolTip(self.tr("Click a branch to see where its points came from"))
        self.assess_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by rank, as the CLI
        self.assess_view.clicked.connect(self._explain_assessment)
        self.assess_view.doubleClicked.connect(self._assess_double_clicked)
        self.assess_view.selectionModel().currentRowChanged.connect(self._explain_assessment)
        self.assess_note = self._note()
        self.plan_note = self._note()  # coverage and HQ's plan, as `hq coverage` counts them
        self.plan_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assess_explain = QLabel(self)
        self.assess_explain.setWordWrap(True)
        self.assess_explain.setTextFormat(Qt.TextFormat.PlainText)
        self.assess_explain.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.assess_explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain_scroll = QScrollArea(self)
        explain_scroll.setWidget(self.assess_explain)
        explain_scroll.setWidgetResizable(True)
        self.rectify_model = RectifyModel(self)
        self.rectify_view = self._table(self.rectify_model)
        self.rectify_note = self._note()
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(self._titled(self.tr("Where the points came from"), explain_scroll))
        rect_box = QWidget(self)
        rl = QVBoxLayout(rect_box)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(
            self._titled(self.tr("Rectification per branch and region"), self.rectify_view)
        )
        rl.addWidget(self.rectify_note)
        lower.addWidget(rect_box)
        lower.setSizes([420, 580])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.assess_view)
        split.addWidget(lower)
        split.setSizes([330, 270])
        tab = QWidget(self)
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.assess_note)
        lay.addWidget(self.plan_note)
        lay.addWidget(split, 1)
        return tab

    def _explain_assessment(self, index: QModelIndex) -> None:
        result = self._result
        if result is None or result.data.assessment is None or not index.isValid():
            return
        proxy = self.assess_view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.assess_model.row(proxy.mapToSource(index).row())
        lang = self.language()
        lines = [f"{row.code} {row.name}"]
        if row.score is None:
            lines.append(self.tr("Not assessed: no finalized inspection or visit in the period."))
        else:
            lines.append(
                self.tr("Score %1 · rank %2 in the bank, %3 in %4")
                .replace("%1", numbers.score(row.score))
                .replace("%2", str(row.rank))
                .replace("%3", str(row.region_rank))
                .replace("%4", row.region)
            )
            for c in row.components:
                lines.append(f"• {c.title(lang)}: {c.explain(lang)}")
        self.assess_explain.setText("\n".join(lines))

    def _show_assessment(self, data: HqData, lang: str) -> None:
        result = data.assessment
        if result is None:
            return
        for model in (self.assess_model, self.rectify_model):
            model.relabel(lang)
            model.tz = data.tz
        self.assess_model.set_rows(result.rows)
        self.assess_view.resizeColumnsToContents()
        self.assess_note.setText(
            self.tr(
                "%1 · period: %2 · region and period from the filter above; "
                "other filters do not apply."
            )
            .replace("%1", result.rule.stamp(lang))
            .replace("%2", data.filter.period(lang))
        )
        self.assess_explain.setText(self.tr("Click a branch to see where its points came from."))
        if data.coverage is not None:
            cov = data.coverage
            self.plan_note.setText(f"{cov.statement(lang)}\n{cov.plan_overview(lang)}")
        rec = data.rectify
        if rec is not None:
            self.rectify_model.set_rows([*rec.branches, *rec.regions])
            self.rectify_view.resizeColumnsToContents()
            self.rectify_note.setText(
                self.tr(
                    "Overdue as of %1; repeats as HQ evaluates them over all its data."
                ).replace("%1", rec.today.isoformat())
            )

    def _build_mystery(self) -> QWidget:
        self.wave_box = QComboBox(self)
        self.wave_box.addItem(self.tr("All waves"), "")
        self.wave_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.wave_box.currentIndexChanged.connect(self.refresh)
        self.mystery_note = self._note()
        self.scenario_model = MysteryScenarioModel(self)
        self.scenario_view = self._table(self.scenario_model)
        self.visit_model = MysteryVisitModel(self)
        self.visit_view = self._table(self.visit_model)
        # Scenario by scenario and visits by branch code, as 'hq mystery' lists them.
        self.scenario_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.visit_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(
            self._titled(
                self.tr("Per scenario: average total and each section's average percent"),
                self.scenario_view,
            )
        )
        # Said when only the newest visits are listed (hq_mystery.PAGE of many).
        self.visit_page_note = self._note()
        self.visit_page_note.hide()
        split.addWidget(self._titled(self.tr("Visits"), self.visit_view, note=self.visit_page_note))
        split.setSizes([200, 400])
        self.mystery_stack, self.mystery_empty = self._stack(split)
        return self._choice_tab(
            self.tr("Wave"), self.wave_box, self.mystery_note, self.mystery_stack
        )

    def _choice_tab(self, label: str, choice: QComboBox, note: QLabel, body: QWidget) -> QWidget:
        """A tab with a labelled choice and a note above its body."""
        top = QHBoxLayout()
        top.addWidget(QLabel(label, self))
        top.addWidget(choice)
        top.addWidget(note, 1)
        tab = QWidget(self)
        lay = QVBoxLayout(tab)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addLayout(top)
        lay.addWidget(body, 1)
        return tab

    def _titled(self, title: str, widget: QWidget, *, note: QLabel | None = None) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title, box)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight: bold;")
        lay.addWidget(label)
        if note is not None:
            lay.addWidget(note)
        lay.addWidget(widget, 1)
        return box

    def _fill_choices(self, regions: list[str], checklists: list[str]) -> None:
        """Refill the region and checklist boxes, keeping the current choice."""
        for box, values, all_text in (
            (self.region_box, regions, self.tr("All regions")),
            (self.checklist_box, checklists, self.tr("All checklists")),
        ):
            current = box.currentData() or ""
            box.blockSignals(True)
            box.clear()
            box.addItem(all_text, "")
            for v in values:
                label = (
                    hq_scope.checklist_title(v, self.language()) if box is self.checklist_box else v
                )
                box.addItem(label, v)
            i = box.findData(current)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)

    # ------------------------------------------------------------ behaviour
    def language(self) -> str:
        """'zh' when the Chinese translation is loaded (for data labels such as area titles)."""
        # Translators: answer "zh" in the Chinese translation.
        return "zh" if self.tr("en") == "zh" else "en"

    def _period_changed(self) -> None:
        custom = self.period_box.currentData() == "custom"
        self.from_edit.setVisible(custom)
        self.to_edit.setVisible(custom)

    def _custom_dates_changed(self) -> None:
        if self.period_box.currentData() == "custom":
            self.refresh()

    def current_filter(self, today: date | None = None) -> HqFilter:
        key = self.period_box.currentData() or "all"
        d_from: date | None
        d_to: date | None
        if key == "custom":
            a, b = self.from_edit.date().toPython(), self.to_edit.date().toPython()
            assert isinstance(a, date) and isinstance(b, date)
            d_from, d_to = min(a, b), max(a, b)  # a reversed range still means that span
        else:
            d_from, d_to = period_range(key, today or timefmt.today())
        return HqFilter(
            region=self.region_box.currentData() or None,
            date_from=d_from,
            date_to=d_to,
            checklist_id=self.checklist_box.currentData() or None,
            mode=Mode(mode) if (mode := self.mode_box.currentData()) else None,
            include_drafts=self.drafts_box.isChecked(),
        )

    def refresh(self) -> None:
        """Query again with the current filters (in the background)."""
        self.status_label.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        self.review_queue.refresh()
        self._loader.request(self.current_filter(), self.wave_box.currentData() or None)

    def data(self) -> HqData | None:
        return self._data

    def result(self) -> HqResult | None:
        """Everything on screen: the HQ views, consumer rights and mystery shopping."""
        return self._result

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._loader.wait(msecs)

    def _on_failed(self, request: int, message: str) -> None:
        if request != self._loader.latest:
            return
        self.refresh_button.setEnabled(True)
        self.status_label.setText(self.tr("Could not load the HQ views: %1").replace("%1", message))
        self.failed.emit(message)

    def _heatmap_row_activated(self, row: int) -> None:
        """Drill down: a heatmap row opens that branch's inspections."""
        codes = self._heatmap_codes
        if 0 <= row < len(codes):
            self.branch_activated.emit(codes[row])

    def _assess_double_clicked(self, index: QModelIndex) -> None:
        proxy = self.assess_view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        self.branch_activated.emit(self.assess_model.row(proxy.mapToSource(index).row()).code)

    def _league_double_clicked(self, index: QModelIndex) -> None:
        proxy = self.league_view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.league_model.row(proxy.mapToSource(index).row())
        self.branch_activated.emit(row.code)

    def _set_view_language(self, data: HqData, lang: str) -> None:
        for model in (
            self.league_model,
            self.veto_model,
            self.rect_model,
            self.findings_model,
            self.integrity_model,
        ):
            model.lang = lang
            model.tz = data.tz

    def _show_league(self, data: HqData, lang: str) -> None:
        self._set_view_language(data, lang)
        self._league_shown = data.league
        self.league_model.grade_text = lambda code: data.grade_label(code, lang)
        self.league_model.set_rows(data.league)
        self.league_view.resizeColumnsToContents()
        self.league_view.setColumnWidth(LeagueModel.COL_TREND, 100)
        hm = data.heatmap
        self._heatmap_codes = list(hm.branches)
        self.heatmap.set_data(
            HeatmapData(
                rows=[f"{c} {hm.branch_names.get(c, '')}" for c in hm.branches],
                columns=[hm.area_title(a, lang) for a in hm.areas],
                values=[[hm.value(c, a) for a in hm.areas] for c in hm.branches],
            ),
            self.tr("No section scores in this selection"),
        )

    def _on_loaded(self, request: int, result: HqResult) -> None:
        if request != self._loader.latest:
            return  # an older query finished after a newer one was asked for
        data = result.data
        lang = self.language()
        if not data.complete:
            # The first views: league and heatmap now, the rest when it arrives.
            self._fill_choices(result.regions, result.checklists)
            self._show_league(data, lang)
            return
        self.refresh_button.setEnabled(True)
        self._data = data
        self._result = result
        self._show_extras(result, lang)
        self._show_assessment(data, lang)
        if self._league_shown is not data.league:
            self._show_league(data, lang)
        self.bars.set_items(
            [
                (
                    f.text(lang),
                    float(f.failures),
                    self.tr("%1: failed %2 times in %3 branches")
                    .replace("%1", f.text(lang))
                    .replace("%2", str(f.failures))
                    .replace("%3", str(f.branches)),
                )
                for f in data.failing
            ],
            self.tr("No failed items in this selection"),
        )
        self.veto_model.set_rows(data.vetoes)
        self.veto_view.resizeColumnsToContents()
        self._show_trend()
        self.rect_model.set_rows(data.rectification)
        self.rect_view.resizeColumnsToContents()
        self.findings_model.set_rows(data.findings)
        self.findings_view.resizeColumnsToContents()
        self.integrity_model.set_rows(data.integrity)
        self.integrity_view.resizeColumnsToContents()
        open_n = sum(r.open for r in data.rectification)
        overdue_n = sum(r.overdue for r in data.rectification)
        avg = numbers.score(data.average)
        summary = (
            self.tr(
                "%1 inspections · %2 branches · average %3 · %4 veto failures · "
                "%5 open findings, %6 overdue · %7 photos to review"
            )
            .replace("%1", str(data.inspections))
            .replace("%2", str(data.branches))
            .replace("%3", avg)
            .replace("%4", str(data.veto_total))
            .replace("%5", str(open_n))
            .replace("%6", str(overdue_n))
            .replace("%7", str(len(data.integrity)))
        )
        summary += " · " + self.tr("League: %1").replace("%1", data.league_scope(lang))
        absent = len(data.unranked())
        if absent:
            summary += " · " + self.tr(
                "%1 branches not ranked (no such inspection; listed last)"
            ).replace("%1", str(absent))
        if data.filter.drafts:
            summary += " · " + self.tr("includes %1 draft(s), marked [draft]").replace(
                "%1", str(data.drafts)
            )
        self.summary_label.setText(summary)
        untrusted = sum(1 for r in data.league if r.untrusted)
        status = (
            self.tr("Updated %1 · %2")
            .replace("%1", timefmt.fmt_datetime(data.generated_at, data.tz))
            .replace("%2", data.filter.describe(lang))
        )
        if untrusted:
            status += " · " + self.tr("⚠ marks branches with inspections from untrusted devices")
        self.status_label.setText(status)
        self.refreshed.emit()

    def _show_trend(self) -> None:
        """The league's checklist and mode, month by month or quarter on quarter."""
        data = self._data
        if data is None:
            return
        lang = self.language()
        by_region: dict[str, dict[str, float]] = {}
        if self.trend_step_box.currentData() == "quarter":
            scope = (data.league_checklist, data.league_mode)
            for q in data.quarters:
                if (q.checklist_id, q.mode) == scope and q.average is not None:
                    by_region.setdefault(q.region, {})[q.quarter] = q.average
            title = self.tr("Quarterly average score, like with like: %1")
        else:
            for p in data.trend:
                by_region.setdefault(p.region, {})[p.period] = p.average
            title = self.tr("Monthly average score, like with like: %1")
        periods = sorted({k for v in by_region.values() for k in v})
        series = [(self.tr("All regions"), [by_region.get("", {}).get(m) for m in periods])]
        series += [(r, [v.get(m) for m in periods]) for r, v in sorted(by_region.items()) if r]
        self.trend_chart.set_series(periods, series, self.tr("No scores in this selection"))
        self.trend_title.setText(title.replace("%1", data.league_scope(lang)))

    def _show_extras(self, result: HqResult, lang: str) -> None:
        data = result.data
        for model in (self.rights_model, self.scenario_model, self.visit_model):
            model.lang = lang
            model.tz = data.tz
        self.visit_model.grade_text = lambda code: data.grade_label(code, lang)
        self._show_rights()
        if result.mystery is not None:
            self._show_mystery(result.mystery, lang)

    def _show_rights(self) -> None:
        result = self._result
        if result is None or result.rights is None:
            return
        view = result.rights
        lang = self.language()
        self.rights_model.set_view(view, self.rights_show_box.currentData() or RightsModel.RIGHTS)
        self.rights_view.resizeColumnsToContents()
        title = result.data.checklist_title(view.checklist, lang)
        scope = title
        if view.mode:
            scope += " · " + hq_rows.mode_label(view.mode, lang)
        if view.region:
            scope += " · " + view.region
        self.rights_note.setText(
            self.tr(
                "%1: each branch's latest finalized inspection; percent of the points possible "
                "for each right (items not applicable left out). Period and drafts do not "
                "apply here."
            ).replace("%1", scope)
        )
        self.rights_empty.setText(
            self.tr("No finalized inspection of “%1” in this selection.").replace("%1", scope)
        )
        self.rights_stack.setCurrentIndex(0 if view.rows else 1)

    def _show_mystery(self, view: hq_view.MysteryView, lang: str) -> None:
        current = self.wave_box.currentData() or ""
        self.wave_box.blockSignals(True)
        self.wave_box.clear()
        self.wave_box.addItem(self.tr("All waves"), "")
        for w in view.waves:
            self.wave_box.addItem(w, w)
        if current and current not in view.waves:
            # The chosen wave has no visit in this region: keep it, say so (empty state).
            self.wave_box.addItem(current, current)
        self.wave_box.setCurrentIndex(max(0, self.wave_box.findData(current)))
        self.wave_box.blockSignals(False)
        self.scenario_model.set_view(view)
        self.scenario_view.resizeColumnsToContents()
        self.visit_model.set_view(view)
        self.visit_view.resizeColumnsToContents()
        # The summary above covers every visit; the table lists the newest page of them.
        page_note = self.tr(
            "Showing the newest %1 of %2 visits, listed by branch code; the summary above "
            "covers all of them. “Export Excel…” (above) writes every visit."
        )
        self.visit_page_note.setText(
            page_note.replace("%1", f"{len(view.visits):,}").replace("%2", f"{view.total:,}")
            if view.cut
            else ""
        )
        self.visit_page_note.setVisible(view.cut)
        self.mystery_note.setText(
            self.tr(
                "Finalized mystery-shopper visits. Sections are compared like with like: a "
                "section's average counts only the visits where it applied; totals compare "
                "within one scenario or one wave. Period, checklist and mode do not apply here."
            )
        )
        where = view.region or self.tr("all regions")
        if view.wave:
            empty = (
                self.tr("No finalized mystery-shopper visits of wave “%1” in %2.")
                .replace("%1", view.wave)
                .replace("%2", where)
            )
        else:
            empty = self.tr("No finalized mystery-shopper visits in %1.").replace("%1", where)
        self.mystery_empty.setText(empty)
        self.mystery_stack.setCurrentIndex(0 if view.visits else 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._loader.wait()
        super().closeEvent(event)
