"""The inspection cycle's commands (issue 13): link, threads, coverage, set-authority.

Beside ``cli.py`` (same layer): uses services only. A recommendation is ``N`` (in the
passage's own document) or ``DOC:N`` (in another document of the same authority).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from shiny_review.domain.errors import ValidationError
from shiny_review.services.cycle import ProposalView, letter_label, rec_label
from shiny_review.services.export.coverage_writer import write_coverage_csv

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService

CYCLE_COMMANDS = frozenset({"link", "threads", "coverage", "set-authority"})


def add_cycle_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("link", parents=[common], help="link a highlight to recommendations")
    p.add_argument("annotation", type=int)
    p.add_argument(
        "--recommendation",
        action="append",
        required=True,
        metavar="REC",
        help="N (the highlight's own document) or DOC:N (another document, same authority)",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("threads", parents=[common], help="threads and lineage proposals")
    p.add_argument("--json", action="store_true")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--accept", type=int, metavar="PAIR", help="accept proposal PAIR")
    group.add_argument("--reject", type=int, metavar="PAIR", help="reject proposal PAIR")
    group.add_argument("--reopen", type=int, metavar="PAIR", help="undo a decision on PAIR")

    p = sub.add_parser("coverage", parents=[common], help="recommendations against documents")
    p.add_argument("--authority", default=None)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", type=Path, default=None, metavar="FILE")

    p = sub.add_parser("set-authority", parents=[common], help="set a document's authority")
    p.add_argument("document", type=int)
    p.add_argument("name", nargs="?", default=None, help="the authority (omit to find it)")


def _print_json(data: Any, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def proposal_dict(view: ProposalView) -> dict[str, Any]:
    p = view.proposal
    return {
        "pair": p.id,
        "status": p.status,
        "basis": p.basis,
        "score": p.score,
        "earlier": {
            "document": view.earlier_document.id,
            "letter": letter_label(view.earlier_document),
            "number": rec_label(view.earlier),
            "recommendation": view.earlier.id,
            "text": view.earlier.text,
        },
        "later": {
            "document": view.later_document.id,
            "letter": letter_label(view.later_document),
            "number": rec_label(view.later) if view.later else None,
            "recommendation": view.later.id if view.later else None,
            "text": view.later.text if view.later else None,
            "quote": p.quote or None,
        },
    }


def run_cycle(args: argparse.Namespace, service: ReviewService, out: TextIO) -> int:
    cycle = service.cycle
    if args.command == "link":
        doc_id = service.annotations.get(args.annotation).document_id
        recs = [cycle.resolve(ref, doc_id).id for ref in args.recommendation]
        cycle.check_links(doc_id, recs)  # all or nothing
        ann = service.annotations.get(args.annotation)
        for rec_id in recs:
            ann = service.annotations.link(args.annotation, rec_id).value
        if args.json:
            _print_json({"id": ann.id, "recommendations": list(ann.recommendation_ids)}, out)
        else:
            out.write(f"{ann.id}\tlinked to {', '.join(map(str, ann.recommendation_ids))}\n")
        return 0
    if args.command == "set-authority":
        name = args.name if args.name is not None else cycle.guess_authority(args.document)
        if not name:
            known = ", ".join(cycle.authorities()) or "none yet"
            raise ValidationError(f"could not tell the authority: name it (known: {known})")
        doc = cycle.set_authority(args.document, name).value
        out.write(f"{doc.id}\t{doc.authority}\n")
        return 0
    if args.command == "threads":
        for flag, action in (
            (args.accept, cycle.accept),
            (args.reject, cycle.reject),
            (args.reopen, cycle.reopen),
        ):
            if flag is not None:
                decided = action(flag).value
                out.write(f"pair {decided.id}: {decided.status}\n")
                return 0
        docs = {d.id: d for d in service.documents.all()}
        threads = [
            {
                "thread": t.id,
                "summary": cycle.describe(t),
                "recommendations": list(t.recommendation_ids),
                "steps": [
                    {
                        "document": s.document_id,
                        "letter": letter_label(docs[s.document_id]),
                        "role": s.role,
                        "recommendation": s.recommendation_id,
                    }
                    for s in t.steps
                ],
            }
            for t in cycle.threads()
        ]
        proposals = [proposal_dict(v) for v in cycle.proposals("open")]
        if args.json:
            _print_json({"threads": threads, "proposals": proposals}, out)
            return 0
        for t in threads:
            out.write(f"thread {t['thread']}: {t['summary']}\n")
        for p in proposals:
            later = p["later"]
            said = later["text"] if later["text"] else f"names it: {later['quote']}"
            out.write(
                f"pair {p['pair']} ({p['basis']}, {p['score']}): "
                f"{p['earlier']['document']}:{p['earlier']['number']} {p['earlier']['text']}"
                f"  <-  {later['document']}:{later['number'] or '-'} {said}\n"
            )
        return 0
    if args.command == "coverage":
        matrix = cycle.coverage(args.authority)
        if args.csv is not None:
            count = write_coverage_csv(matrix, args.csv)
            out.write(f"wrote {count} rows to {args.csv}\n")
            return 0
        if args.json:
            _print_json(
                {
                    "authority": matrix.authority,
                    "documents": [
                        {"id": d.id, "letter": letter_label(d), "kind": d.kind}
                        for d in matrix.columns
                    ],
                    "recommendations": [
                        {
                            "id": r.recommendation.id,
                            "document": r.document.id,
                            "number": rec_label(r.recommendation),
                            "text": r.recommendation.text,
                            "thread": r.thread_id,
                            "gap": r.gap,
                            "counts": {
                                str(d.id): {"total": c.count, **dict(c.stances)}
                                for d, c in zip(matrix.columns, r.cells, strict=True)
                            },
                        }
                        for r in matrix.rows
                    ],
                },
                out,
            )
            return 0
        for line in matrix.table():
            out.write("\t".join(line) + "\n")
        return 0
    raise ValidationError(f"unknown command {args.command}")
