"""Phone capture from the runner: a QR code for the phone page, served while the dialog is open.

The server (:mod:`inspector.services.phone`) runs in its own threads and tells us of each
committed change from there; a :class:`_Bridge` signal carries the news to the GUI thread
(queued connection), where the runner refreshes and the evidence strip reloads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.db import Database
from inspector.errors import UserError
from inspector.services import phone as phone_svc
from inspector.ui import theme
from inspector.ui.errors import user_text

if TYPE_CHECKING:
    from inspector.services.views.runner import InspectionState
    from inspector.ui.photos.strip import EvidenceStrip

log = logging.getLogger(__name__)

QR_SCALE = 7


class _Bridge(QObject):
    """Lives in the GUI thread; ``news`` may be emitted from any thread (queued)."""

    news = Signal(object)


class PhoneDialog(QDialog):
    """Shows the QR code of the phone page; the session lives exactly as long as the dialog.

    Signals:
        photos_arrived(str, list): item id and new photo ids (committed).
        visit_changed(): visit facts or notes set from the phone (committed).
    """

    photos_arrived = Signal(str, list)
    visit_changed = Signal()

    def __init__(
        self, db: Database, inspection_uuid: str, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.inspection_uuid, self.actor = db, inspection_uuid, actor
        self.server: phone_svc.PhoneServer | None = None
        self.received = 0
        self.setWindowTitle(self.tr("Phone capture"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._bridge = _Bridge(self)
        self._bridge.news.connect(self._on_event, Qt.ConnectionType.QueuedConnection)

        intro = QLabel(
            self.tr(
                "Scan this code with the phone's camera. The phone must be on the same "
                "network as this laptop (the branch Wi-Fi or the phone's own hotspot). "
                "Each photo lands on the item chosen on the phone."
            )
        )
        intro.setWordWrap(True)
        self.interfaces = QComboBox()
        self.interfaces.setToolTip(self.tr("The network the phone is on"))
        for i in phone_svc.list_interfaces():
            self.interfaces.addItem(i.label(), i.address)
        if self.interfaces.count() == 0:
            self.interfaces.addItem("127.0.0.1 (lo)", "127.0.0.1")
        self.interfaces.currentIndexChanged.connect(self.restart)
        net_row = QHBoxLayout()
        net_row.addWidget(QLabel(self.tr("Network:")))
        net_row.addWidget(self.interfaces, 1)
        self.no_lan = QLabel(
            self.tr(
                "No Wi-Fi or wired network is connected: join the branch Wi-Fi or the "
                "phone's hotspot, then choose it here."
            )
        )
        self.no_lan.setWordWrap(True)
        self.no_lan.setStyleSheet(f"color: {theme.FAIL};")
        self.no_lan.setVisible(
            all(
                self.interfaces.itemData(n).startswith("127.")
                for n in range(self.interfaces.count())
            )
        )
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(300, 300)
        self.url = QLabel()
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url.setWordWrap(True)
        self.url.setObjectName("hint")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy link"))
        self.copy_button.clicked.connect(self._copy)
        self.restart_button = QPushButton(self.tr("New code"))
        self.restart_button.setToolTip(
            self.tr("End this session (the old code stops working) and show a new code")
        )
        self.restart_button.clicked.connect(self.restart)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Stop and close"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restart_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)

        lay = QVBoxLayout(self)
        # A fixed size is set below; letting the layout drive the window's size limits
        # adds nothing and makes some platforms (offscreen) warn.
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        lay.addWidget(intro)
        lay.addLayout(net_row)
        lay.addWidget(self.no_lan)
        lay.addWidget(self.qr, 1)
        lay.addWidget(self.url)
        lay.addWidget(self.status)
        lay.addWidget(
            QLabel(
                self.tr(
                    "The session ends when this window closes or after 30 minutes without "
                    "activity. Anyone with the code can add photos to this inspection until "
                    "then: do not share it."
                )
            )
        )
        lay.itemAt(lay.count() - 1).widget().setWordWrap(True)  # type: ignore[union-attr]
        lay.addWidget(buttons)
        self.resize(460, 640)
        self.restart()

    # ---------------------------------------------------------------- session
    def restart(self) -> None:
        """(Re)start the session on the chosen interface: a new token, a new code."""
        self.stop()
        address = str(self.interfaces.currentData() or "127.0.0.1")
        try:
            server = phone_svc.PhoneServer(
                self.db,
                self.inspection_uuid,
                bind=address,
                port=0,
                actor=self.actor,
                listener=self._bridge.news.emit,
            )
            server.start()
        except UserError as e:
            # Finalized meanwhile, the port refused, or a session in another process.
            self.server = None
            self._show_ended(user_text(e))
            return
        self.server = server
        # A dialog deleted without closing (the window rebuilt for a language change, the
        # app quitting) must not leave a live token behind.
        self.destroyed.connect(lambda *_: _stop_quietly(server, "the window was closed"))
        png = phone_svc.qr_png(self.server.url, scale=QR_SCALE)
        pix = QPixmap()
        pix.loadFromData(png, "PNG")
        self.qr.setPixmap(pix)
        self.url.setText(self.server.url)
        self.copy_button.setEnabled(True)
        self.status.setText(self.tr("Waiting for the phone…"))
        self.status.setStyleSheet("")

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            _stop_quietly(server, "the dialog was closed")  # our own stop needs no news

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def done(self, r: int) -> None:
        self.stop()
        super().done(r)

    # ---------------------------------------------------------------- news from the phone
    def _on_event(self, event: object) -> None:
        if not isinstance(event, phone_svc.PhoneEvent):
            return
        if self.server is None or event.inspection_uuid != self.inspection_uuid:
            return  # news from a session this dialog already ended
        if event.kind == "photos":
            self.received += len(event.photo_ids)
            self.status.setText(
                self.tr("{0} photo(s) received; the last on item {1}").format(
                    self.received, event.item_id
                )
            )
            self.photos_arrived.emit(event.item_id or "", list(event.photo_ids))
        elif event.kind in ("visit", "notes"):
            self.status.setText(self.tr("Visit facts updated from the phone"))
            self.visit_changed.emit()
        elif event.kind == "stopped":
            self.server = None
            self._show_ended(user_text(event.why) if event.why is not None else event.reason)

    def _show_ended(self, reason: str) -> None:
        self.qr.clear()
        self.qr.setText(self.tr("No session"))
        self.url.setText("")
        self.copy_button.setEnabled(False)
        self.status.setText(
            self.tr("The session has ended ({0}). Press “New code” to start another.").format(
                reason
            )
        )
        self.status.setStyleSheet(f"color: {theme.FAIL};")

    def _copy(self) -> None:
        if self.server is not None:
            QApplication.clipboard().setText(self.server.url)


def _stop_quietly(server: phone_svc.PhoneServer, reason: str) -> None:
    server.listener = None  # its receiver is gone
    server.stop(reason)


class CapturePage(Protocol):
    """What the capture button needs of the runner page it sits on.

    A protocol rather than the page class: the page builds the button, so naming the page
    here would make the two modules import each other.
    """

    @property
    def db(self) -> Database: ...
    @property
    def uuid(self) -> str | None: ...
    @property
    def state(self) -> InspectionState | None: ...
    @property
    def actor(self) -> str: ...
    @property
    def evidence(self) -> EvidenceStrip: ...
    @property
    def state_changed(self) -> SignalInstance: ...
    @property
    def home_requested(self) -> SignalInstance: ...
    @property
    def status_message(self) -> SignalInstance: ...
    @property
    def inspection_changed(self) -> SignalInstance: ...
    def refresh(self) -> None: ...


class PhoneCaptureButton(QPushButton):
    """The runner's "Phone capture" button: opens (or raises) the dialog for its inspection."""

    def __init__(self, page: CapturePage) -> None:
        super().__init__()
        self.page = page
        self.dialog: PhoneDialog | None = None
        self.setText(self.tr("📱 Phone capture"))
        self.setToolTip(self.tr("Take this inspection's photos with a phone (QR code)"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clicked.connect(self.open_dialog)
        page.state_changed.connect(self._state_changed)
        page.home_requested.connect(self._close_dialog)

    def open_dialog(self) -> PhoneDialog | None:
        page = self.page
        if page.uuid is None or page.state is None:
            return None
        if page.state.read_only:
            page.status_message.emit(self.toolTip())  # never silently nothing
            return None
        if self.dialog is not None and self.dialog.inspection_uuid == page.uuid:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        self._close_dialog()
        # The page is a widget: the dialog is its child, closed and freed with it.
        parent = page if isinstance(page, QWidget) else None
        dialog = PhoneDialog(page.db, page.uuid, page.actor, parent)
        dialog.photos_arrived.connect(self._photos_arrived)
        dialog.visit_changed.connect(self._changed)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _forget(self) -> None:
        self.dialog = None

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    def _state_changed(self) -> None:
        st = self.page.state
        self.setEnabled(st is not None and not st.read_only)
        # A greyed button says why (a finalized inspection reopened after a restart looked
        # like a button that did nothing).
        self.setToolTip(
            self.tr(
                "This inspection is finalized: no more photos can be added. To add some, "
                "amend it (Finalize tab) and capture them in the new revision."
            )
            if st is not None and st.read_only
            else self.tr("Take this inspection's photos with a phone (QR code)")
        )
        if self.dialog is not None and (st is None or st.uuid != self.dialog.inspection_uuid):
            self._close_dialog()  # the runner moved to another inspection
        elif self.dialog is not None and st is not None and st.read_only:
            self._close_dialog()  # finalized on the laptop: the phone may add nothing more

    def _photos_arrived(self, _item_id: str, _ids: list[str]) -> None:
        self.page.evidence.reload()
        self._changed()

    def _changed(self) -> None:
        page = self.page
        page.refresh()
        if page.uuid:
            page.inspection_changed.emit(page.uuid)
