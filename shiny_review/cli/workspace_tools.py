"""The command line's bin, backups and restore commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from shiny_review.domain.errors import NotFoundError

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService


def run_bin(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    if args.restore is not None:
        if args.restore not in {a.id for a in service.annotations.deleted()}:
            raise NotFoundError(f"annotation {args.restore} is not in the bin")
        ann = service.annotations.restore(args.restore).value
        out.write(f"restored annotation {ann.id}\n")
        return 0
    deleted = service.annotations.deleted()
    if args.json:
        json.dump(
            [
                {"id": a.id, "document_id": a.document_id, "quote": a.anchor.exact, "note": a.note}
                for a in deleted
            ],
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        for a in deleted:
            out.write(f"{a.id}\t{a.document_id}\t{a.anchor.exact[:60]}\n")
    return 0


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
