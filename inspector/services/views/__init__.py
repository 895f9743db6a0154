"""Read models of the screens: plain frozen dataclasses, each built in one read-only session.

One module per screen (``runner``, ``home``, ``photos``, ``settings``, ``hq``, ``files``) plus
the lists several share (``inspection_list``, also printed by ``inspector list``, and
``branches``). Each offers a function taking the :class:`~inspector.db.Database` handle and
ids that opens ``db.read_session()`` itself, and, where another read model or the CLI builds
on it inside a session it already has, the same builder taking that session. Nothing returned
holds an ORM object or a session. See docs/architecture.md.
"""
