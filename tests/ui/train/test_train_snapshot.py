"""Train drawn from the snapshot before the templates are read, then from the templates."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from hamtimer.core.plan_book import PlanBook
from hamtimer.services.templates import LoadedTemplate, builtin_templates
from hamtimer.ui.train.train_page import TrainPage
from hamtimer.ui.train.train_snapshot import TrainSnapshot, snapshot_from_json

LIBRARY = builtin_templates()


def _page(qtbot: QtBot) -> TrainPage:
    page = TrainPage(PlanBook())
    qtbot.addWidget(page)
    page.show()
    return page


def _snapshot_of(
    qtbot: QtBot, library: list[LoadedTemplate], row: int | None = None
) -> TrainSnapshot:
    """What a page that showed `library` keeps, as it went through its file (JSON); `row`:
    another card selected than the one the page opens on."""
    page = _page(qtbot)
    page.set_library(library)
    kept = page.snapshot_for_next_start()
    assert kept is not None
    row = kept.selected if row is None else row
    moved = TrainSnapshot(kept.cards, row, page._details_facts(row))
    loaded = snapshot_from_json(json.loads(json.dumps(moved.to_json())))
    assert loaded == moved
    return moved


def test_the_snapshot_draws_every_card_and_the_details_without_templates(qtbot: QtBot) -> None:
    snapshot = _snapshot_of(qtbot, LIBRARY, 2)
    page = _page(qtbot)
    page.show_snapshot(snapshot)
    assert [card.facts for card in page.template_list.cards] == list(snapshot.cards)
    assert page.template_list.currentRow() == 2
    assert LIBRARY[2].template.name in page.details.text()
    assert [row.text.text() for row in page.details_view.rows]
    assert page.start_button.isEnabled()
    assert page.library == []


def test_reading_the_templates_keeps_what_the_snapshot_drew_when_nothing_changed(
    qtbot: QtBot,
) -> None:
    snapshot = _snapshot_of(qtbot, LIBRARY)
    page = _page(qtbot)
    page.show_snapshot(snapshot)
    cards, rows = list(page.template_list.cards), list(page.details_view.rows)

    page.set_library(LIBRARY)

    assert page.template_list.cards == cards  # the same widgets: nothing rebuilt
    assert page.details_view.rows == rows
    assert page.selected_original() is LIBRARY[snapshot.selected].template


def test_a_card_chosen_while_the_snapshot_shows_stays_chosen(qtbot: QtBot) -> None:
    page = _page(qtbot)
    page.show_snapshot(_snapshot_of(qtbot, LIBRARY, 0))
    page.template_list.setCurrentRow(3)  # the user's click, before the templates are read
    page.set_library(LIBRARY)
    assert page.selected_original() is LIBRARY[3].template
    assert LIBRARY[3].template.name in page.details.text()


def test_start_pressed_on_the_snapshot_is_kept_for_what_it_showed(qtbot: QtBot) -> None:
    """Even when the page would now open on another card (the history changed since). The
    window starts it once its voice is there (`application.after_cards`), not on reading."""
    page = _page(qtbot)
    page.show_snapshot(_snapshot_of(qtbot, LIBRARY, 1))
    started: list[object] = []
    page.start_requested.connect(started.append)
    page.request_start()
    page.set_library(LIBRARY)
    assert started == []
    assert page.take_early_start()
    assert not page.take_early_start()  # once
    page.request_start()
    assert [template.id for template in started] == [LIBRARY[1].template.id]  # type: ignore[attr-defined]


def test_the_snapshot_says_what_the_next_start_first_shows(qtbot: QtBot) -> None:
    """Its totals are the estimates a new window has before its voice: reading the templates
    then rebuilds no card (with the measured lengths kept, every card was rebuilt)."""
    measured = PlanBook(speech_length=lambda text: 3.0 * len(text.split()))
    page = TrainPage(measured)
    qtbot.addWidget(page)
    page.set_library(LIBRARY)
    snapshot = page.snapshot_for_next_start()
    assert snapshot is not None
    fresh = _page(qtbot)
    fresh.show_snapshot(snapshot)
    cards = list(fresh.template_list.cards)
    fresh.set_library(LIBRARY)
    assert fresh.template_list.cards == cards
    assert [card.facts for card in page.template_list.cards] != list(snapshot.cards)


def test_a_snapshot_from_another_version_or_damaged_is_no_snapshot(qtbot: QtBot) -> None:
    good = _snapshot_of(qtbot, LIBRARY, 1).to_json()
    assert snapshot_from_json(good) is not None
    damaged = [
        None,
        [],
        {**good, "selected": 99},
        {**good, "selected": 0},  # the details are another card's
        {**good, "cards": [{"name": "no id"}]},
        {**good, "details": {"template_id": LIBRARY[1].template.id}},
        {**good, "cards": [{**good["cards"][0], "name": 3}]},
    ]
    for data in damaged:
        assert snapshot_from_json(data) is None, data


def test_templates_edited_since_are_drawn_as_they_now_are(qtbot: QtBot) -> None:
    snapshot = _snapshot_of(qtbot, LIBRARY)
    row = snapshot.selected
    renamed = LIBRARY[row].template.model_copy(update={"name": "Renamed in the editor"})
    library = [
        *LIBRARY[:row],
        LoadedTemplate(renamed, "built-in", builtin=True),
        *LIBRARY[row + 1 :],
    ]
    page = _page(qtbot)
    page.show_snapshot(snapshot)
    page.set_library(library)
    assert page.template_list.cards[row].facts.name == "Renamed in the editor"
    assert "Renamed in the editor" in page.details.text()
