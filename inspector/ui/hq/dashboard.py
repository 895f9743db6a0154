"""The HQ dashboard: compare branches, see what fails, follow rectification and evidence.

A tab of the main window working on the HQ database (SQLite or PostgreSQL). The filter bar
(region, period, checklist, mode) re-queries in a worker thread; the tabs show the league
table with trend sparklines, the area x branch heatmap, the items failed most often and the
veto failures, the score trend per region, rectification per branch, and photos flagged
for review.
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
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.domain import timefmt
from inspector.services import hq
from inspector.ui.hq.charts import (
    BarChart,
    HeatmapData,
    HeatmapWidget,
    SparklineDelegate,
    TrendChart,
)
from inspector.ui.hq.models import (
    SORT_ROLE,
    FindingsModel,
    IntegrityModel,
    LeagueModel,
    RectificationModel,
    VetoModel,
)
from inspector.ui.hq.worker import HqLoader, HqResult

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
        self._data: hq.HqData | None = None
        self._league_shown: list[hq.LeagueRow] | None = None
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

        self.tabs = QTabWidget(self)
        self.tabs.addTab(branches_tab, self.tr("Branches"))
        self.tabs.addTab(items_tab, self.tr("Items and vetoes"))
        self.tabs.addTab(self.trend_chart, self.tr("Trend"))
        self.tabs.addTab(rect_tab, self.tr("Rectification"))
        self.tabs.addTab(integrity_tab, self.tr("Evidence integrity"))

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status_label)

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title, box)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight: bold;")
        lay.addWidget(label)
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
                label = hq.checklist_title(v, self.language()) if box is self.checklist_box else v
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

    def current_filter(self, today: date | None = None) -> hq.HqFilter:
        key = self.period_box.currentData() or "all"
        d_from: date | None
        d_to: date | None
        if key == "custom":
            a, b = self.from_edit.date().toPython(), self.to_edit.date().toPython()
            assert isinstance(a, date) and isinstance(b, date)
            d_from, d_to = min(a, b), max(a, b)  # a reversed range still means that span
        else:
            d_from, d_to = period_range(key, today or date.today())
        return hq.HqFilter(
            region=self.region_box.currentData() or None,
            date_from=d_from,
            date_to=d_to,
            checklist_id=self.checklist_box.currentData() or None,
            mode=self.mode_box.currentData() or None,
            include_drafts=self.drafts_box.isChecked(),
        )

    def refresh(self) -> None:
        """Query again with the current filters (in the background)."""
        self.status_label.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        self._loader.request(self.current_filter())

    def data(self) -> hq.HqData | None:
        return self._data

    def wait_idle(self, msecs: int = 30_000) -> bool:
        return self._loader.wait(msecs)

    def _on_failed(self, request: int, message: str) -> None:
        if request != self._loader.latest:
            return
        self.refresh_button.setEnabled(True)
        self.status_label.setText(self.tr("Could not load the HQ views: %1").replace("%1", message))
        self.failed.emit(message)

    def _league_double_clicked(self, index: QModelIndex) -> None:
        proxy = self.league_view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.league_model.row(proxy.mapToSource(index).row())
        self.branch_activated.emit(row.code)

    def _set_view_language(self, data: hq.HqData, lang: str) -> None:
        for model in (
            self.league_model,
            self.veto_model,
            self.rect_model,
            self.findings_model,
            self.integrity_model,
        ):
            model.lang = lang
            model.tz = data.tz

    def _show_league(self, data: hq.HqData, lang: str) -> None:
        self._set_view_language(data, lang)
        self._league_shown = data.league
        self.league_model.grade_text = lambda code: data.grade_label(code, lang)
        self.league_model.set_rows(data.league)
        self.league_view.resizeColumnsToContents()
        self.league_view.setColumnWidth(LeagueModel.COL_TREND, 100)
        hm = data.heatmap
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
        periods = sorted({p.period for p in data.trend})
        by_region: dict[str, dict[str, float]] = {}
        for p in data.trend:
            by_region.setdefault(p.region, {})[p.period] = p.average
        series = [(self.tr("All regions"), [by_region.get("", {}).get(m) for m in periods])]
        series += [(r, [v.get(m) for m in periods]) for r, v in sorted(by_region.items()) if r]
        self.trend_chart.set_series(periods, series, self.tr("No scores in this selection"))
        self.rect_model.set_rows(data.rectification)
        self.rect_view.resizeColumnsToContents()
        self.findings_model.set_rows(data.findings)
        self.findings_view.resizeColumnsToContents()
        self.integrity_model.set_rows(data.integrity)
        self.integrity_view.resizeColumnsToContents()
        open_n = sum(r.open for r in data.rectification)
        overdue_n = sum(r.overdue for r in data.rectification)
        avg = f"{data.average:.1f}" if data.average is not None else "—"
        summary = (
            self.tr(
                "%1 inspections · %2 branches · average %3 · %4 veto failures · "
                "%5 open findings, %6 overdue · %7 photos to review"
            )
            .replace("%1", str(data.inspections))
            .replace("%2", str(data.branches))
            .replace("%3", avg)
            .replace("%4", str(len(data.vetoes)))
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

    def closeEvent(self, event: QCloseEvent) -> None:
        self._loader.wait()
        super().closeEvent(event)
