"""The inspection cycle's hooks inside a transaction (issue 13): a new document's authority
and its lineage proposals (at import), and the same-authority rule for links across documents.

Plain functions over one ``Repository``, called from the use cases that own the transaction
(``services/documents.py`` at import, ``services/annotations.py`` when linking,
``services/cycle.py`` when the officer sets an authority).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from shiny_review.domain.entities import Document, Recommendation
from shiny_review.domain.errors import ValidationError
from shiny_review.domain.lineage import ProposalBasis, authority_key
from shiny_review.services.cycle_model import (
    NAMED_MIN,
    NAMES_EARLIER,
    OFSTED_LETTERS,
    SENTENCE,
    SIMILAR_TEXT_MIN,
    content_words,
    doc_order,
)

if TYPE_CHECKING:
    from shiny_review.storage.quick_imports import CycleWrites


def on_import(repo: CycleWrites, document_id: int) -> None:
    """Inside the import's transaction: find the authority if the import could not, and
    propose the new document's lineage with the authority's other letters."""
    doc = repo.get_document(document_id)
    authorities = repo.document_authorities()
    if doc.authority is None:
        text = repo.document_text(document_id).text.lower()
        names: dict[str, str] = {}
        for other_id, authority in authorities:
            key = authority_key(authority)
            if key and authority and other_id != document_id:
                names.setdefault(key, authority)
        counts = sorted(((text.count(k), k) for k in names), reverse=True)
        counts = [c for c in counts if c[0] > 0]
        if counts and (len(counts) == 1 or counts[1][0] < counts[0][0]):
            repo.set_document_authority(document_id, names[counts[0][1]])
            authorities = repo.document_authorities()
    propose(repo, document_id, authorities)


class _LinkReads(Protocol):
    """What ``check_links`` reads: the ORM ``Repository`` or the driver's ``QuickWrites``."""

    def get_document(self, document_id: int) -> Document: ...
    def get_recommendation(self, recommendation_id: int) -> Recommendation: ...


def check_links(repo: _LinkReads, document_id: int, recommendation_ids: Iterable[int]) -> None:
    """ValidationError unless every recommendation is the document's own or of the same
    authority as the document."""
    ids = list(recommendation_ids)
    if not ids:
        return
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


def propose(
    repo: CycleWrites,
    document_id: int,
    authorities: Sequence[tuple[int, str | None]] | None = None,
) -> list[int]:
    """Store proposals between the document and its authority's other letters (read from
    ``authorities``, every document's, when given), reading only that authority's."""
    if authorities is None:
        authorities = repo.document_authorities()
    key = authority_key(dict(authorities).get(document_id))
    if key is None:
        return []
    docs = [repo.get_document(i) for i, a in authorities if authority_key(a) == key]
    letters = sorted((d for d in docs if d.kind in OFSTED_LETTERS), key=doc_order)
    recs: dict[int, list[Recommendation]] = defaultdict(list)
    for rec in repo.recommendations(of_documents=[d.id for d in letters]):
        recs[rec.document_id].append(rec)
    made: list[int] = []
    for i, later in enumerate(letters):
        for earlier in letters[:i]:
            if document_id not in (later.id, earlier.id) or doc_order(earlier) == doc_order(later):
                continue
            text = repo.document_text(later.id).text
            made += _propose_pair(repo, earlier, recs[earlier.id], later, recs[later.id], text)
    return made


def _propose_pair(
    repo: CycleWrites,
    earlier: Document,
    earlier_recs: Sequence[Recommendation],
    later: Document,
    later_recs: Sequence[Recommendation],
    later_text: str,
) -> list[int]:
    from rapidfuzz import fuzz  # at the first import of a later letter, not on start

    made: list[int] = []
    naming = [
        " ".join(s.split())
        for s in SENTENCE.findall(later_text)
        if NAMES_EARLIER.search(s) and len(s) < 600
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
