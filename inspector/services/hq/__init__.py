"""HQ views (being split by job: see the next commit); the code moved to :mod:`.queries`."""

from inspector.services.hq.queries import *  # noqa: F403
from inspector.services.hq.queries import _conditions  # noqa: F401
