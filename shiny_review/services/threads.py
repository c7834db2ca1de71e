"""Threads of the inspection cycle (issue 13): recommendations joined by accepted lineage
proposals, and each one's (first raised, latest letter) for the evidence log."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from shiny_review.domain.lineage import (
    ProposalStatus,
    Thread,
    ThreadStep,
    authority_key,
    components,
)
from shiny_review.services.cycle_model import OFSTED_LETTERS, doc_order, letter_label

if TYPE_CHECKING:
    from shiny_review.domain.entities import Document, RecommendationPlace
    from shiny_review.storage.repository import Repository


def threads(repo: Repository, *, all_recommendations: bool = False) -> list[Thread]:
    """Threads made by accepted proposals (with ``all_recommendations``, every other
    recommendation as a thread of its own too)."""
    docs = {d.id: d for d in repo.list_documents()}
    return _threads(repo, docs, repo.recommendation_places(), all_recommendations)


def _threads(
    repo: Repository,
    docs: Mapping[int, Document],
    recs: Mapping[int, RecommendationPlace],
    all_recommendations: bool,
) -> list[Thread]:
    accepted = repo.proposals(ProposalStatus.ACCEPTED.value)
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
    # Each document's place and authority once (a thread's steps are found among its own
    # documents, not by walking every document: with every recommendation a thread, that
    # walk was recommendations x documents, minutes at 2,000 letters).
    order = {d.id: doc_order(d) for d in docs.values()}
    keys = {d.id: authority_key(d.authority) for d in docs.values()}
    letters_of: dict[str, list[int]] = defaultdict(list)
    for doc in docs.values():
        key = keys[doc.id]
        if doc.kind in OFSTED_LETTERS and key is not None:
            letters_of[key].append(doc.id)
    threads: list[Thread] = []
    for group in components(nodes, edges):
        members = sorted(group, key=lambda r: (order[recs[r].document_id], recs[r].position))
        first = members[0]
        first_doc = docs[recs[first].document_id]
        key = keys[first_doc.id]
        rec_docs = {recs[r].document_id: r for r in reversed(members)}
        named = {d for r in members for d in mentions.get(r, ())}
        # The documents that can be a step: the thread's own, those naming it, and (for a
        # thread of more than one) the authority's letters; in order from the first.
        candidates = {first_doc.id, *rec_docs, *named}
        if key is not None and len(members) + len(named) > 1:
            candidates.update(letters_of[key])
        steps: list[ThreadStep] = []
        start = order[first_doc.id]
        for doc_id in sorted((d for d in candidates if d in docs), key=order.__getitem__):
            doc = docs[doc_id]
            if order[doc_id] < start:
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
                and keys[doc.id] == key
                and len(members) + len(named) > 1
            ):
                role, rec_id = "not repeated", None
            else:
                continue
            steps.append(ThreadStep(doc.id, doc.date, role, rec_id))
        threads.append(Thread(first, tuple(members), tuple(steps)))
    return threads


def thread_labels(repo: Repository) -> dict[int, tuple[str, str]]:
    """Each recommendation's (first raised, latest letter), for the evidence log."""
    docs = {d.id: d for d in repo.list_documents()}
    label_of = {doc_id: letter_label(doc) for doc_id, doc in docs.items()}
    # Each live recommendation's document and place only (not the recommendations in full
    # with their evidence counts: the export read them twice, a third of its time).
    places = repo.recommendation_places()
    labels: dict[int, tuple[str, str]] = {}
    # A recommendation in no accepted proposal is a thread of its own, raised in its own
    # letter and last named there: its labels without making its thread.
    for rec_id, place in places.items():
        own = label_of[place.document_id]
        labels[rec_id] = (own, own)
    for thread in _threads(repo, docs, places, all_recommendations=False):
        first = label_of[thread.first_raised.document_id]
        latest = label_of[thread.latest.document_id]
        for rec_id in thread.recommendation_ids:
            labels[rec_id] = (first, latest)
    return labels
