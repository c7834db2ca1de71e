"""Documents in the repository: added once per file, listed without their text, read back."""

from __future__ import annotations

from shiny_review.storage.workspace import Workspace
from tests.factories import LETTER_BLOCKS, make_ingested


def test_add_find_list_and_read_back(workspace: Workspace, doc_id: int) -> None:
    ingested = make_ingested()
    with workspace.read() as repo:
        found = repo.find_document_by_hash(ingested.source_hash)
        assert repo.find_document_by_hash("0" * 64) is None
        listed = repo.list_documents()
        text = repo.document_text(doc_id)
    assert found is not None and found.id == doc_id
    assert [d.id for d in listed] == [doc_id]
    assert listed[0].title == LETTER_BLOCKS[0] and listed[0].authority == "Westmarsh"
    assert text.text == ingested.extracted.text
    assert text.page_starts == ingested.extracted.page_starts
    assert text.paragraphs == ingested.extracted.paragraphs


def test_replace_document_keeps_its_id_and_takes_the_new_text(
    workspace: Workspace, doc_id: int
) -> None:
    newer = make_ingested((*LETTER_BLOCKS, "3. A paragraph the correction adds."), salt="v2")
    with workspace.write() as repo:
        repo.replace_document(doc_id, newer)
    with workspace.read() as repo:
        assert repo.get_document(doc_id).source_hash == newer.source_hash
        assert repo.document_text(doc_id).text.endswith("the correction adds.")
        assert [d.id for d in repo.list_documents()] == [doc_id]
