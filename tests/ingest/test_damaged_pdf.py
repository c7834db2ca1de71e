"""A damaged or cut-short PDF is refused in one line; MuPDF's messages never reach stdout."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pymupdf
import pytest

from shiny_review import cli
from shiny_review.domain.errors import InputFileError
from shiny_review.ingest import ingest_file
from shiny_review.ingest.pdf_text import extract_pdf
from tests.conftest import CORPUS

REPORT = CORPUS / "bedford-2025-august-27.pdf"
# Its outline is broken: MuPDF warns while reading it, but its text is whole.
WARNS = CORPUS.parent / "ofsted-wide" / "kensington-and-chelsea-2016-march-29.pdf"


def _with_a_broken_content_stream() -> bytes:
    """Two pages; the second page's content refers to an object that is not a stream."""
    doc = pymupdf.open()
    for i in range(2):
        page = doc.new_page()
        page.insert_text((72, 72), f"Page {i}: what needs to improve in children's services.")
    content = doc[1].get_contents()[0]
    doc.xref_set_key(doc[1].xref, "Contents", f"[{content} 0 R {doc.pdf_catalog()} 0 R]")
    return doc.tobytes()


@pytest.mark.parametrize("keep", [0.3, 0.7, 0.97])
def test_a_cut_short_pdf_is_refused(
    shared_dir: Path, tmp_path: Path, keep: float, capfd: pytest.CaptureFixture[str]
) -> None:
    data = REPORT.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(InputFileError, match=r"damaged or incomplete|damaged PDF"):
        ingest_file(cut)
    out, _ = capfd.readouterr()
    assert out == ""


def test_mupdf_errors_while_reading_refuse_the_file_and_go_to_the_log(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="shiny_review.ingest.pdf_text"),
        pytest.raises(InputFileError, match="damaged or incomplete"),
    ):
        extract_pdf(_with_a_broken_content_stream(), "broken.pdf")
    out, _ = capfd.readouterr()
    assert "MuPDF" not in out
    assert any("MuPDF error" in r.getMessage() for r in caplog.records)


def test_import_json_stays_valid_json_and_names_the_damaged_file(
    shared_dir: Path,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(_with_a_broken_content_stream())
    ws = tmp_path / "w.sqlite"
    argv = ["import", "--json", "--workspace", str(ws)]
    # A real report whose reading makes MuPDF warn (in the child process): stdout is JSON.
    assert cli.main([*argv, str(WARNS)]) == 0
    out, err = capfd.readouterr()
    assert [d["created"] for d in json.loads(out)] == [True]
    assert "MuPDF" not in out + err
    # A damaged one: nothing on stdout, one line on stderr naming it.
    stdout = io.StringIO()
    assert cli.main([*argv, str(broken)], out=stdout) == 1
    out, err = capfd.readouterr()
    assert stdout.getvalue() == "" and out == ""
    assert err.count("\n") == 1 and "broken.pdf is damaged or incomplete" in err
