"""Hand-verified answers: 30+ wide-corpus reports (data/wide_expected.json, each read in the
PDF) and the twelve of expected.json. Every recommendation exact (text, order, group, number,
National Framework tag), every judgement and the metadata; prints a per-field score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shiny_review.domain.structure import IngestedDocument
from shiny_review.ingest.authorities import canonical_name
from tests.ingest.test_corpus import _got as corpus_fields

VERIFIED = Path(__file__).parent / "data" / "wide_expected.json"
FIELDS = (
    "kind",
    "authority",
    "framework",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "overall",
    "judgements",
    "recommendations",
)


def _got(doc: IngestedDocument) -> dict[str, Any]:
    """What the twelve are compared on (``test_corpus._got``), and the kind."""
    return {"kind": doc.structure.kind, **corpus_fields(doc)}


def _want(entry: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    want = {field: entry.get(field, got[field]) for field in FIELDS}
    want["authority"] = canonical_name(entry.get("authority"))
    want["recommendations"] = [
        {
            "group": r["group"],
            "number": r["number"],
            "text": " ".join(r["text"].split()),
            "nf_tag": r["nf_tag"],
        }
        for r in entry["recommendations"]
    ]
    return want


def test_verified_reports_are_exact(
    wide_docs: dict[str, IngestedDocument],
    corpus_docs: dict[str, IngestedDocument],
    expected: dict[str, Any],
) -> None:
    verified: dict[str, Any] = json.loads(VERIFIED.read_text("utf-8"))
    assert len(verified) >= 30
    years = {entry["inspection_start"][:4] for entry in verified.values()}
    assert len(years) >= 12  # 2013 to 2026
    assert {entry["framework"] for entry in verified.values()} >= {"LAC", "SIF", "ILACS"}
    cases = [(name, wide_docs[name], entry) for name, entry in verified.items()]
    cases += [(name, corpus_docs[name], entry) for name, entry in expected.items()]
    score = dict.fromkeys(FIELDS, 0)
    recs_right = recs_total = 0
    failures: list[str] = []
    for name, doc, entry in cases:
        got = _got(doc)
        want = _want(entry, got)
        for field in FIELDS:
            if got[field] == want[field]:
                score[field] += 1
            else:
                failures.append(f"{name}: {field}: expected {want[field]!r}, got {got[field]!r}")
        recs_total += len(want["recommendations"])
        recs_right += sum(
            1
            for a, b in zip(got["recommendations"], want["recommendations"], strict=False)
            if a == b
        )
    total = len(cases)
    print(
        f"\nverified ({total} reports, {recs_total} recommendations): "
        + ", ".join(f"{f} {n}/{total}" for f, n in score.items())
        + f"; recommendations exact {recs_right}/{recs_total}"
    )
    assert not failures, "\n".join(failures)
