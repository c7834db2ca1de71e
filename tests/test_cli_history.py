"""``history``: the listing, --json and --export streamed an entry at a time, with the bytes
the whole list gave."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from shiny_review import cli
from shiny_review.domain.cell_safety import neutralise
from shiny_review.domain.entities import Stance
from shiny_review.services.export.history_writer import HISTORY_COLUMNS
from shiny_review.services.review import ReviewService
from tests.factories import make_ingested


def _filled(service: ReviewService) -> ReviewService:
    doc = service.documents.add_ingested(make_ingested()).value.document.id
    recs = service.recommendations.all(doc)
    first = service.annotations.add_quote(
        doc,
        "Supervision is regular",
        stance=Stance.SHOWS_CONCERN,
        note="=SUM(A1) and a\nsecond line – “voice” 😀",
        recommendation_ids=[recs[0].id],
    ).value
    service.annotations.add_quote(doc, "leaders know it", note="+1")
    service.annotations.delete(first.id)
    return service


def _run(service: ReviewService, *argv: str) -> str:
    out = io.StringIO()
    assert cli.run(cli.build_parser().parse_args(["history", *argv]), service, out) == 0
    return out.getvalue()


def _as_written_from_the_list(entries: list[Any], target: Path) -> None:
    """The history export as it was written from the whole list (the reference)."""
    items = [e.as_dict() for e in entries]
    if target.suffix == ".json":
        data = [
            {
                **{k: r[k] for k in HISTORY_COLUMNS[:6]},
                "before": None if r["before"] is None else json.loads(r["before"]),
                "after": None if r["after"] is None else json.loads(r["after"]),
            }
            for r in items
        ]
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        return
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HISTORY_COLUMNS)
        for r in items:
            writer.writerow(
                [neutralise("" if r[k] is None else str(r[k])) for k in HISTORY_COLUMNS]
            )


def test_history_streamed_is_the_list_s_bytes(service: ReviewService, tmp_path: Path) -> None:
    entries = _filled(service).history.entries()
    assert len(entries) >= 4 and list(service.history.stream()) == entries
    lines = "".join(f"{h.at}\t{h.author}\t{h.action}\t{h.entity} {h.entity_id}\n" for h in entries)
    assert _run(service) == lines
    listed = io.StringIO()
    json.dump([h.as_dict() for h in entries], listed, ensure_ascii=False, indent=2)
    assert _run(service, "--json") == listed.getvalue() + "\n"
    for name in ("history.json", "history.csv"):
        got, want = tmp_path / name, tmp_path / f"want-{name}"
        assert _run(service, "--export", str(got)) == f"wrote {len(entries)} changes to {got}\n"
        _as_written_from_the_list(entries, want)
        assert got.read_bytes() == want.read_bytes(), name


def test_an_empty_history_is_an_empty_array(service: ReviewService) -> None:
    assert service.history.entries() == []
    assert _run(service, "--json") == "[]\n" and _run(service) == ""
