"""The action registry: each action's owner gives its slot, its menu, when it is enabled."""

from __future__ import annotations

from PySide6.QtWidgets import QMenuBar

from shiny_review.ui.actions import (
    MENUS,
    OWNERS,
    SPECS,
    bind_enabled,
    build_actions,
    build_menus,
    connect_actions,
)
from shiny_review.ui.window_state import WindowState


def test_every_action_has_an_owner_a_menu_and_one_name() -> None:
    assert len({s.name for s in SPECS}) == len(SPECS)
    for spec in SPECS:
        assert spec.owner in OWNERS and spec.menu in MENUS, spec.name


def test_the_window_and_each_controller_give_exactly_their_slots(make_window) -> None:
    window = make_window()
    owners = {
        "window": window,
        "importing": window.importing,
        "export": window.exporting,
        "preferences": window.preferences,
        "finding": window.finding,
        "editing": window.editing,
        "zoom": window.zoom,
        "tools": window.tools,
        "action_plan": window.action_plan,
        "cycle": window.cycle,
        "checks": window.checks,
        "pages": window.pages,
    }
    assert set(owners) == set(OWNERS)
    for owner, component in owners.items():
        assert set(component.action_handlers()) == {s.name for s in SPECS if s.owner == owner}


def test_menus_and_slots_in_a_loop(qtbot, parent) -> None:
    actions = build_actions(parent)
    bar = QMenuBar(parent)
    build_menus(bar, actions)
    menus = [a.menu() for a in bar.actions()]
    assert [m.title().replace("&", "") for m in menus] == list(MENUS)
    listed = [a.objectName() for m in menus for a in m.actions() if not a.isSeparator()]
    assert listed == [f"action_{s.name}" for s in SPECS]
    assert sum(a.isSeparator() for m in menus for a in m.actions()) == sum(
        s.separator_after for s in SPECS
    )
    called: list[str] = []
    handlers = {o: {} for o in OWNERS}
    for spec in SPECS:
        handlers[spec.owner][spec.name] = lambda name=spec.name: called.append(name)
    connect_actions(actions, handlers)
    actions["export"].trigger()
    actions["link_3"].trigger()
    assert called == ["export", "link_3"]


def test_enabled_when_follows_the_state(qtbot, service, parent, letter) -> None:
    state = WindowState()
    actions = build_actions(parent)
    bind_enabled(actions, state)
    assert not actions["import"].isEnabled() and not actions["highlight"].isEnabled()
    assert actions["quit"].isEnabled() and not actions["undo"].isEnabled()
    state.attach(service)
    assert actions["import"].isEnabled() and not actions["highlight"].isEnabled()
    state.open_document(letter.id)
    assert actions["highlight"].isEnabled() and actions["link_9"].isEnabled()


def _plain(action) -> str:
    return action.text().replace("&", "")


def test_undo_and_redo_say_what_they_will_undo_and_redo(make_window, letter, service) -> None:
    window = make_window()
    window.open_document(letter.id)
    undo, redo = window.actions["undo"], window.actions["redo"]
    assert (_plain(undo), _plain(redo)) == ("Undo", "Redo")
    text = service.documents.text(letter.id).text
    start = text.index("Supervision is regular")
    window.view.select_range(start, start + len("Supervision is regular"))
    window.actions["highlight"].trigger()
    assert _plain(undo) == "Undo highlight"
    window.actions["link_2"].trigger()  # the highlight is selected: link it
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert undo in edit_menu.actions() and redo in edit_menu.actions()
    assert _plain(undo) == "Undo link to recommendation 2"
    assert _plain(redo) == "Redo" and not redo.isEnabled()
    undo.trigger()
    assert _plain(redo) == "Redo link to recommendation 2"
    assert _plain(undo) == "Undo highlight"
    redo.trigger()
    assert _plain(undo) == "Undo link to recommendation 2"


def test_no_two_actions_share_a_shortcut() -> None:
    keys = [key for spec in SPECS for key in spec.shortcuts]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
