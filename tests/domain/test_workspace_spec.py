"""A workspace is a file, a postgresql:// URL or a .srconn file; never with a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from shiny_review.domain.errors import WorkspaceError
from shiny_review.domain.workspace_spec import (
    ServerSpec,
    parse_url,
    read_srconn,
    workspace_target,
    write_srconn,
)


def test_a_path_is_a_file_and_a_url_is_a_server(tmp_path: Path) -> None:
    assert workspace_target(str(tmp_path / "w.sqlite")) == tmp_path / "w.sqlite"
    spec = workspace_target("postgresql://alice@db.council.local:5433/reviews?sslmode=verify-full")
    assert spec == ServerSpec("db.council.local", "reviews", "alice", 5433, "verify-full")
    assert spec.warning is None
    assert parse_url("postgres://bob@h/d").port == 5432
    assert parse_url("postgres://bob@h/d").sslmode == "verify-full"  # TLS unless told


def test_a_plain_connection_only_when_asked_and_then_warned() -> None:
    spec = parse_url("postgresql://alice@h/d?sslmode=disable")
    assert spec.plain
    assert spec.warning is not None and "not encrypted" in spec.warning
    assert "\n" not in spec.warning


@pytest.mark.parametrize(
    "url",
    ["postgresql://alice:secret@h/d", "postgresql://alice@h/d?password=secret"],
)
def test_a_password_in_a_url_is_refused(url: str) -> None:
    with pytest.raises(WorkspaceError, match="password") as caught:
        parse_url(url)
    assert "secret" not in str(caught.value)


def test_srconn_ini_and_json_with_a_relative_ca(tmp_path: Path) -> None:
    ini = tmp_path / "team.srconn"
    ini.write_text("[server]\nhost = db\ndatabase = reviews\nuser = alice\nsslrootcert = ca.pem\n")
    spec = workspace_target(str(ini))
    assert isinstance(spec, ServerSpec)
    assert (spec.host, spec.database, spec.user, spec.sslmode) == (
        "db",
        "reviews",
        "alice",
        "verify-full",
    )
    assert spec.sslrootcert == str(tmp_path / "ca.pem")
    js = tmp_path / "json.srconn"
    js.write_text(
        '{"host": "db", "port": 6543, "database": "r", "user": "u", "sslmode": "require"}'
    )
    assert read_srconn(js).port == 6543
    again = tmp_path / "again.srconn"
    write_srconn(again, spec)
    assert read_srconn(again).label == spec.label
    assert "password" not in again.read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("host = db\ndatabase = r\nuser = u\npassword = x\n", "holds a password"),
        ('{"host": "db", "database": "r", "user": "u", "passwd": "x"}', "holds a password"),
        ("host = db\nuser = u\n", "does not name the database"),
        ("host = db\ndatabase = r\nuser = u\nsslmode = maybe\n", "sslmode must be"),
        ("host = db\ndatabase = r\nuser = u\nport = many\n", "not a number"),
    ],
)
def test_a_bad_srconn_is_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.srconn"
    path.write_text(content)
    with pytest.raises(WorkspaceError, match=message) as caught:
        read_srconn(path)
    assert "\n" not in str(caught.value)


def test_a_binary_srconn_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "noise.srconn"
    path.write_bytes(b"garbage\x00\xff\xfe")
    with pytest.raises(WorkspaceError, match="not text") as caught:
        read_srconn(path)
    assert "\n" not in str(caught.value)
