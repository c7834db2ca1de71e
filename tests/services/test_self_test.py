"""The self-test (``shiny-review --self-test``), run in-process against the source tree.

The frozen app runs the same code; packaging/check_offline.py runs it there.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest import ingest_file
from shiny_review.runtime.resources import resource_path
from shiny_review.services import self_test
from shiny_review.services.self_test import SelfTestFailure, check_csv, check_xlsx, run_self_test

REPO = Path(__file__).resolve().parents[2]


def test_the_self_test_letter_is_found_as_a_resource() -> None:
    path = resource_path(*self_test.SAMPLE_PARTS)
    assert path.is_file()
    assert "FICTIONAL" in path.read_text(encoding="utf-8")


def test_a_missing_resource_names_where_it_looked() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        resource_path("no-such-file.txt")


def test_self_test_passes_with_the_isolated_import(tmp_path: Path) -> None:
    lines: list[str] = []
    report = run_self_test(temp_parent=tmp_path, log=lines.append)
    assert report.failure is None
    assert report.passed
    assert report.warnings == []  # the import finds the letter's three recommendations
    assert any("recommendations: 3" in line for line in lines)
    assert any("XLSX export checked" in line for line in lines)
    assert list(tmp_path.iterdir()) == []  # the throwaway workspace is gone


def test_self_test_adds_a_recommendation_when_the_import_finds_none(tmp_path: Path) -> None:
    def no_recommendations(path: Path) -> IngestedDocument:
        doc = ingest_file(path)
        return dataclasses.replace(
            doc, structure=dataclasses.replace(doc.structure, recommendations=())
        )

    report = run_self_test(ingester=no_recommendations, temp_parent=tmp_path)
    assert report.passed, report.failure
    assert len(report.warnings) == 1
    assert "found no recommendations" in report.warnings[0]


def test_a_missing_sample_fails_with_one_clear_line(tmp_path: Path) -> None:
    report = run_self_test(sample=tmp_path / "missing.txt", temp_parent=tmp_path)
    assert not report.passed
    assert report.failure is not None and "missing.txt" in report.failure


def test_main_prints_a_verdict() -> None:
    out = io.StringIO()
    assert self_test.main(out) == 0
    text = out.getvalue()
    assert text.splitlines()[0].startswith("shiny-review ")
    assert "self-test passed" in text.splitlines()[-1]


def test_the_command_line_flag_runs_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shiny_review", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout


def test_csv_check_rejects_bare_line_feeds(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'\xef\xbb\xbf"annotation_id"\n')
    with pytest.raises(SelfTestFailure, match="LF"):
        check_csv(bad, 0, "quote", "text")


def test_csv_check_rejects_a_missing_byte_order_mark(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b'"annotation_id"\r\n')
    with pytest.raises(SelfTestFailure, match="byte order mark"):
        check_csv(bad, 0, "quote", "text")


def test_xlsx_check_rejects_a_formula(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    book = xlsxwriter.Workbook(str(bad))
    book.add_worksheet().write_formula(0, 0, "=1+1")
    book.close()
    with pytest.raises(SelfTestFailure, match="formula"):
        check_xlsx(bad, 0, "quote")


def test_xlsx_check_rejects_a_file_that_is_not_a_zip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(SelfTestFailure, match="zip"):
        check_xlsx(bad, 0, "quote")
    assert not zipfile.is_zipfile(bad)
