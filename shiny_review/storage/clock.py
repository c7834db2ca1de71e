"""The time a change is stamped with: one clock for every write path (issue 16).

A workspace file's everyday writes (``quick_writes``, the plain driver) and every ORM write
(``repository``) read the time here, called through the module (``clock.now()``), so the
two paths stamp alike and a test that fixes the time fixes it for both in one place.
"""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    """The time of a change: UTC, naive, whole seconds."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
