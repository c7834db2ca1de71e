"""No network, ever: an audit hook that refuses and logs any attempt to reach a network.

``install_network_guard()`` adds a ``sys.addaudithook`` hook (PEP 578) that raises
``NetworkBlockedError`` for socket connections, name look-ups, datagram sends and the
standard library's URL, HTTP, FTP, mail and browser openers, and logs each attempt with the
event name and its target. Audit hooks cannot be removed, so the app installs it once at
start-up (``app.main``) and in every import child process; tests install it only inside a
child process.

The one exception is a team workspace's PostgreSQL server (issue 17): ``allow_server(host,
port)`` lets that host's name be looked up and that address and port be reached, and nothing
else. (libpq itself connects from C, outside Python's audit events; the driver looks the name
up from Python, which the guard sees.)
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Any

BLOCKED_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "telnetlib.Telnet.open",
        "webbrowser.open",
    }
)

log = logging.getLogger("shiny_review.network")


class NetworkBlockedError(ConnectionRefusedError):
    """Raised in place of any network access: Shiny Review works offline only."""


def _describe(event: str, args: tuple[Any, ...]) -> str:
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and len(args) > 1:
        return repr(args[1])
    if event == "urllib.Request" and args:
        return repr(args[0])
    if args:
        return ", ".join(repr(a) for a in args[:2] if not hasattr(a, "fileno"))
    return ""


_allowed_hosts: set[str] = set()
_allowed_addresses: set[tuple[str, int]] = set()


def allow_server(host: str, port: int) -> None:
    """Let this process reach the PostgreSQL server the user named: its name and its port."""
    _allowed_hosts.add(host.lower())
    _allowed_addresses.add((host.lower(), int(port)))


def _allowed(event: str, args: tuple[Any, ...]) -> bool:
    if event in ("socket.getaddrinfo", "socket.gethostbyname") and args:
        return isinstance(args[0], str) and args[0].lower() in _allowed_hosts
    if event == "socket.connect" and len(args) > 1:
        address = args[1]
        if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[0], str):
            return (address[0].lower(), address[1]) in _allowed_addresses
    return False


class _Guard:
    def __init__(self) -> None:
        self.refused = 0
        self._busy = threading.local()

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        if event not in BLOCKED_EVENTS or _allowed(event, args):
            return
        self.refused += 1
        target = _describe(event, args)
        if not getattr(self._busy, "on", False):
            self._busy.on = True
            try:
                log.error("network access refused: %s %s", event, target)
            finally:
                self._busy.on = False
        raise NetworkBlockedError(
            f"network access refused ({event} {target}): Shiny Review works offline only"
        )


_installed: list[_Guard] = []  # audit hooks are per process and permanent


def install_network_guard() -> None:
    """Refuse and log all network access in this process from now on (idempotent)."""
    if _installed:
        return
    guard = _Guard()
    sys.addaudithook(guard)
    _installed.append(guard)


def refused_count() -> int:
    return _installed[0].refused if _installed else 0
