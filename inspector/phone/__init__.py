"""The phone capture page: a front end beside ``ui/`` and ``cli/`` (no Qt, no ORM here).

One inspection's mobile page and its small JSON API, served on the local network while a
desktop dialog (``inspector.ui.phone``) or ``inspector phone ID`` runs it. Like the other
front ends it reads and writes through ``services/views/phone.py`` and
``services/commands/phone.py`` (a ``Database`` handle and ids in, plain data out).

- :mod:`.server`: :class:`~.server.PhoneServer`, one session (token, idle expiry, limits);
- :mod:`.handler`: HTTP routing, bounded bodies and uploads, the static page (``static/``);
- :mod:`.protocol`: the limits, refusals and what the handler needs of the server;
- :mod:`.interfaces`: the network interfaces to listen on; :mod:`.lock`: one session per
  computer; :mod:`.qr`: the page's address as a QR code.

``docs/phone.md`` describes the page, the API and the threat model.
"""
