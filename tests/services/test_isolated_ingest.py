"""Cancelling an isolated import kills its child process at once; nothing is left running."""

from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import threading
import time
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest

from shiny_review.domain.errors import ImportCancelled, ShinyReviewError
from shiny_review.services.isolated_ingest import MAX_TEXT_BYTES, ingest_isolated

CHILD_NAME = "shiny-review-import"


def slow_text(folder: Path) -> Path:
    """Just under the size limit, one long block of lines: seconds of work for the child."""
    line = "Leaders should make sure that every child is visited on time, line {}.\n"
    lines: list[str] = []
    size = 0
    while size < MAX_TEXT_BYTES - 200:
        lines.append(line.format(len(lines)))
        size += len(lines[-1])
    path = folder / "huge-letter.txt"
    path.write_text("".join(lines[:-1]), encoding="ascii")
    return path


def import_children() -> list[BaseProcess]:
    return [p for p in mp.active_children() if p.name == CHILD_NAME]


def wait_until(condition: object, timeout: float = 30.0) -> None:
    """Bounded polling: fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting")
        time.sleep(0.01)


def test_cancel_kills_the_child_and_raises_import_cancelled(tmp_path: Path) -> None:
    path = slow_text(tmp_path)
    cancel = threading.Event()
    raised: list[BaseException] = []

    def run() -> None:
        try:
            ingest_isolated(path, cancel=cancel)
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=run, name="import-test")
    worker.start()
    wait_until(lambda: import_children() or not worker.is_alive())
    (child,) = import_children()
    assert child.is_alive()
    cancelled_at = time.monotonic()
    cancel.set()
    worker.join(timeout=15)
    assert not worker.is_alive()
    assert time.monotonic() - cancelled_at < 10
    (error,) = raised
    assert isinstance(error, ImportCancelled) and isinstance(error, ShinyReviewError)
    assert "cancelled" in str(error) and path.name in str(error)
    assert not child.is_alive()
    if sys.platform != "win32":
        assert child.exitcode == -signal.SIGKILL  # killed, not left to finish
    assert import_children() == []


def test_an_already_cancelled_import_starts_no_child(tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ImportCancelled):
        ingest_isolated(slow_text(tmp_path), cancel=cancel)
    assert import_children() == []


def test_an_unset_cancel_event_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(
        "Focused visit to Westmarsh children's services\n\n"
        "What needs to improve in this area of social work practice?\n\n"
        "The timeliness of initial child protection conferences.\n",
        encoding="utf-8",
    )
    doc = ingest_isolated(path, cancel=threading.Event())
    assert "Westmarsh" in doc.extracted.text
    assert import_children() == []


def test_reaching_the_memory_limit_is_one_line_naming_it(
    shared_dir: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    from functools import partial

    from shiny_review import cli

    report = shared_dir / "corpus" / "ofsted" / "bedford-2025-august-27.pdf"
    limit = 64 * 1024**2  # far less than MuPDF needs: the child fails on the way
    with pytest.raises(ShinyReviewError) as caught:
        ingest_isolated(report, memory_limit=limit)
    assert str(caught.value) == (
        "could not import bedford-2025-august-27.pdf: it needs more memory than the import "
        "limit of 64 MiB"
    )
    out, err = capfd.readouterr()
    assert out == "" and err == ""  # the child's traceback went to the log, not the terminal
    # From the command line: one line on stderr, naming the limit.
    from shiny_review.services import isolated_ingest, warm_ingest

    limited = partial(ingest_isolated, memory_limit=limit)
    monkeypatch.setattr(isolated_ingest, "ingest_isolated", limited)  # as the CLI loads it
    # `import` runs its files through one warm child (services/warm_ingest.py)
    warm = partial(warm_ingest.WarmIngester, memory_limit=limit)
    monkeypatch.setattr(warm_ingest, "WarmIngester", warm)
    stdout = io.StringIO()
    argv = ["import", str(report), "--workspace", str(tmp_path / "w.sqlite")]
    assert cli.main(argv, out=stdout) == 1
    out, err = capfd.readouterr()
    assert stdout.getvalue() == "" and out == ""
    assert err.count("\n") == 1 and "import limit of 64 MiB" in err
