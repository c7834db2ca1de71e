"""Text files: byte-order mark, then UTF-8, then Windows-1252 with a warning (issue 11)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shiny_review import cli
from shiny_review.ingest import ingest_file
from shiny_review.ingest.plain_text import CP1252_WARNING, detect_encoding

LETTER = (
    "Focused visit to Westmarsh Borough Council children’s services\n\n"
    "What needs to improve?\n\n"
    "The quality of supervision – for social workers – costs £5 and é.\n"
)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8"),
        ("utf-16", "UTF-16"),  # what Notepad saves as "Unicode": little-endian with a mark
        ("utf-16-be", "UTF-16"),  # no mark: found from its NUL bytes
        ("utf-16-le", "UTF-16"),
        ("utf-32", "UTF-32"),
    ],
)
def test_unicode_files_import_exactly(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.encode(encoding))
    decoded = detect_encoding(path.read_bytes())
    assert (decoded.text, decoded.encoding, decoded.warning) == (LETTER, name, None)
    ingested = ingest_file(path)
    assert "children’s services" in ingested.extracted.text
    assert "£5 and é" in ingested.extracted.text
    assert ingested.extracted.warnings == ()


def test_a_notepad_unicode_file_without_txt_suffix_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "letter"
    path.write_bytes(LETTER.encode("utf-16"))
    assert "£5 and é" in ingest_file(path).extracted.text


def test_not_utf8_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.encode("cp1252"))
    decoded = detect_encoding(path.read_bytes())
    assert decoded.text == LETTER  # ’ – £ é as Windows wrote them, not Latin-1 controls
    assert decoded.warning == CP1252_WARNING
    assert ingest_file(path).extracted.warnings == (CP1252_WARNING,)


def test_the_warning_is_shown_by_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.encode("cp1252"))
    out = io.StringIO()
    argv = ["import", "--json", str(path), "--workspace", str(tmp_path / "w.sqlite")]
    assert cli.main(argv, out=out) == 0
    [entry] = json.loads(out.getvalue())
    assert entry["warnings"] == [CP1252_WARNING]
    err = capsys.readouterr().err
    assert err == f"shiny-review: warning: letter.txt: {CP1252_WARNING}\n"
