"""Wait for other sessions' changes on a PostgreSQL server: LISTEN/NOTIFY (issue 17).

Every transaction that writes history notifies the channel ``shiny_review`` (migration 0010);
the server delivers that only on commit. ``ChangeListener.run`` holds its own autocommit
connection (the workspace's server, login and password), says ``LISTEN shiny_review`` and
calls ``wake`` for each notification, until ``stop``. It blocks: run it on a worker thread,
never the GUI's. ``wake`` only says "look now": the change feed reads what changed. A lost
connection is retried every ``RETRY_SECONDS``, with a wake after each reconnect, for what was
missed meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

CHANNEL = "shiny_review"
TICK_SECONDS = 0.25  # how soon ``stop`` is noticed
RETRY_SECONDS = 5.0


class ChangeListener:
    def __init__(self, connect: Callable[[], Any]) -> None:
        """``connect`` opens a new psycopg connection in autocommit mode."""
        self._connect = connect
        self._stop = threading.Event()
        self.listening = threading.Event()  # set while LISTEN is in force

    def stop(self) -> None:
        """Ask ``run`` to return (within ``TICK_SECONDS``); callable from any thread."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run(self, wake: Callable[[], None]) -> None:
        import psycopg

        first = True
        while not self._stop.is_set():
            try:
                conn = self._connect()
            except psycopg.Error:
                self._stop.wait(RETRY_SECONDS)
                continue
            try:
                with conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if not first:
                        wake()  # what changed while the connection was away
                    first = False
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=TICK_SECONDS, stop_after=1):
                            wake()
            except psycopg.Error:
                self._stop.wait(RETRY_SECONDS)
            finally:
                self.listening.clear()
