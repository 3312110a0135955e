"""The Templates, History and Settings sections fit a 1024x600 screen: none sets a least size
larger than that (long content scrolls instead)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from hamtimer.ui.main_window import HISTORY_ROW, SETTINGS_ROW, TEMPLATES_ROW, MainWindow

SCREEN = (1024, 600)


def test_each_section_fits_a_1024_by_600_screen(window: MainWindow) -> None:
    for row in (TEMPLATES_ROW, HISTORY_ROW, SETTINGS_ROW):
        window.navigation.setCurrentRow(row)
        QApplication.processEvents()
        page = window.pages.currentWidget()
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        assert least.width() <= SCREEN[0] - 100, (row, least)  # the navigation takes ~70 px
        assert least.height() <= SCREEN[1] - 60, (row, least)  # menu and status bar
    window.resize(*SCREEN)
    QApplication.processEvents()
    assert window.width() <= SCREEN[0] and window.height() <= SCREEN[1]
