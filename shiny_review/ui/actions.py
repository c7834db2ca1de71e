"""One registry of the window's actions: text, shortcuts, menus, owner and when enabled.

Each action is declared once here with the controller that owns it (``owner``: a name in
``OWNERS``), the menu it goes in and the state in which it is enabled (``enabled_when``, a
predicate on the ``WindowState``). The owner gives the slot: every controller has
``action_handlers()``, a mapping of its action names to callables, and ``connect_actions``
joins the two in a loop. The declarations live here and not in the controller modules because
the menus and shortcuts are part of the window's first paint, which must not wait for the
controllers (and what they import): see docs/performance.md, Start.

A new controller adds its specs here with its owner name and returns their slots from its
``action_handlers()``; ``tests/ui/test_actions.py`` checks that every action has a slot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from shiny_review.ui.window_state import WindowState

Predicate = Callable[["WindowState"], bool]


def has_workspace(state: WindowState) -> bool:
    return state.attached


def has_document(state: WindowState) -> bool:
    return state.document is not None


def can_undo(state: WindowState) -> bool:
    return state.undo_stack.canUndo()


def can_redo(state: WindowState) -> bool:
    return state.undo_stack.canRedo()


# Who gives each action its slot: the window itself or one of its controllers.
OWNERS = ("window", "importing", "export", "preferences", "finding", "editing", "pages")
_OWNER_OF: dict[str, str] = {
    "import": "importing",
    "export": "export",
    "preferences": "preferences",
    "find": "finding",
    "find_next": "finding",
    "search_all": "finding",
}
# The page view (issue 15): View > Text / Page / side by side, Go to page, File > Export PDF.
PAGE_MODES = ("text", "page", "both")
for _name in (*(f"view_{m}" for m in PAGE_MODES), "go_to_page", "export_pdf"):
    _OWNER_OF[_name] = "pages"
_ENABLED_WHEN: dict[str, Predicate] = {
    "import": has_workspace,
    "export": has_workspace,
    "search_all": has_workspace,
    "preferences": has_workspace,
    "undo": can_undo,
    "redo": can_redo,
    "go_to_page": has_document,
    "export_pdf": has_document,
}
_EDITING = (
    "highlight",
    "delete",
    "add_recommendation",
    "edit_recommendation",
    "move_up",
    "move_down",
    "delete_recommendation",
    *(f"link_{n}" for n in range(1, 10)),
)
for _name in _EDITING:
    _OWNER_OF[_name] = "editing"
for _name in (*_EDITING, "find", "find_next"):
    _ENABLED_WHEN[_name] = has_document
_SEPARATOR_AFTER = frozenset(
    {"export_pdf", "focus_annotations", "preferences", "redo", "search_all", "link_9"}
)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str, ...]
    description: str
    menu: str

    @property
    def owner(self) -> str:
        """The controller (or the window) that gives the action its slot."""
        return _OWNER_OF.get(self.name, "window")

    @property
    def enabled_when(self) -> Predicate | None:
        """When the action is enabled; None: always."""
        return _ENABLED_WHEN.get(self.name)

    @property
    def separator_after(self) -> bool:
        return self.name in _SEPARATOR_AFTER


def _specs() -> list[ActionSpec]:
    specs = [
        ActionSpec("import", "&Import…", ("Ctrl+O",), "Import letters (PDF or text)", "File"),
        ActionSpec(
            "export", "&Export evidence log…", ("Ctrl+E",), "Export the evidence log", "File"
        ),
        ActionSpec(
            "export_pdf",
            "Export annotated &PDF…",
            ("Ctrl+Shift+E",),
            "Save the original PDF with the highlights in it, for Acrobat or Edge",
            "File",
        ),
        ActionSpec("preferences", "&Preferences…", ("Ctrl+,",), "Change your name", "File"),
        ActionSpec("quit", "&Quit", ("Ctrl+Q",), "Quit Shiny Review", "File"),
        ActionSpec("undo", "&Undo", ("Ctrl+Z",), "Undo the last change", "Edit"),
        ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Redo the change undone", "Edit"),
        ActionSpec(
            "find",
            "&Find in document…",
            ("Ctrl+F",),
            "Find a phrase in the document and select it",
            "Edit",
        ),
        ActionSpec("find_next", "Find &next", ("F3",), "Select the next match", "Edit"),
        ActionSpec(
            "search_all",
            "&Search all documents…",
            ("Ctrl+Shift+F",),
            "Search every document in the workspace",
            "Edit",
        ),
        ActionSpec(
            "highlight", "&Highlight selection", ("H",), "Highlight the selected text", "Annotate"
        ),
    ]
    for n in range(1, 10):
        specs.append(
            ActionSpec(
                f"link_{n}",
                f"Highlight and link to recommendation &{n}",
                (str(n),),
                f"Highlight the selection and link it to recommendation {n}, "
                "or link the selected highlight",
                "Annotate",
            )
        )
    specs += [
        ActionSpec(
            "delete", "&Delete highlight", ("Delete",), "Delete the selected highlight", "Annotate"
        ),
        ActionSpec(
            "add_recommendation",
            "&Add recommendation…",
            ("Ctrl+Shift+N",),
            "Add a recommendation by hand",
            "Recommendations",
        ),
        ActionSpec(
            "edit_recommendation",
            "&Edit recommendation…",
            ("F2",),
            "Edit the selected recommendation",
            "Recommendations",
        ),
        ActionSpec(
            "move_up",
            "Move recommendation &up",
            ("Alt+Shift+Up",),
            "Move the selected recommendation up",
            "Recommendations",
        ),
        ActionSpec(
            "move_down",
            "Move recommendation &down",
            ("Alt+Shift+Down",),
            "Move the selected recommendation down",
            "Recommendations",
        ),
        ActionSpec(
            "delete_recommendation",
            "Delete re&commendation",
            ("Ctrl+Shift+Delete",),
            "Delete the selected recommendation",
            "Recommendations",
        ),
        ActionSpec(
            "focus_document",
            "Go to &document text",
            ("Ctrl+1",),
            "Move the keyboard focus to the document text",
            "View",
        ),
        ActionSpec(
            "focus_documents",
            "Go to document &list",
            ("Ctrl+2",),
            "Move the keyboard focus to the list of documents",
            "View",
        ),
        ActionSpec(
            "focus_recommendations",
            "Go to &recommendations",
            ("Ctrl+3",),
            "Move the keyboard focus to the recommendations",
            "View",
        ),
        ActionSpec(
            "focus_annotations",
            "Go to &highlights",
            ("Ctrl+4",),
            "Move the keyboard focus to the highlights list",
            "View",
        ),
        ActionSpec("view_text", "&Text", ("Ctrl+Alt+T",), "Show the text", "View"),
        ActionSpec("view_page", "&Page", ("Ctrl+Alt+P",), "Show the pages", "View"),
        ActionSpec(
            "view_both",
            "Text &and page side by side",
            ("Ctrl+Alt+B",),
            "Show the text and the pages side by side",
            "View",
        ),
        ActionSpec("go_to_page", "&Go to page…", ("Ctrl+G",), "Go to a page of the PDF", "View"),
        ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1",), "List every shortcut", "Help"),
    ]
    return specs


SPECS: tuple[ActionSpec, ...] = tuple(_specs())
MENUS = ("File", "Edit", "Annotate", "Recommendations", "View", "Help")
EXTRA_KEYS = (
    ("Shift+Arrows, Shift+Home/End", "Extend the selection in the document"),
    ("Tab / Shift+Tab", "Move between panels and controls"),
    ("Enter (in the find bar)", "Find the phrase and return to the document"),
    ("Escape (in the find bar)", "Close the find bar"),
    ("Ctrl+Return (in the note)", "Save the note"),
)


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """Create every action on ``parent`` (window-wide shortcuts)."""
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
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


def accessible_name(spec: ActionSpec) -> str:
    return spec.text.replace("&", "").rstrip("…")
