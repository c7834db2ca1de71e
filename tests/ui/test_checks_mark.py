"""A document whose import was unsure is marked, in show --json and in the window, until
an officer confirms it (recorded in the history, undoable)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PySide6.QtCore import Qt

from shiny_review import cli
from shiny_review.ui.checks_mark import MARK
from tests.ingest.tripping import CLEAN, TRIPS


def _show(workspace: Path, document_id: int) -> dict[str, object]:
    out = io.StringIO()
    assert cli.main(["show", str(document_id), "--json", "--workspace", str(workspace)], out) == 0
    data: dict[str, object] = json.loads(out.getvalue())
    return data


def _title_cell(window, document_id: int) -> tuple[str, str]:
    model = window.documents_panel.model
    index = model.index_of(document_id)
    return (
        model.data(index, Qt.ItemDataRole.DisplayRole),
        model.data(index, Qt.ItemDataRole.ToolTipRole),
    )


def test_every_self_check_is_marked_and_confirming_clears_it(
    qtbot, make_window, service, workspace_path, tmp_path
) -> None:
    ids: dict[str, int] = {}
    for name, text, _words in (("clean", CLEAN, ""), *TRIPS):
        path = tmp_path / f"{name.replace(' ', '-')}.txt"
        path.write_text(text, "utf-8")
        ids[name] = service.documents.import_file(path).value.document.id
    clean = _show(workspace_path, ids["clean"])
    assert clean["checks"] == []
    assert {"id", "title", "kind", "authority", "judgements", "recommendations"} <= set(clean)
    window = make_window()
    assert not _title_cell(window, ids["clean"])[0].startswith(MARK)
    for name, _text, words in TRIPS:
        shown = _show(workspace_path, ids[name])
        assert any(words in reason for reason in shown["checks"]), (name, shown["checks"])
        title, tooltip = _title_cell(window, ids[name])
        assert title.startswith(MARK), name
        assert words in tooltip, name
        window.open_document(ids[name])
        assert window.recommendations_panel.checks_banner.isVisible(), name
        assert words in window.recommendations_panel.checks_banner.label.text(), name

    first = ids[TRIPS[0][0]]
    window.open_document(first)
    window.recommendations_panel.checks_banner.confirm.click()
    assert not window.recommendations_panel.checks_banner.isVisible()
    assert not _title_cell(window, first)[0].startswith(MARK)
    assert _show(workspace_path, first)["checks"] == []
    confirmed = [h for h in service.history.entries() if h.action == "confirm"]
    assert confirmed[-1].entity_id == first
    assert confirmed[-1].author == "Test Officer"
    window.state.undo_stack.undo()
    assert window.recommendations_panel.checks_banner.isVisible()
    assert _title_cell(window, first)[0].startswith(MARK)
    assert _show(workspace_path, first)["checks"] != []


def test_confirm_on_the_command_line(service, workspace_path, tmp_path) -> None:
    path = tmp_path / "jump.txt"
    path.write_text(TRIPS[0][1], "utf-8")
    doc = service.documents.import_file(path).value.document.id
    service.close()
    out = io.StringIO()
    argv = ["confirm", str(doc), "--json", "--workspace", str(workspace_path)]
    assert cli.main(argv, out) == 0
    assert json.loads(out.getvalue())["checks"] == []
    assert _show(workspace_path, doc)["checks"] == []
