"""A second app on the same database: say so, switch to the running window, or read only.

The running app holds ``<database>.lock`` (:mod:`inspector.db.instance`) and listens on a
local socket named after the database (:class:`RaiseServer`). A second app that finds the
lock held asks the user (:class:`SecondInstanceDialog`): switch to the running window (the
second app sends ``raise`` over the socket and ends), open the database read-only (nothing
can be written: SQLite opens it ``mode=ro`` and every unit of work is refused with a
message), or quit. Never two writers that do not know about each other.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

log = logging.getLogger(__name__)

_RAISE = b"raise\n"
_OK = b"ok\n"
CONNECT_TIMEOUT_MS = 3000


def server_name(database: Path | str) -> str:
    """The local socket name of the app that holds ``database`` (one per user and file)."""
    real = os.path.normcase(os.path.realpath(os.fspath(database)))
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    digest = hashlib.sha256(f"{user}\0{real}".encode()).hexdigest()[:24]
    return f"BranchInspector-{digest}"


class RaiseServer(QObject):
    """Listens for a second app on the same database; :attr:`raise_requested` on its ask.

    Signals:
        raise_requested(): bring the window to the front.
    """

    raise_requested = Signal()

    def __init__(self, database: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(database)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._connected)

    def start(self) -> bool:
        # We hold the instance lock: a socket left by a crashed app is stale, not in use.
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == _RAISE:
            socket.write(_OK)
            socket.flush()
            self.raise_requested.emit()
        socket.disconnectFromServer()


def ask_running_window(database: Path | str, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Ask the app holding ``database`` to come to the front; True if it answered."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(database))
    if not socket.waitForConnected(timeout_ms):
        log.info("no running window answers on %s: %s", database, socket.errorString())
        return False
    socket.write(_RAISE)
    socket.flush()
    answered = False
    while socket.waitForReadyRead(timeout_ms):
        if socket.canReadLine():
            answered = bytes(socket.readLine().data()) == _OK
            break
    socket.disconnectFromServer()
    return answered


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` restored, on top and active (as far as the window manager allows)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class Choice(enum.Enum):
    SWITCH = "switch"
    READ_ONLY = "read_only"
    QUIT = "quit"


class SecondInstanceDialog(QMessageBox):
    """The database is already open in another window: switch to it, read only, or quit."""

    def __init__(self, database: Path | str, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(
            QCoreApplication.translate(
                "Instance",
                "Branch Inspector is already open",
            )
        )
        self.setText(
            QCoreApplication.translate(
                "Instance", "This database is already open in another Branch Inspector window."
            )
        )
        self.setInformativeText(
            QCoreApplication.translate(
                "Instance",
                "%1\n\nThat window (process %2) is editing it. Two windows writing the same "
                "database would overwrite each other's answers, so this one cannot write to it.",
            )
            .replace("%1", str(database))
            .replace("%2", holder)
        )
        self.switch_button = self.addButton(
            QCoreApplication.translate(
                "Instance",
                "Switch to the open window",
            ),
            QMessageBox.ButtonRole.AcceptRole,
        )
        self.read_only_button = self.addButton(
            QCoreApplication.translate(
                "Instance",
                "Open read-only",
            ),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.quit_button = self.addButton(
            QCoreApplication.translate(
                "Instance",
                "Quit",
            ),
            QMessageBox.ButtonRole.RejectRole,
        )
        self.setDefaultButton(self.switch_button)
        self.setEscapeButton(self.quit_button)
        self.read_only_button.setToolTip(
            QCoreApplication.translate(
                "Instance",
                "Look at inspections and reports; nothing can be changed in this window.",
            )
        )

    def choice(self) -> Choice:
        clicked = self.clickedButton()
        if clicked is self.switch_button:
            return Choice.SWITCH
        if clicked is self.read_only_button:
            return Choice.READ_ONLY
        return Choice.QUIT


def not_answering(parent: QWidget | None = None) -> QMessageBox:
    """The running window did not answer (still starting, or hung)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(
        QCoreApplication.translate(
            "Instance",
            "Branch Inspector is already open",
        )
    )
    box.setText(
        QCoreApplication.translate(
            "Instance",
            "The open window did not answer.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Instance",
            "It may still be starting, or be busy. Look for it on the taskbar, or choose "
            "again in a moment.",
        )
    )
    return box


def mark_read_only(window: QMainWindow, database: str) -> None:
    """Say in the title and the status bar that this window only reads ``database``."""
    window.setWindowTitle(
        QCoreApplication.translate(
            "Instance",
            "%1 (read-only)",
        ).replace("%1", window.windowTitle())
    )
    label = QLabel(
        QCoreApplication.translate(
            "Instance",
            "Read-only: another window is editing this database",
        )
    )
    label.setObjectName("readOnlyBanner")
    label.setToolTip(database)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setStyleSheet("color: #c62828; font-weight: bold;")
    window.statusBar().insertPermanentWidget(0, label)
