"""The window's actions as QActions: built, put in menus, joined to their owners' slots, and
enabled from the window state. What actions there are is declared in ``ui/action_catalogue.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget
from shiboken6 import isValid

from shiny_review.ui.action_catalogue import (
    EXTRA_KEYS,
    MENUS,
    OWNERS,
    SPECS,
    ActionSpec,
    Predicate,
    can_redo,
    can_undo,
    has_document,
    has_workspace,
)

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState

__all__ = [
    "EXTRA_KEYS",
    "MENUS",
    "OWNERS",
    "SPECS",
    "ActionSpec",
    "Predicate",
    "accessible_name",
    "bind_enabled",
    "build_actions",
    "build_menus",
    "can_redo",
    "can_undo",
    "connect_actions",
    "has_document",
    "has_workspace",
    "undo_redo_texts",
    "update_enabled",
]


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """Create every action on ``parent`` (window-wide shortcuts)."""
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        # Not ``QAction(text, parent)``: choosing among its overloads makes PySide build the
        # QIcon class (~1.5 ms of the start), which nothing shown at the start needs.
        action = QAction(parent)
        action.setText(spec.text)
        action.setObjectName(f"action_{spec.name}")
        action.setCheckable(spec.checkable)
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setToolTip(spec.description)
        action.setStatusTip(spec.description)
        action.setWhatsThis(spec.description)
        parent.addAction(action)
        actions[spec.name] = action
    return actions


def build_menus(bar: QMenuBar, actions: Mapping[str, QAction]) -> None:
    """The menu bar: each menu of ``MENUS`` with its actions in the registry's order."""
    menus = {name: bar.addMenu(f"&{name}") for name in MENUS}
    for spec in SPECS:
        menus[spec.menu].addAction(actions[spec.name])
        if spec.separator_after:
            menus[spec.menu].addSeparator()


def connect_actions(
    actions: Mapping[str, QAction], handlers: Mapping[str, Mapping[str, Callable[[], object]]]
) -> None:
    """Connect each action to the slot its owner gives (``handlers[owner][name]``)."""
    for spec in SPECS:
        slot = handlers[spec.owner][spec.name]
        actions[spec.name].triggered.connect(lambda _checked=False, slot=slot: slot())


def update_enabled(actions: Mapping[str, QAction], state: WindowState) -> None:
    """Enable each action whose ``enabled_when`` holds for ``state``."""
    for spec in SPECS:
        if spec.enabled_when is not None:
            actions[spec.name].setEnabled(spec.enabled_when(state))


def bind_enabled(actions: Mapping[str, QAction], state: WindowState) -> None:
    """Keep the actions enabled as their ``enabled_when`` says: now, and whenever the
    workspace is attached, another document opens or what can be undone changes."""
    stack = state.undo_stack

    def update(*_: object) -> None:
        if isValid(stack):  # not while the window and its state are being destroyed
            update_enabled(actions, state)

    for signal in (
        state.serviceChanged,
        state.documentChanged,
        stack.canUndoChanged,
        stack.canRedoChanged,
    ):
        signal.connect(update)
    update_enabled(actions, state)
    bind_undo_text(actions, state)


def _what(command_text: str) -> str:
    """A command's text as it reads after "Undo ": "Link to …" -> "link to …"."""
    return command_text[:1].lower() + command_text[1:]


def undo_redo_texts(undo_text: str, redo_text: str) -> tuple[str, str]:
    """The Undo and Redo actions' texts, naming what they will undo or redo (issue 18)."""
    undo = f"&Undo {_what(undo_text)}" if undo_text else "&Undo"
    redo = f"&Redo {_what(redo_text)}" if redo_text else "&Redo"
    return undo, redo


def bind_undo_text(actions: Mapping[str, QAction], state: WindowState) -> None:
    """Keep Undo's and Redo's texts saying what they will undo and redo: the text of the
    command on the undo stack (e.g. "Undo link to recommendation 2")."""
    stack = state.undo_stack

    def update(*_: object) -> None:
        if isValid(stack):
            undo, redo = undo_redo_texts(stack.undoText(), stack.redoText())
            actions["undo"].setText(undo)
            actions["redo"].setText(redo)

    stack.undoTextChanged.connect(update)
    stack.redoTextChanged.connect(update)
    stack.indexChanged.connect(update)
    update()


def accessible_name(spec: ActionSpec) -> str:
    return spec.text.replace("&", "").rstrip("…")
