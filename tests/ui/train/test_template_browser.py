from __future__ import annotations

from pytestqt.qtbot import QtBot

from hamtimer.core.plan_book import PlanBook
from hamtimer.services.templates import LoadedTemplate
from hamtimer.ui.train.template_browser import TemplateBrowser
from tests.builders import template


def test_loading_state_then_library_arrives(qtbot: QtBot) -> None:
    browser = TemplateBrowser([], PlanBook())
    qtbot.addWidget(browser)
    browser.show_loading()
    assert "Loading" in browser.details.text()
    assert not browser.start_button.isEnabled()

    browser.set_library([LoadedTemplate(template(), "built-in", builtin=True)])

    assert browser.template_list.count() == 1
    assert browser.start_button.isEnabled()
    assert "Bridge" in browser.details.text() and "Total" in browser.details.text()


def test_an_empty_library_says_so_and_cannot_start(qtbot: QtBot) -> None:
    browser = TemplateBrowser([], PlanBook())
    qtbot.addWidget(browser)
    started: list[object] = []
    browser.start_requested.connect(started.append)

    browser.request_start()

    assert "No session templates" in browser.details.text()
    assert not browser.start_button.isEnabled() and started == []


def test_user_templates_are_marked_as_yours(qtbot: QtBot) -> None:
    browser = TemplateBrowser(
        [LoadedTemplate(template(), "/tmp/mine.json", builtin=False)], PlanBook()
    )
    qtbot.addWidget(browser)
    assert browser.template_list.item(0).text().endswith("(yours)")
