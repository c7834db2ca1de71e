"""Statutory response deadlines: for each letter in the workspace, the dates by which the council
must respond (rules in resources/rules/deadline_rules.toml, counted in working days over England
and Wales bank holidays), with the working days left from today.

``ActionPlanService.deadlines()`` (services/action_plan.py) reads them through this use case,
and the board report prints them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from shiny_review.domain.deadlines import Deadline, LetterFacts, all_deadlines, parse_rules
from shiny_review.runtime.resources import resource_path

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace

Today = Callable[[], dt.date]
PRIORITY_ACTION_WORDS = ("area for priority action", "areas for priority action")


class StatutoryDeadlines:
    """Every letter's statutory deadlines over one workspace. ``today`` and ``extra_holidays``
    (the user's own list of new bank holidays; None: the one in the data folder) are read at
    each call, so the action plan can change them."""

    def __init__(
        self,
        workspace: Workspace,
        today: Today = dt.date.today,
        extra_holidays: Callable[[], Path | None] = lambda: None,
    ) -> None:
        self._workspace = workspace
        self._today = today
        self._extra_holidays = extra_holidays

    def holidays_for(self, *dates: dt.date) -> frozenset[dt.date]:
        """The bank holidays of the years around ``dates`` (and the user's extra ones)."""
        from shiny_review.services.holiday_calendar import bank_holidays, extra_holidays_path

        years = {d.year for d in dates}
        span = range(min(years) - 1, max(years) + 3) if years else range(0)
        return bank_holidays(span, self._extra_holidays() or extra_holidays_path())

    def all(self) -> list[Deadline]:
        """Every letter's statutory response deadlines, with working days left from today."""
        rules = parse_rules(resource_path("rules", "deadline_rules.toml").read_text("utf-8"))
        today = self._today()
        letters = []
        with self._workspace.read() as repo:
            for doc in repo.list_documents():
                grades = [j.grade for j in repo.judgements(doc.id)]
                if doc.overall:
                    grades.append(doc.overall)
                text = repo.document_text(doc.id).text.lower()
                letters.append(
                    LetterFacts(
                        doc.id,
                        doc.title,
                        doc.kind,
                        doc.date,
                        tuple(grades),
                        any(w in text for w in PRIORITY_ACTION_WORDS),
                        doc.inspection_end,
                    )
                )
        dates = [d for f in letters for d in (f.received, f.inspection_end) if d] + [today]
        return all_deadlines(letters, rules, self.holidays_for(*dates), today)
