"""New inspection: pick or add the branch (or import a CSV list), the checklist, the mode."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inspector.checklists import LoadedChecklist
from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.errors import UserError
from inspector.services.commands import branches as branch_commands
from inspector.services.commands import inspections as commands
from inspector.services.publish.plan_status import PlanItem
from inspector.services.publish.screens import offered_checklists, start_planned
from inspector.services.views.branches import branch_choices
from inspector.ui import filedialogs
from inspector.ui.errors import user_text
from inspector.ui.publish.assigned import PlanNote
from inspector.ui.settings import AppSettings

log = logging.getLogger(__name__)

NEW_BRANCH = "__new__"


class NewInspectionDialog(QDialog):
    """Creates the inspection on accept; ``created_uuid`` holds its id afterwards."""

    def __init__(
        self, db: Database, settings: AppSettings, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.settings, self.lang = db, settings, lang
        self.created_uuid: str | None = None
        self.plan_item: PlanItem | None = None  # the HQ plan line being started, if any
        self.setWindowTitle(self.tr("New inspection"))
        self.setMinimumWidth(680)  # the branch row (list + CSV import) never overlaps

        self.branch_combo = QComboBox()
        self.branch_combo.setEditable(False)
        self.branch_combo.setMinimumWidth(320)
        self.branch_combo.currentIndexChanged.connect(self._branch_changed)
        self.import_button = QPushButton(self.tr("Import branch list (CSV)…"))
        self.import_button.clicked.connect(self._import_csv)
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText(self.tr("Branch code, e.g. 310001"))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Branch name"))
        # HQ groups branches by region: a branch added here asks for it (and the address).
        self.new_region = QComboBox()
        self.new_region.setEditable(True)
        self.new_region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.new_region.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Region (required)"))
        self.new_address = QLineEdit()
        self.new_address.setPlaceholderText(self.tr("Address"))
        self.new_branch_box = QWidget()
        nb_outer = QVBoxLayout(self.new_branch_box)
        nb_outer.setContentsMargins(0, 0, 0, 0)
        nb = QHBoxLayout()
        nb.addWidget(self.new_code, 1)
        nb.addWidget(self.new_name, 2)
        nb2 = QHBoxLayout()
        nb2.addWidget(self.new_region, 1)
        nb2.addWidget(self.new_address, 1)
        nb_outer.addLayout(nb)
        nb_outer.addLayout(nb2)

        self.checklist_combo = QComboBox()
        self.checklist_combo.currentIndexChanged.connect(self._checklist_changed)
        self.checklist_note = QLabel()
        self.checklist_note.setObjectName("hint")
        self.checklist_note.setWordWrap(True)
        self.onsite_radio = QRadioButton(self.tr("On-site inspection"))
        self.mystery_radio = QRadioButton(self.tr("Mystery shopper visit"))
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.onsite_radio)
        self.mode_group.addButton(self.mystery_radio)
        self.onsite_radio.setChecked(True)
        modes = QHBoxLayout()
        modes.addWidget(self.onsite_radio)
        modes.addWidget(self.mystery_radio)
        modes.addStretch(1)
        self.inspector_edit = QLineEdit(settings.inspector_name())
        self.inspector_edit.setPlaceholderText(self.tr("Your name (remembered)"))

        branch_row = QHBoxLayout()
        branch_row.addWidget(self.branch_combo, 1)
        branch_row.addWidget(self.import_button)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("Branch"), branch_row)
        form.addRow("", self.new_branch_box)
        form.addRow(self.tr("Checklist"), self.checklist_combo)
        form.addRow("", self.checklist_note)
        form.addRow(self.tr("Mode"), modes)
        form.addRow(self.tr("Inspector"), self.inspector_edit)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start inspection"))
        ok.setObjectName("primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(14)
        title = QLabel(self.tr("New inspection"))
        title.setObjectName("pageTitle")
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)

        self._checklists: list[LoadedChecklist] = []
        self._load_branches()
        self._load_checklists()

    # ---------------------------------------------------------------- data
    def _load_branches(self, select: str | None = None) -> None:
        rows = [(b.code, b.name, b.region) for b in branch_choices(self.db)]
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for code, name, region in rows:
            label = f"{code}  {name}" + (f"（{region}）" if region else "")
            self.branch_combo.addItem(label, code)
        self.branch_combo.addItem(self.tr("+ Add a new branch…"), NEW_BRANCH)
        regions = sorted({r for _c, _n, r in rows if r})
        current_region = self.new_region.currentText()
        self.new_region.clear()
        self.new_region.addItems(regions)
        self.new_region.setEditText(current_region)
        idx = self.branch_combo.findData(select) if select else 0
        self.branch_combo.setCurrentIndex(max(0, idx))
        self.branch_combo.blockSignals(False)
        self._branch_changed()

    def _load_checklists(self) -> None:
        # HQ's newest versions where installed, never a withdrawn checklist (issue 22).
        loaded, problems = offered_checklists(self.db)
        for p in problems:
            log.warning("checklist problem: %s", p)
        self._checklists = sorted(loaded, key=lambda c: (c.id != "comprehensive", c.id))
        self.checklist_combo.clear()
        for c in self._checklists:
            self.checklist_combo.addItem(
                f"{c.resolved.title.get(self.lang)}  (v{c.resolved.version})", c.id
            )
        if problems:
            self.checklist_note.setText(
                self.tr(
                    "{0} checklist file(s) have problems and are not listed; see the log file."
                ).format(len({p.file for p in problems}))
            )

    def _branch_changed(self) -> None:
        self.new_branch_box.setVisible(self.branch_combo.currentData() == NEW_BRANCH)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt's first size came out 18 px short over the main window and squeezed the rows.
        self._fit()

    def _fit(self) -> None:
        """Grow to show the new-branch form or a longer description whole (never squeezed)."""
        lay = self.layout()
        if lay is None:
            return
        # An editable combo box asks for more height once styled than its row first gave
        # it (the region box came out 34 px of 36): pin it, then let the layout recompute.
        need = self.new_region.minimumSizeHint().height()
        if self.new_region.minimumHeight() < need:
            self.new_region.setMinimumHeight(need)
            lay.invalidate()
            lay.activate()
        hint = self.sizeHint()
        height = hint.height()
        if self.hasHeightForWidth():
            height = max(height, self.heightForWidth(self.width()))
        if self.height() < height or self.width() < hint.width():
            self.resize(max(self.width(), hint.width()), max(self.height(), height))

    def _checklist_changed(self) -> None:
        c = self.selected_checklist()
        if c is None:
            return
        modes = c.resolved.modes
        self.onsite_radio.setEnabled(Mode.ONSITE in modes)
        self.mystery_radio.setEnabled(Mode.MYSTERY in modes)
        if Mode.ONSITE not in modes:
            self.mystery_radio.setChecked(True)
        elif Mode.MYSTERY not in modes:
            self.onsite_radio.setChecked(True)
        desc = c.resolved.description.get(self.lang) if c.resolved.description else ""
        # Always replaced: a checklist without a description must not show the last one's.
        self.checklist_note.setText(desc)
        self.checklist_note.setVisible(bool(desc))
        self._fit()

    def selected_checklist(self) -> LoadedChecklist | None:
        i = self.checklist_combo.currentIndex()
        return self._checklists[i] if 0 <= i < len(self._checklists) else None

    def select_checklist(self, checklist_id: str) -> None:
        self.checklist_combo.setCurrentIndex(max(0, self.checklist_combo.findData(checklist_id)))

    def select_branch(self, code: str) -> None:
        self.branch_combo.setCurrentIndex(max(0, self.branch_combo.findData(code)))

    def prefill(self, item: PlanItem) -> None:
        """Start what HQ's plan line assigns: its branch, checklist and mode (its scenario
        and wave are recorded when the inspection is created)."""
        self.plan_item = item
        if self.branch_combo.findData(item.branch) < 0:
            # Not in the branch list here: add it as the plan names it.
            self.branch_combo.setCurrentIndex(self.branch_combo.findData(NEW_BRANCH))
            self.new_code.setText(item.branch)
            self.new_name.setText(item.branch_name)
            self.new_region.setEditText(item.region)
        else:
            self.select_branch(item.branch)
        self.select_checklist(item.checklist)
        (self.mystery_radio if item.mode == Mode.MYSTERY.value else self.onsite_radio).setChecked(
            True
        )
        chosen = self.selected_checklist()
        scenario = next(
            (
                sc.title.get(self.lang)
                for sc in (chosen.resolved.scenarios if chosen else [])
                if sc.id == item.scenario
            ),
            "",
        )
        lay = self.layout()
        if isinstance(lay, QVBoxLayout):
            lay.insertWidget(1, PlanNote(item, scenario, self))  # under the title

    def _planned(self, code: str, loaded: LoadedChecklist, mode: Mode) -> PlanItem | None:
        item = self.plan_item
        if item is None:
            return None
        same = (item.branch, item.checklist, item.mode) == (code, loaded.id, mode.value)
        return item if same else None

    def _import_csv(self) -> None:
        path = filedialogs.open_file(
            self,
            self.tr("Import branch list"),
            self.settings.last_folder(),
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path is not None:
            self.import_branches(path)

    def import_branches(self, path: Path) -> bool:
        try:
            summary = branch_commands.import_csv(
                self.db, path, actor=self.inspector_edit.text().strip()
            )
        except UserError as e:
            QMessageBox.warning(self, self.tr("Import branch list"), user_text(e))
            return False
        self.settings.set_last_folder(str(path.parent))
        self._load_branches()
        QMessageBox.information(
            self,
            self.tr("Import branch list"),
            self.tr("{0} branch(es) added, {1} updated, {2} unchanged.").format(
                summary.created, summary.updated, summary.unchanged
            ),
        )
        return True

    # ---------------------------------------------------------------- create
    def accept(self) -> None:
        loaded = self.selected_checklist()
        inspector = self.inspector_edit.text().strip()
        if loaded is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("No checklist is available."))
            return
        if not inspector:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Enter your name."))
            self.inspector_edit.setFocus()
            return
        code = str(self.branch_combo.currentData() or "")
        name: str | None = None
        region = address = ""
        if code == NEW_BRANCH:
            code, name = self.new_code.text().strip(), self.new_name.text().strip()
            region = self.new_region.currentText().strip()
            address = self.new_address.text().strip()
            if not code or not name:
                QMessageBox.warning(
                    self, self.windowTitle(), self.tr("Enter the new branch's code and name.")
                )
                return
            if not region:
                QMessageBox.warning(
                    self,
                    self.windowTitle(),
                    self.tr("Enter the new branch's region: HQ compares branches by region."),
                )
                self.new_region.setFocus()
                return
        mode = Mode.MYSTERY if self.mystery_radio.isChecked() else Mode.ONSITE
        planned = self._planned(code, loaded, mode)
        try:
            if planned is not None:
                # As the plan says, scenario and wave included.
                self.created_uuid = start_planned(
                    self.db, planned, inspector=inspector, checklist=loaded
                )
                self.settings.set_inspector_name(inspector)
                super().accept()
                return
            self.created_uuid = commands.create(
                self.db,
                branch_code=code,
                checklist=loaded,
                mode=mode,
                inspector=inspector,
                new_branch=(
                    commands.NewBranch(code, name, region=region, address=address)
                    if name is not None
                    else None
                ),
            )
        except UserError as e:
            QMessageBox.warning(self, self.windowTitle(), user_text(e))
            return
        self.settings.set_inspector_name(inspector)
        log.info("created inspection %s", self.created_uuid)
        super().accept()
