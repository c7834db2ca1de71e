"""Open, create and switch workspaces in the window (issue 11): File > Open workspace…,
New workspace… and Open recent workspace (remembered in the user's settings).

Switching saves what is being typed, opens the other workspace (a workspace another window
holds is refused with its reason, and this one stays open), shows it in the same window with
an empty undo history (``WindowState.replace_service``) and only then closes the last one.
The file dialogs are ``ask_open``/``ask_new``, functions tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

if TYPE_CHECKING:
    from shiny_review.services.review import ReviewService
    from shiny_review.ui.settings import WindowSettings
    from shiny_review.ui.window_state import WindowState

RECENT_KEY = "recent_workspaces"
RECENT_MAX = 8
FILTER = "Shiny Review workspace (*.sqlite);;Team workspace on a server (*.srconn);;All files (*)"


def ask_open(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open workspace", str(Path.home()), FILTER)
    return Path(name) if name else None


def ask_new(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "New workspace", str(Path.home() / "workspace.sqlite"), FILTER
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".sqlite")


class WorkspacesController(QObject):
    switched = Signal()

    def __init__(self, state: WindowState, parent: QWidget, settings: WindowSettings) -> None:
        super().__init__(parent)
        self.state = state
        self.parent_widget = parent
        self.settings = settings
        self.ask_open: Callable[[QWidget], Path | None] = ask_open
        self.ask_new: Callable[[QWidget], Path | None] = ask_new
        self.recent_menu = QMenu("Open &recent workspace", parent)
        self.recent_menu.setObjectName("recentWorkspacesMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.owned: ReviewService | None = None  # a workspace this window opened itself
        state.serviceChanged.connect(self._remember_current)
        if state.attached:
            self._remember_current()

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        return {"open_workspace": self.open_workspace, "new_workspace": self.new_workspace}

    def add_recent_menu(self, after: QAction) -> None:
        """Put the recent workspaces menu in the menu that holds ``after``, just after it."""
        for menu in after.associatedObjects():
            if isinstance(menu, QMenu):
                actions = menu.actions()
                index = actions.index(after) + 1
                before = actions[index] if index < len(actions) else None
                menu.insertMenu(before, self.recent_menu) if before else menu.addMenu(
                    self.recent_menu
                )

    # -- the recent list ------------------------------------------------------------------

    def recent(self) -> list[Path]:
        value = self.settings.qsettings.value(RECENT_KEY)
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(str(p)) for p in items if str(p)]

    def _remember_current(self) -> None:
        if not self.state.attached:
            return
        path = self.state.service.workspace_path.resolve()
        paths = [path, *(p for p in self.recent() if p != path)][:RECENT_MAX]
        self.settings.qsettings.setValue(RECENT_KEY, [str(p) for p in paths])

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        current = self.state.service.workspace_path.resolve() if self.state.attached else None
        for path in self.recent():
            action = menu.addAction(f"{path.name}  —  {path.parent}")
            action.setEnabled(path != current and path.is_file())
            action.triggered.connect(lambda _c=False, p=path: self.switch_to(p))
        if menu.isEmpty():
            menu.addAction("(none yet)").setEnabled(False)

    # -- switching ------------------------------------------------------------------------

    def open_workspace(self) -> None:
        path = self.ask_open(self.parent_widget)
        if path is not None:
            self.switch_to(path)

    def new_workspace(self) -> None:
        path = self.ask_new(self.parent_widget)
        if path is None:
            return
        if path.exists():
            self.state.show_error(
                f"Not created: {path.name} already exists. Open it with File > Open workspace…"
            )
            return
        self.switch_to(path)

    def switch_to(self, path: Path) -> bool:
        """Show the workspace at ``path`` in this window; True if it opened."""
        from shiny_review.domain.errors import ShinyReviewError
        from shiny_review.domain.workspace_spec import workspace_target
        from shiny_review.services.session import close_service, ingest_in_child, open_service
        from shiny_review.ui.dialogs.password import ask_password

        state = self.state
        old = state.service
        if path.resolve() == old.workspace_path.resolve():
            state.show_status(f"{path.name} is the workspace open now.")
            return False
        state.aboutToChange.emit()  # a note being typed is saved in the workspace it is in
        try:
            target = workspace_target(path)  # a .srconn file names a team workspace (issue 17)
            on_file = isinstance(target, Path)
            service = open_service(
                target,
                old.author if on_file else None,
                ingester=ingest_in_child,
                backup_timer=True,
                purpose="window",
                ask_password=lambda spec: ask_password(self.parent_widget, spec),
            )
        except ShinyReviewError as exc:
            state.show_error(f"Could not open {path.name}: {exc}")
            return False
        from shiny_review.ui.backup_alarm import BackupAlarm

        service.backups.watch(BackupAlarm(self.parent_widget))
        state.replace_service(service)
        close_service(old)
        self.owned = service
        self.switched.emit()
        state.show_status(f"Opened workspace {path}.")
        return True

    def shut_down(self) -> None:
        if self.owned is not None:
            from shiny_review.services.session import close_service

            close_service(self.owned)
            self.owned = None
