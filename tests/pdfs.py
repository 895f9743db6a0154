"""Reading PDFs back in tests."""

from __future__ import annotations

from pypdf import PdfReader


def outline(r: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark, nested ones included, as (title, page index it opens)."""
    out: list[tuple[str, int]] = []

    def walk(entries: list[object]) -> None:
        for e in entries:
            if isinstance(e, list):
                walk(e)
            else:
                out.append((e.title, r.get_destination_page_number(e)))  # type: ignore[attr-defined]

    walk(r.outline)
    return out
