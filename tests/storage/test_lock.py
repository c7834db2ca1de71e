"""One writer per workspace: the lock refuses a second writer and recovers after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shiny_review.cli import main as cli_main
from shiny_review.domain.errors import WorkspaceLockedError
from shiny_review.storage.lock import WorkspaceLock, lock_path, read_owner
from shiny_review.storage.workspace import Workspace
from tests.factories import make_ingested

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from pathlib import Path
from shiny_review.storage.workspace import Workspace
ws = Workspace(Path(sys.argv[1]), "holder", purpose="test holder")
print("held", flush=True)
sys.stdin.read()  # hold the lock until killed or told to stop
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "held\n"
    return proc


def test_second_writer_in_the_same_process_is_refused(workspace_path: Path) -> None:
    with (
        Workspace(workspace_path, "a"),
        pytest.raises(WorkspaceLockedError, match=r"open in another .*process \d+"),
    ):
        Workspace(workspace_path, "b")
    Workspace(workspace_path, "c").close()  # released on close


def test_lock_names_its_owner(workspace_path: Path) -> None:
    with Workspace(workspace_path, "a", purpose="the window"):
        owner = read_owner(workspace_path)
        assert owner is not None
        assert owner["pid"] == os.getpid()
        assert owner["purpose"] == "the window"


def test_writer_in_another_process_blocks_writers_not_readers(workspace_path: Path) -> None:
    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        repo.add_document(make_ingested())
    proc = _holder(workspace_path)
    try:
        with pytest.raises(WorkspaceLockedError, match=f"process {proc.pid}"):
            Workspace(workspace_path, "b")
        with Workspace(workspace_path, "reader", read_only=True) as ws:
            assert not ws.writable
            with ws.read() as repo:
                assert len(repo.list_documents()) == 1
            with pytest.raises(WorkspaceLockedError, match="read-only"), ws.write():
                pass
    finally:
        proc.kill()
        proc.communicate()  # waits for it and closes its pipes


def test_writing_cli_command_respects_the_lock_with_a_clear_message(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(workspace_path, "a") as ws, ws.write() as repo:
        repo.add_document(make_ingested())
    before = workspace_path.read_bytes()
    proc = _holder(workspace_path)
    try:
        code = cli_main(
            ["annotate", "1", "--quote", "Supervision", "--workspace", str(workspace_path)]
        )
        err = capsys.readouterr().err
        assert code == 1
        assert err.startswith("shiny-review: error: ")
        assert f"is open in another Shiny Review window or command: process {proc.pid}" in err
        assert err.count("\n") == 1
        # Reading commands still work while the other process writes.
        assert cli_main(["documents", "--workspace", str(workspace_path)]) == 0
        assert "Westmarsh" in capsys.readouterr().out
    finally:
        proc.kill()
        proc.communicate()  # waits for it and closes its pipes
    assert workspace_path.read_bytes() == before


def test_lock_recovers_after_the_holder_is_killed(workspace_path: Path) -> None:
    Workspace(workspace_path, "a").close()
    proc = _holder(workspace_path)
    proc.kill()  # SIGKILL: no clean-up runs
    proc.communicate()
    assert lock_path(workspace_path).exists()  # the file is left behind...
    with Workspace(workspace_path, "after the crash") as ws:  # ...but does not block
        assert ws.writable
        owner = read_owner(workspace_path)
        assert owner is not None and owner["pid"] == os.getpid()


def test_lock_object_is_reentrant_and_releases(tmp_path: Path) -> None:
    lock = WorkspaceLock(tmp_path / "w.sqlite")
    with lock:
        assert lock.acquire() is lock
        with pytest.raises(WorkspaceLockedError):
            WorkspaceLock(tmp_path / "w.sqlite").acquire()
    assert not lock.held
    WorkspaceLock(tmp_path / "w.sqlite").acquire().release()


@pytest.mark.parametrize("tamper", ["delete", "replace", "overwrite"])
def test_deleting_or_replacing_the_lock_file_does_not_let_a_second_writer_in(
    workspace_path: Path, tamper: str
) -> None:
    lock = lock_path(workspace_path)
    with Workspace(workspace_path, "a"):  # a new workspace: made after the lock was taken
        if tamper == "delete":
            lock.unlink()
        elif tamper == "replace":
            other = lock.with_name("other")
            other.write_bytes(b"{}")
            os.replace(other, lock)
        else:
            lock.write_bytes(b"\x00" * 10)
        with pytest.raises(WorkspaceLockedError):
            Workspace(workspace_path, "b")
        with pytest.raises(WorkspaceLockedError):
            WorkspaceLock(workspace_path, "restore").acquire()
    Workspace(workspace_path, "c").close()  # free again once the writer closes


def test_deleting_the_lock_file_of_a_writer_in_another_process(
    workspace_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace(workspace_path, "a").close()
    proc = _holder(workspace_path)
    try:
        lock_path(workspace_path).unlink()
        code = cli_main(["recommend", "1", "--text", "x", "--workspace", str(workspace_path)])
        assert code == 1
        assert "close it there first" in capsys.readouterr().err
    finally:
        proc.kill()
        proc.communicate()  # waits for it and closes its pipes
