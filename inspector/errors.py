"""Exceptions whose message is meant for the user.

Anything raised as a :class:`UserError` is shown as it is, by the CLI as a one-line
``error: ...`` and by the GUI in a message box; everything else is a bug, logged with its
traceback and reported with the log file's location.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; the message says what, where and what to do."""


class NotFoundError(UserError):
    """An id or code given by the user does not exist."""


class ValidationError(UserError):
    """Input that breaks a rule: a wrong answer type, a value out of range, ..."""


class ReadOnlyError(UserError):
    """A change to something that can no longer change (a finalized inspection)."""
