"""Statutory response deadlines of a letter, from rules kept as data
(resources/rules/deadline_rules.toml).

A rule says which kinds of letter it applies to, under what condition (always, an inadequate
judgement, areas for priority action), and how many working days after the letter is received
the council must respond. Where no rule applies, a letter has no deadline, and says so.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shiny_review.domain.working_days import add_working_days, working_days_between

CONDITIONS = frozenset({"always", "inadequate", "not_inadequate", "priority_action"})


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    id: str
    title: str
    kinds: frozenset[str]
    condition: str
    working_days: int
    source: str


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """What the rules look at in a letter (plain values; the services read them)."""

    document_id: int
    title: str
    kind: str
    received: dt.date | None
    grades: tuple[str, ...]
    has_priority_actions: bool
    # When the letter's date is missing: the last day of the inspection, an earlier (safe)
    # day to count from, said so beside the deadline.
    inspection_end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    document_id: int
    document_title: str
    rule_id: str | None
    title: str
    received: dt.date | None
    due: dt.date | None
    working_days_left: int | None
    source: str

    @property
    def overdue(self) -> bool:
        return self.working_days_left is not None and self.working_days_left < 0


def parse_rules(text: str) -> list[DeadlineRule]:
    data: Mapping[str, Any] = tomllib.loads(text)
    rules = []
    for item in data.get("rule", []):
        condition = str(item.get("condition", "always"))
        if condition not in CONDITIONS:
            raise ValueError(f"deadline rule {item.get('id')!r}: unknown condition {condition!r}")
        rules.append(
            DeadlineRule(
                id=str(item["id"]),
                title=str(item["title"]),
                kinds=frozenset(str(k) for k in item["kinds"]),
                condition=condition,
                working_days=int(item["working_days"]),
                source=str(item["source"]),
            )
        )
    return rules


def _applies(rule: DeadlineRule, facts: LetterFacts) -> bool:
    if facts.kind not in rule.kinds:
        return False
    inadequate = any(g.strip().lower() == "inadequate" for g in facts.grades)
    if rule.condition == "inadequate":
        return inadequate
    if rule.condition == "not_inadequate":
        return not inadequate
    if rule.condition == "priority_action":
        return facts.has_priority_actions
    return True


def letter_deadlines(
    facts: LetterFacts,
    rules: Sequence[DeadlineRule],
    bank_holidays: Collection[dt.date],
    today: dt.date,
) -> list[Deadline]:
    """Every deadline the rules give the letter; one "none" row when no rule applies."""
    found = []
    for rule in rules:
        if not _applies(rule, facts):
            continue
        start, title = facts.received, rule.title
        if start is None and facts.inspection_end is not None:
            start = facts.inspection_end
            title += " (counted from the inspection's last day: the letter has no date)"
        due = add_working_days(start, rule.working_days, bank_holidays) if start else None
        left = working_days_between(today, due, bank_holidays) if due else None
        found.append(
            Deadline(
                facts.document_id,
                facts.title,
                rule.id,
                title,
                start,
                due,
                left,
                rule.source,
            )
        )
    if not found:
        found.append(
            Deadline(
                facts.document_id,
                facts.title,
                None,
                "none: no statutory response deadline for this kind of letter",
                facts.received,
                None,
                None,
                "",
            )
        )
    return found


def all_deadlines(
    letters: Iterable[LetterFacts],
    rules: Sequence[DeadlineRule],
    bank_holidays: Collection[dt.date],
    today: dt.date,
) -> list[Deadline]:
    return [d for f in letters for d in letter_deadlines(f, rules, bank_holidays, today)]
