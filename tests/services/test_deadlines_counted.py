"""``deadlines`` (text and JSON) prints the same with working days counted in whole weeks as
with the day-by-day count it replaced, over letters of eleven years."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from benchmarks.scale import build_scale
from shiny_review import cli
from shiny_review.domain import deadlines as deadline_rules
from shiny_review.services.session import close_service, open_service
from tests.domain.test_working_days_counted import _add_day_by_day, _between_day_by_day


def _printed(service: object, argv: list[str]) -> str:
    out = io.StringIO()
    assert cli.run(cli.build_parser().parse_args(argv), service, out) == 0
    return out.getvalue()


def test_deadlines_print_as_counted_day_by_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = build_scale(tmp_path / "w.sqlite", 120, 240)  # letters dated 2015 to 2025
    service = open_service(ws.path, "Tester")
    try:
        text, json_text = (
            _printed(service, ["deadlines"]),
            _printed(service, ["deadlines", "--json"]),
        )
        monkeypatch.setattr(deadline_rules, "add_working_days", _add_day_by_day)
        monkeypatch.setattr(deadline_rules, "working_days_between", _between_day_by_day)
        assert _printed(service, ["deadlines"]) == text
        assert _printed(service, ["deadlines", "--json"]) == json_text
        assert text.count("working days overdue") >= 60
    finally:
        close_service(service)
