"""The CSV evidence log: UTF-8 with BOM, CRLF, every field quoted, formulas neutralised."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from shiny_review.domain.cell_safety import FORMULA_TRIGGERS, neutralise
from shiny_review.domain.export_rows import EVIDENCE_COLUMNS, EvidenceRow, text_cells
from shiny_review.services.export.csv_writer import BATCH, write_csv, write_csv_batches


def test_csv_bytes_and_cells(rows: list[EvidenceRow], tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    assert write_csv(rows, target) == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    read = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert read[0] == list(EVIDENCE_COLUMNS)
    first = dict(zip(EVIDENCE_COLUMNS, read[1], strict=True))
    assert first["quote"] == "'=SUM(A1)" and first["note"] == "note\nline"
    second = dict(zip(EVIDENCE_COLUMNS, read[2], strict=True))
    assert (second["page"], second["recommendation_number"], second["quote"]) == (
        "",
        "",
        "quote 🙂",
    )


def _cell_at_a_time(rows: list[tuple[object, ...]], target: Path) -> None:
    """The log as every cell neutralised on its own (what the batches must equal)."""
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(EVIDENCE_COLUMNS)
        for row in rows:
            writer.writerow([neutralise(cell) for cell in text_cells(row)])


def test_batches_neutralise_as_a_cell_at_a_time(tmp_path: Path) -> None:
    # Cells made of the characters that matter: triggers, quotes, commas, line breaks; at the
    # start, the end and inside a cell, and in the first and last column; ints and None.
    rng = random.Random(16)
    pieces = ["=", "+", "-", "@", "\t", "\r", "\n", '"', ",", "a", "é", " ", "\r\n", '""', ",\r"]
    checked = 0
    for size in (1, 2, 7, BATCH - 1, BATCH + 3):
        for _ in range(4):
            rows: list[tuple[object, ...]] = []
            for _ in range(size):
                clean = rng.random() < 0.97  # most batches hold no trigger at all
                cells: list[object] = []
                for _ in EVIDENCE_COLUMNS:
                    kind = rng.random()
                    if kind < 0.1:
                        cells.append(None)
                    elif kind < 0.2:
                        cells.append(rng.randint(-5, 500))
                    elif clean:
                        cells.append('word, "quoted"\r\nline ' + str(rng.randint(0, 9)))
                    else:
                        cells.append("".join(rng.choices(pieces, k=rng.randint(0, 4))))
                rows.append(tuple(cells))
            got, want = tmp_path / "got.csv", tmp_path / "want.csv"
            assert write_csv(rows, got) == size
            _cell_at_a_time(rows, want)
            assert got.read_bytes() == want.read_bytes(), size
            checked += 1
    assert checked == 20


def test_a_lone_trigger_anywhere_is_neutralised(tmp_path: Path) -> None:
    # One cell that starts with a trigger in a batch of clean rows: each trigger, in the first,
    # a middle and the last column, of the batch's first, middle and last row.
    clean = ('word, "quoted"\r\nline', 7, None, "ends with a comma,")
    width = len(EVIDENCE_COLUMNS)
    for trigger in FORMULA_TRIGGERS:
        for column in (0, 9, width - 1):
            for row_at in (0, 5, 9):
                # (a row that ends with a comma would be a false alarm: not in the last column)
                rows = [
                    (*(clean[(r + c) % 4] for c in range(width - 1)), "last") for r in range(10)
                ]
                poisoned = list(rows[row_at])
                poisoned[column] = trigger + "SUM(A1)"
                rows[row_at] = tuple(poisoned)
                got, want = tmp_path / "got.csv", tmp_path / "want.csv"
                write_csv(rows, got)
                _cell_at_a_time(rows, want)
                assert got.read_bytes() == want.read_bytes(), (trigger, column, row_at)
                assert b"'" + trigger.encode() + b"SUM(A1)" in got.read_bytes()


def test_rows_in_lists_of_any_length_are_the_same_bytes(tmp_path: Path) -> None:
    # the cursor's lists (write_csv_batches) against the same rows one by one (write_csv):
    # empty lists, short ones and lists longer than a batch, with a trigger in a few rows
    rng = random.Random(7)
    width = len(EVIDENCE_COLUMNS)
    rows: list[tuple[object, ...]] = [
        tuple(
            "=x" if rng.random() < 0.001 else rng.choice(["a, b", 'q"', 3, None, "line\r\nx"])
            for _ in range(width)
        )
        for _ in range(3 * BATCH + 5)
    ]
    want = tmp_path / "want.csv"
    assert write_csv(rows, want) == len(rows)
    for lengths in ([len(rows)], [0, 1, BATCH - 1, 0, 2 * BATCH + 1], [BATCH + 1] * 4):
        lists, at = [], 0
        for n in lengths:
            lists.append(rows[at : at + n])
            at += n
        lists.append(rows[at:])
        got = tmp_path / "got.csv"
        assert write_csv_batches(lists, got) == len(rows)
        assert got.read_bytes() == want.read_bytes(), lengths
