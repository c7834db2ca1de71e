"""The command line's team commands (issue 17): ``note`` (edit a highlight's note, checked
against the version the caller saw) and ``copy`` (move a workspace, checked by counts and
hashes).

An edit conflict prints one line on stderr (who changed it, when, what it holds now) and exits
with ``EXIT_CONFLICT``, distinct from other errors (1) and usage errors (2).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review.cli.server import workspace_argument
from shiny_review.domain.conflicts import EditConflict

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService

COMMANDS = ("note",)  # need a workspace; ``copy`` opens its own two
EXIT_CONFLICT = 3
EXIT_MISMATCH = 4


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("note", parents=[common], help="set a highlight's note")
    p.add_argument("annotation", type=int)
    p.add_argument("--text", required=True)
    p.add_argument(
        "--if-version",
        type=int,
        default=None,
        metavar="N",
        help="only if the highlight is still at version N (as you saw it); else a conflict, "
        f"exit {EXIT_CONFLICT}",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser(
        "copy",
        parents=[common],
        help="copy a workspace onto a new, empty one, checked by counts and hashes",
    )
    p.add_argument("source", type=workspace_argument, metavar="FROM")
    p.add_argument("target", type=workspace_argument, metavar="TO")


def run(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    try:
        ann = service.annotations.set_note(
            args.annotation, args.text, expected_version=args.if_version
        ).value
    except EditConflict as exc:
        sys.stderr.write(f"shiny-review: {exc}\n")
        return EXIT_CONFLICT
    if args.json:
        json.dump({"id": ann.id, "note": ann.note, "version": ann.version}, out, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(f"{ann.id}\tversion {ann.version}\n")
    return 0


def run_copy(args: argparse.Namespace, author: str | None, out: TextIO) -> int:
    from shiny_review.services.copying import copy_workspace
    from shiny_review.services.session import ask_at_terminal

    report = copy_workspace(args.source, args.target, author, ask_password=ask_at_terminal)
    out.write("\n".join(report.lines()) + "\n")
    if not report.ok:
        sys.stderr.write(f"shiny-review: error: the copy to {args.target} did not match\n")
        return EXIT_MISMATCH
    return 0
