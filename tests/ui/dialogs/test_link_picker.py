"""The link picker (key L): any of 17 recommendations, filtered by number or words, linked
from the keyboard through the window (issue 11)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shiny_review.ui.dialogs.link_picker import LinkPicker

TOPICS = ("supervision", "timeliness", "voice of the child", "care leavers", "audits")


@pytest.fixture
def seventeen(service, letter):  # type: ignore[no-untyped-def]
    """The letter with 17 recommendations (2 imported, 15 added by hand)."""
    for n in range(3, 18):
        topic = TOPICS[n % len(TOPICS)]
        service.recommendations.add(letter.id, f"Improve {topic} (point {n}).")
    recs = service.recommendations.all(letter.id)
    assert [r.label for r in recs] == [str(n) for n in range(1, 18)]
    return recs


def test_filter_by_number_and_words(qtbot, seventeen) -> None:  # type: ignore[no-untyped-def]
    dialog = LinkPicker(None, seventeen)
    qtbot.addWidget(dialog)
    assert len(dialog.visible_labels()) == 17
    qtbot.keyClicks(dialog.filter, "17")
    assert dialog.visible_labels() == ["17"]
    assert dialog.chosen() is seventeen[16]
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "care LEAVERS")
    expected = [r.label for r in seventeen if "care leavers" in r.text]
    assert dialog.visible_labels() == expected and len(expected) == 3
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Down)
    assert dialog.chosen() is seventeen[int(expected[1]) - 1]
    dialog.filter.setText("nothing like this")
    assert dialog.visible_labels() == [] and dialog.chosen() is None


def test_enter_accepts(qtbot, seventeen) -> None:  # type: ignore[no-untyped-def]
    dialog = LinkPicker(None, seventeen)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.filter, "12")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert dialog.chosen() is seventeen[11]


def test_key_l_links_the_selected_highlight_to_recommendation_15(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter, seventeen, monkeypatch
):
    ann = service.annotations.add(letter.id, 0, 20).value.id
    window = make_window()
    window.open_document(letter.id)
    window.select_annotation(ann)
    shown: list[LinkPicker] = []

    def choose(parent, recs):  # type: ignore[no-untyped-def]
        dialog = LinkPicker(parent, recs)
        shown.append(dialog)
        qtbot.keyClicks(dialog.filter, "15")
        return dialog.chosen()

    monkeypatch.setattr(LinkPicker, "choose", staticmethod(choose))
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert len(shown) == 1 and len(shown[0].visible_labels()) == 1
    assert service.annotations.get(ann).recommendation_ids == (seventeen[14].id,)
    window.actions["undo"].trigger()
    assert service.annotations.get(ann).recommendation_ids == ()


def test_edit_menu_highlights_the_selection_and_links_it(  # type: ignore[no-untyped-def]
    qtbot, make_window, service, letter, seventeen, monkeypatch
):
    window = make_window()
    window.open_document(letter.id)
    action = window.actions["link_any"]
    assert action in window.menuBar().actions()[1].menu().actions()  # the Edit menu
    monkeypatch.setattr(LinkPicker, "choose", staticmethod(lambda _p, recs: recs[16]))
    window.view.select_range(0, 20)
    action.trigger()
    (ann,) = service.annotations.all(letter.id)
    assert ann.recommendation_ids == (seventeen[16].id,)
