from __future__ import annotations

from pytestqt.qtbot import QtBot

from hamtimer.services.templates import builtin_templates
from hamtimer.ui.main_window import MainWindow


def test_window_lists_every_builtin_and_shows_details_of_the_selected_one(qtbot: QtBot) -> None:
    library = builtin_templates()
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    assert window.template_list.count() == len(library)
    window.template_list.setCurrentRow(1)
    shown = window.details.text()
    second = library[1].template
    assert second.name in shown and second.source.title in shown
    assert "Total:" in shown
