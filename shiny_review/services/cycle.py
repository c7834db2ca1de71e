"""The inspection cycle (issue 13): one authority's letters and documents as one story.

- Links across documents: a passage may be linked to any recommendation of the same authority.
- Lineage: when a later letter is imported, proposals that its items (or its own words naming
  the earlier inspection) continue earlier recommendations; the officer accepts or rejects
  each (one transaction each, in the history, undoable). Accepted proposals make threads.
- Coverage: the authority's recommendations against its documents, counts of linked passages.
- A document's authority, found at import from the authorities already known, or set by hand.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from shiny_review.domain.entities import Document, DocumentKind, Recommendation
from shiny_review.domain.errors import NotFoundError, ValidationError
from shiny_review.domain.lineage import (
    LineageProposal,
    ProposalBasis,
    ProposalStatus,
    Thread,
    ThreadStep,
    authority_key,
    components,
)
from shiny_review.services.changes import Changed, Outcome

if TYPE_CHECKING:
    from shiny_review.storage.repository import Repository
    from shiny_review.storage.workspace import Workspace

OFSTED_LETTERS = frozenset(
    {
        DocumentKind.FULL_INSPECTION.value,
        DocumentKind.SHORT_INSPECTION.value,
        DocumentKind.SIF_INSPECTION.value,
        DocumentKind.FOCUSED_VISIT.value,
        DocumentKind.MONITORING_VISIT.value,
        DocumentKind.JTAI.value,
    }
)
SIMILAR_TEXT_MIN = 65  # token-set similarity of two items' content words, 0-100
NAMED_MIN = 85  # partial similarity of an earlier item within the letter's own sentence
STANCE_ORDER = ("supports progress", "shows concern", "context", "")

_STOP = frozenset(
    {
        "the",
        "of",
        "and",
        "in",
        "to",
        "for",
        "a",
        "an",
        "with",
        "where",
        "are",
        "is",
        "be",
        "they",
        "their",
        "across",
        "all",
        "including",
        "on",
        "by",
        "that",
        "this",
        "at",
        "as",
        "from",
    }
)
_TAG = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[a-z]+")
# A letter naming the earlier inspection's points in its own words.
_NAMES_EARLIER = re.compile(
    r"(?:last|previous|earlier)\s+(?:judgement\s+|full\s+|ILACS\s+)?inspection"
    r"|areas?\s+(?:for|of)\s+(?:improvement|priority action)\s+(?:at|from|in)\s+the",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def content_words(text: str) -> str:
    """Lower-case content words without a National Framework tag in brackets."""
    return " ".join(w for w in _WORD.findall(_TAG.sub(" ", text.lower())) if w not in _STOP)


def doc_order(doc: Document) -> tuple[int, str, int]:
    day = doc.inspection_end or doc.date or doc.inspection_start
    return (0 if day else 1, day.isoformat() if day else "", doc.id)


def letter_label(doc: Document) -> str:
    """'focused visit, August 2024': a letter named by its kind and month."""
    day = doc.inspection_end or doc.date or doc.inspection_start
    return f"{doc.kind}, {day:%B %Y}" if day else f"{doc.kind}, undated ({doc.id})"


def rec_label(rec: Recommendation) -> str:
    return rec.number or str(rec.position + 1)


@dataclass(frozen=True, slots=True)
class RecommendationGroupRow:
    """One letter's recommendations, for the recommendations panel."""

    document: Document
    recommendations: tuple[Recommendation, ...]
    own: bool  # the current document's own


@dataclass(frozen=True, slots=True)
class ProposalView:
    """A proposal with both sides spelled out for a list or the command line."""

    proposal: LineageProposal
    earlier_document: Document
    earlier: Recommendation
    later_document: Document
    later: Recommendation | None

    @property
    def later_text(self) -> str:
        return self.later.text if self.later else f"(the letter's own words) {self.proposal.quote}"


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """The linked passages of one recommendation in one document, by stance."""

    stances: tuple[tuple[str, int], ...] = ()

    @property
    def count(self) -> int:
        return sum(n for _, n in self.stances)

    def mix(self) -> str:
        """'2 (1 supports progress, 1 shows concern)'; empty for no passages."""
        if not self.count:
            return ""
        parts = ", ".join(f"{n} {stance or 'no stance'}" for stance, n in self.stances)
        return f"{self.count} ({parts})"


@dataclass(frozen=True, slots=True)
class CoverageRow:
    recommendation: Recommendation
    document: Document
    thread_id: int
    thread_label: str
    cells: tuple[CoverageCell, ...]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells)

    @property
    def gap(self) -> bool:
        return self.total == 0


@dataclass(frozen=True, slots=True)
class CoverageMatrix:
    authority: str
    columns: tuple[Document, ...]
    rows: tuple[CoverageRow, ...]

    HEADER = ("thread", "letter", "recommendation", "text")

    def table(self) -> list[list[str]]:
        """Header and rows as text, for CSV and XLSX: per-document counts, total, gap."""
        header = [*self.HEADER, *(letter_label(d) for d in self.columns), "total", "gap"]
        lines = [header]
        for row in self.rows:
            lines.append(
                [
                    row.thread_label,
                    letter_label(row.document),
                    rec_label(row.recommendation),
                    row.recommendation.text,
                    *(c.mix() for c in row.cells),
                    str(row.total),
                    "gap: no evidence" if row.gap else "",
                ]
            )
        return lines


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
        with self.workspace.read() as repo:
            return repo.list_documents()

    def same_authority(self, document_id: int) -> list[Document]:
        """The document and every other of its authority, oldest first."""
        docs = self._documents()
        by_id = {d.id: d for d in docs}
        if document_id not in by_id:
            raise NotFoundError(f"no document with id {document_id}")
        key = authority_key(by_id[document_id].authority)
        if key is None:
            return [by_id[document_id]]
        return sorted((d for d in docs if authority_key(d.authority) == key), key=doc_order)

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
            self._propose(repo, document_id)
            doc = repo.get_document(document_id)
            key = authority_key(doc.authority)
            same = {
                d.id for d in repo.list_documents() if key and authority_key(d.authority) == key
            }
            recs = frozenset(r.id for r in repo.recommendations() if r.document_id in same)
        # the recommendations it may now be linked to changed too
        return Outcome(doc, Changed(documents=frozenset({document_id}), recommendations=recs))

    def on_import(self, repo: Repository, document_id: int) -> None:
        """Inside the import's transaction: find the authority if the import could not, and
        propose the new document's lineage with the authority's other letters."""
        doc = repo.get_document(document_id)
        if doc.authority is None:
            text = repo.document_text(document_id).text.lower()
            names: dict[str, str] = {}
            for other in repo.list_documents():
                key = authority_key(other.authority)
                if key and other.authority and other.id != document_id:
                    names.setdefault(key, other.authority)
            counts = sorted(((text.count(k), k) for k in names), reverse=True)
            counts = [c for c in counts if c[0] > 0]
            if counts and (len(counts) == 1 or counts[1][0] < counts[0][0]):
                repo.set_document_authority(document_id, names[counts[0][1]])
        self._propose(repo, document_id)

    # -- links across documents ----------------------------------------------------------------

    def check_links(self, document_id: int, recommendation_ids: Iterable[int]) -> None:
        """ValidationError unless every recommendation is the document's own or of the same
        authority as the document."""
        ids = list(recommendation_ids)
        if not ids:
            return
        with self.workspace.read() as repo:
            doc = repo.get_document(document_id)
            for rec_id in ids:
                rec = repo.get_recommendation(rec_id)
                if rec.document_id == document_id:
                    continue
                other = repo.get_document(rec.document_id)
                if doc.authority is None:
                    raise ValidationError(
                        f"document {document_id} has no authority yet: set it (set-authority) "
                        f"before linking it to another document's recommendation"
                    )
                if authority_key(doc.authority) != authority_key(other.authority):
                    raise ValidationError(
                        f"recommendation {rec_id} belongs to {other.authority or 'no authority'}"
                        f", not {doc.authority}: passages link only to recommendations of "
                        f"their own authority"
                    )

    def check_annotation_links(self, annotation_id: int, recommendation_ids: Iterable[int]) -> None:
        with self.workspace.read() as repo:
            document_id = repo.annotation_documents([annotation_id])[annotation_id]
        self.check_links(document_id, recommendation_ids)

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
        with self.workspace.read() as repo:
            recs = repo.recommendations()
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

    # -- lineage -------------------------------------------------------------------------------

    def _propose(self, repo: Repository, document_id: int) -> list[int]:
        """Store proposals between the document and its authority's other letters."""
        docs = repo.list_documents()
        doc = next(d for d in docs if d.id == document_id)
        key = authority_key(doc.authority)
        if key is None:
            return []
        letters = sorted(
            (d for d in docs if authority_key(d.authority) == key and d.kind in OFSTED_LETTERS),
            key=doc_order,
        )
        recs: dict[int, list[Recommendation]] = defaultdict(list)
        for rec in repo.recommendations():
            recs[rec.document_id].append(rec)
        made: list[int] = []
        for i, later in enumerate(letters):
            for earlier in letters[:i]:
                if document_id not in (later.id, earlier.id) or doc_order(earlier) == doc_order(
                    later
                ):
                    continue
                text = repo.document_text(later.id).text
                made += self._propose_pair(
                    repo, earlier, recs[earlier.id], later, recs[later.id], text
                )
        return made

    @staticmethod
    def _propose_pair(
        repo: Repository,
        earlier: Document,
        earlier_recs: Sequence[Recommendation],
        later: Document,
        later_recs: Sequence[Recommendation],
        later_text: str,
    ) -> list[int]:
        made: list[int] = []
        naming = [
            " ".join(s.split())
            for s in _SENTENCE.findall(later_text)
            if _NAMES_EARLIER.search(s) and len(s) < 600
        ]
        for er in earlier_recs:
            words = content_words(er.text)
            if not words:
                continue
            for lr in later_recs:
                score = int(fuzz.token_set_ratio(words, content_words(lr.text)))
                if score >= SIMILAR_TEXT_MIN:
                    new = repo.add_proposal(
                        er.id, later.id, lr.id, basis=ProposalBasis.SIMILAR_TEXT, score=score
                    )
                    if new is not None:
                        made.append(new)
            best = max(
                ((int(fuzz.partial_ratio(words, content_words(s))), s) for s in naming),
                default=(0, ""),
            )
            if best[0] >= NAMED_MIN:
                new = repo.add_proposal(
                    er.id,
                    later.id,
                    None,
                    basis=ProposalBasis.NAMED_IN_LETTER,
                    score=best[0],
                    quote=best[1],
                )
                if new is not None:
                    made.append(new)
        return made

    def propose(self, document_id: int) -> list[ProposalView]:
        """Propose again for a document (new proposals only; decided ones stay decided)."""
        with self.workspace.write() as repo:
            made = set(self._propose(repo, document_id))
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
        threads: list[Thread] = []
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
            threads.append(Thread(first, tuple(members), tuple(steps)))
        return threads

    def thread_labels(self) -> dict[int, tuple[str, str]]:
        """Each recommendation's (first raised, latest letter), for the evidence log."""
        docs = {d.id: d for d in self._documents()}
        labels: dict[int, tuple[str, str]] = {}
        for thread in self.threads(all_recommendations=True):
            first = letter_label(docs[thread.first_raised.document_id])
            latest = letter_label(docs[thread.latest.document_id])
            for rec_id in thread.recommendation_ids:
                labels[rec_id] = (first, latest)
        return labels

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
        key = authority_key(authority)
        with self.workspace.read() as repo:
            docs = [d for d in repo.list_documents() if authority_key(d.authority) == key]
            recs = [r for r in repo.recommendations() if r.document_id in {d.id for d in docs}]
            counts = repo.link_counts()
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
        thread_of: dict[int, Thread] = {}
        for thread in self.threads(all_recommendations=True):
            for rec_id in thread.recommendation_ids:
                thread_of[rec_id] = thread
        rec_by_id = {r.id: r for r in recs}
        rows: list[CoverageRow] = []
        ordered = sorted(
            (t for t in {id(t): t for t in thread_of.values()}.values() if t.id in rec_by_id),
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
                cells = tuple(
                    CoverageCell(
                        tuple(
                            (s, by_cell[(rec.id, d.id)][s])
                            for s in STANCE_ORDER
                            if by_cell[(rec.id, d.id)][s]
                        )
                    )
                    for d in columns
                )
                rows.append(CoverageRow(rec, doc_by_id[rec.document_id], thread.id, label, cells))
        name = next((d.authority for d in docs if d.authority), authority)
        return CoverageMatrix(name, columns, tuple(rows))

    def cell_passages(self, recommendation_id: int, document_id: int) -> list[int]:
        """The ids of the live passages of ``document_id`` linked to the recommendation."""
        with self.workspace.read() as repo:
            return [a.id for a in repo.evidence(recommendation_id) if a.document_id == document_id]
