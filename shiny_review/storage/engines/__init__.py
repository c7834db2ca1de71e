"""What differs between the two engines a workspace may live on, each in one module.

``sqlite.py``: a local file (pragmas, ``BEGIN IMMEDIATE``, the SQL functions registered on each
connection). ``postgresql.py``: a team server (psycopg 3, the password's sources, TLS, the
login's rights). Everything else in storage is written once for both; where SQL must differ it
asks ``dialect_of`` and branches there.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def dialect_of(session: Session) -> str:
    """``"sqlite"`` or ``"postgresql"``: the engine under this unit of work."""
    return session.get_bind().dialect.name
