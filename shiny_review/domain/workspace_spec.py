"""What a workspace is: a SQLite file, or a PostgreSQL server named by a URL or a ``.srconn`` file.

``workspace_target(text)`` turns what the user gave (``--workspace``, the window's Open dialog)
into a ``Path`` (a SQLite workspace file) or a ``ServerSpec``:

- ``postgresql://user@host[:port]/database?sslmode=...&sslrootcert=...``
- a ``.srconn`` file, INI (a ``[server]`` section) or JSON, with ``host``, ``port``,
  ``database``, ``user``, ``sslmode``, ``sslrootcert``.

Neither may hold a password: the app refuses one (a password lives in libpq's ``.pgpass``, the
OS credential store, or the person's head). TLS is on by default (``verify-full``, checked
against the CA file IT provides); a plain connection (``disable``, ``allow``, ``prefer``) only
when the user writes so, and ``ServerSpec.warning`` says it in one line. Standard library only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from shiny_review.domain.errors import WorkspaceError

SCHEMES = ("postgresql://", "postgres://")
SRCONN_SUFFIX = ".srconn"
DEFAULT_PORT = 5432
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
PLAIN_MODES = ("disable", "allow", "prefer")  # may send everything unencrypted
FIELDS = ("host", "port", "database", "user", "sslmode", "sslrootcert")
SECRET_KEYS = ("password", "passwd", "pwd", "passfile")


@dataclass(frozen=True, slots=True)
class ServerSpec:
    """A workspace on a PostgreSQL server (never with a password)."""

    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = "verify-full"
    sslrootcert: str | None = None
    source: Path | None = None  # the .srconn file it was read from, if any

    @property
    def label(self) -> str:
        """How the app names it to a person (and in its recent list): a URL, no password."""
        query = f"?sslmode={self.sslmode}"
        if self.sslrootcert:
            query += f"&sslrootcert={quote(self.sslrootcert)}"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{quote(self.user)}@{host}:{self.port}/{quote(self.database)}{query}"

    @property
    def plain(self) -> bool:
        return self.sslmode in PLAIN_MODES

    @property
    def warning(self) -> str | None:
        """One line when the connection may travel unencrypted (the user asked for it)."""
        if not self.plain:
            return None
        return (
            f"warning: the connection to {self.host}:{self.port} is not encrypted "
            f"(sslmode={self.sslmode}); use sslmode=verify-full with IT's CA file"
        )

    def with_database(self, database: str) -> ServerSpec:
        return replace(self, database=database, source=None)


WorkspaceTarget = Path | ServerSpec


def is_server_text(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


def workspace_target(text: str | Path) -> WorkspaceTarget:
    """A SQLite path or a server (a URL, or a ``.srconn`` file); WorkspaceError if malformed."""
    if isinstance(text, Path):
        return read_srconn(text) if text.suffix.lower() == SRCONN_SUFFIX else text
    if is_server_text(text):
        return parse_url(text)
    path = Path(text).expanduser()
    return read_srconn(path) if path.suffix.lower() == SRCONN_SUFFIX else path


def parse_url(url: str) -> ServerSpec:
    """``postgresql://user@host[:port]/database?sslmode=...&sslrootcert=...``."""
    parts = urlsplit(url.strip())
    if parts.password is not None:
        raise WorkspaceError(
            "a workspace address may not hold a password: leave it out and give it when asked "
            "(or keep it in .pgpass or the system's credential store)"
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    try:
        port = parts.port
    except ValueError as exc:
        raise WorkspaceError(f"the port in {url!r} is not a number") from exc
    values: dict[str, object] = {
        "host": parts.hostname or "",
        "port": port if port is not None else query.pop("port", None),
        "database": unquote(parts.path.lstrip("/")),
        "user": unquote(parts.username or ""),
        **query,
    }
    return _spec(values, where=f"the workspace address {_redact(url)}")


def read_srconn(path: Path) -> ServerSpec:
    """A ``.srconn`` file: JSON (an object) or INI (a ``[server]`` section, or no section)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise WorkspaceError(f"cannot read the connection file {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise WorkspaceError(
            f"{path} is not a connection file: it is not text (host, database, user)"
        ) from exc
    values: dict[str, object]
    if text.lstrip().startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WorkspaceError(
                f"{path} is not valid JSON ({exc.msg}, line {exc.lineno})"
            ) from exc
        if not isinstance(loaded, dict):
            raise WorkspaceError(f"{path} must hold one JSON object with host, database, user")
        values = dict(loaded)
    else:
        import configparser  # only for a connection file: not on a local workspace's start

        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text if text.lstrip().startswith("[") else "[server]\n" + text)
        except configparser.Error as exc:
            raise WorkspaceError(f"{path} is not a valid connection file: {exc}") from exc
        section = "server" if parser.has_section("server") else (parser.sections() or [""])[0]
        if not section:
            raise WorkspaceError(f"{path} has no [server] section")
        values = dict(parser.items(section))
    spec = _spec(values, where=str(path), base=path.parent)
    return replace(spec, source=path)


def write_srconn(path: Path, spec: ServerSpec) -> None:
    """Write a ``.srconn`` file (INI) for ``spec``: never a password (there is none to write)."""
    lines = ["[server]"]
    for key in FIELDS:
        value = getattr(spec, key)
        if value is not None:
            lines.append(f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _redact(url: str) -> str:
    parts = urlsplit(url)
    return f"postgresql://{parts.hostname or ''}/{parts.path.lstrip('/')}"


def _spec(values: dict[str, object], *, where: str, base: Path | None = None) -> ServerSpec:
    lowered = {str(k).strip().lower(): v for k, v in values.items()}
    secret = [k for k in lowered if k in SECRET_KEYS]
    if secret:
        raise WorkspaceError(
            f"{where} holds a password ({secret[0]}); the app refuses it: remove it and give "
            "the password when asked (or keep it in .pgpass or the system's credential store)"
        )
    unknown = sorted(set(lowered) - set(FIELDS))
    if unknown:
        raise WorkspaceError(
            f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(FIELDS)})"
        )
    text = {k: str(v).strip() for k, v in lowered.items() if v is not None and str(v).strip()}
    missing = [k for k in ("host", "database", "user") if k not in text]
    if missing:
        raise WorkspaceError(f"{where} does not name the {missing[0]} (host, database, user)")
    try:
        port = int(text.get("port", DEFAULT_PORT))
    except ValueError as exc:
        raise WorkspaceError(f"{where}: the port {text['port']!r} is not a number") from exc
    if not 0 < port < 65536:
        raise WorkspaceError(f"{where}: the port {port} is out of range")
    sslmode = text.get("sslmode", "verify-full").lower()
    if sslmode not in SSL_MODES:
        raise WorkspaceError(f"{where}: sslmode must be one of {', '.join(SSL_MODES)}")
    root = text.get("sslrootcert")
    if root is not None and base is not None and not Path(root).expanduser().is_absolute():
        root = str(base / root)
    return ServerSpec(
        host=text["host"],
        database=text["database"],
        user=text["user"],
        port=port,
        sslmode=sslmode,
        sslrootcert=str(Path(root).expanduser()) if root else None,
    )
