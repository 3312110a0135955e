"""The design system: phase colours readable in every theme (WCAG contrast), the stylesheet
drawing every role of the contract, and the theme switched live from Settings."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from hamtimer.core.vocabulary import Phase
from hamtimer.services.settings import Appearance, TextSize
from hamtimer.ui import theme
from hamtimer.ui.main_window import SETTINGS_ROW, MainWindow

THEMES = (theme.LIGHT, theme.DARK, theme.CONTRAST)


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert theme.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert theme.contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("palette", THEMES, ids=lambda p: p.name)
@pytest.mark.parametrize("phase", list(Phase))
def test_every_phase_has_readable_text_in_every_theme(phase: Phase, palette: theme.Palette) -> None:
    colours = palette.phases[phase]
    ratio = theme.contrast_ratio(colours.text, colours.background)
    assert ratio >= theme.MIN_TEXT_CONTRAST, f"{phase} in {palette.name}: {ratio:.2f}"


@pytest.mark.parametrize("palette", THEMES, ids=lambda p: p.name)
def test_the_pages_text_banners_and_buttons_are_readable(palette: theme.Palette) -> None:
    pairs = {
        "text": (palette.text, palette.window),
        "text on cards": (palette.text, palette.surface),
        "muted": (palette.muted, palette.window),
        "muted on cards": (palette.muted, palette.surface),
        "primary button": (palette.on_accent, palette.accent),
        "selection": (palette.on_selection, palette.selection),
        "banner": (palette.on_banner, palette.banner),
        "error banner": (palette.on_banner_error, palette.banner_error),
        "flash": (palette.flash.text, palette.flash.background),
        "done": (palette.done.text, palette.done.background),
    }
    for name, (text, background) in pairs.items():
        ratio = theme.contrast_ratio(text, background)
        assert ratio >= theme.MIN_TEXT_CONTRAST, f"{name} in {palette.name}: {ratio:.2f}"


@pytest.mark.parametrize("palette", THEMES, ids=lambda p: p.name)
def test_the_stylesheet_draws_every_role_and_size_of_the_contract(palette: theme.Palette) -> None:
    sheet = theme.stylesheet(palette)
    for role in theme.ROLES:
        assert f'[role="{role}"]' in sheet, role
    for size in theme.SIZES:
        assert f'[size="{size}"]' in sheet, size


def test_a_role_changes_how_a_label_is_drawn(window: MainWindow, qtbot: QtBot) -> None:
    label = QLabel("Heading")
    qtbot.addWidget(label)
    plain = label.sizeHint()
    label.setProperty("role", "title")
    theme.restyle(label)
    assert label.sizeHint().height() > plain.height()  # the title's larger type


def test_the_theme_switches_live_from_settings_and_is_remembered(
    window: MainWindow, qtbot: QtBot
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.navigation.setCurrentRow(SETTINGS_ROW)
    choice = window.settings_page.appearance
    choice.setCurrentIndex(choice.findData(Appearance.DARK.value))
    choice.activated.emit(choice.currentIndex())  # as a user's choice does
    assert theme.current() is theme.DARK
    assert app.palette().window().color().name().upper() == theme.DARK.window
    assert window._services.settings.appearance() == Appearance.DARK
    choice.setCurrentIndex(choice.findData(Appearance.LIGHT.value))
    choice.activated.emit(choice.currentIndex())
    assert theme.current() is theme.LIGHT
    assert app.palette().window().color().name().upper() == theme.LIGHT.window


def test_following_the_system_reads_the_desktops_scheme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    assert theme.resolve(Appearance.SYSTEM) is theme.DARK
    monkeypatch.setattr(theme, "system_is_dark", lambda: False)
    assert theme.resolve(Appearance.SYSTEM) is theme.LIGHT
    assert theme.resolve(Appearance.CONTRAST) is theme.CONTRAST


def test_the_text_size_is_chosen_in_settings_applied_at_once_and_remembered(
    window: MainWindow,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.navigation.setCurrentRow(SETTINGS_ROW)
    choice = window.settings_page.text_size
    body = app.font().pixelSize()
    choice.setCurrentIndex(choice.findData(TextSize.LARGER.value))
    choice.activated.emit(choice.currentIndex())  # as a user's choice does
    assert app.font().pixelSize() == round(body * 1.5)
    assert f"font-size: {round(theme.FONT_HEADING * 1.5)}px" in app.styleSheet()
    assert window._services.settings.text_size() == TextSize.LARGER
    choice.setCurrentIndex(choice.findData(TextSize.NORMAL.value))
    choice.activated.emit(choice.currentIndex())
    assert app.font().pixelSize() == body
