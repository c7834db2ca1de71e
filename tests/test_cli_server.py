"""The command line on a team workspace (issue 17), against the tests' real PostgreSQL."""

from __future__ import annotations

import io
from typing import Any

import pytest

from shiny_review import cli
from shiny_review.storage.database import head_revision
from tests.conftest import as_login
from tests.factories import make_ingested


@pytest.fixture
def engine_name() -> str:
    return "postgresql"


@pytest.fixture
def url(workspace_target: Any) -> str:
    from shiny_review.services.review import ReviewService
    from shiny_review.storage.server_workspace import open_workspace

    service = ReviewService(open_workspace(workspace_target, None))
    try:
        service.documents.add_ingested(make_ingested())
    finally:
        service.close()
    return str(workspace_target.label)


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return cli.main(argv, out), out.getvalue()


def test_commands_work_on_a_server_as_the_login(url: str) -> None:
    code, out = run(["annotate", "1", "--quote", "Main findings", "--workspace", url])
    assert code == 0 and out.strip().isdigit()
    code, out = run(["history", "--workspace", url, "--author", "Test Officer"])
    assert code == 0
    assert out.splitlines()[-1].split("\t")[1] == "Test Officer"


def test_author_cannot_impersonate_on_a_server(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(["annotate", "1", "--quote", "Main findings", "--workspace", url,
                   "--author", "Someone Else"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "cannot change it" in err and "Test Officer" in err


def test_backups_on_a_server_are_its_pg_dump_job(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["backups", "--now", "--workspace", url])
    err = capsys.readouterr().err
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "pg_dump" in err


def test_a_password_in_the_address_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(["documents", "--workspace", "postgresql://alice:secret@127.0.0.1/db"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "may not hold a password" in err and "secret" not in err


def test_server_setup_runs_and_an_editor_then_works(pg_server: Any) -> None:
    with pg_server.connect() as conn:
        conn.execute("CREATE DATABASE sr_setup_run")
    try:
        admin = pg_server.spec("sr_setup_run")
        code, out = run(["server-setup", "--run", "--workspace", admin.label])
        assert code == 0 and f"revision {head_revision()}" in out
        editor = as_login(admin, "Test Officer").label
        code, out = run(["documents", "--workspace", editor])
        assert code == 0
        code, out = run(["server-setup", "--workspace", admin.label])
        assert code == 0 and "GRANT SELECT ON ALL TABLES" in out
    finally:
        pg_server.drop_database("sr_setup_run")
