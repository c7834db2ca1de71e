"""One registry of the window's actions: text, shortcuts, accessible names and menus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    shortcuts: tuple[str, ...]
    description: str
    menu: str


def _specs() -> list[ActionSpec]:
    specs = [
        ActionSpec("import", "&Import…", ("Ctrl+O",), "Import letters (PDF or text)", "File"),
        ActionSpec(
            "export", "&Export evidence log…", ("Ctrl+E",), "Export the evidence log", "File"
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


def accessible_name(spec: ActionSpec) -> str:
    return spec.text.replace("&", "").rstrip("…")
