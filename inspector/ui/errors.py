"""Errors the user sees: a dialog for UserError messages and for unexpected failures.

An unexpected exception is a bug: its traceback goes to the log file and the dialog shows
a short message and where that file is, so the user can send it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from inspector.db.errors import describe as describe_db_error
from inspector.errors import UserError
from inspector.text import Lang, Surface, rendered

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def ui_lang() -> Lang:
    """The language the UI speaks (install_translations sets the default locale)."""
    return Lang.ZH if QLocale().language() == QLocale.Language.Chinese else Lang.EN


def user_text(exc: BaseException) -> str:
    """A user error in the UI's language and in the app's terms (never a command to run).

    Errors from the catalogue (:class:`UserError`, and value errors such as an answer that
    does not fit its item) render themselves; anything else is shown as its text. A render
    that fails (a bug in a message) falls back to the English the error was made with.
    """
    if not callable(getattr(exc, "render", None)):
        return str(exc)
    try:
        return str(rendered(exc, ui_lang(), Surface.GUI))
    except Exception:
        log.exception("cannot render %r for the app", exc)
        return str(exc)


def error_text(exc: BaseException, log_path: Path) -> tuple[str, str]:
    """(title, message) for the dialog."""
    if isinstance(exc, UserError):
        return QCoreApplication.translate("ErrorDialog", "Cannot do that"), user_text(exc)
    # A database that went read-only, full or damaged while the app ran: say which and
    # what to do (restore from a backup, check permissions), not an SQL message.
    unusable = describe_db_error(exc, QCoreApplication.translate("ErrorDialog", "in use"))
    if unusable is not None:
        return QCoreApplication.translate("ErrorDialog", "Database problem"), user_text(unusable)
    message = QCoreApplication.translate(
        "ErrorDialog",
        "Something went wrong: {0}\n\nYour work up to the last change is saved. "
        "The details are in the log file:\n{1}",
    ).format(f"{type(exc).__name__}: {exc}", log_path)
    return QCoreApplication.translate("ErrorDialog", "Unexpected error"), message


def show_error(exc: BaseException, log_path: Path, parent: QWidget | None = None) -> None:
    title, message = error_text(exc, log_path)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, parent=parent)
    box.exec()


def make_excepthook(log_path: Path) -> ExceptHook:
    """A ``sys.excepthook`` that logs and shows a dialog instead of a silent crash."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            log.info("user error: %s", exc)
        else:
            log.error("unhandled exception:\n%s", "".join(traceback.format_exception(exc)))
        if QApplication.instance() is not None:
            show_error(exc, log_path, QApplication.activeWindow())

    return hook
