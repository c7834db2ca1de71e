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
