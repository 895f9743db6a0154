"""The import receipt in the GUI names the device that signed each package and the owner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector.ui.exchange import ReceiptModel, receipt_rows

OWNER = "aaaa:bbbb:cccc:dddd:eeee:ffff:0000:1111"
OTHER = "9999:8888:7777:6666:5555:4444:3333:2222"


def test_receipt_shows_signer_and_owner_and_marks_a_foreign_signer(qtbot: QtBot) -> None:
    receipt = {
        "imported": [
            {
                "file": "/x/a.inspection",
                "id": "1" * 36,
                "revision": 1,
                "signer": OWNER,
                "owner": OWNER,
                "reason": None,
            }
        ],
        "conflicts": [
            {
                "file": "/x/b.inspection",
                "id": "1" * 36,
                "revision": 2,
                "signer": OTHER,
                "owner": OWNER,
                "reason": "b.inspection: signed by another device",
            }
        ],
        "rejected": [
            {
                "file": "/x/junk.inspection",
                "id": None,
                "revision": None,
                "reason": "junk.inspection: not a ZIP",
            }
        ],
    }
    model = ReceiptModel()
    model.set_rows(receipt_rows(receipt))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[ReceiptModel.COL_SIGNER] == "Signed by"
    assert headers[ReceiptModel.COL_OWNER] == "Owner"

    def cell(row: int, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, col), role)

    assert cell(0, ReceiptModel.COL_SIGNER) == "aaaa:bbbb…"
    assert cell(0, ReceiptModel.COL_OWNER) == "aaaa:bbbb…"
    assert cell(1, ReceiptModel.COL_SIGNER) == "9999:8888… ⚠"
    tip = str(cell(1, ReceiptModel.COL_SIGNER, Qt.ItemDataRole.ToolTipRole))
    assert OTHER in tip and OWNER in tip
    assert cell(1, ReceiptModel.COL_SIGNER, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(2, ReceiptModel.COL_SIGNER) == ""
