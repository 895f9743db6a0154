"""The one table model of the UI: a list of plain rows shown through column specs.

Every table (inspections, findings, import receipt, the HQ views) is a
:class:`RowsTableModel` over frozen rows that services build, with one :class:`Column` per
column saying its header, its text, its sort value, its alignment, its tooltip and any
other role. Whatever a column does not say, the model's :meth:`RowsTableModel.row_role` hook
may answer for the whole row (a row tooltip, a row colour).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

log = logging.getLogger(__name__)

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
#: Right-aligned and vertically centred: how numbers sit in a cell.
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class Column(Generic[T]):
    """One column: its header and how a row of type ``T`` shows in it.

    ``sort`` gives the value a proxy sorts by (numbers as numbers; the display text when
    absent). ``tooltip``, when given, is the column's final word on the tooltip (``None``
    shows none). ``roles`` answers further item roles (a foreground brush, a chart payload).
    """

    header: str
    display: Callable[[T], Any]
    sort: Callable[[T], Any] | None = None
    align: Qt.AlignmentFlag | None = None
    tooltip: Callable[[T], Any] | None = None
    roles: Mapping[int, Callable[[T], Any]] = field(default_factory=dict)


class RowsTableModel(QAbstractTableModel, Generic[T]):
    """Rows of type ``T`` under columns from :meth:`set_columns`; ``set_rows`` resets.

    Class settings: ``SORT_ROLE`` is the role that answers each column's sort value,
    ``MISSING_SORT`` stands in for a sort value of ``None`` and ``ROW_ROLE`` (when set)
    answers the row itself.
    """

    SORT_ROLE: ClassVar[int] = Qt.ItemDataRole.UserRole + 1
    MISSING_SORT: ClassVar[Any] = None
    ROW_ROLE: ClassVar[int | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._cols: list[Column[T]] = []

    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        self.beginResetModel()
        self._cols = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> T:
        return self._rows[r]

    def column(self, c: int) -> Column[T]:
        return self._cols[c]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cols)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._cols[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = self._cols[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.display(row)
        if self.ROW_ROLE is not None and role == self.ROW_ROLE:
            return row
        if role == self.SORT_ROLE:
            value = (col.sort or col.display)(row)
            return self.MISSING_SORT if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align is not None:
            return int(col.align)
        hook = col.roles.get(role)
        if hook is not None:
            value = hook(row)
            if value is not None:
                return value
        return self.row_role(row, index.column(), role)

    def row_role(self, row: T, column: int, role: int) -> Any:
        """Roles that hold for the whole row (none by default)."""
        return None
