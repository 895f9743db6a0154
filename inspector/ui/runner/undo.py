"""The runner's undo: one command per answer change (judgement and value; a note stays)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from inspector.domain.answers import Answer


class Restoring(Protocol):
    """The page that puts an answer back (``RunnerPage.restore_answer``)."""

    def restore_answer(self, item_id: str, answer: Answer | None) -> bool: ...


class AnswerCommand(QUndoCommand):
    """One answer change; redo and undo both go through ``answering.set_answer``.

    The change is already committed when the command is pushed (so a refused value never
    enters the stack); the first ``redo`` call from ``QUndoStack.push`` is skipped.
    """

    def __init__(
        self, page: Restoring, item_id: str, old: Answer | None, new: Answer, text: str
    ) -> None:
        super().__init__(text)
        self._page, self._item_id, self._old, self._new = page, item_id, old, new
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._page.restore_answer(self._item_id, self._new)

    def undo(self) -> None:
        # Restores the judgement and value that were there; a note typed since stays.
        self._page.restore_answer(self._item_id, self._old)
