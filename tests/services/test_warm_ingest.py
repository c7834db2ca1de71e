"""One child process imports a batch of files; failures are reported as a fresh child's are."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import pytest

from shiny_review.domain.errors import InputFileError
from shiny_review.ingest import ingest_file
from shiny_review.services.warm_ingest import WarmIngester

CHILD_NAME = "shiny-review-import"


def _children() -> list[object]:
    return [p for p in mp.active_children() if p.name == CHILD_NAME]


def test_one_child_imports_the_batch_and_survives_a_refused_file(
    shared_dir: Path, tmp_path: Path
) -> None:
    corpus = shared_dir / "corpus" / "ofsted"
    first, second = corpus / "nottingham-2019-january-07.pdf", corpus / "halton-2024-july-12.pdf"
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    ingester = WarmIngester()
    try:
        assert ingester._child is not None
        pid = ingester._child.process.pid
        assert ingester(first) == ingest_file(first)
        with pytest.raises(InputFileError, match=r"junk\.pdf"):
            ingester(junk)
        assert ingester(second) == ingest_file(second)
        assert ingester._child.process.pid == pid  # the same child all along
    finally:
        ingester.close()
    assert _children() == []


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_AS is POSIX only")
def test_the_memory_limit_is_one_message_and_a_fresh_child_follows(shared_dir: Path) -> None:
    report = shared_dir / "corpus" / "ofsted" / "bedford-2025-august-27.pdf"
    ingester = WarmIngester(memory_limit=64 * 1024**2)
    try:
        for _ in range(2):  # the second file gets a fresh child, and the same answer
            with pytest.raises(InputFileError) as caught:
                ingester(report)
            assert str(caught.value) == (
                "could not import bedford-2025-august-27.pdf: it needs more memory than the "
                "import limit of 64 MiB"
            )
    finally:
        ingester.close()
    assert _children() == []


def test_a_file_over_time_kills_the_child(shared_dir: Path) -> None:
    report = shared_dir / "corpus" / "ofsted" / "bedford-2025-august-27.pdf"
    ingester = WarmIngester(timeout=0.01)
    try:
        with pytest.raises(InputFileError, match="took longer than"):
            ingester(report)
        assert ingester._child is None and _children() == []
    finally:
        ingester.close()


def test_two_children_read_a_batch_side_by_side_in_order(shared_dir: Path, tmp_path: Path) -> None:
    corpus = shared_dir / "corpus" / "ofsted"
    files = [
        corpus / "nottingham-2019-january-07.pdf",
        corpus / "halton-2024-july-12.pdf",
        corpus / "shropshire-2022-march-25.pdf",
    ]
    ingester = WarmIngester(workers=2)
    try:
        assert len(_children()) == 2
        assert ingester.ingest_all(files) == [ingest_file(f) for f in files]
        junk = tmp_path / "junk.pdf"
        junk.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
        with pytest.raises(InputFileError, match=r"junk\.pdf"):
            ingester.ingest_all([files[0], junk, files[1], files[2]])
        assert ingester.ingest_all(files[:2]) == [ingest_file(f) for f in files[:2]]
    finally:
        ingester.close()
    assert _children() == []


def test_a_batch_file_over_time_stops_every_child(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "ofsted"
    files = [corpus / "bedford-2025-august-27.pdf", corpus / "halton-2024-july-12.pdf"]
    ingester = WarmIngester(timeout=0.01, workers=2)
    try:
        with pytest.raises(InputFileError, match=r"bedford.*took longer than"):
            ingester.ingest_all(files)
        assert _children() == []
    finally:
        ingester.close()


def test_the_command_line_reads_a_batch_in_two_children_and_one_file_in_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shiny_review.services.isolated_ingest import ingest_isolated
    from shiny_review.services.warm_ingest import ingester_for

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    for files, children in ((1, 1), (12, 2)):
        with ingester_for("import", files) as ingester:
            assert isinstance(ingester, WarmIngester)
            assert len(ingester._slots) == children
            assert len(_children()) == children
        assert _children() == []
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    with ingester_for("import", 12) as ingester:
        assert isinstance(ingester, WarmIngester) and len(ingester._slots) == 1
    with ingester_for("documents") as ingester:
        assert ingester is ingest_isolated  # no child unless a file is read


def test_a_child_that_answers_is_given_the_next_file_at_once(
    shared_dir: Path, tmp_path: Path
) -> None:
    """Files differ in length: while one child reads a long report the other takes every
    short file after it (not every other file), and the answers still come in order."""
    long = shared_dir / "corpus" / "ofsted" / "shropshire-2017-november-24.pdf"
    notes = []
    for n in range(3):
        note = tmp_path / f"note-{n}.txt"
        note.write_text(f"Note {n} on the inspection of children's services.\n", "utf-8")
        notes.append(note)
    ingester = WarmIngester(workers=2)
    try:
        found = ingester.ingest_all([long, *notes])
        assert [d.source_name for d in found] == [long.name, *(n.name for n in notes)]
        assert [child.files for child in ingester._slots if child is not None] == [1, 3]
    finally:
        ingester.close()
