"""Train's gallery: the cards' columns follow the width, and settle."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hamtimer.ui.train.template_gallery import CardFacts, TemplateGallery

CARDS = [
    CardFacts(f"t{n}", f"Template {n}", "12:00", "beginner", ("mat",), "Some article")
    for n in range(7)
]


def _settle() -> None:
    for _ in range(15):
        QApplication.processEvents()


def test_the_columns_settle_at_every_size(qtbot: QtBot) -> None:
    """A scroll bar that comes with one more row of cards and goes again with one more
    column once changed the columns at every turn of the event loop: the window repainted
    a thousand times a second, for good."""
    gallery = TemplateGallery()
    qtbot.addWidget(gallery)
    gallery.show_cards(CARDS)
    gallery.show()
    fits: list[int] = []
    fit_columns = gallery._fit_columns
    gallery._fit_columns = lambda: (fits.append(1), fit_columns())[1]  # type: ignore[method-assign]
    restless = []
    for height in (180, 340, 500):
        for width in range(320, 1300, 10):
            gallery.resize(width, height)
            _settle()
            fits.clear()
            _settle()
            if fits:
                restless.append((width, height))
    assert restless == []
