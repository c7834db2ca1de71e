"""A large PDF's pages read by the import's process and a helper give the same import as one
process; a helper that never starts, dies or refuses a page changes nothing else."""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from shiny_review.domain.errors import InputFileError
from shiny_review.ingest import ingest_file
from shiny_review.ingest.pdf_text import extract_pdf, read_pages
from shiny_review.services import split_ingest
from shiny_review.services.isolated_ingest import ingest_isolated
from shiny_review.services.split_ingest import PageSharer, page_chunks

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ofsted"
_DEADLINE_S = 60.0


def _largest_report() -> Path:
    files = sorted(CORPUS.glob("*.pdf"))
    if not files:
        pytest.skip("the corpus is not here")
    return max(files, key=lambda f: pymupdf.open(f).page_count)


def _long_pdf(path: Path, pages: int) -> Path:
    """A report of ``pages`` pages: a heading, numbered paragraphs, a running footer."""
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        page = doc.new_page(width=595, height=842)
        page.insert_text((56, 60), f"Section {number}: what needs to improve", fontsize=13)
        lines = [f"{n}. Paragraph {n} of page {number}, with more words." for n in range(1, 31)]
        page.insert_text((56, 90), "\n".join(lines), fontsize=10, lineheight=2)
        page.insert_text((290, 810), f"Westmarsh report, page {number}", fontsize=8)
    doc.save(path)
    return path


def _wait_for_helper(sharer: PageSharer) -> Callable[..., Any]:
    """``read_pages`` for this process that first waits (up to a deadline) until the helper
    has claimed a chunk, so that it always takes part."""

    def read(data: bytes, name: str, start: int, stop: int, **kw: Any) -> Any:
        deadline = time.monotonic() + _DEADLINE_S
        claims = sharer.claims
        assert claims is not None
        while not claims.helper_took() and time.monotonic() < deadline:
            time.sleep(0.01)  # another process: no Qt event loop to wait on
        return read_pages(data, name, start, stop, **kw)

    return read


def test_chunks_cover_every_page_in_order() -> None:
    for count in (1, 3, 4, 5, 127, 250, 1000, 1001):
        chunks = page_chunks(count)
        assert chunks[0][0] == 0 and chunks[-1][1] == count
        assert all(a < b for a, b in chunks)
        assert all(chunks[i][1] == chunks[i + 1][0] for i in range(len(chunks) - 1))
        assert len(chunks) <= split_ingest.CHUNKS


def test_pages_read_in_ranges_give_the_same_extraction() -> None:
    path = _largest_report()
    data = path.read_bytes()
    whole = extract_pdf(data, path.name, words=True)
    count = pymupdf.open(path).page_count
    pages = [
        p for a, b in page_chunks(count) for p in read_pages(data, path.name, a, b, words=True)
    ]
    parts = extract_pdf(data, path.name, pages)
    assert parts == whole
    assert repr(parts) == repr(whole)


def test_a_corpus_report_shared_with_a_helper_is_the_same_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("shiny_review.ingest.SPLIT_FROM", 2)
    path = _largest_report()
    sharer = PageSharer()
    monkeypatch.setattr("shiny_review.ingest.pdf_text.read_pages", _wait_for_helper(sharer))
    shared = ingest_file(path, read_parts=sharer)
    assert sharer.helper_chunks > 0  # the helper read some of the pages
    single = ingest_file(path)
    assert repr(shared) == repr(single)
    assert shared.extracted.text == single.extracted.text


def _claim_and_die(source: Any, name: str, chunks: Any, claims: Any, out: Any, limit: Any) -> None:
    claims.from_back()
    os._exit(3)


def _claim_and_refuse(
    source: Any, name: str, chunks: Any, claims: Any, out: Any, limit: Any
) -> None:
    claims.from_back()
    out.send(("error", f"{name} is a damaged PDF: its text cannot be read"))
    out.send(None)


def _die_mid_message(
    source: Any, name: str, chunks: Any, claims: Any, out: Any, limit: Any
) -> None:
    """Claims a chunk, starts a message a megabyte long, writes a few bytes of it, and dies
    (a crash while sending)."""
    claims.from_back()
    os.write(out.fileno(), struct.pack("!i", 1_000_000) + b"\x80\x05partial")
    os._exit(3)


def _claim_and_hang(source: Any, name: str, chunks: Any, claims: Any, out: Any, limit: Any) -> None:
    """The helper's own way of ending with the reader, on every system, and then a page that
    never ends: marks (in the file named by SHINY_TEST_CLAIMED) that it has claimed a chunk."""
    split_ingest.watch_reader()
    claims.from_back()
    Path(os.environ["SHINY_TEST_CLAIMED"]).write_text(str(os.getpid()))
    threading.Event().wait()


@pytest.mark.parametrize("helper", [_claim_and_die, _die_mid_message])
def test_a_helper_that_dies_leaves_its_pages_to_the_reader(
    monkeypatch: pytest.MonkeyPatch, helper: Any
) -> None:
    path = _largest_report()
    sharer = PageSharer(helper=helper)
    monkeypatch.setattr("shiny_review.ingest.SPLIT_FROM", 2)
    monkeypatch.setattr("shiny_review.ingest.pdf_text.read_pages", _wait_for_helper(sharer))
    result: list[Any] = []
    reading = threading.Thread(
        target=lambda: result.append(ingest_file(path, read_parts=sharer)), daemon=True
    )
    reading.start()
    reading.join(_DEADLINE_S)
    assert result, "the reader waits for a helper that died"
    assert sharer.helper_chunks == 0
    assert repr(result[0]) == repr(ingest_file(path))


def test_a_page_the_helper_refuses_refuses_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    path = _largest_report()
    sharer = PageSharer(helper=_claim_and_refuse)
    monkeypatch.setattr("shiny_review.ingest.SPLIT_FROM", 2)
    monkeypatch.setattr("shiny_review.ingest.pdf_text.read_pages", _wait_for_helper(sharer))
    with pytest.raises(InputFileError, match="is a damaged PDF: its text cannot be read"):
        ingest_file(path, read_parts=sharer)


def test_no_helper_process_reads_every_page_here(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(self: Any) -> None:
        raise OSError("too many processes")

    monkeypatch.setattr("shiny_review.ingest.SPLIT_FROM", 2)
    monkeypatch.setattr(mp.get_context("spawn").Process, "start", refuse)
    path = _largest_report()
    with caplog.at_level(logging.WARNING, logger="shiny_review.services.split_ingest"):
        shared = ingest_file(path, read_parts=PageSharer())
    assert "no helper process" in caplog.text
    monkeypatch.undo()
    assert repr(shared) == repr(ingest_file(path))


def test_a_damaged_page_range_refuses_the_file() -> None:
    with pytest.raises(InputFileError, match="damaged"):
        read_pages(b"%PDF-1.4 not really", "bad.pdf", 0, 1)


def test_the_import_child_shares_a_long_report_with_a_helper(tmp_path: Path) -> None:
    """Through the child the window and the command line import with: the same import."""
    path = _long_pdf(tmp_path / "long.pdf", 260)
    assert repr(ingest_isolated(path)) == repr(ingest_file(path))


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status  # ended, not yet reaped by whoever adopted it


def _import_hanging_helper(path: str) -> None:
    ingest_file(Path(path), read_parts=PageSharer(helper=_claim_and_hang))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_helper_ends_with_a_cancelled_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cancelled import kills its child: the child's helper, stuck on a page after it has
    claimed its chunk, ends with it (its own watch, not Linux's parent-death signal, which
    the helper here does not ask for)."""
    path = _long_pdf(tmp_path / "long.pdf", 300)
    claimed = tmp_path / "claimed"
    monkeypatch.setenv("SHINY_TEST_CLAIMED", str(claimed))
    child = mp.get_context("spawn").Process(target=_import_hanging_helper, args=(str(path),))
    child.start()
    try:
        deadline = time.monotonic() + _DEADLINE_S
        while not claimed.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert claimed.exists(), "the helper claimed no chunk"
        helper = int(claimed.read_text())
        assert not _gone(helper)
    finally:
        child.kill()
        child.join()
    deadline = time.monotonic() + _DEADLINE_S
    while not _gone(helper) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _gone(helper)
