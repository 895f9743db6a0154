"""The in-app report preview shows every page, and says so when the file is not a PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from inspector.errors import UserError
from inspector.reports.preview import page_count, render_pages
from inspector.ui.report_preview import ReportPreviewDialog


def _pdf(path: Path, pages: int) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def test_pages_render_as_png(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "r.pdf", 3)
    pngs = list(render_pages(pdf, dpi=48))
    assert page_count(pdf) == 3 and len(pngs) == 3
    assert all(p.startswith(b"\x89PNG") for p in pngs)


def test_not_a_pdf_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(UserError, match="not a readable PDF"):
        list(render_pages(bad))
    with pytest.raises(UserError, match="the report file is gone"):
        page_count(tmp_path / "absent.pdf")


def test_dialog_shows_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    # Rendering starts with the dialog (not shown: offscreen Qt warns about top-levels).
    dialog = ReportPreviewDialog(_pdf(tmp_path / "r.pdf", 2))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() == 2, timeout=20_000)
    assert dialog.status.text().startswith("2 pages")
    assert not dialog.pages.item(0).icon().isNull()


def test_dialog_reports_a_broken_file(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    dialog = ReportPreviewDialog(bad)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "failed" in dialog.status.text(), timeout=20_000)
    assert dialog.page_count() == 0
