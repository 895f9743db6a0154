"""The desktop user interface (PySide6). Nothing outside this package and app.py imports Qt."""

# Before any widget: this Qt binding's reference bug would otherwise abort a long session.
from inspector.ui import pyside_fixes as _pyside_fixes  # noqa: F401
