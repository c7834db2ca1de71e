"""What actions the window has: text, shortcuts, menu, owner and when each is enabled.

The declarations only (no Qt here): ``ui/actions.py`` builds the QActions and menus from them
and joins each to the slot its owner gives. Each action is declared once with the controller
that owns it (``owner``: a name in ``OWNERS``), the menu it goes in and the state in which it is
enabled (``enabled_when``, a predicate on the ``WindowState``). They live here and not in the
controller modules because the menus and shortcuts are part of the window's first paint, which
must not wait for the controllers (and what they import): see docs/performance.md, Start.

A new controller adds its specs here with its owner name and returns their slots from its
``action_handlers()``; ``tests/ui/test_actions.py`` checks that every action has a slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
OWNERS = (
    "window",
    "importing",
    "export",
    "preferences",
    "finding",
    "editing",
    "zoom",
    "tools",
    "action_plan",
    "cycle",
    "checks",
    "pages",
)
_OWNER_OF: dict[str, str] = {
    "confirm_checks": "checks",
    "import": "importing",
    "export": "export",
    "board_report": "action_plan",
    "view_action_plan": "action_plan",
    "preferences": "preferences",
    "find": "finding",
    "find_next": "finding",
    "search_all": "finding",
    "zoom_in": "zoom",
    "zoom_out": "zoom",
    "zoom_reset": "zoom",
    "open_workspace": "tools",
    "new_workspace": "tools",
    "bin": "tools",
    "remove_document": "tools",
    "history": "tools",
    "backups": "tools",
    "coverage": "cycle",
    "lineage": "cycle",
    "set_authority": "cycle",
}
# The page view (issue 15): View > Text / Page / side by side, Go to page, File > Export PDF.
PAGE_MODES = ("text", "page", "both")
for _name in (*(f"view_{m}" for m in PAGE_MODES), "go_to_page", "export_pdf"):
    _OWNER_OF[_name] = "pages"
_ENABLED_WHEN: dict[str, Predicate] = {
    "go_to_page": has_document,
    "export_pdf": has_document,
    "confirm_checks": has_document,
    "import": has_workspace,
    "export": has_workspace,
    "board_report": has_workspace,
    "view_action_plan": has_workspace,
    "search_all": has_workspace,
    "preferences": has_workspace,
    "open_workspace": has_workspace,
    "new_workspace": has_workspace,
    "bin": has_workspace,
    "remove_document": has_document,
    "history": has_workspace,
    "backups": has_workspace,
    "coverage": has_workspace,
    "lineage": has_workspace,
    "set_authority": has_document,
    "undo": can_undo,
    "redo": can_redo,
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
    "link_any",
)
for _name in _EDITING:
    _OWNER_OF[_name] = "editing"
for _name in (*_EDITING, "find", "find_next"):
    _ENABLED_WHEN[_name] = has_document
_SEPARATOR_AFTER = frozenset(
    {
        "open_workspace",
        "export_pdf",
        "backups",
        "preferences",
        "redo",
        "search_all",
        "link_9",
        "link_any",
        "focus_annotations",
    }
)
_CHECKABLE = frozenset({"view_action_plan"})  # checked while what it shows is shown


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

    @property
    def checkable(self) -> bool:
        return self.name in _CHECKABLE


def _specs() -> list[ActionSpec]:
    specs = [
        ActionSpec(
            "new_workspace",
            "&New workspace…",
            ("Ctrl+Alt+N",),
            "Create a workspace and switch to it",
            "File",
        ),
        ActionSpec(
            "open_workspace",
            "Open &workspace…",
            ("Ctrl+Shift+O",),
            "Open another workspace in this window",
            "File",
        ),
        ActionSpec("import", "&Import…", ("Ctrl+O",), "Import letters (PDF or text)", "File"),
        ActionSpec(
            "export", "&Export evidence log…", ("Ctrl+E",), "Export the evidence log", "File"
        ),
        ActionSpec(
            "remove_document",
            "&Remove document…",
            ("Ctrl+Shift+Backspace",),
            "Move the open document to the bin",
            "File",
        ),
        ActionSpec("bin", "&Bin…", ("Ctrl+Shift+B",), "Restore deleted highlights", "File"),
        ActionSpec(
            "history",
            "&History of changes…",
            ("Ctrl+H",),
            "Every change, who made it and when",
            "File",
        ),
        ActionSpec(
            "backups", "&Backups…", ("Ctrl+Alt+B",), "Back up now, or restore a backup", "File"
        ),
        ActionSpec(
            "board_report",
            "&Board report (XLSX and PDF)…",
            ("Ctrl+Shift+E",),
            "Write the improvement-board report: an XLSX workbook and a PDF",
            "File",
        ),
        ActionSpec(
            "export_pdf",
            "Export annotated &PDF…",
            ("Ctrl+Alt+E",),
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
            "link_any",
            "&Link to recommendation…",
            ("L",),
            "Pick any recommendation (type its number or words) and link the selected "
            "highlight, or highlight the selection and link it",
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
            "confirm_checks",
            "&Confirm the recommendations",
            ("Ctrl+Shift+K",),
            "The import's checks failed but the recommendations are right: clear the mark",
            "Recommendations",
        ),
        ActionSpec(
            "coverage",
            "&Coverage matrix…",
            ("Ctrl+Shift+M",),
            "The authority's recommendations against its documents, with the gaps",
            "Cycle",
        ),
        ActionSpec(
            "lineage",
            "&Lineage between letters…",
            ("Ctrl+Shift+L",),
            "Accept or reject which later items continue earlier recommendations",
            "Cycle",
        ),
        ActionSpec(
            "set_authority",
            "Set the document's &authority…",
            ("Ctrl+Shift+A",),
            "Choose the authority of the open document",
            "Cycle",
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
        ActionSpec(
            "zoom_in",
            "&Larger text",
            ("Ctrl++", "Ctrl+="),
            "Make the document's text larger",
            "View",
        ),
        ActionSpec(
            "zoom_out", "S&maller text", ("Ctrl+-",), "Make the document's text smaller", "View"
        ),
        ActionSpec(
            "zoom_reset",
            "&Normal text size",
            ("Ctrl+0",),
            "Show the document's text at its normal size",
            "View",
        ),
        ActionSpec(
            "view_action_plan",
            "&Action plan",
            ("Ctrl+5",),
            "Show the Action plan view (actions, RAG, updates, deadlines) and go to it, or hide it",
            "View",
        ),
        ActionSpec("view_text", "&Text", ("Ctrl+Alt+T",), "Show the text", "View"),
        ActionSpec("view_page", "&Page", ("Ctrl+Alt+P",), "Show the pages", "View"),
        ActionSpec(
            "view_both",
            "Text &and page side by side",
            ("Ctrl+Alt+S",),
            "Show the text and the pages side by side",
            "View",
        ),
        ActionSpec("go_to_page", "&Go to page…", ("Ctrl+G",), "Go to a page of the PDF", "View"),
        ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1",), "List every shortcut", "Help"),
    ]
    return specs


SPECS: tuple[ActionSpec, ...] = tuple(_specs())
MENUS = ("File", "Edit", "Annotate", "Recommendations", "Cycle", "View", "Help")
EXTRA_KEYS = (
    ("Shift+Arrows, Shift+Home/End", "Extend the selection in the document"),
    ("Tab / Shift+Tab", "Move between panels and controls"),
    ("Enter (in the find bar)", "Find the phrase and return to the document"),
    ("Escape (in the find bar)", "Close the find bar"),
    ("Ctrl+Return (in the note)", "Save the note now (it also saves itself as you type)"),
)
