"""Search: the matches of a query in one document (Find) or across the workspace."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from shiny_review.domain.document_label import label_of
from shiny_review.services.text_search import Matcher, SearchHit

if TYPE_CHECKING:
    from shiny_review.storage.workspace import Workspace


class Search:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def find(self, query: str, document_id: int | None = None, limit: int = 500) -> list[SearchHit]:
        """Matches of ``query`` in one document or all, in document then text order.

        Case-insensitive, and any run of white space matches any other. In one document a
        match may start anywhere (like a viewer's Find); across the workspace a match starts at
        the beginning of a word, and the full-text index (FTS5) picks the documents to look
        in, so a search stays fast however many documents there are.
        """
        matcher = Matcher(query, word_start=document_id is None)
        hits: list[SearchHit] = []
        with self._workspace.read() as repo:
            candidates = repo.search_texts(query if document_id is None else None, document_id)
            for doc in candidates:
                text = doc.text
                label = label_of(doc.title, doc.kind, doc.authority, doc.label_date)
                for start, end in matcher.spans(text):
                    left = max(0, start - 40)
                    context = " ".join(text[left : end + 40].split())
                    page = bisect.bisect_right(doc.page_starts, start)
                    hits.append(
                        SearchHit(
                            doc.document_id,
                            doc.title,
                            start,
                            end,
                            max(page, 1),
                            context,
                            label,
                        )
                    )
                    if len(hits) >= limit:
                        return hits
        return hits
