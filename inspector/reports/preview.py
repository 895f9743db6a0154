"""Page images of a PDF for an in-app preview (PDFium through pypdfium2; no Qt).

A branch laptop may have no PDF viewer, and the inspector should see the report before
handing it over; rendering here keeps the preview independent of what is installed.

PDFium is not thread-safe, and rendering it on a Qt pool thread crashed PySide6 at exit;
callers render one page at a time on their own thread (a page takes tens of ms), and
every PDFium object is closed explicitly, in order, by the code that opened it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pypdfium2 as pdfium

from inspector.errors import UserError
from inspector.text import reports_errors as T

log = logging.getLogger(__name__)


class PdfPages:
    """An open PDF whose pages render on demand; use as a context manager."""

    def __init__(self, path: Path, *, dpi: float = 96.0) -> None:
        self.path = path
        self.scale = dpi / 72.0
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except FileNotFoundError:
            raise UserError(T.REPORT_GONE, path=str(path)) from None
        except pdfium.PdfiumError as e:
            raise UserError(T.NOT_A_PDF, path=str(path), detail=str(e)) from None

    def __len__(self) -> int:
        return len(self._pdf)

    def rgb(self, index: int) -> tuple[bytes, int, int]:
        """Page ``index`` as packed 8-bit RGB rows, with its width and height."""
        page = self._pdf[index]
        try:
            bitmap = page.render(scale=self.scale)
            try:
                image = bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
        return image.tobytes(), image.width, image.height

    def png(self, index: int) -> bytes:
        data, w, h = self.rgb(index)
        from PIL import Image

        buf = io.BytesIO()
        Image.frombytes("RGB", (w, h), data).save(buf, format="PNG")
        return buf.getvalue()

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def page_count(path: Path) -> int:
    with PdfPages(path) as pages:
        return len(pages)


def render_pages(path: Path, *, dpi: float = 96.0) -> Iterator[bytes]:
    """PNG bytes of each page in turn, at ``dpi``."""
    with PdfPages(path, dpi=dpi) as pages:
        for index in range(len(pages)):
            yield pages.png(index)
