"""The tests' PostgreSQL server: logins, a migrated template database, one database per test.

The server is SHINY_TEST_PG_URL's (``.ci/run`` starts one) or, without it, a cluster this
module starts (``pg_cluster.py``) and stops. Logins' passwords go in a ``.pgpass`` file of the
session (PGPASSFILE), which libpq reads as it would on an officer's machine: the app is never
given a password. Each test's database is a ``CREATE DATABASE ... TEMPLATE`` copy of one
database that ``server_setup.run_setup`` made (roles, schema, grants), so it costs a copy, not a
migration.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from shiny_review.domain.workspace_spec import ServerSpec

EDITORS = ("Test Officer", "Officer", "Ana Officer")  # the names the SQLite tests write as


def _pgpass_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


class PgServer:
    def __init__(self, admin_url: str, folder: Path) -> None:
        parts = urlsplit(admin_url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 5432
        self.admin = unquote(parts.username or "postgres")
        self.sslmode = query.get("sslmode", "disable")
        self.sslrootcert = query.get("sslrootcert")
        self.folder = folder
        self.pgpass = folder / "pgpass"
        self.pgpass.write_text("")
        self.pgpass.chmod(0o600)
        os.environ["PGPASSFILE"] = str(self.pgpass)
        self.add_password(self.admin, unquote(parts.password or ""))
        self.tag = secrets.token_hex(3)
        self._numbers = itertools.count(1)
        self.template = f"sr_template_{self.tag}"

    def add_password(self, login: str, password: str) -> None:
        with self.pgpass.open("a") as out:
            out.write(
                f"{self.host}:{self.port}:*:{_pgpass_field(login)}:{_pgpass_field(password)}\n"
            )

    def spec(self, database: str, user: str | None = None) -> ServerSpec:
        return ServerSpec(
            host=self.host,
            port=self.port,
            database=database,
            user=user or self.admin,
            sslmode=self.sslmode,
            sslrootcert=self.sslrootcert,
        )

    def connect(self, database: str = "postgres") -> Any:
        """A psycopg connection as the superuser (autocommit), for the tests' own set-up."""
        import psycopg

        return psycopg.connect(
            host=self.host, port=self.port, dbname=database, user=self.admin,
            sslmode=self.sslmode, sslrootcert=self.sslrootcert, autocommit=True,
        )  # fmt: skip

    def add_login(self, login: str, *roles: str) -> str:
        """A login (made once per server) with a password in .pgpass, member of ``roles``."""
        # The same for every test session on this server (two sessions may share one).
        password = hashlib.sha256(f"shiny-review-test:{login}".encode()).hexdigest()[:20]
        quoted = '"' + login.replace('"', '""') + '"'
        with self.connect() as conn:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
            verb = "ALTER" if exists else "CREATE"
            conn.execute(f"{verb} ROLE {quoted} LOGIN PASSWORD '{password}'")
            for role in roles:
                conn.execute(f"GRANT {role} TO {quoted}")
        self.add_password(login, password)
        return login

    def prepare(self) -> None:
        """The template: roles, schema and grants as IT's server-setup makes them."""
        from shiny_review.storage.server_setup import EDITOR, run_setup

        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE {self.template}")
        run_setup(self.spec(self.template))
        for login in EDITORS:
            self.add_login(login, EDITOR)

    def new_database(self, template: str | None = None) -> str:
        """A fresh workspace database: a copy of ``template`` (the migrated, empty one by
        default; a test module may make its own, with letters imported once)."""
        name = f"sr_test_{self.tag}_{next(self._numbers)}"
        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {template or self.template}")
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        self.drop_database(self.template)
