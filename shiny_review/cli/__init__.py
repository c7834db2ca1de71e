"""The headless command line (DESIGN.md section 5). Uses services only, never widgets.

Every error prints one line on stderr and exits non-zero, leaving the workspace unchanged.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review import __version__, command_names
from shiny_review.cli import action_plan as cli_action_plan
from shiny_review.cli import server as server_cli
from shiny_review.cli import team, workspace_tools
from shiny_review.cli.cycle import CYCLE_COMMANDS, add_cycle_commands, run_cycle
from shiny_review.cli.show_text import show_text as _show_text
from shiny_review.domain.entities import Stance
from shiny_review.domain.errors import ShinyReviewError, ValidationError
from shiny_review.runtime.json_stream import dump_array
from shiny_review.services.paths import default_author as default_author  # (server.resolve)
from shiny_review.services.paths import default_workspace as default_workspace
from shiny_review.services.presenting import document_dict, recommendation_dict
from shiny_review.services.write_targets import check_write_target, looks_like_backup

# What a command needs is loaded by that command (issue 16): `--help`, `--version` and a
# usage error import neither SQLAlchemy (storage) nor pymupdf, XlsxWriter or rapidfuzz.
if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService

COMMANDS = command_names.COMMANDS
# The evidence log's formats (services.export.exporting.ExportFormat's values; a test keeps
# them equal), and the annotated PDF (issue 15).
EXPORT_FORMATS = ("csv", "xlsx", "json")

# Commands that only read the workspace: they still work while a window is writing to it.
# (bin without --restore and backups without --now/--keep/--interval too: see is_read_only.)
READ_ONLY_COMMANDS = (
    frozenset({"documents", "show", "export", "history", "coverage"}) | cli_action_plan.READ_ONLY
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, as argparse does
        self.exit(2, f"{self.prog}: error: {message}\n")


WINDOW_HELP = """\
without a command, the window opens:
  shiny-review [FILE ...] [--demo] [--workspace W] [--author A]
  FILE ...       PDF or text letters to import and show in the window
  --demo         open a throwaway workspace with fictional sample letters
  --self-test    check that this installation works, end to end, offline, and exit

--workspace and --author may come before or after the command's name.
"""


def _add_common(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    # The sub-commands' copies use SUPPRESS: a sub-parser's own default would otherwise
    # overwrite a value given before the command's name (argparse copies every attribute
    # of the sub-namespace back onto the main one).
    parser.add_argument(
        "--workspace",
        type=server_cli.workspace_argument,
        default=None if defaults else argparse.SUPPRESS,
        help=f"file, postgresql:// URL or .srconn file (default: {default_workspace()})",
    )
    parser.add_argument(
        "--author",
        default=None if defaults else argparse.SUPPRESS,
        help="name recorded on changes",
    )


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    _add_common(common, defaults=False)
    parser = _Parser(
        prog="shiny-review",
        description="Review Ofsted inspection letters and build the evidence log.",
        epilog=WINDOW_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common(parser, defaults=True)
    parser.add_argument("--version", action="version", version=f"shiny-review {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("import", parents=[common], help="import letters (PDF or text)")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument(
        "--replaces",
        type=int,
        metavar="DOC",
        default=None,
        help="the file is a corrected version of DOC: keep its highlights, re-anchored",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("documents", parents=[common], help="list documents")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("show", parents=[common], help="metadata, judgements, recommendations")
    p.add_argument("document", type=int)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("annotate", parents=[common], help="highlight a quote and link it")
    p.add_argument("document", type=int)
    p.add_argument("--quote", required=True)
    p.add_argument("--occurrence", type=int, default=1)
    p.add_argument(
        "--recommendation",
        action="append",
        default=[],
        metavar="REC",
        help="recommendation's printed number, or its position (1, 2, ...) in the document; "
        "DOC:N for one of another document of the same authority",
    )
    p.add_argument("--stance", choices=[s.value for s in Stance], default=None)
    p.add_argument("--note", default="")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("recommend", parents=[common], help="add a recommendation by hand")
    p.add_argument("document", type=int)
    p.add_argument("--text", required=True)
    p.add_argument("--number", default=None)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", parents=[common], help="export the evidence log")
    p.add_argument("--format", required=True, choices=[*EXPORT_FORMATS, "pdf"])
    p.add_argument("-o", "--output", required=True, type=Path)
    p.add_argument("--document", type=int, default=None)

    p = sub.add_parser("history", parents=[common], help="the log of every change")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--export", type=Path, default=None, metavar="FILE", help="write it to FILE (.csv/.json)"
    )

    workspace_tools.add_parsers(sub, common)  # bin, remove-document (issue 11)

    p = sub.add_parser("backups", parents=[common], help="list backups, make one, set how many")
    p.add_argument("--now", action="store_true", help="make a backup now")
    p.add_argument("--keep", type=int, default=None, metavar="N", help="keep the last N")
    p.add_argument("--interval", type=float, default=None, metavar="MINUTES")

    p = sub.add_parser(
        "confirm", parents=[common], help="confirm a document's recommendations (clears its checks)"
    )
    p.add_argument("document", type=int)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("restore", parents=[common], help="replace the workspace with a backup")
    p.add_argument("backup", type=Path)
    server_cli.add_parser(sub, common)  # issue 17: server-setup
    cli_action_plan.add_parsers(sub, common)  # issue 14: actions, update, deadlines, report
    add_cycle_commands(sub, common)  # the inspection cycle (issue 13)
    team.add_parsers(sub, common)  # issue 17: note (version-checked), copy
    return parser


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def run(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    if args.command == "import" and args.replaces is not None:
        if len(args.files) != 1:
            raise ValidationError("--replaces takes exactly one file")
        report = service.versions.import_file(args.replaces, args.files[0]).value
        if args.json:
            _print_json({"id": report.document_id, "anchors": report.statuses}, out)
        else:
            counts = ", ".join(f"{n} {status}" for status, n in sorted(report.statuses.items()))
            out.write(f"{report.document_id}\tnew version; highlights: {counts or 'none'}\n")
        return 0
    if args.command == "import":
        results = [outcome.value for outcome in service.documents.import_files(args.files)]
        for r in results:  # on stderr, so that stdout stays what --json promises
            for warning in r.warnings:
                sys.stderr.write(f"shiny-review: warning: {r.document.source_name}: {warning}\n")
        if args.json:
            _print_json(
                [
                    {"id": r.document.id, "title": r.document.title, "created": r.created}
                    | ({"restored": True} if r.restored else {})
                    | ({"warnings": list(r.warnings)} if r.warnings else {})
                    for r in results
                ],
                out,
            )
        else:
            for r in results:
                state = "imported" if r.created else "already in the workspace"
                state = "restored from the bin" if r.restored else state
                out.write(f"{r.document.id}\t{r.document.title} ({state})\n")
        return 0
    if args.command == "documents":
        if args.json:
            _print_json([document_dict(d) for d in service.documents.all()], out)
        else:  # the same fields from the columns they need (services/listing.py)
            lines = service.listing.labelled()
            out.write(
                "".join(f"{i}\t{label}\t{shown}\t{title}\n" for i, label, shown, title in lines)
            )
        return 0
    if args.command == "show":
        data = document_dict(
            service.documents.get(args.document),
            service.documents.judgements(args.document),
            service.recommendations.all(args.document),
            service.checks.of(args.document),
        )
        if args.json:
            _print_json(data, out)
        else:
            _show_text(data, out)
        return 0
    if args.command == "confirm":
        confirmed = service.checks.confirm(args.document).value
        if args.json:
            _print_json({"id": args.document, "confirmed": confirmed, "checks": []}, out)
        else:
            out.write(f"{args.document}\tconfirmed ({len(confirmed)} checks cleared)\n")
        return 0
    if args.command == "annotate":
        linked = [service.cycle.resolve(ref, args.document).id for ref in args.recommendation]
        ann = service.annotations.add_quote(
            args.document,
            args.quote,
            occurrence=args.occurrence,
            stance=Stance(args.stance) if args.stance else None,
            note=args.note,
            recommendation_ids=linked,
        ).value
        if args.json:
            _print_json(
                {
                    "id": ann.id,
                    "document_id": ann.document_id,
                    "start": ann.anchor.start,
                    "end": ann.anchor.end,
                    "page": ann.anchor.page,
                    "paragraph": ann.anchor.paragraph,
                    "quote": ann.anchor.exact,
                    "stance": ann.stance.value if ann.stance else None,
                    "note": ann.note,
                    "recommendations": list(ann.recommendation_ids),
                },
                out,
            )
        else:
            out.write(f"{ann.id}\n")
        return 0
    if args.command == "recommend":
        rec = service.recommendations.add(args.document, args.text, number=args.number).value
        if args.json:
            _print_json(recommendation_dict(rec), out)
        else:
            out.write(f"{rec.id}\n")
        return 0
    if args.command == "export" and args.format == "pdf":  # the annotated PDF (issue 15)
        if args.document is None:
            raise ValidationError("an annotated PDF is made for one document: give --document")
        count = service.pages.export_pdf(args.document, args.output)
        out.write(f"wrote {count} highlights to {args.output}\n")
        return 0
    if args.command == "export":
        from shiny_review.services.export.exporting import ExportFormat, export

        count = export(service, ExportFormat(args.format), args.output, args.document)
        out.write(f"wrote {count} rows to {args.output}\n")
        return 0
    if args.command == "history":  # streamed: a workspace's log may hold a million changes
        # closed on the way out, so a reader that left (``history | head``) ends the read
        with contextlib.closing(service.history.stream()) as entries:
            if args.export is not None:
                from shiny_review.services.export.history_writer import write_history

                count = write_history(entries, args.export)
                out.write(f"wrote {count} changes to {args.export}\n")
            elif args.json:
                dump_array((h.as_dict() for h in entries), out)
                out.write("\n")
            else:
                for h in entries:
                    out.write(f"{h.at}\t{h.author}\t{h.action}\t{h.entity} {h.entity_id}\n")
        return 0
    if args.command in cli_action_plan.COMMANDS:  # issue 14
        return cli_action_plan.run(args, service, out)
    if args.command in workspace_tools.COMMANDS:  # bin, remove-document
        return workspace_tools.run_bin(args, service, out)
    if args.command in CYCLE_COMMANDS:
        return run_cycle(args, service, out)
    if args.command == "backups":
        return workspace_tools.run_backups(args, service, out)
    if args.command in team.COMMANDS:
        return team.run(args, service, out)
    raise ValidationError(f"unknown command {args.command}")


def is_read_only(args: argparse.Namespace) -> bool:
    """Commands that only read: no writer lock, no backup, no migration (DESIGN.md 5)."""
    if args.command == "bin":
        return args.restore is None and args.restore_document is None
    if args.command == "backups":
        return not args.now and args.keep is None and args.interval is None
    return args.command in READ_ONLY_COMMANDS


def _quiet_broken_pipe(out: TextIO) -> int:
    """``shiny-review history | head``: the reader left; stop quietly."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    workspace_path, file, author, read_only = server_cli.resolve(args, is_read_only(args))
    try:
        if (done := server_cli.before_opening(args, out)) is not None:
            return done  # server-setup, or what a server refuses
        if file is not None and args.command == "restore":
            return workspace_tools.run_restore(file, args.backup, out)
        if args.command == "copy":  # opens its two workspaces itself
            return team.run_copy(args, author, out)
        if file is not None and not read_only and looks_like_backup(file):
            raise ValidationError(
                f"refusing to change {workspace_path}: it is a backup; backups are never "
                f"changed (restore it with: shiny-review restore {workspace_path})"
            )
        if args.command == "history" and args.export is not None:
            check_write_target(args.export, file)
        if args.command == "export":  # (export() checks again, for every other caller)
            if args.format == "pdf" and args.document is None:
                raise ValidationError("an annotated PDF is made for one document: give --document")
            check_write_target(args.output, file)
        from shiny_review.services.session import close_service, open_service
        from shiny_review.services.warm_ingest import ingester_for

        files = len(getattr(args, "files", None) or ())
        with ingester_for(args.command, files) as ingester:  # `import`: children for the batch
            service = open_service(
                workspace_path,
                author,
                ingester=ingester,
                read_only=read_only,
                purpose=f"command {args.command}",
            )
            try:
                return run(args, service, out)
            finally:
                close_service(service)
    except BrokenPipeError:
        return _quiet_broken_pipe(out)
    except ShinyReviewError as exc:
        sys.stderr.write(f"shiny-review: error: {exc}\n")
        return 1
    except OSError as exc:
        from shiny_review.services.session import explain_os_error

        sys.stderr.write(f"shiny-review: error: {explain_os_error(exc)}\n")
        return 1
