"""Icons: every name the app uses draws a glyph in the asked colour, from QtAwesome's Phosphor
font without importing QtAwesome; a missing font or name leaves the control's words alone."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from pytestqt.qtbot import QtBot

from hamtimer.ui import icons, theme


def inked_colours(drawn: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours of the icon drawn at 32 px."""
    image = drawn.pixmap(QSize(32, 32), mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:  # the glyph's inside, not its antialiased edge
                found.add(colour.name().upper())
    return found


@pytest.mark.parametrize("name", sorted(theme.ICONS))
def test_every_icon_the_app_names_draws_a_glyph_in_its_colour(qtbot: QtBot, name: str) -> None:
    drawn = theme.icon(name, "#C02040")
    assert not drawn.isNull()
    assert inked_colours(drawn) == {"#C02040"}


def test_a_disabled_control_shows_its_icon_in_the_muted_colour(qtbot: QtBot) -> None:
    drawn = theme.icon("start", "#C02040")
    assert inked_colours(drawn, QIcon.Mode.Disabled) == {theme.current().muted.upper()}


def test_an_unknown_name_is_an_empty_icon_and_one_log_line(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="hamtimer.ui.icons"):
        assert theme.icon("ph.no-such-glyph").isNull()
    assert "no icon named ph.no-such-glyph" in caplog.text


def test_a_missing_font_leaves_icons_out_without_an_error(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(icons, "font_folders", lambda: [tmp_path])
    icons.icon_font.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="hamtimer.ui.icons"):
            assert theme.icon("start").isNull()
        assert "no icon font" in caplog.text
    finally:
        icons.icon_font.cache_clear()


def test_an_unreadable_charmap_leaves_icons_out_without_an_error(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = icons.font_folders()[0]
    font = sorted(real.glob("phosphor-*.ttf"))[-1]
    (tmp_path / font.name).write_bytes(font.read_bytes())
    version = font.name.removeprefix("phosphor-").removesuffix(".ttf")
    (tmp_path / f"phosphor-charmap-{version}.json").write_text("[not a charmap", "utf-8")
    monkeypatch.setattr(icons, "font_folders", lambda: [tmp_path])
    icons.icon_font.cache_clear()
    try:
        assert theme.icon("start").isNull()
    finally:
        icons.icon_font.cache_clear()


def test_the_names_are_qtawesomes_phosphor_names() -> None:
    """Our names are QtAwesome's, so its charmap is the one truth for them."""
    folder = icons.font_folders()[0]
    charmap = json.loads(sorted(folder.glob("phosphor-charmap-*.json"))[-1].read_text("utf-8"))
    for name in theme.ICONS.values():
        assert name.removeprefix(icons.FONT_PREFIX) in charmap, name


def test_the_window_never_imports_qtawesome_or_qtpy() -> None:
    """Their import is the start-up cost this module exists to avoid."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from hamtimer.ui import theme\n"
        "assert not theme.icon('start').isNull()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qtawesome', 'qtpy')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout.strip() == "[]"
