"""The password of a team workspace's login, asked when .pgpass and the credential store lack
it (issue 17). Never echoed, never stored: it goes straight to the connection."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from shiny_review.domain.workspace_spec import ServerSpec


def ask_password(parent: QWidget | None, spec: ServerSpec) -> str | None:
    """The password typed for ``spec``'s login, or None if the person cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        "Team workspace",
        f"Password for {spec.user} on {spec.host} (database {spec.database}):",
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None
