"""Threads are found among each thread's own documents (not by walking every document for
every recommendation): the same threads and steps as that walk, on random workspaces."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from shiny_review.domain.entities import Document, Recommendation, RecommendationPlace
from shiny_review.domain.lineage import (
    LineageProposal,
    ProposalStatus,
    Thread,
    ThreadStep,
    authority_key,
    components,
)
from shiny_review.services.cycle_model import OFSTED_LETTERS, doc_order, letter_label
from shiny_review.services.threads import thread_labels, threads

KINDS = (*sorted(OFSTED_LETTERS), "news article", "other")
AUTHORITIES = (None, "Shropshire", "Shropshire Council", "City of York Council", "York", "Kent")


class FakeRepo:
    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.docs = [
            Document(
                id=d,
                title=f"Letter {d}",
                kind=rng.choice(KINDS),
                authority=rng.choice(AUTHORITIES),
                date=rng.choice([None, dt.date(2020 + d % 5, 1 + d % 12, 1)]),
                inspection_start=None,
                inspection_end=rng.choice([None, dt.date(2019 + d % 6, 6, 1 + d % 3)]),
                lead_inspector=None,
                pages=1,
                overall=None,
                source_name=f"{d}.pdf",
                source_hash=str(d),
                content_hash=str(d),
                imported_at=dt.datetime(2026, 1, 1),
            )
            for d in range(1, rng.randint(2, 14))
        ]
        self.recs = [
            Recommendation(
                r, rng.choice(self.docs).id, r % 7, "la", None, "t", None, 1, None, False
            )
            for r in range(1, rng.randint(2, 40))
        ]
        ids = [r.id for r in self.recs]
        self.accepted = []
        for p in range(rng.randint(0, 25)):
            later = rng.choice([None, rng.choice(ids)])
            self.accepted.append(
                LineageProposal(
                    p + 1,
                    rng.choice(ids),
                    rng.choice([*(d.id for d in self.docs), 999]),
                    later,
                    "text",
                    80,
                    "",
                    ProposalStatus.ACCEPTED.value,
                )
            )

    def proposals(self, status: str) -> list[LineageProposal]:
        return list(self.accepted)

    def list_documents(self) -> list[Document]:
        return list(self.docs)

    def recommendations(self) -> list[Recommendation]:
        return list(self.recs)

    def recommendation_places(self) -> dict[int, RecommendationPlace]:
        ordered = sorted(self.recs, key=lambda r: (r.document_id, r.position))
        return {r.id: RecommendationPlace(r.document_id, r.position) for r in ordered}


# The walk over every document, as it was before (services/threads.py, issue 13).
def walk(repo: Any, *, all_recommendations: bool = False) -> list[Thread]:
    accepted = repo.proposals(ProposalStatus.ACCEPTED.value)
    docs = {d.id: d for d in repo.list_documents()}
    recs = {r.id: r for r in repo.recommendations()}
    edges = [
        (p.earlier_recommendation_id, p.later_recommendation_id)
        for p in accepted
        if p.later_recommendation_id is not None
        and p.earlier_recommendation_id in recs
        and p.later_recommendation_id in recs
    ]
    mentions: dict[int, set[int]] = defaultdict(set)
    for p in accepted:
        if p.later_recommendation_id is None and p.earlier_recommendation_id in recs:
            mentions[p.earlier_recommendation_id].add(p.later_document_id)
    joined = {n for e in edges for n in e} | set(mentions)
    nodes = recs if all_recommendations else joined
    found: list[Thread] = []
    for group in components(nodes, edges):
        members = sorted(
            group, key=lambda r: (doc_order(docs[recs[r].document_id]), recs[r].position)
        )
        first = members[0]
        first_doc = docs[recs[first].document_id]
        key = authority_key(first_doc.authority)
        rec_docs = {recs[r].document_id: r for r in reversed(members)}
        named = {d for r in members for d in mentions.get(r, ())}
        steps: list[ThreadStep] = []
        for doc in sorted(docs.values(), key=doc_order):
            if doc_order(doc) < doc_order(first_doc):
                continue
            if doc.id == first_doc.id:
                role, rec_id = "raised", first
            elif doc.id in rec_docs:
                role, rec_id = "repeated", rec_docs[doc.id]
            elif doc.id in named:
                role, rec_id = "still an area", None
            elif (
                doc.kind in OFSTED_LETTERS
                and key is not None
                and authority_key(doc.authority) == key
                and len(members) + len(named) > 1
            ):
                role, rec_id = "not repeated", None
            else:
                continue
            steps.append(ThreadStep(doc.id, doc.date, role, rec_id))
        found.append(Thread(first, tuple(members), tuple(steps)))
    return found


def test_the_same_threads_as_the_walk_over_every_document() -> None:
    steps = 0
    for seed in range(300):
        repo = FakeRepo(seed)
        for every in (False, True):
            expected = walk(repo, all_recommendations=every)
            found = threads(repo, all_recommendations=every)  # type: ignore[arg-type]
            assert found == expected, (seed, every)
            steps += sum(len(t.steps) for t in expected)
    assert steps > 1000


def test_the_evidence_log_labels_are_those_of_every_thread() -> None:
    for seed in range(300):
        repo = FakeRepo(seed)
        docs = {d.id: d for d in repo.docs}
        expected: dict[int, tuple[str, str]] = {}
        for thread in walk(repo, all_recommendations=True):
            first = letter_label(docs[thread.first_raised.document_id])
            latest = letter_label(docs[thread.latest.document_id])
            for rec_id in thread.recommendation_ids:
                expected[rec_id] = (first, latest)
        assert thread_labels(repo) == expected, seed  # type: ignore[arg-type]
