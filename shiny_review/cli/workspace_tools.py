"""The command line's bin (deleted highlights and removed documents), remove-document,
backups and restore commands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review.domain.document_label import document_label
from shiny_review.domain.errors import NotFoundError

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService


COMMANDS = ("bin", "remove-document")


def add_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "bin", parents=[common], help="deleted highlights and removed documents; restore one"
    )
    p.add_argument("--restore", type=int, default=None, metavar="ID", help="a highlight")
    p.add_argument("--restore-document", type=int, default=None, metavar="DOC")
    p.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "remove-document",
        parents=[common],
        help="put a document in the bin (its highlights and links are kept)",
    )
    p.add_argument("document", type=int)
    p.add_argument("--json", action="store_true")


def _remove_document(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    doc = service.documents.remove(args.document).value
    if args.json:
        json.dump({"id": doc.id, "title": doc.title, "removed": True}, out, ensure_ascii=False)
        out.write("\n")
    else:
        out.write(
            f"removed document {doc.id} ({document_label(doc)}) to the bin; bring it back "
            f"with: shiny-review bin --restore-document {doc.id}\n"
        )
    return 0


def run_bin(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    if args.command == "remove-document":
        return _remove_document(args, service, out)
    if args.restore_document is not None:
        doc = service.documents.restore(args.restore_document).value
        out.write(f"restored document {doc.id} ({document_label(doc)})\n")
        return 0
    if args.restore is not None:
        if args.restore not in {a.id for a in service.annotations.deleted()}:
            raise NotFoundError(f"annotation {args.restore} is not in the bin")
        ann = service.annotations.restore(args.restore).value
        out.write(f"restored annotation {ann.id}\n")
        return 0
    deleted = service.annotations.deleted()
    removed = service.documents.removed()
    if args.json:
        json.dump(
            [
                {
                    "kind": "annotation",
                    "id": a.id,
                    "document_id": a.document_id,
                    "quote": a.anchor.exact,
                    "note": a.note,
                }
                for a in deleted
            ]
            + [
                {
                    "kind": "document",
                    "id": d.id,
                    "title": d.title,
                    "label": document_label(d),
                    "removed_at": _stamp(d.removed_at),
                }
                for d in removed
            ],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        for a in deleted:
            out.write(f"{a.id}\t{a.document_id}\t{a.anchor.exact[:60]}\n")
        for d in removed:  # (restore one with --restore-document DOC)
            out.write(f"document {d.id}\t{document_label(d)}\tremoved {_stamp(d.removed_at)}\n")
    return 0


def _stamp(at: dt.datetime | None) -> str:
    return at.isoformat(timespec="seconds") + "Z" if at is not None else ""


def run_backups(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
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


def run_restore(workspace_path: Path, backup: Path, out: TextIO) -> int:
    """Replace the workspace with a backup (not opening the workspace: it may be damaged)."""
    from shiny_review.services.backups import restore_workspace

    saved = restore_workspace(workspace_path, backup)
    out.write(f"restored {workspace_path} from {backup}; the replaced workspace is in {saved}\n")
    return 0
