"""What is typed into the runner's fields: kept durable at once, recovered after a crash.

Each keystroke's text is kept (``services/commands/typed.py``, not audited) until the
field's value is recorded after the pause; what the app left kept when it stopped (a
crash, a kill) is recorded when the inspection is opened again, and the status bar says
what was. The words are the runner page's: they are translated in the ``RunnerPage``
context (``QCoreApplication.translate``), as they were when they lived in the page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from inspector.db import Database
from inspector.domain.checklist import Mode
from inspector.errors import UserError
from inspector.services.commands import typed as typed_commands
from inspector.services.views.runner import InspectionState, inspection_state
from inspector.ui.errors import user_text
from inspector.ui.runner.item_view import ItemView

log = logging.getLogger(__name__)


class TypingPage(Protocol):
    """What of the runner page the typed text needs: the inspection shown, who acts, the
    items' titles, and the item view's save state."""

    lang: str
    uuid: str | None
    state: InspectionState | None
    item_view: ItemView

    def actor_for(self, uuid: str) -> str: ...

    def item_title(self, item_id: str, state: InspectionState | None = None) -> str: ...


class TypedText:
    """The fields of one runner page whose typing is kept and not yet recorded."""

    def __init__(self, db: Database, page: TypingPage, say: Callable[[str], None]) -> None:
        self.db, self.page, self.say = db, page, say
        self._kept: set[str] = set()

    def recover(self, uuid: str) -> str:
        """Record what was typed into ``uuid`` before the app stopped (a crash, a kill);
        what happened, for the status bar ("" when nothing was left)."""
        try:
            done = typed_commands.recover(self.db, uuid, actor=self.page.actor_for(uuid))
        except UserError as e:
            log.warning("typed text of %s not recovered: %s", uuid, e)
            return user_text(e)
        if not done:
            return ""
        state = inspection_state(self.db, uuid)
        saved: list[str] = []
        refused: list[str] = []
        for r in done:
            where = self.field_name(state, r.field, r.item_id)
            if r.refused is None:
                saved.append(where)
            else:
                refused.append(
                    QCoreApplication.translate("RunnerPage", "{0}: “{1}” ({2})").format(
                        where, r.text[:40], user_text(r.refused)
                    )
                )
        zh = self.page.lang == "zh"
        parts = []
        if saved:
            parts.append(
                QCoreApplication.translate(
                    "RunnerPage", "Recorded what was typed before the app closed: {0}"
                ).format("，".join(saved) if zh else ", ".join(saved))
            )
        if refused:
            parts.append(
                QCoreApplication.translate(
                    "RunnerPage", "Typed before the app closed, not recorded: {0}"
                ).format("；".join(refused) if zh else "; ".join(refused))
            )
        return "  ".join(parts)

    def field_name(self, state: InspectionState, field: str, item_id: str) -> str:
        """A typed field as people name it: the item's title and which of its fields."""
        if field == typed_commands.Field.NARRATIVE:
            if state.mode == Mode.MYSTERY:
                return QCoreApplication.translate("RunnerPage", "Narrative")
            return QCoreApplication.translate("RunnerPage", "Summary")
        if field == typed_commands.Field.MANAGER:
            return QCoreApplication.translate("RunnerPage", "Branch manager")
        if field == typed_commands.Field.VISIT:
            facts = {
                "ticket": QCoreApplication.translate("RunnerPage", "Ticket number"),
                "wave": QCoreApplication.translate("RunnerPage", "Wave"),
                "customers_waiting": QCoreApplication.translate(
                    "RunnerPage", "Customers waiting on arrival"
                ),
            }
            return facts.get(item_id, item_id)
        title = self.page.item_title(item_id, state)
        if field == typed_commands.Field.NOTE:
            return QCoreApplication.translate("RunnerPage", "{0} (note)").format(title)
        if field == typed_commands.Field.ACTION:
            return QCoreApplication.translate("RunnerPage", "{0} (rectification)").format(title)
        return title

    def keep(self, field: typed_commands.Field, item_id: str, text: str) -> None:
        """Keep what is typed into a field durable at once (not audited; the settled
        value is recorded after the pause, and this copy goes with it)."""
        page = self.page
        if page.uuid is None or page.state is None or page.state.read_only:
            return
        k = typed_commands.key(field, item_id)
        try:
            typed_commands.keep(self.db, page.uuid, k, text)
        except UserError as e:
            log.warning("typed text not kept: %s", e)
            self.say(user_text(e))
            page.item_view.show_save_state("refused")
            return
        self._kept.add(k)
        page.item_view.show_save_state("kept")

    def recorded(self, field: typed_commands.Field, item_id: str) -> None:
        """A field's value was recorded: its kept copy went with it."""
        self._kept.discard(typed_commands.key(field, item_id))

    def settled(self, field: typed_commands.Field, item_id: str, ok: bool) -> None:
        """A field's value was recorded (its kept copy went with it) or refused."""
        if ok:
            self.recorded(field, item_id)
        self.page.item_view.show_save_state("saved" if ok else "refused")

    def discard(self) -> None:
        """Forget the kept copies left after a flush: equal to what is recorded, or text
        that was refused (and said so). A crash never gets here: they are recovered."""
        kept, self._kept = self._kept, set()
        if not kept or self.page.uuid is None:
            return
        try:
            typed_commands.discard(self.db, self.page.uuid, kept)
        except UserError as e:
            log.warning("kept typing not discarded: %s", e)
