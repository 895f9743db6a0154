"""Changes the screens make, by database handle and ids: one call, one committed unit of work.

Each function opens its own ``db.session()``, loads what the ids name, runs the change
through the use-case modules one level up (``services/inspections.py``, ``photos.py``, …,
which validate, audit and rescore) and commits before it returns; a refused change raises
its :class:`~inspector.errors.UserError` with nothing written. Results are plain values
(UUIDs, photo ids, small frozen dataclasses), never ORM objects, so workers may hand them
across threads. See docs/architecture.md.
"""
