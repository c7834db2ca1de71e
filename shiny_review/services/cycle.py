"""The inspection cycle (issue 13): one authority's letters and documents as one story.

- Links across documents: a passage may be linked to any recommendation of the same authority.
- Lineage: when a later letter is imported, proposals that its items (or its own words naming
  the earlier inspection) continue earlier recommendations; the officer accepts or rejects
  each (one transaction each, in the history, undoable). Accepted proposals make threads.
- Coverage: the authority's recommendations against its documents, counts of linked passages.
- A document's authority, found at import from the authorities already known, or set by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from shiny_review.domain.entities import Document, Recommendation
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.domain.lineage import LineageProposal, ProposalStatus, Thread, authority_key
from shiny_review.services import lineage
from shiny_review.services import threads as thread_rules
from shiny_review.services.changes import Changed, Outcome
from shiny_review.services.cycle_model import (
    STANCE_ORDER,
    CoverageCell,
    CoverageMatrix,
    CoverageRow,
    ProposalView,
    RecommendationGroupRow,
    doc_order,
    letter_label,
    rec_label,
)

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace

__all__ = [
    "CoverageCell",
    "CoverageMatrix",
    "CoverageRow",
    "InspectionCycle",
    "ProposalView",
    "RecommendationGroupRow",
    "letter_label",
    "rec_label",
]


EMPTY_CELL = CoverageCell()  # a recommendation's cell in a letter with no passage linked


class InspectionCycle:
    """Use cases of the inspection cycle over one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # -- authorities ---------------------------------------------------------------------------

    def authorities(self) -> list[str]:
        """Each authority once (its first spelling), in order of first import."""
        seen: dict[str, str] = {}
        for doc in self._documents():
            key = authority_key(doc.authority)
            if key is not None and doc.authority is not None:
                seen.setdefault(key, doc.authority)
        return list(seen.values())

    def _documents(self) -> list[Document]:
        with self.workspace.light_read() as repo:
            return repo.list_documents()

    def same_authority(self, document_id: int) -> list[Document]:
        """The document and every other of its authority, oldest first (only those are read:
        the window asks on every document it opens)."""
        with self.workspace.light_read() as repo:
            authorities = repo.document_authorities()
            names = dict(authorities)
            if document_id not in names:
                raise NotFoundError(f"no document with id {document_id}")
            key = authority_key(names[document_id])
            ids = [i for i, a in authorities if key is not None and authority_key(a) == key]
            docs = repo.list_documents(ids or [document_id])
        return sorted(docs, key=doc_order)

    def guess_authority(self, document_id: int) -> str | None:
        """The known authority the document's text names most often, if one stands out."""
        with self.workspace.read() as repo:
            text = repo.document_text(document_id).text.lower()
            docs = repo.list_documents()
        names: dict[str, str] = {}
        for doc in docs:
            key = authority_key(doc.authority)
            if key and doc.id != document_id and doc.authority:
                names.setdefault(key, doc.authority)
        counts = Counter({key: text.count(key) for key in names})
        ranked = [(n, key) for key, n in counts.most_common() if n > 0]
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return names[ranked[0][1]]

    def set_authority(self, document_id: int, name: str | None) -> Outcome[Document]:
        """Set (or clear, with None) the document's authority, then propose its lineage."""
        name = " ".join(name.split()) if name else None
        with self.workspace.write() as repo:
            repo.set_document_authority(document_id, name or None)
            lineage.propose(repo, document_id)
            doc = repo.get_document(document_id)
            key = authority_key(doc.authority)
            same = {
                d.id for d in repo.list_documents() if key and authority_key(d.authority) == key
            }
            recs = frozenset(r.id for r in repo.recommendations() if r.document_id in same)
        # the recommendations it may now be linked to changed too
        return Outcome(doc, Changed(documents=frozenset({document_id}), recommendations=recs))

    # -- links across documents ----------------------------------------------------------------

    def check_links(self, document_id: int, recommendation_ids: Iterable[int]) -> None:
        """ValidationError unless every recommendation is the document's own or of the same
        authority as the document (``annotations.add`` and ``link`` check this too)."""
        with self.workspace.read() as repo:
            lineage.check_links(repo, document_id, recommendation_ids)

    def resolve(self, ref: str, document_id: int | None = None) -> Recommendation:
        """A recommendation by 'N' (in ``document_id``) or 'DOC:N' (in another document)."""
        ref = ref.strip()
        if ":" in ref:
            doc_part, _, ref = ref.partition(":")
            if not doc_part.strip().isdigit():
                raise ValidationError(f"{doc_part}:{ref} is not DOC:N (a document id, a colon, N)")
            document_id = int(doc_part)
        if document_id is None:
            raise ValidationError(f"recommendation {ref!r} needs its document: use DOC:N")
        with self.workspace.read() as repo:
            recs = repo.recommendations(document_id)
        ref = ref.strip()
        for rec in recs:
            if rec.number is not None and rec.number == ref:
                return rec
        if ref.isdigit() and 1 <= int(ref) <= len(recs):
            return recs[int(ref) - 1]
        raise NotFoundError(f"document {document_id} has no recommendation {ref!r}")

    def grouped_recommendations(self, document_id: int) -> list[RecommendationGroupRow]:
        """The authority's recommendations by letter: the document's own first, then the
        others newest first."""
        docs = self.same_authority(document_id)
        with self.workspace.light_read() as repo:  # the authority's, not the whole workspace's
            recs = repo.recommendations(of_documents=[d.id for d in docs])
        by_doc: dict[int, list[Recommendation]] = defaultdict(list)
        for rec in recs:
            by_doc[rec.document_id].append(rec)
        own = [d for d in docs if d.id == document_id]
        others = sorted((d for d in docs if d.id != document_id), key=doc_order, reverse=True)
        return [
            RecommendationGroupRow(d, tuple(by_doc.get(d.id, ())), d.id == document_id)
            for d in own + others
            if d.id == document_id or by_doc.get(d.id)
        ]

    def keyed_recommendations(self, document_id: int) -> list[Recommendation]:
        """What keys 1-9 act on: the document's own recommendations, else (a news article, a
        council document) those of the first group shown, the authority's newest letter."""
        with self.workspace.light_read() as repo:
            own = repo.recommendations(document_id)
        if own:
            return own
        first = next(
            (g for g in self.grouped_recommendations(document_id) if g.recommendations), None
        )
        return list(first.recommendations) if first is not None else []

    # -- lineage -------------------------------------------------------------------------------

    def propose(self, document_id: int) -> list[ProposalView]:
        """Propose again for a document (new proposals only; decided ones stay decided)."""
        with self.workspace.write() as repo:
            made = set(lineage.propose(repo, document_id))
        return [v for v in self.proposals() if v.proposal.id in made]

    def proposals(self, status: str | None = None) -> list[ProposalView]:
        with self.workspace.read() as repo:
            found = repo.proposals(status)
            docs = {d.id: d for d in repo.list_documents()}
            recs = {r.id: r for r in repo.recommendations(include_deleted=True)}
        views: list[ProposalView] = []
        for p in found:
            earlier = recs[p.earlier_recommendation_id]
            later = recs.get(p.later_recommendation_id) if p.later_recommendation_id else None
            views.append(
                ProposalView(
                    p, docs[earlier.document_id], earlier, docs[p.later_document_id], later
                )
            )
        return views

    def _decide(self, proposal_id: int, status: ProposalStatus) -> Outcome[LineageProposal]:
        with self.workspace.write() as repo:
            repo.set_proposal_status(proposal_id, status)
            proposal = repo.get_proposal(proposal_id)
        recs = {proposal.earlier_recommendation_id}
        if proposal.later_recommendation_id is not None:
            recs.add(proposal.later_recommendation_id)
        return Outcome(
            proposal,
            Changed(
                documents=frozenset({proposal.later_document_id}), recommendations=frozenset(recs)
            ),
        )

    def accept(self, proposal_id: int) -> Outcome[LineageProposal]:
        return self._decide(proposal_id, ProposalStatus.ACCEPTED)

    def reject(self, proposal_id: int) -> Outcome[LineageProposal]:
        return self._decide(proposal_id, ProposalStatus.REJECTED)

    def reopen(self, proposal_id: int) -> Outcome[LineageProposal]:
        """The inverse of accept and of reject: the proposal is open again."""
        return self._decide(proposal_id, ProposalStatus.OPEN)

    def set_status(self, proposal_id: int, status: str) -> Outcome[LineageProposal]:
        return self._decide(proposal_id, ProposalStatus(status))

    # -- threads -------------------------------------------------------------------------------

    def threads(self, *, all_recommendations: bool = False) -> list[Thread]:
        """Threads made by accepted proposals (with ``all_recommendations``, every other
        recommendation as a thread of its own too)."""
        with self.workspace.read() as repo:
            return thread_rules.threads(repo, all_recommendations=all_recommendations)

    def thread_labels(self) -> dict[int, tuple[str, str]]:
        """Each recommendation's (first raised, latest letter), for the evidence log."""
        with self.workspace.read() as repo:
            return thread_rules.thread_labels(repo)

    def describe(self, thread: Thread) -> str:
        """'raised in full inspection, March 2022; still an area in focused visit, August
        2024; not repeated in full inspection, August 2025'."""
        docs = {d.id: d for d in self._documents()}
        return "; ".join(f"{s.role} in {letter_label(docs[s.document_id])}" for s in thread.steps)

    # -- coverage ------------------------------------------------------------------------------

    def coverage(
        self,
        authority: str | None = None,
        *,
        stances: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> CoverageMatrix:
        """The authority's recommendations (rows, grouped by thread) against its documents
        (columns, by date); ``stances`` and ``kinds`` filter the passages and the columns."""
        known = self.authorities()
        if authority is None:
            if len(known) != 1:
                names = ", ".join(known) or "none yet"
                raise ValidationError(f"say which authority (--authority NAME): {names}")
            authority = known[0]
        return self.coverage_of([authority], stances=stances, kinds=kinds)[0]

    def coverage_of(
        self,
        authorities: Sequence[str],
        *,
        stances: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
    ) -> list[CoverageMatrix]:
        """The coverage matrix of each of ``authorities``, from one read of the workspace (a
        read per authority made the export's coverage sheets authorities x workspace)."""
        with self.workspace.read() as repo:
            all_docs = repo.list_documents()
            all_recs = repo.recommendations()
            counts = repo.link_counts()
            threads = thread_rules.threads(repo, all_recommendations=True)
        thread_of: dict[int, Thread] = {}
        for thread in threads:
            for rec_id in thread.recommendation_ids:
                thread_of[rec_id] = thread
        counts_of: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
        for count in counts:
            counts_of[count[1]].append(count)
        docs_of: dict[str | None, list[Document]] = defaultdict(list)
        for doc in all_docs:
            docs_of[authority_key(doc.authority)].append(doc)
        recs_of: dict[int, list[Recommendation]] = defaultdict(list)
        for rec in all_recs:
            recs_of[rec.document_id].append(rec)
        return [
            self._matrix(
                authority,
                docs_of.get(authority_key(authority), []),
                recs_of,
                counts_of,
                thread_of,
                stances=stances,
                kinds=kinds,
            )
            for authority in authorities
        ]

    def _matrix(
        self,
        authority: str,
        docs: list[Document],
        recs_of: Mapping[int, Sequence[Recommendation]],
        counts_of: Mapping[int, Sequence[tuple[int, int, str, int]]],
        thread_of: Mapping[int, Thread],
        *,
        stances: Iterable[str] | None,
        kinds: Iterable[str] | None,
    ) -> CoverageMatrix:
        recs = [r for d in docs for r in recs_of.get(d.id, ())]
        counts = [c for d in docs for c in counts_of.get(d.id, ())]
        if not docs:
            raise NotFoundError(f"no documents of {authority}")
        wanted_kinds = set(kinds) if kinds is not None else None
        columns = tuple(
            sorted(
                (d for d in docs if wanted_kinds is None or d.kind in wanted_kinds), key=doc_order
            )
        )
        wanted_stances = set(stances) if stances is not None else None
        col_index = {d.id: i for i, d in enumerate(columns)}
        by_cell: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
        for rec_id, doc_id, stance, n in counts:
            if doc_id in col_index and (wanted_stances is None or stance in wanted_stances):
                by_cell[(rec_id, doc_id)][stance] += n
        doc_by_id = {d.id: d for d in docs}
        rec_by_id = {r.id: r for r in recs}
        rows: list[CoverageRow] = []
        ordered = sorted(
            (
                t
                for t in {
                    thread_of[r].id: thread_of[r] for r in rec_by_id if r in thread_of
                }.values()
                if t.id in rec_by_id
            ),
            key=lambda t: (
                doc_order(doc_by_id[rec_by_id[t.id].document_id]),
                rec_by_id[t.id].position,
            ),
        )
        for thread in ordered:
            label = f"T{thread.id}: {letter_label(doc_by_id[rec_by_id[thread.id].document_id])}"
            for rec_id in thread.recommendation_ids:
                rec = rec_by_id.get(rec_id)
                if rec is None:
                    continue
                # most cells are empty: one shared empty cell, no counter made for them
                cells = tuple(
                    EMPTY_CELL
                    if (found := by_cell.get((rec.id, d.id))) is None
                    else CoverageCell(tuple((s, found[s]) for s in STANCE_ORDER if found[s]))
                    for d in columns
                )
                rows.append(CoverageRow(rec, doc_by_id[rec.document_id], thread.id, label, cells))
        name = next((d.authority for d in docs if d.authority), authority)
        return CoverageMatrix(name, columns, tuple(rows))

    def cell_passages(self, recommendation_id: int, document_id: int) -> list[int]:
        """The ids of the live passages of ``document_id`` linked to the recommendation."""
        with self.workspace.read() as repo:
            return [a.id for a in repo.evidence(recommendation_id) if a.document_id == document_id]
