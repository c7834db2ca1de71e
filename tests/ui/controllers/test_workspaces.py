"""Open, create and switch workspaces from the window (issue 11), through its File menu."""

from __future__ import annotations

from pathlib import Path

from shiny_review.services.session import close_service, open_service
from tests.factories import make_ingested


def _file_menu(window):  # type: ignore[no-untyped-def]
    return window.menuBar().actions()[0].menu()


def test_new_then_open_then_recent(qtbot, make_window, service, letter, tmp_path):  # type: ignore[no-untyped-def]
    other_path = tmp_path / "other.sqlite"
    other = open_service(other_path, "Someone")
    other_doc = other.documents.add_ingested(make_ingested(source="o.txt", salt="o")).value
    close_service(other)
    window = make_window()
    window.open_document(letter.id)
    tools = window.tools
    workspaces = tools.workspaces
    menu = _file_menu(window)
    names = [a.objectName() for a in menu.actions()]
    assert names[:2] == ["action_new_workspace", "action_open_workspace"]
    assert workspaces.recent_menu.menuAction() in menu.actions()
    assert workspaces.recent() == [service.workspace_path.resolve()]
    try:
        # New workspace: an empty workspace in the same window, the undo stack cleared.
        fresh = tmp_path / "fresh.sqlite"
        workspaces.ask_new = lambda _parent: fresh
        window.actions["new_workspace"].trigger()
        assert window.state.service.workspace_path == fresh and fresh.is_file()
        assert window.state.document is None and window.state.undo_stack.count() == 0
        assert window.documents_panel.model.all_documents() == []
        # Creating onto an existing file is refused.
        workspaces.ask_new = lambda _parent: other_path
        errors: list[str] = []
        window.state.error.connect(errors.append)
        window.actions["new_workspace"].trigger()
        assert errors and "already exists" in errors[0]
        assert window.state.service.workspace_path == fresh
        # Open workspace: the other file, its document shown.
        workspaces.ask_open = lambda _parent: other_path
        window.actions["open_workspace"].trigger()
        assert window.state.service.workspace_path == other_path
        docs = window.documents_panel.model.all_documents()
        assert [d.id for d in docs] == [other_doc.document.id]
        assert (
            window.state.document is not None and window.state.document.id == other_doc.document.id
        )
        # The recent list, newest first, and its menu switches back.
        assert workspaces.recent()[:3] == [
            other_path.resolve(),
            fresh.resolve(),
            service.workspace_path.resolve(),
        ]
        workspaces._fill_recent()
        back = [a for a in workspaces.recent_menu.actions() if "workspace.sqlite" in a.text()]
        assert len(back) == 1 and back[0].isEnabled()
        back[0].trigger()
        assert window.state.service.workspace_path.resolve() == service.workspace_path.resolve()
        assert window.state.document is not None and window.state.document.id == letter.id
    finally:
        tools.shut_down()


def test_recent_workspaces_are_remembered_in_the_settings(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, window_settings, tmp_path
):
    window = make_window()
    try:
        window.tools.workspaces.switch_to(tmp_path / "second.sqlite")
        window_settings.sync()
        again = type(window_settings)(window_settings.qsettings)
        value = again.qsettings.value("recent_workspaces")
        assert [Path(v) for v in value][:2] == [
            (tmp_path / "second.sqlite").resolve(),
            service.workspace_path.resolve(),
        ]
    finally:
        window.tools.shut_down()


def test_a_workspace_held_by_another_writer_is_refused(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, tmp_path
):
    held_path = tmp_path / "held.sqlite"
    held = open_service(held_path, "Other window", purpose="window")
    try:
        window = make_window()
        errors: list[str] = []
        window.state.error.connect(errors.append)
        assert not window.tools.workspaces.switch_to(held_path)
        assert errors and "held.sqlite" in errors[0]
        assert window.state.service is service
    finally:
        close_service(held)


def test_open_workspace_takes_a_srconn_file_for_a_team_workspace(  # type: ignore[no-untyped-def]
    qtbot, make_window, pg_server, tmp_path
):
    """Issue 17: File > Open workspace on a .srconn file opens the team workspace it names,
    with the login as the author; the file holds no password."""
    from shiny_review.domain.workspace_spec import write_srconn

    name = pg_server.new_database()
    window = make_window()
    try:
        conn_file = tmp_path / "team.srconn"
        write_srconn(conn_file, pg_server.spec(name, "Test Officer"))
        assert "password" not in conn_file.read_text().lower()
        window.tools.workspaces.ask_open = lambda _parent: conn_file
        window.actions["open_workspace"].trigger()
        service = window.state.service
        assert service.on_server and service.author == "Test Officer"
        assert window.documents_panel.model.all_documents() == []
    finally:
        window.tools.shut_down()
        pg_server.drop_database(name)
