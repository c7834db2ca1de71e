"""PreferencesController built with a WindowState and no MainWindow."""

from __future__ import annotations

from shiny_review.ui.controllers.preferences import PreferencesController
from shiny_review.ui.dialogs.preferences import PreferencesDialog


def test_author_name(state, service, parent, window_settings, monkeypatch) -> None:
    preferences = PreferencesController(state, window_settings, parent)
    statuses: list[str] = []
    errors: list[str] = []
    state.status.connect(statuses.append)
    state.error.connect(errors.append)
    monkeypatch.setattr(PreferencesDialog, "ask", classmethod(lambda cls, p, a: "Sam Ó Reviewer"))
    preferences.action_handlers()["preferences"]()
    assert service.author == window_settings.author() == "Sam Ó Reviewer"
    assert statuses == ["Changes will be recorded as Sam Ó Reviewer."]
    preferences.set_author("   ")
    assert errors == ["the author name is empty"]
    assert service.author == "Sam Ó Reviewer"
