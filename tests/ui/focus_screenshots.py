"""Screenshots of the keyboard focus (issue 20): a control reached by Tab on each page (a Train
card, an exercise's words in the details, a quick-adjust box, a History leg card, a Settings
check box, the editor's problems), to judge whether the focus shows from a few metres away.
Called by `make_screenshots` for each theme (`focus`); runnable alone for light, dark and high
contrast: `xvfb-run -a python -m tests.ui.focus_screenshots OUTDIR`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from hamtimer.ui.main_window import SETTINGS_ROW, MainWindow
from hamtimer.ui.widgets.keyboard import tab_chain
from tests.support.window import figures_drawn

Focus = Callable[[MainWindow], QWidget]


def _train_card(window: MainWindow) -> QWidget:
    return window.browser.template_list


def _train_details(window: MainWindow) -> QWidget:
    return window.browser.details_view.rows[0].text


def _train_adjust(window: MainWindow) -> QWidget:
    adjust = window.browser.adjust
    assert adjust is not None
    return next(widget for widget in tab_chain(adjust) if widget.objectName().startswith("incl"))


def _history_card(window: MainWindow) -> QWidget:
    from tests.ui.make_screenshots import show_history

    show_history(window)
    return window.history_page.cards.cards[0]


def _settings_box(window: MainWindow) -> QWidget:
    window.navigation.setCurrentRow(SETTINGS_ROW)
    return window.settings_page.speak_cues


def _editor_problems(window: MainWindow) -> QWidget:
    from tests.ui.make_screenshots import show_editor, show_editor_problem

    show_editor(window)
    show_editor_problem(window)
    editor = window.template_editor
    assert editor is not None
    return editor.problems


def _scroll_to(widget: QWidget) -> None:
    holder = widget.parentWidget()
    while holder is not None and not isinstance(holder, QScrollArea):
        holder = holder.parentWidget()
    if holder is not None:
        holder.ensureWidgetVisible(widget)


SHOTS: tuple[tuple[str, Focus], ...] = (
    ("focus-train-card", _train_card),
    ("focus-train-details", _train_details),
    ("focus-train-adjust", _train_adjust),
    ("focus-history-card", _history_card),
    ("focus-settings", _settings_box),
    ("focus-editor-problems", _editor_problems),
)


def shoot_focus(app: QApplication, out: Path, theme: str) -> None:
    from tests.ui.make_screenshots import close, new_window

    for name, target in SHOTS:
        window, _clock = new_window(app, theme, (1280, 800))
        window.activateWindow()
        widget = target(window)
        for _ in range(4):  # layouts settle over a few passes of the event loop
            app.processEvents()
        widget.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab brings it, scrolled into view
        _scroll_to(widget)
        for _ in range(4):
            app.processEvents()
        figures_drawn(window)
        window.grab().save(str(out / f"{name}-{theme}.png"))
        editor = window.template_editor
        if editor is not None:
            editor.may_leave = lambda: True  # type: ignore[method-assign]  # closing must not ask
        close(app, window)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    for theme in ("light", "dark", "high-contrast"):
        shoot_focus(app, out, theme)
    print(f"screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
