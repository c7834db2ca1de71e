"""Workspace search finds what a plain pass over every document's text finds: the same hits,
offsets, pages, context lines and labels, in the same order, capped the same way.

The reference below is the simplest correct search (every document in the listing, the exact
word-start pattern over its whole text); the service takes shortcuts (the full-text index picks
the documents, a fast matcher, labels read only for the documents hit) that must not change
what a user sees.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import random
from typing import Any

from shiny_review.domain.document_label import document_label
from shiny_review.services.text_search import SearchHit, search_pattern, word_start_pattern
from tests.factories import make_ingested

WORDS = (
    "caseloads",
    "Caseloads",
    "supervision",
    "SUPERVISION",
    "ſupervision",  # long s: matches "s" when case is ignored
    "undersupervision",  # not a word start
    "children’s",
    "Kinship",
    "carers",
    "kinship\ncarers",
    "kinship  carers",
    "İstanbul",  # lower-casing grows it: the exact path
    "co-operation",
    "quality",
    "of",
    "the",
    "drift",
    "é",
    "£",
)
QUERIES = (
    "caseloads",
    "supervision",
    "kinship carers",
    "children’s",
    "children",
    "istanbul",
    "co-operation",
    "operation",
    "quality of",
    "the",
    "é",
    "£",
    "absent",
)
AUTHORITIES = (None, "City of Westmarsh Metropolitan District Council", "Synthshire")
KINDS = ("full inspection", "focused visit")


def _blocks(rng: random.Random) -> tuple[str, ...]:
    paragraphs = [
        f"{n}. " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30))) + "."
        for n in range(1, rng.randint(4, 12))
    ]
    return ("Inspection of children’s services", "What needs to improve?", *paragraphs)


def _add_documents(service: Any, count: int) -> list[int]:
    rng = random.Random(16)
    ids = []
    for i in range(count):
        ingested = make_ingested(_blocks(rng), source=f"r{i}.txt", salt=str(i))
        structure = dataclasses.replace(
            ingested.structure,
            authority=AUTHORITIES[i % len(AUTHORITIES)],
            kind=KINDS[i % len(KINDS)],
            inspection_start=dt.date(2024, 1 + i % 12, 3) if i % 2 else None,
            date=dt.date(2025, 6, 1) if i % 4 == 1 else None,
        )
        outcome = service.documents.add_ingested(dataclasses.replace(ingested, structure=structure))
        ids.append(outcome.value.document.id)
    return ids


def _reference(service: Any, query: str, document_id: int | None, limit: int) -> list[SearchHit]:
    pattern = search_pattern(query) if document_id is not None else word_start_pattern(query)
    if document_id is None and not any(c.isalnum() for c in query):
        return []  # across the workspace a search needs a word (the index holds words)
    hits: list[SearchHit] = []
    for doc in service.documents.all():
        if document_id is not None and doc.id != document_id:
            continue
        extracted = service.documents.text(doc.id)
        text = extracted.text
        for found in pattern.finditer(text):
            start, end = found.span()
            context = " ".join(text[max(0, start - 40) : end + 40].split())
            page = max(bisect.bisect_right(extracted.page_starts, start), 1)
            hits.append(
                SearchHit(doc.id, doc.title, start, end, page, context, document_label(doc))
            )
            if len(hits) >= limit:
                return hits
    return hits


def test_search_finds_what_a_plain_pass_finds(service: Any) -> None:
    ids = _add_documents(service, 14)
    service.documents.remove(ids[3])  # in the bin: not searched
    service.documents.remove(ids[8])
    seen = 0
    for query in QUERIES:
        for limit in (500, 7):
            expected = _reference(service, query, None, limit)
            assert service.search.find(query, limit=limit) == expected, (query, limit)
            seen += len(expected)
        one = ids[5]
        assert service.search.find(query, one) == _reference(service, query, one, 500), query
    assert seen > 100  # the queries do find things


def test_a_document_in_the_bin_has_no_hits(service: Any) -> None:
    ids = _add_documents(service, 2)
    service.documents.remove(ids[0])
    assert service.search.find("caseloads", ids[0]) == []
    assert {h.document_id for h in service.search.find("caseloads")} == {ids[1]}
