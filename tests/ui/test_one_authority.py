"""Two reports of one council printed under two names group under one authority, in the
window's document list and in the evidence log."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_two_names_of_one_council_are_one_authority(make_window, service, corpus) -> None:
    docs = []
    for name in ("bradford-2014-may-23.pdf", "bradford-2023-january-31.pdf"):
        docs.append(service.documents.import_file(corpus / name).value.document)
    printed = {
        "City of Bradford Metropolitan District Council",
        "City of Bradford Metropolitan Borough Council",
    }
    assert {d.authority for d in docs} == {"Bradford"}
    for doc in docs:
        service.annotations.add_quote(doc.id, "Bradford")
    window = make_window()
    model = window.documents_panel.model
    groups = [
        model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole)
        for row in range(model.rowCount())
    ]
    assert groups == ["Bradford (2)"]
    assert not any(name in " ".join(groups) for name in printed)
    rows = list(service.evidence.rows())  # with a "no evidence" row per unlinked recommendation
    passages = [row for row in rows if row.annotation_id is not None]
    assert len(passages) == 2  # one highlight in each report
    assert {row.authority for row in rows} == {"Bradford"}
