"""The action plan's commands (issue 14): ``actions``, ``update``, ``deadlines``, ``report``.

Kept beside cli.py (which registers them with one call each) so the two can merge apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review.domain.action_plan import Action, ActionStatus
from shiny_review.domain.errors import ValidationError
from shiny_review.services.recommendation_refs import (
    recommendation_ref,
    resolve_recommendation_ref,
)

if TYPE_CHECKING:  # the action plan's services load with its commands, not with `import`
    from shiny_review.services.action_plan import ActionPlanService
    from shiny_review.services.review import ReviewService

COMMANDS = ("actions", "update", "deadlines", "report")
READ_ONLY = frozenset({"deadlines", "report"})
STATUSES = [s.value for s in ActionStatus]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("actions", parents=[common], help="the action plan: list, add, edit")
    p.add_argument("--json", action="store_true")
    verbs = p.add_subparsers(dest="verb", required=False, parser_class=type(p))
    a = verbs.add_parser("add", parents=[common], help="add an action to a recommendation")
    a.add_argument("recommendation", metavar="REC", help="DOC:N, or N with one document")
    a.add_argument("--text", required=True)
    a.add_argument("--owner", required=True)
    a.add_argument("--due", required=True, type=_date, metavar="YYYY-MM-DD")
    a.add_argument("--start", type=_date, default=None, metavar="YYYY-MM-DD")
    a.add_argument("--status", choices=STATUSES, default=ActionStatus.NOT_STARTED.value)
    a.add_argument("--json", action="store_true")
    e = verbs.add_parser("edit", parents=[common], help="change an action")
    e.add_argument("action", type=int, metavar="ACTION")
    e.add_argument("--text", default=None)
    e.add_argument("--owner", default=None)
    e.add_argument("--due", type=_date, default=None, metavar="YYYY-MM-DD")
    e.add_argument("--start", type=_date, default=None, metavar="YYYY-MM-DD")
    e.add_argument("--status", choices=STATUSES, default=None)
    e.add_argument("--delete", action="store_true", help="delete the action (undo: --restore)")
    e.add_argument("--restore", action="store_true", help="restore a deleted action")
    e.add_argument("--json", action="store_true")

    p = sub.add_parser("update", parents=[common], help="add a dated progress update")
    p.add_argument("recommendation", metavar="REC", help="DOC:N, or N with one document")
    p.add_argument("--text", required=True)
    p.add_argument("--evidence", type=int, nargs="*", default=[], metavar="ANNOTATION")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("deadlines", parents=[common], help="statutory deadlines, days left")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("report", parents=[common], help="the improvement-board report")
    p.add_argument("--xlsx", type=Path, default=None, metavar="FILE")
    p.add_argument("--pdf", type=Path, default=None, metavar="FILE")


def action_dict(action: Action, label: str, today: dt.date) -> dict[str, Any]:
    return {
        "id": action.id,
        "recommendation": label,
        "recommendation_id": action.recommendation_id,
        "text": action.text,
        "owner": action.owner,
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "due_date": action.due_date.isoformat(),
        "status": action.status.value,
        "rag": action.status.rag.label,
        "overdue_days": action.days_overdue(today),
        "deleted": action.deleted,
    }


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def run(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    plan = service.action_plan
    if args.command == "deadlines":  # neither reads the recommendations' evidence counts
        return _deadlines(plan, args.json, out)
    if args.command == "report":
        return _report(args, service, out)
    today = plan.today()
    if args.command == "actions" and args.verb is None:
        labels = service.recommendations.refs()  # no evidence counts: they read every link
        rows = [action_dict(a, labels.get(a.recommendation_id, ""), today) for a in plan.actions()]
        if args.json:
            _print_json(rows, out)
        else:
            for r in rows:
                late = f"\t{r['overdue_days']} days overdue" if r["overdue_days"] else ""
                out.write(
                    f"{r['id']}\t{r['recommendation']}\t{r['rag']}\tdue {r['due_date']}"
                    f"\t{r['owner']}\t{r['text']}{late}\n"
                )
        return 0
    recs = service.recommendations.all()
    labels = {r.id: recommendation_ref(r) for r in recs}
    if args.command == "actions" and args.verb == "add":
        rec = resolve_recommendation_ref(recs, args.recommendation)
        action = plan.add_action(
            rec.id,
            text=args.text,
            owner=args.owner,
            due_date=args.due,
            start_date=args.start,
            status=ActionStatus(args.status),
        ).value
        _print_action(action, labels[rec.id], today, args.json, out)
        return 0
    if args.command == "actions" and args.verb == "edit":
        if args.delete and args.restore:
            raise ValidationError("give --delete or --restore, not both")
        from shiny_review.services.action_plan import ActionChanges

        changes = ActionChanges(
            text=args.text,
            owner=args.owner,
            start_date=args.start,
            due_date=args.due,
            status=ActionStatus(args.status) if args.status else None,
        )
        action = plan.edit_action(args.action, changes).value
        if args.delete:
            action = plan.delete_action(args.action).value
        if args.restore:
            action = plan.restore_action(args.action).value
        _print_action(action, labels.get(action.recommendation_id, ""), today, args.json, out)
        return 0
    if args.command == "update":
        rec = resolve_recommendation_ref(recs, args.recommendation)
        update = plan.add_update(rec.id, args.text, args.evidence).value
        if args.json:
            _print_json(
                {
                    "id": update.id,
                    "recommendation": labels[rec.id],
                    "text": update.text,
                    "author": update.author,
                    "at": update.at.isoformat(timespec="seconds") + "Z",
                    "evidence": list(update.evidence),
                },
                out,
            )
        else:
            out.write(f"{update.id}\n")
        return 0
    raise ValidationError(f"unknown command {args.command}")


def _print_action(action: Action, label: str, today: dt.date, as_json: bool, out: TextIO) -> None:
    if as_json:
        _print_json(action_dict(action, label, today), out)
    else:
        out.write(f"{action.id}\n")


def _deadlines(plan: ActionPlanService, as_json: bool, out: TextIO) -> int:
    deadlines = plan.deadlines()
    if as_json:
        _print_json(
            [
                {
                    "document_id": d.document_id,
                    "document": d.document_title,
                    "rule": d.rule_id,
                    "title": d.title,
                    "received": d.received.isoformat() if d.received else None,
                    "due": d.due.isoformat() if d.due else None,
                    "working_days_left": d.working_days_left,
                    "source": d.source,
                }
                for d in deadlines
            ],
            out,
        )
    else:
        for d in deadlines:
            if d.due is None:
                out.write(f"{d.document_id}\t{d.document_title}\t{d.title}\n")
                continue
            left = d.working_days_left or 0
            when = f"{-left} working days overdue" if left < 0 else f"{left} working days left"
            out.write(f"{d.document_id}\t{d.document_title}\t{d.title}\tdue {d.due}\t{when}\n")
    return 0


def _report(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    from shiny_review.services.export.board_report import write_board_pdf, write_board_xlsx

    if args.xlsx is None and args.pdf is None:
        raise ValidationError("give --xlsx FILE, --pdf FILE or both")
    report = service.action_plan.board_report()
    for target in (args.xlsx, args.pdf):
        if target is not None and Path(target).resolve() == service.workspace_path.resolve():
            raise ValidationError("the report cannot overwrite the workspace")
    if args.xlsx is not None:
        write_board_xlsx(report, args.xlsx)
        out.write(f"wrote the board report to {args.xlsx}\n")
    if args.pdf is not None:
        write_board_pdf(report, args.pdf)
        out.write(f"wrote the board report to {args.pdf}\n")
    return 0
