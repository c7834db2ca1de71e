"""The headless command line (DESIGN.md section 5). Uses services only, never widgets.

Every error prints one line on stderr and exits non-zero, leaving the workspace unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review import __version__, command_names
from shiny_review.domain.entities import Recommendation, Stance
from shiny_review.domain.errors import NotFoundError, ShinyReviewError, ValidationError
from shiny_review.services.paths import default_author, default_workspace
from shiny_review.services.presenting import document_dict, recommendation_dict

# Loaded by the command that needs them (perf, issue 16): `--help`, `--version` and a usage
# error import neither SQLAlchemy (storage) nor pymupdf, XlsxWriter or rapidfuzz.
if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService

COMMANDS = command_names.COMMANDS
# The export formats (services.export.exporting.ExportFormat's values; a test keeps them equal).
EXPORT_FORMATS = ("csv", "xlsx", "json")

# Commands that only read the workspace: they still work while a window is writing to it.
READ_ONLY_COMMANDS = frozenset({"documents", "show", "export", "history"})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, as argparse does
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help=f"workspace file (default: {default_workspace()})",
    )
    common.add_argument("--author", default=None, help="name recorded on changes")
    parser = _Parser(
        prog="shiny-review",
        description="Review Ofsted inspection letters and build the evidence log.",
        parents=[common],
    )
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
        help="recommendation's printed number, or its position (1, 2, ...) in the document",
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
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("-o", "--output", required=True, type=Path)
    p.add_argument("--document", type=int, default=None)

    p = sub.add_parser("history", parents=[common], help="the log of every change")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--export", type=Path, default=None, metavar="FILE", help="write it to FILE (.csv/.json)"
    )

    p = sub.add_parser("bin", parents=[common], help="deleted annotations; restore one")
    p.add_argument("--restore", type=int, default=None, metavar="ID")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("backups", parents=[common], help="list backups, make one, set how many")
    p.add_argument("--now", action="store_true", help="make a backup now")
    p.add_argument("--keep", type=int, default=None, metavar="N", help="keep the last N")
    p.add_argument("--interval", type=float, default=None, metavar="MINUTES")

    p = sub.add_parser("restore", parents=[common], help="replace the workspace with a backup")
    p.add_argument("backup", type=Path)
    return parser


def resolve_recommendation(recs: Sequence[Recommendation], ref: str) -> Recommendation:
    """A recommendation by printed number, else by 1-based position."""
    ref = ref.strip()
    for rec in recs:
        if rec.number is not None and rec.number == ref:
            return rec
    if ref.isdigit() and 1 <= int(ref) <= len(recs):
        return recs[int(ref) - 1]
    raise NotFoundError(f"the document has no recommendation {ref!r}")


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _show_text(data: dict[str, Any], out: TextIO) -> None:
    out.write(f"[{data['id']}] {data['title']}\n")
    for key in ("kind", "authority", "date", "inspection_start", "inspection_end"):
        if data.get(key):
            out.write(f"  {key.replace('_', ' ')}: {data[key]}\n")
    if data.get("lead_inspector"):
        out.write(f"  lead inspector: {data['lead_inspector']}\n")
    out.write(f"  pages: {data['pages']}\n")
    if data["judgements"]:
        out.write("Judgements:\n")
        for j in data["judgements"]:
            out.write(f"  {j['area']}: {j['grade']}\n")
    if data["recommendations"]:
        out.write("Recommendations:\n")
        for r in data["recommendations"]:
            tag = f" [{r['nf_tag']['kind']} {r['nf_tag']['number']}]" if r["nf_tag"] else ""
            out.write(f"  {r['label']}. {r['text']}{tag}\n")
    else:
        out.write(
            "No recommendations were found in this document. Add them by hand with:\n"
            f'  shiny-review recommend {data["id"]} --text "..."\n'
        )


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
        if args.json:
            _print_json(
                [
                    {"id": r.document.id, "title": r.document.title, "created": r.created}
                    for r in results
                ],
                out,
            )
        else:
            for r in results:
                state = "imported" if r.created else "already in the workspace"
                out.write(f"{r.document.id}\t{r.document.title} ({state})\n")
        return 0
    if args.command == "documents":
        if args.json:
            _print_json([document_dict(d) for d in service.documents.all()], out)
        else:
            for line in service.listing.lines():
                out.write(f"{line.id}\t{line.kind}\t{line.date}\t{line.title}\n")
        return 0
    if args.command == "show":
        data = document_dict(
            service.documents.get(args.document),
            service.documents.judgements(args.document),
            service.recommendations.all(args.document),
        )
        if args.json:
            _print_json(data, out)
        else:
            _show_text(data, out)
        return 0
    if args.command == "annotate":
        recs = service.recommendations.all(args.document)
        linked = [resolve_recommendation(recs, ref).id for ref in args.recommendation]
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
    if args.command == "export":
        from shiny_review.services.export.exporting import ExportFormat, export

        count = export(service, ExportFormat(args.format), args.output, args.document)
        out.write(f"wrote {count} rows to {args.output}\n")
        return 0
    if args.command == "history":
        entries = service.history.entries()
        if args.export is not None:
            from shiny_review.services.export.history_writer import write_history

            count = write_history(entries, args.export)
            out.write(f"wrote {count} changes to {args.export}\n")
        elif args.json:
            _print_json([h.as_dict() for h in entries], out)
        else:
            for h in entries:
                out.write(f"{h.at}\t{h.author}\t{h.action}\t{h.entity} {h.entity_id}\n")
        return 0
    if args.command == "bin":
        return _bin(args, service, out)
    if args.command == "backups":
        return _backups(args, service, out)
    raise ValidationError(f"unknown command {args.command}")


def _bin(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    if args.restore is not None:
        if args.restore not in {a.id for a in service.annotations.deleted()}:
            raise NotFoundError(f"annotation {args.restore} is not in the bin")
        ann = service.annotations.restore(args.restore).value
        out.write(f"restored annotation {ann.id}\n")
        return 0
    deleted = service.annotations.deleted()
    if args.json:
        _print_json(
            [
                {"id": a.id, "document_id": a.document_id, "quote": a.anchor.exact, "note": a.note}
                for a in deleted
            ],
            out,
        )
    else:
        for a in deleted:
            out.write(f"{a.id}\t{a.document_id}\t{a.anchor.exact[:60]}\n")
    return 0


def _backups(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    backups = service.backups
    if args.keep is not None or args.interval is not None:
        backups.set_policy(args.keep, args.interval)
        out.write(
            f"keeping the last {backups.policy.keep} backups, "
            f"one every {backups.policy.interval_s / 60:g} minutes while the window is open\n"
        )
    if args.now:
        out.write(f"backed up to {backups.now('manual')}\n")
    for b in backups.all():
        out.write(f"{b.path}\t{b.reason}\t{b.size}\n")
    return 0


def _restore(workspace_path: Path, backup: Path, out: TextIO) -> int:
    """Replace the workspace with a backup (not opening the workspace: it may be damaged)."""
    from shiny_review.services.backups import restore_workspace

    saved = restore_workspace(workspace_path, backup)
    out.write(f"restored {workspace_path} from {backup}; the replaced workspace is in {saved}\n")
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    workspace_path = args.workspace or default_workspace()
    try:
        if args.command == "restore":
            return _restore(workspace_path, args.backup, out)
        from shiny_review.services.isolated_ingest import ingest_isolated
        from shiny_review.services.session import close_service, open_service

        service = open_service(
            workspace_path,
            args.author or default_author(),
            ingester=ingest_isolated,
            read_only=args.command in READ_ONLY_COMMANDS,
            purpose=f"command {args.command}",
        )
        try:
            return run(args, service, out)
        finally:
            close_service(service)
    except ShinyReviewError as exc:
        sys.stderr.write(f"shiny-review: error: {exc}\n")
        return 1
    except OSError as exc:
        sys.stderr.write(f"shiny-review: error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 1
